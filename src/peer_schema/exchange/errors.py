"""What can go wrong with a bundle or a merge, as the exit codes of the CLI say it."""

from __future__ import annotations


class BadBundle(Exception):
    """A bundle that may not be opened or trusted (unsafe, damaged, incomplete, lying manifest,
    incompatible schema version), or an output that cannot be written: exit code 2. The message
    names the bundle and the problem in plain words."""


class Refused(Exception):
    """The data itself stops the command (errors in it, prefixes that clash): exit code 1.
    `report` is the validation report with the reasons, when there is one."""

    def __init__(self, message: str, report=None):
        super().__init__(message)
        self.report = report
