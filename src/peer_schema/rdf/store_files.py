"""A store folder on disk: complete or refused, and replaced whole.

`store load` never writes into the store that queries read. It builds a new folder beside it
(`.NAME.loading-XXXX`: a copy of the old store when adding, an empty one with `--replace`),
loads into it, closes it, writes the manifest (`peer-schema-store.json`) last, and then swaps
the folders by renaming (the old one goes to `.NAME.previous` for an instant, then is deleted).
A kill, Ctrl-C, full disk or error at any point leaves the old store whole; the next load
deletes the leftovers, and a query puts `.NAME.previous` back if the swap itself was cut.

The manifest lists the database's files with their sizes and SHA-256 (of the whole file in a
store up to WHOLE_HASH_LIMIT, of its first and last 64 KiB in a larger one): a store without it
(a load that did not finish, or a folder not made by `store load`), with a file missing,
truncated, grown or garbled, is refused before any query. In a large store, damage in the middle
of a file is found by the database's own block checksums when that part is read, and refused
then (StoreError). Copying a store keeps it valid (no dates are compared).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from .. import __version__

#: the file written last into a complete store
MANIFEST = "peer-schema-store.json"
#: the version of the manifest's layout
MANIFEST_FORMAT = 1
#: the file RocksDB keeps in every database folder
DATABASE_MARKER = "CURRENT"
#: files the database rewrites on every open (its lock, its log): not part of the contents
_VOLATILE_PREFIXES = ("LOCK", "LOG")
_SAMPLE = 1 << 16
#: a store up to this size has each file's whole SHA-256 checked before every query (tens of
#: milliseconds: about 25 000 records); a larger one, each file's size and its first and last 64 KiB
WHOLE_HASH_LIMIT = 64 * 1024 * 1024


class StoreError(Exception):
    """The store folder is missing, is not a store, is incomplete or damaged, or cannot be opened."""


def _contents(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder)
                  if n != MANIFEST and not n.startswith(_VOLATILE_PREFIXES) and (folder / n).is_file())


def _fingerprint(path: Path, whole: bool) -> list:
    """[size, SHA-256 of the whole file, or of its first and last 64 KiB]."""
    size = path.stat().st_size
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        if whole:
            while block := fh.read(1 << 20):
                digest.update(block)
        else:
            digest.update(fh.read(_SAMPLE))
            if size > _SAMPLE:
                fh.seek(max(size - _SAMPLE, _SAMPLE))
                digest.update(fh.read(_SAMPLE))
    return [size, digest.hexdigest()]


def write_manifest(folder: Path, triples: int, loaded: dict | None = None) -> None:
    """Mark `folder` (a closed database) complete: the manifest, written to a temporary file,
    flushed to disk, then renamed into place. `loaded`: what store.py records of the loads
    (`exports`: the SHA-256 of each export loaded; `datasets`: each dataset's node -> its export's)."""
    names = _contents(folder)
    whole = sum((folder / n).stat().st_size for n in names) <= WHOLE_HASH_LIMIT
    doc = {"format": MANIFEST_FORMAT, "written_by": f"peer-schema {__version__}", "triples": triples,
           "hashed": "whole" if whole else "ends", "files": {n: _fingerprint(folder / n, whole) for n in names}}
    if loaded:
        doc["loaded"] = loaded
    temp = folder / (MANIFEST + ".tmp")
    with temp.open("w", encoding="utf-8") as fh:
        json.dump(doc, fh, indent=1)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(temp, folder / MANIFEST)


def check_complete(folder: Path) -> dict:
    """The manifest of a complete, undamaged store; StoreError otherwise."""
    again = f"load it again (`peer-schema store load PATH... --replace --store {folder}`)"
    path = folder / MANIFEST
    if not path.is_file():
        raise StoreError(f"{folder}: this store is incomplete (a load did not finish) or was not made by "
                         f"`peer-schema store load`; it is not queried: {again}")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        files = doc["files"]
        whole = doc.get("hashed") == "whole"
        if doc.get("format") != MANIFEST_FORMAT or not isinstance(files, dict):
            raise ValueError("unknown manifest")
    except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise StoreError(f"{folder}: the store's manifest ({MANIFEST}) is damaged; it is not queried: {again}") \
            from None
    for name, expected in files.items():
        try:
            found = _fingerprint(folder / name, whole)
        except OSError:
            found = None
        if found != expected:
            what = "is missing" if found is None else "was changed (truncated, grown or garbled)"
            raise StoreError(f"{folder}: the store is damaged: its file {name} {what} since it was loaded; "
                             f"it is not queried: {again}")
    return doc


# -- building a new folder beside the store, and swapping ---------------------------------------------
def loading_folder(folder: Path) -> Path:
    """A new empty folder beside `folder` to load into (same disk: the swap is a rename)."""
    import tempfile

    parent = folder.absolute().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        new = Path(tempfile.mkdtemp(prefix=f".{folder.name}.loading-", dir=parent))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(new, 0o777 & ~umask)  # a folder's usual mode (mkdtemp makes it 0700); store.py tightens it
        return new
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create the new store beside it in {parent} "
                         f"({exc.strerror or exc}); the folder must be writable") from exc


def copy_database(source: Path, target: Path) -> None:
    """The database in `source` copied into the empty folder `target`: its table files (which the
    database never changes once written) hard-linked when the disk allows it, the rest copied."""
    for name in _contents(source):
        src, dst = source / name, target / name
        if name.endswith(".sst"):
            try:
                os.link(src, dst)
                continue
            except OSError:
                pass
        shutil.copy2(src, dst)


def previous_folder(folder: Path) -> Path:
    return folder.absolute().parent / f".{folder.name}.previous"


def swap(new: Path, folder: Path) -> None:
    """Put the complete store `new` in place of `folder` (if any), by renaming."""
    previous = previous_folder(folder)
    if previous.exists():
        shutil.rmtree(previous)
    if folder.exists():
        os.rename(folder, previous)
    os.rename(new, folder)
    shutil.rmtree(previous, ignore_errors=True)


def recover(folder: Path) -> None:
    """If a swap was cut between its two renames, put the previous store back."""
    previous = previous_folder(folder)
    if not folder.exists() and (previous / MANIFEST).is_file():
        try:
            os.rename(previous, folder)
        except OSError:
            pass


@contextmanager
def load_lock(folder: Path):
    """Held while one process loads into `folder`: a second load of the same store is refused
    at once (it would delete the first one's new folder as a leftover). A POSIX advisory lock on
    `.NAME.lock` beside the store, deleted when the load ends (a lock taken on a file that was
    deleted meanwhile does not count); where there is none (Windows), the database's own lock."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    parent = folder.absolute().parent
    parent.mkdir(parents=True, exist_ok=True)
    path = parent / f".{folder.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            current = os.stat(path).st_ino
        except (BlockingIOError, FileNotFoundError):
            current = None
        if current != os.fstat(fd).st_ino:
            os.close(fd)
            fd = -1
            raise StoreError(f"{folder}: another `peer-schema store load` is loading into this store; "
                             "wait for it to finish")
        try:
            yield
        finally:
            os.unlink(path)  # while still holding it: a process that opened it before sees it gone
    finally:
        if fd >= 0:
            os.close(fd)


def clean_leftovers(folder: Path) -> None:
    """Delete the folders of loads that did not finish (killed) and a previous store left over.
    One process loads into a store at a time (as the database requires)."""
    parent = folder.absolute().parent
    if not parent.is_dir():
        return
    for entry in parent.glob(f".{folder.name}.loading-*"):
        shutil.rmtree(entry, ignore_errors=True)
    if folder.exists():
        shutil.rmtree(previous_folder(folder), ignore_errors=True)


__all__ = ["DATABASE_MARKER", "MANIFEST", "StoreError", "check_complete", "clean_leftovers", "copy_database",
           "load_lock", "loading_folder", "recover", "swap", "write_manifest"]
