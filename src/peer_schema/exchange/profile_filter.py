"""What a bundle leaves out for its export profile, read from the model's annotations.

- Every field whose `export_profiles` do not include the profile is left out, at any depth
  (a peer worker's `local_reference` is internal only: it never leaves the organisation).
- Public profile: every record of a class that is not public (peer workers) is left out, and
  counts of people below the threshold are suppressed (removed), so that a small number cannot
  point at a person: an organisation's staff, volunteers and peer workers, a membership's
  members, and a practice's scale figures that count people (the figure goes as a whole: its
  quantity is required).

Only counts are kept of what was left out, never a value; and a public bundle's manifest gets
only the names of what was left out (`to_dict(counts=False)`): a count of peer workers, or of
suppressed figures, is itself a small count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..model import ModelClass, model

#: integer counts of people: (class, slot)
PEOPLE_COUNTS = frozenset({
    ("Organisation", "staff_count"),
    ("Organisation", "volunteer_count"),
    ("Organisation", "peer_worker_count"),
    ("MembershipProfile", "member_count"),
})
#: scale units (ScaleUnit codes) that count people
PEOPLE_UNITS = frozenset({"peer_workers", "positions", "service_users_reached", "participants", "trainees", "experts"})
DEFAULT_MIN_COUNT = 5


@dataclass
class LeftOut:
    """What the profile filter removed, as counts."""

    records: Counter = field(default_factory=Counter)  # class -> records
    fields: Counter = field(default_factory=Counter)  # "Class.slot" -> values
    suppressed: Counter = field(default_factory=Counter)  # "Class.slot" -> counts below the threshold
    threshold: int | None = None

    def to_dict(self, counts: bool = True) -> dict:
        """For the manifest. `counts=False` (public bundles): which classes and fields, not how many."""
        if not counts:
            out = {"records": sorted(self.records), "fields": sorted(self.fields)}
            if self.threshold is not None:
                out["small_counts"] = {"threshold": self.threshold, "fields": sorted(self.suppressed)}
            return out
        out = {"records": dict(sorted(self.records.items())), "fields": dict(sorted(self.fields.items()))}
        if self.threshold is not None:
            out["small_counts"] = {"threshold": self.threshold, "suppressed": sum(self.suppressed.values()),
                                   "by_field": dict(sorted(self.suppressed.items()))}
        return out


class ProfileFilter:
    def __init__(self, profile: str, min_count: int = DEFAULT_MIN_COUNT):
        self.model = model()
        self.profile = profile
        self.public = profile == "public"
        self.min_count = min_count
        self.left_out = LeftOut(threshold=min_count if self.public else None)

    def dataset(self, doc: dict) -> None:
        """Filter one dataset document in place."""
        m = self.model
        if self.public:
            for container, cls in m.containers.items():
                if m.classes[cls].sensitivity != "public" and doc.get(container):
                    self.left_out.records[cls] += len(doc[container])
                    del doc[container]
        self._object(m.classes["Dataset"], doc, top=True)
        for container, cls in m.containers.items():
            for rec in doc.get(container) or ():
                if isinstance(rec, dict):
                    self._object(m.classes[cls], rec)

    def _object(self, cls: ModelClass, obj: dict, top: bool = False) -> None:
        containers = self.model.containers
        for name in list(obj):
            slot = cls.slots.get(name)
            if slot is None or (top and name in containers):
                continue  # unknown: the validator has refused it already; containers: done by the caller
            if self.profile not in slot.profiles:
                del obj[name]
                self.left_out.fields[f"{cls.name}.{name}"] += 1
                continue
            if self.public and (cls.name, name) in PEOPLE_COUNTS:
                value = obj[name]
                if isinstance(value, (int, float)) and not isinstance(value, bool) and value < self.min_count:
                    del obj[name]
                    self.left_out.suppressed[f"{cls.name}.{name}"] += 1
                continue
            if slot.kind == "class" and not slot.reference and slot.range in self.model.classes:
                inner = self.model.classes[slot.range]
                value = obj[name]
                if self.public and slot.range == "ScaleFigure" and isinstance(value, list):
                    kept = [f for f in value if not self._small_people_figure(f)]
                    if len(kept) != len(value):
                        self.left_out.suppressed["ScaleFigure.quantity"] += len(value) - len(kept)
                        if kept:
                            obj[name] = value = kept
                        else:
                            del obj[name]
                            continue
                for item in value if isinstance(value, list) else (value,):
                    if isinstance(item, dict):
                        self._object(inner, item)

    def _small_people_figure(self, figure) -> bool:
        if not isinstance(figure, dict) or figure.get("unit") not in PEOPLE_UNITS:
            return False
        quantity = figure.get("quantity")
        return isinstance(quantity, (int, float)) and not isinstance(quantity, bool) and quantity < self.min_count
