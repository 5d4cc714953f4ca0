"""Who may read what the tools write: a file that holds special-category data (peer workers'
records) is its owner's only; any other file gets the usual mode under the umask."""

from __future__ import annotations

import os

#: the mode of a file holding special-category data (peer workers): readable by its owner only
PRIVATE_MODE = 0o600


def default_mode() -> int:
    """The mode a new file gets under the process's umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def mode_for(holds_peer_workers: bool) -> int:
    return PRIVATE_MODE if holds_peer_workers else default_mode()
