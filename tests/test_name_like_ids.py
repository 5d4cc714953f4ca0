"""A peer worker's identifier that looks like a name and a date of birth never reaches a report:
every finding that would show it (consent, references, structure...) shows `pen:pw/…1` instead
(numbered, so that two such peer workers stay two records),
with its file, line and pointer; other records' identifiers are shown as they are."""

from __future__ import annotations

import json
import subprocess
import sys

DATA = """\
id: pen:dataset/d
title: {en: D}
publisher: {id: 'https://example.org/us', name: Us}
dataset_version: '1'
schema_version: 0.2.0
license: https://creativecommons.org/licenses/by/4.0/
access_rights: restricted
created: '2026-11-02'
prefixes: {pen: 'https://example.org/peer/'}
memberships:
  - member: pen:pw/camille-dupont-1985
    federation: pen:pw/9c41d07e
peer_workers:
  - id: pen:pw/camille-dupont-1985
    role: peer_support_worker
    peer_status: lived_experience
    disclosure_consents:
      - disclosed_fields: [role]
        audiences: [federation]
        purposes: [registry_exchange]
        given_date: "2026-01-15"
  - id: pen:pw/lea.martin.12031990
    role: peer_support_worker
    peer_status: lived_experience
  - id: pen:pw/9c41d07e
    role: peer_support_worker
    peer_status: lived_experience
    disclosure_consents:
      - disclosed_fields: [role]
        audiences: [federation]
        purposes: [registry_exchange]
        given_date: "2026-01-15"
"""


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema", *args], capture_output=True, text=True)


def test_a_name_like_peer_worker_id_is_masked_in_every_finding(tmp_path):
    path = tmp_path / "pen.yaml"
    path.write_text(DATA, encoding="utf-8")
    for lang in ("en", "fr"):
        text = run("validate", "--lang", lang, str(path))
        out = run("validate", "--format", "json", "--lang", lang, str(path))
        assert "Traceback" not in text.stderr + out.stderr
        shown = text.stdout + out.stdout
        assert not [word for word in ("camille", "dupont", "1985", "lea", "martin", "1990") if word in shown]
        findings = json.loads(out.stdout)["findings"]
        codes = {f["code"] for f in findings}
        assert "personal.name-in-identifier" in codes and "consent.field-not-covered" in codes
        assert any(f["code"].startswith("refs.") for f in findings), codes
        masked = [f for f in findings if f.get("record_id") == "pen:pw/…1"]
        # the peer worker's own findings still say where it is
        assert masked and all(f["pointer"].startswith("/peer_workers/0") and f["line"] for f in masked)
        assert any("pen:pw/…1" in f["message"] for f in findings if f["code"].startswith("refs."))
        # a second one keeps its own stand-in and its own place
        assert {f["pointer"] for f in findings if f.get("record_id") == "pen:pw/…2"} == {"/peer_workers/1"}
        # the random identifier is shown as it is
        assert any(f.get("record_id") == "pen:pw/9c41d07e" for f in findings)
        assert "pen:pw/9c41d07e" in text.stdout and " pen:pw/…1)" in text.stdout


def test_the_first_finding_of_a_stopped_run_is_masked_too(tmp_path):
    """--max-errors 1 stops on the structure finding made before the record's other checks."""
    path = tmp_path / "pen.yaml"
    path.write_text(DATA, encoding="utf-8")
    report = json.loads(run("validate", "--max-errors", "1", "--format", "json", str(path)).stdout)
    assert report["truncated"] and report["findings"][0]["record_id"] == "pen:pw/…1"
    assert "camille" not in json.dumps(report, ensure_ascii=False)
