"""The privacy guard of the export profile: what may appear in a public, federation or internal
dataset, as `peer_schema.access` decides it (read from the `sensitivity` and `export_profiles`
annotations of the model)."""

from __future__ import annotations

from collections.abc import Iterator

from .. import access
from ..model import ModelClass
from .rules import Hit


def record(cls: ModelClass, record: dict, profile: str) -> Iterator[Hit]:
    if not access.record_allowed(cls, profile):
        yield "privacy.record-not-allowed", {"cls": cls.name, "profile": profile, "id": record.get("id")}, ""
        return  # the whole record goes: its fields need no separate findings
    forbidden = access.forbidden_fields(cls, profile)
    if forbidden.isdisjoint(record):
        return
    for name in forbidden.intersection(record):
        if record[name] is not None:
            slot = cls.slots[name]
            yield ("privacy.field-not-allowed", {"field": name, "sensitivity": slot.sensitivity, "profile": profile},
                   f"/{name}")
