"""CSV and TSV tables, streamed: one table per class, one row per record.

The file's name says which records it holds (`Organisation.csv`, `organisations.csv`,
`PeerWorker.tsv`, `Organisation-2026.csv`); the header row names the fields (`name`,
`membership.member_count`, `title.fr`, `disclosure_consents.1.audiences`); a cell with several
values separates them with a pipe (`federation | university`). Each row becomes the object it
would be in JSON, so every check applies unchanged, with the row's line and each field's column.

`Dataset.csv` (one row) gives the dataset's header; the tables beside it are read as part of
that dataset (its access rights choose the export profile, its prefixes are the declared ones).
See docs/tables.md.

`cell_to_value` and `code_for_label` turn one cell into a value: the same rules serve any
future spreadsheet import.
"""

from __future__ import annotations

import csv
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from itertools import chain, compress, repeat
from operator import ne
from pathlib import Path

from .. import artifacts
from ..name_headers import is_name_header
from ..model import Slot, model
from .errors import Notice, ReadError, TableStart
from .jsonl_reader import TYPE_KEY
from .limits import DOCUMENT_SHARE, Limits, size_problem
from .source import bounded_lines, open_input

#: separates the values of a multivalued cell: commas and semicolons occur in text
SEPARATOR = "|"
#: the extensions read as tables, and their cell separator
DELIMITERS = {".csv": ",", ".tsv": "\t"}
#: the class of the dataset's header table
DATASET = "Dataset"

_BOM = b"\xef\xbb\xbf"
_TRUE = frozenset({"true", "yes", "oui", "vrai", "1"})
_FALSE = frozenset({"false", "no", "non", "faux", "0"})
_NUMBER = re.compile(r"-?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?")
#: model range -> the JSON type of its values (every other range is text)
_JSON_TYPES = {"integer": "integer", "Year": "integer", "float": "number", "double": "number",
               "decimal": "number", "boolean": "boolean"}


# -- one cell ------------------------------------------------------------------------------------
def _normal(text: str) -> str:
    """A label as people type it: any case, any spacing, straight or curly apostrophes."""
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'").replace("\u00a0", " ")
    return " ".join(text.split()).casefold()


def _code_key(text: str) -> str:
    return _normal(text).replace(" ", "_").replace("-", "_")


@cache
def _labels(enum: str) -> tuple[dict[str, str], dict[str, str]]:
    """(codes, labels) of a vocabulary, normalised -> code. A label two concepts share is left
    out: the cell must then give the code."""
    concepts = artifacts.vocabularies().get(enum, {}).get("concepts", {})
    labels: dict[str, str] = {}
    shared: set[str] = set()
    for code, concept in concepts.items():
        for label in concept.get("label", {}).values():
            key = _normal(label)
            if labels.setdefault(key, code) != code:
                shared.add(key)
    for key in shared:
        del labels[key]
    return {_code_key(code): code for code in concepts}, labels


def code_for_label(enum: str, text: str) -> str | None:
    """The code of the concept of vocabulary `enum` that `text` names: its code, or its English
    or French label, in any case and spacing (`"Belgique"`, `"belgium"`, `"BE"` -> `"BE"`).
    None when no concept (or more than one) has that name."""
    return _code(enum, text)


@lru_cache(maxsize=8192)  # a table repeats the same few codes and labels on every row
def _code(enum: str, text: str) -> str | None:
    codes, labels = _labels(enum)
    return codes.get(_code_key(text)) or labels.get(_normal(text))


def _number(text: str, integer: bool, max_digits: int) -> object:
    """A number written as text ("12", "-3", "3.5", "3,5", "1.2E3"), or the text unchanged."""
    if len(text) > max_digits + 8 or not _NUMBER.fullmatch(text):
        return text
    text = text.replace(",", ".")
    if "." not in text and "e" not in text and "E" not in text:
        return int(text)
    value = float(text)
    if not math.isfinite(value):
        return text
    return int(value) if integer and value.is_integer() else value


def _boolean(text: str) -> object:
    word = text.casefold()
    return True if word in _TRUE else False if word in _FALSE else text


@lru_cache(maxsize=1024)
def _value_reader(slot: Slot, max_digits: int) -> Callable[[str], object]:
    """How one trimmed value of a field is read (one part of a multivalued cell)."""
    if slot.kind == "enum":
        enum = slot.range
        known: dict[str, str] = {}  # a column repeats the same few codes and labels on every row

        def read_code(text: str) -> str:
            code = known.get(text)
            if code is None:
                code = _code(enum, text) or text
                if len(known) < 4096:
                    known[text] = code
            return code
        return read_code
    json_type = _JSON_TYPES.get(slot.range) if slot.kind == "type" else None
    if json_type in ("integer", "number"):
        integer = json_type == "integer"
        return lambda text: _number(text, integer, max_digits)
    if json_type == "boolean":
        return _boolean
    return str  # text, dates, identifiers, references: never evaluated, whatever they start with


def _code_cell_reader(slot: Slot) -> Callable[[str], object]:
    """A vocabulary cell: the code of each value; the cells a column repeats on every row (the
    same few codes and labels) are remembered as written, so most cells cost one lookup."""
    enum, multivalued = slot.range, slot.multivalued
    known: dict[str, object] = {}

    def read(text: str) -> object:
        found = known.get(text)
        if found is None:
            parts = [p for p in map(str.strip, text.split(SEPARATOR)) if p] if multivalued else [text.strip()]
            codes = [_code(enum, part) or part for part in parts if part]
            found = (codes or None) if multivalued else (codes[0] if codes else None)
            if found is None:
                return None
            if len(known) < 4096:
                known[text] = found
        return list(found) if multivalued else found  # a list of its own for each record

    return read


@lru_cache(maxsize=1024)
def _cell_reader(slot: Slot, max_digits: int) -> Callable[[str], object]:
    if slot.kind == "enum":
        return _code_cell_reader(slot)
    one = _value_reader(slot, max_digits)
    if slot.multivalued:
        def read(text: str) -> object:
            if SEPARATOR not in text:  # most cells hold one value
                text = text.strip()
                return [one(text)] if text else None
            values = [one(part) for part in map(str.strip, text.split(SEPARATOR)) if part]
            return values or None
    elif one is str:  # text, dates, identifiers: the cell itself
        def read(text: str) -> object:
            return text.strip() or None
    else:
        def read(text: str) -> object:
            text = text.strip()
            return one(text) if text else None
    return read


def cell_to_value(slot: Slot, text: str, max_digits: int = Limits.max_digits) -> object:
    """The value a cell gives a field, as it would be written in JSON; None for an empty cell.

    Values are trimmed. A multivalued field takes a list, its values separated by `|`.
    Vocabulary fields take the code or a label (English or French), given back as the code.
    Numbers, booleans (true/false, yes/no, oui/non, vrai/faux, 1/0) become numbers and booleans;
    what cannot be read as one stays text, so the structure check says what is wrong with it.
    A cell that starts with =, +, - or @ is text like any other: nothing is ever evaluated
    (only "-" followed by a number, in a number field, is a negative number).
    """
    return _cell_reader(slot, max_digits)(text)


# -- the header ----------------------------------------------------------------------------------
def _name_key(text: str) -> str:
    return text.strip().casefold().replace(" ", "_").replace("-", "_")


@cache
def _slots_by_name(cls: str) -> dict[str, Slot]:
    """A class's slots by their name, as written in a header (any case, spaces or hyphens for
    underscores: `weekly_hours`, `Weekly hours`)."""
    return {_name_key(name): slot for name, slot in model().classes[cls].slots.items()}


def _is_map(cls: str, slot: str) -> bool:
    from ..table_layout import is_map

    return is_map(cls, slot)


@cache
def table_classes() -> dict[str, str]:
    """The names a table file may take (normalised) -> the class of its rows."""
    m = model()
    names = {_name_key(DATASET): DATASET}
    for container, cls in m.containers.items():
        names[_name_key(cls)] = cls
        names[_name_key(container)] = cls
    return names


def class_of_file(path: Path) -> str | None:
    """The class whose records a table holds, from its name: the class (`PeerWorker.csv`) or
    the dataset's list (`peer_workers.csv`, `peer-workers.csv`), in any case, optionally followed
    by `-`, `_` or `.` and anything (`Organisation-2026.csv`)."""
    stem = _name_key(path.stem)
    best = None
    for name, cls in table_classes().items():
        if (stem == name or (stem.startswith(name) and stem[len(name)] in "_.")) and (best is None or len(name) > len(best[0])):
            best = (name, cls)
    return best[1] if best else None


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


@dataclass(slots=True)
class _Column:
    """What one column of the header is: the path of its field in the record, how to read its
    cells, and the JSON pointers it answers for (its field and the groups it belongs to)."""
    number: int  # 1-based
    steps: tuple  # keys (str) and list positions (int, 0-based) from the record to the field
    convert: Callable[[str], object]
    known: bool = True
    #: pointers of the field and of the groups around it, outermost first (in a list of groups:
    #: as long as no group before it is left empty)
    pointers: tuple = field(default=())
    in_list: bool = False
    #: the field's name when it is a field of the record itself, outside any group
    key: str | None = None
    #: the column's header as written, to speak of the column as the person sees it
    label: str = ""
    #: what a workbook's non-text cell is read as, without going through text: "date" (a number
    #: is a day, as spreadsheets count them), "integer", "number", "boolean"; None: as text
    kind: str | None = None


def _text(cell: str) -> str | None:
    return cell.strip() or None


def _cell_kind(slot: Slot) -> str | None:
    if slot.range in ("date", "datetime"):
        return "date"
    json_type = _JSON_TYPES.get(slot.range) if slot.kind == "type" and not slot.multivalued else None
    return json_type if json_type in ("integer", "number", "boolean") else None


def _resolve(cls: str, name: str, max_digits: int) -> tuple[tuple, Callable[[str], object], str | None] | None:
    """The path and the cell reader of a header name in a table of `cls`, or None when the name
    is not a field of the model."""
    parts = [p.strip() for p in name.split(".")]
    steps: list = []
    i = 0
    while i < len(parts):
        slot = _slots_by_name(cls).get(_name_key(parts[i]))
        if slot is None:
            return None
        steps.append(slot.name)
        rest = parts[i + 1:]
        if slot.kind != "class" or slot.reference:  # a value, a list of values, identifiers
            if rest:
                return None
            return tuple(steps), _cell_reader(slot, max_digits), _cell_kind(slot)
        if slot.multivalued and _is_map(cls, slot.name):  # title.en, prefixes.ex
            if len(rest) != 1 or not rest[0]:
                return None
            steps.append(rest[0])
            return tuple(steps), _text, None
        if slot.multivalued:  # a list of objects: disclosure_consents.1.audiences
            if len(rest) < 2 or not rest[0].isdigit() or int(rest[0]) < 1:
                return None
            steps.append(int(rest[0]) - 1)
            i += 2
        else:  # one object: membership.member_count
            if not rest:
                return None
            i += 1
        cls = slot.range
    return None


def _pointers(steps: tuple) -> tuple[str, ...]:
    out, pointer = [], ""
    for step in steps:
        pointer += "/" + _escape(str(step))
        out.append(pointer)
    return tuple(out)


def _column(number: int, steps: tuple, convert: Callable[[str], object], known: bool, label: str = "",
            kind: str | None = None) -> _Column:
    in_list = any(isinstance(s, int) for s in steps)
    return _Column(number, steps, convert, known, _pointers(steps), in_list,
                   steps[0] if len(steps) == 1 else None, label, kind)


def _by_label(cls: str, name: str, max_digits: int):
    """A header written as a column label (in English or French, as the template has them)."""
    from ..table_layout import label_index, normal_label

    machine = label_index(cls).get(normal_label(name))
    return _resolve(cls, machine, max_digits) if machine else None


def _closest(cls: str, name: str) -> str:
    """The known column label (or field name) nearest to an unknown header, or ""."""
    from ..table_layout import columns, normal_label

    known = {}
    for column in columns(cls):
        for _, label in column.labels:
            known.setdefault(normal_label(label), label)
        known.setdefault(column.name.casefold(), column.name)
    match = difflib.get_close_matches(normal_label(name), list(known), n=1, cutoff=0.6)
    return known[match[0]] if match else ""


def _header_field(cls: str, name: str, max_digits: int):
    """What a header cell names: (steps, reader, kind) of a field, written as its name or as its
    label (a merged group title over a column's own label too), or None."""
    if name == TYPE_KEY:  # the class, as in JSON Lines: it must be the table's
        return (TYPE_KEY,), _text, None
    resolved = _resolve(cls, name, max_digits) or _by_label(cls, name, max_digits)
    if resolved is None and " – " in name:  # a merged group title over a column's own name
        own = name.rsplit(" – ", 1)[1]
        resolved = _resolve(cls, own, max_digits) or _by_label(cls, own, max_digits)
    return resolved


def _field_name(cls: str, cell: object, max_digits: int) -> bool:
    return isinstance(cell, str) and (cell.strip() == TYPE_KEY or _resolve(cls, cell.strip(), max_digits) is not None)


def _unknown_column(label: str, closest: str, line: int, number: int) -> Notice:
    """A column the model does not know; the nearest known one is named only when there is one."""
    nearest = (f' (nearest known column: "{closest}")', f" (colonne connue la plus proche : « {closest} »)") \
        if closest else ("", "")
    return Notice("table.unknown-column", {"column": label, "closest": closest, "nearest": nearest[0],
                                           "nearest_fr": nearest[1]}, line, number)


def is_machine_row(cls: str, header: list, row: list, max_digits: int) -> bool:
    """Whether the row under the header is the template's row of field names.

    Decided from the template's structure, not from what an added column holds: the template
    writes a label in row 1 and that column's field name in row 2. So the row is the field-name
    row when each column whose label (row 1) the model knows holds a field name there (or
    nothing), and at least one cell of the row is a field name. A column the association added
    (`Notes`, whose label the model does not know) may hold anything in row 2: a word there
    no longer makes the whole row be read as a record."""
    some_name = False
    for number, cell in enumerate(row):
        if cell is None or cell == "" or (isinstance(cell, str) and not cell.strip()):
            continue
        is_name = _field_name(cls, cell, max_digits)
        some_name = some_name or is_name
        if is_name:
            continue
        label = header[number] if number < len(header) else None
        if isinstance(label, str) and label.strip() and _header_field(cls, label.strip(), max_digits) is not None:
            return False  # a template column holds a value under its label: a record
    return some_name


#: unknown columns named one by one (with the nearest known one); past them, one notice counts the rest
MAX_NAMED_UNKNOWN = 50


def _header(cls: str, row: list, line: int, max_digits: int, machine: list | None = None,
            max_columns: int = Limits.max_columns
            ) -> tuple[list[_Column | None], list[Notice], list[tuple[int, str]]] | ReadError:
    """The columns of a table from its header row (labels or field names), and the second row of
    field names when there is one. A column the model does not know is left out, with a notice
    naming the nearest known column: its cells are never read. The work is bounded: columns
    past `max_columns`, and unknown columns past the first MAX_NAMED_UNKNOWN, are counted in
    one notice."""
    columns: list[_Column | None] = []
    notices: list[Notice] = []
    names: list[tuple[int, str]] = []  # columns of people's names on the peer workers' sheet
    seen: dict[tuple, str] = {}
    full_width = max(len(row), len(machine or ()))
    width = min(full_width, max_columns)
    beyond = sum(1 for cells in (row, machine or ()) for c in cells[width:] if c not in ("", None)) if full_width > width else 0
    unnamed_unknown = 0
    for number in range(1, width + 1):
        raw = row[number - 1] if number <= len(row) else ""
        label = raw.strip() if isinstance(raw, str) else str(raw)
        technical = machine[number - 1] if machine and number <= len(machine) else None
        # the field-name row names the template's columns; under an added column it may hold
        # anything (a note), which is not a name: the column is then known by its label
        technical = technical.strip() if _field_name(cls, technical, max_digits) else ""
        name = technical or label
        if not name:
            columns.append(None)  # a cell under it is a value without a field name: see _unnamed
            continue
        resolved = _header_field(cls, name, max_digits)
        if resolved is None and (slot := _slots_by_name(cls).get(_name_key(name))) is not None:
            # a group written without its part ("membership" for "membership.member_count"): the
            # field itself, given as text, so the structure check says what it should hold
            steps, known = (slot.name,), False
            resolved = (steps, _text, None)
        if resolved is None and cls == PEER_WORKER and is_name_header(label or name):
            names.append((number - 1, label or name))  # its values are what decides: see read_table
            columns.append(_IGNORED)
            continue
        if resolved is None:
            if sum(n.code == "table.unknown-column" for n in notices) < MAX_NAMED_UNKNOWN:
                notices.append(_unknown_column(label or name, _closest(cls, label or name), line, number))
            else:
                unnamed_unknown += 1
            columns.append(_IGNORED)
            continue
        steps, convert, kind = resolved
        known = not (len(steps) == 1 and (slot := _slots_by_name(cls).get(_name_key(steps[0]))) is not None
                     and slot.kind == "class" and not slot.reference)
        # Two columns for one field, or for a group and a field inside it ("title", "title.en").
        clash = next((other for other in seen if other[:len(steps)] == steps or steps[:len(other)] == other), None)
        if clash is not None:
            return ReadError("read.duplicate-key", f'the column "{label or name}" is the same field as the column '
                             f'"{seen[clash]}"', line, number, params={"key": label or name})
        seen[steps] = label or name
        columns.append(_column(number, steps, convert, known, label or name, kind))
    if beyond or unnamed_unknown:
        notices.append(Notice("table.columns-ignored", {"count": f"{beyond + unnamed_unknown:,}", "limit": f"{max_columns:,}",
                                                        "named": MAX_NAMED_UNKNOWN}, line, None))
    return columns, notices, names


#: a column the model does not know: its cells are skipped
_IGNORED = _Column(0, ("",), _text, False)


def _unnamed(number: int) -> _Column:
    """A value in a column without a header: kept as a field named after the column."""
    return _column(number, (f"(column {number})",), _text, False)


# -- one row -------------------------------------------------------------------------------------
#: day 0 of spreadsheet dates (1899-12-30: Excel's count, with its 1900 leap-year bug, and LibreOffice's)
_EPOCH = date(1899, 12, 30)
_LAST_DAY = (date(9999, 12, 31) - _EPOCH).days
#: a smaller number in a date column is no day count but a year or a typo ("2021" would be
#: 1905-07-13): it stays as typed, and the structure check says it is not a date
_FIRST_DAY = (date(1910, 1, 1) - _EPOCH).days


def _native(value: object, kind: str | None) -> object:
    """A workbook's number or boolean as the field's value, without going through text; None
    when it must be read as text (a date, a number in a text field, 12.5 in a whole-number field)."""
    if kind == "integer" or kind == "number":
        if value.__class__ is float:
            if value.is_integer() and -1e15 < value < 1e15:
                return int(value)
            return value if kind == "number" else None
        if value.__class__ is int:
            return value
    elif kind == "boolean" and value.__class__ is bool:
        return value
    return None


def _cell_text(value: object, is_date: bool) -> str:
    """A workbook's cell as the text a CSV cell would hold: a whole number without ".0", a date
    as YYYY-MM-DD, a date typed as a number (a day count, from 1910 on) in a date column as
    that date."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        if is_date and value.is_integer() and _FIRST_DAY <= value <= _LAST_DAY:
            return (_EPOCH + timedelta(days=int(value))).isoformat()
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, int):
        if is_date and _FIRST_DAY <= value <= _LAST_DAY:
            return (_EPOCH + timedelta(days=value)).isoformat()
        return str(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


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
    if cls != DATASET:
        header_row = dataset_header(path, limits)
        if header_row is not None:
            yield None, header_row
    yield from _rows(path, cls, limits, fmt)


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


#: what a row source says when nothing after it can be trusted
_FATAL = frozenset({"read.empty", "read.binary", "read.field-too-large", "read.too-large", "read.unreadable"})


def _blank(row: list) -> bool:
    return all(c is None or c == "" or (isinstance(c, str) and c.isspace()) for c in row)


def _start(sheet: str | None, cls: str, header: list[_Column | None]) -> TableStart:
    known = [c for c in header if c is not None and c.number]
    # the label as the person wrote it, without the template's mark of a required column
    return TableStart(sheet, cls, {c.number: c.label.rstrip(" *") or c.label for c in known},
                      {".".join(str(s + 1) if isinstance(s, int) else s for s in c.steps): c.number for c in known})


class _Header(list):
    """The columns of a table, in order (None: a column without a name)."""

    deep = True
    line = 1
    #: (0-based index, header) of each column of people's names (peer workers' sheet)
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


#: the class whose sheet must never hold a column of people's names
PEER_WORKER = "PeerWorker"


def _names_found(header: _Header, row: list) -> Iterator[Notice]:
    """An error for each column of names that holds a value in this row, once per column (the
    value is never repeated: the finding names the column)."""
    for index, label in list(header.names):
        cell = row[index] if index < len(row) else None
        if cell is not None and cell != "" and not (isinstance(cell, str) and cell.isspace()):
            header.names = [n for n in header.names if n[0] != index]
            yield Notice("table.name-column", {"column": label}, header.line, index + 1)


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
    for index, label in header.names if header is not None else ():  # a column of names left empty
        yield _unknown_column(label, "", header.line, index + 1)
    if header is None or (cls == DATASET and rows == 0):
        yield ReadError("read.empty", "the file holds no data")


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


__all__ = ["DELIMITERS", "SEPARATOR", "cell_to_value", "class_of_file", "code_for_label", "dataset_header",
           "iter_table", "read_table", "table_classes"]
