"""`peer_schema.rdf.export`: the graph is LinkML's, up to the deliberate differences of
docs/rdf-export.md; refusals; atomic output; streaming; every format reads back."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyoxigraph")
rdflib = pytest.importorskip("rdflib")

from rdflib import BNode, Graph, Literal, URIRef  # noqa: E402
from rdflib.compare import graph_diff, isomorphic, to_isomorphic  # noqa: E402
from rdflib.namespace import RDF  # noqa: E402

from peer_schema.model import model  # noqa: E402
from peer_schema.rdf import ExportRefused, export  # noqa: E402
from peer_schema.rdf.mapping import LITERALS  # noqa: E402
from peer_schema.validation import ProfileRefused  # noqa: E402

from conftest import EXAMPLES, SCHEMA, VOCAB  # noqa: E402

DCT = rdflib.Namespace("http://purl.org/dc/terms/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
VANN = rdflib.Namespace("http://purl.org/vocab/vann/")
PEER = "https://w3id.org/peer-schema/"
EUA = "http://publications.europa.eu/resource/authority/access-right/"
ACCESS_RIGHTS = {"public": "PUBLIC", "restricted": "RESTRICTED", "non_public": "NON_PUBLIC"}
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


# -- LinkML's graph, with the documented differences applied ------------------------------------------
@pytest.fixture(scope="session")
def linkml(tmp_path_factory):
    """The python dataclasses of the schema (generated here with linkml's pythongen), a
    SchemaView, and LinkML's RDF dumper with the two node-level differences applied."""
    pytest.importorskip("linkml")
    from linkml.generators.pythongen import PythonGenerator
    from linkml_runtime import SchemaView
    from linkml_runtime.dumpers.rdflib_dumper import RDFLibDumper

    folder = tmp_path_factory.mktemp("linkml")
    module_path = folder / "peer_schema_dataclasses.py"
    module_path.write_text(PythonGenerator(str(SCHEMA)).serialize(), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("peer_schema_dataclasses", module_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)

    class Dumper(RDFLibDumper):
        def inject_triples(self, element, schemaview, graph, target_type=None):
            # Difference 1: a language map is language-tagged literals, not LanguageText nodes
            # (LinkML would mint an IRI from the bare language tag, and fails: "Unknown CURIE prefix").
            if target_type == "LanguageText":
                return Literal(element.text, lang=str(element.language))
            # Difference 2: a prefix declaration is a blank node with its prefix as a literal (same
            # failure: LinkML would mint an IRI from the bare prefix).
            if target_type == "PrefixDeclaration":
                node = BNode()
                graph.add((node, RDF.type, URIRef(PEER + "PrefixDeclaration")))
                graph.add((node, VANN.preferredNamespacePrefix, Literal(str(element.prefix))))
                graph.add((node, VANN.preferredNamespaceUri, URIRef(str(element.namespace))))
                return node
            return super().inject_triples(element, schemaview, graph, target_type)

    return module, SchemaView(str(SCHEMA)), Dumper()


def linkml_graph(linkml, files: list[Path]) -> Graph:
    from linkml_runtime.loaders import yaml_loader

    module, view, dumper = linkml
    graph = Graph()
    containers = {URIRef(model().classes["Dataset"].slots[c].uri) for c in model().containers}
    for path in files:
        obj = yaml_loader.load(str(path), target_class=module.Dataset)
        prefixes = {str(k): str(v.namespace) for k, v in (obj.prefixes or {}).items()}
        g = dumper.as_rdf_graph(obj, view, prefix_map=prefixes)
        dataset = next(g.subjects(RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")))
        # Difference 3: what files need not say: the dataset conforms to the model's IRI for its
        # version; every record is part of, and derived from, its dataset
        version = g.value(dataset, URIRef("http://schema.org/schemaVersion"))
        g.add((dataset, DCT.conformsTo, URIRef(f"https://w3id.org/peer-schema/{version}/")))
        for predicate in containers:
            for record in g.objects(dataset, predicate):
                g.add((record, DCT.isPartOf, dataset))
                g.add((record, PROV.wasDerivedFrom, dataset))
        graph += g
    return graph


def exported(paths, tmp_path: Path, fmt: str = "nt", **options) -> Graph:
    out = tmp_path / f"out.{fmt}"
    export(paths, out, fmt, **options)
    return Graph().parse(out, format=RDF_FORMATS[fmt])


def assert_same(ours: Graph, theirs: Graph) -> None:
    if isomorphic(ours, theirs):
        return
    _, only_ours, only_theirs = graph_diff(to_isomorphic(ours), to_isomorphic(theirs))

    def some(g: Graph) -> list[str]:
        return sorted(f"  {t}" for t in g.serialize(format="nt").splitlines())[:40]

    pytest.fail("\n".join(["only in the export:", *some(only_ours), "only in LinkML's graph:", *some(only_theirs)]))


@pytest.mark.parametrize("paths", [[EXAMPLES / "valid"], [EXAMPLES / "compendium"]], ids=["valid", "compendium"])
def test_graph_is_linkml_up_to_the_documented_differences(paths, linkml, tmp_path):
    files = sorted(f for p in paths for f in p.glob("*.yaml"))
    assert files
    assert_same(exported(paths, tmp_path), linkml_graph(linkml, files))


def test_every_type_of_the_model_has_a_mapping():
    ranges = {s.range for c in model().classes.values() for s in c.slots.values() if s.kind == "type"}
    assert ranges <= set(LITERALS), ranges - set(LITERALS)


def test_access_rights_map_to_the_exact_match_of_each_concept():
    from peer_schema.readers import read_document

    data = read_document(VOCAB / "metadata.yaml")
    scheme = next(s for s in data["concept_schemes"] if s["id"] == "pv:access-right")
    assert {c["notation"]: c["exact_match"] for c in scheme["concepts"]} == \
        {code: [EUA + authority] for code, authority in ACCESS_RIGHTS.items()}


# -- what the graph says ---------------------------------------------------------------------------
def test_codes_are_concepts_texts_are_language_tagged_and_provenance_is_there(tmp_path):
    g = exported([EXAMPLES / "valid"], tmp_path, "ttl")
    practice = URIRef("https://example.org/peer/practice/crisis-house")
    dataset = URIRef("https://example.org/peer/dataset/practice-2026")
    assert (practice, URIRef(PEER + "settingCategory"),
            URIRef("https://w3id.org/peer-schema/vocab/setting-category/community_based")) in g
    assert {(t.language, str(t)) for t in g.objects(practice, DCT.title)} == {
        ("en", "Peer-run crisis house (fictional)"), ("fr", "Maison de crise gérée par des pairs (fictive)")}
    assert (practice, DCT.isPartOf, dataset) in g and (practice, PROV.wasDerivedFrom, dataset) in g
    assert (dataset, DCT.accessRights, URIRef(EUA + "PUBLIC")) in g
    version = g.value(dataset, URIRef("http://schema.org/schemaVersion"))
    assert (dataset, DCT.conformsTo, URIRef(f"https://w3id.org/peer-schema/{version}/")) in g
    publisher = g.value(dataset, DCT.publisher)
    assert str(g.value(publisher, URIRef("http://schema.org/name"))) == "Pairs Ensemble (fictional)"
    scale = g.value(practice, URIRef(PEER + "scale"))
    assert isinstance(scale, BNode) and (scale, RDF.type, URIRef("http://schema.org/QuantitativeValue")) in g


def test_vocabularies_export_as_the_published_skos(tmp_path):
    """The concept schemes of vocab/ export as `peer-schema vocab --format ttl` prints them; what
    the export adds is the datasets' own nodes and each scheme's links to its dataset."""
    from peer_schema import artifacts

    ours = exported([VOCAB], tmp_path, "ttl")
    skos = Graph().parse(data=artifacts.read_text("vocabularies.ttl"), format="turtle")
    datasets = set(ours.subjects(RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")))
    assert len(datasets) == len(list(VOCAB.glob("*.yaml")))
    # the datasets' own nodes (with the blank nodes they hold), their publishers, and the links
    # between datasets and schemes
    own = set(datasets) | set(ours.subjects(RDF.type, FOAF.Agent))
    todo = list(own)
    while todo:
        for o in ours.objects(todo.pop(), None):
            if isinstance(o, BNode) and o not in own:
                own.add(o)
                todo.append(o)
    rest = Graph()
    for t in ours:
        if t[0] not in own and t[2] not in datasets:
            rest.add(t)
    assert_same(rest, skos)


# -- refusals ----------------------------------------------------------------------------------------
def test_public_export_of_peer_workers_is_refused_and_leaves_no_file(tmp_path):
    out = tmp_path / "public.ttl"
    with pytest.raises(ExportRefused) as caught:  # a public dataset that holds a peer worker
        export([EXAMPLES / "invalid" / "Dataset-public-with-peer-worker.yaml"], out, profile="public")
    assert caught.value.privacy
    assert {f.code for f in caught.value.findings} >= {"privacy.record-not-allowed"}
    assert all(f.code.startswith("privacy.") or f.severity.value == "error" for f in caught.value.findings)
    assert list(tmp_path.iterdir()) == []


def test_privacy_guard_cannot_be_switched_off_for_an_export(tmp_path):
    from peer_schema.config import Config

    config = Config({"privacy.record-not-allowed": "off", "privacy.field-not-allowed": "off"}, "test")
    with pytest.raises(ExportRefused):
        export([EXAMPLES / "invalid" / "Dataset-public-with-peer-worker.yaml"], tmp_path / "out.ttl",
               profile="public", config=config)
    assert list(tmp_path.iterdir()) == []


def test_invalid_data_is_refused(tmp_path):
    with pytest.raises(ExportRefused) as caught:
        export([EXAMPLES / "invalid" / "Organisation-missing-name.yaml"], tmp_path / "out.nt", "nt")
    assert not caught.value.privacy and caught.value.findings
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_keeps_the_earlier_output(tmp_path):
    out = tmp_path / "registry.ttl"
    export([EXAMPLES / "valid"], out)
    before = out.read_bytes()
    with pytest.raises(ProfileRefused):  # restricted data under the public profile
        export([EXAMPLES / "valid"], out, profile="public")
    with pytest.raises(ExportRefused):
        export([EXAMPLES / "invalid" / "Dataset-public-with-peer-worker.yaml"], out)
    with pytest.raises(ExportRefused):
        export([EXAMPLES / "invalid" / "PeerWorker-has-name.yaml"], out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["registry.ttl"]


def test_a_failure_while_writing_removes_the_temporary_file(tmp_path, monkeypatch):
    from peer_schema.rdf import mapping

    out = tmp_path / "registry.nt"
    out.write_text("earlier\n")

    def boom(self, *args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(mapping.Mapper, "record", boom)
    with pytest.raises(RuntimeError):
        export([EXAMPLES / "valid"], out, "nt")
    assert out.read_text() == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["registry.nt"]


def test_wrong_calls(tmp_path):
    from peer_schema.validation import UsageError

    with pytest.raises(UsageError):
        export([EXAMPLES / "valid"], tmp_path / "out.x", "n3")
    with pytest.raises(UsageError):
        export([EXAMPLES / "valid"], tmp_path / "no-such-folder" / "out.ttl")
    with pytest.raises(UsageError):
        export([EXAMPLES / "valid"], tmp_path)


# -- streaming and formats -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    """A synthetic registry, once as one JSON document and once as JSON Lines."""
    from peer_schema.synth import synthesize

    folder = tmp_path_factory.mktemp("registry")
    synthesize(80, 7, folder / "r.json", 0.0)
    synthesize(80, 7, folder / "r.jsonl", 0.0)
    return folder


def test_jsonl_is_streamed_to_the_same_graph_as_json(registry, tmp_path):
    first = json.loads((registry / "r.jsonl").open(encoding="utf-8").readline())
    assert first["@type"] == "Dataset"
    summary = export([registry / "r.jsonl"], tmp_path / "r.nt", "nt")
    assert summary.records == 80 and summary.datasets == 1
    streamed = Graph().parse(tmp_path / "r.nt", format="nt")
    assert len(streamed) == summary.triples
    assert isomorphic(streamed, exported([registry / "r.json"], tmp_path, "ttl"))


def test_jsonl_export_memory_does_not_grow_with_the_records(tmp_path):
    """The triples reach pyoxigraph's writer record by record: the export never holds the
    graph. Checked by peak Python allocations for 200 and 2,000 records."""
    import tracemalloc

    from peer_schema.synth import synthesize

    peaks = []
    for n in (200, 2000):
        synthesize(n, 3, tmp_path / f"r{n}.jsonl", 0.0)
        export([tmp_path / f"r{n}.jsonl"], tmp_path / "warm.nt", "nt")  # caches, plans, imports
        tracemalloc.start()
        export([tmp_path / f"r{n}.jsonl"], tmp_path / f"r{n}.nt", "nt")
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    assert peaks[1] < 2 * peaks[0], peaks


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_every_format_reads_back_as_the_same_graph(fmt, tmp_path):
    reference = exported([EXAMPLES / "valid"], tmp_path, "nt")
    assert isomorphic(exported([EXAMPLES / "valid"], tmp_path, fmt), reference)


def test_output_loads_into_a_pyoxigraph_store(tmp_path):
    import pyoxigraph

    out = tmp_path / "compendium.ttl"
    summary = export([EXAMPLES / "compendium"], out)
    store = pyoxigraph.Store()
    store.bulk_load(path=str(out), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == summary.triples
    rows = list(store.query("""
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?title WHERE {
          ?p a <https://w3id.org/peer-schema/Practice> ; dcterms:isPartOf ?d ; dcterms:title ?title .
          ?d a <http://www.w3.org/ns/dcat#Dataset> .
          FILTER(lang(?title) = "fr")
        }"""))
    assert rows and all(row["title"].language == "fr" for row in rows)


def test_tables_export_with_their_dataset_once(tmp_path):
    summary = export([EXAMPLES / "tables"], tmp_path / "tables.nt", "nt")
    g = Graph().parse(tmp_path / "tables.nt", format="nt")
    datasets = list(g.subjects(RDF.type, URIRef("http://www.w3.org/ns/dcat#Dataset")))
    assert len(datasets) == 1 and summary.datasets == 1
    assert len(list(g.objects(datasets[0], DCT.title))) == 2  # not repeated by each table
    records = list(g.subjects(DCT.isPartOf, datasets[0]))
    assert len(records) == summary.records


def _variant(tmp_path: Path, old: str, new: str) -> Path:
    text = (EXAMPLES / "valid" / "Organisation-association.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "in" / "Organisation.yaml"
    path.parent.mkdir()
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@pytest.mark.parametrize(("new_id", "code"), [('"ex:org/hopital<fictif>"', "structure.bad-format"),
                                              ("zz:org/hopital", "refs.undeclared-prefix")])
def test_an_identifier_that_cannot_become_an_iri_is_refused(new_id, code, tmp_path):
    """The validator accepts both (the second with a warning); neither is an IRI."""
    source = _variant(tmp_path, "id: ex:org/hopital-fictif", f"id: {new_id}")
    with pytest.raises(ExportRefused) as caught:
        export([source], tmp_path / "out.ttl")
    assert [(f.code, f.severity.value) for f in caught.value.findings] == [(code, "error")]
    assert not (tmp_path / "out.ttl").exists() and not list(tmp_path.glob(".out.ttl*"))


def test_rdf_input_exports_as_the_same_graph_as_its_yaml(tmp_path):
    pytest.importorskip("pyshacl")
    ours = exported([EXAMPLES / "rdf" / "Organisation-association.ttl"], tmp_path)
    assert isomorphic(ours, exported([EXAMPLES / "valid" / "Organisation-association.yaml"], tmp_path))


def test_turtle_terms_keep_quotes_newlines_and_datatypes():
    from peer_schema.rdf.mapping import LITERALS, iri, tagged, text
    from peer_schema.rdf.serializers import Turtle

    s, p = iri("https://example.org/peer/x"), iri("http://schema.org/name")
    triples = [(s, p, text('say "hi"\nback\\slash ^^<http://x>')), (s, p, tagged("é", "fr-BE")),
               (s, iri(PEER + "startYear"), LITERALS["Year"](2016)),
               (s, iri(PEER + "weeklyHours"), LITERALS["float"](19))]
    counter = [0]
    turtle = Turtle({"schema": "http://schema.org/", "peer": PEER, "xsd": "http://www.w3.org/2001/XMLSchema#"})
    document = turtle.header() + b"".join(turtle.chunks([triples], counter))
    g = Graph().parse(data=document.decode(), format="turtle")
    assert counter == [4] and len(g) == 4
    assert Literal('say "hi"\nback\\slash ^^<http://x>') in set(g.objects())
    assert Literal("é", lang="fr-be") in set(g.objects())
    assert Literal("19.0", datatype=rdflib.XSD.float) in set(g.objects())
    assert b"xsd:integer" in document and b"schema:name" in document
