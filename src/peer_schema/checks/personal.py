"""Personal values where the model has none: a peer worker's name, contact details or birth date
typed into a text field or made into an identifier.

The model has no field for them (structure.unknown-field refuses a `name`), but free text can
still carry them: "Pair aidant, jean.dupont@example.org" in a role title, a phone number in a
certificate's title, `ex:pw/jean-dupont-1985` as an identifier. Findings name the field and
what it seems to hold, never the value.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from datetime import date
from functools import cache

from ..model import model

Hit = tuple[str, dict, str]  # as in rules.py: code, params, pointer below the record

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
#: a phone number: starts with + or 0 (00 33..., 06..., +32...), 9 to 15 digits with spaces, dots, dashes
_PHONE = re.compile(r"(?<![\w+])(?:\+|0)[\d\s./()-]{7,22}\d")
_BIRTH_WORDS = re.compile(r"\b(?:born|birth|dob|d\.o\.b|née?|naissance|geboren|geb)\b", re.IGNORECASE)
#: a day, a month and a year (12/03/1985, 1985-03-12, 12.3.85 is too short to be sure)
_FULL_DATE = re.compile(r"\b(?:(\d{1,2})[./-](\d{1,2})[./-](\d{4})|(\d{4})-(\d{1,2})-(\d{1,2}))\b")
_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
#: a date written as digits only in an identifier: 12031985, 19850312
_DIGIT_DATE = re.compile(r"(?<!\d)(\d{8})(?!\d)")
#: a run of letters (3 or more) that may be part of a name...
_LETTERS = re.compile(r"[^\W\d_]{3,}")
#: ...when it holds a letter that is not a hexadecimal digit: random codes written in hexadecimal
#: (the tool's own `7f3a9c`, hashes, UUIDs) only ever hold a to f, whose runs (`efad` in
#: `21c8efad1934`) are no name, while nearly every name holds another letter. The few names
#: written with a to f only (Ada, Bea, Dede) are missed: this is a warning, the model having no
#: field for names is the guarantee.
_NOT_HEX = re.compile(r"[^a-f]")
#: the youngest age a peer worker is recorded at: later years are not birth years
MIN_AGE = 16

#: the text fields whose values are identifiers, checked for a name and a date
IDENTIFIERS = ("id", "local_reference")
#: findings on the record's own identifier that leave the record id out: it is the value found
#: (a name and a birth date), which a report never repeats; the pointer and the line or cell
#: say where it is
HIDES_RECORD_ID = frozenset({"personal.name-in-identifier"})


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _birth_year(year: int, today: date) -> bool:
    return 1900 <= year <= today.year - MIN_AGE


def what_it_holds(text: str, today: date) -> str | None:
    """"email", "phone" or "birth-date" when a text holds one, else None."""
    if "@" in text and _EMAIL.search(text):
        return "email"
    if any(9 <= _digits(m.group()) <= 15 for m in _PHONE.finditer(text)):
        return "phone"
    if _BIRTH_WORDS.search(text) and (_YEAR.search(text) or _FULL_DATE.search(text)):
        return "birth-date"
    for match in _FULL_DATE.finditer(text):
        year = int(match.group(3) or match.group(4))
        if _birth_year(year, today):
            return "birth-date"
    return None


def looks_like_name_and_date(identifier: str, today: date) -> bool:
    """Whether an identifier's own part (after the prefix and the last slash) holds a word and a
    year or date of birth (`jean-dupont-1985`, `dupont12031985`), rather than a random code."""
    own = unicodedata.normalize("NFC", identifier).rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    if not any(_NOT_HEX.search(word.casefold()) for word in _LETTERS.findall(own)):
        return False
    if any(_birth_year(int(y), today) for y in _YEAR.findall(own)):
        return True
    for digits in _DIGIT_DATE.findall(own):  # ddmmyyyy or yyyymmdd
        if _birth_year(int(digits[4:]), today) or _birth_year(int(digits[:4]), today):
            return True
    return False


def stand_in(identifier: str) -> str:
    """What a report shows for a name-like identifier: its prefix and path, its own part masked
    (`pen:pw/camille-dupont-1985` -> `pen:pw/…`), so the kind of record stays readable."""
    own = identifier.rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    return identifier[:len(identifier) - len(own)] + "…"


@cache
def _text_fields(cls: str, depth: int = 0) -> tuple[tuple[str, str | None], ...]:
    """(field, group) pairs of the free-text fields of a class and of its groups of fields."""
    out: list[tuple[str, str | None]] = []
    for name, slot in model().classes[cls].slots.items():
        if slot.kind == "type" and slot.range == "string":
            out.append((name, None))
        elif slot.kind == "class" and not slot.reference and depth == 0:
            out.extend((inner, name) for inner, group in _text_fields(slot.range, 1) if group is None)
    return tuple(out)


_WHAT = {"email": ("an e-mail address", "une adresse électronique"),
         "phone": ("a phone number", "un numéro de téléphone"),
         "birth-date": ("what looks like a date of birth", "ce qui ressemble à une date de naissance")}


def _texts(record: dict) -> Iterator[tuple[str, str, str]]:
    """(field, pointer below the record, text) of each free text of a peer worker."""
    for name, group in _text_fields("PeerWorker"):
        if group is None:
            value = record.get(name)
            if isinstance(value, str):
                yield name, f"/{name}", value
            continue
        items = record.get(group)
        for i, item in enumerate(items if isinstance(items, list) else [items]):
            if isinstance(item, dict) and isinstance(item.get(name), str):
                yield name, f"/{group}/{i}/{name}" if isinstance(items, list) else f"/{group}/{name}", item[name]


def peer_worker(record: dict, today: date) -> Iterator[Hit]:
    for name, pointer, text in _texts(record):
        what = what_it_holds(text, today)
        if what is not None:
            en, fr = _WHAT[what]
            yield "personal.value-in-text", {"field": name, "what": en, "what_fr": fr}, pointer
    for name in IDENTIFIERS:
        value = record.get(name)
        if isinstance(value, str) and looks_like_name_and_date(value, today):
            yield "personal.name-in-identifier", {"field": name, "example": _example(record.get("id"))}, f"/{name}"


_PREFIX = re.compile(r"[A-Za-z][\w.-]{0,39}")


def _example(identifier: object) -> str:
    """A random identifier with the record's own prefix (`pen:pw/7f3a9c`): the prefix is the
    association's, never the person's."""
    prefix = identifier.split(":", 1)[0] if isinstance(identifier, str) and ":" in identifier else ""
    return f"{prefix if _PREFIX.fullmatch(prefix) else 'ex'}:pw/7f3a9c"
