"""Workbooks (.xlsx, and LibreOffice's .ods): one sheet per kind of record, read like CSV tables.

The sheet's name says which records it holds (`Organisations`, `Travailleurs pairs`,
`PeerWorker`); its rows go through the same pipeline as a CSV file's (readers/table.py), so the
rules for headers and cells are the same: labels in English or French or field names, in any
order; codes or labels in vocabulary cells. What only workbooks have is handled here:

- cells hold numbers, dates and booleans, not only text: a date becomes YYYY-MM-DD, a whole
  number loses its ".0", and a number in a date column (a date typed where the cell was not
  formatted as a date) is read as the day it counts;
- a header cell merged across several columns is the title of a group, and the row under it
  names the columns of the group ("Membership profile" over "Member count");
- formulas are never evaluated here: the value the spreadsheet last saved is read;
- the Dataset sheet is read first, whatever its place, so its header applies to every sheet.

Cells are read by calamine (Rust). A workbook is a zip: its declared unpacked size is checked
against the size limit before anything is unpacked.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..sheets.layout import DATASET, class_label, class_of_sheet, normal_label, sheet_classes
from .errors import Notice, ReadError, TableStart
from .limits import Limits, size_problem
from .table import read_table

#: the template's sheets that hold no records (read-me and the lists of the drop-downs)
INFO_SHEETS = frozenset(normal_label(n) for n in ("Read me", "À lire", "Lists", "Listes"))
WORKBOOK_FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods"}


#: the most cells a sheet may span (from its first to its last row and column): calamine makes a
#: grid of that size, so one cell written at XFD1048576 would ask for half a terabyte
MAX_GRID_CELLS = 25_000_000
#: a cell beyond column ZZ or row 99,999: only then are a sheet's extents worked out exactly
_FAR_CELL = re.compile(rb'<c r="(?:[A-Z]{3}|[A-Z]{1,2}[0-9]{6,})')
_CELL_REF = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _grid_problem(path: Path) -> tuple[int, int] | None:
    """(last row, last column) of a sheet that would be too large a grid to read, or None.
    Streams each sheet's XML once; the exact extents are worked out only for sheets that reach
    far."""
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                name = info.filename
                if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                    continue
                with archive.open(info) as fh:
                    far, tail = False, b""
                    while chunk := fh.read(1 << 22):
                        data = tail + chunk
                        if _FAR_CELL.search(data):
                            far = True
                            break
                        tail = data[-24:]
                if far:
                    rows = columns = 0
                    with archive.open(info) as fh:
                        tail = b""
                        while chunk := fh.read(1 << 22):
                            data = tail + chunk
                            cut = data.rfind(b"<")  # a reference cut in two is read with the next chunk
                            for letters, digits in _CELL_REF.findall(data, 0, cut):
                                columns = max(columns, _column_number(letters))
                                rows = max(rows, int(digits))
                            tail = data[cut:]
                    if rows * columns > MAX_GRID_CELLS:
                        return rows, columns
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zlib.error, NotImplementedError):
        return None  # not a readable zip: calamine says what is wrong with it
    return None


_ODS_ROW = re.compile(rb'<table:table-row\b([^>]*)>')
_ODS_CELL = re.compile(rb'<table:table-cell\b([^>]*?)(/?)>')
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d{1,9})"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d{1,9})"')


def _ods_row_cells(data: bytes, end: int) -> int:
    """Cells with a value that the rows in data[:end] make, their repeat counts multiplied out."""
    total = 0
    for row in _ODS_ROW.finditer(data, 0, end):
        row_end = data.find(b"</table:table-row>", row.end(), end)
        row_end = end if row_end < 0 else row_end
        repeated = _ROWS_REPEATED.search(row.group(1))
        rows = int(repeated.group(1)) if repeated else 1
        for cell in _ODS_CELL.finditer(data, row.end(), row_end):
            attributes = cell.group(1)
            if b"value-type" not in attributes and cell.group(2):
                continue  # an empty cell
            repeated = _COLUMNS_REPEATED.search(attributes)
            total += rows * (int(repeated.group(1)) if repeated else 1)
    return total


def _ods_cells(path: Path) -> int | None:
    """How many cells with a value an OpenDocument workbook's repeat counts make (a row repeated
    a million times over a cell repeated sixteen thousand times is one line of XML), or None when
    the file is not a zip with content.xml. Empty cells are left out: calamine skips them."""
    try:
        with zipfile.ZipFile(path) as archive, archive.open("content.xml") as fh:
            total, tail = 0, b""
            while chunk := fh.read(1 << 22):
                data = tail + chunk
                cut = data.rfind(b"<table:table-row")  # the last row may go on in the next chunk
                if cut <= 0 and len(data) < (1 << 25):
                    tail = data
                    continue
                cut = cut if cut > 0 else len(data)  # one row of over 32 MB: counted as it is
                total += _ods_row_cells(data, cut)
                tail = data[cut:]
                if total > MAX_GRID_CELLS:
                    return total
            return total + _ods_row_cells(tail, len(tail))
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error, NotImplementedError):
        return None


def _unpacked_size(path: Path) -> int | None:
    """What the workbook's parts declare they unpack to (None: not a zip)."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def iter_workbook(path: Path, limits: Limits | None = None) -> Iterator:
    """The items of every sheet of a workbook, as `iter_table` gives them for a CSV file:
    TableStart, notices, (line, record, columns), ReadError. The line is the sheet's row."""
    limits = limits or Limits()
    problem = size_problem(path, limits)
    if problem is not None:
        yield problem
        return
    unpacked = _unpacked_size(path)
    if unpacked is not None and unpacked > 4 * limits.max_bytes:
        # a few kilobytes that unpack to gigabytes (a zip bomb) are refused before unpacking
        yield ReadError("read.too-large", f"the workbook unpacks to {unpacked:,} bytes",
                        params={"size": unpacked, "limit": 4 * limits.max_bytes})
        return
    if path.suffix.lower() == ".ods":
        cells = _ods_cells(path)
        if cells is not None and cells > MAX_GRID_CELLS:
            yield ReadError("read.sheet-too-large", f"the sheets' repeated cells make {cells:,} cells",
                            params={"cells": f"{cells:,}", "limit": f"{MAX_GRID_CELLS:,}",
                                    "where": " (cells repeated many times)", "where_fr": " (cellules répétées)"})
            return
    grid = _grid_problem(path)
    if grid is not None:
        rows, columns = grid
        yield ReadError("read.sheet-too-large", f"a sheet reaches row {rows:,} and column {columns:,}",
                        params={"cells": f"{rows * columns:,}", "limit": f"{MAX_GRID_CELLS:,}",
                                "where": f" (it reaches row {rows:,} and column {columns:,})",
                                "where_fr": f" (elle va jusqu'à la ligne {rows:,} et la colonne {columns:,})"})
        return
    from python_calamine import CalamineWorkbook  # imported here: only workbooks need it

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
    except Exception as exc:  # calamine raises its own errors for every kind of broken file
        yield _broken(exc)
        return
    sheets: list[tuple[str, str]] = []
    for name in names:
        cls = class_of_sheet(name)
        if cls is not None:
            sheets.append((name, cls))
        elif normal_label(name) not in INFO_SHEETS:
            try:
                holds_data = book.get_sheet_by_name(name).height > 0
            except Exception:  # noqa: BLE001 - a sheet calamine cannot read is reported as unread
                holds_data = True
            if holds_data:
                known = ", ".join(class_label(c, "en") for c in sheet_classes())
                yield Notice("table.unknown-sheet", {"sheet": name, "known": known})
    sheets.sort(key=lambda item: item[1] != DATASET)  # the dataset's header first
    for name, cls in sheets:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = _rows(sheet)
            yield from read_table(cls, rows, limits.max_digits, sheet=name)
        except ReadError as exc:
            yield exc
        except Exception as exc:  # noqa: BLE001 - calamine's errors while reading a sheet
            yield _broken(exc)
            return
    book.close()


def _broken(exc: Exception) -> ReadError:
    problem = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return ReadError("read.syntax", f"not a workbook that can be read: {problem}",
                     params={"format": "xlsx", "problem": f"the file is not a workbook that can be read ({problem}); "
                             "save it again from the spreadsheet as .xlsx or .ods"})


def _rows(sheet) -> Iterator[tuple[int, list]]:
    """(row number, cells from column A) for each row; the header's merged group titles joined
    with the row under them; a data cell merged down over several rows given to each of them."""
    offset = [""] * sheet.start[1] if sheet.start else []
    ranges = sheet.merged_cell_ranges or ()
    merged = [r for r in ranges if r[0][1] != r[1][1]]  # across columns
    downwards: dict[int, list[tuple[int, int]]] = {}  # first row -> (column, last row) of merges down
    for (r1, c1), (r2, _) in ranges:
        if r2 > r1:
            downwards.setdefault(r1, []).append((c1, r2))
    rows = enumerate(sheet.iter_rows(), start=1)
    header_rows = 0
    for number, row in rows:
        if offset:
            row = offset + row
        if all(c == "" or c is None for c in row):
            continue
        in_header = [r for r in merged if r[0][0] == number - 1]
        if not in_header:
            header_rows = number
            yield number, row
        else:
            below = next(rows, (number + 1, []))[1]
            header_rows = number + 1
            yield number + 1, _two_level_header(row, offset + below if offset else below, in_header, number - 1)
        break
    if not offset and not downwards:
        yield from rows  # the usual sheet: its rows as they are
        return
    copies: dict[int, list[tuple[int, object]]] = {}  # row index -> (column, value) to copy in
    for number, row in rows:
        if offset:
            row = offset + row
        index = number - 1
        if downwards and index >= header_rows:
            for column, last in downwards.get(index, ()):
                if column < len(row):
                    for below in range(index + 1, last + 1):
                        copies.setdefault(below, []).append((column, row[column]))
            for column, value in copies.pop(index, ()):
                if column < len(row) and row[column] in ("", None):
                    row[column] = value
        yield number, row


def _two_level_header(top: list, below: list, merged: list, row_index: int) -> list:
    """One header from two rows: a title merged across columns over the names of its columns
    ("Membership profile" over "Member count" -> "Membership profile – Member count")."""
    width = max(len(top), len(below))
    top = list(top) + [""] * (width - len(top))
    below = list(below) + [""] * (width - len(below))
    out = []
    for c in range(width):
        group = next((top[r[0][1]] for r in merged if r[0][1] <= c <= r[1][1]), None)
        sub = str(below[c]).strip() if below[c] not in ("", None) else ""
        if group not in (None, ""):
            out.append(f"{group} – {sub}" if sub else str(group))
        else:
            out.append(top[c] if top[c] not in ("", None) else sub)
    return out


__all__ = ["INFO_SHEETS", "WORKBOOK_FORMATS", "iter_workbook"]
