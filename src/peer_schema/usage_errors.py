"""The errors of a wrong call, as opposed to wrong data: every command turns them into one
message and exit code 2, and writes nothing. Raised by the library (validation, export, store,
bundle); `peer_schema.validation` re-exports them where callers have always found them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import access

if TYPE_CHECKING:
    from pathlib import Path


class UsageError(Exception):
    """The call itself is wrong (a path that does not exist, an unknown profile): exit code 2."""


class ProfileRefused(UsageError):
    """The profile asked for would let more people read a dataset than its access rights allow
    (`access.profile_for`): exit code 2, and nothing is written by any command."""

    def __init__(self, file: str | Path, refusal: access.LooserProfile):
        self.file, self.refusal = file, refusal
        super().__init__(f"{file}: {refusal}")


class MixedAccessRights(UsageError):
    """One dataset described in several files with different access rights: which readers it has
    would depend on the order the files are read in, so nothing is checked or written (exit 2)."""

    def __init__(self, dataset: str, first: tuple[str, str], second: tuple[str, str]):
        super().__init__(
            f"{second[1]}: the dataset {dataset} has access_rights {second[0]} here and {first[0]} in {first[1]}: "
            "give a dataset the same access_rights in every file that describes it")
