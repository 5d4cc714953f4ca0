"""One cell of a table (a CSV file, a workbook's sheet) as the value of a field.

`cell_to_value` and `code_for_label` turn one cell into a value: a code for a label, a number,
a boolean, a list for `a | b`; a workbook's numbers and dates are read without going through
text. See docs/tables.md.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache

from .. import artifacts
from ..model import Slot
from .licences import LICENCE_SLOT, licence_url
from .limits import Limits

#: separates the values of a multivalued cell: commas and semicolons occur in text
SEPARATOR = "|"
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
    if slot.name == LICENCE_SLOT and slot.range == "uri":
        return licence_url  # "CC BY 4.0", as the workbook's drop-down offers it: its web address
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


# -- a workbook's cell (numbers, dates, booleans) ------------------------------------------------
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
