"""An answer's rows as plain Python values, from pyoxigraph's terms or SPARQL 1.1 JSON results."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                                    "positiveInteger", "negativeInteger", "nonPositiveInteger", "unsignedInt",
                                    "unsignedLong", "unsignedShort", "unsignedByte")}
_FLOAT_TYPES = {XSD + t for t in ("decimal", "float", "double")}
_BOOLEAN = XSD + "boolean"


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
