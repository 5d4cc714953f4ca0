"""What a bundle leaves out for its export profile: the rules live in `peer_schema.access`, the
one place that decides what a profile may publish (the same for export, store load, bundles,
merges and query output). This module keeps the names bundles and their tests import."""

from __future__ import annotations

from ..access import DEFAULT_MIN_COUNT, PEOPLE_COUNTS, PEOPLE_UNITS, LeftOut, ProfileFilter

__all__ = ["DEFAULT_MIN_COUNT", "PEOPLE_COUNTS", "PEOPLE_UNITS", "LeftOut", "ProfileFilter"]
