"""References between records: duplicate identifiers, references to missing records or to a
record of the wrong class, across every file of one run.

Identifiers are kept as 64-bit hashes in a flat open-addressing table (about 9 bytes an entry),
so a stream of a million records does not need a million Python strings in memory. A
reference whose target is already known is checked at once; one that points forward waits in
a short list until the end of the run.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Model
from ..report import Finding
from ..report.catalogue import CATALOGUE

_MASK = (1 << 63) - 1  # hashes as non-negative 63-bit numbers


class IdDict(dict):
    """Identifiers with the class of each, in a plain dict: fastest, and costs little when the
    data is in memory anyway (a whole JSON or YAML document holds the strings already)."""

    key = staticmethod(lambda identifier: identifier)

    def add(self, key: str, class_index: int) -> int | None:
        previous = self.get(key)
        if previous is None:
            self[key] = class_index
        return previous


class IdTable:
    """A set of identifiers (as 56-bit hashes) with the class of each in the low 7 bits of the
    same 64-bit word; no strings are kept. For streams, whose records are gone once checked.

    256 shards, each an open-addressing table that grows by half on its own when three
    quarters full: growing one never needs a second copy of the whole table, so memory stays
    near 13 bytes per identifier. Two different
    identifiers share a 56-bit hash with odds of about 1 in 10^5 for a million identifiers.
    """

    _SHARDS = 256

    def __init__(self) -> None:
        self._tables = [array("q", bytes(8 * 16)) for _ in range(self._SHARDS)]
        self._sizes = [0] * self._SHARDS
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @staticmethod
    def key(identifier: str) -> int:
        return ((hash(identifier) & _MASK) >> 7) or 1  # 56 bits; 0 marks an empty slot

    @staticmethod
    def _slot(table: array, key: int) -> int:
        n = len(table)
        i = (key >> 8) % n
        while table[i] and table[i] >> 7 != key:
            i = i + 1 if i + 1 < n else 0
        return i

    def get(self, key: int) -> int | None:
        """The class index stored for the key, or None."""
        table = self._tables[key & 0xFF]
        word = table[self._slot(table, key)]
        return (word & 0x7F) - 1 if word else None

    def add(self, key: int, class_index: int) -> int | None:
        """Store the key; when it is there already, leave it and return the stored class index."""
        shard = key & 0xFF
        table = self._tables[shard]
        i = self._slot(table, key)
        if table[i]:
            return (table[i] & 0x7F) - 1
        table[i] = (key << 7) | (class_index + 1)
        self._sizes[shard] += 1
        self._size += 1
        if self._sizes[shard] * 4 > len(table) * 3:
            self._grow(shard)
        return None

    def _grow(self, shard: int) -> None:
        old = self._tables[shard]
        table = self._tables[shard] = array("q", bytes(8 * (len(old) * 3 // 2)))
        for word in old:
            if word:
                table[self._slot(table, word >> 7)] = word


@dataclass
class _Pending:
    target: str
    field: str
    expected: str
    file: str | None
    pointer: str
    record_id: str | None
    line: int | None
    column: int | None = None
    #: the reference was read from a record that is not public (a peer worker's): its text is
    #: never put into a message (an employer cell may hold a person's name)
    private: bool = False


#: A document's position finder: JSON pointer -> (line, column), or None where unknown.
Locate = Callable[[str], tuple[int, int] | None]


def _position(locate: Locate | None, pointer: str, line: int | None) -> tuple[int | None, int | None]:
    """Where a finding stands: the located value when the document can say (a YAML or JSON
    file), else the line of the record (a JSON Lines line, a table row)."""
    position = locate(pointer) if locate is not None else None
    return position if position else (line, None)


class References:
    def __init__(self, model: Model, emit: Callable[[Finding], None], compact: bool = False):
        self.model = model
        self.emit = emit
        self.class_names = sorted(model.classes)
        self.class_index = {name: i for i, name in enumerate(self.class_names)}
        self.ids: IdDict | IdTable = IdTable() if compact else IdDict()
        self.pending: list[_Pending] = []
        self._private = False
        # per instance, not functools.cache on the method: that cache would keep every run's
        # References (its identifier table, and through `emit` its report) alive for good, which
        # a long-running server (peer-schema serve) pays on every upload
        self._plans: dict[str, tuple[tuple[str, str, int, bool, bool], ...]] = {}

    def _finding(self, code: str, params: dict, file, pointer, record_id, line, column=None) -> None:
        self.emit(Finding(code, CATALOGUE[code].severity, params, file, pointer, record_id, line, column))

    def register(self, cls: str, identifier: str, file, pointer, line, locate: Locate | None = None) -> None:
        previous = self.ids.add(self.ids.key(identifier), self.class_index[cls])
        if previous is not None:
            self._finding("refs.duplicate-id", {"id": identifier, "other": self.class_names[previous]},
                          file, pointer + "/id", identifier, *_position(locate, pointer + "/id", line))

    def check(self, cls: str, record: dict, file, pointer, line, locate: Locate | None = None) -> None:
        """Check the record's references, and those of the objects inlined in it (an
        accreditation's accrediting body); inlined objects with an `id` (the concepts of a
        scheme) are registered as records of their own. `locate` (a YAML or JSON document's)
        gives a finding the line and column of the reference itself; else it gets `line`."""
        record_id = record.get("id") if isinstance(record.get("id"), str) else None
        self._private = self.model.classes[cls].sensitivity != "public"
        self._walk(cls, record, file, pointer, record_id, line, locate)

    def _walk(self, cls: str, obj: dict, file, pointer, record_id, line, locate: Locate | None) -> None:
        ids, key = self.ids, self.ids.key
        for name, target_cls, target_index, is_reference, registers_id in self._plan(cls):
            value = obj.get(name)
            if value is None:
                continue
            is_list = isinstance(value, list)
            for i, item in enumerate(value if is_list else (value,)):
                if is_reference:
                    # the common case first: the target is known and of the right class
                    if isinstance(item, str) and ids.get(key(item)) != target_index:
                        # not (yet) resolved: located now, while the document is at hand
                        where = f"{pointer}/{name}/{i}" if is_list else f"{pointer}/{name}"
                        self._resolve(_Pending(item, name, target_cls, file, where, record_id,
                                               *_position(locate, where, line), self._private), final=False)
                elif isinstance(item, dict):
                    where = f"{pointer}/{name}/{i}" if is_list else f"{pointer}/{name}"
                    if registers_id and isinstance(item.get("id"), str):
                        self.register(target_cls, item["id"], file, where, line, locate)
                    self._walk(target_cls, item, file, where, record_id, line, locate)

    def _plan(self, cls: str) -> tuple[tuple[str, str, int, bool, bool], ...]:
        """The slots of a class that can hold a reference, or an inlined object that holds
        one or has an id of its own: (slot, range, range's index, is a reference, registers an id)."""
        known = self._plans.get(cls)
        if known is not None:
            return known
        plan = []
        for slot in self.model.classes[cls].slots.values():
            if slot.kind != "class":
                continue
            index = self.class_index[slot.range]
            if slot.reference:
                plan.append((slot.name, slot.range, index, True, False))
            elif slot.range != cls and (self._plan(slot.range) or "id" in self.model.classes[slot.range].slots):
                plan.append((slot.name, slot.range, index, False, "id" in self.model.classes[slot.range].slots))
        self._plans[cls] = tuple(plan)
        return self._plans[cls]

    def _resolve(self, ref: _Pending, final: bool) -> None:
        found = self.ids.get(self.ids.key(ref.target))
        if found is None:
            if final and ref.private:  # which field of which record, never its text
                self._finding("refs.dangling-private", {"field": ref.field, "range": ref.expected},
                              ref.file, ref.pointer, ref.record_id, ref.line, ref.column)
            elif final:
                self._finding("refs.dangling", {"field": ref.field, "target": ref.target, "range": ref.expected},
                              ref.file, ref.pointer, ref.record_id, ref.line, ref.column)
            else:
                self.pending.append(ref)
            return
        actual = self.class_names[found]
        if not self._is_a(actual, ref.expected) and ref.private:
            self._finding("refs.wrong-class-private", {"field": ref.field, "range": ref.expected, "actual": actual},
                          ref.file, ref.pointer, ref.record_id, ref.line, ref.column)
        elif not self._is_a(actual, ref.expected):
            self._finding("refs.wrong-class",
                          {"field": ref.field, "target": ref.target, "range": ref.expected, "actual": actual},
                          ref.file, ref.pointer, ref.record_id, ref.line, ref.column)

    def _is_a(self, actual: str, expected: str) -> bool:
        return actual == expected

    def finish(self) -> None:
        pending, self.pending = self.pending, []
        for ref in pending:
            self._resolve(ref, final=True)
