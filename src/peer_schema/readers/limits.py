from __future__ import annotations

from dataclasses import dataclass


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
