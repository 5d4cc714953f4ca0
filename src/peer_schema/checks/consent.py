"""Disclosure consent: a peer worker's record may only carry the fields that a consent in force
covers for both the audience and the purpose of the export. "In force": given, not withdrawn,
not past its review date. A consent that names no purpose covers no purpose (consent is
explicit: GDPR Art. 6(1)(a) and 9(2)(a) ask for specified purposes), as one that names no
audience covers no audience.

Why a field is not covered is said in the most useful order: a consent that would have covered
it but was withdrawn or is past its review (`consent.withdrawn`, `consent.review-overdue`), one in
force for the audience but for other purposes (`consent.purpose-not-covered`), or none at all
(`consent.field-not-covered`). Findings name fields and codes, never a value or a date.

Dates are ISO strings (the structure check has verified their form), so they compare as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .rules import Hit

# Fields that are the record's machinery, not disclosed facts about the worker.
# (`in_dataset`, `source_datasets`: where the record sits, which its presence already says)
NOT_DISCLOSED = {"id", "disclosure_consents", "local_reference", "in_dataset", "source_datasets"}
#: the fact of being a peer worker at all, disclosed by the record's very presence
PEER_STATUS = "peer_status"


def _iso(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) == 10 else None


def _strings(values: list) -> set[str]:
    try:
        return set(values)
    except TypeError:  # an object in the list: the structure check reports it
        return {v for v in values if isinstance(v, str)}


#: what a consent is on a day: not yet (or never) given, in force, or lapsed (the finding's code)
NOT_GIVEN, IN_FORCE, WITHDRAWN, REVIEW_OVERDUE = None, "in force", "consent.withdrawn", "consent.review-overdue"


def _state(consent: dict, now: str) -> str | None:
    given, withdrawn, review = (_iso(consent.get(k)) for k in ("given_date", "withdrawn_date", "review_date"))
    if not given or given > now:
        return NOT_GIVEN
    if withdrawn and withdrawn <= now:
        return WITHDRAWN
    if review and review < now:
        return REVIEW_OVERDUE
    return IN_FORCE


def _names(consent: dict, key: str, code: str | None) -> bool:
    values = consent.get(key)
    return isinstance(values, list) and code in values


def peer_worker(record: dict, audience: str | None, today: date, fields: frozenset[str],
                purpose: str | None = None) -> Iterator[Hit]:
    """`fields`: the slots of a peer worker that disclose something (a field the model does
    not know is the structure check's finding; it is not counted as disclosed here).
    `audience` None: nothing is disclosed (internal data), only the dates are checked."""
    now = today.isoformat()
    pid = record.get("id")
    covered: set[str] = set()
    lapsed: list[tuple[int, list, str]] = []  # consents for this audience and purpose that no longer hold
    other_purposes: list[tuple[int, list, str]] = []  # consents in force for this audience, not for this purpose
    for i, c in enumerate(record.get("disclosure_consents") or ()):
        if not isinstance(c, dict):
            continue
        given, withdrawn, review = _iso(c.get("given_date")), _iso(c.get("withdrawn_date")), _iso(c.get("review_date"))
        # Dates are personal data: the findings say what is wrong, never the dates themselves.
        if given:
            for wrong, problem, problem_fr in (
                (given > now, "given in the future", "donné dans le futur"),
                (bool(withdrawn) and withdrawn < given, "withdrawn before it was given", "retiré avant d'avoir été donné"),
                (bool(review) and review < given, "due for review before it was given", "à revoir avant d'avoir été donné"),
            ):
                if wrong:
                    yield ("consent.dates-inconsistent", {"id": pid, "n": i + 1, "problem": problem, "problem_fr": problem_fr},
                           f"/disclosure_consents/{i}")
        listed, state = c.get("disclosed_fields"), _state(c, now)
        if audience is None or state == NOT_GIVEN or not isinstance(listed, list) \
                or not _names(c, "audiences", audience):
            continue
        if not _names(c, "purposes", purpose):
            if state == IN_FORCE:  # the finding points at its purposes, or at the consent when it has none
                other_purposes.append((i, listed, "/purposes" if c.get("purposes") else ""))
        elif state == IN_FORCE:
            covered |= _strings(listed)
        else:
            lapsed.append((i, listed, state))
    if audience is None:  # internal data stays in the organisation: no disclosure to check
        return
    missing = {k for k in fields.intersection(record) if record[k] not in (None, [], "")}
    missing.add(PEER_STATUS)
    missing -= covered
    if not missing:
        return
    for i, listed, code in lapsed:
        lost = missing & _strings(listed)
        if lost:
            yield code, {"id": pid, "n": i + 1, "fields": ", ".join(sorted(lost))}, f"/disclosure_consents/{i}"
            missing -= lost
    for i, listed, below in other_purposes:
        elsewhere = missing & _strings(listed)
        if elsewhere:
            yield ("consent.purpose-not-covered",
                   {"id": pid, "n": i + 1, "fields": ", ".join(sorted(elsewhere)), "audience": audience,
                    "purpose": purpose}, f"/disclosure_consents/{i}{below}")
            missing -= elsewhere
    if missing:
        yield ("consent.field-not-covered",
               {"id": pid, "fields": ", ".join(sorted(missing)), "audience": audience, "purpose": purpose}, "")


def covered_fields(record: dict, audience: str, purpose: str, today: date) -> set[str]:
    """The fields of a peer worker that the consents in force name for `audience` and `purpose`
    (what a bundle made with --only-consented keeps; `peer_status`: the record itself)."""
    now = today.isoformat()
    covered: set[str] = set()
    for c in record.get("disclosure_consents") or ():
        if (isinstance(c, dict) and isinstance(c.get("disclosed_fields"), list) and _state(c, now) == IN_FORCE
                and _names(c, "audiences", audience) and _names(c, "purposes", purpose)):
            covered |= _strings(c["disclosed_fields"])
    return covered

