"""The generated artifacts are fresh, well-formed, and say what they should."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES, ROOT, files_in

from peer_schema import artifacts
from peer_schema.readers import read_document


# scripts/generate.py --check, with every log record printed as `LEVEL:logger:message`
GENERATE_CHECK_WITH_LOG_LEVELS = (
    "import logging, runpy, sys; "
    "logging.basicConfig(format='%(levelname)s:%(name)s:%(message)s', level=logging.WARNING); "
    "sys.argv = ['generate.py', '--check']; "
    "runpy.run_path('scripts/generate.py', run_name='__main__')"
)


def test_checked_in_artifacts_match_the_generators_which_log_no_error():
    result = subprocess.run(
        [sys.executable, "-c", GENERATE_CHECK_WITH_LOG_LEVELS], capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line for line in result.stderr.splitlines() if line.startswith(("ERROR:", "CRITICAL:"))] == []


def test_json_schema_is_a_valid_draft_2020_12_schema():
    from jsonschema import Draft202012Validator

    schema = artifacts.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


STRUCTURE_EXAMPLES = files_in(EXAMPLES / "valid") + [
    p for p in files_in(EXAMPLES / "invalid") if "# expected: read." not in p.read_text(encoding="utf-8")
]


@pytest.mark.parametrize("path", STRUCTURE_EXAMPLES, ids=lambda p: p.name)
def test_reference_jsonschema_agrees_with_ours(path):
    """The python `jsonschema` package, a second implementation, reaches the same verdict."""
    from jsonschema import Draft202012Validator, FormatChecker

    from peer_schema.checks.structure import check_structure

    data = read_document(path)
    ours = list(check_structure(data))
    theirs = list(Draft202012Validator(artifacts.json_schema(), format_checker=FormatChecker()).iter_errors(data))
    assert bool(ours) == bool(theirs)


@pytest.mark.parametrize("fmt", ["shacl", "owl"])
def test_turtle_artifacts_parse(fmt):
    from rdflib import Graph

    g = Graph().parse(data=artifacts.read_text(artifacts.SCHEMA_FORMATS[fmt]), format="turtle")
    assert len(g) > 500


def graph(name: str):
    from rdflib import Graph

    return Graph().parse(data=artifacts.read_text(name), format="turtle")


REUSED = {
    "Organisation": "http://www.w3.org/ns/org#Organization",
    "Dataset": "http://www.w3.org/ns/dcat#Dataset",
    "Concept": "http://www.w3.org/2004/02/skos/core#Concept",
    "DisclosureConsent": "https://w3id.org/dpv#Consent",
    "TrainingProgramme": "http://schema.org/EducationalOccupationalProgram",
    "Membership": "http://www.w3.org/ns/org#Membership",
}


def test_shacl_shapes_target_the_reused_classes():
    from rdflib import Namespace, URIRef

    sh = Namespace("http://www.w3.org/ns/shacl#")
    targets = set(graph("peer_schema.shacl.ttl").objects(None, sh.targetClass))
    assert {URIRef(u) for u in REUSED.values()} | {URIRef("https://w3id.org/peer-schema/PeerWorker")} <= targets


def test_shacl_expects_language_tagged_literals_for_multilingual_slots():
    from collections import Counter

    from rdflib import DCTERMS, RDF, XSD, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    g = graph("peer_schema.shacl.ttl")
    datatypes = Counter(g.value(prop, sh.datatype) for prop in g.subjects(sh.path, DCTERMS.title))
    # every multilingual title is rdf:langString; only a citation's work title is plain text
    assert datatypes[RDF.langString] >= 5 and datatypes[XSD.string] == 1
    assert all("LanguageText" not in str(o) for o in g.objects(None, sh["class"]))


def test_owl_maps_each_class_to_the_reused_vocabulary():
    """OWL declares our own classes and maps them with skos:exactMatch, adding no axioms to
    other people's vocabularies."""
    from rdflib import SKOS, URIRef

    owl = graph("peer_schema.owl.ttl")
    for name, uri in REUSED.items():
        assert (URIRef(f"https://w3id.org/peer-schema/{name}"), SKOS.exactMatch, URIRef(uri)) in owl, name


def test_jsonld_context_reads_multilingual_text_as_language_tagged_literals():
    from rdflib import Graph, Literal, URIRef

    context = json.loads(artifacts.read_text("peer_schema.context.jsonld"))
    doc = {
        **context,
        "@id": "https://example.org/peer/practice/x",
        "title": {"en": "Peer-run crisis house", "fr": "Maison de crise"},
    }
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    title = URIRef("http://purl.org/dc/terms/title")
    assert set(g.objects(None, title)) == {
        Literal("Peer-run crisis house", lang="en"),
        Literal("Maison de crise", lang="fr"),
    }


def test_jsonld_context_reads_codes_as_their_skos_concepts():
    from rdflib import Graph, URIRef

    context = json.loads(artifacts.read_text("peer_schema.context.jsonld"))
    doc = {**context, "@id": "https://example.org/peer/org/x",
           "organisation_kinds": ["federation", "ngo"], "country": "NO"}
    g = Graph().parse(data=json.dumps(doc), format="json-ld")
    pv = "https://w3id.org/peer-schema/vocab/"
    assert set(g.objects(None, URIRef("http://www.w3.org/ns/org#classification"))) == {
        URIRef(pv + "organisation-kind/federation"), URIRef(pv + "organisation-kind/ngo")}
    assert set(g.objects(None, URIRef("http://schema.org/addressCountry"))) == {URIRef(pv + "country/NO")}


def test_pydantic_models_load_a_valid_example_and_refuse_a_name_on_a_peer_worker():
    import pydantic

    from peer_schema.generated import models

    data = read_document(EXAMPLES / "valid" / "PeerWorker-with-consent.yaml")
    dataset = models.Dataset.model_validate(data)
    assert dataset.peer_workers[0].role == "peer_support_worker"
    data["peer_workers"][0]["name"] = "Jane Example"
    with pytest.raises(pydantic.ValidationError):
        models.Dataset.model_validate(data)
