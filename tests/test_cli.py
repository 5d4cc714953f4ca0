"""The command line, run as users run it: a real process, real files, documented exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import EXAMPLES


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True)


def test_validate_valid_examples_exits_0():
    result = run("validate", str(EXAMPLES / "valid"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems" in result.stdout


def test_warnings_pass_unless_strict():
    assert run("validate", str(EXAMPLES / "compendium")).returncode == 0
    strict = run("validate", "--strict", str(EXAMPLES / "compendium"))
    assert strict.returncode == 1
    assert "rules.country-outside-coe" in strict.stdout


def test_validate_invalid_example_exits_1_with_a_json_report():
    result = run("validate", "--format", "json", str(EXAMPLES / "invalid" / "PeerWorker-has-name.yaml"))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False
    assert report["findings"][0]["code"] == "structure.unknown-field"
    assert report["findings"][0]["pointer"] == "/peer_workers/0"
    assert report["findings"][0]["record_id"] == "ex:pw/7f3a9c"


def test_unreadable_input_exits_2():
    result = run("validate", str(EXAMPLES / "invalid" / "Dataset-yaml-alias.yaml"))
    assert result.returncode == 2
    assert "alias" in result.stdout


def test_missing_path_and_wrong_call_exit_2():
    assert run("validate", "no/such/file.yaml").returncode == 2
    assert run("validate", "--format", "xml", "x").returncode == 2
    assert run("frobnicate").returncode == 2


@pytest.mark.parametrize("fmt", ["json-schema", "jsonld-context"])
def test_schema_prints_json_artifacts(fmt):
    result = run("schema", "--format", fmt)
    assert result.returncode == 0
    assert json.loads(result.stdout)


@pytest.mark.parametrize("fmt", ["shacl", "owl"])
def test_schema_prints_turtle_artifacts(fmt):
    from rdflib import Graph

    result = run("schema", "--format", fmt)
    assert result.returncode == 0
    assert len(Graph().parse(data=result.stdout, format="turtle")) > 0


def test_vocab_prints_skos_turtle():
    from rdflib import RDF, SKOS, Graph

    result = run("vocab", "--format", "ttl")
    assert result.returncode == 0
    g = Graph().parse(data=result.stdout, format="turtle")
    assert len(set(g.subjects(RDF.type, SKOS.ConceptScheme))) >= 30


def test_export_writes_rdf_and_refuses_a_leaking_public_export(tmp_path):
    from rdflib import Graph

    out = tmp_path / "compendium.ttl"
    result = run("export", str(EXAMPLES / "compendium"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert len(Graph().parse(out, format="turtle")) > 500
    refused = tmp_path / "public.ttl"
    result = run("export", str(EXAMPLES / "invalid" / "Dataset-public-with-peer-worker.yaml"), "--profile", "public",
                 "-o", str(refused))
    assert result.returncode == 1
    assert "privacy.record-not-allowed" in result.stderr and not refused.exists()
    result = run("export", str(EXAMPLES / "valid"), "--profile", "public", "-o", str(refused))
    assert result.returncode == 2  # restricted data: the public profile would loosen its access
    assert "access_rights restricted" in result.stderr and not refused.exists()


def test_store_load_and_saved_question(tmp_path):
    store = tmp_path / "store"
    assert run("store", "load", str(EXAMPLES / "compendium"), "--store", str(store)).returncode == 0
    result = run("query", "practices-by-setting-and-country", "--store", str(store), "--param", "country=FR",
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert "Médiateur de santé pair" in json.dumps(rows, ensure_ascii=False)
    assert run("query", "no-such-question", "--store", str(store)).returncode == 2
    assert run("query", "practices-by-setting-and-country", "--store", str(store),
               "--param", "country=Atlantis").returncode == 2
    listing = run("query", "--list")
    assert listing.returncode == 0 and "competencies-covered-by-training" in listing.stdout
