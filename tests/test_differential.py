"""Differential test: LinkML's own validator (the engine of `linkml-validate`, run in-process
with the same schema, closed like ours) beside peer_schema's structure layer. Every record one
rejects on structure, the other rejects too.

One deliberate difference: peer_schema also checks that the keys of a multilingual map are
language tags (`{english: ...}` is refused); LinkML's generated JSON Schema does not. Such
records are left out of the comparison, and the difference is documented in docs/codes.md.
"""

from __future__ import annotations

import re
from functools import cache

import pytest
from conftest import EXAMPLES, SCHEMA, files_in

from peer_schema.checks.structure import check_structure
from peer_schema.readers import read_document

PATH_IN_MESSAGE = re.compile(r" in (/\S*)$")
STRUCTURE = ("structure.", "vocab.")


@cache
def linkml_validator():
    from linkml.validator import Validator
    from linkml.validator.plugins import JsonschemaValidationPlugin

    return Validator(str(SCHEMA), validation_plugins=[JsonschemaValidationPlugin(closed=True)])


def record_of(pointer: str) -> str:
    """/organisations/3/name -> /organisations/3 ; /schema_version -> "" (the dataset itself)."""
    parts = pointer.split("/")
    return "/".join(parts[:3]) if len(parts) > 2 and parts[2].isdigit() else ""


def rejected_by_linkml(data) -> set[str]:
    results = linkml_validator().validate(data, "Dataset").results
    found = set()
    for r in results:
        match = PATH_IN_MESSAGE.search(r.message)
        found.add(record_of(match.group(1)) if match else "")
    return found


def rejected_by_us(data) -> tuple[set[str], set[str]]:
    """Records we reject, and those rejected only for a language key (the known difference)."""
    findings = [f for f in check_structure(data) if f.code.startswith(STRUCTURE)]
    language_only = {record_of(f.pointer) for f in findings if f.code == "structure.bad-format"
                     and f.params.get("field") in {"title", "description", "pref_label", "definition",
                                                   "scope_note", "evaluation_summary"}}
    return {record_of(f.pointer) for f in findings}, language_only


def structure_examples():
    return files_in(EXAMPLES / "valid") + [
        p for p in files_in(EXAMPLES / "invalid") if "# expected: read." not in p.read_text(encoding="utf-8")
    ] + files_in(EXAMPLES / "compendium")


@pytest.mark.parametrize("path", structure_examples(), ids=lambda p: p.name)
def test_examples_are_rejected_alike(path):
    data = read_document(path)
    ours, language_only = rejected_by_us(data)
    assert ours - language_only == rejected_by_linkml(data) - language_only


@pytest.mark.parametrize("seed", [1, 2])
def test_synthetic_registry_with_injected_faults_is_rejected_alike(tmp_path, seed):
    from peer_schema.synth import synthesize

    path = tmp_path / "registry.json"
    summary = synthesize(400, seed, path, invalid_rate=0.3)
    data = read_document(path)
    ours, language_only = rejected_by_us(data)
    theirs = rejected_by_linkml(data)
    assert ours == theirs
    injected = {b["pointer"] for b in summary.breaks if b["code"].startswith(STRUCTURE)}
    assert injected and injected <= ours
