"""The header of a table: which field each column holds, from its label or field name.

A header names fields by their name (`membership.member_count`) or by their label in English or
French, as the template writes them; the template's second row of field names, when present,
decides. A column the model does not know is left out with a notice; a column of people's names,
contact details or birth dates on the peer workers' sheet is remembered, so that a value in it is
an error (read_table).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..model import Slot, model
from ..name_headers import personal_header
from .errors import Notice, ReadError
from .jsonl_reader import TYPE_KEY
from .limits import Limits
from .table_cells import _JSON_TYPES, _cell_reader

#: the class of the dataset's header table
DATASET = "Dataset"
#: the class whose sheet must never hold a column of people's names, contacts or birth dates
PEER_WORKER = "PeerWorker"


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


def column_steps(cls: str, name: str) -> tuple | None:
    """The path from a record of `cls` to the field a column holds, from its header (a field
    name or a label, in either language), as the readers resolve it; None for an unknown column."""
    resolved = _header_field(cls, name.strip(), Limits.max_digits)
    return resolved[0] if resolved else None


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
            ) -> tuple[list[_Column | None], list[Notice], list[tuple[int, str, str]]] | ReadError:
    """The columns of a table from its header row (labels or field names), and the second row of
    field names when there is one. A column the model does not know is left out, with a notice
    naming the nearest known column: its cells are never read. The work is bounded: columns
    past `max_columns`, and unknown columns past the first MAX_NAMED_UNKNOWN, are counted in
    one notice."""
    columns: list[_Column | None] = []
    notices: list[Notice] = []
    # columns of people's names, contacts or birth dates on the peer workers' sheet: (index, header, kind)
    names: list[tuple[int, str, str]] = []
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
        kind = personal_header(label or name) if resolved is None and cls == PEER_WORKER else None
        if kind is not None:
            names.append((number - 1, label or name, kind))  # its values are what decides: see read_table
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


def header_language(cls: str, labels: dict[int, str], names: dict[str, int]) -> str | None:
    """The language a table's header is written in: the one whose template labels it uses most
    (None for a header of field names). Findings then name what has no column in that language."""
    from ..table_layout import LANGUAGES, machine_labels, normal_label

    written = {name: normal_label(labels[number]) for name, number in names.items()}
    counts = {lang: sum(normal_label(machine_labels(cls, lang).get(name, "")) == label
                        for name, label in written.items()) for lang in LANGUAGES}
    best = max(counts, key=counts.get)
    return best if counts[best] > 0 and list(counts.values()).count(counts[best]) == 1 else None
