"""What one load of a store knows of the loads before it, so that loading the same data twice
never counts it twice (store.py's `load`):

- the manifest (store_files.py) records the SHA-256 of every export loaded into the embedded
  store and which datasets each held: the same files again, unchanged, are nothing to do (the
  export is deterministic);
- a dataset the store (or endpoint) already holds, from other or changed files, is refused
  (`DatasetsAlreadyLoaded`): adding it again would give saved questions its records twice (each
  load makes new blank nodes) and keep the values it no longer has. Replacing only that
  dataset would need it in a named graph of its own, and the questions to read the union of the
  graphs, which Oxigraph gives as a bag (a triple two datasets share, their publisher, would
  count twice) and other servers only when so configured: `--replace` rebuilds the store whole;
- the vocabularies replace their own earlier triples in the embedded store, so a newer
  package's labels replace an older one's.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

import pyoxigraph

from . import store_files
from .endpoint import Endpoint
from .store_files import StoreError


def export_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def loaded_before(folder: Path, digest: str) -> bool:
    """Whether the store's manifest says this very export (the same files, unchanged: the export
    is deterministic) was loaded into it before."""
    if not (folder / store_files.MANIFEST).is_file():
        return False
    loaded = store_files.check_complete(folder).get("loaded")
    return isinstance(loaded, dict) and digest in (loaded.get("exports") or [])


def with_earlier(loaded: dict, earlier: object) -> dict:
    """This load's record after the store's earlier ones (a store loaded by an older peer-schema has none)."""
    if not isinstance(earlier, dict):
        return loaded
    exports = [e for e in earlier.get("exports") or [] if isinstance(e, str)] + loaded["exports"]
    datasets = {**(earlier.get("datasets") if isinstance(earlier.get("datasets"), dict) else {}), **loaded["datasets"]}
    return {"exports": exports, "datasets": datasets}


class DatasetsAlreadyLoaded(StoreError):
    """`store load` without `replace` of a dataset the store already holds: refused, nothing changes."""

    def __init__(self, where: object, datasets: list[str]):
        self.datasets = datasets
        named = ", ".join(datasets[:5]) + (f" and {len(datasets) - 5} more" if len(datasets) > 5 else "")
        super().__init__(
            f"{where}: already holds the dataset(s) {named}; loading them again would add their records a second "
            "time (saved questions would count them twice), so nothing was loaded. To update a dataset, load "
            "every dataset the store should hold with --replace (it is emptied first)")


def refuse_datasets_held(nodes: list[str], ep: Endpoint | None, folder: Path) -> None:
    """DatasetsAlreadyLoaded if the store (or endpoint) holds any of the datasets `nodes` (their
    N-Triples terms, `<iri>`, as pyoxigraph wrote them: safe to put in a query)."""
    if not nodes:
        return
    query = f"SELECT DISTINCT ?d WHERE {{ VALUES ?d {{ {' '.join(nodes)} }} ?d ?p ?o }}"
    if ep is not None:
        held = ep.query(query)[2]
        where: object = ep.query_url
    elif (folder / store_files.MANIFEST).is_file():
        from .store import open_read_only, run

        db = open_read_only(folder)
        try:
            held = run(db, query)[2]
        finally:
            del db  # closed before the database is copied
        where = folder
    else:
        return
    if held:
        raise DatasetsAlreadyLoaded(where, sorted(str(row[0]) for row in held))


@cache
def _vocabulary_subjects(turtle: bytes) -> tuple[pyoxigraph.NamedNode, ...]:
    triples = pyoxigraph.parse(turtle, pyoxigraph.RdfFormat.TURTLE)
    return tuple({t.subject for t in triples if isinstance(t.subject, pyoxigraph.NamedNode)})


def remove_vocabularies(db: pyoxigraph.Store, turtle: bytes) -> int:
    """Remove what an earlier load wrote about the vocabularies' concepts and schemes (they are
    loaded again after, maybe from a newer package): the number of triples removed."""
    removed = 0
    for subject in _vocabulary_subjects(turtle):
        for quad in list(db.quads_for_pattern(subject, None, None, pyoxigraph.DefaultGraph())):
            db.remove(quad)
            removed += 1
    return removed


__all__ = ["DatasetsAlreadyLoaded", "export_digest", "loaded_before", "refuse_datasets_held", "remove_vocabularies",
           "with_earlier"]
