"""Saved research questions: their files, their parameters, and how values are bound.

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
rows where the column is empty), `lang` (en or fr), or `Practice`: one practice, named by its key
(the last segment of its IRI, `hugarafl-iceland`, read in the compendium's namespace), its
compact name (`coe:practice/hugarafl-iceland`) or its full IRI; bound as an IRI (a NamedNode),
so a practice the store does not hold answers no rows. `hidden` marks a parameter that filters rows
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
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from pyoxigraph import Literal, NamedNode

from .. import artifacts
from .sparql_guard import QueryError, tokens

LANGUAGES = ("en", "fr")
#: the parameter kind that names one practice (bound as an IRI, not as a code)
PRACTICE_KIND = "Practice"
#: where the compendium's practices live: a bare key, or a `coe:practice/` name, is read in it
PRACTICE_NAMESPACE = "https://w3id.org/peer-schema/compendium/practice/"
#: a practice's key, as the compendium's identifiers write them (no slash, space or quote)
_PRACTICE_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~-]{0,199}")
#: an absolute http(s) IRI without the characters an IRI may not hold (RFC 3987), at most 500 long
_PRACTICE_IRI = re.compile(r"https?://[^\s<>\"{}|\\^`]{1,492}")
#: the value of a `+none` parameter that selects the rows where its column is empty
NONE_VALUE = "none"


class UnknownQuestion(QueryError):
    """No saved question has this name."""


class ParameterError(QueryError):
    """A parameter is unknown, missing, or its value is not one of its codes."""


# -- saved questions ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Parameter:
    name: str
    #: a vocabulary (an enumeration of the model: "Country", "OrganisationKind"...), "lang" or "Practice"
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
        """Every accepted value (none listed for a practice: any key or IRI of the strict form)."""
        if self.kind == "lang":
            return list(LANGUAGES)
        if self.kind == PRACTICE_KIND:
            return []
        concepts = artifacts.vocabularies()[self.kind]["concepts"]
        codes = [c for c, v in concepts.items() if not (self.top_only and v.get("broader"))]
        return codes + ([NONE_VALUE] if self.allows_none else [])

    def term(self, value: str) -> Literal | NamedNode:
        """The RDF term `value` binds: the code as a literal (the vocabulary's `skos:notation`), or
        a practice's IRI."""
        if not isinstance(value, str):
            raise ParameterError(f"{self.name}: the value must be text, not {type(value).__name__}")
        if self.kind == PRACTICE_KIND:
            return self.practice_iri(value)
        choices = self.choices()
        if value not in choices:
            value = self.code(value, choices)
        if self.allows_none and value == NONE_VALUE:
            return Literal("")
        return Literal(value)

    def practice_iri(self, value: str) -> NamedNode:
        """The IRI a practice's key, compact name or IRI names; ParameterError for any other text
        (with the shipped compendium's nearest keys when some are close)."""
        text = value.strip()
        key = None
        if text.startswith(("http://", "https://")):
            if _PRACTICE_IRI.fullmatch(text):
                try:
                    return NamedNode(text)
                except ValueError:
                    pass
        elif text.startswith("coe:practice/"):
            key = text[len("coe:practice/"):]
        elif ":" not in text:
            key = text
        if key is not None and _PRACTICE_KEY.fullmatch(key):
            same = [k for k in shipped_practice_keys() if k.casefold() == key.casefold()]
            return NamedNode(PRACTICE_NAMESPACE + (same[0] if len(same) == 1 else key))
        close = difflib.get_close_matches(_slug(text), shipped_practice_keys(), n=2, cutoff=0.6)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise ParameterError(
            f"{self.name}={value[:80]!r}: not a practice's key (letters, digits, '-', '.', '_', e.g. "
            f"hugarafl-iceland), compact name (coe:practice/KEY) or http(s) IRI{hint} "
            f"(`peer-schema practices` lists the compendium's keys)")

    def code(self, value: str, choices: list[str]) -> str:
        """The accepted value `value` names in another case or spelling, as the workbook reads
        codes (`gb` -> `GB`, `Peer-operated service` -> `peer_operated_service`, `FR` -> `fr`);
        ParameterError if none or several."""
        folded = [c for c in choices if c.casefold() == value.strip().casefold()]
        if len(folded) == 1:
            return folded[0]
        if self.kind != "lang":
            from ..readers.table import code_for_label

            code = code_for_label(self.kind, value)
            if code in choices:
                return code
        raise ParameterError(self._unknown(value, choices))

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
                f"(`peer-schema vocab \"{what}\"` lists its codes)")


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

    def bind(self, params: Mapping[str, str | None] | None = None) -> dict[str, Literal | NamedNode]:
        """Parameter name -> RDF term: the values checked, defaults applied, unset ones left out."""
        params = dict(params or {})
        for name in params:
            self.parameter(name)
        bound: dict[str, Literal | NamedNode] = {}
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

    def shown_columns(self, columns: list[str]) -> list[int]:
        """The positions of the answer's columns people see: a hidden parameter's column filters
        rows and is left out of the answer."""
        hidden = {p.name for p in self.parameters if p.hidden}
        return [i for i, c in enumerate(columns) if c not in hidden]


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
            if kind not in ("lang", PRACTICE_KIND) and kind not in artifacts.vocabularies():
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


@cache
def shipped_practice_keys() -> list[str]:
    """The keys of the shipped compendium's practices, read from its files' identifiers (only for
    the hint of a malformed name: a store may hold other practices); none if it is not installed."""
    from ..compendium import CompendiumMissing, compendium_files

    try:
        texts = [path.read_text(encoding="utf-8") for path in compendium_files()]
    except (CompendiumMissing, OSError):
        return []
    return sorted({key for text in texts for key in re.findall(r"id:\s*coe:practice/(\S+)", text)})


def _slug(text: str) -> str:
    """`Hugarafl – Iceland` -> `hugarafl-iceland`: how a title or a mistyped key compares to keys."""
    return "-".join(re.findall(r"[a-z0-9]+", text.casefold().rsplit("/", 1)[-1]))


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
