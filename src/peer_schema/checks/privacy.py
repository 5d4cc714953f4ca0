"""The privacy guard of the export profile: what may appear in a public, federation or internal
dataset, read from the `sensitivity` and `export_profiles` annotations of the model."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from ..model import ModelClass
from .rules import Hit


@cache
def _forbidden(cls: ModelClass, profile: str) -> frozenset[str]:
    return frozenset(name for name, slot in cls.slots.items() if profile not in slot.profiles)


def record(cls: ModelClass, record: dict, profile: str) -> Iterator[Hit]:
    if profile == "public" and cls.sensitivity != "public":
        yield "privacy.record-not-allowed", {"cls": cls.name, "profile": profile, "id": record.get("id")}, ""
        return  # the whole record goes: its fields need no separate findings
    forbidden = _forbidden(cls, profile)
    if forbidden.isdisjoint(record):
        return
    for name in forbidden.intersection(record):
        if record[name] is not None:
            slot = cls.slots[name]
            yield ("privacy.field-not-allowed", {"field": name, "sensitivity": slot.sensitivity, "profile": profile},
                   f"/{name}")
