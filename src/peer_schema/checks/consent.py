"""Disclosure consent: a peer worker's record may only carry, for the audience of the export,
the fields a consent in force covers. "In force": given, not withdrawn, not past its review date.

Dates are ISO strings (the structure check has verified their form), so they compare as text.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .rules import Hit

# Fields that are the record's machinery, not disclosed facts about the worker.
NOT_DISCLOSED = {"id", "disclosure_consents", "local_reference"}
#: the fact of being a peer worker at all, disclosed by the record's very presence
PEER_STATUS = "peer_status"


def _iso(value: object) -> str | None:
    return value if isinstance(value, str) and len(value) == 10 else None


def peer_worker(record: dict, audience: str | None, today: date, fields: frozenset[str]) -> Iterator[Hit]:
    """`fields`: the slots of a peer worker (a field the model does not know is the structure
    check's finding; it is not counted as disclosed here)."""
    consents = [c for c in record.get("disclosure_consents") or [] if isinstance(c, dict)]
    now = today.isoformat()
    pid = record.get("id")
    for i, c in enumerate(consents):
        given, withdrawn, review = _iso(c.get("given_date")), _iso(c.get("withdrawn_date")), _iso(c.get("review_date"))
        where = f"/disclosure_consents/{i}"
        # Dates are personal data: the findings say what is wrong, never the dates themselves.
        for problem, problem_fr in (
            ("given in the future", "donné dans le futur") if given and given > now else (None, None),
            ("withdrawn before it was given", "retiré avant d'avoir été donné") if given and withdrawn and withdrawn < given else (None, None),
            ("due for review before it was given", "à revoir avant d'avoir été donné") if given and review and review < given else (None, None),
        ):
            if problem:
                yield "consent.dates-inconsistent", {"id": pid, "n": i + 1, "problem": problem, "problem_fr": problem_fr}, where
    if audience is None:  # internal data stays in the organisation: no disclosure to check
        return
    disclosed = {k for k, v in record.items() if k in fields and k not in NOT_DISCLOSED and v not in (None, [], "")}
    disclosed.add(PEER_STATUS)
    covered: set[str] = set()
    lapsed: list[tuple[int, dict, str]] = []  # consents for this audience that no longer hold
    for i, c in enumerate(consents):
        audiences, fields = c.get("audiences"), c.get("disclosed_fields")
        if not (isinstance(audiences, list) and audience in audiences and isinstance(fields, list)):
            continue
        given, withdrawn, review = _iso(c.get("given_date")), _iso(c.get("withdrawn_date")), _iso(c.get("review_date"))
        if not given or given > now:
            continue
        if withdrawn and withdrawn <= now:
            lapsed.append((i, c, "consent.withdrawn"))
        elif review and review < now:
            lapsed.append((i, c, "consent.review-overdue"))
        else:
            covered.update(f for f in fields if isinstance(f, str))
    missing = disclosed - covered
    if not missing:
        return
    for i, c, code in lapsed:
        lost = missing & set(c.get("disclosed_fields") or [])
        if lost:
            yield code, {"id": pid, "n": i + 1, "fields": ", ".join(sorted(lost))}, f"/disclosure_consents/{i}"
            missing -= lost
    if missing:
        yield "consent.field-not-covered", {"id": pid, "fields": ", ".join(sorted(missing)), "audience": audience}, ""
