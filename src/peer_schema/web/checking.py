"""Uploaded files checked with the library's own validation, in a private temporary folder
that is removed before the answer is sent.

The readers work on paths (they stream big files and bound what they read), so each upload is
copied into a folder only this process's user can open (mode 0700), under its own base name
(CSV tables are named after their kind of record, and find the Dataset.csv sent with them beside
them), a second file of the same name in a sub-folder of its own. The report then names each file as the browser named it, as the
command line names the paths it was given. Nothing is logged; nothing outlives the request.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from ..readers import Limits
from ..report.findings import Report
from ..report.refusal import refusal_report
from ..validation import ProfileRefused, UsageError, validate

_CHUNK = 1 << 20
#: one validation at a time in a process: a run pauses the cyclic garbage collector and restores
#: it after (validation.py), which two overlapping runs would leave switched off; and checking is
#: CPU work that threads would not run faster. Several workers check several uploads at once. Annotating a workbook takes it too.
ONE_RUN_AT_A_TIME = threading.Lock()
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:]")


@dataclass
class Upload:
    """One file as the browser sent it: its name (shown in the report) and its bytes."""

    name: str
    stream: BinaryIO


@dataclass
class Checked:
    """A finished check: the report, and where each upload lies until the folder is removed."""

    report: Report
    #: display name -> the private copy (valid only inside `checked_uploads`)
    copies: dict[str, Path]
    #: True when the check was refused as a whole (a profile looser than the data's access rights...)
    refused: bool = False


def display_name(name: str | None, n: int) -> str:
    """The name the report shows: the browser's, without control characters, bounded."""
    shown = re.sub(r"[\x00-\x1f\x7f]", "", name or "").strip()
    return shown[:255] or f"upload-{n}"


def disk_name(name: str) -> str:
    """A base name safe to create: the last part of the browser's name, no separators, never
    `.` or `..`, its extension (which says the format) kept."""
    base = re.split(r"[/\\]", name)[-1]
    base = _UNSAFE.sub("_", base).strip() or "upload"
    if base in (".", ".."):
        base = "upload"
    if len(base.encode()) > 200:
        suffix = Path(base).suffix[:20]
        base = base[: 200 - len(suffix.encode())].rstrip() + suffix
    return base


@contextmanager
def checked_uploads(uploads: list[Upload], *, profile: str | None = None, purpose: str | None = None,
                    lang: str = "en", limits: Limits | None = None, max_errors: int | None = None) -> Iterator[Checked]:
    """Copy the uploads into a private folder, validate them together, yield the result; the
    folder and every copy are removed when the `with` block ends, whatever happens in it.
    max_errors: stop collecting errors after so many, as `validate --max-errors` (Report.truncated)."""
    folder = Path(tempfile.mkdtemp(prefix="peer-schema-web-"))  # mode 0700: this user's only
    try:
        copies: dict[str, Path] = {}
        names: dict[str, str] = {}
        for n, upload in enumerate(uploads, start=1):
            shown = display_name(upload.name, n)
            while shown in copies:  # two files of one name: the second is told apart
                shown += f" ({n})"
            base = disk_name(upload.name or f"upload-{n}")
            # side by side, as in the folder they came from (a CSV table finds its Dataset.csv
            # there); a second file of the same name in a sub-folder of its own
            place = folder if not (folder / base).exists() else Path(tempfile.mkdtemp(dir=folder))
            path = place / base
            with path.open("xb") as out:
                shutil.copyfileobj(upload.stream, out, _CHUNK)
            copies[shown], names[str(path)] = path, shown
        try:
            with ONE_RUN_AT_A_TIME:
                report = validate(list(copies.values()), profile=profile, purpose=purpose, lang=lang, limits=limits,
                                  max_errors=max_errors)
            checked = Checked(_renamed(report, names), copies)
        except ProfileRefused as exc:  # refused as a whole, as the command line refuses it (exit code 2)
            file = names.get(str(exc.file), exc.file)
            checked = Checked(refusal_report("read.profile-refused", exc.refusal.params, file, profile, lang), copies,
                              True)
        except UsageError as exc:
            checked = Checked(refusal_report("read.refused", {"reason": str(exc)}, None, profile, lang), copies, True)
        yield checked
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _renamed(report: Report, names: dict[str, str]) -> Report:
    """The report with each private copy's path replaced by the name the browser gave."""
    report.findings = [replace(f, file=names.get(str(f.file), f.file)) if f.file is not None else f
                       for f in report.findings]
    report.files = [names.get(f, f) for f in report.files]
    return report
