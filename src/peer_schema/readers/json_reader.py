from __future__ import annotations

import gc
import json
import math
from contextlib import contextmanager

from .errors import ReadError
from .limits import Limits


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise ReadError("read.duplicate-key", f'the key "{key}" appears twice in the same object', params={"key": key})
    return out


def _no_constants(name: str) -> float:
    raise ReadError("read.not-a-number", f"{name} is not a number JSON allows")


def _depth(text: str) -> int:
    """Deepest nesting, counted before parsing so a hostile file cannot exhaust the stack."""
    if text.count("[") + text.count("{") < 64:
        return 0
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
            if depth > deepest:
                deepest = depth
        elif ch in "]}":
            depth -= 1
    return deepest


@contextmanager
def _no_gc():
    """Building a large tree of fresh objects triggers the cyclic collector again and again for
    nothing (JSON cannot make cycles); parsing with it paused is about twice as fast."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_json(text: str, limits: Limits) -> object:
    def parse_int(digits: str) -> int:
        if len(digits.lstrip("-")) > limits.max_digits:
            raise ReadError("read.huge-number", f"a number has more than {limits.max_digits} digits",
                            params={"limit": limits.max_digits})
        return int(digits)

    def parse_float(digits: str) -> float:
        value = float(digits)
        if math.isinf(value) or len(digits) > limits.max_digits + 20:
            raise ReadError("read.huge-number", f"a number has more than {limits.max_digits} digits",
                            params={"limit": limits.max_digits})
        return value

    try:
        with _no_gc():
            return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants,
                              parse_int=parse_int, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        raise ReadError("read.syntax", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno,
                        params={"format": "JSON", "problem": exc.msg}) from None
    except RecursionError:
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels",
                        params={"limit": limits.max_depth}) from None


def read_json(text: str, limits: Limits) -> object:
    if _depth(text) > limits.max_depth:
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels",
                        params={"limit": limits.max_depth})
    return parse_json(text, limits)
