"""Structure: the dataset against the JSON Schema generated from the model (compiled once)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import jsonschema_rs

from .. import artifacts
from ..report import Finding, Severity

# JSON Schema keyword -> our stable code and a plain-language lead for the message.
CODES = {
    "Required": ("structure.required", "a required field is missing"),
    "AdditionalProperties": ("structure.unknown-field", "this field is not part of the model"),
    "Enum": ("structure.unknown-code", "this code is not in the vocabulary"),
    "Type": ("structure.wrong-type", "this value has the wrong type"),
    "Pattern": ("structure.bad-format", "this value is not written in the expected form"),
    "Format": ("structure.bad-format", "this value is not written in the expected form"),
    "Minimum": ("structure.out-of-range", "this number is too small"),
    "Maximum": ("structure.out-of-range", "this number is too large"),
    "ExclusiveMinimum": ("structure.out-of-range", "this number is too small"),
    "ExclusiveMaximum": ("structure.out-of-range", "this number is too large"),
}
OTHER = ("structure.invalid", "this value does not fit the model")


@cache
def _validator():
    return jsonschema_rs.validator_for(artifacts.json_schema(), validate_formats=True)


def _pointer(path: list) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _record_id(data: object, path: list) -> str | None:
    """The id of the innermost record on the path, so people can find it in their file."""
    found = None
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def check_structure(data: object, file: str | None = None) -> Iterator[Finding]:
    for error in _validator().iter_errors(data):
        code, lead = CODES.get(type(error.kind).__name__, OTHER)
        path = list(error.instance_path)
        yield Finding(
            code=code,
            severity=Severity.ERROR,
            message=f"{lead}: {error.message}",
            file=file,
            pointer=_pointer(path),
            record_id=_record_id(data, path),
        )
