"""The synthetic registry generator: deterministic, complete, valid at R = 0, and every injected
break is where the sidecar says, of the kind it says, and nowhere else: the validator reports
exactly one finding, of the expected code, for each injected record, and none elsewhere."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

import peer_schema
from peer_schema import artifacts, validate
from peer_schema.synth import AUTHORS, CONTAINERS, INJECTORS, PEER_WORKER_FIELDS, expected_path, synthesize

TODAY = date(2026, 11, 23)
N = 2000
SEED = 11
CLASSES = [cls for _, cls in CONTAINERS]


def _load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def _owner(pointer: str) -> str:
    """The record a JSON pointer falls in: /peer_workers/12/weekly_hours -> /peer_workers/12."""
    return "/".join(pointer.split("/")[:3])


def _at(doc: dict, pointer: str) -> dict:
    _, container, index = pointer.split("/")
    return doc[container][int(index)]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """The registries the tests read, written once: R = 0 and R = 0.1 with the same seed."""
    d = tmp_path_factory.mktemp("synth")
    made = {
        "valid": synthesize(N, SEED, d / "valid.json"),
        "broken": synthesize(N, SEED, d / "broken.json", invalid_rate=0.1),
        "valid_jsonl": synthesize(N, SEED, d / "valid.jsonl"),
        "broken_jsonl": synthesize(N, SEED, d / "broken.jsonl", invalid_rate=0.1),
        "valid_yaml": synthesize(300, SEED, d / "valid.yaml"),
    }
    return made


#: the codes the validator may report for each injected code (an unknown code was reported as
#: structure.unknown-code before the vocabulary layer had its own code)
ACCEPTED = {code: {code} for code in INJECTORS} | {"vocab.unknown-code": {"vocab.unknown-code", "structure.unknown-code"},
                                                   # in a peer worker's record: reported without the cell's text
                                                   "refs.dangling": {"refs.dangling", "refs.dangling-private"}}


def _check(path: Path):
    """The validator's report, on the registry's own reference date (consents are dated from it)."""
    return validate([path], today=TODAY)


# --- determinism ----------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path, suffix):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = synthesize(400, 5, tmp_path / "a" / f"r{suffix}", invalid_rate=0.2)
    b = synthesize(400, 5, tmp_path / "b" / f"r{suffix}", invalid_rate=0.2)
    c = synthesize(400, 6, tmp_path / f"c{suffix}", invalid_rate=0.2)
    assert a.out.read_bytes() == b.out.read_bytes()
    assert a.expected.read_bytes() == b.expected.read_bytes()
    assert a.out.read_bytes() != c.out.read_bytes()
    assert a.breaks != c.breaks


def test_valid_records_do_not_depend_on_the_rate(out):
    """A record without a break is the same record whatever R is; a broken one differs."""
    valid, broken = _load(out["valid"].out), _load(out["broken"].out)
    injected = {b["pointer"] for b in out["broken"].breaks}
    for container, _ in CONTAINERS:
        assert len(valid[container]) == len(broken[container])
        for i, (v, b) in enumerate(zip(valid[container], broken[container])):
            assert (v != b) == (f"/{container}/{i}" in injected), f"/{container}/{i}"


# --- contents ----------------------------------------------------------------------------------------

def test_every_record_class_in_its_proportion(out):
    s = out["valid"]
    doc = _load(s.out)
    assert s.counts == {cls: len(doc[container]) for container, cls in CONTAINERS}
    assert sum(s.counts.values()) == s.records == N
    assert all(n >= 1 for n in s.counts.values())
    assert s.counts["Organisation"] == 0.2 * N
    assert s.counts["PeerWorker"] == pytest.approx(0.5 * N, rel=0.05)
    kinds = {k for o in doc["organisations"] for k in o["organisation_kinds"]}
    assert kinds == set(artifacts.vocabularies()["OrganisationKind"]["concepts"])


def test_dataset_header(out):
    doc = _load(out["valid"].out)
    assert doc["id"] == f"ex:dataset/synthetic-{SEED}"
    assert set(doc["title"]) == {"en", "fr"}
    assert doc["dataset_version"] == "1.0.0"
    assert doc["schema_version"] == peer_schema.SCHEMA_VERSION
    assert doc["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert doc["access_rights"] == "restricted"
    assert doc["created"] == "2026-11-23"
    assert doc["prefixes"] == {"ex": "https://example.org/peer/"}
    assert doc["publisher"]["id"] and doc["publisher"]["name"]


def test_small_registry_still_has_every_class(tmp_path):
    s = synthesize(12, 1, tmp_path / "tiny.json")
    assert all(n >= 1 for n in s.counts.values()) and s.records == 12
    assert _check(s.out).findings == []


def test_pseudonymous_and_fictional(out):
    doc = _load(out["valid"].out)
    allowed = set(PEER_WORKER_FIELDS) | {"id", "disclosure_consents"}
    ids = [pw["id"] for pw in doc["peer_workers"]]
    assert len(set(ids)) == len(ids)
    for pw in doc["peer_workers"]:
        assert re.fullmatch(r"ex:pw/[0-9a-f]{12}", pw["id"])
        assert set(pw) <= allowed
        (consent,) = pw["disclosure_consents"]
        assert consent["disclosed_fields"] == ["peer_status"] + [f for f in PEER_WORKER_FIELDS if f in pw]
        assert "federation" in consent["audiences"]
        assert date.fromisoformat(consent["given_date"]) < TODAY
        assert (date.fromisoformat(consent["review_date"]) - TODAY).days >= 365
        assert "withdrawn_date" not in consent
    assert all(o["name"].startswith("Synthetic ") for o in doc["organisations"])
    cites = [c for p in doc["practices"] for c in p["evidence"]] + [c for s in doc["compendium_sections"] for c in s["evidence"]]
    assert cites and all(set(c["authors"].split(" & ")) <= set(AUTHORS) for c in cites)


def test_basic_programmes_and_peer_operated_services(out):
    doc = _load(out["valid"].out)
    basic = artifacts.vocabularies()["TrainingElement"]["collections"]["basic"]
    programmes = doc["training_programmes"]
    assert any(t["level"] == "basic" for t in programmes) and any(t["level"] == "advanced" for t in programmes)
    for t in programmes:
        assert t["session_length_hours"] <= 4
        if t["level"] == "basic":
            assert t["training_elements"] == basic
        if "accreditation" in t:
            assert t["accreditation"]["accrediting_body"]
    services = [o for o in doc["organisations"] if "peer_operated_service" in o["organisation_kinds"]]
    assert services and all(o["peer_governance_share"] >= 51 for o in services)
    practices = doc["practices"]
    assert all(p["evidence"] and p["scale"] for p in practices)
    assert any(p["geographic_scope"] == "international" for p in practices)


# --- formats ------------------------------------------------------------------------------------------

def test_jsonl_lines_and_types(out):
    s = out["valid_jsonl"]
    lines = s.out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == N + 1
    rows = [json.loads(line) for line in lines]
    assert rows[0]["@type"] == "Dataset" and rows[0]["id"] == f"ex:dataset/synthetic-{SEED}"
    expected_types = [cls for cls in CLASSES for _ in range(s.counts[cls])]
    assert [r["@type"] for r in rows[1:]] == expected_types
    # the same records as the JSON document of the same seed
    doc = _load(out["valid"].out)
    same = [r for container, _ in CONTAINERS for r in doc[container]]
    assert [{k: v for k, v in r.items() if k != "@type"} for r in rows[1:]] == same


def test_jsonl_breaks_name_their_line(out):
    s = out["broken_jsonl"]
    lines = s.out.read_text(encoding="utf-8").splitlines()
    assert s.breaks and all("line" in b and "pointer" not in b for b in s.breaks)
    for b in s.breaks:
        row = json.loads(lines[b["line"] - 1])
        assert row["@type"] == b["class"] and row.get("id") == b["record_id"]
    # the same breaks as in the JSON document, by record
    assert [(b["code"], b["record_id"]) for b in s.breaks] == [(b["code"], b["record_id"]) for b in out["broken"].breaks]


def test_unknown_suffix_and_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match=r"\.json, \.jsonl or \.yaml"):
        synthesize(100, 1, tmp_path / "registry.csv")
    with pytest.raises(ValueError, match="invalid_rate"):
        synthesize(100, 1, tmp_path / "r.json", invalid_rate=1.5)
    with pytest.raises(ValueError, match="records"):
        synthesize(3, 1, tmp_path / "r.json")
    assert not list(tmp_path.iterdir())


# --- a valid registry passes ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["valid", "valid_jsonl", "valid_yaml"])
def test_valid_registry_passes_the_validator(out, name):
    """Every layer: structure, vocabularies, references, rules, consent, privacy."""
    s = out[name]
    assert _load(s.expected)["breaks"] == [] and s.breaks == []
    report = _check(s.out)
    assert report.findings == [], [f.to_dict() for f in report.findings[:5]]


# --- injected breaks ------------------------------------------------------------------------------------

def test_sidecar_lists_the_breaks(out):
    s = out["broken"]
    sidecar = _load(expected_path(s.out))
    assert sidecar["records"] == N and sidecar["seed"] == SEED and sidecar["invalid_rate"] == 0.1
    assert sidecar["breaks"] == s.breaks
    assert len(s.breaks) == pytest.approx(0.1 * N, rel=0.05)
    assert {b["code"] for b in s.breaks} == set(INJECTORS)
    assert len({b["pointer"] for b in s.breaks}) == len(s.breaks)  # one break per record
    doc = _load(s.out)
    for b in s.breaks:
        container = b["pointer"].split("/")[1]
        assert dict(CONTAINERS)[container] == b["class"] and b["class"] in INJECTORS[b["code"]]
        assert _at(doc, b["pointer"]).get("id") == b["record_id"]


@pytest.mark.parametrize("name", ["broken", "broken_jsonl"])
def test_each_break_is_reported_once_where_the_sidecar_says(out, name):
    """One finding per injected record, of the expected code, at the record (a JSON pointer in
    the .json document, the line in JSON Lines), and no finding anywhere else."""
    s = out[name]
    report = _check(s.out)
    if name == "broken":
        where, place = (lambda f: _owner(f.pointer)), (lambda b: b["pointer"])
    else:
        where, place = (lambda f: f.line), (lambda b: b["line"])
    found = defaultdict(list)
    for f in report.findings:
        found[where(f)].append(f.code)
    injected = {place(b): b for b in s.breaks}
    assert set(found) <= set(injected), [k for k in found if k not in injected][:5]
    for key, b in injected.items():
        assert len(found[key]) == 1 and found[key][0] in ACCEPTED[b["code"]], (b, found[key])
    assert len(report.findings) == len(s.breaks)


def test_each_break_differs_from_the_valid_record_as_intended(out):
    valid, broken = _load(out["valid"].out), _load(out["broken"].out)
    for b in out["broken"].breaks:
        v, r = _at(valid, b["pointer"]), _at(broken, b["pointer"])
        code, where = b["code"], b["field"]
        assert v != r
        top = where.split("/")[0]
        if code == "structure.required":
            assert top in v and top not in r
        elif code == "structure.unknown-field":
            assert top not in v and top in r
            if b["class"] == "PeerWorker":
                assert top in {"name", "birth_date", "diagnosis"}
        elif code == "vocab.unknown-code":
            assert r[top] != v[top]
        elif code == "structure.wrong-type":
            value = r
            for step in where.split("/"):
                value = value[int(step)] if isinstance(value, list) else value[step]
            assert isinstance(value, str)
        elif code == "refs.duplicate-id":
            assert r["id"] != v["id"] and r["id"] == b["record_id"]
        elif code in ("refs.dangling", "refs.dangling-private"):
            assert "missing" in str(r[top]) and "missing" not in str(v.get(top))
        elif code == "rules.accreditation-without-body":
            assert r["accreditation"]["accreditation_status"] == "accredited"
            assert "accrediting_body" not in r["accreditation"]
        elif code == "consent.field-not-covered":
            assert where in r and where not in r["disclosure_consents"][0]["disclosed_fields"]
            assert where in v["disclosure_consents"][0]["disclosed_fields"]
        elif code == "consent.withdrawn":
            assert "withdrawn_date" in r["disclosure_consents"][0]
        elif code == "consent.review-overdue":
            assert date.fromisoformat(r["disclosure_consents"][0]["review_date"]) < TODAY
        elif code in ("rules.year-in-future", "rules.year-too-early"):
            assert r["start_year"] in (2150, 1650)
        elif code == "rules.session-too-long":
            assert r["session_length_hours"] == 6
        elif code == "rules.peer-operated-share":
            assert "peer_operated_service" in r["organisation_kinds"] and r["peer_governance_share"] == 30
            assert "staffed_and_managed_by_peers" not in r


# --- memory --------------------------------------------------------------------------------------------

@pytest.mark.skipif(sys.platform == "win32", reason="resource.getrusage is POSIX")
def test_jsonl_is_streamed(tmp_path):
    """Writing 20,000 records raises the peak memory of a fresh process by well under the size
    of the records (keeping them would take ~40 MB)."""
    script = (
        "import resource, sys\n"
        "from pathlib import Path\n"
        "from peer_schema.synth import synthesize\n"
        "d = Path(sys.argv[1])\n"
        "synthesize(200, 1, d / 'warm.jsonl')\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "synthesize(20000, 1, d / 'big.jsonl')\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "scale = 1 if sys.platform == 'darwin' else 1024\n"
        "print((after - before) * scale)\n"
    )
    src = str(Path(peer_schema.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src, os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, env=env, check=True)
    grown = int(done.stdout.strip())
    assert grown < 8 * 1024 * 1024, f"peak memory grew by {grown / 1e6:.1f} MB"
    assert len((tmp_path / "big.jsonl").read_text(encoding="utf-8").splitlines()) == 20001
