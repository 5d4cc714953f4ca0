"""Opening an input so that the size limit holds whatever it is: a file, a pipe, a FIFO.

A file's size is known before reading; a pipe's (`/dev/stdin`, a FIFO) is not, so every byte is
counted as it is read and the reading stops past the limit. A FIFO is opened without waiting for
a writer (none: it reads as empty, never hangs). Devices (`/dev/zero`, a terminal), sockets and
folders are refused: they are not data files, and reading one could go on forever.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from .errors import ReadError

try:
    import fcntl
except ImportError:  # Windows: no FIFOs to wait on
    fcntl = None

_CHUNK = 1 << 20
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _unreadable(reason: str) -> ReadError:
    return ReadError("read.unreadable", f"cannot open the file ({reason})", params={"reason": reason})


def too_large(size: int | str, limit: int) -> ReadError:
    shown = f"{size:,}" if isinstance(size, int) else size
    return ReadError("read.too-large", f"the file is {shown} bytes, over the limit of {limit:,}",
                     params={"size": shown, "limit": limit})


def kind_problem(mode: int, what: str = "file") -> ReadError | None:
    """Why a file of this mode is not read: only regular files and pipes are."""
    if stat.S_ISREG(mode) or stat.S_ISFIFO(mode):
        return None
    if stat.S_ISDIR(mode):
        return _unreadable("a folder, not a file")
    kind = "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket" if stat.S_ISSOCK(mode) else "not a file"
    return _unreadable(f"{kind}, not a {what}: only files and pipes are read")


def open_input(path: Path) -> tuple[BinaryIO, int | None]:
    """The input opened for reading, and its size when it is a file (None for a pipe)."""
    try:
        fd = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))  # a FIFO without a writer: no wait
    except OSError as exc:
        raise _unreadable(exc.strerror or type(exc).__name__) from None
    try:
        info = os.fstat(fd)
        problem = kind_problem(info.st_mode)
        if problem is not None:
            raise problem
        if fcntl is not None and _NONBLOCK:  # then read as usual (EOF without a writer)
            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~_NONBLOCK)
        return os.fdopen(fd, "rb"), (info.st_size if stat.S_ISREG(info.st_mode) else None)
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int) -> bytes:
    """All the bytes of an input, or read.too-large as soon as there are more than `limit`."""
    stream, size = open_input(path)
    with stream:
        if size is not None and size > limit:
            raise too_large(size, limit)
        data = stream.read(limit + 1)  # a file that grew, or a pipe: never more than the limit
    if len(data) > limit:
        raise too_large(f"more than {limit:,}", limit)
    return data


def bounded_lines(stream: BinaryIO, limit: int, max_line: int | None = None) -> Iterator[bytes]:
    """The lines of a stream, counted: read.too-large (raised) once more than `limit` bytes
    were read. A line longer than `max_line` is given cut at max_line + 1 bytes (so the caller
    sees it is too long); the rest of it is read and counted, not kept."""
    left = limit
    while True:
        keep = left + 1 if max_line is None else min(left, max_line) + 1
        line = stream.readline(keep)
        if not line:
            return
        left -= len(line)
        if max_line is not None and len(line) > max_line and not line.endswith(b"\n"):
            while left >= 0:  # skip the rest of an overlong line, counting it
                rest = stream.readline(min(left + 1, _CHUNK))
                left -= len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
        if left < 0:
            raise too_large(f"more than {limit:,}", limit)
        yield line
