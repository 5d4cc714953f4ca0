"""The generated JSON Schema, compiled once per class: what the structure check reports from
(checks/structure.py), and what a reader asks when it only needs to know whether a value
conforms (readers/table.py: a table's sibling Dataset header). Below the readers and the checks."""

from __future__ import annotations

from functools import cache

import jsonschema_rs

from . import artifacts


@cache
def validator(cls: str = "Dataset"):
    """The compiled validator of the JSON Schema of `cls` (a class of the model)."""
    schema = artifacts.json_schema()
    if cls != "Dataset":
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{cls}"}
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def conforms(data: object, cls: str = "Dataset") -> bool:
    """Whether `data` passes the JSON Schema of `cls` (the structure check would report nothing)."""
    return validator(cls).is_valid(data)
