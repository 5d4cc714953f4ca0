"""The privacy guard of the export profile: what may appear in a public, federation or internal
dataset, read from the `sensitivity` and `export_profiles` annotations of the model."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import ModelClass
from .rules import Hit


def record(cls: ModelClass, record: dict, profile: str) -> Iterator[Hit]:
    if profile == "public" and cls.sensitivity != "public":
        yield "privacy.record-not-allowed", {"cls": cls.name, "profile": profile, "id": record.get("id")}, ""
        return  # the whole record goes: its fields need no separate findings
    for name, value in record.items():
        slot = cls.slots.get(name)
        if slot is not None and value is not None and profile not in slot.profiles:
            yield ("privacy.field-not-allowed", {"field": name, "sensitivity": slot.sensitivity, "profile": profile},
                   f"/{name}")
