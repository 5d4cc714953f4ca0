"""Saved research questions, free-form read-only SPARQL, and their answers as table, CSV or JSON.

A saved question is one SPARQL file in `queries/`, named after the question, whose header
comment gives its title, its description, its parameters and its columns (docs/guide-researchers.md
lists them all, with their SPARQL):

    # Practices by setting category and country
    #
    # How many good practices are carried out in ...
    #
    # @param country Country+none optional
    #   A country code (ISO 3166-1 alpha-2: GB, FR...), or none for the practices that name no country.
    # @param lang lang default=en
    #   The language of the labels and titles: en or fr.

A parameter's type is a vocabulary (`Country`, `OrganisationKind`...: its value must be one of
the vocabulary's codes, `Competency:top` only its top concepts, `+none` also accepts `none`, the
rows where the column is empty) or `lang` (en or fr). `hidden` marks a parameter that filters rows
without being a column of the answer.

**Parameters are bound, never joined into the query text.** Each parameter is a variable of the
query's SELECT projection: usually the code column it filters (`country`), otherwise a column
the answer leaves out (`lang`, and the `hidden` filters). Its value is checked against the
vocabulary, made an RDF term by pyoxigraph (`Literal`), and given to the engine:

- on the embedded store, with pyoxigraph's `substitutions` (SEP-0007), when the installed
  version has it (it has since 0.4.10). Oxigraph substitutes only variables of the SELECT
  projection (it refuses others), and `BOUND(?var)` does not see a substituted value: the
  queries test "unset" with `COALESCE(STR(?var), "*") = "*"` instead;
- on an endpoint (or a pyoxigraph without `substitutions`), as a `VALUES` block of those terms
  placed first in the query's WHERE group: the SPARQL 1.1 way to give a query initial bindings.
  The queries are written so that both give the same answer: a parameter variable is bound in
  the top-level group or in a UNION branch (never only inside an OPTIONAL, where a substitution
  would not filter), or tested in HAVING; the tests check it for every question, on the embedded
  store both ways and on an Oxigraph server.

An unset optional parameter leaves its variable free: all rows.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from importlib.resources import files
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Triple, Variable

from .. import access, artifacts
from ..model import model
from . import store as _store
from .bounded import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, Answer, LimitExceeded, Limits, run_bounded
from .endpoint import Endpoint, as_endpoint
from .sparql_guard import QueryError, UnsafeQuery, check_dataset, check_read_only, tokens

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
                                    "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "float", "double")}
_BOOLEAN = XSD + "boolean"
LANGUAGES = ("en", "fr")
#: the value of a `+none` parameter that selects the rows where its column is empty
NONE_VALUE = "none"


class PublicStoreLeaks(QueryError):
    """A public store holds what the public profile never publishes (small counts of people,
    peer workers' records): its answers are refused (exit code 2)."""


class UnknownQuestion(QueryError):
    """No saved question has this name."""


class ParameterError(QueryError):
    """A parameter is unknown, missing, or its value is not one of its codes."""


# -- saved questions ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Parameter:
    name: str
    #: a vocabulary (an enumeration of the model: "Country", "OrganisationKind"...) or "lang"
    kind: str
    required: bool = False
    default: str | None = None
    description: str = ""
    #: whether `none` is accepted: the rows where this column is empty
    allows_none: bool = False
    #: only the vocabulary's top concepts (competency categories)
    top_only: bool = False
    #: a filter, not a column of the answer (projected only because SEP-0007 needs it)
    filter_only: bool = False

    @property
    def hidden(self) -> bool:
        """Whether the answer leaves out this parameter's column: a `lang` parameter chooses the
        labels' language, a filter (`hidden` in the header) selects rows."""
        return self.kind == "lang" or self.filter_only

    @property
    def type_text(self) -> str:
        return self.kind + (":top" if self.top_only else "") + ("+none" if self.allows_none else "")

    def choices(self) -> list[str]:
        """Every accepted value."""
        if self.kind == "lang":
            return list(LANGUAGES)
        concepts = artifacts.vocabularies()[self.kind]["concepts"]
        codes = [c for c, v in concepts.items() if not (self.top_only and v.get("broader"))]
        return codes + ([NONE_VALUE] if self.allows_none else [])

    def term(self, value: str) -> Literal:
        """The RDF term `value` binds: the code as a literal (the vocabulary's `skos:notation`)."""
        if not isinstance(value, str):
            raise ParameterError(f"{self.name}: the value must be text, not {type(value).__name__}")
        choices = self.choices()
        if value not in choices:
            raise ParameterError(self._unknown(value, choices))
        if self.allows_none and value == NONE_VALUE:
            return Literal("")
        return Literal(value)

    def _unknown(self, value: str, choices: list[str]) -> str:
        if self.kind == "lang":
            return f"{self.name}={value!r}: the language must be one of {', '.join(LANGUAGES)}"
        what = artifacts.vocabularies()[self.kind].get("title", {}).get("en", self.kind)
        same_case = [c for c in choices if c.lower() == value.lower()]
        close = same_case or difflib.get_close_matches(value, choices, n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        scope = " category" if self.top_only else ""
        extra = f" (or {NONE_VALUE})" if self.allows_none else ""
        return (f"{self.name}={value!r}: not a{scope} code of the vocabulary \"{what}\"{extra}{hint} "
                f"(`peer-schema vocab --format json` lists every code)")


@dataclass(frozen=True)
class Question:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    #: the columns, as the header describes them
    columns_doc: str
    sparql: str
    path: str = ""

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        names = ", ".join(p.name for p in self.parameters) or "none"
        raise ParameterError(f"the question {self.name} has no parameter {name!r} (its parameters: {names})")

    def bind(self, params: Mapping[str, str | None] | None = None) -> dict[str, Literal]:
        """Parameter name -> RDF term: the values checked, defaults applied, unset ones left out."""
        params = dict(params or {})
        for name in params:
            self.parameter(name)
        bound: dict[str, Literal] = {}
        for p in self.parameters:
            value = params.get(p.name)
            if value is None:
                value = p.default
            if value is None:
                if p.required:
                    raise ParameterError(f"the question {self.name} needs the parameter {p.name}")
                continue
            if value == "":
                raise ParameterError(f"{p.name}: empty value (leave the parameter out to get every row)")
            bound[p.name] = p.term(value)
        return bound


_PARAM = re.compile(r"^@param\s+(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<kind>[A-Za-z]+)(?P<top>:top)?(?P<none>\+none)?"
                    r"\s+(?P<mode>optional|required|default=\S+)(?P<hidden>\s+hidden)?\s*$")


def parse_question(name: str, text: str, path: str = "") -> Question:
    """A question from its SPARQL file (the header comment; see the module's docstring)."""
    header: list[str] = []
    for line in text.splitlines():
        if line.startswith("#"):
            header.append(line[1:][1:] if line[1:].startswith(" ") else line[1:])
        elif line.strip():
            break
        else:
            header.append("")
    if not header or not header[0].strip():
        raise ValueError(f"{path or name}: the first line must be a comment with the question's title")
    title = header[0].strip()
    paragraphs: list[list[str]] = [[]]
    params: list[Parameter] = []
    columns: list[str] = []
    section = "description"
    for line in header[1:]:
        stripped = line.strip()
        if stripped.startswith("@param"):
            m = _PARAM.match(stripped)
            if not m:
                raise ValueError(f"{path or name}: cannot read the parameter line {stripped!r}")
            mode = m["mode"]
            kind = m["kind"]
            if kind != "lang" and kind not in artifacts.vocabularies():
                raise ValueError(f"{path or name}: {m['name']}: no vocabulary named {kind}")
            params.append(Parameter(m["name"], kind, required=mode == "required",
                                    default=mode.split("=", 1)[1] if mode.startswith("default=") else None,
                                    allows_none=bool(m["none"]), top_only=bool(m["top"]),
                                    filter_only=bool(m["hidden"])))
            section = "param"
        elif section == "param" and line.startswith("  ") and stripped:
            p = params[-1]
            params[-1] = replace(p, description=(p.description + " " + stripped).strip())
        elif stripped.startswith("Columns:"):
            section = "columns"
            columns.append(stripped[len("Columns:"):].strip())
        elif section == "columns" and stripped:
            columns.append(stripped)
        elif section == "description":
            if stripped:
                paragraphs[-1].append(stripped)
            elif paragraphs[-1]:
                paragraphs.append([])
        elif not stripped:
            section = "after" if section != "description" else section
    description = "\n\n".join(" ".join(p) for p in paragraphs if p)
    return Question(name, title, description, tuple(params), " ".join(columns), text, path)


@cache
def _questions() -> dict[str, Question]:
    folder = files("peer_schema.rdf").joinpath("queries")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[: -len(".rq")]
            found[name] = parse_question(name, entry.read_text(encoding="utf-8"), f"queries/{entry.name}")
    return found


def list_questions() -> list[Question]:
    """Every saved question, by name."""
    return list(_questions().values())


def get_question(name: str) -> Question:
    questions = _questions()
    if name in questions:
        return questions[name]
    close = difflib.get_close_matches(name, list(questions), n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]}?" if close else ""
    raise UnknownQuestion(f"no saved question named {name!r}{hint} (`peer-schema query --list` names them: "
                          f"{', '.join(questions)})")


# -- binding ----------------------------------------------------------------------------------------------
def with_values(sparql: str, bindings: Mapping[str, Literal | NamedNode]) -> str:
    """The query with a VALUES block of `bindings` first in its WHERE group.

    The block holds RDF terms in their N-Triples form as pyoxigraph writes them (escaped by it),
    and variable names that are the question's own parameter names; no user text goes into the
    query any other way."""
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise ParameterError(f"{name!r}: not a variable name")
    names = list(bindings)
    values = " ".join(str(_term(bindings[n])) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({values}) }} "
    position = _where_brace(sparql)
    return sparql[:position] + block + sparql[position:]


def _term(value):
    if not isinstance(value, (Literal, NamedNode)):
        raise ParameterError(f"{value!r}: a parameter is bound to an IRI or a literal made by pyoxigraph")
    return value


def _where_brace(sparql: str) -> int:
    """The position just after the `{` that opens the top-level WHERE group."""
    form = None
    after_where = False
    for t in tokens(sparql):
        word = t.text.upper() if t.kind == "WORD" else None
        if form is None and word in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            form = word
        elif word == "WHERE":
            after_where = True
        elif t.kind == "PUNCT" and t.text == "{" and (after_where or (form and form != "CONSTRUCT")):
            return t.pos + 1
    raise QueryError("the query has no WHERE group")


# -- answers ------------------------------------------------------------------------------------------------
@dataclass
class Result:
    """An answer: its columns, and rows of plain Python values (str for IRIs and text, int, float,
    bool for typed literals, None for an unbound variable, "_:id" for a blank node). kind is
    "select", "ask" (one column "ask") or "graph" (CONSTRUCT, DESCRIBE: subject, predicate, object)."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    kind: str = "select"

    def records(self) -> list[dict]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def __len__(self) -> int:
        return len(self.rows)


def cell(term):
    """A pyoxigraph term as a plain Python value."""
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return "_:" + term.value
    if isinstance(term, Literal):
        return _literal(term.value, term.datatype.value)
    if isinstance(term, Triple):
        return f"<< {term.subject} {term.predicate} {term.object} >>"
    return str(term)


def cell_from_json(binding: dict | None):
    """A term of SPARQL 1.1 JSON results as the same plain Python value as `cell`."""
    if binding is None:
        return None
    kind = binding.get("type")
    value = binding.get("value")
    if kind == "uri":
        return value
    if kind == "bnode":
        return "_:" + value
    if kind in ("literal", "typed-literal"):
        return _literal(value, binding.get("datatype"))
    if kind == "triple":
        v = value or {}
        parts = [v.get(k, {}) for k in ("subject", "predicate", "object")]
        return "<< " + " ".join(str(cell_from_json(p)) for p in parts) + " >>"
    return value


def _literal(value: str, datatype: str | None):
    try:
        if datatype in _INTEGER_TYPES:
            return int(value)
        if datatype in _FLOAT_TYPES:
            return float(value)
    except ValueError:
        return value
    if datatype == _BOOLEAN:
        return value in ("true", "1")
    return value


# -- running ---------------------------------------------------------------------------------------------------
# -- what a public store may answer ------------------------------------------------------------------------
def _public_access(iri) -> bool:
    """An access right that anyone may read: the EU authority's PUBLIC, or the model's `public`."""
    return isinstance(iri, str) and iri.rstrip("/").rsplit("/", 1)[-1] in ("PUBLIC", "public")


@cache
def _guard_queries(min_count: int) -> tuple[str, str]:
    """(the access rights of the store's datasets, whether it holds what the public profile does
    not publish), as SPARQL built from the model and access's rule of small counts."""
    m = model()
    rights = m.classes["Dataset"].slots["access_rights"].uri
    counts = " ".join(f"<{m.classes[c].slots[s].uri}>" for c, s in sorted(access.PEOPLE_COUNTS))
    figure = m.classes["ScaleFigure"].slots
    unit_ns = figure["unit"].enum_uri.rstrip("/") + "/"
    units = " ".join(f'<{unit_ns}{u}> "{u}"' for u in sorted(access.PEOPLE_UNITS))
    small = f"FILTER(isNumeric(?n) && ?n < {int(min_count)})"
    leaks = (f"ASK {{ {{ VALUES ?p {{ {counts} }} ?s ?p ?n {small} }} "
             f"UNION {{ VALUES ?u {{ {units} }} ?f <{figure['unit'].uri}> ?u ; <{figure['quantity'].uri}> ?n {small} }} "
             f"UNION {{ ?w a <{m.classes['PeerWorker'].uri}> }} }}")
    return f"SELECT DISTINCT ?r WHERE {{ ?d <{rights}> ?r }}", leaks


def guard_public_store(run, min_count: int = access.DEFAULT_MIN_COUNT) -> bool:
    """Before an answer leaves a store: a store whose datasets are all public (or say nothing of
    their access rights) is answered only if it holds no count of people below the threshold and
    no peer worker, as `store load` writes a public store. `run(text)` -> (kind, columns, rows).
    Returns whether the store is public; raises PublicStoreLeaks."""
    rights_query, leaks_query = _guard_queries(min_count)
    rights = [row[0] for row in run(rights_query)[2]]
    if not all(_public_access(r) for r in rights):
        return False  # restricted or internal data: its readers may see every count
    if run(leaks_query)[2][0][0]:
        raise PublicStoreLeaks(
            f"this store's data is public, but it holds counts of people below {min_count} or peer workers' "
            "records, which the public profile never publishes (it was loaded by an older peer-schema or another "
            "tool): load it again with `peer-schema store load PATH... --replace`, which leaves them out")
    return True


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
) -> Answer:
    """The saved question's answer, its rows streamed. timeout: seconds (None: DEFAULT_TIMEOUT,
    math.inf: none) for the engine, or for the whole request to an endpoint; max_rows: None for
    no limit (bounded.py).

    binding: "auto" (substitutions on the embedded store when pyoxigraph has them, VALUES
    otherwise), "substitutions" or "values" (the tests compare them)."""
    question = get_question(name)
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
    hidden = {p.name for p in question.parameters if p.hidden}
    keep = [i for i, c in enumerate(answer.columns) if c not in hidden]
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


# -- output: rdf/output.py ----------------------------------------------------------------------------------
from .output import RENDERERS, as_csv, as_json, as_table, csv_cell, write_answer  # noqa: E402 - they use Result

__all__ = ["NONE_VALUE", "RENDERERS", "ParameterError", "Parameter", "Question", "QueryError", "Result",
           "UnknownQuestion", "UnsafeQuery", "as_csv", "as_json", "as_table", "cell", "cell_from_json", "csv_cell",
           "stream_question", "stream_sparql", "write_answer", "Answer", "LimitExceeded", "StoreQuery",
           "get_question", "list_questions", "parse_question", "run_question", "run_sparql", "with_values"]
