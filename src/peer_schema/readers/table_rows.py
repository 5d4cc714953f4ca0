"""The rows of a table as records: the header first, then one record per row that holds a value.

`read_table` is the one row pipeline of CSV files and workbooks' sheets: it finds the header
(and the template's row of field names under it), then makes each row the object it would be in
JSON, with the column of each field, so every check applies unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from itertools import chain, compress, repeat
from operator import ne

from .errors import Notice, ReadError, TableStart
from .jsonl_reader import TYPE_KEY
from .limits import Limits
from .table_cells import _cell_text, _native
from .table_header import (DATASET, _IGNORED, _Column, _escape, _header, _name_key, _unknown_column,
                           _unnamed, header_language, is_machine_row)

class _Items(dict):
    """The objects of a list while a row is read, by the position the header gives them."""


def _put(record: dict, steps: tuple, value: object) -> None:
    node = record
    last = len(steps) - 1
    for i in range(last):
        step = steps[i]
        child = node.get(step)
        if child is None:
            child = node[step] = _Items() if steps[i + 1].__class__ is int else {}
        node = child
    node[steps[last]] = value


def _list_pointers(record: dict, steps: tuple) -> tuple[str, ...]:
    """The pointers of a field inside lists of objects: the positions are those the list has
    once the empty groups are left out (`consents.1` and `consents.3` filled: /0 and /1)."""
    out, pointer, node = [], "", record
    for step in steps:
        pointer += "/" + (str(sorted(node).index(step)) if isinstance(step, int) else _escape(step))
        out.append(pointer)
        node = node[step]
    return tuple(out)


class _Columns(Mapping):
    """The JSON pointer of each field of a row (and of each group: its first column) -> its
    column. Worked out when first asked: most rows have no finding."""

    __slots__ = ("_filled", "_data")

    def __init__(self, filled: list[_Column], record_with_gaps: dict | None = None):
        self._filled = filled
        self._data = None if record_with_gaps is None else self._work_out(record_with_gaps)

    def _work_out(self, record: dict | None = None) -> dict[str, int]:
        data: dict[str, int] = {}
        for column in self._filled:
            pointers = _list_pointers(record, column.steps) if record is not None and column.in_list else column.pointers
            for pointer in pointers:
                data.setdefault(pointer, column.number)
        return data

    def _map(self) -> dict[str, int]:
        if self._data is None:
            self._data = self._work_out()
        return self._data

    def __getitem__(self, pointer: str) -> int:
        return self._map()[pointer]

    def __iter__(self):
        return iter(self._map())

    def __len__(self) -> int:
        return len(self._map())


def _has_gap(node: object) -> bool:
    """Whether a list being read (or a list inside it) misses a position."""
    if isinstance(node, _Items):
        return len(node) != max(node) + 1 or any(_has_gap(v) for v in node.values())
    if isinstance(node, dict):
        return any(_has_gap(v) for v in node.values() if isinstance(v, dict))
    return False


def _compact(node: object) -> object:
    if isinstance(node, _Items):
        return [_compact(node[k]) for k in sorted(node)]
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, dict):
                node[key] = _compact(value)
    return node


_NUMBERS = range(1 << 20)  # column positions (0-based); more columns than a spreadsheet allows
_EMPTY = repeat("")


def _record(cls: str, header: list[_Column | None], row: list) -> tuple[dict, Mapping[str, int]] | ReadError | None:
    """The record of one row and the column of each field; None for a row without any value.
    Cells are text (CSV) or what a workbook holds: text, numbers, booleans, dates."""
    record: dict = {TYPE_KEY: cls}
    filled: list[_Column] = []
    grouped = False
    width = len(header)
    cells = zip(_NUMBERS, header, row) if len(row) <= width else \
        zip(_NUMBERS, chain(header, repeat(None)), row)  # values beyond the header: without a name
    # Most cells of a wide sheet are empty: they are left out in C, not looked at one by one.
    for index, column, cell in compress(cells, map(ne, row, _EMPTY)):
        if cell is None or column is _IGNORED:
            continue
        if column is None:
            column = _unnamed(index + 1)
        if cell.__class__ is str:
            value = column.convert(cell)  # None for a cell of spaces
        else:  # a workbook's number, boolean or date
            value = _native(cell, column.kind)
            if value is None:
                value = column.convert(_cell_text(cell, column.kind == "date"))
        if value is None:
            continue
        key = column.key
        if key is not None:
            record[key] = value
        else:
            _put(record, column.steps, value)
            grouped = True
        filled.append(column)
    if len(record) == 1:
        return None
    if record[TYPE_KEY] is not cls:  # a column gave the row's class, as in JSON Lines
        value = record[TYPE_KEY]
        if _name_key(value) != _name_key(cls):
            column = next(c for c in filled if c.key == TYPE_KEY)
            return ReadError("read.syntax", f'the row says it is a {value}, in a table of {cls}', None, column.number,
                             params={"format": "CSV", "problem": f'the row\'s {TYPE_KEY} is "{value}", in a table '
                                     f"of {cls} records (the file's name says which)"})
        record[TYPE_KEY] = cls
        if len(record) == 1:
            return None
    columns = _Columns(filled)
    if grouped:
        lists = {column.steps[0] for column in filled if column.in_list}
        # Positions in lists are those the header gives, unless a group was left empty
        # (consents 1 and 3 filled: they become 0 and 1): then they are counted now, before
        # the lists are made.
        if not lists:
            pass
        elif header.deep:  # lists of groups inside lists of groups: the general way
            if any(_has_gap(record[key]) for key in lists):
                columns = _Columns(filled, record)
            for key in lists:
                record[key] = _compact(record[key])
        else:
            ordered = {key: sorted(record[key]) for key in lists}
            if any(positions[-1] != len(positions) - 1 for positions in ordered.values()):
                columns = _Columns(filled, record)
            for key, positions in ordered.items():
                items = record[key]
                record[key] = [items[p] for p in positions]
    return record, columns


# -- the table -------------------------------------------------------------------------------------
#: what a row source says when nothing after it can be trusted
_FATAL = frozenset({"read.empty", "read.binary", "read.field-too-large", "read.too-large", "read.unreadable"})


def _blank(row: list) -> bool:
    return all(c is None or c == "" or (isinstance(c, str) and c.isspace()) for c in row)


def _start(sheet: str | None, cls: str, header: list[_Column | None]) -> TableStart:
    known = [c for c in header if c is not None and c.number]
    # the label as the person wrote it, without the template's mark of a required column
    labels = {c.number: c.label.rstrip(" *") or c.label for c in known}
    names = {".".join(str(s + 1) if isinstance(s, int) else s for s in c.steps): c.number for c in known}
    return TableStart(sheet, cls, labels, names, header_language(cls, labels, names))


class _Header(list):
    """The columns of a table, in order (None: a column without a name)."""

    deep = True
    line = 1
    #: (0-based index, header, "name" | "contact" | "birth-date") of each column of people's names,
    #: contact details or birth dates (peer workers' sheet)
    names: list = []


def _begin(cls: str, pending: tuple, max_digits: int, machine: list | None, sheet: str | None,
           max_columns: int = Limits.max_columns):
    """Yield a table's start and the notices about its header; return its columns (None when
    the header is refused, after yielding why)."""
    made = _header(cls, pending[1], pending[0], max_digits, machine, max_columns)
    if isinstance(made, ReadError):
        yield made
        return None
    if not any(c is not None and c is not _IGNORED for c in made[0]):
        # Not a header: the row of column names is missing (or the table holds something else).
        # Its cells are data, perhaps personal: they are not repeated in the report.
        yield ReadError("read.syntax", f"line {pending[0]}: no column the model knows", pending[0],
                        params={"format": "CSV", "problem": f"row {pending[0]} should name the columns, but none "
                                "of its cells is a column of this table: the row of column names is missing, or "
                                "the table holds other records (start from the template)"})
        return None
    header = _Header(made[0])
    header.line, header.names = pending[0], made[2]
    # whether a list of groups holds lists of groups: rows then take the general (slower) way
    header.deep = any(sum(isinstance(s, int) for s in c.steps) > 1 for c in header if c is not None)
    yield _start(sheet, cls, header)
    yield from made[1]
    return header




#: what a column of contact details or birth dates holds, in the finding's words
_PERSONAL_WORDS = {"contact": ("contact details", "des coordonnées"),
                   "birth-date": ("dates of birth", "des dates de naissance")}


#: a prefix as identifiers start with it (`pen` in `pen:pw/7f3a9c`)
_PREFIX = re.compile(r"[A-Za-z][\w.-]{0,39}")


def _identifier_example(header: _Header, row: list) -> dict[str, str]:
    """How this workbook's peer workers' identifiers start (`pen:pw/`), from the prefix of the
    row's own identifier (the prefix is the association's, never personal); a neutral wording
    without one."""
    index = next((c.number - 1 for c in header if c is not None and c.key == "id"), None)
    cell = row[index] if index is not None and index < len(row) else None
    prefix = cell.strip().split(":", 1)[0] if isinstance(cell, str) and ":" in cell else ""
    if _PREFIX.fullmatch(prefix):
        return {"example": f"{prefix}:pw/", "example_fr": f"{prefix}:pw/"}
    return {"example": 'your prefix, then ":pw/"', "example_fr": "votre préfixe, puis « :pw/ »"}


def _names_found(header: _Header, row: list) -> Iterator[Notice]:
    """An error for each column of names, contact details or birth dates that holds a value in
    this row, once per column (the value is never repeated: the finding names the column)."""
    for index, label, kind in list(header.names):
        cell = row[index] if index < len(row) else None
        if cell is not None and cell != "" and not (isinstance(cell, str) and cell.isspace()):
            header.names = [n for n in header.names if n[0] != index]
            if kind == "name":
                yield Notice("table.name-column", {"column": label, **_identifier_example(header, row)},
                             header.line, index + 1)
            else:
                what, what_fr = _PERSONAL_WORDS[kind]
                yield Notice("table.personal-column", {"column": label, "what": what, "what_fr": what_fr},
                             header.line, index + 1)


def read_table(cls: str, source: Iterator[tuple[int, list] | ReadError], max_digits: int,
               sheet: str | None = None, max_columns: int = Limits.max_columns
               ) -> Iterator[tuple | ReadError | Notice | TableStart]:
    """The records of one table (a CSV file, a workbook's sheet) from its rows.

    The first row that holds anything is the header: labels in English or French, or field
    names, in any order. When the row under it holds only field names (the template's second
    row), those name the columns. Yields a TableStart, the notices about the header, then
    (line, record, columns) for each row that holds a value, and a ReadError for each row that
    cannot be read.
    """
    header: list[_Column | None] | None = None
    pending = None  # the header row, until the row under it says whether it holds field names
    rows = 0
    for item in source:
        if isinstance(item, ReadError):
            yield item
            if item.code in _FATAL or (pending is None and item.code == "read.encoding"):
                return  # without its header row, no other row can be read
            continue
        start, row = item
        if header is None and pending is None:
            if not _blank(row):
                pending = (start, row)  # whole: the header's notice counts the columns past the limit
            continue
        if len(row) > max_columns:
            row = row[:max_columns]  # cells past the last column read are not looked at
        if header is None:
            machine = row if is_machine_row(cls, pending[1], row, max_digits) else None
            header = yield from _begin(cls, pending, max_digits, machine, sheet, max_columns)
            if header is None:
                return
            if machine is not None:
                continue
        if header.names:
            yield from _names_found(header, row)
        made = _record(cls, header, row)
        if made is None:
            continue  # an empty row, as spreadsheets leave them at the end
        if isinstance(made, ReadError):
            made.line = start
            yield made
            continue
        rows += 1
        if cls == DATASET and rows > 1:
            yield ReadError("read.syntax", f"line {start}: a dataset table has one row", start,
                            params={"format": "CSV", "problem": "the dataset table holds one row, the dataset's "
                                    f"header; the row at line {start} is a second one"})
            continue
        yield start, made[0], made[1]
    if header is None and pending is not None:  # a header and nothing under it
        header = yield from _begin(cls, pending, max_digits, None, sheet, max_columns)
        if header is None:
            return
    for index, label, _ in header.names if header is not None else ():  # a column of names left empty
        yield _unknown_column(label, "", header.line, index + 1)
    if header is None or (cls == DATASET and rows == 0):
        yield ReadError("read.empty", "the file holds no data")
