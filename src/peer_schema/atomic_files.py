"""Writing outputs safely, the same way in every command.

- An output is written to a hidden temporary beside it, `.NAME.<pid>-<host>.<random>.tmp`
  (a folder: `.tmp`, `.old` while swapped out, `.check` for a bundle's self-check), and renamed
  over NAME only when complete: a failed or interrupted run leaves NAME as it was.
- A run killed outright (kill -9, a power cut) cannot remove its temporary. The next run that
  writes NAME removes the temporaries of NAME that are stale: those whose owning process, on
  this machine, is no longer running, and any older than `STALE_AFTER` (a process id reused by
  another program, a temporary made on another machine sharing the folder, or one left by an
  earlier version of peer-schema, which wrote `.NAME.<12 hex>.tmp`). Nothing else is ever
  removed: only names of this pattern, beside this output.
- An output may not be one of the command's own inputs (`output_clash`).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import socket
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager, suppress
from pathlib import Path

from .file_modes import PRIVATE_MODE, default_mode

#: a temporary of a live process on another machine, or whose process id was reused, is removed
#: only when it has not changed for this long (seconds): a day
STALE_AFTER = 24 * 3600
KINDS = ("tmp", "old", "check")
_HOST = hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def absolute(path: str | Path) -> Path:
    """`path` made absolute without resolving links (so `-o .` has a name and a parent)."""
    return Path(os.path.abspath(path))


def temp_path(out: Path, kind: str = "tmp") -> Path:
    """A fresh hidden name beside `out` that says which process made it."""
    out = absolute(out)
    return out.with_name(f".{out.name}.{os.getpid()}-{_HOST}.{secrets.token_hex(4)}.{kind}")


def _pattern(name: str) -> re.Pattern:
    ours = rf"\.{re.escape(name)}\.(?P<pid>\d+)-(?P<host>[0-9a-f]{{6}})\.[0-9a-f]{{8}}\.(?:tmp|old|check)"
    # what peer-schema 0.2.0 left: `.NAME.<12 hex>.tmp|.old`, and tempfile's `.NAME.<8 chars>[.part|.check]`
    legacy = rf"\.{re.escape(name)}\.(?:[0-9a-f]{{12}}\.(?:tmp|old)|[a-z0-9_]{{8}}(?:\.part|\.check)?)"
    return re.compile(f"{ours}|{legacy}")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process, or a number we cannot ask about: assume alive
    return True


def _is_stale(entry: Path, match: re.Match, now: float) -> bool:
    try:
        age = now - entry.lstat().st_mtime
    except OSError:
        return False
    if age > STALE_AFTER:
        return True
    pid, host = match.group("pid"), match.group("host")
    return pid is not None and host == _HOST and not _running(int(pid))


def clean_stale(out: str | Path) -> list[Path]:
    """Remove the stale temporaries of `out` (see the module's doc); return what was removed."""
    out = absolute(out)
    pattern, removed, now = _pattern(out.name), [], time.time()
    try:
        entries = [e for e in out.parent.iterdir() if e.name.startswith(f".{out.name}.")]
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not _is_stale(entry, match, now):
            continue
        with suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
    return removed


def fsync_folder(folder: Path) -> None:
    with suppress(OSError):  # the rename itself, on disk (POSIX; not possible on Windows)
        dirfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dirfd)
        finally:
            os.close(dirfd)


@contextmanager
def atomic_file(out: str | Path, mode: Callable[[], int | None] | None = None):
    """A binary file object that becomes `out` only when the block ends without an exception.
    The file is private while written; then it gets `mode()` (None: the umask's usual mode).
    Stale temporaries of `out` are removed first."""
    out = absolute(out)
    clean_stale(out)
    tmp = temp_path(out)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_MODE)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        final = mode() if mode is not None else None
        os.chmod(tmp, final if final is not None else default_mode())
        os.replace(tmp, out)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_folder(out.parent)


def write_bytes(out: str | Path, data: bytes, private: bool = False) -> None:
    """`data` as the file `out`, atomically (private: readable by its owner only)."""
    with atomic_file(out, (lambda: PRIVATE_MODE) if private else None) as fh:
        fh.write(data)


def utf8(text: str, what: str) -> bytes:
    """`text` as UTF-8; a lone surrogate (which no UTF-8 file can hold) is a ValueError naming
    where it is, never a UnicodeEncodeError deep in a writer."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        bad = text[exc.start:exc.end]
        context = text[max(0, exc.start - 30):exc.start].rsplit("\n", 1)[-1]
        raise ValueError(f"{what}: a value holds {bad.encode('unicode_escape').decode('ascii')}, a lone surrogate "
                         f"that is not a character and cannot be written as UTF-8 (after: {context!r})") from None


# -- outputs that would overwrite inputs -----------------------------------------------------------------
def same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return absolute(a).resolve() == absolute(b).resolve()


def output_clash(out: str | Path, inputs: Iterable[str | Path], what: str = "an input") -> str | None:
    """Why writing `out` would destroy one of `inputs` (the same file, or `out` a folder that
    holds one), or None."""
    out = absolute(out)
    resolved = out.resolve()
    for path in inputs:
        if same_file(out, path):
            return f"the output {out} is {what} ({path}): writing it would destroy it; name another output"
        try:
            inside = absolute(path).resolve().is_relative_to(resolved) and out.is_dir()
        except OSError:
            inside = False
        if inside:
            return f"the output folder {out} holds {what} ({path}): replacing it would destroy it; name another folder"
    return None
