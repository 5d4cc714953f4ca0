"""The report of a check refused as a whole (exit code 2): one finding that says why.

`peer-schema validate` promises a report in the chosen format whatever the exit code, so a
pipeline that reads its JSON, JUnit or SARIF always has a document to read: a missing path, a
profile looser than the data's access rights or a wrong project file give a report whose one
finding is `read.no-such-path`, `read.profile-refused` or `read.refused` (valid: false).
"""

from __future__ import annotations

from pathlib import Path

from .findings import Finding, Report, Severity


def refusal_report(code: str, params: dict, file: str | Path | None = None, profile: str | None = None,
                   lang: str = "en") -> Report:
    """A report of no file checked and one error: the refusal."""
    where = str(file) if file is not None else None
    return Report(findings=[Finding(code, Severity.ERROR, params, where)], files=[], records=0,
                  profile=profile, lang=lang)


__all__ = ["refusal_report"]
