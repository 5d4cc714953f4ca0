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

Cells are read by calamine (Rust), once workbook_guard.py has read every part with a streaming
XML parser and found nothing that would make calamine allocate more than the limits allow.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..table_layout import DATASET, class_label, class_of_sheet, normal_label, sheet_classes
from .errors import Notice, ReadError, TableStart
from .limits import Limits, size_problem
from .table import read_table
from .workbook_guard import broken, workbook_problem

#: the template's sheets that hold no records (read-me and the lists of the drop-downs)
INFO_SHEETS = frozenset(normal_label(n) for n in ("Read me", "À lire", "Lists", "Listes"))
WORKBOOK_FORMATS = {".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods"}


def iter_workbook(path: Path, limits: Limits | None = None) -> Iterator:
    """The items of every sheet of a workbook, as `iter_table` gives them for a CSV file:
    TableStart, notices, (line, record, columns), ReadError. The line is the sheet's row."""
    limits = limits or Limits()
    problem = size_problem(path, limits)
    if problem is None and not path.is_file():  # a zip is read by seeking: a pipe cannot be
        problem = ReadError("read.unreadable", "a workbook is read from a file, not a pipe",
                            params={"reason": "a workbook is read from a file, not from a pipe"})
    if problem is not None:
        yield problem
        return
    kind = "ods" if path.suffix.lower() == ".ods" else "xlsx"
    problem = workbook_problem(path, limits, kind)  # what calamine would allocate, worked out first
    if problem is not None:
        yield problem
        return
    from python_calamine import CalamineWorkbook  # imported here: only workbooks need it

    try:
        book = CalamineWorkbook.from_path(str(path))
        names = book.sheet_names
    except Exception as exc:  # calamine raises its own errors for every kind of broken file
        yield broken(str(exc) or type(exc).__name__, kind)
        return
    sheets: list[tuple[str, str]] = []
    unknown: list[str] = []
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
                unknown.append(name)
    # the sheets' names as this workbook writes them: in French when its other sheets are
    french = any(normal_label(n) == normal_label(class_label(c, "fr")) != normal_label(class_label(c, "en"))
                 for n, c in sheets)
    known = ", ".join(class_label(c, "fr" if french else "en") for c in sheet_classes())
    for name in unknown:
        yield Notice("table.unknown-sheet", {"sheet": name, "known": known})
    sheets.sort(key=lambda item: item[1] != DATASET)  # the dataset's header first
    empty_dataset = None  # the Dataset sheet's read.empty, said once every sheet is read
    records = 0
    for name, cls in sheets:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = _rows(sheet)
            for item in read_table(cls, rows, limits.max_digits, sheet=name, max_columns=limits.max_columns):
                if isinstance(item, tuple):
                    records += 1
                elif isinstance(item, ReadError) and item.code == "read.empty" and cls == DATASET:
                    empty_dataset = item
                    continue
                yield item
        except ReadError as exc:
            yield exc
        except Exception as exc:  # noqa: BLE001 - calamine's errors while reading a sheet
            yield broken(str(exc) or type(exc).__name__, kind)
            return
    book.close()
    if empty_dataset is not None and records:
        yield TableStart(next(n for n, c in sheets if c == DATASET), DATASET, {})
        yield empty_dataset
    elif empty_dataset is not None:  # a template as it was made: nothing typed in yet
        yield TableStart(None, DATASET, {})
        yield ReadError("read.empty-workbook", "the workbook has no records yet: fill the sheets")


def _rows(sheet) -> Iterator[tuple[int, list]]:
    """(row number, cells from column A) for each row; the header's merged group titles joined
    with the row under them; a data cell merged down over several rows given to each of them.
    Merged ranges cost no more than the cells the sheet holds: a range is followed only down
    the rows that exist, one value per column at a time (workbook_guard.py bounds their number)."""
    offset = [""] * sheet.start[1] if sheet.start else []
    ranges = sheet.merged_cell_ranges or ()
    merged = [r for r in ranges if r[0][1] != r[1][1]]  # across columns
    downwards: dict[int, list[tuple[int, int]]] = {}  # first row -> (column, last row) of merges down
    for (r1, c1), (r2, _) in ranges:
        if r2 > r1:
            downwards.setdefault(r1, []).append((c1, r2))
    rows = enumerate(sheet.iter_rows(), start=1)  # iter_rows gives the empty rows above the first used too
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
            yield number + 1, _two_level_header(row, offset + below if offset else below, in_header)
        break
    if not offset and not downwards:
        yield from rows  # the usual sheet: its rows as they are
        return
    active: dict[int, tuple[int, object]] = {}  # column -> (last row index, value) of a merge going down
    for number, row in rows:
        if offset:
            row = offset + row
        index = number - 1
        if downwards and index >= header_rows:
            for column, (last, value) in list(active.items()):
                if last < index:
                    del active[column]
                elif column < len(row) and row[column] in ("", None):
                    row[column] = value
            for column, last in downwards.get(index, ()):
                if column < len(row):
                    active[column] = (last, row[column])
        yield number, row


def _two_level_header(top: list, below: list, merged: list) -> list:
    """One header from two rows: a title merged across columns over the names of its columns
    ("Membership profile" over "Member count" -> "Membership profile – Member count").
    Each column takes the first range that covers it; each column is looked at once."""
    width = max(len(top), len(below))
    top = list(top) + [""] * (width - len(top))
    below = list(below) + [""] * (width - len(below))
    groups: list[object] = [None] * width
    unset = list(range(width + 1))  # column -> the first column from it without a group yet

    def next_unset(column: int) -> int:
        root = column
        while unset[root] != root:
            root = unset[root]
        while unset[column] != root:
            unset[column], column = root, unset[column]
        return root

    for (_, c1), (_, c2) in merged:
        if c1 >= width:
            continue
        column = next_unset(max(c1, 0))
        while column <= min(c2, width - 1):
            groups[column] = top[c1]
            unset[column] = column + 1
            column = next_unset(column + 1)
    out = []
    for c in range(width):
        group = groups[c]
        sub = str(below[c]).strip() if below[c] not in ("", None) else ""
        if group not in (None, ""):
            out.append(f"{group} – {sub}" if sub else str(group))
        else:
            out.append(top[c] if top[c] not in ("", None) else sub)
    return out


__all__ = ["INFO_SHEETS", "WORKBOOK_FORMATS", "iter_workbook"]
