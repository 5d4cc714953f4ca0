"""The run as a whole: profiles, languages, project files, limits, streams, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import pytest
from conftest import EXAMPLES

from peer_schema import validate
from peer_schema.config import ConfigError, load_config
from peer_schema.validation import ProfileRefused
from peer_schema.report import Severity

WORKFORCE = EXAMPLES / "valid" / "PeerWorker-with-consent.yaml"


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True, cwd=cwd)


def codes(report):
    return sorted(f.code for f in report.findings)


def test_the_profile_comes_from_the_access_rights_and_can_be_overridden():
    folder = [EXAMPLES / "valid"]
    assert validate(folder).findings == []  # restricted -> federation profile: consents cover it
    with pytest.raises(ProfileRefused, match="access_rights restricted"):  # a profile never loosens access
        validate(folder, profile="public")
    public_only = [p for p in folder[0].glob("*.yaml") if "access_rights: public" in p.read_text(encoding="utf-8")]
    assert validate(public_only, profile="public").findings == []
    public = validate([EXAMPLES / "invalid" / "Dataset-public-with-peer-worker.yaml"], profile="public")
    assert set(codes(public)) == {"privacy.record-not-allowed"}
    assert {f.record_id for f in public.findings} == {"ex:pw/7f3a9c"}
    assert validate(folder, profile="internal").findings == []


def test_consent_is_judged_on_the_day_of_the_check():
    later = validate([EXAMPLES / "valid"], today=date(2027, 10, 1))  # the first consent's review date has passed
    assert codes(later) == ["consent.review-overdue"]


def test_messages_and_hints_in_french():
    report = validate([EXAMPLES / "invalid" / "Organisation-missing-name.yaml"], lang="fr")
    data = report.to_dict()
    assert data["findings"][0]["message"] == "le champ « name » est obligatoire ici"
    assert "Ajoutez le champ" in data["findings"][0]["hint"]


def test_findings_carry_line_and_column_in_yaml():
    (finding,) = validate([EXAMPLES / "invalid" / "Organisation-peer-operated-below-51.yaml"]).findings
    assert (finding.line, finding.column) == (21, 28)


def test_project_file_changes_severities_and_the_report_says_so(tmp_path):
    (tmp_path / "peer-schema.toml").write_text(
        '[severity]\n"rules.session-too-long" = "error"\n"rules.basic-elements-missing" = "off"\n', encoding="utf-8"
    )
    config = load_config(folder=tmp_path)
    report = validate([EXAMPLES / "invalid" / "TrainingProgramme-session-too-long.yaml"], config=config)
    (finding,) = report.findings
    assert finding.severity is Severity.ERROR and finding.default_severity is Severity.WARNING
    assert report.overrides == [{"code": "rules.session-too-long", "from": "warning", "to": "error",
                                 "source": str(tmp_path / "peer-schema.toml")}]
    silenced = validate([EXAMPLES / "invalid" / "TrainingProgramme-basic-missing-elements.yaml"], config=config)
    assert silenced.findings == [] and silenced.overrides[0]["to"] == "off"


def test_pyproject_table_is_read(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.peer-schema.severity]\n"rules.country-outside-coe" = "off"\n')
    result = cli("validate", "--strict", str(EXAMPLES.resolve() / "compendium"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("content", [
    '[severity]\n"no.such-code" = "error"\n',
    '[severity]\n"rules.session-too-long" = "fatal"\n',
    '[severity]\n"read.syntax" = "off"\n',
    "[severity\n",
])
def test_a_wrong_project_file_is_exit_2(tmp_path, content):
    (tmp_path / "peer-schema.toml").write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(folder=tmp_path)
    result = cli("validate", str(EXAMPLES.resolve() / "valid"), cwd=tmp_path)
    assert result.returncode == 2 and "peer-schema.toml" in result.stderr


def test_max_errors_stops_early():
    report = validate([EXAMPLES / "invalid"], max_errors=3)
    assert report.truncated and report.count(Severity.ERROR) == 3


def test_every_finding_is_found_in_one_pass():
    report = validate([EXAMPLES / "invalid"])
    fired = {f.code for f in report.findings}
    assert len(fired) >= 25


def test_json_lines_are_streamed_record_by_record(tmp_path):
    lines = [
        {"@type": "Dataset", "id": "ex:d", "title": {"en": "t"}, "publisher": {"id": "https://example.org", "name": "x"},
         "dataset_version": "1", "schema_version": "0.1.0", "license": "https://example.org/l",
         "access_rights": "public", "created": "2026-01-01", "prefixes": {"ex": "https://example.org/"}},
        {"@type": "Organisation", "id": "ex:org/1", "name": "One", "organisation_kinds": ["ngo"], "country": "BE"},
        {"@type": "Membership", "member": "ex:org/1", "federation": "ex:org/2"},
        {"@type": "Organisation", "id": "ex:org/2", "name": "Two", "organisation_kinds": ["federation"], "staff_count": -1},
        {"@type": "Nonsense", "id": "ex:x"},
    ]
    path = tmp_path / "registry.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + '\n{"@type": "Organisation", "id": ', encoding="utf-8")
    report = validate([path])
    found = {(f.code, f.line) for f in report.findings}
    assert found == {("structure.out-of-range", 4), ("structure.invalid", 5), ("read.syntax", 6)}
    assert report.records == 3  # the forward reference from line 3 resolved at the end


def test_unreadable_jsonl_line_makes_exit_2(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"@type": "Organisation", "id": "ex:o", "name": "N\xe9", "organisation_kinds": ["ngo"]}\n')
    result = cli("validate", "--format", "json", str(path))
    assert result.returncode == 2
    assert json.loads(result.stdout)["findings"][0]["code"] == "read.encoding"


@pytest.mark.parametrize(("name", "content", "code"), [
    ("huge.json", '{"a": ' + "9" * 5000 + "}", "read.huge-number"),
    ("inf.json", '{"a": 1e400}', "read.huge-number"),
    ("huge.yaml", "a: " + "9" * 5000 + "\n", "read.huge-number"),
])
def test_huge_numbers_are_refused(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert codes(validate([path])) == [code]


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "sarif"])
def test_every_report_format_keeps_the_exit_code(fmt):
    result = cli("validate", "--format", fmt, str(EXAMPLES / "invalid" / "PeerWorker-has-name.yaml"))
    assert result.returncode == 1
    assert "structure.unknown-field" in result.stdout


def test_input_format_override(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text((EXAMPLES / "invalid" / "Organisation-missing-name.yaml").read_text(), encoding="utf-8")
    assert cli("validate", str(path)).returncode == 2
    assert codes(validate([path], input_format="yaml")) == ["structure.required"]


def test_findings_carry_line_and_column_in_json(tmp_path):
    data = json.loads(json.dumps(__import__("yaml").safe_load(
        (EXAMPLES / "invalid" / "Organisation-peer-operated-below-51.yaml").read_text())))
    data["created"] = "2026-11-02"
    path = tmp_path / "org.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (finding,) = validate([path]).findings
    line = path.read_text().splitlines()[finding.line - 1]
    assert line[finding.column - 1:].startswith("30")  # the value of peer_governance_share
    minified = tmp_path / "min.json"
    minified.write_text(json.dumps(data), encoding="utf-8")
    (finding,) = validate([minified]).findings
    assert finding.line == 1 and minified.read_text()[finding.column - 1:].startswith("30")


def test_progress_is_reported_per_file_and_every_10000_records(tmp_path):
    from peer_schema.synth import synthesize

    path = tmp_path / "registry.jsonl"
    synthesize(25_000, 1, path)
    calls = []
    validate([path, EXAMPLES / "valid"], progress=lambda *args: calls.append(args))
    assert calls[0] == (0, 5, str(path), 0)  # the folder counts as its four files
    assert [c[3] for c in calls if c[0] == 0][1:] == [10_000, 20_000]
    assert calls[-1][:2] == (5, 5) and calls[-1][3] == 25_000 + 9


def test_progress_bar_draws_on_a_terminal():
    """Run under a real pseudo-terminal, as a person would see it."""
    import pty

    out = []
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command, its stderr on the terminal
        os.execv(sys.executable, [sys.executable, "-m", "peer_schema.cli", "validate", str(EXAMPLES / "valid")])
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        out.append(chunk)
    os.waitpid(pid, 0)
    text = b"".join(out).decode()
    assert "4/4 files" in text and "records" in text


def test_a_code_suggestion_is_in_the_report_language():
    path = EXAMPLES / "invalid" / "Organisation-country-name-instead-of-code.yaml"
    (fr,) = validate([path], lang="fr").findings
    assert fr.message("fr").endswith("écrivez le code « BE »")
    assert fr.message("en").endswith('write the code "BE"')
