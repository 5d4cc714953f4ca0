"""`validate()`: read every file, run the checks, return one report."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .checks.structure import check_structure
from .readers import Limits, ReadError, read_document
from .report import Finding, Report, Severity

DATA_SUFFIXES = {".json", ".yaml", ".yml"}


class UsageError(Exception):
    """The call itself is wrong (a path that does not exist): exit code 2."""


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in DATA_SUFFIXES)
        elif p.exists():
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files


def validate(paths: Iterable[str | Path], limits: Limits | None = None) -> Report:
    """Validate data files (or folders of them) against the model and return the report.

    Files that cannot be read become `read.*` findings; `Report.unreadable` tells them apart.
    """
    report = Report()
    for path in _expand(paths):
        name = str(path)
        report.files.append(name)
        try:
            data = read_document(path, limits)
        except ReadError as exc:
            report.findings.append(Finding(exc.code, Severity.ERROR, exc.message, name, line=exc.line, column=exc.column))
            continue
        report.findings.extend(check_structure(data, name))
    return report
