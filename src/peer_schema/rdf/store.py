"""The embedded store: an on-disk Oxigraph database in a folder, nothing to install or start.

`load(paths, store_dir)` exports the files (`export()`, with its validation and privacy guard)
to N-Triples in a temporary file beside the store and bulk-loads it with the SKOS vocabularies
(`vocabularies.ttl`, so every code has its notation and its English and French labels); or, given
`endpoint=`, sends both to a SPARQL 1.1 endpoint with the Graph Store Protocol (endpoint.py).

A store that holds peer workers' records is its owner's only, whatever the umask: the folder
0700, its files 0600 (RocksDB writes them under a umask of 077 while loading, and every file
already there is tightened after); a store is never loosened by a later load.

Loading is atomic (store_files.py): the data goes into a new folder beside the store, which is
marked complete (a manifest written last) and then swapped in by renaming; a kill or an error
leaves the old store whole. A store without its manifest, or whose files changed since, is
refused before any query.

Queries open the folder read-only (`Store.read_only`): a query cannot change the store, whatever
its text. A folder is used by one writing process at a time; opening it read-only while another
process loads into it is not supported by the database (RocksDB), so load first, then query.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from contextlib import contextmanager, nullcontext
from functools import cache
from pathlib import Path

import pyoxigraph

from .. import artifacts
from ..file_modes import PRIVATE_MODE
from .endpoint import Endpoint, as_endpoint
from .export import ExportError, export
from . import store_files
from .sparql_guard import QueryError
from .store_files import StoreError
from .store_loads import (DatasetsAlreadyLoaded, export_digest, loaded_before, refuse_datasets_held,
                          remove_vocabularies, with_earlier)

#: the store `peer-schema store load` and `peer-schema query` use when none is named
DEFAULT_STORE = Path("peer-schema-store")
#: the files one of which is in every store folder
_MARKERS = (store_files.DATABASE_MARKER, store_files.MANIFEST)


def _is_store(folder: Path) -> bool:
    return any((folder / m).is_file() for m in _MARKERS)


def load(
    paths: Iterable[str | Path],
    store_dir: str | Path | None = None,
    *,
    endpoint: str | Endpoint | None = None,
    graph_store: str | None = None,
    profile: str | None = None,
    replace: bool = False,
    purpose: str | None = None,
    timeout: float | None = None,
    progress: Callable[[int, int, str, int], None] | None = None,
) -> int:
    """Export the files or folders in `paths` and load them, with the SKOS vocabularies, into
    the embedded store in `store_dir` (created if needed; DEFAULT_STORE if None), or into
    `endpoint` (a URL or an Endpoint). Returns the number of triples loaded (the export's plus the
    vocabularies'; the store keeps each distinct triple once).

    The data is added to what the store holds; `replace=True` empties it first. Loading the same
    files again, unchanged, into the embedded store changes nothing and returns 0 (its manifest
    records the SHA-256 of each export loaded; the export is deterministic). Otherwise a dataset
    the store already holds (its node is there) is not loaded again: `DatasetsAlreadyLoaded`, and
    nothing changes, because adding it a second time would give saved questions its records
    twice (each load makes new blank nodes: citations, scale figures...) and keep values it no
    longer has. The vocabularies replace their own earlier triples (a newer package's labels
    replace an older one's); on an endpoint, which the Graph Store Protocol lets add and empty
    but not edit, the same vocabularies add nothing.

    `progress` is called as the data is read and checked (as in `validate`).

    Raises `ExportRefused` (the data is not valid, or may not be shared under the profile: nothing
    is loaded), `DatasetsAlreadyLoaded` and other `StoreError`s, `EndpointError`, `UsageError` (an
    unknown profile).
    """
    paths = list(paths)
    if endpoint is not None and store_dir is not None:
        raise ValueError("give a store folder or an endpoint, not both")
    vocabularies = vocabularies_turtle()
    # what can be checked before the export is checked first
    ep = as_endpoint(endpoint, graph_store, timeout) if endpoint is not None else None
    scratch = None  # the export's N-Triples go beside the store (the same disk, as large as it)
    folder = _folder(store_dir)
    if ep is None:
        _check_folder(folder)
        scratch = folder.absolute().parent
    try:
        with store_files.load_lock(folder) if ep is None else nullcontext():
            if ep is None:
                store_files.recover(folder)
                store_files.clean_leftovers(folder)
                if not replace and folder.is_dir() and any(folder.iterdir()):
                    store_files.check_complete(folder)  # never build on an incomplete or damaged store
            # named after the store, so that the next load deletes it if this one is killed
            prefix = f".{folder.name}.loading-export-" if ep is None else ".peer-schema-load-"
            with tempfile.TemporaryDirectory(prefix=prefix, dir=scratch) as tmp:
                nt = Path(tmp) / "export.nt"
                try:
                    summary = export(paths, nt, fmt="nt", profile=profile, purpose=purpose, progress=progress)
                except ExportError as exc:  # the scratch file could not be written (a full disk...)
                    if not isinstance(exc.__cause__, OSError):
                        raise
                    raise StoreError(f"{folder if ep is None else ep.query_url}: loading failed, nothing was "
                                     f"changed ({_why(exc.__cause__)})") from exc
                digest = None if ep is not None else export_digest(nt)
                if not replace:
                    if digest is not None and loaded_before(folder, digest):
                        return 0  # the same export again: the store already holds exactly this
                    refuse_datasets_held(summary.dataset_nodes, ep, folder)
                if ep is not None:
                    if replace:
                        ep.clear_default_graph()
                    ep.add(nt, "application/n-triples")
                    ep.add(vocabularies, "text/turtle")
                else:
                    loaded = {"exports": [digest], "datasets": dict.fromkeys(summary.dataset_nodes, digest)}
                    _load_beside(folder, nt, vocabularies, private=bool(summary.peer_workers) or is_private(folder),
                                 replace=replace, triples=summary.triples + vocabulary_triples(), loaded=loaded)
    except OSError as exc:  # the scratch folder or the lock: a read-only parent, a full disk
        raise StoreError(f"{folder}: loading failed, the store is unchanged ({_why(exc)})") from exc
    return summary.triples + vocabulary_triples()


#: the mode of a folder holding peer workers' records
PRIVATE_FOLDER_MODE = 0o700


def _load_beside(folder: Path, nt: Path, vocabularies: bytes, *, private: bool, replace: bool,
                 triples: int, loaded: dict) -> None:
    """Load into a new folder beside the store (a copy of it unless `replace`), mark it complete,
    and swap it in (store_files): whatever happens before the swap, the old store is whole."""
    with _owner_only(private):
        new = store_files.loading_folder(folder)
        try:
            if private:
                make_private(new)  # before any record is written into it
            adding = not replace and (folder / store_files.MANIFEST).is_file()
            if adding:
                manifest = store_files.check_complete(folder)
                triples += int(manifest.get("triples", 0))
                loaded = with_earlier(loaded, manifest.get("loaded"))
                store_files.copy_database(folder, new)
            db = pyoxigraph.Store(str(new))
            try:
                if adding:
                    triples -= remove_vocabularies(db, vocabularies)
                db.bulk_load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
                db.bulk_load(input=vocabularies, format=pyoxigraph.RdfFormat.TURTLE)
                db.flush()
            finally:
                del db  # closes the database now (pyoxigraph has no close())
            if private:
                make_private(new)
            store_files.write_manifest(new, triples, loaded)
            store_files.swap(new, folder)
        except (OSError, SyntaxError, RuntimeError) as exc:
            raise StoreError(f"{folder}: loading failed, the store is unchanged ({_why(exc)})") from exc
        finally:
            if new.exists():
                shutil.rmtree(new, ignore_errors=True)


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return "the disk is full, or a file would be larger than the system allows"
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"permission denied: {exc.filename or 'the folder'} is not writable"
    text = getattr(exc, "strerror", None) or str(exc)
    low = text.lower()
    if "no space" in low or "file too large" in low:
        return "the disk is full, or a file would be larger than the system allows"
    return text


def is_private(folder: Path) -> bool:
    """Whether a store folder is already its owner's only (it held peer workers' records)."""
    try:
        return folder.is_dir() and not folder.stat().st_mode & 0o077
    except OSError:
        return False


def make_private(folder: Path) -> None:
    """The folder 0700 and everything in it 0700 (folders) or 0600 (files)."""
    try:
        os.chmod(folder, PRIVATE_FOLDER_MODE)
        for root, dirs, files in os.walk(folder):
            for name in dirs:
                os.chmod(os.path.join(root, name), PRIVATE_FOLDER_MODE)
            for name in files:
                os.chmod(os.path.join(root, name), PRIVATE_MODE)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot make the store readable by its owner only ({exc.strerror or exc})") \
            from exc


@contextmanager
def _owner_only(private: bool):
    """Files and folders created in the block get no permission for group or others (umask 077)
    when `private`. The umask is the process's: the CLI loads in one thread."""
    if not private:
        yield
        return
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


@cache
def vocabularies_turtle() -> bytes:
    return artifacts.read_text("vocabularies.ttl").encode("utf-8")


@cache
def vocabulary_triples() -> int:
    return sum(1 for _ in pyoxigraph.parse(vocabularies_turtle(), pyoxigraph.RdfFormat.TURTLE))


def _folder(store_dir: str | Path | None) -> Path:
    return Path(store_dir) if store_dir is not None else DEFAULT_STORE


def _check_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: is a file, not a store folder")
    if folder.is_dir() and any(folder.iterdir()) and not _is_store(folder):
        raise StoreError(f"{folder}: this folder holds other files and is not a store; name an empty or new folder")


def open_for_writing(store_dir: str | Path | None) -> pyoxigraph.Store:
    """The store, to write into directly: its manifest no longer matches after, so queries refuse
    it until it is marked complete again (`store_files.write_manifest`). `load` never does this."""
    folder = _folder(store_dir)
    _check_folder(folder)
    try:
        return pyoxigraph.Store(str(folder))
    except OSError as exc:
        raise StoreError(f"{folder}: cannot open the store for loading ({exc}); is another process using it?") \
            from exc


def open_read_only(store_dir: str | Path | None) -> pyoxigraph.Store:
    """The store, read-only, once its manifest says it is complete and undamaged (store_files)."""
    folder = _folder(store_dir)
    store_files.recover(folder)
    if not folder.is_dir() or not _is_store(folder):
        raise StoreError(f"{folder}: no store here; load one first (`peer-schema store load PATH... --store {folder}`)")
    store_files.check_complete(folder)
    try:
        return pyoxigraph.Store.read_only(str(folder))
    except (OSError, RuntimeError) as exc:
        raise StoreError(f"{folder}: cannot open the store, it may be damaged ({exc}); load it again with "
                         f"`peer-schema store load PATH... --replace --store {folder}`") from exc


@cache
def substitutions_supported() -> bool:
    """Whether this pyoxigraph's `Store.query` binds variables itself (`substitutions`, SEP-0007)."""
    store = pyoxigraph.Store()
    try:
        store.query("SELECT ?x WHERE {}", substitutions={pyoxigraph.Variable("x"): pyoxigraph.Literal("")})
    except TypeError:
        return False
    return True


def run(store: pyoxigraph.Store, text: str, substitutions: dict | None = None) -> tuple[str, list[str], list[tuple]]:
    """Run a query on an open store: (kind, columns, rows), rows of plain Python values."""
    kind, columns, rows = run_lazy(store, text, substitutions)
    return kind, columns, list(rows)


def run_lazy(store: pyoxigraph.Store, text: str, substitutions: dict | None = None):
    """(kind, columns, an iterator of rows as the engine finds them). The iterator keeps the store
    open; a damaged block found while reading raises StoreError."""
    from .answers import cell

    kwargs = {"substitutions": substitutions} if substitutions else {}
    try:
        answer = store.query(text, **kwargs)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except (OSError, RuntimeError) as exc:  # RuntimeError: the database found a damaged block
        raise _unreadable(exc) from exc
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return "ask", ["ask"], iter([(bool(answer),)])
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [v.value for v in answer.variables]
        return "select", columns, _rows(store, answer, lambda s: tuple(cell(t) for t in s))
    return "graph", ["subject", "predicate", "object"], _rows(
        store, answer, lambda t: (cell(t.subject), cell(t.predicate), cell(t.object)))


def _rows(store, answer, convert):
    try:
        for item in answer:
            yield convert(item)
    except (OSError, RuntimeError) as exc:
        raise _unreadable(exc) from exc
    del store  # kept open until the last row


def _unreadable(exc: BaseException) -> StoreError:
    return StoreError(f"the store could not be read, it may be damaged ({exc}); load it again with "
                      f"`peer-schema store load PATH... --replace`")


__all__ = ["DEFAULT_STORE", "DatasetsAlreadyLoaded", "StoreError", "load", "open_read_only", "open_for_writing", "run",
           "run_lazy", "substitutions_supported", "vocabulary_triples"]
