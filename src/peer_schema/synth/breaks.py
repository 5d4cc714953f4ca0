"""Injected rule breaks: which records get which break, and each break's edit."""

from __future__ import annotations

import random
from datetime import date, timedelta

from .constants import INJECTORS
from .generator import _Generator
from .later_records import _disclosable
from .vocabulary import PEER_WORKER_FIELDS, _date_between
from .writers import Stream


# --- the breaks --------------------------------------------------------------------------------

DUPLICATE = "refs.duplicate-id"


def _plan_breaks(layout: dict[str, tuple[int, int]], wanted: int, rng: random.Random) -> dict[int, str]:
    """Which records get which break: ordinal in the file -> code.

    The codes take turns (every code appears once there are as many breaks as codes); each
    break goes to a class the injector applies to, drawn in proportion to the room left in it.
    """
    room = {cls: n for cls, (_, n) in layout.items() if cls != "Membership"}
    wanted = min(wanted, sum(room.values()))
    if wanted <= 0:
        return {}
    order = list(INJECTORS)
    rng.shuffle(order)
    wanted_by_class: dict[str, list[str]] = {cls: [] for cls in room}
    for j in range(wanted):
        for step in range(len(order)):
            code = order[(j + step) % len(order)]
            classes = [c for c in INJECTORS[code] if room[c] > (1 if code == DUPLICATE else 0)]
            if classes:
                cls = rng.choices(classes, [room[c] for c in classes])[0]
                wanted_by_class[cls].append(code)
                room[cls] -= 1
                break
    plan: dict[int, str] = {}
    for cls, codes in wanted_by_class.items():
        if not codes:
            continue
        start, n = layout[cls]
        where = rng.sample(range(n), len(codes))
        rng.shuffle(codes)
        # A duplicate copies the identifier of an earlier record: never on the first record.
        if 0 in where and codes[where.index(0)] == DUPLICATE:
            k = where.index(0)
            swap = next((m for m, c in enumerate(codes) if c != DUPLICATE), None)
            if swap is None:
                codes[k] = "structure.unknown-field"
            else:
                codes[k], codes[swap] = codes[swap], codes[k]
        for local, code in zip(where, codes):
            plan[start + local] = code
    return plan


class _Injector:
    """Applies the planned breaks to the records as they stream past, and records each one."""

    def __init__(self, plan: dict[int, str], gen: _Generator, rng: random.Random, today: date):
        self.plan = plan
        self.gen = gen
        self.rng = rng
        self.today = today
        self.breaks: list[dict] = []
        self.missing = 0

    def apply(self, stream: Stream) -> Stream:
        ordinal = 0
        for container, cls, i, record in stream:
            code = self.plan.get(ordinal)
            if code is not None:
                where = getattr(self, "_" + code.replace(".", "_").replace("-", "_"))(cls, i, record)
                self.breaks.append({"code": code, "record_id": record.get("id"), "class": cls,
                                    "container": container, "index": i, "ordinal": ordinal, "field": where})
            yield container, cls, i, record
            ordinal += 1

    # Each injector breaks exactly one rule and returns where, relative to the record
    # (`weekly_hours`, `disclosure_consents/0/review_date`).

    def _structure_required(self, cls: str, i: int, r: dict) -> str:
        name = {"Organisation": "name", "TrainingProgramme": "name", "CompendiumSection": "title",
                "Practice": "setting_category", "PeerWorker": "role"}[cls]
        del r[name]
        if cls == "PeerWorker":
            _cover(r)
        return name

    def _structure_unknown_field(self, cls: str, i: int, r: dict) -> str:
        if cls == "PeerWorker":
            # what people try to add to a peer worker; the values are as fictional as the rest
            key, value = self.rng.choice([("name", f"Synthetic Person {i + 1}"), ("birth_date", "1970-01-01"),
                                          ("diagnosis", "synthetic diagnosis (fictional)")])
        else:
            key, value = {"Organisation": lambda: ("founded", r.get("start_year", 2000)),
                          "TrainingProgramme": lambda: ("duration_hours", r.get("total_hours", 40)),
                          "CompendiumSection": lambda: ("chapter", i + 1),
                          "Practice": lambda: ("country", r["countries"][0])}[cls]()
        r[key] = value
        return key

    def _vocab_unknown_code(self, cls: str, i: int, r: dict) -> str:
        if cls == "Organisation":
            r["country"] = self.gen.country_labels[r["country"]]  # "Belgium" for BE: the usual slip
            return "country"
        if cls == "TrainingProgramme":
            r["delivery_modes"] = ["in_person"]
            return "delivery_modes/0"
        if cls == "Practice":
            r["setting_category"] = "community"
            return "setting_category"
        r["role"] = "peer_mentor"
        return "role"

    def _structure_out_of_range(self, cls: str, i: int, r: dict) -> str:
        if cls == "Organisation":
            if "peer_governance_share" in r:
                r["peer_governance_share"] = 150
                return "peer_governance_share"
            r["staff_count"] = -3
            return "staff_count"
        if cls == "TrainingProgramme":
            if "qualification_awarded" in r:
                r["qualification_awarded"]["eqf_level"] = 9
                return "qualification_awarded/eqf_level"
            r["session_count"] = 0
            return "session_count"
        if cls == "Practice":
            r["scale"][0]["quantity"] = -5
            return "scale/0/quantity"
        r["weekly_hours"] = 95
        _cover(r)
        return "weekly_hours"

    def _structure_wrong_type(self, cls: str, i: int, r: dict) -> str:
        if cls == "Organisation":
            r["staff_count"] = f"about {r['staff_count']}"
            return "staff_count"
        if cls == "TrainingProgramme":
            r["total_hours"] = f"{r['total_hours']} hours"
            return "total_hours"
        if cls == "Practice":
            r["scale"][0]["quantity"] = f"about {r['scale'][0]['quantity']}"
            return "scale/0/quantity"
        r["weekly_hours"] = f"{r.get('weekly_hours', 19)} hours"
        _cover(r)
        return "weekly_hours"

    def _refs_duplicate_id(self, cls: str, i: int, r: dict) -> str:
        start = self.gen.layout[cls][0]
        for _ in range(20):  # an earlier record that kept its own identifier
            j = self.rng.randrange(i)
            if self.plan.get(start + j) != DUPLICATE:
                break
        else:
            j = 0
        r["id"] = self.gen.record_id(cls, j)
        return "id"

    def _refs_dangling(self, cls: str, i: int, r: dict) -> str:
        self.missing += 1
        target = f"ex:org/missing-{self.missing}-{self.rng.getrandbits(24):06x}"
        if cls == "TrainingProgramme":
            r["providers"][0] = target
            return "providers/0"
        if cls == "Practice":
            r["organisations_involved"][0] = target
            return "organisations_involved/0"
        r["employer"] = target
        _cover(r)
        return "employer"

    def _rules_peer_operated_share(self, cls: str, i: int, r: dict) -> str:
        if "peer_operated_service" not in r["organisation_kinds"]:
            r["organisation_kinds"].append("peer_operated_service")
        r["peer_governance_share"] = 30
        r.pop("staffed_and_managed_by_peers", None)
        return "peer_governance_share"

    def _rules_year_in_future(self, cls: str, i: int, r: dict) -> str:
        r["start_year"] = 2150
        return "start_year"

    def _rules_year_too_early(self, cls: str, i: int, r: dict) -> str:
        r["start_year"] = 1650
        return "start_year"

    def _rules_session_too_long(self, cls: str, i: int, r: dict) -> str:
        r["session_length_hours"] = 6
        r["total_hours"] = r["session_count"] * 6  # the programme stays consistent with itself
        return "session_length_hours"

    def _rules_accreditation_without_body(self, cls: str, i: int, r: dict) -> str:
        since = _date_between(self.rng, date(min(r["start_year"], self.today.year - 2), 1, 1), self.today - timedelta(days=400))
        r["accreditation"] = {"accreditation_status": "accredited", "valid_from": since.isoformat()}
        return "accreditation"

    def _consent_field_not_covered(self, cls: str, i: int, r: dict) -> str:
        present = [f for f in PEER_WORKER_FIELDS if f in r]
        dropped = self.rng.choice(present)
        for consent in r["disclosure_consents"]:
            consent["disclosed_fields"] = [f for f in consent["disclosed_fields"] if f != dropped]
        return dropped

    def _consent_withdrawn(self, cls: str, i: int, r: dict) -> str:
        consent = r["disclosure_consents"][0]
        given = date.fromisoformat(consent["given_date"])
        consent["withdrawn_date"] = _date_between(self.rng, given + timedelta(days=1), self.today - timedelta(days=1)).isoformat()
        return "disclosure_consents/0/withdrawn_date"

    def _consent_review_overdue(self, cls: str, i: int, r: dict) -> str:
        consent = r["disclosure_consents"][0]
        given = date.fromisoformat(consent["given_date"])
        consent["review_date"] = _date_between(self.rng, given + timedelta(days=1), self.today - timedelta(days=1)).isoformat()
        return "disclosure_consents/0/review_date"


def _cover(pw: dict) -> None:
    """Keep a peer worker's consents exactly in step with its fields after a change."""
    fields = _disclosable(pw)
    for consent in pw["disclosure_consents"]:
        consent["disclosed_fields"] = list(fields)
