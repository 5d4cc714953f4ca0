from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds on what a reader accepts, so a hostile file cannot exhaust memory or the stack."""

    max_bytes: int = 512 * 1024 * 1024
    max_depth: int = 64
