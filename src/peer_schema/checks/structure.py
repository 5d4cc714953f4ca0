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
    "PropertyNames": ("structure.bad-format", "this key is not written in the expected form"),
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


def _is_null_branch(branch: list) -> bool:
    """The `{"type": "null"}` alternative LinkML adds to every optional slot."""
    return len(branch) == 1 and type(branch[0].kind).__name__ == "Type" and branch[0].kind.as_dict().get("types") == ["null"]


def _leaf_errors(error) -> list:
    """Look through `anyOf`: when all but one alternative is the null one, the errors of the
    remaining alternative say what is wrong (`"Belgium" is not one of "BE", ...`)."""
    if type(error.kind).__name__ == "AnyOf":
        branches = [b for b in error.kind.context if not _is_null_branch(b)]
        if len(branches) == 1:
            return [leaf for sub in branches[0] for leaf in _leaf_errors(sub)]
    return [error]


# Records whose values are personal or special-category data: messages about them never
# repeat the value (a report may be pasted into a ticket or an e-mail).
SENSITIVE_CONTAINERS = {"peer_workers"}


@cache
def _labels(enum: str) -> dict[str, str]:
    """Lower-cased English and French labels -> code, to suggest the code for a label."""
    concepts = artifacts.vocabularies().get(enum, {}).get("concepts", {})
    return {label.casefold(): code for code, c in concepts.items() for label in c["label"].values()}


def _message(error, lead: str, sensitive: bool) -> str:
    schema_path = list(error.schema_path)
    kind = type(error.kind).__name__
    if kind == "Enum" and "$defs" in schema_path:
        enum = schema_path[len(schema_path) - 1 - schema_path[::-1].index("$defs") + 1]
        hint = ""
        if isinstance(error.instance, str) and error.instance.strip().casefold() in _labels(enum):
            hint = f'; write the code "{_labels(enum)[error.instance.strip().casefold()]}"'
        what = "this value" if sensitive else f'"{error.instance}"'
        return f"{lead}: {what} is not a code of the {enum} vocabulary{hint} (`peer-schema vocab --format json` lists them)"
    if sensitive and kind not in ("Required", "AdditionalProperties"):
        return lead  # the raw message would quote the value
    return f"{lead}: {error.message}"


def check_structure(data: object, file: str | None = None) -> Iterator[Finding]:
    for error in (leaf for top in _validator().iter_errors(data) for leaf in _leaf_errors(top)):
        code, lead = CODES.get(type(error.kind).__name__, OTHER)
        path = list(error.instance_path)
        yield Finding(
            code=code,
            severity=Severity.ERROR,
            message=_message(error, lead, bool(path) and path[0] in SENSITIVE_CONTAINERS),
            file=file,
            pointer=_pointer(path),
            record_id=_record_id(data, path),
        )
