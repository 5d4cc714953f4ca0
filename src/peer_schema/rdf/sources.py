"""Where the compendium's pages and the API read from: one `Source`, three kinds.

- `Source(store_dir=DIR)`: the embedded store (`peer-schema store load`); each query runs in a
  child process under the time and row limits of bounded.py, and the public-store guard of
  queries.py (`StoreQuery`) runs first;
- `Source(endpoint=URL)`: a SPARQL 1.1 endpoint (an Oxigraph server...), guarded the same way;
- `shipped_compendium()`: when a server is given neither, the compendium shipped with the package
  (compendium.py), exported once and loaded into an in-memory store held for the life of the
  process. Its queries run in this process: they are the module's own bounded queries over a
  small, known graph, never free-form text.

`Source.select(sparql)` runs one of this package's SELECT queries, whose parameters are already
bound as VALUES blocks of pyoxigraph-made terms (see `values_block`); `Source.question` answers a
saved question (queries.py) with its parameters bound the way queries.py binds them.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph
from pyoxigraph import Literal, NamedNode

from . import queries
from . import store as _store
from . import store_files
from .bounded import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, LimitExceeded, Limits, run_bounded
from .endpoint import as_endpoint
from .sparql_guard import QueryError

_VARIABLE = r"[A-Za-z_][A-Za-z0-9_]*"


def values_block(variable: str, terms: Iterable[Literal | NamedNode]) -> str:
    """`VALUES ?variable { t1 t2 }`: the terms in their N-Triples form as pyoxigraph writes (and
    escapes) them. The variable is a name of this package's own queries, never user text."""
    if not re.fullmatch(_VARIABLE, variable):
        raise QueryError(f"{variable!r}: not a variable name")
    written = []
    for term in terms:
        if not isinstance(term, (Literal, NamedNode)):
            raise QueryError(f"{term!r}: a value is bound as an IRI or a literal made by pyoxigraph")
        written.append(str(term))
    return f"VALUES ?{variable} {{ {' '.join(written)} }}"


@dataclass(frozen=True)
class Source:
    """An embedded store folder, or an endpoint URL, or (neither) an in-memory store given as
    `memory` (see `shipped_compendium`). timeout: seconds; max_rows: rows of one answer."""

    store_dir: str | None = None
    endpoint: str | None = None
    graph_store: str | None = None
    timeout: float | None = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    memory: HeldStore | None = field(default=None, compare=False, repr=False)
    #: embedded store only: run the queries in this process on a read-only handle kept open (opened
    #: again when the store is reloaded), not in a child process under the time limit. For a server
    #: answering many requests with this package's own queries: ~40 ms less each (no fork, no open),
    #: and the answers of an unchanged store are kept (HeldStore).
    in_process: bool = False

    def __post_init__(self):
        given = sum(x is not None for x in (self.store_dir, self.endpoint, self.memory))
        if given != 1:
            raise ValueError("a source is one of: a store folder, an endpoint, an in-memory store")

    @property
    def kind(self) -> str:
        return "store" if self.store_dir is not None else "endpoint" if self.endpoint is not None else "memory"

    def select(self, sparql: str) -> list[dict]:
        """The rows of a SELECT query as dicts (column -> plain Python value, None if unbound)."""
        held = self._held()
        if held is not None:
            columns, rows = held.run(sparql)
            self._check_rows(len(rows))
        elif self.endpoint is not None:
            ep = as_endpoint(self.endpoint, self.graph_store, self.timeout)
            queries.guard_public_store(ep.query)
            _, columns, rows = ep.query(sparql)
            self._check_rows(len(rows))
        else:
            answer = run_bounded(queries.StoreQuery(self.store_dir, sparql), Limits(self.timeout, self.max_rows))
            columns, rows = answer.columns, list(answer.rows)
        return [dict(zip(columns, row)) for row in rows]

    def question(self, name: str, params: Mapping[str, str | None] | None = None) -> queries.Result:
        """The answer of the saved question `name` (queries.py), every row at once. Raises
        UnknownQuestion, ParameterError, LimitExceeded, StoreError, EndpointError."""
        held = self._held()
        if held is None:
            return queries.run_question(name, params, self.store_dir, self.endpoint, graph_store=self.graph_store,
                                        timeout=self.timeout, max_rows=self.max_rows)
        question = queries.get_question(name)
        bound = question.bind(params)
        columns, rows = held.run(queries.with_values(question.sparql, bound))
        self._check_rows(len(rows))
        keep = question.shown_columns(columns)
        return queries.Result([columns[i] for i in keep], [tuple(r[i] for i in keep) for r in rows])

    def generation(self) -> tuple | None:
        """A token equal between two calls while this source's answers cannot have changed: the
        in-memory store's, or the store folder's (a load swaps in a new folder); None for an
        endpoint, whose data may change at any time. For a server keeping pages it rendered."""
        if self.memory is not None:
            return ("memory", id(self.memory))
        if self.store_dir is not None:
            return _stamp(self.store_dir)
        return None

    def _held(self) -> HeldStore | None:
        """The store queried in this process, or None (a child process, or an endpoint)."""
        if self.memory is not None:
            return self.memory
        if self.store_dir is not None and self.in_process:
            return _read_only(self.store_dir)
        return None

    def _check_rows(self, count: int) -> None:
        if self.max_rows is not None and count > self.max_rows:
            raise LimitExceeded(f"the answer has more than {self.max_rows} rows (the limit)")


#: answers a HeldStore keeps (the most recent), and the most rows of an answer it keeps
KEPT_ANSWERS = 512
KEPT_ROWS = 5_000


class HeldStore:
    """A store queried in this process whose contents do not change while it is held: the shipped
    compendium in memory, or a read-only handle of the embedded store (a load swaps in a new folder,
    and a new HeldStore). So the public-store guard runs once, and answers are kept: a page asked
    again costs no query."""

    def __init__(self, db: pyoxigraph.Store):
        self.db = db
        queries.guard_public_store(lambda text: _store.run(db, text))
        self._answers: OrderedDict[str, tuple[list[str], list[tuple]]] = OrderedDict()
        self._lock = threading.Lock()

    def run(self, text: str) -> tuple[list[str], list[tuple]]:
        """(columns, rows) of a SELECT query; the rows are shared: read them, never change them."""
        with self._lock:
            if text in self._answers:
                self._answers.move_to_end(text)
                return self._answers[text]
        _, columns, rows = _store.run(self.db, text)
        if len(rows) <= KEPT_ROWS:
            with self._lock:
                self._answers[text] = (columns, rows)
                while len(self._answers) > KEPT_ANSWERS:
                    self._answers.popitem(last=False)
        return columns, rows


_handles: dict[str, tuple[tuple, HeldStore]] = {}
_handles_lock = threading.Lock()


def _read_only(store_dir: str) -> HeldStore:
    """The embedded store opened read-only once (store.open_read_only checks it is complete), and
    again when a load has swapped in a new folder or manifest (store_files)."""
    stamp = _stamp(store_dir)
    with _handles_lock:
        known = _handles.get(store_dir)
        if known is None or stamp is None or known[0] != stamp:
            _handles[store_dir] = (stamp, HeldStore(_store.open_read_only(Path(store_dir))))
        return _handles[store_dir][1]


def _stamp(store_dir: str) -> tuple | None:
    """The store folder's identity and its manifest's time: both change when a load swaps it."""
    folder = Path(store_dir)
    try:
        return (str(folder), folder.stat().st_ino, (folder / store_files.MANIFEST).stat().st_mtime_ns)
    except OSError:
        return None


_shipped: HeldStore | None = None
_shipped_lock = threading.Lock()


def shipped_compendium() -> Source:
    """The compendium shipped with the package, in an in-memory store loaded once per process
    (validated and exported as `store load --compendium` would, with the SKOS vocabularies)."""
    global _shipped
    with _shipped_lock:
        if _shipped is None:
            _shipped = HeldStore(_load_in_memory())
    return Source(memory=_shipped)


def _load_in_memory() -> pyoxigraph.Store:
    from ..compendium import compendium_folder
    from .export import export

    db = pyoxigraph.Store()
    with tempfile.TemporaryDirectory(prefix="peer-schema-compendium-") as tmp:
        nt = Path(tmp) / "compendium.nt"
        export([compendium_folder()], nt, fmt="nt")
        db.bulk_load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
    db.bulk_load(input=_store.vocabularies_turtle(), format=pyoxigraph.RdfFormat.TURTLE)
    return db


def source_for(store_dir: str | Path | None = None, endpoint: str | None = None, **options) -> Source:
    """The source a server started with `--store DIR`, `--endpoint URL`, or neither uses."""
    if store_dir is not None and endpoint is not None:
        raise ValueError("give a store folder or an endpoint, not both")
    if store_dir is not None:
        return Source(store_dir=str(store_dir), **options)
    if endpoint is not None:
        return Source(endpoint=endpoint, **options)
    return shipped_compendium()


__all__ = ["HeldStore", "Source", "shipped_compendium", "source_for", "values_block"]
