"""Rename the prefix of identifiers (`ex:org/one` -> `pen:org/one`) in a filled workbook or a dataset.

Two associations that both kept the template's prefix cannot merge their data: every identifier
would clash. This module renames one prefix everywhere it is an identifier: each record's `id`,
every reference to a record, and the dataset's declaration of the prefix (`prefixes`). Free text
is never touched. The result replaces the file atomically (or goes to another file); on any
refusal nothing is written.

Workbooks are edited cell by cell (the association's own columns, notes and formatting stay);
JSON and YAML files are rewritten by replacing the prefix in their text when reading that text
back gives exactly the renamed data (comments and layout stay), otherwise written anew.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..atomic_files import output_clash, utf8, write_bytes
from ..model import Slot, model
from ..readers.table import SEPARATOR
from ..table_layout import DATASET, class_of_sheet
from .template import PREFIX  # what a prefix may be: the same rule as the template's --prefix

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
DATA_SUFFIXES = (".json", ".yaml", ".yml")


class PrefixRenameError(Exception):
    """The prefix cannot be renamed in this file (said in plain words); nothing was written."""


@dataclass(frozen=True)
class Renamed:
    """What a rename did: the file written and how many identifiers changed."""

    path: Path
    identifiers: int


def check_prefixes(old: str, new: str) -> None:
    """Refuse a prefix that is no prefix, or a rename to itself."""
    for name in (old, new):
        if not PREFIX.fullmatch(name):
            raise PrefixRenameError(f"{name!r} is not a prefix: a prefix is a short name of letters, digits, '_', "
                                    "'-' or '.', starting with a letter (pen, pairs_sud)")
    if old == new:
        raise PrefixRenameError(f"the old and the new prefix are the same ({old})")


def _is_identifier(slot: Slot) -> bool:
    return slot.name == "id" or slot.reference


def _rename(value: str, old: str, new: str) -> str | None:
    """The identifier with its prefix renamed, or None when it has another prefix."""
    return new + value[len(old):] if value.startswith(old + ":") else None


# -- a dataset (JSON, YAML) --------------------------------------------------------------------------------
def _walk(cls: str, node: object, visit) -> object:
    """`node` (an object of class `cls`) with `visit(value)` applied to each identifier in it."""
    if isinstance(node, list):
        return [_walk(cls, item, visit) for item in node]
    if not isinstance(node, dict):
        return node
    slots = model().classes[cls].slots if cls in model().classes else {}
    out = {}
    for key, value in node.items():
        slot = slots.get(key)
        if slot is None:
            out[key] = value
        elif _is_identifier(slot):
            out[key] = [visit(v) for v in value] if isinstance(value, list) else visit(value)
        elif slot.kind == "class" and slot.range in model().classes:
            out[key] = _walk(slot.range, value, visit)
        else:
            out[key] = value
    return out


def _identifiers(dataset: dict) -> Iterator[str]:
    found: list[str] = []

    def visit(value: object) -> object:
        if isinstance(value, str):
            found.append(value)
        return value

    _walk(DATASET, dataset, visit)
    yield from found


def rename_in_dataset(dataset: dict, old: str, new: str) -> tuple[dict, int]:
    """A copy of `dataset` with the prefix `old` renamed `new` in every identifier, every reference
    and the declaration under `prefixes`; and how many identifiers changed. Raises
    PrefixRenameError when `new` is already used or declared, or `old` is neither."""
    check_prefixes(old, new)
    if not isinstance(dataset, dict):
        raise PrefixRenameError("the file holds no dataset (an object with the dataset's fields)")
    declared = dataset.get("prefixes") if isinstance(dataset.get("prefixes"), dict) else {}
    identifiers = list(_identifiers(dataset))
    if new in declared or any(i.startswith(new + ":") for i in identifiers):
        raise PrefixRenameError(f"the prefix {new} is already in the data: renaming {old} to it would merge two "
                                "sets of identifiers; choose another new prefix")
    if old not in declared and not any(i.startswith(old + ":") for i in identifiers):
        raise PrefixRenameError(f"the prefix {old} is neither declared nor used in the data; nothing to rename")
    count = 0

    def visit(value: object) -> object:
        nonlocal count
        renamed = _rename(value, old, new) if isinstance(value, str) else None
        if renamed is None:
            return value
        count += 1
        return renamed

    out = _walk(DATASET, dataset, visit)
    if declared:
        out["prefixes"] = {(new if k == old else k): v for k, v in declared.items()}
    return out, count


def _text_with_prefix_renamed(text: str, old: str, new: str, suffix: str) -> str:
    """The file's text with the prefix replaced where it begins an identifier or names the
    declaration; only kept when reading it back gives exactly the renamed data."""
    o, n = re.escape(old), new.replace("\\", "\\\\")
    if suffix == ".json":
        text = re.sub(rf'"{o}:', f'"{n}:', text)
        return re.sub(rf'"{o}"(\s*:)', rf'"{n}"\1', text)
    text = re.sub(rf"(?m)(^|[\s\[,'\"-]){o}:(?=\S)", rf"\g<1>{n}:", text)  # values: ex:org/1, - ex:org/1
    text = re.sub(rf"([{{,]\s*)(['\"]?){o}\2(\s*:\s)", rf"\1\2{n}\2\3", text)  # {ex: ...}
    return re.sub(rf"(?m)^(\s*)(['\"]?){o}\2(\s*:(?:\s|$))", rf"\1\2{n}\2\3", text)  # the key under prefixes


def _rename_data_file(path: Path, old: str, new: str) -> tuple[bytes, int, bool]:
    from ..readers import Document, ReadError, open_source

    try:
        source = open_source(path)
    except ReadError as exc:
        raise PrefixRenameError(f"{path} cannot be read: {exc.message}") from None
    if not isinstance(source, Document):
        raise PrefixRenameError(f"{path} is not a JSON or YAML dataset")
    renamed, count = rename_in_dataset(source.data, old, new)
    text = path.read_text(encoding="utf-8-sig")
    candidate = _text_with_prefix_renamed(text, old, new, path.suffix.lower())
    if _parse(candidate, path.suffix.lower()) != renamed:  # the text held the prefix elsewhere too
        if path.suffix.lower() == ".json":
            candidate = json.dumps(renamed, ensure_ascii=False, indent=2) + "\n"
        else:
            import yaml

            candidate = yaml.safe_dump(renamed, allow_unicode=True, sort_keys=False, width=100)
    return utf8(candidate, path.name), count, bool(renamed.get("peer_workers"))


def _parse(text: str, suffix: str) -> object:
    from ..readers.limits import Limits

    try:
        if suffix == ".json":
            from ..readers.json_reader import read_json

            return read_json(text, Limits())
        from ..readers.yaml_reader import read_yaml

        return read_yaml(text, Limits())
    except Exception:  # noqa: BLE001 - any text that does not read back is simply not used
        return None


# -- a workbook --------------------------------------------------------------------------------------------
def _header_rows(ws, cls: str) -> tuple[int, dict[int, str]]:
    """The row where records start and each column's name: its field name from the template's
    second row when the sheet has that row (decided as the reader decides it), else its label."""
    from ..readers.limits import Limits
    from ..readers.table_header import is_machine_row

    rows = [list(r) for r in ws.iter_rows(min_row=1, max_row=2, values_only=True)]
    labels = rows[0] if rows else []
    below = rows[1] if len(rows) > 1 else []
    machine = below if below and is_machine_row(cls, labels, below, Limits.max_digits) else []
    first = 3 if machine else 2
    width = max(len(labels), len(machine))
    labels, machine = labels + [None] * (width - len(labels)), machine + [None] * (width - len(machine))
    return first, {i + 1: str(m or l or "").strip() for i, (l, m) in enumerate(zip(labels, machine))}


def _slot_of(cls: str, name: str) -> Slot | None:
    """The slot a column holds, from its field name (`membership.member_count`, `identifiers.1.value`)
    or its label, as the readers resolve it."""
    from ..readers.table import column_steps

    steps = column_steps(cls, name)
    if steps is None:
        return None
    slot = None
    for step in steps:
        if isinstance(step, int):
            continue
        classes = model().classes
        if cls not in classes or step not in classes[cls].slots:
            return slot if slot is not None and slot.kind == "class" else None
        slot = classes[cls].slots[step]
        cls = slot.range
    return slot


def _renamed_cell(value: str, old: str, new: str) -> tuple[str, int] | None:
    """A cell of identifiers (several: separated by |) with the prefix renamed, and how many were."""
    parts = [p.strip() for p in value.split(SEPARATOR)]
    renamed = [_rename(p, old, new) for p in parts]
    count = sum(r is not None for r in renamed)
    return (f" {SEPARATOR} ".join(r or p for r, p in zip(renamed, parts)), count) if count else None


def _rename_workbook(path: Path, old: str, new: str) -> tuple[bytes, int, bool]:
    try:
        import openpyxl
    except ImportError:
        from ..install_hints import extra_install_hint

        raise PrefixRenameError(f'renaming in a workbook needs openpyxl, in the "web" extra ({extra_install_hint("web")})') from None

    from ..readers.limits import Limits, size_problem
    from ..readers.workbook_guard import workbook_problem

    # the reader's limits first: a zip bomb or a huge sheet is refused before openpyxl unpacks it
    problem = size_problem(path, Limits()) or workbook_problem(path, Limits(), "xlsx")
    if problem is not None:
        raise PrefixRenameError(f"{path} is not read: {problem.message}")
    try:
        book = openpyxl.load_workbook(path)
    except Exception as exc:  # noqa: BLE001 - a broken or foreign file, in whatever way openpyxl says it
        raise PrefixRenameError(f"{path} cannot be read as a workbook ({exc.__class__.__name__})") from None
    changes: list[tuple] = []  # (cell, new value): applied only once everything is checked
    declared = used_new = people = False
    count = 0
    for ws in book.worksheets:
        cls = class_of_sheet(ws.title)
        if cls is None:  # the read-me's examples of identifiers follow the prefix
            changes += [(c, _in_text(c.value, old, new)) for row in ws.iter_rows() for c in row
                        if isinstance(c.value, str) and _in_text(c.value, old, new) != c.value]
            continue
        first, names = _header_rows(ws, cls)
        people |= cls == "PeerWorker" and ws.max_row >= first
        for cell in ws[1]:  # the notes of the columns, whose examples name the prefix
            if cell.comment is not None and _in_text(cell.comment.text, old, new) != cell.comment.text:
                changes.append((cell, _Note(_in_text(cell.comment.text, old, new))))
        for number, name in names.items():
            if cls == DATASET and name.startswith("prefixes."):  # the declaration: prefixes.ex
                key = name.split(".", 1)[1]
                used_new |= key == new
                if key == old:
                    declared = True
                    label = ws.cell(1, number)  # "Prefixes (ex)", "Préfixes (ex)"
                    if isinstance(label.value, str):
                        changes.append((label, label.value.replace(f"({old})", f"({new})")))
                    if first == 3:  # the template's row of field names
                        changes.append((ws.cell(2, number), f"prefixes.{new}"))
                continue
            slot = _slot_of(cls, name) if name else None
            if slot is None or not _is_identifier(slot):
                continue
            for (cell,) in ws.iter_rows(min_row=first, min_col=number, max_col=number):
                if not isinstance(cell.value, str):
                    continue
                used_new |= any(p.strip().startswith(new + ":") for p in cell.value.split(SEPARATOR))
                renamed = _renamed_cell(cell.value, old, new)
                if renamed is not None:
                    count += renamed[1]
                    changes.append((cell, renamed[0]))
    if used_new:
        raise PrefixRenameError(f"the prefix {new} is already in the workbook: renaming {old} to it would merge two "
                                "sets of identifiers; choose another new prefix")
    if not declared and not count:
        raise PrefixRenameError(f"the prefix {old} is neither declared nor used in the workbook; nothing to rename")
    for cell, value in changes:
        if isinstance(value, _Note):
            cell.comment = type(cell.comment)(str(value), cell.comment.author or "", cell.comment.height,
                                              cell.comment.width)
        else:
            cell.value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), count, people


class _Note(str):
    """The new text of a column's note (not of its cell)."""


def _in_text(text: str, old: str, new: str) -> str:
    """Examples of identifiers in a text for people (`ex:org/our-association`) with the new prefix."""
    return re.sub(rf"(?<![\w.:/-]){re.escape(old)}:(?=[\w/])", f"{new}:", text)


# -- the file ----------------------------------------------------------------------------------------------
def rename_prefix(path: Path, old: str, new: str, out: Path | None = None) -> Renamed:
    """Rename the prefix `old` to `new` in a filled workbook (.xlsx) or a dataset (.json, .yaml),
    writing the result atomically to `out` (default: the file itself; another file must not exist
    yet). Nothing is written when anything is refused. Raises PrefixRenameError (said in plain words) and OSError."""
    check_prefixes(old, new)
    path, out = Path(path), Path(out) if out is not None else Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise PrefixRenameError(f"there is no file {path}")
    if not path.is_file():
        raise PrefixRenameError(f"{path} is not a file")
    if out != path and (clash := output_clash(out, [path], "the input")):
        raise PrefixRenameError(clash)
    if out != path and (out.exists() or out.is_symlink()):
        raise PrefixRenameError(f"{out} already exists; it is left as it is (name a new file, or leave out -o to "
                                "rename in the file itself)")
    if out.suffix.lower() != suffix:
        raise PrefixRenameError(f"{out} must keep the kind of file of {path.name} ({suffix})")
    if suffix in WORKBOOK_SUFFIXES:
        data, count, people = _rename_workbook(path, old, new)
    elif suffix in DATA_SUFFIXES:
        data, count, people = _rename_data_file(path, old, new)
    else:
        raise PrefixRenameError(f"{path.name}: a prefix is renamed in a workbook (.xlsx) or a dataset (.json, .yaml); "
                                "convert other files with peer-schema import first")
    # a file that holds peer workers is its owner's only, as every writer of the project makes it
    private = people or (path.stat().st_mode & 0o077) == 0
    write_bytes(out, data, private=private)
    return Renamed(out, count)
