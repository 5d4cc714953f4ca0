"""Free-form SPARQL is read-only: `check_read_only(text)` refuses what is not a plain query.

Refused, with a clear message (`UnsafeQuery`):

- an update: INSERT, DELETE, LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD (and WITH ... DELETE);
- SERVICE (a federated query would make the store or the endpoint call another server);
- FROM or FROM NAMED with an IRI that is not a graph of the store being queried: some engines
  fetch such an IRI from the web (the caller says which graphs are local: `check_dataset`).

Two analyses, both of the parsed query, never of its raw text (a keyword inside a string, an IRI
or a comment is not a keyword):

1. **Tokens.** The text is cut into SPARQL 1.1 tokens (IRIs, prefixed names, variables, the four
   kinds of string with their escapes, comments, language tags, numbers, punctuation; grammar
   section 19.8). A keyword is a bare word token; in a SPARQL *query* the words above can only be
   those keywords, so a bare `INSERT` or `SERVICE` token means an update or a federated query.
   FROM clauses are read from the token stream with the PREFIX and BASE declarations, so a
   prefixed or relative IRI is compared as the engine will resolve it.
2. **Grammar**, when rdflib is installed (the `rdf` or `dev` extra): rdflib's SPARQL 1.1 parser
   (`parseQuery`, then `translateQuery` for resolved IRIs) must accept the text as a query; if it
   only accepts it as an update (`parseUpdate`), it is refused; its algebra is walked for
   `ServiceGraphPattern` and its dataset clause read. If rdflib cannot parse the text at all
   (a syntax error, or syntax newer than rdflib's grammar), the token analysis alone decides and
   the engine reports any syntax error.

Both must pass. Neither needs the network; the token pass takes microseconds, rdflib's about
50 ms (plus 0.3 s to import it once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin

#: words that start (or only occur in) a SPARQL 1.1 Update operation
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH",
                             "USING"})
QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")


class QueryError(ValueError):
    """A query, or its parameters, cannot be run as given; the message says why."""


class UnsafeQuery(QueryError):
    """The text is not a read-only query over local data; the message says why."""


@dataclass
class QueryShape:
    """What the guard learnt about an accepted query."""

    #: SELECT, CONSTRUCT, DESCRIBE or ASK (None if the tokens do not say: a syntax error)
    form: str | None
    #: the IRIs of FROM and FROM NAMED clauses, resolved against PREFIX and BASE
    from_graphs: list[str] = field(default_factory=list)
    from_named_graphs: list[str] = field(default_factory=list)
    #: whether rdflib's parser confirmed the analysis ("grammar") or only the tokens decided
    checked_by: str = "tokens"


# -- tokens ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Token:
    kind: str  # IRI, PNAME, VAR, STRING, LANGTAG, NUMBER, WORD, PUNCT
    text: str
    pos: int


_IRI_FORBIDDEN = set('<>"{}|^`\\') | {chr(c) for c in range(0x21)}
_NAME_CHARS_EXTRA = set("_-.:%\\·")


def _is_name_char(ch: str) -> bool:
    return ch.isalnum() or ch in _NAME_CHARS_EXTRA or ord(ch) > 0x7F


def tokens(text: str) -> Iterator[Token]:
    """SPARQL 1.1 tokens of `text`, comments and white space left out.

    Raises UnsafeQuery for an unterminated string or IRI (the rest of the text cannot be read
    safely, and no engine would accept it either)."""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch == "#":  # a comment, to the end of the line
            while i < n and text[i] not in "\r\n":
                i += 1
        elif ch in "\"'":
            start = i
            long = text.startswith(ch * 3, i)
            quote = ch * 3 if long else ch
            i += len(quote)
            while True:
                if i >= n:
                    raise UnsafeQuery(f"unterminated string starting at character {start + 1}")
                c = text[i]
                if c == "\\":
                    i += 2
                elif text.startswith(quote, i):
                    i += len(quote)
                    break
                elif not long and c in "\r\n":
                    raise UnsafeQuery(f"unterminated string starting at character {start + 1}")
                else:
                    i += 1
            yield Token("STRING", text[start:i], start)
        elif ch == "<":
            j = i + 1
            while j < n and text[j] not in _IRI_FORBIDDEN:
                j += 1
            if j < n and text[j] == ">":  # an IRI reference
                yield Token("IRI", text[i + 1:j], i)
                i = j + 1
            else:  # the operator < or <=
                yield Token("PUNCT", "<", i)
                i += 1
        elif ch in "?$" and i + 1 < n and _is_name_char(text[i + 1]):
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_" or ord(text[j]) > 0x7F):
                j += 1
            yield Token("VAR", text[i + 1:j], i)
            i = j
        elif ch == "@" and i + 1 < n and text[i + 1].isalpha():
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "-"):
                j += 1
            yield Token("LANGTAG", text[i + 1:j], i)
            i = j
        elif ch.isdigit() or (ch in "+-." and i + 1 < n and text[i + 1].isdigit()):
            j = i + 1
            while j < n and (text[j].isdigit() or text[j] in ".eE" or (text[j] in "+-" and text[j - 1] in "eE")):
                j += 1
            yield Token("NUMBER", text[i:j], i)
            i = j
        elif _is_name_char(ch) and ch not in ".-\\%":
            j = i + 1
            while j < n:
                c = text[j]
                if c == "\\" and j + 1 < n:  # PN_LOCAL_ESC: \. \- \/ ...
                    j += 2
                elif _is_name_char(c) and c != "\\":
                    j += 1
                else:
                    break
            word = text[i:j]
            while word.endswith(".") and not word.endswith("\\."):  # a local name cannot end with "."
                word = word[:-1]
            j = i + len(word)
            yield Token("PNAME" if ":" in word else "WORD", word, i)
            i = j
        else:
            yield Token("PUNCT", ch, i)
            i += 1


# -- the checks ---------------------------------------------------------------------------------------
def check_read_only(text: str) -> QueryShape:
    """The shape of `text` if it is a read-only query without SERVICE; UnsafeQuery otherwise.

    FROM / FROM NAMED IRIs are returned, not judged: whether a graph is local depends on the
    store (`check_dataset`)."""
    shape = _token_analysis(text)
    grammar = _grammar_analysis(text)
    if grammar is not None:
        shape.checked_by = "grammar"
        for iri in grammar.from_graphs:
            if iri not in shape.from_graphs:
                shape.from_graphs.append(iri)
        for iri in grammar.from_named_graphs:
            if iri not in shape.from_named_graphs:
                shape.from_named_graphs.append(iri)
        shape.form = shape.form or grammar.form
    return shape


def check_dataset(shape: QueryShape, is_local_graph: Callable[[str], bool]) -> None:
    """UnsafeQuery if a FROM or FROM NAMED IRI of the query is not a graph of the store."""
    for clause, iris in (("FROM", shape.from_graphs), ("FROM NAMED", shape.from_named_graphs)):
        for iri in iris:
            if not is_local_graph(iri):
                raise UnsafeQuery(
                    f"{clause} <{iri}> is refused: it is not a graph of this store, and a query may only read "
                    f"local data (a remote graph is never fetched); leave the clause out to query the default graph")


def _token_analysis(text: str) -> QueryShape:
    toks = list(tokens(text))
    prefixes: dict[str, str] = {}
    base: str | None = None
    form: str | None = None
    from_graphs: list[str] = []
    from_named: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        word = t.text.upper() if t.kind == "WORD" else None
        if word in UPDATE_KEYWORDS:
            raise UnsafeQuery(f"{word} is refused: this is an update (SPARQL Update), and queries are read-only "
                              f"(at character {t.pos + 1})")
        if word == "SERVICE":
            raise UnsafeQuery(f"SERVICE is refused: a query may not call another SPARQL service "
                              f"(at character {t.pos + 1})")
        if word == "PREFIX" and form is None and i + 2 < len(toks) and toks[i + 2].kind == "IRI":
            name = toks[i + 1].text
            prefixes[name[:-1] if name.endswith(":") else name] = _resolve(toks[i + 2].text, base)
            i += 3
            continue
        if word == "BASE" and form is None and i + 1 < len(toks) and toks[i + 1].kind == "IRI":
            base = _resolve(toks[i + 1].text, base)
            i += 2
            continue
        if word in QUERY_FORMS and form is None:
            form = word
        if word == "FROM":
            named = i + 1 < len(toks) and toks[i + 1].kind == "WORD" and toks[i + 1].text.upper() == "NAMED"
            j = i + 2 if named else i + 1
            if j < len(toks) and toks[j].kind in ("IRI", "PNAME"):
                iri = _resolve(toks[j].text, base) if toks[j].kind == "IRI" else _expand(toks[j].text, prefixes)
                (from_named if named else from_graphs).append(iri)
                i = j + 1
                continue
        i += 1
    return QueryShape(form, from_graphs, from_named)


def _resolve(iri: str, base: str | None) -> str:
    return urljoin(base, iri) if base and ":" not in iri.split("/", 1)[0] else iri


def _expand(pname: str, prefixes: dict[str, str]) -> str:
    prefix, _, local = pname.partition(":")
    ns = prefixes.get(prefix)
    if ns is None:
        raise UnsafeQuery(f"{pname}: the prefix {prefix!r} is not declared")
    return ns + local.replace("\\", "")


def _grammar_analysis(text: str) -> QueryShape | None:
    """rdflib's parse of `text` (None when rdflib is missing or cannot read it as a query or update)."""
    try:
        from pyparsing import ParseException
        from rdflib.plugins.sparql.algebra import translateQuery
        from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    except ImportError:
        return None
    try:
        parsed = parseQuery(text)
    except ParseException:
        try:
            update = parseUpdate(text)
        except Exception:  # noqa: BLE001 - neither a query nor an update rdflib can read
            return None
        ops = [getattr(op, "name", "an update") for op in (update.get("request") or [])]
        raise UnsafeQuery(f"this is an update ({', '.join(ops) or 'SPARQL Update'}), and queries are read-only")
    except Exception:  # noqa: BLE001 - rdflib's grammar has limits; the tokens decide
        return None
    if _find(parsed, "ServiceGraphPattern"):
        raise UnsafeQuery("SERVICE is refused: a query may not call another SPARQL service")
    form = None
    for part in parsed:
        name = getattr(part, "name", "")
        if name.endswith("Query"):
            form = name[: -len("Query")].upper()
    try:
        algebra = translateQuery(parsed).algebra
    except Exception:  # noqa: BLE001 - an undeclared prefix...; the engine reports it
        return QueryShape(form)
    if _find(algebra, "ServiceGraphPattern"):
        raise UnsafeQuery("SERVICE is refused: a query may not call another SPARQL service")
    from_graphs, from_named = [], []
    clauses = algebra["datasetClause"] if "datasetClause" in algebra else None
    for clause in clauses or ():
        # (rdflib's CompValue.get returns the key itself for a missing key: test membership)
        if "default" in clause:
            from_graphs.append(str(clause["default"]))
        if "named" in clause:
            from_named.append(str(clause["named"]))
    return QueryShape(form, from_graphs, from_named)


def _find(node, name: str, _depth: int = 0) -> bool:
    """Whether rdflib's parse tree or algebra holds a node called `name`."""
    if _depth > 200:
        return False
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_find(v, name, _depth + 1) for k, v in node.items() if k != "_vars")
    if isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
        return any(_find(v, name, _depth + 1) for v in node)
    return False
