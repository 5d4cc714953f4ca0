"""RDF input (Turtle, N-Triples, JSON-LD, RDF/XML) into an rdflib graph, safely.

Nothing here reaches the network:
- JSON-LD is read with the project's JSON reader first (duplicate keys, NaN, depth); every
  `@context` given by URL and every `@import` is refused (`read.remote-context`), except
  peer_schema's own context, which is replaced by the generated copy shipped with the package.
- RDF/XML is refused when it holds a `<!DOCTYPE` or `<!ENTITY` (`read.xml-doctype`), found by a
  scan before parsing and again by the XML parser itself, which refuses any DTD or entity.
- The text is first parsed by a strict parser (pyoxigraph, rdf_strict.py): whatever it refuses
  (a literal as subject, a bad escape, a malformed IRI or language tag) is `read.syntax` or
  `read.bad-iri`, with its line when known, before rdflib, which is lenient, builds the graph.
- Relative IRIs are refused (`read.bad-iri`) rather than silently made absolute against the
  current folder: the strict pass has no base; rdflib resolves them against a base that cannot
  exist, and every IRI of the graph is checked against a strict pattern (JSON-LD processors drop
  what they cannot resolve, rdflib keeps it).

rdflib is imported inside the functions: reading JSON or YAML never pays for it.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import re
import warnings
from dataclasses import dataclass
from functools import cache

from ..install_hints import extra_install_hint
from . import rdf_strict
from .errors import ReadError
from .json_reader import read_json
from .limits import Limits

#: file suffix -> format name used by `open_source` (and `--input-format`)
RDF_FORMATS = {".ttl": "turtle", ".nt": "ntriples", ".jsonld": "jsonld", ".rdf": "rdfxml", ".rdfxml": "rdfxml", ".xml": "rdfxml"}
_RDFLIB_FORMAT = {"turtle": "turtle", "ntriples": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
_LABEL = {"turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD", "rdfxml": "RDF/XML"}

#: the URL under which peer_schema publishes its JSON-LD context; read from the package, never fetched
PEER_CONTEXT_URL = "https://w3id.org/peer-schema/context.jsonld"
#: relative IRIs are resolved against this base (the `.invalid` domain never exists), then reported
NO_BASE = "https://no-base.invalid/"
INSTALL_HINT = extra_install_hint("rdf")

#: an absolute IRI: a scheme, then no space, control character, <>"{}|\^` or broken %-escape
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:(?:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f%]|%[0-9A-Fa-f]{2})*")
_DOCTYPE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


@dataclass
class RdfGraph:
    """An RDF file read into an rdflib `Graph` (`graph`), with the prefixes the file declares."""

    file: str
    graph: object
    format: str
    prefixes: dict[str, str]


def available() -> bool:
    return importlib.util.find_spec("rdflib") is not None and importlib.util.find_spec("pyshacl") is not None


def read_rdf(text: str, fmt: str, file: str, limits: Limits | None = None) -> RdfGraph:
    """Parse the text of an RDF file (already size-, encoding- and emptiness-checked)."""
    limits = limits or Limits()
    if not available():
        raise ReadError("read.unsupported-format", f"reading RDF needs rdflib and pyshacl: {INSTALL_HINT}",
                        params={"supported": f".json, .jsonl, .yaml; for RDF: {INSTALL_HINT}"})
    declared = None
    if fmt == "jsonld":
        document = _local_contexts(read_json(text, limits))
        declared = _context_prefixes(document)
        data = json.dumps(document)
    elif fmt == "rdfxml":
        if _DOCTYPE.search(text.encode("utf-8")):
            raise ReadError("read.xml-doctype", "XML DOCTYPE and ENTITY declarations are refused before parsing")
        data = text
    else:
        data = text
    rdf_strict.check(data, fmt, _LABEL[fmt], limits.max_field_chars)  # what a strict parser refuses is refused (rdf_strict.py)
    graph = _parse(data, fmt, limits)
    if fmt == "jsonld":
        _retype_json_numbers(graph)
    _check_iris(graph)
    # rdflib's JSON-LD parser binds its own default prefixes besides the document's: a JSON-LD
    # file's prefixes are those of its contexts
    prefixes = declared if declared is not None else {p: str(ns) for p, ns in graph.namespaces() if p}
    return RdfGraph(file, graph, fmt, prefixes)


# -- JSON-LD contexts ---------------------------------------------------------------------------
@cache
def _peer_context() -> dict:
    from .. import artifacts

    return json.loads(artifacts.read_text("peer_schema.context.jsonld"))["@context"]


def _local_contexts(node: object) -> object:
    """The JSON-LD document with peer_schema's context inlined; any other context to fetch refused."""
    if isinstance(node, list):
        return [_local_contexts(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "@import":
            raise _remote(value)
        if key == "@context":
            items = value if isinstance(value, list) else [value]
            local = [_local_context(item) for item in items]
            out[key] = local if isinstance(value, list) else local[0]
        else:
            out[key] = _local_contexts(value)
    return out


def _context_prefixes(node: object, found: dict[str, str] | None = None) -> dict[str, str]:
    """The prefixes the document's contexts define: terms whose IRI ends in / or #, or `@prefix`."""
    found = {} if found is None else found
    if isinstance(node, list):
        for item in node:
            _context_prefixes(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                for context in value if isinstance(value, list) else [value]:
                    if isinstance(context, dict):
                        for term, iri in context.items():
                            if isinstance(iri, dict) and iri.get("@prefix") is True:
                                iri = iri.get("@id")
                            elif not (isinstance(iri, str) and iri.endswith(("/", "#"))):
                                continue
                            if isinstance(iri, str) and not term.startswith("@") and ":" not in term:
                                found.setdefault(term, iri)
                        _context_prefixes(list(context.values()), found)  # scoped contexts
            else:
                _context_prefixes(value, found)
    return found


def _local_context(context: object) -> object:
    if isinstance(context, str):
        if context == PEER_CONTEXT_URL:
            return _peer_context()
        raise _remote(context)
    return _local_contexts(context)  # an inline context: its scoped contexts are checked the same way


def _remote(context: object) -> ReadError:
    shown = context if isinstance(context, str) else json.dumps(context)
    shown = shown if len(shown) <= 100 else shown[:99] + "…"
    return ReadError("read.remote-context", f"the JSON-LD @context {shown} would have to be fetched from the network",
                     params={"context": shown})


# -- parsing ------------------------------------------------------------------------------------
def _parse(data: str, fmt: str, limits: Limits | None = None):
    from rdflib import Graph

    limits = limits or Limits()
    graph = Graph(bind_namespaces="none")
    rdflib_log = logging.getLogger("rdflib")
    level = rdflib_log.level
    rdflib_log.setLevel(logging.ERROR)  # "does not look like a valid URI": we report those ourselves
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # rdflib's own use of its deprecated classes
            if fmt == "rdfxml":
                _parse_rdfxml(data, graph)
            else:
                graph.parse(data=data, format=_RDFLIB_FORMAT[fmt], publicID=NO_BASE)
    except ReadError:
        raise
    except RecursionError:  # Turtle's [ [ [ ... and ( ( ( ...: rdflib's parser is recursive
        raise ReadError("read.too-deep", f"the data is nested deeper than {limits.max_depth} levels",
                        params={"limit": limits.max_depth}) from None
    except Exception as exc:  # rdflib's parsers raise many kinds of exception for bad input
        raise _syntax(exc, fmt, data) from None
    finally:
        rdflib_log.setLevel(level)
    return graph


class _XmlDeclaration(Exception):
    pass


def _refuse(*args) -> None:
    raise _XmlDeclaration


def _parse_rdfxml(data: str, graph) -> None:
    """rdflib's RDF/XML parser, on an expat reader that refuses any DTD, entity or external entity
    (what defusedxml does), whatever the document's declared encoding makes of the bytes."""
    from xml.sax import handler
    from xml.sax.expatreader import ExpatParser

    from rdflib.parser import create_input_source
    from rdflib.plugins.parsers.rdfxml import ErrorHandler, RDFXMLHandler

    class NoDtdParser(ExpatParser):
        def reset(self):
            super().reset()
            expat = self._parser
            expat.StartDoctypeDeclHandler = _refuse
            expat.EntityDeclHandler = _refuse
            expat.UnparsedEntityDeclHandler = _refuse
            expat.ExternalEntityRefHandler = _refuse

    source = create_input_source(data=data.encode("utf-8"), publicID=NO_BASE)
    parser = NoDtdParser()
    parser.setFeature(handler.feature_namespaces, 1)
    parser.setFeature(handler.feature_external_ges, 0)
    rdfxml = RDFXMLHandler(graph)
    rdfxml.setDocumentLocator(source)
    parser.setContentHandler(rdfxml)
    parser.setErrorHandler(ErrorHandler())
    try:
        parser.parse(source)
    except _XmlDeclaration:
        raise ReadError("read.xml-doctype", "XML DOCTYPE and ENTITY declarations are refused before parsing") from None


def _syntax(exc: Exception, fmt: str, data: str) -> ReadError:
    label = _LABEL[fmt]
    line = column = None
    problem = str(exc).strip() or type(exc).__name__
    if hasattr(exc, "lines") and hasattr(exc, "_i") and hasattr(exc, "_why"):  # rdflib's Turtle BadSyntax
        line = exc.lines + 1
        column = exc._i - data.rfind("\n", 0, exc._i)
        problem = exc._why
    elif fmt == "ntriples":
        line = _bad_ntriples_line(data, problem)
        problem = "this line is not a triple"
    elif hasattr(exc, "getLineNumber"):  # SAX: RDF/XML that is not well-formed XML
        line, column = exc.getLineNumber(), exc.getColumnNumber() + 1
        problem = exc.getMessage() if hasattr(exc, "getMessage") else problem
    elif fmt == "rdfxml" and isinstance(exc, TypeError):  # rdflib on an element without a namespace
        problem = "an element or attribute has no namespace: is this an RDF/XML file?"
    problem = problem.splitlines()[0] if problem else problem
    problem = problem if len(problem) <= 200 else problem[:199] + "…"
    where = f" (line {line})" if line else ""
    return ReadError("read.syntax", f"not valid {label}{where}: {problem}", line, column,
                     params={"format": label, "problem": problem})


def _bad_ntriples_line(data: str, message: str) -> int | None:
    """rdflib's N-Triples parser names the rest of the bad line, not its number: look for the lines
    that hold that text, and parse them alone (or, failing that, every line) to find the first bad one."""
    from rdflib import Graph

    def bad(text: str) -> bool:
        try:
            Graph(bind_namespaces="none").parse(data=text + "\n", format="nt", publicID=NO_BASE)
        except Exception:
            return True
        return False

    lines = data.splitlines()
    rest = message.split(": ", 1)[-1].strip()
    for number, text in enumerate(lines, start=1):
        if rest and rest in text and bad(text):
            return number
    for number, text in enumerate(lines, start=1):
        if text.strip() and not text.lstrip().startswith("#") and bad(text):
            return number
    return None


def _retype_json_numbers(graph) -> None:
    """rdflib's JSON-LD parser keeps a JSON number's Python type under the datatype the context
    coerces it to (`"weekly_hours": 19` is an xsd:float that holds an int), which SHACL takes for an
    ill-typed literal: such literals are made again from their text, as Turtle would give them."""
    from rdflib import Literal

    for s, p, o in list(graph):
        if isinstance(o, Literal) and o.datatype is not None and isinstance(o.value, (int, float)) \
                and not isinstance(o.value, bool):
            again = Literal(str(o), datatype=o.datatype)
            if type(again.value) is not type(o.value):
                graph.remove((s, p, o))
                graph.add((s, p, again))


# -- IRIs ---------------------------------------------------------------------------------------
def _check_iris(graph) -> None:
    from rdflib import Literal, URIRef

    seen: set[str] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, Literal):
                term = term.datatype
                if term is None:
                    continue
            if isinstance(term, URIRef) and term not in seen:
                problem = iri_problem(str(term))
                if problem:
                    raise ReadError("read.bad-iri", f"an IRI is malformed: {problem}", params={"problem": problem})
                seen.add(term)


def iri_problem(iri: str) -> str | None:
    """What is wrong with an IRI, in a few words, or None."""
    if iri.startswith(NO_BASE):
        return f"<{_short(iri[len(NO_BASE):])}> is relative and the file declares no base"
    if _IRI.fullmatch(iri):
        return None
    shown = f"<{_short(iri)}>"
    if not re.match(r"[A-Za-z][A-Za-z0-9+.\-]*:", iri):
        return f"{shown} has no scheme such as https:"
    bad = re.search(r"[\x00-\x20<>\"{}|\\^`\x7f-\x9f]|%(?![0-9A-Fa-f]{2})", iri).group()
    what = {" ": "a space", "%": "a % not followed by two hexadecimal digits"}.get(
        bad, f'the character "{bad}"' if bad.isprintable() else f"the control character U+{ord(bad):04X}")
    return f"{shown} holds {what}"


def _short(text: str) -> str:
    return text if len(text) <= 100 else text[:99] + "…"
