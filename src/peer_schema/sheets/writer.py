"""Write the workbook: the empty template, or a dataset's records in the same layout.

`peer-schema template` and `peer-schema export --to xlsx` both come here, so a workbook exported
from JSON reads back as the same records (tests/test_round_trips.py). The layout comes from the
model (table_layout.py); nothing here is a hand-kept list of fields.

Safety: every text is written as text, never as a formula (a cell beginning with =, +, - or @ is
marked as text, so a spreadsheet shows it and does not run it, even after an edit).
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from .. import artifacts
from ..atomic_files import absolute, clean_stale, temp_path, write_bytes
from ..formula_safety import FORMULA_START  # cells a spreadsheet would take for a formula
from ..model import Slot, model
from ..readers.licences import LICENCE_SLOT, LICENCES, licence_name
from ..readers.table import SEPARATOR, code_for_label
from ..table_layout import DATASET, LANGUAGES, TEMPLATE_PREFIX, Column, class_label, columns, is_map, sheet_classes
from . import texts
from .list_order import list_order

#: how many rows of the template's sheets carry the drop-downs and checks (the dataset: one)
TEMPLATE_ROWS = 500
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: the first day every spreadsheet program stores as a date (Excel's 1900 has a 29 February)
FIRST_SPREADSHEET_DATE = "1900-03-01"
_NUMBER_RANGES = {"integer", "Year", "float", "double", "decimal"}


class WorkbookError(Exception):
    """The data cannot be written as a workbook (said in plain words)."""


# -- the values of a cell ------------------------------------------------------------------------------
def concept_label(enum: str, code: str, lang: str) -> str:
    """What a drop-down shows for a code: its label in `lang` when that label names only it,
    otherwise the code itself (which is always read back)."""
    concept = artifacts.vocabularies().get(enum, {}).get("concepts", {}).get(code)
    label = (concept or {}).get("label", {}).get(lang)
    return label if label and code_for_label(enum, label) == code else code


def _values(value: object) -> list:
    return value if isinstance(value, list) else [value]


def cell_value(column: Column, value: object, lang: str) -> object:
    """The cell for a field's value: text, a number, a date; lists joined with |."""
    slot = column.slot
    if slot.kind == "enum":
        parts = [concept_label(slot.range, v, lang) if isinstance(v, str) else str(v) for v in _values(value)]
        return f" {SEPARATOR} ".join(parts)
    if isinstance(value, bool):
        return texts.YES_NO[lang][0 if value else 1]
    if slot.name == LICENCE_SLOT and isinstance(value, str):
        return licence_name(value)  # the name the drop-down shows (read back as the web address)
    if isinstance(value, list):
        for v in value:
            if isinstance(v, str) and SEPARATOR in v:
                raise WorkbookError(f'a value of "{column.name}" holds the character {SEPARATOR}, which separates '
                                    "values in a cell: it cannot be written in a workbook")
        return f" {SEPARATOR} ".join(texts_of(v, lang) for v in value)
    return value


def texts_of(value: object, lang: str) -> str:
    if isinstance(value, bool):
        return texts.YES_NO[lang][0 if value else 1]
    return str(value)


def _get(record: dict, path: tuple) -> object:
    node: object = record
    for step in path:
        if isinstance(step, int):
            if not isinstance(node, list) or step >= len(node):
                return None
            node = node[step]
        else:
            if not isinstance(node, dict):
                return None
            node = node.get(step)
        if node is None:
            return None
    return node


def _shape(cls: str, records: Iterable[dict]) -> tuple[dict, dict]:
    """How many groups each list of groups needs, and the keys each map needs, for these records."""
    repeats: dict[tuple, int] = {}
    keys: dict[tuple, list[str]] = {}

    def visit(c: str, obj: dict, path: tuple) -> None:
        for name, value in obj.items():
            slot = model().classes[c].slots.get(name)
            if slot is None or value is None or slot.kind != "class" or slot.reference:
                continue
            key = path + (name,)
            if slot.multivalued and is_map(c, name) and isinstance(value, dict):
                known = keys.setdefault(key, [])
                known.extend(k for k in value if k not in known)
            elif slot.multivalued and isinstance(value, list):
                repeats[key] = max(repeats.get(key, 0), len(value))
                for item in value:
                    if isinstance(item, dict):
                        visit(slot.range, item, key)
            elif isinstance(value, dict):
                visit(slot.range, value, key)

    for record in records:
        visit(cls, record, ())
    return repeats, keys


def _layout(cls: str, records: list[dict], lang: str) -> list[Column]:
    """The columns for these records: the template's, plus the groups and languages they use."""
    repeats, keys = _shape(cls, records)
    for key, found in keys.items():
        keys[key] = (found or ["ex"]) if key[-1] == "prefixes" else \
            list(LANGUAGES) + [k for k in found if k not in LANGUAGES]
    return columns(cls, _with_template_repeats(cls, repeats), keys, lang)


def _with_template_repeats(cls: str, repeats: dict) -> dict:
    from ..table_layout import TEMPLATE_REPEATS

    out = dict(repeats)
    for column in columns(cls):
        names = tuple(p for p in column.path if isinstance(p, str))
        for i in range(1, len(names) + 1):
            key = names[:i]
            if key[-1] in TEMPLATE_REPEATS:
                out[key] = max(out.get(key, 0), TEMPLATE_REPEATS[key[-1]])
    return out


# -- the workbook -----------------------------------------------------------------------------------------
def _prefixed(text: str, prefix: str) -> str:
    return text.replace("{prefix}", prefix)


def write_workbook(out: Path, lang: str = "en", dataset: dict | None = None, prefix: str = TEMPLATE_PREFIX) -> Path:
    """Write the template (dataset None) or a dataset's records as a workbook, atomically.
    prefix: the template's prefix for identifiers (a federation may give each member its own).
    Raises WorkbookError (a value no workbook can hold) and OSError (the disk, the folder)."""
    import xlsxwriter  # imported here: only workbooks need it
    declared = dataset.get("prefixes") if dataset else None
    if prefix == TEMPLATE_PREFIX and isinstance(declared, dict) and declared:
        prefix = next(iter(declared))  # the notes show the dataset's own identifiers
    from xlsxwriter.exceptions import XlsxWriterException

    # built in memory (no parts in the system's temporary folder, which a kill would leave),
    # then written by the project's atomic writer: a full disk or a kill leaves OUT as it was
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"strings_to_formulas": False, "strings_to_urls": False,
                                        "strings_to_numbers": False, "in_memory": True})
    try:
        _Book(book, lang, dataset, prefix).write()
        book.close()
    except UnicodeEncodeError:
        raise WorkbookError("a value holds a lone surrogate (such as \\ud800), which is not a character and "
                            "cannot be written in a workbook") from None
    except XlsxWriterException as exc:
        raise WorkbookError(f"the workbook cannot be written ({exc})") from None
    finally:
        book.fileclosed = True  # no second attempt from its destructor
    # a workbook that holds peer workers is its owner's only
    private = bool(dataset and dataset.get("peer_workers"))
    write_bytes(out, buffer.getvalue(), private=private)
    return out


class _Book:
    def __init__(self, book, lang: str, dataset: dict | None, prefix: str = TEMPLATE_PREFIX):
        self.book, self.lang, self.dataset, self.prefix = book, lang, dataset, prefix
        f = book.add_format
        self.fmt = {
            "title": f({"bold": True, "font_size": 16}),
            "heading": f({"bold": True, "font_size": 12, "top": 1}),
            "warning": f({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
            "": f({"text_wrap": False}),
            "header": f({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True, "valign": "top"}),
            "required": f({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True, "valign": "top"}),
            "machine": f({"italic": True, "font_color": "#808080", "font_size": 8, "bg_color": "#F2F2F2"}),
            "text": f({"num_format": "@"}),
            "date": f({"num_format": "yyyy-mm-dd"}),
            "safe": f({"num_format": "@", "quote_prefix": True}),
        }
        #: vocabulary -> its column on the sheet of lists, written last (after the sheets people fill)
        self.list_columns: dict[str, tuple[int, str]] = {}

    def write(self) -> None:
        self.read_me()
        for cls in sheet_classes():
            self.sheet(cls)
        lists = self.book.add_worksheet(texts.SHEET_NAMES[self.lang]["lists"])
        for enum, (col, _) in self.list_columns.items():
            lists.write_string(0, col, enum)
            for row, code in enumerate(list_order(enum, self.lang), start=1):
                lists.write_string(row, col, concept_label(enum, code, self.lang))
        lists.hide()

    def read_me(self) -> None:
        ws = self.book.add_worksheet(texts.SHEET_NAMES[self.lang]["read_me"])
        ws.set_column(0, 0, 120)
        for row, (style, text) in enumerate(texts.READ_ME[self.lang]):
            ws.write_string(row, 0, _prefixed(text, self.prefix), self.fmt[style])
        ws.activate()

    def list_source(self, enum: str) -> str:
        """The range of the drop-down list of a vocabulary, on the hidden sheet of lists."""
        if enum not in self.list_columns:
            from ..report.findings import column_letters

            col = len(self.list_columns)
            count = len(artifacts.vocabularies().get(enum, {}).get("concepts", {}))
            letters = column_letters(col + 1)
            name = texts.SHEET_NAMES[self.lang]["lists"]
            self.list_columns[enum] = (col, f"='{name}'!${letters}$2:${letters}${count + 1}")
        return self.list_columns[enum][1]

    def sheet(self, cls: str) -> None:
        records = self.records(cls)
        cols = _layout(cls, records, self.lang) if records else \
            columns(cls, None, {("prefixes",): [self.prefix]}, self.lang)
        ws = self.book.add_worksheet(class_label(cls, self.lang)[:31])
        last = 2 if cls == DATASET else max(TEMPLATE_ROWS, len(records) + 200) + 1
        for number, column in enumerate(cols):
            self.header(ws, number, column, last)
        ws.freeze_panes(2, 1)
        ws.set_row(0, 45)
        for row, record in enumerate(records, start=2):
            for number, column in enumerate(cols):
                value = _get(record, column.path)
                if value is not None:
                    self.cell(ws, row, number, column, value)

    def records(self, cls: str) -> list[dict]:
        if not self.dataset:
            return []
        if cls == DATASET:
            containers = set(model().containers)
            header = {k: v for k, v in self.dataset.items() if k not in containers}
            return [header] if header else []
        container = model().container_of(cls)
        return [r for r in self.dataset.get(container) or () if isinstance(r, dict)]

    def header(self, ws, number: int, column: Column, last: int) -> None:
        lang, notes = self.lang, texts.NOTES[self.lang]
        label = column.label(lang) + (" *" if column.required else "")
        ws.write_string(0, number, label, self.fmt["required" if column.required else "header"])
        ws.write_string(1, number, column.name, self.fmt["machine"])
        slot: Slot = column.slot
        note = [_prefixed(column.description(lang), self.prefix)]
        if column.required:
            note.append(notes["required"])
        is_date = slot.range in ("date", "datetime")
        if slot.kind == "enum":
            note.append(notes["list"])
        elif slot.range == "boolean":
            note.append(notes["yes_no"])
        elif is_date:
            note.append(notes["date"])
        elif slot.reference:
            note.append(_prefixed(notes["reference"], self.prefix))
        elif slot.name == LICENCE_SLOT:
            note.append(notes["licence"])
        if slot.multivalued and not is_map_column(column):
            note.append(notes["several"])
        ws.write_comment(0, number, "\n".join(n for n in note if n), {"x_scale": 2.2, "y_scale": 2.5})
        width = min(45, max(14, len(label) * 0.9 + 2))
        numeric = slot.kind == "type" and slot.range in _NUMBER_RANGES
        ws.set_column(number, number, width, self.fmt["date"] if is_date else None if numeric else self.fmt["text"])
        first = 2
        if slot.kind == "enum":
            ws.data_validation(first, number, last, number, {
                "validate": "list", "source": self.list_source(slot.range),
                # several values (a | b) and typed codes are allowed: the validator checks them
                "error_type": "information" if slot.multivalued else "warning",
                "error_message": notes["list"] + (" " + notes["several"] if slot.multivalued else "")})
        elif slot.name == LICENCE_SLOT and not slot.multivalued:
            ws.data_validation(first, number, last, number, {
                "validate": "list", "source": list(LICENCES), "error_type": "information",
                "error_message": notes["licence"]})
        elif slot.range == "boolean" and not slot.multivalued:
            ws.data_validation(first, number, last, number, {
                "validate": "list", "source": list(texts.YES_NO[lang]), "error_type": "warning",
                "error_message": notes["yes_no"]})
        elif numeric and not slot.multivalued:
            kind = "integer" if slot.range in ("integer", "Year") else "decimal"
            ws.data_validation(first, number, last, number, {
                "validate": kind, "criteria": ">=", "value": 0, "error_type": "warning",
                "error_message": notes["number"]})
        elif is_date and not slot.multivalued:
            ws.data_validation(first, number, last, number, {
                "validate": "date", "criteria": ">=", "value": date(1700, 1, 1), "error_type": "warning",
                "error_message": notes["date"]})

    def cell(self, ws, row: int, number: int, column: Column, value: object) -> None:
        value = cell_value(column, value, self.lang)
        if isinstance(value, bool):
            value = texts_of(value, self.lang)
        if isinstance(value, (int, float)):
            ws.write_number(row, number, value)
        elif isinstance(value, str) and column.slot.range in ("date", "datetime") and _ISO_DATE.fullmatch(value) \
                and value >= FIRST_SPREADSHEET_DATE:  # spreadsheets count days from 1900: older dates stay text
            ws.write_datetime(row, number, date.fromisoformat(value), self.fmt["date"])
        elif isinstance(value, str) and value.startswith(FORMULA_START):
            ws.write_string(row, number, value, self.fmt["safe"])  # shown as text, never run
        else:
            ws.write_string(row, number, str(value), self.fmt["text"])


def is_map_column(column: Column) -> bool:
    return isinstance(column.path[-1], str) and column.path[-1] != column.slot.name


# -- the CSV form of the template: one file per sheet in a folder ----------------------------------------------
def csv_template_files(lang: str = "en", prefix: str = TEMPLATE_PREFIX) -> dict[str, bytes]:
    """The files of the CSV template, name -> content: one CSV file per sheet (labels in row 1,
    field names in row 2) and a read-me describing every column."""
    notes = texts.NOTES[lang]
    files: dict[str, bytes] = {}
    lines = [_prefixed(text, prefix) for _, text in texts.READ_ME[lang]] + [""]
    for cls in sheet_classes():
        cols = columns(cls, None, {("prefixes",): [prefix]}, lang)
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow([c.label(lang) + (" *" if c.required else "") for c in cols])
        writer.writerow([c.name for c in cols])
        files[f"{cls}.csv"] = buffer.getvalue().encode("utf-8-sig")
        lines += [f"== {cls}.csv — {class_label(cls, lang)} ==", ""]
        for c in cols:
            extra = [notes["required"]] if c.required else []
            if c.slot.kind == "enum":
                extra.append(notes["list"])
            elif c.slot.name == LICENCE_SLOT:
                extra.append(notes["licence"])
            lines.append(f"- {c.label(lang)} ({c.name}): {_prefixed(c.description(lang), prefix)} {' '.join(extra)}".rstrip())
        lines.append("")
    files["README.txt" if lang == "en" else "LISEZMOI.txt"] = "\n".join(lines).encode("utf-8")
    return files


def write_csv_template(out: Path, lang: str = "en", prefix: str = TEMPLATE_PREFIX, replace: bool = False) -> Path:
    """The CSV template as the folder `out`. A new folder is built beside, then renamed into place.
    An existing folder (only with `replace`) keeps everything but the template's own files, each
    of which is replaced atomically: nothing else in it is ever removed or changed.
    Raises FileExistsError (the folder exists, without `replace`; or another run made it meanwhile),
    NotADirectoryError (`out` is a file) and OSError."""
    out = absolute(out)
    files = csv_template_files(lang, prefix)
    if out.is_dir():
        if not replace:
            raise FileExistsError(errno.EEXIST, "the folder already exists", str(out))
        for name, data in files.items():
            write_bytes(out / name, data)
        return out
    if out.exists() or out.is_symlink():
        raise NotADirectoryError(errno.ENOTDIR, "is a file, not a folder", str(out))
    clean_stale(out)
    temp = temp_path(out)
    temp.mkdir()
    try:
        for name, data in files.items():
            (temp / name).write_bytes(data)
        os.rename(temp, out)  # never replaces a folder that another run filled meanwhile
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST, errno.ENOTDIR):
            raise FileExistsError(errno.EEXIST, "was made by another program meanwhile", str(out)) from None
        raise
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return out
