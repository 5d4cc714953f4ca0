"""Each generated artifact is accepted by its own ecosystem's reference tool, run for real:
ajv (strict mode) for the JSON Schema, the HermiT DL reasoner for the OWL ontology, linkml-lint
for the schema modules, and LinkML's own generators (gen-project) without an ERROR line.

These tests need Node.js and a Java runtime; `.ci/run` installs what is missing. Without them a
test fails, saying what to install: it is never skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, files_in

from peer_schema import artifacts
from peer_schema.readers import read_document

NODE_TOOLS = ROOT / "tests" / ".node"
SCHEMA_MODULES = files_in(ROOT / "schema")


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, **kwargs)


# ---------------------------------------------------------------------------------------------
# JSON Schema under ajv


@pytest.fixture(scope="module")
def ajv() -> list[str]:
    """The command that runs tests/.node/ajv_check.js, installing the pinned npm packages
    (tests/.node/package-lock.json) when they are not there yet."""
    node, npm = shutil.which("node"), shutil.which("npm")
    assert node and npm, "Node.js (node and npm) is needed for the ajv test: install it (apt-get install nodejs npm)"
    if not (NODE_TOOLS / "node_modules" / "ajv").is_dir():
        installed = run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(NODE_TOOLS)])
        assert installed.returncode == 0, installed.stdout + installed.stderr
    return [node, str(NODE_TOOLS / "ajv_check.js")]


def ajv_verdicts(ajv: list[str], tmp_path: Path, documents: list[Path]) -> dict[str, list]:
    """ajv's errors for each document (read by the project's reader, written out as JSON)."""
    paths = []
    for document in documents:
        path = tmp_path / (document.stem + ".json")
        path.write_text(json.dumps(read_document(document)), encoding="utf-8")
        paths.append(str(path))
    schema = tmp_path / "peer_schema.schema.json"
    schema.write_text(artifacts.read_text("peer_schema.schema.json"), encoding="utf-8")
    result = run(ajv + [str(schema), *paths])
    report = json.loads(result.stdout or "{}")
    assert report.get("compiled"), f"ajv (strict mode) refuses the schema: {report.get('error')}\n{result.stderr}"
    return {Path(p).stem: errors for p, errors in report["documents"].items()}


def test_ajv_strict_mode_compiles_the_schema_and_accepts_every_valid_example(ajv, tmp_path):
    valid = files_in(EXAMPLES / "valid")
    verdicts = ajv_verdicts(ajv, tmp_path, valid)
    assert set(verdicts) == {p.stem for p in valid}
    assert {name: errors for name, errors in verdicts.items() if errors} == {}


def test_ajv_refuses_what_our_structure_check_refuses(ajv, tmp_path):
    """ajv is a third implementation of the schema: same verdict as ours on every example."""
    from peer_schema.checks.structure import check_structure

    examples = files_in(EXAMPLES / "valid") + [
        p for p in files_in(EXAMPLES / "invalid") if "# expected: read." not in p.read_text(encoding="utf-8")
    ]
    verdicts = ajv_verdicts(ajv, tmp_path, examples)
    ours = {p.stem: bool(list(check_structure(read_document(p)))) for p in examples}
    assert any(ours.values()), "no example breaks the structure: this test would prove nothing"
    assert {name: bool(errors) for name, errors in verdicts.items()} == ours


# ---------------------------------------------------------------------------------------------
# OWL under a DL reasoner


def test_hermit_finds_the_ontology_consistent_with_every_class_satisfiable(tmp_path):
    from owlready2 import World, sync_reasoner
    from rdflib import Graph

    assert shutil.which("java"), "HermiT needs a Java runtime: install one (apt-get install default-jre-headless)"
    # owlready2 reads RDF/XML, not Turtle
    rdfxml = tmp_path / "peer_schema.owl"
    Graph().parse(data=artifacts.read_text("peer_schema.owl.ttl"), format="turtle").serialize(rdfxml, format="xml")
    world = World()
    ontology = world.get_ontology(rdfxml.as_uri()).load()
    classes = {c.name for c in ontology.classes()}
    assert {"PeerWorker", "Organisation", "ScaleFigure", "TrainingProgramme"} <= classes
    # raises OwlReadyInconsistentOntologyError when the ontology is inconsistent
    sync_reasoner(world, infer_property_values=False, debug=0)
    unsatisfiable = [c for c in world.inconsistent_classes() if c.name != "Nothing"]
    assert unsatisfiable == []


# The patterns written into the OWL file are XSD regular expressions: checked with an XSD
# engine (libxml2, through lxml) against what the LinkML pattern accepts in Python.
PATTERN_SAMPLES = {
    r"^\d+\.\d+\.\d+$": ["1.0.0", "10.2.33", "1.0", "v1.0.0", "1.0.0 ", "1.0.0\n"],
    r"^[A-Za-z_][A-Za-z0-9_.-]*$": ["pat", "pat-asbl.2", "2pat", "pa t", "a-", ""],
    r"^10\.\d{4,9}/\S+$": ["10.1234/abc", "10.123/abc", "10.12345/a b", "x10.1234/abc"],
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$": ["en", "de-CH", "EN", "e", "fr-"],
    r"^[A-Za-z_][A-Za-z0-9_.-]*:[^\s]+$": ["pat:org/x", "https://x.org/a", "pat:", "pat:a b", "1a:b"],
    r"peer(?:s)? support": ["peer support", "a peers support group", "peer", "Peer support"],
}


@pytest.mark.parametrize("pattern", PATTERN_SAMPLES)
def test_xsd_patterns_accept_what_the_linkml_patterns_accept(pattern):
    from lxml import etree

    sys.path.insert(0, str(ROOT / "scripts"))
    from generate import xsd_regex

    value = "".join(f"&#{ord(c)};" if c in '&<>"\t\n\r' else c for c in xsd_regex(pattern))
    xsd = etree.XMLSchema(etree.fromstring(
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="v"><xs:simpleType>'
        f'<xs:restriction base="xs:string"><xs:pattern value="{value}"/></xs:restriction>'
        "</xs:simpleType></xs:element></xs:schema>"
    ))
    # `$` ends the text, as in JSON Schema (ECMA-262), not before a final newline as in Python
    searched = re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)
    for sample in PATTERN_SAMPLES[pattern]:
        element = etree.Element("v")
        element.text = sample
        assert xsd.validate(element) == bool(searched.search(sample)), (pattern, sample)


def test_every_pattern_of_the_owl_file_is_an_anchorless_xsd_regex():
    from rdflib import XSD, Graph

    g = Graph().parse(data=artifacts.read_text("peer_schema.owl.ttl"), format="turtle")
    patterns = [str(p) for p in g.objects(None, XSD.pattern)]
    assert len(patterns) >= 3
    assert [p for p in patterns if p.startswith("^") or p.endswith("$") or "\\d" in p] == []


# ---------------------------------------------------------------------------------------------
# linkml-lint and LinkML's generators


def test_linkml_lint_passes_on_every_schema_module():
    """The pinned linkml's linter, with the committed .linkmllint.yaml (read from the
    repository root): exit code 0 means no error and no warning."""
    result = run([sys.executable, "-m", "linkml.linter.cli", "--verbose", "schema"])
    assert result.returncode == 0, result.stdout + result.stderr
    for module in SCHEMA_MODULES:
        assert f"schema/{module.name}" in result.stdout.replace("\\", "/"), f"{module.name} was not linted"


def test_gen_project_logs_no_error(tmp_path):
    """The generators of `gen-project` that scripts/generate.py does not run (SQL, GraphQL, ShEx,
    Java, protobuf, Excel, Python dataclasses...) read the schema without logging an ERROR. Those
    it runs are checked with its own options (test_artifacts.py)."""
    gen_project = Path(sys.executable).parent / "gen-project"
    already_checked = ["--exclude", "owl", "--exclude", "shacl", "--exclude", "jsonschema", "--exclude", "jsonldcontext"]
    result = run([str(gen_project), *already_checked, "--dir", str(tmp_path), str(ROOT / "schema" / "peer_schema.yaml")])
    assert result.returncode == 0, result.stderr[-3000:]
    errors = [line for line in (result.stdout + result.stderr).splitlines() if re.match(r"(ERROR|CRITICAL)\b", line)]
    assert errors == []
    assert (tmp_path / "sqlschema" / "peer_schema.sql").stat().st_size > 1000
