"""An RDF graph as the records of the model, so that RDF input goes through every layer of checks
(references, domain rules, disclosure consent, privacy guard) as YAML and JSON do.

The mapping reads the model (`model_index.json`: classes and their URIs; each slot's URI, range,
kind, vocabulary namespace, whether it is a reference or multivalued) and the SKOS concepts of
the vocabularies (`vocabularies.json`):

- a node typed with the class of a Dataset container (`org:Organization`, `peer:PeerWorker`...)
  is a record; a node typed `dcat:Dataset` is a header, whose access rights choose the profile;
- each predicate is the slot of THAT class whose URI it is (several slots share a URI across
  classes: `dcterms:description` is an obstacle's text and a practice's description); a
  predicate that is no slot of the class is left out (the closed SHACL shapes report it);
- the IRI of a concept is its code; the IRI of a record is its CURIE (with the prefixes of the
  file and of the dataset's prefix declarations) or the IRI itself; language-tagged literals of
  a LanguageText slot are a `{lang: text}` map; the nodes of inlined objects (consents,
  accreditation, scale figures, citations) are nested dicts; typed literals are Python values
  (dates as ISO strings);
- a multivalued slot is a sorted list; a single-valued slot with several values stays a list,
  which no layer takes for a single value;
- what the exporter writes from where a record sits, files do not say, so it is left out again
  when it says just that: a record's `in_dataset` and `source_datasets` naming the dataset that
  lists it, the dataset's `conforms_to` the model's IRI for its `schema_version`, a concept
  scheme's licence (its dataset's) and `pref_label` (its title); a concept
  scheme's concepts are all those `skos:inScheme` it, without their `in_scheme`,
  `top_concept_of` and `narrower` (the nesting and each concept's `broader` say them).

RDF has no positions: every record's pointer is "". rdflib is imported inside the functions.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from .. import artifacts
from ..model import BUILTIN_PREFIXES, Slot, model, schema_version_iri

XSD = "http://www.w3.org/2001/XMLSchema#"
#: where the concepts of the reference vocabularies live: <VOCAB_BASE><scheme>/<code>
VOCAB_BASE = "https://w3id.org/peer-schema/vocab/"
#: literal datatypes whose lexical form is the value the model expects (an ISO date is a string)
_LEXICAL = {XSD + "date", XSD + "dateTime", XSD + "time", XSD + "gYear", XSD + "anyURI", XSD + "string"}
#: access rights, from the strictest profile to the most open: a record listed by several datasets
#: is checked against the strictest
_ACCESS_ORDER = {"public": 0, "restricted": 1, "non_public": 2}


# -- what the model says -------------------------------------------------------------------------
@cache
def slot_uris() -> dict[str, str]:
    """Slot name -> its predicate IRI (the slot_uri of the model index; one per name: a class's
    slot_usage never changes it)."""
    return {name: slot.uri for c in model().classes.values() for name, slot in c.slots.items() if slot.uri}


@cache
def _predicates(cls: str) -> dict[str, str]:
    """Predicate IRI -> the slot of `cls` it stands for (`id` is the node itself)."""
    return {slot.uri: name for name, slot in model().classes[cls].slots.items() if slot.uri and name != "id"}


@cache
def _concepts() -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """Per enumeration, concept IRI -> code; and any concept IRI -> its code."""
    per_enum: dict[str, dict[str, str]] = {}
    every: dict[str, str] = {}
    for enum, vocabulary in artifacts.vocabularies().items():
        # a code's IRI in data: its concept, or the authority's concept it stands for (access rights)
        codes = {c.get("value", c["uri"]): code for code, c in vocabulary["concepts"].items()}
        per_enum[enum] = codes
        every.update(codes)
    return per_enum, every


def record_classes() -> dict[str, str]:
    """Class IRI -> class name, for the records of the Dataset containers and Dataset itself."""
    m = model()
    return {m.classes[cls].uri: cls for cls in [*m.containers.values(), "Dataset"]}


# -- names ---------------------------------------------------------------------------------------
class Names:
    """IRIs as CURIEs: the longest namespace that fits among the first prefix map's, else among
    the next one's...; in one map, the shorter prefix (then the first in order) wins a tie."""

    def __init__(self, *prefix_maps: dict[str, str]):
        self.groups = []
        for prefixes in prefix_maps:
            spaces: dict[str, str] = {}
            for prefix, namespace in sorted(prefixes.items(), key=lambda kv: (len(kv[0]), kv[0]), reverse=True):
                if prefix and isinstance(namespace, str) and namespace:
                    spaces[namespace] = prefix
            self.groups.append(sorted(spaces.items(), key=lambda kv: -len(kv[0])))

    def curie(self, iri) -> str:
        iri = str(iri)
        for spaces in self.groups:
            for namespace, prefix in spaces:
                if iri.startswith(namespace) and len(iri) > len(namespace):
                    return f"{prefix}:{iri[len(namespace):]}"
        return iri


def declared_prefixes(graph) -> dict[str, str]:
    """The prefixes the graph's datasets declare (`peer:prefixDeclaration` nodes)."""
    from rdflib import URIRef

    uris = slot_uris()
    prefix_p, namespace_p = URIRef(uris["prefix"]), URIRef(uris["namespace"])
    found = {}
    for node in sorted(graph.subjects(prefix_p, None), key=str):
        prefix, namespace = graph.value(node, prefix_p), graph.value(node, namespace_p)
        if prefix is not None and namespace is not None:
            found.setdefault(str(prefix), str(namespace))
    return found


def names_for(graph, prefixes: dict[str, str] | None = None) -> Names:
    """How this graph's records are named: the datasets' own prefixes first, then the file's,
    then those every dataset may use undeclared (`pv:`, `peer:`)."""
    return Names(declared_prefixes(graph), prefixes or {}, BUILTIN_PREFIXES)


# -- the mapping ---------------------------------------------------------------------------------
def records_from_graph(graph, prefixes: dict[str, str] | None = None) -> Iterator[tuple[str, dict, str]]:
    """(class, record, pointer) for every record of the graph, each dataset's header
    (`"Dataset"`, without its containers) just before the records it lists.

    Records no dataset lists come first (checked with the profile of no dataset, the strictest),
    unless the graph has one dataset only: then they are that dataset's. A record that several
    datasets list comes after the one with the most restrictive profile (public first).
    """
    from rdflib import RDF, URIRef

    m = model()
    classes = record_classes()
    names = names_for(graph, prefixes)
    typed: dict[object, list[str]] = {}
    for node, cls_uri in graph.subject_objects(RDF.type):
        cls = classes.get(str(cls_uri)) if isinstance(cls_uri, URIRef) else None
        if cls is not None:
            typed.setdefault(node, []).append(cls)
    datasets = [node for node, found in typed.items() if "Dataset" in found]
    headers = {node: _header(graph, node, names) for node in datasets}
    datasets.sort(key=lambda node: (_ACCESS_ORDER.get(headers[node].get("access_rights"), 0),
                                    _sort_key(headers[node].get("id") or headers[node])))
    uris = slot_uris()
    owner: dict[object, object] = {}
    for dataset in datasets:  # the strictest first: it keeps the records it lists
        for container in m.containers:
            for node in graph.objects(dataset, URIRef(uris[container])):
                owner.setdefault(node, dataset)
    single = datasets[0] if len(datasets) == 1 else None
    by_dataset: dict[object, list[tuple[str, dict, str]]] = {d: [] for d in [None, *datasets]}
    order = {cls: i for i, cls in enumerate(m.containers.values())}
    for node, found in typed.items():
        for cls in sorted(set(found), key=lambda c: order.get(c, -1)):
            if cls != "Dataset":
                dataset = owner.get(node, single)
                rec = _object(graph, node, cls, names)
                if dataset is not None:  # the dataset as an IRI (a CurieOrUri value) or as its id
                    _without_implied(cls, rec, {str(dataset), headers[dataset].get("id")}, headers[dataset])
                by_dataset[dataset].append((cls, rec, ""))
    for dataset in [None, *datasets]:
        if dataset is not None:
            yield "Dataset", headers[dataset], ""
        yield from sorted(by_dataset[dataset], key=lambda r: (order[r[0]], _sort_key(r[1].get("id") or r[1])))


def _header(graph, node, names: Names) -> dict:
    """A dataset without its records; of several access rights (SHACL's maxCount finding), the
    one whose profile is the strictest, so that a header is never checked more leniently."""
    header = _object(graph, node, "Dataset", names, skip=model().containers)
    version = header.get("schema_version")
    if isinstance(version, str) and header.get("conforms_to") == schema_version_iri(version):
        del header["conforms_to"]
    rights = header.get("access_rights")
    if isinstance(rights, list):
        codes = [r for r in rights if isinstance(r, str)]
        header["access_rights"] = min(codes, key=lambda r: _ACCESS_ORDER.get(r, -1)) if codes else None
    return header


def _without_implied(cls: str, rec: dict, dataset: set, header: dict) -> None:
    """Leave out what the exporter writes from where the record sits: files do not write it. The
    links to the dataset that lists the record; a concept scheme's licence when it is its
    dataset's and its `pref_label` when it is its title."""
    if cls == "ConceptScheme":
        if rec.get("license") is not None and rec.get("license") == header.get("license"):
            del rec["license"]
        if rec.get("pref_label") is not None and rec.get("pref_label") == rec.get("title"):
            del rec["pref_label"]
    if isinstance(rec.get("in_dataset"), str) and rec["in_dataset"] in dataset:
        del rec["in_dataset"]
    lineage = rec.get("source_datasets")
    if isinstance(lineage, list) and not dataset.isdisjoint(lineage):
        rest = [x for x in lineage if x not in dataset]
        if rest:
            rec["source_datasets"] = rest
        else:
            del rec["source_datasets"]


def _scheme_concepts(graph, scheme, names: Names, path: frozenset) -> list[dict]:
    """The concepts of a scheme as its file lists them: every concept `skos:inScheme` it (or its
    top concept), without the links the nesting and `broader` already say."""
    from rdflib import URIRef

    uris = slot_uris()
    nodes = set(graph.subjects(URIRef(uris["in_scheme"]), scheme))
    nodes |= set(graph.objects(scheme, URIRef(uris["concepts"])))
    nodes -= path
    scheme_id = names.curie(scheme)
    concepts = [_object(graph, n, "Concept", names, path=path) for n in nodes if isinstance(n, URIRef)]
    broader = {c.get("id"): c.get("broader") for c in concepts}
    for c in concepts:
        for name in ("in_scheme", "top_concept_of"):
            if c.get(name) == scheme_id:
                del c[name]
        narrower = c.get("narrower")
        if isinstance(narrower, list):
            rest = [x for x in narrower if broader.get(x) != c.get("id")]
            if rest:
                c["narrower"] = rest
            else:
                del c["narrower"]
    return sorted(concepts, key=_sort_key)


def _object(graph, node, cls: str, names: Names, skip=(), path: frozenset = frozenset()) -> dict:
    """The node as a dict of the class `cls`."""
    from rdflib import URIRef

    model_class = model().classes[cls]
    obj: dict = {}
    if isinstance(node, URIRef) and "id" in model_class.slots:
        obj["id"] = names.curie(node)
    predicates = _predicates(cls)
    found: dict[str, list] = {}
    path = path | {node}
    for predicate, value in graph.predicate_objects(node):
        name = predicates.get(str(predicate))
        if name is None or name in skip or name == "id":
            continue
        converted = _value(graph, value, model_class.slots[name], names, path)
        if converted is not _NOTHING:
            found.setdefault(name, []).append(converted)
    if cls == "ConceptScheme":
        found.pop("concepts", None)
        concepts = _scheme_concepts(graph, node, names, path)
        if concepts:
            found["concepts"] = concepts
    for name in sorted(found):
        values = found[name]
        slot = model_class.slots[name]
        if slot.range in _MAPS:
            obj[name] = _MAPS[slot.range](values)
        elif slot.multivalued or len(values) > 1:
            obj[name] = sorted(values, key=_sort_key)
        else:
            obj[name] = values[0]
    return obj


_NOTHING = object()


def _value(graph, value, slot: Slot, names: Names, path: frozenset):
    from rdflib import BNode, Literal, URIRef

    if slot.range == "LanguageText":  # (language, text) pairs, made a map by _language_map
        if isinstance(value, Literal):
            return (value.language, str(value)) if value.language else _NOTHING  # no language: SHACL says so
        if value in path:
            return _NOTHING
        # a node with a language and a text, as LinkML's own RDF dumper writes it
        uris = slot_uris()
        language, text = graph.value(value, URIRef(uris["language"])), graph.value(value, URIRef(uris["text"]))
        return (str(language), str(text)) if language is not None and text is not None else _NOTHING
    if slot.range == "PrefixDeclaration":
        if isinstance(value, Literal) or value in path:
            return _NOTHING
        uris = slot_uris()
        prefix, namespace = graph.value(value, URIRef(uris["prefix"])), graph.value(value, URIRef(uris["namespace"]))
        return (str(prefix), str(namespace)) if prefix is not None and namespace is not None else _NOTHING
    if slot.kind == "enum":
        if isinstance(value, URIRef):
            return _code(str(value), slot)
        if isinstance(value, Literal):
            return str(value)  # a plain string: a code as JSON-LD without a vocabulary context gives it
        return _NOTHING
    if slot.kind == "class":
        if slot.reference:
            if isinstance(value, URIRef):
                return names.curie(value)
            return str(value) if isinstance(value, Literal) else _NOTHING  # a blank node names no record
        if isinstance(value, Literal):
            return str(value)
        if value in path:  # a node nested in itself
            return _NOTHING
        return _object(graph, value, slot.range, names, path=path)
    if isinstance(value, Literal):
        return _literal(value)
    if slot.range == "CurieOrUri" and isinstance(value, URIRef):
        return names.curie(value)  # an identifier, named as records are
    if isinstance(value, (URIRef, BNode)):
        return str(value) if isinstance(value, URIRef) else _NOTHING
    return _NOTHING


def _code(iri: str, slot: Slot) -> str:
    """A concept's code; a concept of another vocabulary gives its code too, and an unknown one in
    a vocabulary's namespace its last segment (SHACL's sh:in reports both); another IRI, itself."""
    per_enum, every = _concepts()
    code = per_enum.get(slot.range, {}).get(iri) or every.get(iri)
    if code is not None:
        return code
    own = (slot.enum_uri or "").rstrip("/") + "/"
    if slot.enum_uri and iri.startswith(own) and len(iri) > len(own):
        return iri[len(own):]  # an unknown code of the slot's vocabulary
    if iri.startswith(VOCAB_BASE) and iri.count("/", len(VOCAB_BASE)) == 1 and not iri.endswith("/"):
        return iri.rsplit("/", 1)[1]  # an unknown code of another vocabulary
    return iri


def _literal(value):
    """A literal of a slot whose range is a type: a number, a boolean, or text."""
    datatype = str(value.datatype) if value.datatype is not None else None
    if datatype is None or datatype in _LEXICAL:
        return str(value)
    python = value.toPython()
    if isinstance(python, int):  # and bool
        return python
    if isinstance(python, (float, Decimal)):
        number = float(python)
        return number if math.isfinite(number) else str(value)  # NaN and infinities are no numbers
    return str(value)  # ill-typed ("many"^^xsd:integer) or another datatype: its text


def _language_map(pairs: list[tuple[str, str]]) -> dict:
    texts: dict[str, list[str]] = {}
    for language, text in pairs:
        texts.setdefault(language, []).append(text)
    return {lang: found[0] if len(found) == 1 else sorted(found) for lang, found in sorted(texts.items())}


def _prefix_map(pairs: list[tuple[str, str]]) -> dict:
    return dict(sorted(pairs))


_MAPS = {"LanguageText": _language_map, "PrefixDeclaration": _prefix_map}


def _sort_key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


__all__ = ["Names", "records_from_graph", "slot_uris"]
