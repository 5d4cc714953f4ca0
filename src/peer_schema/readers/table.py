"""CSV and TSV tables, streamed: one table per class, one row per record.

The file's name says which records it holds (`Organisation.csv`, `organisations.csv`,
`PeerWorker.tsv`, `Organisation-2026.csv`); the header row names the fields (`name`,
`membership.member_count`, `title.fr`, `disclosure_consents.1.audiences`); a cell with several
values separates them with a pipe (`federation | university`). Each row becomes the object it
would be in JSON, so every check applies unchanged, with the row's line and each field's column.

`Dataset.csv` (one row) gives the dataset's header; the tables beside it are read as part of
that dataset (its access rights choose the export profile, its prefixes are the declared ones).
See docs/tables.md.

One cell: table_cells.py; the header: table_header.py; rows into records: table_rows.py (the
pipeline workbooks share); this module reads the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from .errors import Notice, ReadError, TableStart
from .limits import DOCUMENT_SHARE, Limits, size_problem
from .source import bounded_lines, open_input
from .table_cells import SEPARATOR, cell_to_value, code_for_label
from .table_header import DATASET, _name_key, class_of_file, column_steps, table_classes
from .table_rows import read_table

#: the extensions read as tables, and their cell separator
DELIMITERS = {".csv": ",", ".tsv": "\t"}
_BOM = b"\xef\xbb\xbf"


# -- the file ------------------------------------------------------------------------------------
@dataclass
class _Lines:
    """Lines of the file as text, for the csv module; remembers which could not be decoded."""
    bad: list[tuple[int, int]] = field(default_factory=list)  # (line, byte offset in the file)
    binary: int | None = None  # the line of a NUL byte

    def read(self, stream, max_line: int | None = None) -> Iterator[str]:
        offset = 0
        for number, raw in enumerate(stream, start=1):
            if max_line is not None and len(raw) > max_line:  # the csv module would hold all its cells at once
                raise ReadError("read.field-too-large", f"line {number} is over {max_line:,} bytes long", number,
                                params={"size": f"more than {max_line:,}", "limit": max_line})
            if number == 1 and raw.startswith(_BOM):
                raw, offset = raw[3:], 3
            if b"\x00" in raw:
                self.binary = number
                return
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.bad.append((number, offset + exc.start))
                text = raw.decode("utf-8", "replace")
            offset += len(raw)
            yield text


def _delimiter(path: Path, first_line: str, fmt: str | None) -> str:
    if first_line.startswith("sep=") and len(first_line.strip()) == 5:  # Excel's "sep=;" line
        return first_line[4]
    delimiter = "\t" if fmt == "tsv" else DELIMITERS.get(path.suffix.lower(), ",")
    # A spreadsheet set to French (or German...) saves "CSV" with semicolons. Field names never
    # hold a comma or a semicolon, so a header with semicolons and no comma says which it is.
    if delimiter == "," and "," not in first_line and ";" in first_line:
        return ";"
    return delimiter


def iter_table(path: Path, limits: Limits | None = None, fmt: str | None = None) -> Iterator[tuple | ReadError]:
    """(line, record, columns) for each row of a table, or a ReadError for what cannot be read.

    `line` is the row's first line in the file (the header is line 1); `columns` maps the JSON
    pointer of each field (and of each group of fields) to its column, 1-based. A row that
    cannot be read does not stop the reading, except when the rest of the file cannot be
    trusted (a NUL byte, a cell over the size limit).
    """
    limits = limits or Limits()
    cls = class_of_file(path)
    if cls is None:
        names = ", ".join(sorted({c + path.suffix for c in table_classes().values()}))
        yield ReadError("read.syntax", f"{path.name}: the name does not say which records the table holds",
                        params={"format": "CSV",
                                "problem": f"the file's name must say which records it holds ({names}, or the "
                                           "dataset's list: organisations, peer_workers...)"})
        return
    problem = size_problem(path, limits)
    if problem is not None:
        yield problem
        return
    if cls == DATASET:
        yield from _dataset_rows(path, limits, fmt)
        return
    header_row = dataset_header(path, limits)
    if header_row is not None:
        yield None, header_row
    yield from _rows(path, cls, limits, fmt)


def _dataset_rows(path: Path, limits: Limits, fmt: str | None) -> Iterator:
    """The dataset table's items. A header without a row, with no record in the tables beside it
    either, is the CSV template read back as it was made: said as such (read.empty-tables)."""
    header_seen = False
    for item in _rows(path, DATASET, limits, fmt):
        header_seen = header_seen or isinstance(item, TableStart)
        if isinstance(item, ReadError) and item.code == "read.empty" and header_seen and not _records_beside(path, limits):
            item = ReadError("read.empty-tables", "the tables have no records yet: fill them")
        yield item


def _records_beside(path: Path, limits: Limits) -> bool:
    """Whether a table beside the dataset's holds a record (read up to its first one)."""
    try:
        siblings = sorted(p for p in path.parent.iterdir() if p.suffix.lower() in DELIMITERS and p.is_file())
    except OSError:
        return True
    for sibling in siblings:
        cls = class_of_file(sibling)
        if cls is None or cls == DATASET:
            continue
        with closing(_rows(sibling, cls, limits, None)) as items:
            if any(isinstance(item, tuple) for item in items):
                return True
    return False


def _rows(path: Path, cls: str, limits: Limits, fmt: str | None) -> Iterator[tuple | ReadError]:
    return read_table(cls, _csv_rows(path, limits, fmt), limits.max_digits, max_columns=limits.max_columns)


def _csv_rows(path: Path, limits: Limits, fmt: str | None) -> Iterator[tuple[int, list[str]] | ReadError]:
    """(line, cells) for each row of a CSV or TSV file, or a ReadError."""
    # The csv module's cell limit is one setting for the whole process: set to ours on each read.
    csv.field_size_limit(limits.max_field_chars)
    lines = _Lines()
    try:
        stream, _ = open_input(path)
    except ReadError as exc:
        yield exc
        return
    with stream:
        max_line = max(4 * limits.max_field_chars, limits.max_bytes // DOCUMENT_SHARE)
        source = lines.read(bounded_lines(stream, limits.max_bytes, max_line), max_line)
        leading = []  # the lines up to the first that holds something: it says the separator
        try:
            for text in source:
                leading.append(text)
                if not text.isspace():
                    break
        except ReadError as exc:  # over the size limit before the header ends
            yield exc
            return
        if not leading or leading[-1].isspace():
            if lines.binary:
                yield ReadError("read.binary", "the file looks like a binary file, not text", lines.binary)
            else:
                yield ReadError("read.empty", "the file holds no data")
            return

        delimiter = _delimiter(path, leading[-1], fmt)
        if leading[-1].startswith("sep="):
            leading[-1] = "\n"  # not the header: an empty line, so the line numbers stay right
        reader = csv.reader(chain(leading, source), delimiter=delimiter, strict=True)
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except ReadError as exc:  # over the size limit: a pipe, or a file that grew
                yield exc
                return
            except csv.Error as exc:
                if lines.binary:
                    break
                if "field larger than field limit" in str(exc):
                    # The rest of the file cannot be split into rows reliably (an unclosed quote
                    # reads everything after it as one cell): stop here.
                    yield ReadError("read.field-too-large", f"a cell of the row at line {start} is over "
                                    f"{limits.max_field_chars:,} characters", start,
                                    params={"size": f"more than {limits.max_field_chars:,}",
                                            "limit": limits.max_field_chars})
                    return
                lines.bad.clear()
                yield ReadError("read.syntax", f"line {start}: {exc}", start,
                                params={"format": "CSV", "problem": str(exc)})
                continue
            if lines.binary:
                break
            if lines.bad:
                line, offset = lines.bad[0]
                lines.bad.clear()
                yield ReadError("read.encoding", f"the row at line {start} is not UTF-8 text (line {line}, byte {offset})",
                                start, params={"offset": offset})
                continue
            yield start, row
        if lines.binary:
            yield ReadError("read.binary", "the file looks like a binary file, not text", lines.binary)


def _sibling_dataset(path: Path) -> Path | None:
    try:
        siblings = sorted(p for p in path.parent.iterdir()
                          if p.suffix.lower() in DELIMITERS and _name_key(p.stem) == _name_key(DATASET) and p.is_file())
    except OSError:
        return None
    return siblings[0] if siblings else None


def dataset_header(path: Path, limits: Limits | None = None) -> dict | None:
    """The header of the dataset a table belongs to: the one row of the `Dataset.csv` (or .tsv)
    beside it, when it can be read and passes the structure check; otherwise None (that file's
    own problems are reported where it is checked, and the table is checked as if it stood alone).
    """
    sibling = _sibling_dataset(path)
    if sibling is None:
        return None
    from ..schema_validator import conforms

    with closing(_rows(sibling, DATASET, limits or Limits(), None)) as items:
        item = next((i for i in items if not isinstance(i, (TableStart, Notice))), None)
    if item is None or isinstance(item, ReadError):
        return None
    _, header, _ = item
    body = {k: v for k, v in header.items() if k != "@type"}
    if not conforms(body, DATASET):
        return None
    return header


__all__ = ["DELIMITERS", "SEPARATOR", "cell_to_value", "class_of_file", "code_for_label", "column_steps",
           "dataset_header", "iter_table", "read_table", "table_classes"]
