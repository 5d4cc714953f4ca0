"""Loading the same files twice: nothing changes. A dataset the store holds, loaded again from
other or changed files: refused, the store unchanged (saved questions would count its records
twice). The vocabularies replace their own earlier triples. The Oxigraph server's side is
in tests/test_endpoint.py (test_loading_a_dataset_again_is_refused_on_the_server)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

pyoxigraph = pytest.importorskip("pyoxigraph")

from peer_schema.rdf import store, store_files  # noqa: E402
from peer_schema.rdf.queries import list_questions, run_question, run_sparql  # noqa: E402
from peer_schema.rdf.store import DatasetsAlreadyLoaded  # noqa: E402

from conftest import EXAMPLES  # noqa: E402

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONCEPT = "https://w3id.org/peer-schema/vocab/organisation-kind/peer_operated_service"
SKOS_LABEL = "http://www.w3.org/2004/02/skos/core#prefLabel"


def _unordered(cell):
    """A GROUP_CONCAT cell as the set of what it joins: SPARQL leaves the order of its parts to
    the engine, which may change when the store's triples are written again."""
    if isinstance(cell, str) and (" | " in cell or " " in cell):
        return " ".join(sorted(cell.replace(" | ", " ").split()))
    return cell


def answers(folder) -> dict:
    return {q.name: sorted(repr(tuple(map(_unordered, row))) for row in run_question(q.name, store_dir=folder).rows)
            for q in list_questions()}


def test_loading_the_same_files_again_changes_nothing(tmp_path):
    folder = tmp_path / "store"
    store.load([EXAMPLES / "compendium"], folder)
    before, triples = answers(folder), run_sparql(COUNT, folder).rows
    manifest = (folder / store_files.MANIFEST).read_bytes()
    assert store.load([EXAMPLES / "compendium"], folder) == 0
    assert (folder / store_files.MANIFEST).read_bytes() == manifest
    assert answers(folder) == before and run_sparql(COUNT, folder).rows == triples
    store.load([EXAMPLES / "valid"], folder)  # after another dataset, still nothing to do
    after = answers(folder)
    assert store.load([EXAMPLES / "compendium"], folder) == 0 and answers(folder) == after


def test_loading_a_dataset_again_changed_is_refused_and_changes_nothing(tmp_path):
    folder = tmp_path / "store"
    store.load([EXAMPLES / "compendium"], folder)
    before, triples = answers(folder), run_sparql(COUNT, folder).rows
    manifest = (folder / store_files.MANIFEST).read_bytes()
    changed = tmp_path / "compendium"
    shutil.copytree(EXAMPLES / "compendium", changed)
    text = (changed / "compendium.yaml").read_text(encoding="utf-8")
    (changed / "compendium.yaml").write_text(text.replace("Mind", "Mind (renamed)", 1), encoding="utf-8")
    with pytest.raises(DatasetsAlreadyLoaded, match="already holds the dataset.*compendium-peer-support.*--replace") \
            as refused:
        store.load([changed], folder)
    assert len(refused.value.datasets) == 4
    # one file of the four is enough: its dataset is there
    with pytest.raises(DatasetsAlreadyLoaded, match="compendium-part-ii-sections"):
        store.load([EXAMPLES / "compendium" / "part-ii-sections.yaml"], folder)
    assert (folder / store_files.MANIFEST).read_bytes() == manifest
    assert answers(folder) == before and run_sparql(COUNT, folder).rows == triples
    assert not list(tmp_path.glob(".store.*"))

    store.load([EXAMPLES / "valid"], folder)  # another dataset is added
    assert answers(folder) != before
    store.load([EXAMPLES / "compendium"], folder, replace=True)  # --replace: the store holds this load only
    assert answers(folder) == before and run_sparql(COUNT, folder).rows == triples


def test_the_command_says_so_with_exit_code_2(tmp_path):
    folder = tmp_path / "store"
    store.load([EXAMPLES / "compendium"], folder)
    done = subprocess.run([sys.executable, "-m", "peer_schema", "store", "load",
                           str(EXAMPLES / "compendium" / "part-ii-sections.yaml"), "--store", str(folder)],
                          capture_output=True, text=True)
    assert done.returncode == 2, done.stderr
    assert "already holds the dataset(s)" in done.stderr and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_the_vocabularies_replace_their_earlier_triples(tmp_path):
    """A store loaded by an older package holds older labels: a later load leaves only the current ones."""
    folder = tmp_path / "store"
    store.load([EXAMPLES / "compendium"], folder)
    labels = "SELECT ?label WHERE { <%s> <%s> ?label } ORDER BY ?label" % (CONCEPT, SKOS_LABEL)
    current = run_sparql(labels, folder).rows
    db = store.open_for_writing(folder)  # as an older package would have left it: one more label
    db.add(pyoxigraph.Quad(pyoxigraph.NamedNode(CONCEPT), pyoxigraph.NamedNode(SKOS_LABEL),
                           pyoxigraph.Literal("Peer-run service (old label)", language="en")))
    db.flush()
    del db
    store_files.write_manifest(folder, 0)
    assert len(run_sparql(labels, folder).rows) == len(current) + 1

    store.load([EXAMPLES / "valid"], folder)
    assert run_sparql(labels, folder).rows == current
    vocabulary = "SELECT (COUNT(*) AS ?n) WHERE { <%s> ?p ?o }" % CONCEPT
    fresh = tmp_path / "fresh"
    store.load([EXAMPLES / "valid"], fresh)
    assert run_sparql(vocabulary, folder).rows == run_sparql(vocabulary, fresh).rows
