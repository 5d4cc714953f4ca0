from __future__ import annotations

import json

from .errors import ReadError
from .limits import Limits


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise ReadError("read.duplicate-key", f'the key "{key}" appears twice in the same object')
        out[key] = value
    return out


def _no_constants(name: str) -> float:
    raise ReadError("read.not-a-number", f"{name} is not a number JSON allows")


def _depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def read_json(text: str, limits: Limits) -> object:
    if _depth(text) > limits.max_depth:
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        raise ReadError("read.syntax", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno) from None
