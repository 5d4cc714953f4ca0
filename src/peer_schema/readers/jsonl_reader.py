"""JSON Lines, streamed: one record per line, so memory does not grow with the file's length.

The first line may be the dataset's header, `{"@type": "Dataset", ...}`; every other line is one
record with its class: `{"@type": "Organisation", "id": "ex:org/1", ...}`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from .errors import ReadError
from .json_reader import parse_json
from .limits import Limits
from .source import bounded_lines, open_input

TYPE_KEY = "@type"


def iter_jsonl(path: Path, limits: Limits) -> Iterator[tuple[int, dict] | ReadError]:
    """(line number, object) for each line, or a ReadError for a line that cannot be read.

    A bad line does not stop the reading: the other lines are still checked.
    """
    try:
        stream, _ = open_input(path)
    except ReadError as exc:
        yield exc
        return
    with stream:
        first = True
        lines = bounded_lines(stream, limits.max_bytes, limits.max_field_chars)
        for number, raw in _numbered(lines):
            if isinstance(raw, ReadError):
                yield raw
                return
            if first:
                first = False
                if raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
            if len(raw) > limits.max_field_chars:
                yield ReadError("read.field-too-large", f"line {number} is over {limits.max_field_chars:,} bytes long",
                                number, params={"size": f"more than {limits.max_field_chars:,}",
                                                "limit": limits.max_field_chars})
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ReadError("read.encoding", f"line {number} is not UTF-8 text", number, exc.start + 1,
                                params={"offset": exc.start})
                continue
            if not text.strip():
                continue
            if "\x00" in text:
                yield ReadError("read.binary", "the file looks like a binary file, not text", number)
                return
            try:
                obj = parse_json(text, limits)
            except ReadError as exc:
                exc.line, exc.column = number, exc.column if exc.line == 1 else None
                yield exc
                continue
            if not isinstance(obj, dict) or not isinstance(obj.get(TYPE_KEY), str):
                yield ReadError("read.syntax", f'line {number} is not an object with "{TYPE_KEY}"', number,
                                params={"format": "JSON Lines", "problem": f'each line must be an object with "{TYPE_KEY}"'})
                continue
            yield number, obj


def _numbered(lines: Iterator[bytes]) -> Iterator[tuple[int, bytes | ReadError]]:
    """(line number, line); a ReadError in place of a line once the input is over its size."""
    number = 0
    try:
        for number, line in enumerate(lines, start=1):
            yield number, line
    except ReadError as exc:
        yield number + 1, exc
