"""Every example behaves as labelled: valid ones pass, each invalid one fires exactly its rule."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES, files_in

from peer_schema import validate

EXPECTED = re.compile(r"^# expected: (.+)$", re.MULTILINE)


def test_valid_examples_pass_together():
    """The files of examples/valid/ form one registry, with references across files."""
    files_in(EXAMPLES / "valid")
    report = validate([EXAMPLES / "valid"])
    assert report.findings == []
    assert report.records >= 8


def test_valid_examples_refer_across_files():
    alone = validate([EXAMPLES / "valid" / "PeerWorker-with-consent.yaml"])
    # a peer worker's references: which field of which record, never what the cell holds
    assert {f.code for f in alone.findings} == {"refs.dangling-private"}


def test_compendium_is_valid():
    files_in(EXAMPLES / "compendium")
    report = validate([EXAMPLES / "compendium"])
    assert report.valid, [f.message() for f in report.findings]
    # the Tuto3 PAT partner in Québec is outside the Council of Europe: a warning, as it should be
    assert {(f.code, f.record_id) for f in report.findings} == {
        ("rules.country-outside-coe", "coe:org/ciusss-est-montreal")
    }


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


#: no generated shape has sh:Warning or sh:Info: these two are tested with hand-made shapes in test_rdf_input.py
SHAPE_SEVERITY_CODES = {"shacl.warning", "shacl.info"}


def test_every_code_of_the_catalogue_has_an_example():
    """Each code names its example: a file here that fires exactly it, or (read errors that
    need a huge or broken file) a description tested in test_readers.py."""
    from peer_schema.report.catalogue import CATALOGUE

    examples = files_in(EXAMPLES / "invalid") + files_in(EXAMPLES / "invalid", "*.ttl")
    fired = {EXPECTED.search(p.read_text(encoding="utf-8")).group(1) for p in examples}
    for code, entry in CATALOGUE.items():
        if entry.example.endswith((".yaml", ".ttl")):
            assert (EXAMPLES / "invalid" / entry.example).exists(), code
            assert EXPECTED.search((EXAMPLES / "invalid" / entry.example).read_text(encoding="utf-8")).group(1) == code
        else:
            # read errors need broken files; table warnings need workbooks: tests/test_workbook.py
            assert code.startswith(("read.", "table.", "structure.invalid")) or code in fired | SHAPE_SEVERITY_CODES, \
                f"{code} has no example file"
    assert {c for c in CATALOGUE if not c.startswith(("read.", "table."))} - {"structure.invalid"} - SHAPE_SEVERITY_CODES <= fired
