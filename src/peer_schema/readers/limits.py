from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError


@dataclass(frozen=True)
class Limits:
    """Bounds on what a reader accepts, so a hostile file cannot exhaust memory or the stack.

    Every limit can be set from the command line (`--max-bytes`, `--max-depth`...) or the API.
    """

    #: size of one file
    max_bytes: int = 512 * 1024 * 1024
    #: nesting of objects and lists
    max_depth: int = 64
    #: digits of one number (Python itself stops at 4,300)
    max_digits: int = 100
    #: characters of one JSON Lines line, CSV cell or string
    max_field_chars: int = 1_000_000


def size_problem(path: Path, limits: Limits) -> ReadError | None:
    """Why a file is not read at all: it cannot be opened, or it is over the size limit."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return ReadError("read.unreadable", f"cannot open the file ({exc.strerror})", params={"reason": exc.strerror})
    if size > limits.max_bytes:
        return ReadError("read.too-large", f"the file is {size:,} bytes, over the limit of {limits.max_bytes:,}",
                         params={"size": size, "limit": limits.max_bytes})
    return None
