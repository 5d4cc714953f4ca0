from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError
from .source import kind_problem, too_large

#: a whole document (JSON, YAML, RDF) is held in memory at once, checked as one JSON instance:
#: validating one takes up to about 100 times its size (measured: docs/limits.md), so by default
#: it may be a sixteenth of `max_bytes`; streamed inputs (JSON Lines, CSV, workbooks) take it all
DOCUMENT_SHARE = 16


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
    #: size of one JSON, YAML or RDF document (None: max_bytes / DOCUMENT_SHARE)
    max_document_bytes: int | None = None
    #: columns of one table's header that are read (more are left out, with one notice)
    max_columns: int = 16_384

    @property
    def document_bytes(self) -> int:
        return self.max_document_bytes if self.max_document_bytes is not None else self.max_bytes // DOCUMENT_SHARE


def size_problem(path: Path, limits: Limits) -> ReadError | None:
    """Why a file is not read at all: it cannot be opened, is not a file or a pipe, or is over
    the size limit (a pipe's size is counted as it is read: source.py)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        return ReadError("read.unreadable", f"cannot open the file ({exc.strerror})", params={"reason": exc.strerror})
    problem = kind_problem(info.st_mode)
    if problem is not None:
        return problem
    if stat.S_ISREG(info.st_mode) and info.st_size > limits.max_bytes:
        return too_large(info.st_size, limits.max_bytes)
    return None
