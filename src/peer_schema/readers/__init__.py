"""Readers turn a file into plain Python data, or a `ReadError` that says what is wrong.

Every reader refuses what could hurt or mislead: oversized files, deep nesting, YAML aliases
and tags, duplicate keys, NaN and Infinity. None of them ever reaches the network.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ReadError
from .limits import Limits
from .json_reader import read_json
from .yaml_reader import read_yaml

READERS = {".json": read_json, ".yaml": read_yaml, ".yml": read_yaml}


def read_document(path: Path, limits: Limits | None = None) -> object:
    """Read one JSON or YAML file into plain data (dicts, lists, strings, numbers, booleans)."""
    limits = limits or Limits()
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError("read.unsupported-format", f"{path.name}: this kind of file is not read yet "
                        f"(supported: {', '.join(sorted(READERS))})")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError("read.unreadable", f"{path}: cannot open the file ({exc.strerror})") from None
    if size > limits.max_bytes:
        raise ReadError("read.too-large", f"{path.name} is {size:,} bytes, over the limit of "
                        f"{limits.max_bytes:,} bytes")
    raw = path.read_bytes()
    if not raw.strip():
        raise ReadError("read.empty", f"{path.name} is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte order mark, as spreadsheet programs write it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError("read.encoding", f"{path.name} is not UTF-8 text (byte {exc.start})") from None
    if "\x00" in text:
        raise ReadError("read.binary", f"{path.name} looks like a binary file, not text")
    return reader(text, limits)


__all__ = ["Limits", "ReadError", "read_document", "read_json", "read_yaml"]
