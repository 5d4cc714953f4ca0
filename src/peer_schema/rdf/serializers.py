"""N-Triples and Turtle, written record by record from the mapping's triples.

A triple is a tuple of N-Triples terms that pyoxigraph made (`mapping.py`): an IRI `<...>`, a
blank node `_:b1`, a literal `"..."@en` or `"..."^^<datatype>`. Each of these is also a Turtle
term, so both writers only join them:

- N-Triples: one line per triple.
- Turtle: the triples of one subject (consecutive, as the mapping emits them) share the subject,
  separated by `;` (and `,` for a repeated predicate); predicates, class names and datatypes are
  written with the vocabularies' prefixes where the local name is plain (`schema:name`), every
  other IRI in full, so no name needs a backslash escape.

JSON-LD and RDF/XML are written by pyoxigraph, from these N-Triples (export.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from .mapping import RDF_TYPE

#: about how many bytes a piece of output holds before it is written
CHUNK = 1 << 18
_PLAIN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

Triple = tuple[str, str, str]


def _in_chunks(texts: Iterable[str]) -> Iterator[bytes]:
    """Join the texts of successive records into pieces of about CHUNK bytes."""
    pending: list[str] = []
    size = 0
    for text in texts:
        pending.append(text)
        size += len(text)
        if size >= CHUNK:
            yield "".join(pending).encode("utf-8")
            pending.clear()
            size = 0
    if pending:
        yield "".join(pending).encode("utf-8")


def ntriples(records: Iterable[list[Triple]], counter: list[int]) -> Iterator[bytes]:
    """N-Triples, in pieces of about CHUNK bytes; counter[0] += the number of triples."""

    def texts() -> Iterator[str]:
        for triples in records:
            counter[0] += len(triples)
            yield "".join(f"{s} {p} {o} .\n" for s, p, o in triples)

    return _in_chunks(texts())


class Turtle:
    """Turtle with the given prefixes for predicates, classes and datatypes."""

    def __init__(self, prefixes: dict[str, str]):
        # longest namespace first, so that `peer:` does not take what `pv:` should
        self.namespaces = sorted(((ns, name) for name, ns in prefixes.items()), key=lambda x: -len(x[0]))
        self.prefixes = prefixes
        self.names: dict[str, str] = {RDF_TYPE: "a"}

    def header(self) -> bytes:
        return "".join(f"@prefix {name}: <{ns}> .\n" for name, ns in self.prefixes.items()).encode() + b"\n"

    def name(self, term: str) -> str:
        """`<http://schema.org/name>` -> `schema:name`, or the term itself. Only predicates,
        classes and datatypes come here: a bounded set, cached."""
        short = self.names.get(term)
        if short is None:
            short = term
            iri = term[1:-1]
            for ns, prefix in self.namespaces:
                if iri.startswith(ns) and _PLAIN_LOCAL.match(iri[len(ns):]):
                    short = f"{prefix}:{iri[len(ns):]}"
                    break
            self.names[term] = short
        return short

    def literal(self, term: str) -> str:
        if term[-1] == ">":  # a typed literal: "..."^^<datatype>
            cut = term.rindex("^^<")
            return term[:cut + 2] + self.name(term[cut + 2:])
        return term

    def chunks(self, records: Iterable[list[Triple]], counter: list[int]) -> Iterator[bytes]:
        """Turtle, in pieces of about CHUNK bytes; counter[0] += the number of triples."""
        return _in_chunks(self._texts(records, counter))

    def _texts(self, records: Iterable[list[Triple]], counter: list[int]) -> Iterator[str]:
        name, literal = self.name, self.literal
        for triples in records:
            pending: list[str] = []
            subject = predicate = None
            for s, p, o in triples:
                if o[0] == '"':
                    o = literal(o)
                elif p == RDF_TYPE:
                    o = name(o)
                if s == subject:
                    if p == predicate:
                        pending.append(f" ,\n\t\t{o}")
                    else:
                        pending.append(f" ;\n\t{name(p)} {o}")
                else:
                    if subject is not None:
                        pending.append(" .\n")
                    pending.append(f"{s} {name(p)} {o}")
                subject, predicate = s, p
            if subject is not None:
                pending.append(" .\n")
            counter[0] += len(triples)
            yield "".join(pending)
