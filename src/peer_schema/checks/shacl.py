"""RDF input checked against the generated SHACL shapes (pyshacl), as findings.

Each `sh:ValidationResult` becomes one finding whose code follows the result's severity
(`sh:Violation` -> `shacl.violation`, `sh:Warning` -> `shacl.warning`, `sh:Info` -> `shacl.info`),
with the focus node and the path as CURIEs and the constraint by its short name (`minCount`).
The offending value (`params["value"]`) is given only when it is an IRI or a typed literal
(a code, a number, a date) and the focus node is not personal data: never for a peer worker, a
disclosure consent, or a blank node nested in one.

The records of the graph then go through the other layers (readers/rdf_records.py), so two kinds
of result are left to them: `sh:class` on a reference (`schema:worksFor ex:org/a` where `ex:org/a`
has no `rdf:type` in this file) is the references layer's to judge, across every file of the run
(`refs.dangling`, `refs.wrong-class`); and a finding's record is named as those layers name it.

rdflib and pyshacl are imported inside the functions: they are slow to import, and only RDF
input needs them. The shapes are parsed once per process.
"""

from __future__ import annotations

import json
from functools import cache

from .. import artifacts
from ..model import model
from ..report import Finding
from ..report.catalogue import CATALOGUE

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SEVERITY_CODE = {SH + "Violation": "shacl.violation", SH + "Warning": "shacl.warning", SH + "Info": "shacl.info"}
#: classes whose nodes are personal data: their values never go into a finding
PERSONAL_CLASSES = ("https://w3id.org/peer-schema/PeerWorker", "https://w3id.org/dpv#Consent")


@cache
def shapes():
    """The generated SHACL shapes as an rdflib graph, parsed once per process, in batch form."""
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    graph.parse(data=artifacts.read_text("peer_schema.shacl.ttl"), format="turtle")
    return batched(graph)


def batched(graph):
    """The same constraints, shaped so that pyshacl checks each property shape once for all focus nodes.

    Reached through `sh:property`, a property shape is rebuilt and checked once per focus node
    (2,000 organisations: 20 s, most of it re-reading the 249 countries of an `sh:in` list).
    Here each property shape gets its node shape's targets instead, and a closed node shape lists
    the paths of its former property shapes in `sh:ignoredProperties`: what is allowed and what is
    required stay exactly the same (test_rdf_input.py compares both forms).
    """
    from rdflib import RDF, BNode, Namespace, URIRef
    from rdflib.collection import Collection

    sh = Namespace(SH)
    targets = (sh.targetClass, sh.targetNode, sh.targetSubjectsOf, sh.targetObjectsOf)
    for node_shape in set(graph.subjects(sh.property, None)):
        properties = list(graph.objects(node_shape, sh.property))
        for target in targets:
            for value in graph.objects(node_shape, target):
                for prop in properties:
                    graph.add((prop, target, value))
        if (node_shape, RDF.type, sh.NodeShape) in graph or any(graph.objects(node_shape, t) for t in targets):
            closed = str(graph.value(node_shape, sh.closed)).lower() == "true"
            if closed:
                ignored = graph.value(node_shape, sh.ignoredProperties)
                allowed = list(Collection(graph, ignored)) if ignored is not None else []
                allowed += [path for prop in properties for path in graph.objects(prop, sh.path)
                            if isinstance(path, URIRef) and path not in allowed]
                graph.remove((node_shape, sh.ignoredProperties, None))
                graph.add((node_shape, sh.ignoredProperties, Collection(graph, BNode(), allowed).uri))
            graph.remove((node_shape, sh.property, None))
    return graph


@cache
def known_prefixes() -> dict[str, str]:
    """peer_schema's prefixes (those of its JSON-LD context): prefix -> namespace."""
    context = json.loads(artifacts.read_text("peer_schema.context.jsonld"))["@context"]
    return {k: v for k, v in context.items()
            if isinstance(v, str) and not k.startswith("@") and v.endswith(("/", "#"))}


def count_records(graph) -> int:
    """How many records of the model the graph holds (nodes typed with a record class)."""
    from rdflib import RDF, URIRef

    m = model()
    uris = {URIRef(m.classes[cls].uri) for cls in m.containers.values()}
    return len({s for s, o in graph.subject_objects(RDF.type) if o in uris})


@cache
def reference_paths() -> frozenset[tuple[str, str]]:
    """(class IRI, predicate IRI) of every reference slot: their `sh:class` results are left to the
    references layer, which sees every file of the run, not only this graph."""
    return frozenset((c.uri, s.uri) for c in model().classes.values() for s in c.references if s.uri)


def check(graph, file: str | None = None, prefixes: dict[str, str] | None = None, shapes_graph=None) -> list[Finding]:
    """Validate `graph` against the generated shapes (or `shapes_graph`); one finding per result.

    prefixes: the file's own prefix declarations, used (besides peer_schema's) to write CURIEs.
    With the generated shapes, `sh:class` on a reference whose value is an IRI or a literal is
    left out: the references layer reports it (`reference_paths`).
    """
    from pyshacl import validate
    from rdflib import RDF, BNode, Literal, URIRef

    from ..readers.rdf_records import names_for

    _conforms, results, _text = validate(graph, shacl_graph=shapes() if shapes_graph is None else shapes_graph,
                                         inference="none", advanced=False, allow_warnings=True, allow_infos=True,
                                         abort_on_first=False, meta_shacl=False, debug=False,
                                         do_owl_imports=False)  # owl:imports in the data are never fetched
    sh = {name: URIRef(SH + name) for name in (
        "ValidationResult", "resultSeverity", "focusNode", "resultPath", "sourceConstraintComponent", "value")}
    names = _Names(known_prefixes(), prefixes or {})
    record_names = names_for(graph, prefixes)  # as the other layers name records (readers/rdf_records.py)
    references = reference_paths() if shapes_graph is None else frozenset()
    personal = _Personal(graph)
    findings = []
    for result in results.subjects(RDF.type, sh["ValidationResult"]):
        severity = results.value(result, sh["resultSeverity"])
        focus = results.value(result, sh["focusNode"])
        path = results.value(result, sh["resultPath"])
        component = results.value(result, sh["sourceConstraintComponent"])
        value = results.value(result, sh["value"])
        if references and component == URIRef(SH + "ClassConstraintComponent") and not isinstance(value, BNode) \
                and any((str(t), str(path)) in references for t in graph.objects(focus, RDF.type)):
            continue  # the references layer's finding
        code = SEVERITY_CODE.get(str(severity), "shacl.violation")  # a severity of one's own: as a violation
        params = {
            "focus": names.curie(focus) if isinstance(focus, URIRef) else "a blank node",
            "path": names.curie(path) if isinstance(path, URIRef) else ("a property path" if path else "the node"),
            "constraint": constraint_name(component),
        }
        if value is not None and not personal(focus):
            if isinstance(value, URIRef):
                params["value"] = names.curie(value)
            elif isinstance(value, Literal) and value.datatype is not None and value.datatype != RDF.langString \
                    and not str(value.datatype).endswith("#string"):
                params["value"] = str(value)[:100]
        record = focus if isinstance(focus, URIRef) else _owner(graph, focus) if isinstance(focus, BNode) else None
        record_id = record_names.curie(record) if record is not None else None
        findings.append(Finding(code, CATALOGUE[code].severity, params, file, "", record_id))
    order = {"error": 0, "warning": 1, "info": 2}
    findings.sort(key=lambda f: (order[f.severity.value], f.record_id or "", f.params["path"], f.params["constraint"],
                                 f.params["focus"], f.params.get("value", "")))
    return findings


def constraint_name(component) -> str:
    """`sh:MinCountConstraintComponent` -> `minCount`; another IRI -> its last segment."""
    if component is None:
        return "?"
    local = str(component).rstrip("/#")
    local = local.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    if local.endswith("ConstraintComponent") and len(local) > len("ConstraintComponent"):
        local = local[: -len("ConstraintComponent")]
        local = local[0].lower() + local[1:]
    return local


class _Names:
    """IRIs as CURIEs: the longest namespace of the file's prefixes or peer_schema's that fits."""

    def __init__(self, known: dict[str, str], declared: dict[str, str]):
        spaces: dict[str, str] = {}
        for prefix, namespace in [*declared.items(), *known.items()]:  # peer_schema's prefix wins a tie
            spaces[namespace] = prefix
        self.spaces = sorted(spaces.items(), key=lambda kv: -len(kv[0]))

    def curie(self, iri) -> str:
        iri = str(iri)
        for namespace, prefix in self.spaces:
            if iri.startswith(namespace) and len(iri) > len(namespace):
                return f"{prefix}:{iri[len(namespace):]}"
        return iri


class _Personal:
    """Is a node personal data: typed peer worker or consent, or a blank node nested in one."""

    def __init__(self, graph):
        self.graph = graph
        self.roots = None

    def __call__(self, node) -> bool:
        from rdflib import RDF, BNode, URIRef

        if self.roots is None:
            self.roots = set()
            for cls in PERSONAL_CLASSES:
                self.roots.update(self.graph.subjects(RDF.type, URIRef(cls)))
        todo, seen = [node], set()
        while todo:  # up through every blank node that holds this one
            node = todo.pop()
            if node in self.roots:
                return True
            if isinstance(node, BNode) and node not in seen:
                seen.add(node)
                todo.extend(self.graph.subjects(None, node))
        return False


def _owner(graph, node, depth: int = 20):
    """The record a blank node is nested in: the first IRI above it."""
    from rdflib import URIRef

    seen = set()
    while node is not None and node not in seen and depth:
        if isinstance(node, URIRef):
            return node
        seen.add(node)
        depth -= 1
        node = next(iter(graph.subjects(None, node)), None)
    return None
