"""`python -m peer_schema.cli`: the `peer-schema` command (the quiet start is in cli/__init__.py)."""

import sys

from peer_schema.cli import main
from peer_schema.interrupts import command_ending

if __name__ == "__main__":
    code = main()
    command_ending()
    sys.exit(code)
