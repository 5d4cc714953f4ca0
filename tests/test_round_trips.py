"""Round trips under hypothesis: JSON -> workbook -> JSON gives back the same records, and
JSON -> RDF -> JSON gives back the same records where RDF can tell them apart.

What a workbook cannot hold, and the strategies therefore never draw (tests/strategies.py):
spaces around a text (cells are trimmed) and `|` inside a value of a list (it separates values).
What RDF cannot tell apart: the order of a list and the same value twice (RDF has sets),
1 and 1.0 (compared as numbers). The dataset's own node is left out of the RDF comparison: the
exporter adds the provenance DCAT-AP asks for (access rights as the EU authority's concept, the
model it conforms to), so it is richer than the header it comes from.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from strategies import dataset

from peer_schema.readers.datasets import read_datasets
from peer_schema.sheets.writer import write_workbook

SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                           HealthCheck.data_too_large])


@SETTINGS
@given(dataset())
def test_json_to_workbook_to_json_gives_back_the_same_records(data):
    for lang in ("en", "fr"):
        with tempfile.TemporaryDirectory() as folder:
            path = write_workbook(Path(folder) / "data.xlsx", lang, data)
            [back] = read_datasets([path])
        assert back == data, lang


def canonical(value):
    """Numbers as floats, lists as sorted sets: what RDF cannot tell apart."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return json.dumps(float(value))
    if isinstance(value, list):
        return "[" + ",".join(sorted({canonical(v) for v in value})) + "]"
    return "{" + ",".join(f"{json.dumps(k)}:{canonical(v)}" for k, v in sorted(value.items())) + "}"


ALL_RECORDS = ("Organisation", "Membership", "TrainingProgramme", "PeerWorker", "CompendiumSection", "Practice")


def _rdf_round_trip(data: dict):
    """The dataset as the exporter maps it (N-Triples), and the records read back from it."""
    from peer_schema.model import model
    from peer_schema.rdf.mapping import Context, Mapper
    from peer_schema.readers.rdf import read_rdf
    from peer_schema.readers.rdf_records import records_from_graph

    mapper, ctx = Mapper(), Context(data)
    triples = mapper.dataset(data, ctx)
    for container, cls in model().containers.items():
        for rec in data.get(container) or ():
            triples += mapper.record(cls, rec, ctx)
    text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples)
    graph = read_rdf(text, "ntriples", "round-trip.nt")
    return text, list(records_from_graph(graph.graph, data.get("prefixes")))


def _as_records(data: dict) -> list[tuple[str, dict]]:
    from peer_schema.model import model

    m = model()
    out = [("Dataset", {k: v for k, v in data.items() if k not in m.containers})]
    return out + [(cls, rec) for container, cls in m.containers.items() for rec in data.get(container) or ()]


@SETTINGS
@given(dataset(ALL_RECORDS))
def test_json_to_rdf_to_json_gives_back_the_same_records(data):
    """Every class, the dataset's own header included: what the exporter adds from where a record
    sits (its dataset, the model's version IRI) is left out again by the reader."""
    _, got = _rdf_round_trip(data)
    got = [(cls, rec) for cls, rec, _ in got]
    assert sorted(f"{c} {canonical(r)}" for c, r in got) == sorted(f"{c} {canonical(r)}" for c, r in _as_records(data))


def test_the_vocabularies_go_through_rdf_and_back_unchanged():
    """Concept schemes (SKOS: inScheme, topConceptOf, narrower written from the nesting) come back
    as vocab/*.yaml lists them."""
    from conftest import VOCAB

    from peer_schema.readers import read_document

    for path in sorted(VOCAB.glob("*.yaml")):
        data = read_document(path)
        _, got = _rdf_round_trip(data)
        got = [(cls, rec) for cls, rec, _ in got]
        assert sorted(f"{c} {canonical(r)}" for c, r in got) == \
            sorted(f"{c} {canonical(r)}" for c, r in _as_records(data)), path.name