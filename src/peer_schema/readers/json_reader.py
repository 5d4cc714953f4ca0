from __future__ import annotations

import gc
import json
import math
import re
import sys
from contextlib import contextmanager

from .errors import ReadError
from .limits import Limits

#: a surrogate escape in JSON text (\ud800): only these can put a lone surrogate in a string
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
#: a surrogate left alone in a decoded string (a pair has become one character)
SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def lone_surrogate(data: object) -> str | None:
    """The JSON pointer of a key or text holding a lone surrogate, or None. A lone
    surrogate is no character: no file can be written with it, so it is refused on reading."""
    stack: list[tuple[str, object]] = [("", data)]
    while stack:
        pointer, item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and SURROGATE.search(item):
                return pointer
        elif isinstance(item, dict):
            for key, value in item.items():
                if isinstance(key, str) and not key.isascii() and SURROGATE.search(key):
                    return f"{pointer}/{_escape(key.encode('utf-8', 'backslashreplace').decode())}"
                stack.append((f"{pointer}/{_escape(key)}", value))
        elif isinstance(item, list):
            stack.extend((f"{pointer}/{i}", value) for i, value in enumerate(item))
    return None


def surrogate_error(pointer: str, line: int | None = None, column: int | None = None) -> ReadError:
    shown = pointer.encode("utf-8", "backslashreplace").decode() or "/"
    return ReadError("read.surrogate", f"the text at {shown} holds a lone surrogate (an escape such as \\ud800 "
                     "that is half of a character)", line, column, params={"pointer": shown})


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        key = next(k for k, _ in pairs if k in seen or seen.add(k))
        raise ReadError("read.duplicate-key", f'the key "{key}" appears twice in the same object', params={"key": key})
    return out


def _no_constants(name: str) -> float:
    raise ReadError("read.not-a-number", f"{name} is not a number JSON allows")


@contextmanager
def _depth_limit(max_depth: int):
    """Let the parser nest at most about `max_depth` levels: the C parser counts each level
    against the recursion limit, so a deeper document raises RecursionError (read.too-deep)
    at once, without a separate scan of the text. (From Python 3.12 on, C code has its own
    fixed limit, which still stops a hostile file, a few hundred levels later.)"""
    frames, frame = 0, sys._getframe()
    while frame is not None:
        frames, frame = frames + 1, frame.f_back
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(frames + max_depth + 8)
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


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
        with _no_gc(), _depth_limit(limits.max_depth):
            data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants,
                              parse_int=parse_int, parse_float=parse_float)
    except json.JSONDecodeError as exc:
        raise ReadError("read.syntax", f"not valid JSON: {exc.msg}", exc.lineno, exc.colno,
                        params={"format": "JSON", "problem": exc.msg}) from None
    except RecursionError:
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels",
                        params={"limit": limits.max_depth}) from None
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        pointer = lone_surrogate(data)
        if pointer is not None:
            from .json_positions import locator

            position = locator(text)(pointer) or (None, None)
            raise surrogate_error(pointer, *position)
    return data


def read_json(text: str, limits: Limits) -> object:
    return parse_json(text, limits)
