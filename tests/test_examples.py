"""Every example behaves as labelled: valid ones pass, each invalid one fires exactly its rule."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES, files_in

from peer_schema import validate

EXPECTED = re.compile(r"^# expected: (.+)$", re.MULTILINE)


@pytest.mark.parametrize("path", files_in(EXAMPLES / "valid"), ids=lambda p: p.name)
def test_valid_example_passes(path):
    report = validate([path])
    assert report.findings == []


@pytest.mark.parametrize("path", files_in(EXAMPLES / "compendium"), ids=lambda p: p.name)
def test_compendium_passes(path):
    report = validate([path])
    assert report.findings == []


@pytest.mark.parametrize("path", files_in(EXAMPLES / "invalid"), ids=lambda p: p.name)
def test_invalid_example_fires_exactly_its_rule(path):
    match = EXPECTED.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} does not name the rule it breaks (# expected: CODE)"
    expected = set(match.group(1).split())
    report = validate([path])
    assert {f.code for f in report.findings} == expected
    assert len(report.findings) == len(expected), [f.message for f in report.findings]


def test_invalid_examples_cover_privacy_cases():
    names = {p.stem for p in files_in(EXAMPLES / "invalid")}
    assert {"PeerWorker-has-name", "PeerWorker-has-diagnosis"} <= names
