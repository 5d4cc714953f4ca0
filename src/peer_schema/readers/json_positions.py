"""Where a JSON Pointer stands in a JSON text: line and column for findings.

Nothing is computed until the first finding asks. Then the path is followed through the text,
skipping sibling values with the C scanner (`raw_decode`); the offsets of an array's items and
of an object's members are remembered, so many findings in one large file cost about one
extra parse of the parts they are in.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Callable

_WS = re.compile(r"[ \t\n\r]*")
_decoder = json.JSONDecoder()


def _skip_ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()


class _Locator:
    def __init__(self, text: str):
        self.text = text
        self.newlines: list[int] | None = None
        self.members: dict[int, dict[str, int]] = {}  # object start -> key -> value start
        self.items: dict[int, list[int]] = {}  # array start -> item starts

    def _object(self, start: int) -> dict[str, int]:
        if start not in self.members:
            text, found = self.text, {}
            i = _skip_ws(text, start + 1)
            while i < len(text) and text[i] == '"':
                key, i = json.decoder.scanstring(text, i + 1)
                i = _skip_ws(text, i)
                i = _skip_ws(text, i + 1)  # the colon
                found.setdefault(key, i)
                _, i = _decoder.raw_decode(text, i)
                i = _skip_ws(text, i)
                if i < len(text) and text[i] == ",":
                    i = _skip_ws(text, i + 1)
            self.members[start] = found
        return self.members[start]

    def _array(self, start: int) -> list[int]:
        if start not in self.items:
            text, found = self.text, []
            i = _skip_ws(text, start + 1)
            while i < len(text) and text[i] != "]":
                found.append(i)
                _, i = _decoder.raw_decode(text, i)
                i = _skip_ws(text, i)
                if i < len(text) and text[i] == ",":
                    i = _skip_ws(text, i + 1)
            self.items[start] = found
        return self.items[start]

    def offset(self, pointer: str) -> int:
        i = _skip_ws(self.text, 0)
        for raw in pointer.split("/")[1:]:
            step = raw.replace("~1", "/").replace("~0", "~")
            char = self.text[i] if i < len(self.text) else ""
            if char == "{":
                nxt = self._object(i).get(step)
            elif char == "[" and step.isdigit():
                items = self._array(i)
                nxt = items[int(step)] if int(step) < len(items) else None
            else:
                nxt = None
            if nxt is None:
                break  # the nearest existing parent (a missing field is reported on its object)
            i = nxt
        return i

    def position(self, offset: int) -> tuple[int, int]:
        if self.newlines is None:
            self.newlines = [m.start() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_left(self.newlines, offset)
        start = self.newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1


def locator(text: str) -> Callable[[str], tuple[int, int] | None]:
    """A function from JSON Pointer to (line, column), 1-based, for a text already parsed."""
    state: dict[str, _Locator] = {}

    def locate(pointer: str) -> tuple[int, int] | None:
        if "l" not in state:
            state["l"] = _Locator(text)
        try:
            return state["l"].position(state["l"].offset(pointer))
        except (ValueError, IndexError):  # the text was parsed already, so this should not happen
            return None

    return locate
