"""Domain rules from the sources, one small function per rule.

Each rule reads one record and yields (code, params, pointer suffix); the run adds where the
record is. Values put into params are codes, years and numbers of public records only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import cache

from .. import artifacts
from . import personal

Hit = tuple[str, dict, str]  # code, params, pointer below the record ("" for the record)

MIN_YEAR = 1700  # formal peer support is recorded back to the 18th century (McGregor 2014)
MAX_SESSION_HOURS = 4  # Tuto3 PAT training profile, Table 2: "Duration"
PEER_OPERATED_MIN_SHARE = 51  # McGregor 2014, after Queensland Government 2009
HOURS_TOLERANCE = 0.01  # sessions x length against total hours: room for rounding, none for a real excess


@cache
def coe_member_states() -> frozenset[str]:
    return frozenset(artifacts.vocabularies()["Country"]["collections"]["coe-member-states"])


@cache
def basic_training_elements() -> tuple[str, ...]:
    return tuple(artifacts.vocabularies()["TrainingElement"]["collections"]["basic"])


def _years(record: dict, today: date) -> Iterator[Hit]:
    year = record.get("start_year")
    if type(year) is int:
        if year > today.year:
            yield "rules.year-in-future", {"value": year, "field": "start_year"}, "/start_year"
        elif year < MIN_YEAR:
            yield "rules.year-too-early", {"value": year, "field": "start_year"}, "/start_year"


@cache
def countries() -> frozenset[str]:
    return frozenset(artifacts.vocabularies()["Country"]["concepts"])


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _decimal_fr(number: float) -> str:
    """2.5 as French writes it: 2,5."""
    return str(number).replace(".", ",")


def iso_date(value) -> date | None:
    """A date written as the model writes it (2026-11-23); None for anything else, which is the
    structure check's finding, not a rule's."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _ends_before_start(record: dict, start: str, end: str) -> tuple[date, date] | None:
    first, last = iso_date(record.get(start)), iso_date(record.get(end))
    return (first, last) if first is not None and last is not None and last < first else None


def _countries(codes: list, where: str) -> Iterator[Hit]:
    members = coe_member_states()
    for i, code in enumerate(codes):
        # a code that is not a country at all is the vocabulary check's finding, not this one
        if isinstance(code, str) and code in countries() and code not in members:
            yield "rules.country-outside-coe", {"value": code}, where.format(i=i)


def organisation(record: dict, today: date) -> Iterator[Hit]:
    yield from _years(record, today)
    kinds = record.get("organisation_kinds")
    if isinstance(kinds, list) and "peer_operated_service" in kinds and record.get("staffed_and_managed_by_peers") is not True:
        share = record.get("peer_governance_share")
        if not _is_number(share) or share < PEER_OPERATED_MIN_SHARE:
            # the share is put into the message in the report's language: words, never English in French
            params = ({"value": share, "share": f"{share}%", "share_fr": f"{share} %"} if _is_number(share)
                      else {"share": "an unknown share", "share_fr": "une part inconnue"})
            yield "rules.peer-operated-share", {"id": record.get("id"), **params}, "/peer_governance_share"
    if "country" in record:
        yield from _countries([record["country"]], "/country")


def training_programme(record: dict, today: date) -> Iterator[Hit]:
    yield from _years(record, today)
    if "country" in record:
        yield from _countries([record["country"]], "/country")
    hours = record.get("session_length_hours")
    if isinstance(hours, (int, float)) and not isinstance(hours, bool) and hours > MAX_SESSION_HOURS:
        yield "rules.session-too-long", {"value": hours}, "/session_length_hours"
    if record.get("level") == "basic":
        listed = record.get("training_elements")
        listed = set(listed) if isinstance(listed, list) else set()
        missing = [e for e in basic_training_elements() if e not in listed]
        if missing:
            yield "rules.basic-elements-missing", {"missing": ", ".join(missing)}, "/training_elements"
    accreditation = record.get("accreditation")
    if isinstance(accreditation, dict) and accreditation.get("accreditation_status") not in (None, "not_accredited"):
        if not accreditation.get("accrediting_body"):
            yield ("rules.accreditation-without-body", {"value": accreditation.get("accreditation_status")},
                   "/accreditation")
    if isinstance(accreditation, dict) and (dates := _ends_before_start(accreditation, "valid_from", "valid_until")):
        yield ("rules.accreditation-ends-before-start", {"start": dates[0].isoformat(), "end": dates[1].isoformat()},
               "/accreditation/valid_until")
    count, total = record.get("session_count"), record.get("total_hours")
    if type(count) is int and _is_number(hours) and _is_number(total) and count * hours > total + HOURS_TOLERANCE:
        yield ("rules.sessions-exceed-total-hours",
               {"count": count, "length": hours, "sessions_total": round(count * hours, 2), "value": total,
                "length_fr": _decimal_fr(hours), "sessions_total_fr": _decimal_fr(round(count * hours, 2)),
                "value_fr": _decimal_fr(total)},
               "/total_hours")


def membership(record: dict, today: date) -> Iterator[Hit]:
    if dates := _ends_before_start(record, "start_date", "end_date"):
        yield "rules.membership-ends-before-start", {"start": dates[0].isoformat(), "end": dates[1].isoformat()}, "/end_date"


def practice(record: dict, today: date) -> Iterator[Hit]:
    yield from _years(record, today)
    countries = record.get("countries")
    if isinstance(countries, list) and record.get("geographic_scope") != "international":
        yield from _countries(countries, "/countries/{i}")
    for i, figure in enumerate(record.get("scale") or []):
        if isinstance(figure, dict) and type(figure.get("scale_year")) is int:
            year = figure["scale_year"]
            if year > today.year:
                yield "rules.year-in-future", {"value": year, "field": "scale_year"}, f"/scale/{i}/scale_year"
            elif year < MIN_YEAR:
                yield "rules.year-too-early", {"value": year, "field": "scale_year"}, f"/scale/{i}/scale_year"


RULES: dict[str, Callable[[dict, date], Iterator[Hit]]] = {
    "Organisation": organisation,
    "TrainingProgramme": training_programme,
    "Practice": practice,
    "Membership": membership,
    "PeerWorker": personal.peer_worker,  # names, contacts, birth dates typed where the model has none
}


def membership_cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Groups of organisations whose memberships go round in a circle (member -> federation):
    the strongly connected components with more than one member, or a self-membership.
    Tarjan's algorithm, iterative, linear in the number of memberships whatever the input."""
    graph: dict[str, list[str]] = {}
    for member, federation in edges:
        graph.setdefault(member, []).append(federation)
        graph.setdefault(federation, [])
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cycles = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(graph[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop()
                    on_stack.discard(top)
                    component.append(top)
                    if top == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    cycles.append(sorted(component))
    return sorted(cycles)
