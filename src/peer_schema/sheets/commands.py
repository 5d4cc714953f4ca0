"""The `peer-schema template` and `peer-schema import` commands (argument parsing only)."""

from __future__ import annotations

import argparse


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the spreadsheet commands to the `peer-schema` parser."""
