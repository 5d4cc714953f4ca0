"""RDF as records (readers/rdf_records.py): every layer of checks, not only SHACL, reads RDF input,
and the report is the same whatever the format.

The round trip converts each YAML example to RDF the way the exporter (issue 5) will write it,
from the same tables (model index, JSON-LD context, vocabularies): records typed with their
class, slots with their URIs, codes as concept IRIs, text as language-tagged literals, inlined
objects as blank nodes (or IRIs when they have an id). What cannot be the same, and why:

- structure.* and vocab.* (the JSON Schema layer) read JSON and YAML only; RDF has SHACL
  (shacl.*) for the same faults;
- refs.undeclared-prefix: an RDF identifier is an absolute IRI, there is no prefix to declare;
- refs.duplicate-id within one file: two records with one IRI are one node in a graph (SHACL's
  maxCount reports the doubled values instead);
- a language map whose key is no language tag (`English:`) is a language-tagged literal
  `"..."@English` in RDF, which is well-formed: no layer reports it.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from conftest import EXAMPLES, files_in

from peer_schema import artifacts, validate
from peer_schema.model import model
from peer_schema.readers import ReadError, read_document

pytest.importorskip("rdflib")
pytest.importorskip("pyshacl")

from rdflib import RDF, BNode, Graph, Literal, URIRef  # noqa: E402

from peer_schema.readers import rdf_records  # noqa: E402
from peer_schema.readers.rdf import iri_problem, read_rdf  # noqa: E402

#: the codes of layers RDF does not go through, or of faults RDF cannot express (module docstring)
NOT_IN_RDF = ("structure.", "vocab.", "refs.undeclared-prefix")
#: what the invalid examples whose fault RDF cannot express give as RDF (module docstring)
AS_RDF = {
    "Dataset-undeclared-prefix": set(),  # an IRI has no prefix to declare
    "Practice-language-name-as-key": set(),  # "..."@English is a well-formed literal
    "Organisation-duplicate-id": {("shacl.violation", "ex:org/pairs-ensemble")},  # one node, two names
}
XSD = "http://www.w3.org/2001/XMLSchema#"
PEER = "https://w3id.org/peer-schema/"
PREFIXES = """@prefix ex: <https://example.org/peer/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix peer: <https://w3id.org/peer-schema/> .
@prefix dpv: <https://w3id.org/dpv#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix kind: <https://w3id.org/peer-schema/vocab/organisation-kind/> .
@prefix country: <https://w3id.org/peer-schema/vocab/country/> .
@prefix access: <https://w3id.org/peer-schema/vocab/access-right/> .
"""


# -- the exporter, as the test writes it -----------------------------------------------------------
class NotAnIri(ValueError):
    """An identifier no RDF file can hold."""


def to_graph(data: dict) -> Graph:
    """A YAML dataset as RDF. Tolerant, so that broken examples stay broken: what is not a code, a
    date or an object stays a plain literal; a field the model does not know gets a predicate of
    its own."""
    m = model()
    uris = rdf_records.slot_uris()
    vocabularies = artifacts.vocabularies()
    graph = Graph(bind_namespaces="none")
    declared = data.get("prefixes") if isinstance(data.get("prefixes"), dict) else {}
    for prefix, namespace in declared.items():
        graph.bind(prefix, namespace)

    def iri(curie: str) -> URIRef:
        prefix, _, local = curie.partition(":")
        expanded = declared[prefix] + local if prefix in declared else curie
        if iri_problem(expanded):  # what read.bad-iri refuses (Organisation-bad-iri.ttl)
            raise NotAnIri(expanded)
        return URIRef(expanded)

    dataset = iri(data["id"]) if isinstance(data.get("id"), str) else BNode()

    def node_for(obj: dict, cls: str):
        has_id = "id" in m.classes[cls].slots and isinstance(obj.get("id"), str)
        return iri(obj["id"]) if has_id else BNode()

    def add(node, cls: str, obj: dict) -> None:
        model_class = m.classes[cls]
        graph.add((node, RDF.type, URIRef(model_class.uri)))
        for name, value in obj.items():
            slot = model_class.slots.get(name)
            if slot is None:  # a field the model does not know: a predicate no closed shape allows
                graph.add((node, URIRef(PEER + name), Literal(json.dumps(value))))
                continue
            if name == "id" or value is None:
                continue
            predicate = URIRef(uris[name])
            if slot.range == "LanguageText" and isinstance(value, dict):
                for language, text in value.items():
                    graph.add((node, predicate, Literal(str(text), lang=language)))
            elif slot.range == "PrefixDeclaration" and isinstance(value, dict):
                for prefix, namespace in value.items():
                    declaration = URIRef(f"{dataset}#prefix-{prefix}")
                    graph.add((node, predicate, declaration))
                    graph.add((declaration, RDF.type, URIRef(m.classes["PrefixDeclaration"].uri)))
                    graph.add((declaration, URIRef(uris["prefix"]), Literal(prefix)))
                    graph.add((declaration, URIRef(uris["namespace"]), URIRef(namespace)))
            else:
                for item in value if isinstance(value, list) else [value]:
                    graph.add((node, predicate, term(item, slot)))

    def term(item, slot):
        if slot.kind == "enum":
            concept = vocabularies[slot.range]["concepts"].get(item) if isinstance(item, str) else None
            return URIRef(concept.get("value", concept["uri"])) if concept else Literal(str(item))
        if slot.kind == "class":
            if slot.reference:
                return iri(item) if isinstance(item, str) else Literal(str(item))
            if not isinstance(item, dict):
                return Literal(str(item))
            child = node_for(item, slot.range)
            add(child, slot.range, item)
            return child
        if isinstance(item, bool):
            return Literal(item)
        if isinstance(item, (int, float)):
            if slot.range == "float":
                return Literal(str(float(item)), datatype=URIRef(XSD + "float"))
            return Literal(item, datatype=URIRef(XSD + "integer")) if isinstance(item, int) else Literal(item)
        text = str(item)
        if slot.range == "date":
            return Literal(text, datatype=URIRef(XSD + "date"))
        if slot.range == "uri" and iri_problem(text) is None:
            return URIRef(text)
        return Literal(text)

    header = {k: v for k, v in data.items() if k not in m.containers}
    add(dataset, "Dataset", header)
    for container, cls in m.containers.items():
        for record in data.get(container) or []:
            if isinstance(record, dict):
                node = node_for(record, cls)
                graph.add((dataset, URIRef(uris[container]), node))
                add(node, cls, record)
    return graph


def as_turtle(paths: list[Path], into: Path) -> list[Path]:
    into.mkdir(exist_ok=True)
    written = []
    for path in paths:
        target = into / (path.stem + ".ttl")
        target.write_text(to_graph(read_document(path)).serialize(format="turtle"), encoding="utf-8")
        written.append(target)
    return written


def seen(report, ignore=()) -> set[tuple[str, str | None]]:
    return {(f.code, f.record_id) for f in report.findings if not f.code.startswith(ignore)}


# -- the round trip --------------------------------------------------------------------------------
@pytest.mark.parametrize("folder", ["valid", "compendium"])
def test_yaml_and_its_rdf_give_the_same_report(tmp_path, folder):
    yaml_files = files_in(EXAMPLES / folder)
    as_turtle(yaml_files, tmp_path / "rdf")
    from_yaml, from_rdf = validate(yaml_files), validate([tmp_path / "rdf"])
    assert seen(from_rdf) == seen(from_yaml), [f.message() for f in from_rdf.findings]
    assert from_rdf.records == from_yaml.records


def test_the_records_read_back_from_rdf_are_the_yaml_records():
    """The mapping inverts the exporter: same fields, same values (lists compared as sets)."""
    m = model()
    for path in files_in(EXAMPLES / "valid") + files_in(EXAMPLES / "compendium"):
        data = read_document(path)
        expected = [("Dataset", {k: v for k, v in data.items() if k not in m.containers})]
        for container, cls in m.containers.items():
            expected += [(cls, record) for record in data.get(container) or []]
        got = [(cls, record) for cls, record, pointer in rdf_records.records_from_graph(to_graph(data))]
        assert sorted(f"{cls} {canonical(r)}" for cls, r in got) == \
            sorted(f"{cls} {canonical(r)}" for cls, r in expected), path.name


def canonical(value):
    """Numbers as floats, lists sorted: what RDF cannot tell apart."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return json.dumps(float(value))
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(sorted(canonical(v) for v in value)) + "]"
    return "{" + ",".join(f"{json.dumps(k)}:{canonical(v)}" for k, v in sorted(value.items())) + "}"


# Left out, by design: files that are not readable as YAML (a YAML alias, a duplicate key) and
# an identifier that is no IRI, which cannot be written as RDF at all (its RDF counterpart is
# Organisation-bad-iri.ttl). A test below checks that exactly these are left out.
NOT_AS_RDF = {"Dataset-yaml-alias", "Dataset-duplicate-key", "Organisation-bad-identifier"}
AS_RDF_CASES = [p for p in files_in(EXAMPLES / "invalid", "*.yaml") if p.stem not in NOT_AS_RDF]


def test_the_examples_left_out_of_the_rdf_comparison_cannot_be_written_as_rdf(tmp_path):
    for path in files_in(EXAMPLES / "invalid", "*.yaml"):
        if path.stem in NOT_AS_RDF:
            with pytest.raises((ReadError, NotAnIri)):
                as_turtle([path], tmp_path)


@pytest.mark.parametrize("path", AS_RDF_CASES, ids=lambda p: p.name)
def test_each_invalid_yaml_example_as_rdf_fires_the_same_rule(tmp_path, path):
    """The domain layers (references, rules, consent, privacy) fire on RDF as on YAML; what the
    JSON Schema finds in YAML, SHACL finds in RDF, but for the faults of AS_RDF."""
    (turtle,) = as_turtle([path], tmp_path)
    from_yaml, from_rdf = validate([path]), validate([turtle])
    if path.stem in AS_RDF:
        assert seen(from_rdf) == AS_RDF[path.stem], [f.message() for f in from_rdf.findings]
        return
    assert seen(from_rdf, ("shacl.",)) == seen(from_yaml, NOT_IN_RDF), [f.message() for f in from_rdf.findings]
    if seen(from_yaml) != seen(from_yaml, NOT_IN_RDF):  # structure found something: so does SHACL
        assert {f.code for f in from_rdf.findings} == {"shacl.violation"}, [f.message() for f in from_rdf.findings]


def test_a_synthetic_registry_with_injected_faults_gives_the_same_report_as_rdf(tmp_path):
    """Every kind of rule break the generator injects, in JSON and in Turtle: the domain layers
    find the same (code, record) pairs; a duplicate id is one node in RDF (module docstring)."""
    from peer_schema.synth import REFERENCE_DATE, synthesize

    source = tmp_path / "registry.json"
    synthesize(400, 11, source, invalid_rate=0.25)
    turtle = tmp_path / "registry.ttl"
    turtle.write_text(to_graph(read_document(source)).serialize(format="turtle"), encoding="utf-8")
    from_json = validate([source], today=REFERENCE_DATE)
    from_rdf = validate([turtle], today=REFERENCE_DATE)
    domain = seen(from_json, (*NOT_IN_RDF, "refs.duplicate-id"))
    assert seen(from_rdf, ("shacl.",)) == domain
    assert len({code for code, _ in domain}) >= 8  # rules, consent, references: not a vacuous comparison
    assert from_rdf.records == from_json.records - len(seen(from_json) - seen(from_json, ("refs.duplicate-id",)))


@pytest.mark.parametrize("fmt, suffix", [("nt", ".nt"), ("json-ld", ".jsonld"), ("xml", ".rdf"), ("turtle", ".ttl")])
def test_every_rdf_format_gives_the_same_report(tmp_path, fmt, suffix):
    paths = files_in(EXAMPLES / "valid")
    invalid = [EXAMPLES / "invalid" / name for name in (
        "PeerWorker-consent-withdrawn.yaml", "Organisation-peer-operated-below-51.yaml",
        "TrainingProgramme-basic-missing-elements.yaml", "Membership-cycle.yaml")]
    for path in paths + invalid:
        (tmp_path / (path.stem + suffix)).write_text(to_graph(read_document(path)).serialize(format=fmt),
                                                      encoding="utf-8")
    report = validate(sorted(tmp_path.iterdir()))
    assert seen(report) == seen(validate(paths + invalid), NOT_IN_RDF)
    assert {f.code for f in report.findings} >= {"consent.withdrawn", "rules.peer-operated-share",
                                                 "rules.basic-elements-missing", "rules.membership-cycle"}


# -- the mapping, piece by piece -------------------------------------------------------------------
def turtle(text: str) -> str:
    """`ex:org/a` written as the IRI it stands for: a Turtle prefixed name cannot hold a slash."""
    return re.sub(r"(?<![\w/<])ex:([\w-]+(?:/[\w.-]+)+)", r"<https://example.org/peer/\1>", text)


def records(text: str, fmt: str = "turtle") -> list[tuple[str, dict, str]]:
    source = read_rdf(turtle(text) if fmt == "turtle" else text, fmt, "test")
    return list(rdf_records.records_from_graph(source.graph, source.prefixes))


def test_a_record_in_full():
    (header, (cls, rec, pointer)) = records(PREFIXES + """
ex:dataset/d a dcat:Dataset ; dcterms:accessRights access:restricted ; dcterms:title "D"@en, "D fr"@fr ;
    peer:prefixDeclaration <https://example.org/peer/dataset/d#prefix-ex> ; peer:peerWorker ex:pw/1 .
<https://example.org/peer/dataset/d#prefix-ex> a peer:PrefixDeclaration ;
    <http://purl.org/vocab/vann/preferredNamespacePrefix> "ex" ;
    <http://purl.org/vocab/vann/preferredNamespaceUri> <https://example.org/peer/> .
ex:pw/1 a peer:PeerWorker ; org:role <https://w3id.org/peer-schema/vocab/peer-role/peer_support_worker> ;
    peer:weeklyHours "19.5"^^xsd:float ; peer:hasCareerPathway true ; schema:worksFor ex:org/a ;
    <http://data.europa.eu/esco/model#hasSkill> <https://w3id.org/peer-schema/vocab/competency/C03.2>,
        <https://w3id.org/peer-schema/vocab/competency/C01> ;
    schema:name "A name the model has no place for" ;
    dpv:hasConsent [ a dpv:Consent ; dpv:hasProvisionTime "2026-09-01"^^xsd:date ;
        dpv:hasRecipient <https://w3id.org/peer-schema/vocab/consent-audience/federation> ;
        dpv:hasPersonalData <https://w3id.org/peer-schema/vocab/disclosable-field/role> ] .
""")
    assert header == ("Dataset", {"id": "ex:dataset/d", "access_rights": "restricted",
                                  "title": {"en": "D", "fr": "D fr"},
                                  "prefixes": {"ex": "https://example.org/peer/"}}, "")
    assert (cls, pointer) == ("PeerWorker", "")
    assert rec == {
        "id": "ex:pw/1",
        "role": "peer_support_worker",
        "weekly_hours": 19.5,
        "has_career_pathway": True,
        "employer": "ex:org/a",  # a reference: the CURIE, as YAML writes it
        "competencies": ["C01", "C03.2"],  # sorted
        "disclosure_consents": [
            {"given_date": "2026-09-01", "audiences": ["federation"], "disclosed_fields": ["role"]}],
    }  # schema:name is no slot of a peer worker: left out (the closed shape reports it)


def test_a_predicate_is_the_slot_of_the_class_at_hand():
    """dcterms:description is an obstacle's text, an employment tie's description and a practice's
    (language-tagged) description; org:role a membership's role and a peer worker's role."""
    (org,) = records(PREFIXES + """
ex:org/a a org:Organization ; peer:obstacle [ a peer:Obstacle ; dcterms:description "No money." ] ;
    dcterms:description "A description"@en .
""")
    assert org[1]["obstacles"] == [{"obstacle": "No money."}]
    assert org[1]["description"] == {"en": "A description"}
    (membership,) = records(PREFIXES + """
[] a org:Membership ; org:role <https://w3id.org/peer-schema/vocab/membership-role/founding_member> ;
    org:member ex:org/a ; org:organization ex:org/b .
""")
    assert membership[1] == {"membership_role": "founding_member", "member": "ex:org/a", "federation": "ex:org/b"}


def test_no_two_slots_of_a_class_share_a_predicate():
    uris = rdf_records.slot_uris()
    for cls in model().classes.values():
        names = [name for name in cls.slots if name in uris]
        assert len({uris[n] for n in names}) == len(names), cls.name


def test_slot_uris_are_those_of_the_schema_and_the_json_ld_context():
    """The model index's slot URIs are the merged schema's slot_uri, and the JSON-LD context reads
    each slot as the same property (identifiers aside: the context makes them the node's @id)."""
    import yaml

    schema = yaml.safe_load(artifacts.read_text("peer_schema.merged.yaml"))
    context = json.loads(artifacts.read_text("peer_schema.context.jsonld"))["@context"]

    def expand(term: str, prefixes: dict) -> str:
        prefix, sep, local = term.partition(":")
        return prefixes[prefix] + local if sep and prefix in prefixes else context["@vocab"] + term

    prefixes = {p: (v if isinstance(v, str) else v["prefix_reference"]) for p, v in schema["prefixes"].items()}
    uris = rdf_records.slot_uris()
    assert {s for c in model().classes.values() for s in c.slots} == set(uris)
    for name, slot in schema["slots"].items():
        assert uris[name] == expand(slot["slot_uri"], prefixes), name
        entry = context.get(name)
        term = entry.get("@id") if isinstance(entry, dict) else entry
        if term != "@id":
            assert expand(term, {k: v for k, v in context.items() if isinstance(v, str)}) == uris[name], name


def test_single_values_given_twice_stay_a_list_and_odd_literals_stay_text():
    (org,) = records(PREFIXES + """
ex:org/a a org:Organization ; schema:name "A", "B" ; peer:staffCount "many"^^xsd:integer ;
    peer:peerGovernanceShare "NaN"^^xsd:float ; peer:startYear "1990" ; peer:unknown 1 ;
    schema:addressCountry "BE", country:XX ; org:subOrganizationOf [ schema:name "anonymous" ] .
""")
    assert org[1].pop("peer_governance_share").lower() == "nan"  # text (rdflib's spelling), not a float
    assert org[1] == {
        "id": "ex:org/a",
        "name": ["A", "B"],  # two names: a list, which no layer takes for a name
        "staff_count": "many",  # ill-typed: its text
        "start_year": "1990",  # a plain string is no year
        "country": ["BE", "XX"],  # a plain string that is a code, and an unknown concept's code
    }  # peer:unknown is no slot; a blank node names no record (part_of)
    (org,) = records(PREFIXES + """ex:org/a a org:Organization ;
    schema:addressCountry kind:ngo, <https://w3id.org/peer-schema/vocab/organisation-kind/new/sub>, ex:x .""")
    # another vocabulary's concept gives its code (sh:in says it is no country); other IRIs themselves
    assert org[1]["country"] == ["https://example.org/peer/x",
                                 "https://w3id.org/peer-schema/vocab/organisation-kind/new/sub", "ngo"]


def test_a_plain_string_that_is_a_code_is_that_code_in_json_ld():
    """With the peer_schema context the codes are concept IRIs; with a context of one's own, a
    plain string is taken as the code it is."""
    doc = {"@context": {"@vocab": "https://w3id.org/peer-schema/", "org": "http://www.w3.org/ns/org#",
                        "schema": "http://schema.org/", "ex": "https://example.org/peer/",
                        "kinds": {"@id": "org:classification"}, "country": {"@id": "schema:addressCountry"}},
           "@id": "ex:org/a", "@type": "org:Organization", "kinds": ["ngo", "federation"], "country": "BE"}
    (org,) = records(json.dumps(doc), "jsonld")
    assert org[1] == {"id": "ex:org/a", "organisation_kinds": ["federation", "ngo"], "country": "BE"}


def test_json_ld_with_the_peer_schema_context():
    doc = {"@context": "https://w3id.org/peer-schema/context.jsonld",
           "@graph": [{"id": "https://example.org/peer/org/a", "@type": "Organisation", "name": "A",
                       "organisation_kinds": ["peer_operated_service"], "country": "BE",
                       "description": {"en": "An association.", "fr": "Une association."},
                       "peer_governance_share": 30}]}
    (org,) = records(json.dumps(doc), "jsonld")
    assert org[1] == {"id": "https://example.org/peer/org/a", "name": "A",
                      "organisation_kinds": ["peer_operated_service"], "country": "BE",
                      "description": {"en": "An association.", "fr": "Une association."},
                      "peer_governance_share": 30.0}  # a float slot: the JSON integer as xsd:float


def test_json_ld_prefixes_are_those_of_its_contexts():
    doc = {"@context": [{"ex": "https://example.org/peer/", "org": "http://www.w3.org/ns/org#"},
                        {"p": {"@id": "https://example.org/p/", "@prefix": True}}],
           "@id": "ex:org/a", "@type": "org:Organization"}
    source = read_rdf(json.dumps(doc), "jsonld", "test")
    assert source.prefixes == {"ex": "https://example.org/peer/", "org": "http://www.w3.org/ns/org#",
                               "p": "https://example.org/p/"}  # not rdflib's own (brick, csvw...)


def test_language_nodes_as_linkml_writes_them_are_a_language_map():
    (org,) = records(PREFIXES + """
ex:org/a a org:Organization ;
    dcterms:description [ dcterms:language "fr" ; rdf:value "Une association" ], "An association"@en, "Untagged" .
""")
    assert org[1]["description"] == {"en": "An association", "fr": "Une association"}


def test_identifiers_use_the_datasets_prefixes_first():
    (header, (cls, org, pointer)) = records("""@prefix o: <https://example.org/peer/org/> .
@prefix ex: <https://example.org/peer/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix vann: <http://purl.org/vocab/vann/> .
ex:d a dcat:Dataset ; <https://w3id.org/peer-schema/prefixDeclaration> ex:d-ex ;
    <https://w3id.org/peer-schema/organisation> o:a .
ex:d-ex vann:preferredNamespacePrefix "ex" ; vann:preferredNamespaceUri <https://example.org/peer/> .
o:a a <http://www.w3.org/ns/org#Organization> ; <http://www.w3.org/ns/org#subOrganizationOf> <https://elsewhere.org/b> .
""")
    assert org["id"] == "ex:org/a"  # the dataset declares ex:, the file also o: (a longer namespace)
    assert org["part_of"] == "https://elsewhere.org/b"  # no prefix fits: the IRI


def test_headers_and_the_records_they_list():
    """A record comes after the dataset that lists it; records no dataset lists come first, with
    the profile of no dataset (the strictest), unless the file holds one dataset only."""
    got = records(PREFIXES + """
ex:open a dcat:Dataset ; dcterms:accessRights access:public ; peer:organisation ex:org/a .
ex:closed a dcat:Dataset ; dcterms:accessRights access:restricted ; peer:organisation ex:org/b, ex:org/a ;
    peer:peerWorker ex:pw/1 .
ex:org/a a org:Organization . ex:org/b a org:Organization . ex:org/c a org:Organization .
ex:pw/1 a peer:PeerWorker .
""")
    assert [(cls, rec.get("id")) for cls, rec, _ in got] == [
        ("Organisation", "ex:org/c"),
        ("Dataset", "ex:open"), ("Organisation", "ex:org/a"),  # listed twice: with the stricter dataset
        ("Dataset", "ex:closed"), ("Organisation", "ex:org/b"), ("PeerWorker", "ex:pw/1"),
    ]
    only = records(PREFIXES + "ex:d a dcat:Dataset ; dcterms:accessRights access:restricted .\n"
                   "ex:pw/1 a peer:PeerWorker .\n")
    assert [cls for cls, _, _ in only] == ["Dataset", "PeerWorker"]


def test_several_access_rights_check_the_header_with_the_strictest():
    ((cls, header, _),) = records(PREFIXES + "ex:d a dcat:Dataset ; "
                                  "dcterms:accessRights access:restricted, access:public .\n")
    assert header["access_rights"] == "public"


def test_a_node_nested_in_itself_is_left_out():
    (org,) = records(PREFIXES + """
ex:org/a a org:Organization ; peer:membershipProfile _:m .
_:m peer:memberCount 3 ; peer:membershipProfile _:m .
""")
    assert org[1]["membership"] == {"member_count": 3}


def test_profiles_follow_the_datasets_access_rights(tmp_path):
    worker = """ex:pw/1 a peer:PeerWorker ; peer:localReference "HR-12" ;
    org:role <https://w3id.org/peer-schema/vocab/peer-role/peer_support_worker> .
"""
    dataset = """ex:d a dcat:Dataset ; dcterms:accessRights access:{} ; peer:peerWorker ex:pw/1 .
"""
    cases = {"public": {"privacy.record-not-allowed"},
             "restricted": {"privacy.field-not-allowed", "consent.field-not-covered"},
             "non_public": set()}
    for access, codes in cases.items():
        path = tmp_path / f"{access}.ttl"
        path.write_text(turtle(PREFIXES + dataset.format(access) + worker), encoding="utf-8")
        report = validate([path])
        assert {f.code for f in report.findings if not f.code.startswith("shacl.")} == codes, access
    assert {f.code for f in validate([tmp_path / "restricted.ttl"], profile="internal").findings
            if not f.code.startswith("shacl.")} == set()


def test_references_resolve_across_rdf_and_yaml_files(tmp_path):
    """An RDF file may refer to a record of a YAML file (and back) when both name it alike."""
    path = tmp_path / "worker.ttl"
    path.write_text(to_graph(read_document(EXAMPLES / "valid" / "PeerWorker-with-consent.yaml"))
                    .serialize(format="turtle"), encoding="utf-8")
    others = [p for p in files_in(EXAMPLES / "valid") if p.stem != "PeerWorker-with-consent"]
    assert validate([path, *others]).findings == []
    assert {f.code for f in validate([path]).findings} == {"refs.dangling-private"}  # alone, as the YAML file


def test_json_and_yaml_validation_still_never_import_rdflib():
    import subprocess
    import sys

    code = ("import sys, peer_schema; peer_schema.validate([sys.argv[1]]); "
            "import peer_schema.readers.rdf_records; "
            "assert not {'rdflib', 'pyshacl'} & set(sys.modules), 'rdflib imported'")
    result = subprocess.run([sys.executable, "-c", code, str(EXAMPLES / "valid")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_numbers_that_are_not_finite_never_become_floats():
    assert rdf_records._literal(Literal("INF", datatype=URIRef(XSD + "double"))).lower() == "inf"
    assert rdf_records._literal(Literal("1.5", datatype=URIRef(XSD + "decimal"))) == 1.5
    assert rdf_records._literal(Literal("2026-01-15", datatype=URIRef(XSD + "date"))) == "2026-01-15"
    assert rdf_records._literal(Literal("true", datatype=URIRef(XSD + "boolean"))) is True
    two = rdf_records._literal(Literal("2", datatype=URIRef(XSD + "float")))
    assert two == 2.0 and not math.isnan(two)
