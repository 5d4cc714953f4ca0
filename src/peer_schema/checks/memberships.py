"""The rules across memberships, kept small for long streams: cycles (member -> federation),
the same membership twice, and a membership of an organisation that is no federation or network.

A cycle can only pass through organisations that are the federation of some membership, and
federations are few: their identifiers are kept as text, members only as 64-bit hashes. Each
membership's period is kept as two day numbers, and each organisation whose kinds say it is
neither a federation nor a network as one hash, so a million records stay a few megabytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from pathlib import PurePath

from . import rules

_MASK = (1 << 63) - 1
#: the kinds of organisation others can be members of
FEDERATION_KINDS = frozenset({"federation", "network"})
_SINCE_EVER, _STILL_ON = 0, 1 << 40  # a period without a start, or without an end (day numbers)


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
        self.starts = array("q")  # day numbers (date.toordinal); -1: a date that cannot be read
        self.ends = array("q")
        #: organisations whose kinds are listed and hold neither "federation" nor "network"
        self.not_federations = array("q")

    def add_record(self, cls: str, record: dict, file: str | None, pointer: str, line: int | None) -> None:
        """Note what the rules across records need from one record."""
        if cls == "Membership":
            member, federation = record.get("member"), record.get("federation")
            if isinstance(member, str) and isinstance(federation, str):
                self.add(member, federation, file, pointer, line, _day(record.get("start_date"), _SINCE_EVER),
                         _day(record.get("end_date"), _STILL_ON))
        elif cls == "Organisation":
            kinds, identifier = record.get("organisation_kinds"), record.get("id")
            # no kinds listed: nothing is known, and nothing is said
            if isinstance(identifier, str) and isinstance(kinds, list) and kinds and not FEDERATION_KINDS & set(kinds):
                self.not_federations.append(_key(identifier))

    def add(self, member: str, federation: str, file: str | None, pointer: str, line: int | None,
            start: int = _SINCE_EVER, end: int = _STILL_ON) -> None:
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
        self.starts.append(start)
        self.ends.append(end)

    def where(self, i: int) -> tuple[str | None, str, int | None]:
        """The file, JSON pointer and line of membership i."""
        return self.files[self.file_index[i]], self.pointers.get(i, ""), self.lines[i] or None

    def repeated(self) -> Iterator[tuple[int, int]]:
        """(a membership, an earlier one of the same member in the same federation whose period
        overlaps it or is the same). Periods that only touch (one ends the day the next starts)
        are a renewal, not a repeat; a missing start or end date means an open period."""
        order = sorted((i for i in range(len(self.members)) if self.starts[i] >= 0 and self.ends[i] >= 0),
                       key=lambda i: (self.members[i], self.federations[i], self.starts[i], self.ends[i]))
        def pair(i: int) -> tuple[int, int]:
            return self.members[i], self.federations[i]

        first = 0  # the membership of the current pair that lasts the longest so far
        for previous, i in zip([None, *order], order):
            if previous is None or pair(i) != pair(previous):
                first = i
                continue
            same = (self.starts[i], self.ends[i]) == (self.starts[first], self.ends[first])
            if same or self.starts[i] < self.ends[first]:
                yield i, first
            if self.ends[i] > self.ends[first]:
                first = i

    def not_a_federation(self) -> Iterator[tuple[int, str]]:
        """(a membership, its federation) when the federation's kinds say it is none."""
        flagged = {key for key in self.not_federations if key in self.names}
        for i, federation in enumerate(self.federations):
            if federation in flagged:
                yield i, self.names[federation]

    def findings(self) -> Iterator[tuple[str, dict, str | None, str, int | None]]:
        """(code, params, file, pointer, line) of the rules across memberships, cycles apart."""
        for i, first in self.repeated():
            file, pointer, line = self.where(i)
            there = _place(*self.where(first))
            yield ("rules.membership-twice", {"federation": self.names[self.federations[i]], "first": there},
                   file, pointer, line)
        for i, federation in self.not_a_federation():
            file, pointer, line = self.where(i)
            yield "rules.federation-not-a-federation", {"federation": federation}, file, pointer + "/federation", line

    def cycles(self):
        """(cycle as ids, file, pointer, line of one of its memberships) for each cycle."""
        targets = self.names
        edges = [(i, targets[m], targets[f]) for i, (m, f) in enumerate(zip(self.members, self.federations))
                 if m in targets]
        for cycle in rules.membership_cycles([(m, f) for _, m, f in edges]):
            members = set(cycle)
            i = next(i for i, m, f in edges if m in members and f in members)
            yield cycle, self.files[self.file_index[i]], self.pointers.get(i, ""), self.lines[i] or None


def _day(value, missing: int) -> int:
    """A date as a day number; `missing` when absent; -1 when it cannot be read (the structure
    check says so, and the membership is left out of the comparison)."""
    if value is None:
        return missing
    day = rules.iso_date(value)
    return day.toordinal() if day is not None else -1


def _place(file: str | None, pointer: str, line: int | None) -> str:
    """Where a membership is, in words of no language: the row's first cell in a workbook
    (Memberships!A4), file:line in other tables and streams, or file#/json/pointer."""
    name = PurePath(str(file)).name if file is not None else ""
    sheet = getattr(getattr(file, "table", None), "sheet", None)  # a workbook's row (validation._RowOfSheet)
    if sheet and line:
        return f"{sheet}!A{line}"
    if line:
        return f"{name}:{line}"
    return f"{name}#{pointer}" if name else pointer
