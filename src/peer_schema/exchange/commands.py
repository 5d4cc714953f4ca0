"""The `peer-schema bundle` and `peer-schema merge` commands (argument parsing only)."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the exchange commands to the `peer-schema` parser."""
