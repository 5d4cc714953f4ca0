"""Who may read what the tools write: the one place that decides what an export profile may
publish. Every writer goes through it: the validator (which profile a dataset is checked
against), `export` (RDF and workbooks), `store load`, `bundle`, `merge` and query output.

Audiences, from the most readers to the fewest:

    public (anyone)  >  federation, research (restricted: the federation, named recipients)  >  internal (non_public)

**A profile never loosens access.** A dataset may be written under the profile its own
`access_rights` imply, or a stricter one (fewer readers), never a looser one: `non_public` data
is not written as federation or public, `restricted` data is not written as public
(`LooserProfile`, exit code 2). Written under a stricter profile, the output says the stricter
access rights: a public dataset exported with `--profile internal` is labelled `non_public`,
never `PUBLIC` beside the peer workers the internal profile lets through.

**Small counts.** Wherever the public profile writes, a count of people below the threshold
(`DEFAULT_MIN_COUNT`, 5; a bundle may raise it, nothing may lower it) is removed, not rounded:
an organisation's staff, volunteers and peer workers, a membership's members, and a practice's
scale figures that count people (the figure goes as a whole: its quantity is required).

This module imports nothing of the project but the model, so that checks, rdf and exchange can
all use it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from .model import PROFILE_AUDIENCE, PROFILE_PURPOSE, PROFILES, ModelClass, model  # noqa: F401 (re-exported)

#: a dataset's access rights -> the profile it is written under unless a stricter one is asked
PROFILE_OF_ACCESS = {"public": "public", "restricted": "federation", "non_public": "internal"}
#: a profile -> the access rights its output says (a research bundle is restricted data, as a
#: federation's: named recipients, fewer fields)
ACCESS_OF_PROFILE = {"public": "public", "research": "restricted", "federation": "restricted", "internal": "non_public"}
#: how many may read what a profile writes: more is looser
_READERS = {"public": 2, "research": 1, "federation": 1, "internal": 0}
#: the profile with the fewest readers: what a dataset (or a bundle) that says nothing gets
STRICTEST = "internal"

#: profiles whose outputs carry only the consents naming their audience and purpose (data
#: minimisation: a worker's consents to others say nothing the recipient needs)
ONLY_CONSENTS_IN_USE = frozenset({"research"})

#: below this, a count of people is not published (public profile)
DEFAULT_MIN_COUNT = 5
#: integer counts of people: (class, slot)
PEOPLE_COUNTS = frozenset({
    ("Organisation", "staff_count"),
    ("Organisation", "volunteer_count"),
    ("Organisation", "peer_worker_count"),
    ("MembershipProfile", "member_count"),
})
#: scale units (ScaleUnit codes) that count people
PEOPLE_UNITS = frozenset({"peer_workers", "positions", "service_users_reached", "participants", "trainees", "experts"})


class LooserProfile(Exception):
    """A profile that would let more people read a dataset than its access rights allow."""

    def __init__(self, profile: str, access_rights: str, dataset=None):
        self.profile, self.access_rights, self.dataset = profile, access_rights, dataset
        allowed = " or ".join(p for p in PROFILES if readers(p) <= readers(PROFILE_OF_ACCESS[access_rights]))
        super().__init__(
            f"the dataset {dataset or '(without id)'} has access_rights {access_rights}: it may not be written "
            f"under the {profile} profile, which more people may read (use --profile {allowed}, leave this "
            "dataset out, or change its access_rights if its publisher agrees)")

    @property
    def params(self) -> dict:
        return {"profile": self.profile, "access": self.access_rights, "id": self.dataset or "?"}


def readers(profile: str) -> int:
    """How many may read what `profile` writes, as a rank: public 2, federation 1, internal 0."""
    return _READERS[profile]


def stricter(a: str, b: str) -> str:
    """Of two profiles, the one fewer people may read."""
    return a if readers(a) <= readers(b) else b


def stricter_access(a: str | None, b: str | None) -> str:
    """Of two access rights, the one fewer people may read; an unknown or missing one counts
    as the strictest (non_public): what says nothing is never made more public."""
    pa = PROFILE_OF_ACCESS.get(a, STRICTEST)
    pb = PROFILE_OF_ACCESS.get(b, STRICTEST)
    return ACCESS_OF_PROFILE[stricter(pa, pb)]


def profile_for(access_rights, asked: str | None = None, dataset=None) -> str:
    """The profile a dataset is checked and written under: the asked one, when it is as strict
    as the dataset's access rights or stricter; else the one they imply. A dataset without
    (known) access rights is checked as public, the profile that lets the least through.
    Raises LooserProfile when `asked` has more readers than the access rights allow."""
    own = PROFILE_OF_ACCESS.get(access_rights) if isinstance(access_rights, str) else None
    if asked is None:
        return own or "public"
    if own is not None and readers(asked) > readers(own):
        raise LooserProfile(asked, access_rights, dataset)
    return asked


def access_rights_written(access_rights, profile: str) -> str:
    """The access rights an output says for a dataset written under `profile`: the profile's
    (the stricter of the two, as `profile_for` allows no other)."""
    return ACCESS_OF_PROFILE[profile]


# -- what a profile lets through ------------------------------------------------------------------------
@cache
def forbidden_fields(cls: ModelClass, profile: str) -> frozenset[str]:
    """The fields of `cls` whose `export_profiles` leave `profile` out."""
    return frozenset(name for name, slot in cls.slots.items() if profile not in slot.profiles)


def record_allowed(cls: ModelClass, profile: str) -> bool:
    """Whether a record of `cls` may appear at all: the public profile carries public classes only."""
    return profile != "public" or cls.sensitivity == "public"


def is_small(value, min_count: int = DEFAULT_MIN_COUNT) -> bool:
    """A count below the threshold (a bool is not a count)."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value < min_count


def small_people_figure(figure, min_count: int = DEFAULT_MIN_COUNT) -> bool:
    """A scale figure that counts people, below the threshold."""
    return isinstance(figure, dict) and figure.get("unit") in PEOPLE_UNITS and is_small(figure.get("quantity"),
                                                                                         min_count)


@dataclass
class LeftOut:
    """What the profile filter removed, as counts."""

    records: Counter = field(default_factory=Counter)  # class -> records
    fields: Counter = field(default_factory=Counter)  # "Class.slot" -> values
    suppressed: Counter = field(default_factory=Counter)  # "Class.slot" -> counts below the threshold
    threshold: int | None = None

    def to_dict(self, counts: bool = True) -> dict:
        """For a manifest. `counts=False` (public bundles): which classes and fields, not how many."""
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
    """Leaves out, in place, what `profile` may not publish: records of classes it does not
    carry, fields outside it (at any depth), and, for the public profile, small counts of people.
    Only counts are kept of what was left out, never a value."""

    def __init__(self, profile: str, min_count: int = DEFAULT_MIN_COUNT, purpose: str | None = None):
        if min_count < DEFAULT_MIN_COUNT:
            raise ValueError(f"the threshold of small counts is at least {DEFAULT_MIN_COUNT}")
        self.model = model()
        self.profile = profile
        self.public = profile == "public"
        self.min_count = min_count
        self.left_out = LeftOut(threshold=min_count if self.public else None)
        #: (audience, purpose) whose consents alone are kept (ONLY_CONSENTS_IN_USE), else None
        self.consents_for = ((PROFILE_AUDIENCE[profile], purpose or PROFILE_PURPOSE[profile])
                             if profile in ONLY_CONSENTS_IN_USE else None)

    def dataset(self, doc: dict) -> None:
        """Filter one whole dataset document in place."""
        m = self.model
        for container, cls in m.containers.items():
            if not record_allowed(m.classes[cls], self.profile) and doc.get(container):
                self.left_out.records[cls] += len(doc[container])
                del doc[container]
        self._object(m.classes["Dataset"], doc, top=True)
        for container, cls in m.containers.items():
            for rec in doc.get(container) or ():
                if isinstance(rec, dict):
                    self._object(m.classes[cls], rec)

    def record(self, cls: str, rec: dict) -> bool:
        """Filter one record in place; False when the whole record may not be published."""
        model_class = self.model.classes[cls]
        if not record_allowed(model_class, self.profile):
            self.left_out.records[cls] += 1
            return False
        self._object(model_class, rec)
        return True

    def _object(self, cls: ModelClass, obj: dict, top: bool = False) -> None:
        containers = self.model.containers
        if self.consents_for is not None and cls.name == "PeerWorker":
            dropped = consents_in_use(obj, *self.consents_for)
            if dropped:
                self.left_out.fields["PeerWorker.disclosure_consents"] += dropped
        forbidden = forbidden_fields(cls, self.profile)
        for name in list(obj):
            slot = cls.slots.get(name)
            if slot is None or (top and name in containers):
                continue  # unknown: the validator has refused it already; containers: done by the caller
            if name in forbidden:
                del obj[name]
                self.left_out.fields[f"{cls.name}.{name}"] += 1
                continue
            if self.public and (cls.name, name) in PEOPLE_COUNTS:
                if is_small(obj[name], self.min_count):
                    del obj[name]
                    self.left_out.suppressed[f"{cls.name}.{name}"] += 1
                continue
            if slot.kind == "class" and not slot.reference and slot.range in self.model.classes:
                inner = self.model.classes[slot.range]
                value = obj[name]
                if self.public and slot.range == "ScaleFigure" and isinstance(value, list):
                    kept = [f for f in value if not small_people_figure(f, self.min_count)]
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


def consents_in_use(worker: dict, audience: str, purpose: str) -> int:
    """Keep on a peer worker only the consents that name `audience` and `purpose`; return how
    many others were left out. The validator has checked that what is disclosed is covered."""
    consents = worker.get("disclosure_consents")
    if not isinstance(consents, list):
        return 0
    kept = [c for c in consents if isinstance(c, dict) and audience in (c.get("audiences") or ())
            and purpose in (c.get("purposes") or ())]
    if kept:
        worker["disclosure_consents"] = kept
    else:
        del worker["disclosure_consents"]
    return len(consents) - len(kept)


def publish(doc: dict, asked: str | None, min_count: int = DEFAULT_MIN_COUNT,
            purpose: str | None = None) -> tuple[str, LeftOut]:
    """A whole dataset document made fit for the profile it is written under, in place: its
    access rights those of that profile, and what the profile may not publish left out (for a
    research output, the consents that are not for researchers and `purpose` too).
    Returns the profile and what was left out. Raises LooserProfile."""
    profile = profile_for(doc.get("access_rights"), asked, doc.get("id"))
    doc["access_rights"] = access_rights_written(doc.get("access_rights"), profile)
    filter_ = ProfileFilter(profile, min_count, purpose)
    filter_.dataset(doc)
    return profile, filter_.left_out
