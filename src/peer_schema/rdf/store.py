"""The embedded store: an on-disk Oxigraph database in a folder, nothing to install or start.

`load(paths, store_dir)` exports the files (`export()`, with its validation and privacy guard)
to N-Triples in a temporary file beside the store and bulk-loads it with the SKOS vocabularies
(`vocabularies.ttl`, so every code has its notation and its English and French labels); or, given
`endpoint=`, sends both to a SPARQL 1.1 endpoint with the Graph Store Protocol (endpoint.py).

A store that holds peer workers' records is its owner's only, whatever the umask: the folder
0700, its files 0600 (RocksDB writes them under a umask of 077 while loading, and every file
already there is tightened after); a store is never loosened by a later load.

Queries open the folder read-only (`Store.read_only`): a query cannot change the store, whatever
its text. A folder is used by one writing process at a time; opening it read-only while another
process loads into it is not supported by the database (RocksDB), so load first, then query.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pyoxigraph

from .. import artifacts
from ..file_modes import PRIVATE_MODE
from .endpoint import Endpoint, as_endpoint
from .export import export
from .sparql_guard import QueryError

#: the store `peer-schema store load` and `peer-schema query` use when none is named
DEFAULT_STORE = Path("peer-schema-store")
#: the file RocksDB keeps in every database folder
_MARKER = "CURRENT"


class StoreError(Exception):
    """The store folder is missing, is not a store, or cannot be opened (another process holds it)."""


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
) -> int:
    """Export the files or folders in `paths` and load them, with the SKOS vocabularies, into
    the embedded store in `store_dir` (created if needed; DEFAULT_STORE if None), or into
    `endpoint` (a URL or an Endpoint). Returns the number of triples loaded (the export's plus the
    vocabularies'; the store keeps each distinct triple once).

    The data is added to what the store holds; `replace=True` empties it first. Loading the same
    files twice without `replace` doubles their blank nodes (citations, scale figures...), which
    saved questions would then count twice.

    Raises `ExportRefused` (the data is not valid, or may not be shared under the profile: nothing
    is loaded), `StoreError`, `EndpointError`, `UsageError` (an unknown profile).
    """
    paths = list(paths)
    if endpoint is not None and store_dir is not None:
        raise ValueError("give a store folder or an endpoint, not both")
    vocabularies = vocabularies_turtle()
    # what can be checked before the export is checked first
    ep = as_endpoint(endpoint, graph_store, timeout) if endpoint is not None else None
    scratch = None  # the export's N-Triples go beside the store (the same disk, as large as it)
    if ep is None:
        _check_folder(_folder(store_dir))
        scratch = _folder(store_dir).absolute().parent
        scratch.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".peer-schema-load-", dir=scratch) as tmp:
        nt = Path(tmp) / "export.nt"
        summary = export(paths, nt, fmt="nt", profile=profile, purpose=purpose)
        if ep is not None:
            if replace:
                ep.clear_default_graph()
            ep.add(nt, "application/n-triples")
            ep.add(vocabularies, "text/turtle")
        else:
            folder = _folder(store_dir)
            private = bool(summary.peer_workers) or is_private(folder)
            with _owner_only(private):
                if private:
                    folder.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
                    make_private(folder)  # before any record is written into it
                store = open_for_writing(store_dir)
                try:
                    if replace:
                        store.clear()
                    store.bulk_load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
                    store.bulk_load(input=vocabularies, format=pyoxigraph.RdfFormat.TURTLE)
                    store.flush()
                except (OSError, SyntaxError) as exc:
                    raise StoreError(f"{folder}: loading failed ({exc})") from exc
                finally:
                    del store  # releases the database lock now (pyoxigraph has no close())
                if private:
                    make_private(folder)
    return summary.triples + vocabulary_triples()


#: the mode of a folder holding peer workers' records
PRIVATE_FOLDER_MODE = 0o700


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
    if folder.is_dir() and any(folder.iterdir()) and not (folder / _MARKER).is_file():
        raise StoreError(f"{folder}: this folder holds other files and is not a store; name an empty or new folder")


def open_for_writing(store_dir: str | Path | None) -> pyoxigraph.Store:
    folder = _folder(store_dir)
    _check_folder(folder)
    try:
        return pyoxigraph.Store(str(folder))
    except OSError as exc:
        raise StoreError(f"{folder}: cannot open the store for loading ({exc}); is another process using it?") \
            from exc


def open_read_only(store_dir: str | Path | None) -> pyoxigraph.Store:
    folder = _folder(store_dir)
    if not (folder / _MARKER).is_file():
        raise StoreError(f"{folder}: no store here; load one first (`peer-schema store load PATH... --store {folder}`)")
    try:
        return pyoxigraph.Store.read_only(str(folder))
    except OSError as exc:
        raise StoreError(f"{folder}: cannot open the store ({exc})") from exc


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
    from .queries import cell

    kwargs = {"substitutions": substitutions} if substitutions else {}
    try:
        answer = store.query(text, **kwargs)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from None
    except OSError as exc:
        raise StoreError(f"the store could not be read ({exc})") from exc
    if isinstance(answer, pyoxigraph.QueryBoolean):
        return "ask", ["ask"], [(bool(answer),)]
    if isinstance(answer, pyoxigraph.QuerySolutions):
        columns = [v.value for v in answer.variables]
        return "select", columns, [tuple(cell(t) for t in solution) for solution in answer]
    return "graph", ["subject", "predicate", "object"], [
        (cell(t.subject), cell(t.predicate), cell(t.object)) for t in answer]


__all__ = ["DEFAULT_STORE", "StoreError", "load", "open_read_only", "open_for_writing", "run",
           "substitutions_supported", "vocabulary_triples"]
