"""Records of the model as RDF triples, read from the model index (no linkml at run time).

One `Mapper` serves a whole export. For each class it compiles, once, a plan: slot name -> a
small function that turns the slot's value into triples. The mapping is the one LinkML's RDF
dumper applies (`linkml_runtime.dumpers.rdflib_dumper`), with the deliberate differences that
docs/rdf-export.md lists:

- subject: the record's `id`, expanded with the dataset's prefixes (and `pv:`, `peer:`); an
  inlined object without an identifier (consent, accreditation, citation...) is a blank node;
  every node is typed with its class URI;
- each slot is its `slot_uri`; a code is its SKOS concept IRI; a reference is an IRI;
- a value is typed from the slot's range as LinkML types it (integer and Year -> xsd:integer,
  float -> xsd:float, boolean, date -> xsd:date, uri -> IRI, string -> plain literal);
- a language map (`{en: ..., fr: ...}`) is language-tagged literals, not LanguageText nodes;
- a prefix declaration is a blank node with its prefix and namespace (LinkML would mint an IRI
  from the bare prefix, which it cannot expand);
- a concept scheme is the SKOS that `peer-schema vocab --format ttl` prints (skos.py);
- what files need not say is written from where it is said (slots of the model all the same, so
  the SHACL shapes accept it): the dataset `dct:conformsTo` the model's IRI for its
  `schema_version`; every record `dct:isPartOf` and `prov:wasDerivedFrom` its dataset; every
  concept `skos:inScheme` its scheme, `skos:topConceptOf` it or `skos:narrower` of its broader;
- a code is the IRI its enumeration gives it (`meaning`): our SKOS concept, or for access
  rights the EU access-right authority's concept that DCAT-AP requires.

**Terms are pyoxigraph's; a triple is a tuple of their N-Triples forms.** Every IRI and literal
is made by pyoxigraph (`NamedNode` checks the IRI, `Literal` the language tag; `str()` of either
is its N-Triples form, escaped by pyoxigraph); a triple is `(subject, predicate, object)` of
those strings, which `serializers.py` writes as N-Triples or Turtle and pyoxigraph parses for
JSON-LD and RDF/XML. Why not `pyoxigraph.Triple` objects: building one costs about 2.5 µs when
its object is a literal (pyoxigraph's argument conversion tries each kind of term in turn), while
a tuple of strings costs a few hundred nanoseconds; most triples have a literal object.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from itertools import count

from pyoxigraph import Literal, NamedNode

from .. import artifacts
from ..model import BUILTIN_PREFIXES, Model, ModelClass, Slot, model, schema_version_iri

# -- namespaces ---------------------------------------------------------------------------------
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
FOAF = "http://xmlns.com/foaf/0.1/"
VANN = "http://purl.org/vocab/vann/"
PEER = "https://w3id.org/peer-schema/"
PV = "https://w3id.org/peer-schema/vocab/"
#: the EU Publications Office access-right authority, the values DCAT-AP requires
EU_ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"

#: prefixes known without a declaration (as the validator knows them)
#: URI schemes an identifier may use as it is
ABSOLUTE_SCHEMES = frozenset({"http", "https", "urn", "did"})
#: prefixes written in Turtle output
OUTPUT_PREFIXES = {
    "rdf": RDF,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": XSD,
    "dcterms": DCT,
    "dcat": "http://www.w3.org/ns/dcat#",
    "prov": PROV,
    "foaf": FOAF,
    "skos": SKOS,
    "org": "http://www.w3.org/ns/org#",
    "schema": "http://schema.org/",
    "adms": "http://www.w3.org/ns/adms#",
    "dpv": "https://w3id.org/dpv#",
    "elm": "http://data.europa.eu/snb/model/elm/",
    "esco": "http://data.europa.eu/esco/model#",
    "bibo": "http://purl.org/ontology/bibo/",
    "vann": VANN,
    "eua": EU_ACCESS_RIGHT,
    "peer": PEER,
    "pv": PV,
}


def iri(value: str) -> str:
    """An IRI as an N-Triples term (`<...>`); pyoxigraph refuses what is not an IRI."""
    return str(NamedNode(value))


RDF_TYPE = iri(RDF + "type")
DCT_IS_PART_OF = iri(DCT + "isPartOf")
DCT_CONFORMS_TO = iri(DCT + "conformsTo")
PROV_DERIVED = iri(PROV + "wasDerivedFrom")
#: a schema version as the model's pattern has it (the structure check refuses others)
_VERSION = re.compile(r"\d+\.\d+\.\d+")

_XSD_INTEGER = NamedNode(XSD + "integer")
_XSD_FLOAT = NamedNode(XSD + "float")
_XSD_DOUBLE = NamedNode(XSD + "double")
_XSD_DECIMAL = NamedNode(XSD + "decimal")
_XSD_BOOLEAN = NamedNode(XSD + "boolean")
_XSD_DATE = NamedNode(XSD + "date")
_XSD_DATETIME = NamedNode(XSD + "dateTime")


class UnknownPrefix(ValueError):
    """A CURIE whose prefix the dataset does not declare: it cannot become an IRI."""

    def __init__(self, prefix: str, curie: str):
        super().__init__(f"{curie}: the prefix {prefix!r} is not declared")
        self.prefix, self.curie = prefix, curie


class BadValue(ValueError):
    """A value pyoxigraph refuses as an RDF term (an identifier with `<` or a space in it, a bad
    language tag): the record cannot be exported."""

    def __init__(self, field: str, record_id: str | None, reason: str):
        super().__init__(f"{record_id or 'a record'}: {field}: {reason}")
        self.field, self.record_id = field, record_id


# -- scalars ----------------------------------------------------------------------------------------
def _integer(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(Literal(str(int(value)), datatype=_XSD_INTEGER))


def _float_text(value) -> str:
    return repr(float(value))  # what rdflib writes for a Python float: 19 -> "19.0", 3.5 -> "3.5"


_TRUE, _FALSE = str(Literal("true", datatype=_XSD_BOOLEAN)), str(Literal("false", datatype=_XSD_BOOLEAN))


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, (date, datetime)) else str(value)


def text(value) -> str:
    """A plain literal as an N-Triples term."""
    return str(Literal(str(value)))


def tagged(value, language: str) -> str:
    """A language-tagged literal as an N-Triples term; pyoxigraph refuses a malformed tag."""
    return str(Literal(str(value), language=language))


#: model type (a LinkML built-in or one of the schema's own types) -> value -> RDF literal term.
#: `None`: the range is an IRI. A range missing here is an error (tests/test_export.py checks
#: that every range of the model is in this table).
LITERALS: dict[str, Callable[[object], str] | None] = {
    "string": text,
    "LanguageTag": text,  # a type without a datatype in LinkML: a plain literal
    "integer": _integer,
    "Year": _integer,  # typeof integer
    "float": lambda v: str(Literal(_float_text(v), datatype=_XSD_FLOAT)),
    "double": lambda v: str(Literal(_float_text(v), datatype=_XSD_DOUBLE)),
    "decimal": lambda v: str(Literal(str(v), datatype=_XSD_DECIMAL)),
    "boolean": lambda v: _TRUE if v else _FALSE,
    "date": lambda v: str(Literal(_iso(v), datatype=_XSD_DATE)),
    "datetime": lambda v: str(Literal(_iso(v), datatype=_XSD_DATETIME)),
    "uri": None,
    "uriorcurie": None,
    "CurieOrUri": None,
}


# -- the context of one dataset ------------------------------------------------------------------
class Context:
    """The dataset being exported: its node, its prefixes, its licence."""

    __slots__ = ("node", "prefixes", "license")

    def __init__(self, header: dict | None, file_prefixes: dict[str, str] | None = None):
        """header: the dataset's header (None: records outside any dataset); file_prefixes: those
        an RDF file declares, after the dataset's own."""
        self.prefixes = dict(BUILTIN_PREFIXES)
        self.node: str | None = None
        self.license: str | None = None
        if isinstance(header, dict):
            for prefix, value in (header.get("prefixes") or {}).items():
                ns = value.get("namespace") if isinstance(value, dict) else value
                if isinstance(ns, str):
                    self.prefixes.setdefault(prefix, ns)
        for prefix, ns in (file_prefixes or {}).items():
            self.prefixes.setdefault(prefix, ns)
        if isinstance(header, dict):
            if isinstance(header.get("id"), str):
                self.node = self.iri(header["id"])
            if isinstance(header.get("license"), str):
                self.license = iri(header["license"])

    def expand(self, curie: str) -> str:
        prefix, sep, local = curie.partition(":")
        if not sep:
            raise UnknownPrefix("", curie)
        ns = self.prefixes.get(prefix)
        if ns is not None:
            return ns + local
        if prefix in ABSOLUTE_SCHEMES or local.startswith("//"):
            return curie
        raise UnknownPrefix(prefix, curie)

    def iri(self, curie: str) -> str:
        return str(NamedNode(self.expand(curie)))


Out = list  # the triples of one record, in order: (subject, predicate, object) N-Triples terms
#: (subject, value, context, out, later): a slot's triples go to `out`, those of the objects it
#: inlines to `later`, so that each subject's triples stay together (Turtle groups them)
Handler = Callable[[str, object, Context, Out, Out], None]


class Mapper:
    """Turns records of the model into triples. One per export (its blank node labels are unique
    within it); plans are compiled on first use."""

    def __init__(self, m: Model | None = None):
        self.model = m or model()
        self._plans: dict[str, tuple[str, dict[str, Handler]]] = {}
        self._concepts: dict[str, dict[str, str]] = {}
        self._vocab = artifacts.vocabularies()
        self._blank = count(1)
        self._agents: set[str] = set()  # publishers already written
        self._publisher = iri(self.model.classes["Dataset"].slots["publisher"].uri)
        #: record class -> the Dataset slot that holds it, as a predicate
        self.container_predicates = {
            cls: iri(self.model.classes["Dataset"].slots[container].uri)
            for container, cls in self.model.containers.items()
        }
        for name in self.model.classes:  # compiled now, so that a broken artifact fails here, at once
            self.plan(name)

    def blank(self) -> str:
        return f"_:b{next(self._blank)}"

    # -- compiling ----------------------------------------------------------------------------------
    def plan(self, cls_name: str) -> tuple[str, dict[str, Handler]]:
        plan = self._plans.get(cls_name)
        if plan is None:
            cls = self.model.classes[cls_name]
            handlers = {name: h for name, slot in cls.slots.items() if (h := self._handler(cls, slot)) is not None}
            plan = self._plans[cls_name] = (iri(cls.uri), handlers)
        return plan

    def concepts(self, enum: str) -> dict[str, str]:
        table = self._concepts.get(enum)
        if table is None:
            concepts = self._vocab.get(enum, {}).get("concepts", {})
            if not concepts:
                raise ValueError(f"the vocabulary of {enum} is missing from vocabularies.json")
            table = self._concepts[enum] = {code: iri(c.get("value", c["uri"])) for code, c in concepts.items()}
        return table

    def _handler(self, cls: ModelClass, slot: Slot) -> Handler | None:
        if slot.name == "id" or (cls.name == "PrefixDeclaration" and slot.name == "prefix") \
                or (cls.name == "LanguageText" and slot.name == "language"):
            return None  # identifiers are the subject, not a triple (as in LinkML's dumper)
        p = iri(slot.uri)
        many = slot.multivalued

        def each(fn: Callable[[object, Context, Out], str]) -> Handler:
            if many:
                def h(s, v, ctx, out, later):
                    for x in (v if isinstance(v, list) else (v,)):
                        out.append((s, p, fn(x, ctx, later)))
            else:
                def h(s, v, ctx, out, later):
                    out.append((s, p, fn(v, ctx, later)))
            return h

        if slot.kind == "type":
            if slot.range not in LITERALS:
                raise ValueError(f"{cls.name}.{slot.name}: no RDF mapping for the type {slot.range}")
            lit = LITERALS[slot.range]
            if lit is not None:
                return each(lambda x, ctx, later: lit(x))
            if slot.range == "uri":
                return each(lambda x, ctx, later: iri(x))
            return each(lambda x, ctx, later: ctx.iri(x))
        if slot.kind == "enum":
            table = self.concepts(slot.range)
            base = (slot.enum_uri or "") + "/"
            return each(lambda x, ctx, later: table.get(x) or iri(base + x))
        # a class: a reference, a language map, prefix declarations, or an inlined object
        if slot.reference:
            return each(lambda x, ctx, later: ctx.iri(x))
        if slot.range == "LanguageText":
            def lang(s, v, ctx, out, later):
                for tag, value in v.items():
                    if isinstance(value, dict):
                        value = value.get("text")
                    out.append((s, p, tagged(value, tag)))
            return lang
        if slot.range == "PrefixDeclaration":
            declaration = self.model.classes["PrefixDeclaration"]
            decl_type = iri(declaration.uri)
            p_prefix = iri(VANN + "preferredNamespacePrefix")
            p_ns = iri(declaration.slots["namespace"].uri)

            def prefixes(s, v, ctx, out, later):
                for prefix, ns in v.items():
                    if isinstance(ns, dict):
                        ns = ns.get("namespace")
                    b = self.blank()
                    out.append((s, p, b))
                    later.append((b, RDF_TYPE, decl_type))
                    later.append((b, p_prefix, text(prefix)))
                    later.append((b, p_ns, iri(ns)))
            return prefixes
        target = slot.range
        return each(lambda x, ctx, later: self.node(target, x, ctx, later))

    # -- mapping ------------------------------------------------------------------------------------
    def node(self, cls_name: str, obj: dict, ctx: Context, out: Out, tail: tuple = ()) -> str:
        """The triples of an object, then `tail` (predicate, object) on it, then those of the
        objects it inlines, into `out`; returns its node."""
        type_node, handlers = self.plan(cls_name)
        rid = obj.get("id")
        key = "id"
        try:
            s = ctx.iri(rid) if isinstance(rid, str) else self.blank()
            out.append((s, RDF_TYPE, type_node))
            later: Out = []
            for key, value in obj.items():
                if value is not None:
                    h = handlers.get(key)
                    if h is not None:
                        h(s, value, ctx, out, later)
        except (UnknownPrefix, BadValue):
            raise
        except (ValueError, TypeError) as exc:  # pyoxigraph refused a term
            raise BadValue(key, rid if isinstance(rid, str) else None, str(exc)) from None
        for p, o in tail:
            out.append((s, p, o))
        out += later
        return s

    def record(self, cls_name: str, rec: dict, ctx: Context) -> Out:
        """The triples of one record of a dataset, with its links to and from the dataset."""
        out: Out = []
        ds = ctx.node
        tail: list = []
        if ds is not None:  # unless the record says so itself
            if rec.get("in_dataset") is None:
                tail.append((DCT_IS_PART_OF, ds))
            lineage = rec.get("source_datasets")
            if not isinstance(lineage, list) or ds not in {ctx.iri(x) for x in lineage if isinstance(x, str)}:
                tail.append((PROV_DERIVED, ds))
        if cls_name == "ConceptScheme":
            from .skos import concept_scheme  # skos.py builds on this module's terms

            s = concept_scheme(self, rec, ctx, out, tail)
        else:
            s = self.node(cls_name, rec, ctx, out, tail)
        if ds is not None:
            out.append((ds, self.container_predicates[cls_name], s))
        return out

    def dataset(self, header: dict, ctx: Context) -> Out:
        """The dataset's node: its metadata (as LinkML maps it) and the provenance DCAT-AP wants."""
        out: Out = []
        if ctx.node is None:
            return out
        containers = self.model.containers
        header = {k: v for k, v in header.items() if k not in containers}
        version = header.get("schema_version")
        if header.get("conforms_to") is None and isinstance(version, str) and _VERSION.fullmatch(version):
            header["conforms_to"] = schema_version_iri(version)
        # Datasets often share their publisher: its node is written once per export, so that a
        # triple is never written twice (and the count of triples written is the count of triples)
        publisher, agent, agent_out = header.pop("publisher", None), None, []
        if isinstance(publisher, dict):
            agent = self.node("Agent", publisher, ctx, agent_out)
            if agent in self._agents:
                agent_out = []
            self._agents.add(agent)
        self.node("Dataset", header, ctx, out, () if agent is None else ((self._publisher, agent),))
        out += agent_out
        return out
