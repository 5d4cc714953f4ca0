"""The structure layer: one finding per problem, pointing at the record, in words people can act on."""

from __future__ import annotations

import copy

import pytest
from conftest import EXAMPLES

from peer_schema.checks.structure import check_structure
from peer_schema.readers import read_document


@pytest.fixture
def workforce():
    """Peer workers, with the organisations of the file beside it added in."""
    data = read_document(EXAMPLES / "valid" / "PeerWorker-with-consent.yaml")
    data["organisations"] = read_document(EXAMPLES / "valid" / "Organisation-association.yaml")["organisations"]
    return data


def test_every_problem_is_reported_in_one_pass(workforce):
    data = copy.deepcopy(workforce)
    data["peer_workers"][0]["weekly_hours"] = 200
    data["peer_workers"][1]["employment_status"] = "sometimes"
    data["organisations"][0]["country"] = "Atlantis"
    findings = list(check_structure(data))
    assert sorted(f.pointer for f in findings) == [
        "/organisations/0/country",
        "/peer_workers/0/weekly_hours",
        "/peer_workers/1/employment_status",
    ]


def test_messages_about_a_peer_worker_never_repeat_the_value(workforce):
    data = copy.deepcopy(workforce)
    data["peer_workers"][0]["role"] = "recovering from psychosis"
    data["peer_workers"][0]["weekly_hours"] = "part time after my hospital stay"
    findings = list(check_structure(data))
    assert len(findings) == 2
    for f in findings:
        for lang in ("en", "fr"):
            assert "psychosis" not in f.message(lang) and "hospital" not in f.message(lang)
        assert f.record_id == "ex:pw/7f3a9c"


def test_a_label_instead_of_a_code_gets_the_code_suggested(workforce):
    data = copy.deepcopy(workforce)
    data["organisations"][0]["country"] = "Belgique"
    (finding,) = check_structure(data)
    assert finding.code == "vocab.unknown-code"
    assert '"BE"' in finding.message()


def test_optional_values_report_the_real_problem_not_the_null_alternative(workforce):
    data = copy.deepcopy(workforce)
    data["organisations"][1]["country"] = "Belgium"
    (finding,) = check_structure(data)
    assert "null" not in finding.message()
