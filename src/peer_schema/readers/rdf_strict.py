"""The strict first pass over RDF input: pyoxigraph's parsers (Rust, written to the W3C test
suites) read the text before rdflib does, and whatever they refuse is refused, with its line and
column when they give one.

rdflib is lenient: it takes a literal as subject (`"a" <p> <o> .`), a bad escape (`"\\uZZZZ"`),
an IRI with a space, a language tag of any shape, with at most a log line. Data that only one
parser accepts is data two clients would read differently, so it is refused before anything is
checked (exit code 2). IRIs get their own code, `read.bad-iri`, in the same plain words as
before; everything else is `read.syntax`.

Nothing here reaches the network: pyoxigraph loads a JSON-LD context only through a callback,
and none is given (rdf.py has already inlined peer_schema's context and refused any other URL).
pyoxigraph is a runtime dependency; with a version that cannot read a format as peer_schema
writes it (0.4.10 and 0.5.0 read JSON-LD 1.0 only), that format is left to the lenient parser
alone.
"""

from __future__ import annotations

import re
from functools import cache

from .errors import ReadError

_OXIGRAPH_FORMAT = {"turtle": "TURTLE", "ntriples": "N_TRIPLES", "jsonld": "JSON_LD", "rdfxml": "RDF_XML"}
#: pyoxigraph's "Parser error at line 3 column 7: " / "... between columns 1 and 4: " / "between
#: line 1 column 35 and line 2 column 38: ": the position is given apart, the rest is the problem
_POSITION = re.compile(r"^Parser error (?:at line \d+ (?:column \d+|between columns \d+ and \d+)"
                       r"|between line \d+ column \d+ and line \d+ column \d+): ")
_XML_IRI = re.compile(r"^error while parsing IRI '(.*)': (.*)$", re.DOTALL)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_NO_DOT = 'a statement does not end with "."'
#: pyoxigraph's words -> plain words, for the errors people make most
_PLAIN = [
    (re.compile(r"^(.+) is not a valid subject(?: or graph name)?$", re.DOTALL),
     lambda m: f"{m[1]} cannot be a subject here: a subject is an IRI or a blank node"
               + (", never a literal" if m[1].startswith(('"', "'")) else "")),
    (re.compile(r"^(.+) is not a valid predicate$", re.DOTALL), r"\1 cannot be a predicate: a predicate is an IRI"),
    (re.compile(r"^The prefix (\S+) has not been declared$"), r"the prefix \1 is used but never declared (@prefix)"),
    (re.compile(r"^Unexpected end of file$"),
     'the file ends inside a statement: a string, an IRI or a bracket is not closed, or the final "." is missing'),
    (re.compile(r"^(?:(?:Quads|Triples) (?:must|should) be followed by a dot"
                r"|A dot is expected at the end of statements)$", re.IGNORECASE), lambda m: _NO_DOT),
    (re.compile(r"^Line jumps are not allowed in string literals.*$"),
     lambda m: 'a string is not closed on its line (a line break inside "..." is written \\n, or use """...""")'),
    (re.compile(r"^The escape sequence '(.+)' is not a valid hexadecimal string$"),
     r"\1 is not a valid escape: \\u takes 4 hexadecimal digits, \\U takes 8"),
]
_LANGUAGE_TAG = re.compile(r"subtag|language (?:code|tag)", re.IGNORECASE)


def _field_too_large(limit: int) -> ReadError:
    return ReadError("read.field-too-large", f"a literal or IRI is over {limit:,} characters",
                     params={"size": f"more than {limit:,}", "limit": limit})


def check(data: str, fmt: str, label: str, max_field_chars: int | None = None) -> None:
    """Raise the ReadError for the first thing pyoxigraph refuses in `data` (a `fmt` document),
    or read.field-too-large for a literal over `max_field_chars` (pyoxigraph's own buffer stops
    at 16 MiB: a longer token is a field over the limit, not a syntax error)."""
    try:
        import pyoxigraph
    except ImportError:  # a runtime dependency; should it be missing, rdflib alone reads the file
        return
    rdf_format = getattr(pyoxigraph.RdfFormat, _OXIGRAPH_FORMAT[fmt], None)
    if rdf_format is None or (fmt == "jsonld" and not json_ld_1_1()):
        return
    limit = max_field_chars if max_field_chars is not None and len(data) > max_field_chars else None
    try:
        # no base IRI: a relative IRI is refused here, where its line is known, not resolved
        for quad in pyoxigraph.parse(data, rdf_format, base_iri=None):
            if limit is not None and isinstance(quad.object, pyoxigraph.Literal) and len(quad.object.value) > limit:
                raise _field_too_large(limit)
    except MemoryError:  # "Reached the buffer maximal size": one token of over 16 MiB
        raise _field_too_large(max_field_chars or (1 << 24)) from None
    except SyntaxError as exc:
        if "buffer maximal size" in str(exc):
            raise _field_too_large(max_field_chars or (1 << 24)) from None
        raise refusal(exc, fmt, label, data) from None
    if fmt == "jsonld":
        _check_json_ld_iris(data, pyoxigraph, rdf_format)


@cache
def json_ld_1_1() -> bool:
    """Whether the installed pyoxigraph reads JSON-LD 1.1, as peer_schema's context is written
    (`@version: 1.1`): 0.5.13 does, 0.4.10 and 0.5.0 refuse it. Without it, JSON-LD is left to rdflib."""
    import pyoxigraph

    probe = '{"@context": {"@version": 1.1, "n": "https://example.org/n"}, "@id": "https://example.org/a", "n": "x"}'
    try:
        return len(list(pyoxigraph.parse(probe, pyoxigraph.RdfFormat.JSON_LD))) == 1
    except (SyntaxError, ValueError):
        return False


def _check_json_ld_iris(data: str, pyoxigraph, rdf_format) -> None:
    """A JSON-LD processor drops, without a word, a node or value whose IRI is malformed or cannot
    be resolved (`"@id": "a b"`): read again leniently, every IRI it would have dropped is refused."""
    from .rdf import NO_BASE, iri_problem

    try:
        quads = pyoxigraph.parse(data, rdf_format, base_iri=NO_BASE, lenient=True)
    except TypeError:  # a pyoxigraph without a lenient mode: rdf.py's check of the graph remains
        return
    seen: set[str] = set()
    try:
        for quad in quads:
            for term in (quad.subject, quad.predicate, quad.object):
                if isinstance(term, pyoxigraph.Literal):
                    term = term.datatype
                if isinstance(term, pyoxigraph.NamedNode) and term.value not in seen:
                    problem = iri_problem(term.value)
                    if problem:
                        raise ReadError("read.bad-iri", f"an IRI is malformed: {problem}", params={"problem": problem})
                    seen.add(term.value)
    except SyntaxError as exc:  # what the strict pass accepted, the lenient one should too; if not, refused
        raise refusal(exc, "jsonld", "JSON-LD", data) from None


def refusal(exc: SyntaxError, fmt: str, label: str, data: str) -> ReadError:
    """pyoxigraph's SyntaxError as the finding a user reads."""
    line, column = exc.lineno, exc.offset
    problem = _POSITION.sub("", str(exc.msg or exc).strip(), count=1)
    if fmt == "rdfxml" and line is None:
        line, column, xml_problem = _xml_position(data)
        problem = xml_problem or problem
    if line is not None:
        line, column = _within_the_text(data, line, column)
    iri = _refused_iri(exc, problem, data)
    if iri is not None and line is None:
        line, column = _attribute_position(data, iri)
    if iri is not None:
        reason = _XML_IRI.sub(r"\2", problem)
        bad = _iri_problem(iri, reason, fmt)
        return ReadError("read.bad-iri", f"an IRI is malformed: {bad}", line, column, params={"problem": bad})
    problem = _plain(problem)
    if problem == _NO_DOT and line is not None:
        line, column = _end_of_previous_statement(data, line, column)
    where = f" (line {line})" if line else ""
    return ReadError("read.syntax", f"not valid {label}{where}: {problem}", line, column,
                     params={"format": label, "problem": problem})


def _within_the_text(data: str, line: int, column: int | None) -> tuple[int, int | None]:
    """An error at the end of the file is shown on its last line that holds something, not on
    the empty line after it."""
    lines = data.split("\n")
    if any(text.strip() for text in lines[line - 1:]):
        return line, column
    last = max((n for n, text in enumerate(lines[:line], start=1) if text.strip()), default=line)
    return last, None if last != line else column


def _end_of_previous_statement(data: str, line: int, column: int | None) -> tuple[int, int | None]:
    """A missing "." is found where the next statement begins; when that is the start of a line,
    the place to show is the end of the last line of text before it (comments left out)."""
    lines = data.split("\n")
    if line > len(lines) or column is None or lines[line - 1][: column - 1].strip():
        return line, column
    for number in range(line - 1, 0, -1):
        text = lines[number - 1].rstrip()
        if text and not text.lstrip().startswith("#"):
            return number, len(text) + 1
    return line, column


def _attribute_position(data: str, iri: str) -> tuple[int | None, int | None]:
    """Where an RDF/XML attribute first holds this IRI (pyoxigraph quotes the IRI, not its place)."""
    found = re.search(r"=\s*([\"'])" + re.escape(iri) + r"\1", data)
    if not found:
        return None, None
    start = found.start(1) + 1
    return data.count("\n", 0, start) + 1, start - data.rfind("\n", 0, start)


def _plain(problem: str) -> str:
    problem = problem.splitlines()[0].strip() if problem.strip() else "the parser gives no reason"
    for pattern, plain in _PLAIN:
        if pattern.match(problem):
            problem = pattern.sub(plain, problem)
            break
    else:
        if _LANGUAGE_TAG.search(problem):
            problem = "a language tag is not valid BCP 47 (such as en, fr or fr-BE): " + _lower(problem)
        else:
            problem = _lower(problem)
    return problem if len(problem) <= 200 else problem[:199] + "…"


def _lower(text: str) -> str:
    """The first letter in lower case, unless the first word is an acronym (IRI, XML)."""
    acronym = len(text) > 1 and text[0].isupper() and text[1].isupper()
    return text if not text or acronym else text[0].lower() + text[1:]


def _refused_iri(exc: SyntaxError, problem: str, data: str) -> str | None:
    """The IRI the error is about, when it is about an IRI: in RDF/XML the message quotes it; in
    Turtle and N-Triples it is the span the error points at, `<...>`."""
    if "IRI" not in problem:
        return None
    quoted = _XML_IRI.match(problem)
    if quoted:
        return quoted.group(1)
    if exc.lineno and exc.end_lineno == exc.lineno and exc.offset and exc.end_offset:
        lines = data.split("\n")
        if exc.lineno <= len(lines):
            span = lines[exc.lineno - 1][exc.offset - 1: exc.end_offset - 1]
            if len(span) >= 2 and span.startswith("<") and span.endswith(">"):
                return span[1:-1]
    return None


def _iri_problem(iri: str, reason: str, fmt: str) -> str:
    from .rdf import _short as short
    from .rdf import iri_problem

    if not _SCHEME.match(iri):
        if fmt == "ntriples":
            return f"<{short(iri)}> is relative: every IRI of N-Triples is absolute"
        return f"<{short(iri)}> is relative and the file declares no base"
    return iri_problem(iri) or f"<{short(iri)}>: {_lower(reason)}"


def _xml_position(data: str) -> tuple[int | None, int | None, str | None]:
    """Where an RDF/XML document stops being well-formed XML (pyoxigraph does not say), by expat,
    with every DTD and entity refused as rdf.py refuses them."""
    from xml.parsers import expat

    class Declaration(Exception):
        pass

    def refuse(*args):
        raise Declaration

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        return exc.lineno, exc.offset + 1, expat.ErrorString(exc.code)
    except Declaration:
        raise ReadError("read.xml-doctype", "XML DOCTYPE and ENTITY declarations are refused before parsing") from None
    return None, None, None
