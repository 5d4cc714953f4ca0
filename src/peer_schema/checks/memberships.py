"""Membership edges (member -> federation) for the cycle rule, kept small for long streams.

A cycle can only pass through organisations that are the federation of some membership, and
federations are few: their identifiers are kept as text, members only as 64-bit hashes.
"""

from __future__ import annotations

from array import array

from . import rules

_MASK = (1 << 63) - 1


def _key(identifier: str) -> int:
    return hash(identifier) & _MASK


class MembershipGraph:
    def __init__(self) -> None:
        self.members = array("q")
        self.federations = array("q")
        self.lines = array("q")  # 0: no line
        self.files: list[str | None] = []  # one entry per file, indexed by file_index
        self.file_index = array("H")
        self.pointers: dict[int, str] = {}  # only for documents: streams have no pointer
        self.names: dict[int, str] = {}

    def add(self, member: str, federation: str, file: str | None, pointer: str, line: int | None) -> None:
        f = _key(federation)
        self.names.setdefault(f, federation)
        if not self.files or self.files[-1] != file:
            self.files.append(file)
        if pointer:
            self.pointers[len(self.members)] = pointer
        self.members.append(_key(member))
        self.federations.append(f)
        self.lines.append(line or 0)
        self.file_index.append(len(self.files) - 1)

    def cycles(self):
        """(cycle as ids, file, pointer, line of one of its memberships) for each cycle."""
        targets = self.names
        edges = [(i, targets[m], targets[f]) for i, (m, f) in enumerate(zip(self.members, self.federations))
                 if m in targets]
        for cycle in rules.membership_cycles([(m, f) for _, m, f in edges]):
            members = set(cycle)
            i = next(i for i, m, f in edges if m in members and f in members)
            yield cycle, self.files[self.file_index[i]], self.pointers.get(i, ""), self.lines[i] or None
