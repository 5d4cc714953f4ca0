"""One contract: every RDF the tool writes conforms to the SHACL shapes generated from the model,
checked by an independent SHACL engine (pySHACL), and reads back through `peer-schema validate`
as the same records with nothing to report (issue 10).

What is written: `export` in each format, the embedded store after `store load` (data and
vocabularies), and the SKOS vocabularies (`vocabularies.ttl`, `peer-schema vocab --format ttl`).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pyshacl = pytest.importorskip("pyshacl")
from rdflib import Graph  # noqa: E402

from peer_schema import artifacts, validate  # noqa: E402
from peer_schema.rdf import export  # noqa: E402
from peer_schema.rdf import store as rdf_store  # noqa: E402

from conftest import EXAMPLES, VOCAB  # noqa: E402

RDFLIB = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdfxml": "xml"}
SOURCES = {
    "valid": [EXAMPLES / "valid"],
    "compendium": [EXAMPLES / "compendium"],
    "vocabularies": [VOCAB],
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(data=artifacts.read_text("peer_schema.shacl.ttl"), format="turtle")


def violations(data: Graph, shapes: Graph) -> list[str]:
    """pySHACL's results, one line each (empty when the graph conforms)."""
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=False)
    if conforms:
        return []
    return [line for line in text.splitlines() if "Message:" in line][:20] or [text[:2000]]


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    """A valid synthetic registry with every kind of record, peer workers and consents included."""
    from peer_schema.synth import synthesize

    folder = tmp_path_factory.mktemp("registry")
    synthesize(60, 11, folder / "registry.json", 0.0)
    return folder / "registry.json"


@pytest.mark.parametrize("source", [*SOURCES, "synthetic"])
def test_the_turtle_export_conforms_to_the_shapes(source, shapes, registry, tmp_path):
    paths = [registry] if source == "synthetic" else SOURCES[source]
    out = tmp_path / "out.ttl"
    export(paths, out, "ttl")
    assert violations(Graph().parse(out, format="turtle"), shapes) == []


@pytest.mark.parametrize("fmt", ["nt", "jsonld", "rdfxml"])
def test_every_format_conforms_to_the_shapes(fmt, shapes, tmp_path):
    out = tmp_path / f"out.{fmt}"
    export([EXAMPLES / "valid", EXAMPLES / "compendium"], out, fmt)
    assert violations(Graph().parse(out, format=RDFLIB[fmt]), shapes) == []


def test_the_shipped_vocabularies_conform_to_the_shapes(shapes):
    skos = Graph().parse(data=artifacts.read_text("vocabularies.ttl"), format="turtle")
    assert len(skos) > 1000
    assert violations(skos, shapes) == []


def test_the_store_conforms_to_the_shapes(shapes, registry, tmp_path):
    """What `store load` puts in the store (the exports and the vocabularies), read back out."""
    folder = tmp_path / "store"
    loaded = rdf_store.load([EXAMPLES / "valid", EXAMPLES / "compendium", registry], folder)
    db = rdf_store.open_read_only(folder)
    dump = tmp_path / "dump.nt"
    db.dump(str(dump), format=__import__("pyoxigraph").RdfFormat.N_TRIPLES, from_graph=__import__("pyoxigraph").DefaultGraph())
    graph = Graph().parse(dump, format="nt")
    assert len(graph) == len(db)
    assert loaded >= len(graph) > 0
    assert violations(graph, shapes) == []


@pytest.mark.parametrize("source", [*SOURCES, "synthetic"])
@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_validate_on_an_export_reports_what_the_files_report(source, fmt, registry, tmp_path):
    """The export of valid data validates with nothing more to say than the files themselves
    (the compendium has one warning, a partner outside the Council of Europe), and its records
    are the files' records."""
    from peer_schema.readers.datasets import read_datasets
    from peer_schema.readers.rdf import read_rdf
    from peer_schema.readers.rdf_records import records_from_graph

    paths = [registry] if source == "synthetic" else SOURCES[source]
    out = tmp_path / f"out.{fmt}"
    export(paths, out, fmt)
    from_files, from_rdf = validate(paths), validate([out])
    assert not from_rdf.findings or all(f.severity.value == "warning" for f in from_rdf.findings)
    assert sorted((f.code, f.record_id) for f in from_rdf.findings) == \
        sorted((f.code, f.record_id) for f in from_files.findings)
    assert from_rdf.records == from_files.records

    def key(cls, rec):
        return cls, json.dumps(rec, sort_keys=True, default=str)

    files = [p for folder in paths for p in ([folder] if folder.is_file() else sorted(folder.glob("*.yaml")))]
    expected = set()
    for data in read_datasets(files):
        from peer_schema.model import model

        for container, cls in model().containers.items():
            for rec in data.get(container) or ():
                expected.add(key(cls, canonical(rec)))
    graph = read_rdf(out.read_text(encoding="utf-8"), {"ttl": "turtle", "jsonld": "jsonld"}[fmt], str(out))
    got = {key(cls, canonical(rec)) for cls, rec, _ in records_from_graph(graph.graph, graph.prefixes)
           if cls != "Dataset"}
    assert got == expected


def canonical(value):
    """What RDF cannot tell apart: list order, 1 and 1.0."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return float(value)


@pytest.mark.parametrize("fmt", ["nt", "ttl"])
def test_the_count_of_triples_is_the_count_of_distinct_triples(fmt, tmp_path):
    """Datasets sharing a publisher write its node once; a triple is never written twice."""
    out = tmp_path / f"out.{fmt}"
    summary = export([EXAMPLES / "valid", EXAMPLES / "compendium"], out, fmt)
    graph = Graph().parse(out, format=RDFLIB[fmt])
    assert summary.triples == len(graph)
    if fmt == "nt":
        lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(lines) == len(set(lines)) == summary.triples


def test_an_rdfxml_export_named_rdfxml_validates(tmp_path):
    """`export --to rdfxml -o x.rdfxml` writes a file `validate` reads by its extension."""
    from peer_schema.cli import main

    out = tmp_path / "x.rdfxml"
    assert main(["export", str(EXAMPLES / "valid"), "--to", "rdfxml", "-o", str(out)]) == 0
    assert main(["validate", str(out)]) == 0
