"""Saved research questions and free-form read-only SPARQL, run on the embedded store or an endpoint.

The parts: questions.py (the saved questions, their parameters, binding), answers.py (rows as
plain values), public_guard.py (what a public store may answer), output.py (table, CSV, JSON).
Every public name of theirs is importable from here too.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import NamedNode, Variable

from . import store as _store
from .answers import Result, cell, cell_from_json
from .bounded import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, Answer, LimitExceeded, Limits, run_bounded
from .endpoint import Endpoint, as_endpoint
from .output import RENDERERS, as_csv, as_json, as_table, csv_cell, write_answer
from .public_guard import PublicStoreLeaks, guard_public_store
from .questions import (LANGUAGES, NONE_VALUE, Parameter, ParameterError, Question, UnknownQuestion, get_question,
                        list_questions, parse_question, with_values)
from .sparql_guard import QueryError, UnsafeQuery, check_dataset, check_read_only, tokens


def run_question(name: str, params: Mapping[str, str | None] | None = None, store_dir: str | Path | None = None,
                 endpoint: str | Endpoint | None = None, **options) -> Result:
    """Answer the saved question `name` with `params` (parameter name -> code), from the embedded
    store in `store_dir` (DEFAULT_STORE if None) or from `endpoint` (a URL or an Endpoint): every
    row at once (`stream_question` takes the same options and streams them).
    Raises UnknownQuestion, ParameterError, StoreError, EndpointError, LimitExceeded."""
    return _collect(stream_question(name, params, store_dir, endpoint, **options))


def stream_question(
    name: str,
    params: Mapping[str, str | None] | None = None,
    store_dir: str | Path | None = None,
    endpoint: str | Endpoint | None = None,
    *,
    graph_store: str | None = None,
    timeout: float | None = None,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    binding: str = "auto",
    lang: str | None = None,
) -> Answer:
    """The saved question's answer, its rows streamed. timeout: seconds (None: DEFAULT_TIMEOUT,
    math.inf: none) for the engine, or for the whole request to an endpoint; max_rows: None for
    no limit (bounded.py); lang: the language of the labels ("en", "fr"), for a question with a
    `lang` parameter that `params` does not set (`peer-schema query --lang`).

    binding: "auto" (substitutions on the embedded store when pyoxigraph has them, VALUES
    otherwise), "substitutions" or "values" (the tests compare them)."""
    question = get_question(name)
    params = dict(params or {})
    if lang is not None and any(p.name == "lang" for p in question.parameters):
        params["lang"] = params.get("lang") or lang
    bound = question.bind(params)
    if binding not in ("auto", "substitutions", "values"):
        raise ValueError(f"binding: {binding!r} (auto, substitutions or values)")
    limits = _limits(timeout, max_rows)
    if endpoint is not None:
        if store_dir is not None:
            raise ValueError("give a store folder or an endpoint, not both")
        if binding == "substitutions":
            raise ValueError("an endpoint takes parameters as a VALUES block, not as substitutions")
        ep = as_endpoint(endpoint, graph_store, _endpoint_timeout(limits))
        guard_public_store(ep.query)
        answer = _endpoint_answer(ep, with_values(question.sparql, bound), limits)
    else:
        use_substitutions = binding == "substitutions" or (binding == "auto" and _store.substitutions_supported())
        job = (StoreQuery(_path(store_dir), question.sparql, bound) if use_substitutions
               else StoreQuery(_path(store_dir), with_values(question.sparql, bound)))
        answer = run_bounded(job, limits)
    keep = question.shown_columns(answer.columns)
    rows = (tuple(row[i] for i in keep) for row in answer.rows)
    return Answer(answer.kind, [answer.columns[i] for i in keep], rows)


def run_sparql(text: str, store_dir: str | Path | None = None, endpoint: str | Endpoint | None = None,
               **options) -> Result:
    """Run free-form SPARQL, read-only, every row at once (`stream_sparql` streams them)."""
    return _collect(stream_sparql(text, store_dir, endpoint, **options))


def stream_sparql(
    text: str,
    store_dir: str | Path | None = None,
    endpoint: str | Endpoint | None = None,
    *,
    graph_store: str | None = None,
    timeout: float | None = None,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> Answer:
    """Run free-form SPARQL, read-only: an update, SERVICE, or FROM / FROM NAMED with a graph
    the store does not hold is refused (`UnsafeQuery`, before anything runs); an empty text
    (nothing but blanks and comments) is a QueryError. Limits as for `stream_question`."""
    if not any(True for _ in tokens(text)):
        raise QueryError("the query is empty (nothing but blanks and comments): write a SELECT, ASK, CONSTRUCT "
                         "or DESCRIBE query")
    shape = check_read_only(text)
    limits = _limits(timeout, max_rows)
    if endpoint is not None:
        if store_dir is not None:
            raise ValueError("give a store folder or an endpoint, not both")
        ep = as_endpoint(endpoint, graph_store, _endpoint_timeout(limits))
        check_dataset(shape, lambda iri: _valid_iri(iri) and ep.has_graph(iri))
        guard_public_store(ep.query)
        return _endpoint_answer(ep, text, limits)
    return run_bounded(StoreQuery(_path(store_dir), text, free_form=True), limits)


@dataclass(frozen=True)
class StoreQuery:
    """A query of the embedded store, run in the child process of bounded.py (so: picklable).
    Every answer passes guard_public_store first; free-form SPARQL is checked against the
    store's graphs (check_dataset)."""

    store_dir: str | None
    text: str
    substitutions: dict = field(default_factory=dict)
    free_form: bool = False

    def __call__(self):
        db = _store.open_read_only(self.store_dir)
        if self.free_form:
            check_dataset(check_read_only(self.text),
                          lambda iri: _valid_iri(iri) and db.contains_named_graph(NamedNode(iri)))
        guard_public_store(lambda text: _store.run(db, text))
        substitutions = {Variable(k): v for k, v in self.substitutions.items()}
        return _store.run_lazy(db, self.text, substitutions or None)


def _path(store_dir: str | Path | None) -> str | None:
    return None if store_dir is None else str(store_dir)


def _limits(timeout: float | None, max_rows: int | None) -> Limits:
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    return Limits(None if timeout == math.inf else timeout, max_rows)


def _endpoint_timeout(limits: Limits) -> float:
    return math.inf if limits.timeout is None else limits.timeout


def _endpoint_answer(ep: Endpoint, text: str, limits: Limits) -> Answer:
    """An endpoint's answer (already bounded in time and size by Endpoint) under `max_rows`."""
    kind, columns, rows = ep.query(text)
    if limits.max_rows is not None and len(rows) > limits.max_rows:
        raise LimitExceeded(f"the answer has more than {limits.max_rows} rows (the limit): narrow the query "
                            f"(LIMIT, FILTER, a parameter) or raise the limit with --max-rows N (0: no limit)")
    return Answer(kind, columns, iter(rows))


def _collect(answer: Answer) -> Result:
    return Result(answer.columns, list(answer.rows), answer.kind)


def _valid_iri(iri: str) -> bool:
    try:
        NamedNode(iri)
    except ValueError:
        return False
    return True


__all__ = ["LANGUAGES", "NONE_VALUE", "RENDERERS", "Answer", "LimitExceeded", "Parameter", "ParameterError",
           "PublicStoreLeaks", "Question", "QueryError", "Result", "StoreQuery", "UnknownQuestion", "UnsafeQuery",
           "as_csv", "as_json", "as_table", "cell", "cell_from_json", "csv_cell", "get_question",
           "guard_public_store", "list_questions", "parse_question", "run_question", "run_sparql",
           "stream_question", "stream_sparql", "with_values", "write_answer"]
