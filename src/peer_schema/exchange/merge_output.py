"""Writing a merge: its folder of datasets and report, built beside the output and swapped in.

The output folder must be new or empty, or, with --replace, the output of an earlier merge
(it holds merge-report.json) that holds none of the bundles being merged. The new folder is
built as a hidden temporary beside it (`atomic_files`) and renamed into place at the end:
- without --replace the rename fails if another run made the folder meanwhile (a rename never
  replaces a folder that holds files), so two merges racing to one new folder never silently
  replace each other: the second says so and writes nothing;
- with --replace the earlier folder is moved aside, the new one renamed in, the old removed.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from .. import access
from ..atomic_files import absolute, clean_stale, output_clash, temp_path, utf8
from ..file_modes import PRIVATE_MODE
from ..model import model
from ..validation import UsageError
from . import datapackage
from .errors import BadBundle
from .jsonio import dumps_dataset, dumps_report
from .record_merger import MergeResult

REPORT = "merge-report.json"


def _publish(docs: list[dict], result: MergeResult) -> None:
    """Each merged dataset holds only what its own access rights let through (`access`): a public
    bundle made by another tool may carry peer workers or small counts; they are left out here,
    as `peer-schema bundle` would have. The report names what, never how many (a count of what a
    public dataset lost is itself a small count)."""
    left = access.LeftOut()
    for doc in docs:
        profile = access.profile_for(doc.get("access_rights"))
        filter_ = access.ProfileFilter(profile)
        filter_.dataset(doc)
        for mine, theirs in ((left.records, filter_.left_out.records), (left.fields, filter_.left_out.fields),
                             (left.suppressed, filter_.left_out.suppressed)):
            mine.update(theirs)
        if filter_.left_out.threshold is not None:
            left.threshold = filter_.left_out.threshold
    result.left_out = left.to_dict(counts=False)
    result.records = sum(len(doc.get(c) or ()) for doc in docs for c in model().containers)


def _prepare_output(out: Path, replace: bool, bundles: list[Path]) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file; name a folder for the merge")
    if not absolute(out).parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")
    if not out.is_dir():
        return
    try:
        empty = not any(out.iterdir())
    except OSError as exc:
        raise UsageError(f"{out}: cannot be read ({exc.strerror or exc})") from None
    if empty:
        return
    if not replace:
        raise UsageError(f"{out}: the folder already holds files; name a new folder, or add --replace to replace "
                         "it once the new merge is complete")
    if clash := output_clash(out, bundles, "a bundle being merged"):
        raise UsageError(clash)
    if Path.cwd().resolve().is_relative_to(out.resolve()):
        raise UsageError(f"{out}: --replace would remove the current folder; run the merge from another folder")
    if not (out / REPORT).is_file():
        # --replace swaps the whole folder: only a folder an earlier merge wrote may go
        raise UsageError(f"{out}: --replace replaces only the folder of an earlier merge (with {REPORT}); this one "
                         "holds other files, which would be lost. Name a new folder")


def _write_text(path: Path, text: str, private: bool) -> None:
    data = utf8(text, path.name)  # before the file exists: a value no UTF-8 file can hold
    # created with its final mode (the umask still applies): never readable by others, not even
    # for a moment, when it may hold a peer worker's data
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 PRIVATE_MODE if private else 0o666)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _fill(tmp: Path, docs: list[dict], report: dict, private: bool) -> None:
    folder_mode = 0o700 if private else 0o777
    tmp.mkdir(mode=folder_mode)
    (tmp / datapackage.DATA_FOLDER).mkdir(mode=folder_mode)
    for doc, name in zip(docs, datapackage.dataset_names(docs)):
        _write_text(tmp / datapackage.DATA_FOLDER / f"{name}.json", dumps_dataset(doc), private)
    _write_text(tmp / REPORT, dumps_report(report), private)


def _swap_in(tmp: Path, out: Path, replace: bool) -> None:
    try:
        os.rename(tmp, out)  # fails on a folder that holds files: never replaced without --replace
        return
    except OSError as exc:
        if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST) or not replace:
            raise
    old = temp_path(out, "old")
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except BaseException:  # a failure, or Ctrl-C between the two renames
        os.rename(old, out)  # put the earlier output back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _write_folder(out: Path, docs: list[dict], report: dict, replace: bool = False) -> None:
    out = absolute(out)
    clean_stale(out)
    tmp = temp_path(out)
    # peer workers' records (and the report, which quotes their values) are special-category
    # data: the whole folder is its owner's only; other merges follow the umask
    private = any(doc.get("peer_workers") for doc in docs)
    try:
        _fill(tmp, docs, report, private)
        _swap_in(tmp, out, replace)
    except ValueError as exc:  # a lone surrogate (utf8)
        raise BadBundle(f"{out}: cannot write the merged folder: {exc}") from None
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            raise BadBundle(f"{out}: another run has written this folder meanwhile; it is left as it is (name a new "
                            "folder, or add --replace)") from None
        raise BadBundle(f"{out}: cannot write the merged folder ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
