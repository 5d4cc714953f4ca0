"""Consent covers purpose as well as audience: each consent case x each audience, through
`validate` and through `peer-schema bundle` (the real command line, real files in tmp_path)."""

from __future__ import annotations

import json
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES
from peer_schema import validate
from peer_schema.cli import main
from peer_schema.exchange.datapackage import DPV_PURPOSE
from peer_schema.model import CONSENT_PURPOSES, PROFILE_AUDIENCE, PROFILE_PURPOSE
from peer_schema.validation import UsageError

# The bundle command judges consents on the day it runs: the dates are relative to today.
TODAY = date.today()
#: a year ago (given), a month ago (withdrawn, or due for review), in three years (review); none may
#: reach a message
DATES = tuple((TODAY + timedelta(days=d)).isoformat() for d in (-400, -365, -30, 3 * 365))
WORKER = "ex:pw/7f3a9c"
FIELDS = ["peer_status", "role", "employment_status"]

#: (profile, --purpose or None for the profile's own) -> the audience and purpose a consent must name
DISCLOSURES = [
    ("federation", None),
    ("federation", "workforce_statistics"),
    ("research", None),
]


def _consent(audience: str, purpose: str, case: str) -> dict:
    """One consent of the case `case`, for the disclosure to `audience` for `purpose`."""
    other_purpose = next(p for p in CONSENT_PURPOSES if p != purpose)
    consent = {"disclosed_fields": FIELDS, "audiences": [audience], "purposes": [purpose], "given_date": DATES[1]}
    if case == "other-purpose":
        consent["purposes"] = [other_purpose]
    elif case == "no-purposes":
        consent["purposes"] = []
    elif case == "withdrawn":
        consent["withdrawn_date"] = DATES[2]
    elif case == "review-lapsed":
        consent["review_date"] = DATES[2]
    elif case == "other-audience":
        consent["audiences"] = ["funders"]
    else:
        assert case == "covered"
        consent["review_date"] = DATES[3]
    return consent


#: case -> the finding it gives (None: the consent covers the disclosure)
CASES = {
    "covered": None,
    "other-purpose": "consent.purpose-not-covered",
    "no-purposes": "consent.purpose-not-covered",
    "withdrawn": "consent.withdrawn",
    "review-lapsed": "consent.review-overdue",
    "other-audience": "consent.field-not-covered",
}


def _dataset(consents: list[dict], **worker) -> dict:
    return {
        "id": "ex:dataset/consent-purpose", "title": {"en": "Consent purpose test"},
        "publisher": {"id": "https://example.org/pairs-ensemble", "name": "Pairs Ensemble (fictional)"},
        "dataset_version": "1", "schema_version": "0.1.0",
        "license": "https://creativecommons.org/licenses/by/4.0/", "access_rights": "restricted",
        "created": "2026-11-02", "prefixes": {"ex": "https://example.org/peer/"},
        "peer_workers": [{"id": WORKER, "role": "peer_support_worker", "employment_status": "paid",
                          "disclosure_consents": consents, **worker}],
    }


def _write(tmp_path: Path, doc: dict, name: str = "workers.yaml") -> Path:
    path = tmp_path / name
    plain = json.loads(json.dumps(doc))  # no shared lists: YAML would write them as aliases, which are refused
    path.write_text(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _bundle_args(tmp_path: Path, profile: str, purpose: str | None) -> list[str]:
    args = ["--profile", profile]
    if purpose:
        args += ["--purpose", purpose]
    if profile == "research":
        args += ["--for", "Study of the peer workforce", "--key-file", str(tmp_path / "bundle.key")]
    return args


def _no_personal_value(findings) -> None:
    for f in findings:
        for lang in ("en", "fr"):
            text = f.message(lang) + " " + f.hint(lang)
            assert not any(d in text for d in DATES), text


# -- through validate -----------------------------------------------------------------------------
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(("profile", "purpose"), DISCLOSURES)
def test_validate_discloses_only_what_a_consent_covers_for_audience_and_purpose(tmp_path, profile, purpose, case):
    audience, wanted = PROFILE_AUDIENCE[profile], purpose or PROFILE_PURPOSE[profile]
    path = _write(tmp_path, _dataset([_consent(audience, wanted, case)]))
    report = validate([path], profile=profile, purpose=purpose, today=TODAY)
    expected = CASES[case]
    assert [f.code for f in report.findings] == ([expected] if expected else [])
    if expected:
        (finding,) = report.findings
        assert finding.record_id == WORKER
        assert set(finding.params["fields"].split(", ")) == set(FIELDS)
        _no_personal_value(report.findings)
    if expected in ("consent.purpose-not-covered", "consent.field-not-covered"):
        assert finding.params["audience"] == audience and finding.params["purpose"] == wanted
        assert wanted in finding.message("en") and wanted in finding.message("fr")


def test_a_consent_without_purposes_covers_none_and_says_what_to_fix(tmp_path):
    consent = _consent("federation", "registry_exchange", "covered")
    del consent["purposes"]
    report = validate([_write(tmp_path, _dataset([consent]))], today=TODAY)
    assert sorted(f.code for f in report.findings) == ["consent.purpose-not-covered", "structure.required"]
    finding = next(f for f in report.findings if f.code == "consent.purpose-not-covered")
    assert finding.pointer == "/peer_workers/0/disclosure_consents/0"  # no purposes to point at
    assert "names none covers none" in finding.hint("en") and "n'en couvre aucune" in finding.hint("fr")


def test_fields_are_judged_one_by_one_across_consents(tmp_path):
    """Role for the purpose, employment status only for another: the finding names that field only."""
    for_purpose = {**_consent("federation", "registry_exchange", "covered"), "disclosed_fields": ["peer_status", "role"]}
    other = {**_consent("federation", "registry_exchange", "other-purpose"), "disclosed_fields": ["employment_status"]}
    report = validate([_write(tmp_path, _dataset([for_purpose, other]))], today=TODAY)
    assert [(f.code, f.params["fields"], f.pointer) for f in report.findings] == [
        ("consent.purpose-not-covered", "employment_status", "/peer_workers/0/disclosure_consents/1/purposes")]
    assert report.findings[0].line is not None  # on the purposes line of the file


@pytest.mark.parametrize("lapsed", ["withdrawn", "review-lapsed"])
def test_a_lapsed_consent_for_another_purpose_does_not_take_away_one_in_force(tmp_path, lapsed):
    old = _consent("federation", "registry_exchange", lapsed)
    old["purposes"] = ["certification"]
    in_force = _consent("federation", "registry_exchange", "covered")
    assert validate([_write(tmp_path, _dataset([old, in_force]))], today=TODAY).findings == []
    # and the other way round: lapsed for the purpose, in force for another only
    old["purposes"], in_force["purposes"] = ["registry_exchange"], ["certification"]
    report = validate([_write(tmp_path, _dataset([old, in_force]))], today=TODAY)
    assert [f.code for f in report.findings] == [CASES[lapsed]]


def test_a_field_the_profile_never_carries_is_the_privacy_guard_s_finding_not_consent_s(tmp_path):
    consent = _consent("researchers", "research", "covered")
    report = validate([_write(tmp_path, _dataset([consent], role_title="pair aidant"))], profile="research",
                      today=TODAY)
    assert [(f.code, f.params.get("field")) for f in report.findings] == [("privacy.field-not-allowed", "role_title")]


def test_internal_data_discloses_nothing_so_needs_no_purpose(tmp_path):
    path = _write(tmp_path, _dataset([_consent("federation", "registry_exchange", "other-purpose")]))
    assert validate([path], profile="internal", today=TODAY).findings == []
    assert validate([path], profile="internal", purpose="research", today=TODAY).findings == []


def test_an_unknown_purpose_is_a_wrong_call(tmp_path, capsys):
    path = _write(tmp_path, _dataset([_consent("federation", "registry_exchange", "covered")]))
    with pytest.raises(UsageError, match="unknown purpose 'marketing'"):
        validate([path], purpose="marketing")
    with pytest.raises(SystemExit) as exit_:
        main(["validate", str(path), "--purpose", "marketing"])
    assert exit_.value.code == 2
    assert "invalid choice: 'marketing'" in capsys.readouterr().err


def test_validate_and_export_take_the_purpose_on_the_command_line(tmp_path, capsys):
    path = _write(tmp_path, _dataset([_consent("federation", "workforce_statistics", "covered")]))
    today = ["--today", TODAY.isoformat()]
    assert main(["validate", str(path), "--no-progress", *today]) == 1  # the default: registry_exchange
    assert "consent.purpose-not-covered" in capsys.readouterr().out
    assert main(["validate", str(path), "--no-progress", "--purpose", "workforce_statistics", *today]) == 0
    out = tmp_path / "out.ttl"
    assert main(["export", str(path), "-o", str(out), *today]) == 1
    assert not out.exists()
    capsys.readouterr()
    assert main(["export", str(path), "-o", str(out), "--profile", "federation", "--purpose", "workforce_statistics",
                 *today]) == 0
    assert WORKER.split("/")[-1] in out.read_text(encoding="utf-8")
    assert "peer workers' fields to the federation, for workforce_statistics" in capsys.readouterr().err


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(("profile", "purpose"), DISCLOSURES)
def test_export_writes_a_peer_worker_only_when_covered(tmp_path, capsys, profile, purpose, case):
    audience, wanted = PROFILE_AUDIENCE[profile], purpose or PROFILE_PURPOSE[profile]
    path = _write(tmp_path, _dataset([_consent(audience, wanted, case)]))
    out = tmp_path / "out.nt"
    rc = main(["export", str(path), "-o", str(out), "--to", "nt", "--profile", profile,
               *(["--purpose", purpose] if purpose else [])])
    err = capsys.readouterr().err
    assert not any(d in err for d in DATES)
    if CASES[case] is None:
        assert rc == 0 and "peer_support_worker" in out.read_text(encoding="utf-8")
    else:
        assert rc == 1 and CASES[case] in err and not out.exists()


def test_store_load_takes_the_purpose(tmp_path, capsys):
    path = _write(tmp_path, _dataset([_consent("federation", "workforce_statistics", "covered")]))
    store = tmp_path / "store"
    assert main(["store", "load", str(path), "--store", str(store)]) == 1
    assert "consent.purpose-not-covered" in capsys.readouterr().err
    assert main(["store", "load", str(path), "--store", str(store), "--purpose", "workforce_statistics"]) == 0


# -- through peer-schema bundle --------------------------------------------------------------------
def _members(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(("profile", "purpose"), DISCLOSURES)
def test_a_bundle_is_refused_when_a_field_is_not_covered_for_its_purpose(tmp_path, capsys, profile, purpose, case):
    audience, wanted = PROFILE_AUDIENCE[profile], purpose or PROFILE_PURPOSE[profile]
    path = _write(tmp_path, _dataset([_consent(audience, wanted, case)]))
    out = tmp_path / "out.zip"
    rc = main(["bundle", str(path), "-o", str(out), *_bundle_args(tmp_path, profile, purpose)])
    err = capsys.readouterr().err
    assert not any(d in err for d in DATES)
    if CASES[case] is None:
        assert rc == 0, err
        manifest = json.loads(_members(out)["datapackage.json"])
        assert manifest["export_profile"] == profile
        assert manifest["audience"]["code"] == audience and manifest["purpose"]["code"] == wanted
        assert f"(to the {audience}, for {wanted})" in err
        (doc,) = [json.loads(d) for n, d in _members(out).items() if n.startswith("data/")]
        (worker,) = doc["peer_workers"]
        assert worker["role"] == "peer_support_worker" and worker["employment_status"] == "paid"
    else:
        assert rc == 1
        assert CASES[case] in err and "nothing written" in err
        assert not out.exists()  # no field not covered for the purpose ever leaves: nothing does


def test_a_field_covered_only_for_another_purpose_never_reaches_a_bundle(tmp_path, capsys):
    """Most fields covered, one not: refused as a whole (as a field not covered for the audience
    is), and an earlier bundle at OUT stays as it was."""
    for_purpose = {**_consent("federation", "registry_exchange", "covered"), "disclosed_fields": ["peer_status", "role"]}
    other = {**_consent("federation", "registry_exchange", "other-purpose"), "disclosed_fields": ["employment_status"]}
    path = _write(tmp_path, _dataset([for_purpose, other]))
    out = tmp_path / "out.zip"
    out.write_bytes(b"earlier bundle")
    assert main(["bundle", str(path), "-o", str(out), "--profile", "federation"]) == 1
    assert out.read_bytes() == b"earlier bundle"
    assert "employment_status" in capsys.readouterr().err
    # for the purpose the second consent names, the first one does not cover role: refused too
    assert main(["bundle", str(path), "-o", str(out), "--profile", "federation", "--purpose",
                 other["purposes"][0]]) == 1
    assert out.read_bytes() == b"earlier bundle"


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize(("profile", "purpose"), DISCLOSURES)
def test_only_consented_leaves_out_what_no_consent_covers(tmp_path, capsys, profile, purpose, case):
    """--only-consented: the same cases, left out instead of refused; nothing not covered goes."""
    audience, wanted = PROFILE_AUDIENCE[profile], purpose or PROFILE_PURPOSE[profile]
    path = _write(tmp_path, _dataset([_consent(audience, wanted, case)]))
    out = tmp_path / "out.zip"
    rc = main(["bundle", str(path), "-o", str(out), "--only-consented", *_bundle_args(tmp_path, profile, purpose)])
    err = capsys.readouterr().err
    assert rc == 0, err
    members = _members(out)
    manifest = json.loads(members["datapackage.json"])
    (doc,) = [json.loads(d) for n, d in members.items() if n.startswith("data/")]
    if CASES[case] is None:
        assert len(doc["peer_workers"]) == 1 and manifest["not_consented"] == {"peer_workers": 0, "fields": {}}
    else:  # the worker's very status is not covered: the record does not go at all
        assert "peer_workers" not in doc and b"employment_status" not in members[next(iter(
            n for n in members if n.startswith("data/")))]
        assert manifest["not_consented"] == {"peer_workers": 1, "fields": {}}
        assert "1 peer worker(s) without consent for this left out" in err


def test_only_consented_leaves_out_a_field_covered_for_another_purpose_only(tmp_path, capsys):
    for_purpose = {**_consent("federation", "registry_exchange", "covered"), "disclosed_fields": ["peer_status", "role"]}
    other = {**_consent("federation", "registry_exchange", "other-purpose"), "disclosed_fields": ["employment_status"]}
    path = _write(tmp_path, _dataset([for_purpose, other], weekly_hours=17.5))
    out = tmp_path / "out.zip"
    assert main(["bundle", str(path), "-o", str(out), "--profile", "federation", "--only-consented"]) == 0
    assert "2 field value(s) without consent for this left out" in capsys.readouterr().err
    members = _members(out)
    (worker,) = [w for n, d in members.items() if n.startswith("data/") for w in json.loads(d)["peer_workers"]]
    assert set(worker) == {"id", "role", "disclosure_consents"}
    assert json.loads(members["datapackage.json"])["not_consented"] == {
        "peer_workers": 0, "fields": {"PeerWorker.employment_status": 1, "PeerWorker.weekly_hours": 1}}
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(folder)
    assert validate([folder], today=TODAY).findings == []  # what the recipient gets is covered


def test_only_consented_does_not_excuse_other_errors(tmp_path, capsys):
    consent = {**_consent("federation", "registry_exchange", "covered"), "given_date": DATES[3]}  # in the future
    path = _write(tmp_path, _dataset([consent]))
    out = tmp_path / "out.zip"
    assert main(["bundle", str(path), "-o", str(out), "--profile", "federation", "--only-consented"]) == 1
    assert "consent.dates-inconsistent" in capsys.readouterr().err and not out.exists()


def test_manifest_names_audience_and_purpose_with_their_iris(tmp_path):
    path = _write(tmp_path, _dataset([_consent("federation", "registry_exchange", "covered")]))
    out = tmp_path / "fed.zip"
    assert main(["bundle", str(path), "-o", str(out), "--profile", "federation"]) == 0
    manifest = json.loads(_members(out)["datapackage.json"])
    assert manifest["audience"] == {"code": "federation",
                                    "iri": "https://w3id.org/peer-schema/vocab/consent-audience/federation"}
    assert manifest["purpose"] == {"code": "registry_exchange",
                                   "iri": "https://w3id.org/peer-schema/vocab/consent-purpose/registry_exchange",
                                   "dpv_close_match": "https://w3id.org/dpv#MembersAndPartnersManagement"}


def test_a_public_bundle_has_no_purpose(tmp_path, capsys):
    out = tmp_path / "pub.zip"
    assert main(["bundle", str(EXAMPLES / "valid"), "-o", str(out), "--profile", "public", "--purpose",
                 "research"]) == 2
    assert "a public bundle holds none" in capsys.readouterr().err and not out.exists()
    public = [str(EXAMPLES / "valid" / f) for f in ("Organisation-association.yaml", "Practice-community.yaml")]
    assert main(["bundle", *public, "-o", str(out), "--profile", "public"]) == 0
    manifest = json.loads(_members(out)["datapackage.json"])
    assert manifest["audience"] is None and manifest["purpose"] is None


# -- research bundles -----------------------------------------------------------------------------
def test_a_research_bundle_needs_pseudonyms(tmp_path, capsys):
    out = tmp_path / "research.zip"
    assert main(["bundle", str(EXAMPLES / "valid"), "-o", str(out), "--profile", "research"]) == 2
    assert "needs --for RECIPIENT and --key-file" in capsys.readouterr().err and not out.exists()


def test_a_research_bundle_carries_what_researchers_may_have(tmp_path, capsys):
    """The shipped example: role_title (free text) and the consents to others are left out; the
    worker who did not consent to research is refused until they do."""
    out, key = tmp_path / "research.zip", tmp_path / "study.key"
    args = ["--profile", "research", "--for", "Study of the peer workforce", "--key-file", str(key)]
    assert main(["bundle", str(EXAMPLES / "valid"), "-o", str(out), *args]) == 0
    err = capsys.readouterr().err
    assert "(to the researchers, for research)" in err and "2 consent(s) to other audiences or purposes left out" in err
    members = _members(out)
    manifest = json.loads(members["datapackage.json"])
    assert manifest["export_profile"] == "research" and manifest["recipient"] == "study of the peer workforce"
    assert manifest["purpose"]["dpv_close_match"] == "https://w3id.org/dpv#ResearchAndDevelopment"
    assert manifest["left_out"]["fields"] == {"PeerWorker.disclosure_consents": 2, "PeerWorker.role_title": 1}
    workers = [w for n, d in members.items() if n.startswith("data/") for w in json.loads(d).get("peer_workers", ())]
    assert len(workers) == 2
    for worker in workers:
        assert worker["id"] not in ("ex:pw/7f3a9c", "ex:pw/b21e04")  # keyed pseudonyms
        assert "role_title" not in worker and "certifications" not in worker
        assert all("researchers" in c["audiences"] and "research" in c["purposes"]
                   for c in worker["disclosure_consents"])
    # the recipient checks it as what it is: a research bundle
    folder = tmp_path / "unzipped"
    with zipfile.ZipFile(out) as zf:
        zf.extractall(folder)
    assert validate([folder], profile="research", today=TODAY).findings == []
    # the same data is not for the federation's registry: its consents to the federation were left out
    assert {f.code for f in validate([folder], today=TODAY).findings} == {"consent.field-not-covered"}


def test_a_worker_without_consent_to_research_stops_a_research_bundle(tmp_path, capsys):
    path = _write(tmp_path, _dataset([_consent("federation", "registry_exchange", "covered")]))
    out = tmp_path / "research.zip"
    assert main(["bundle", str(path), "-o", str(out), *_bundle_args(tmp_path, "research", None)]) == 1
    err = capsys.readouterr().err
    assert "consent.field-not-covered" in err and "to the researchers for research" in err and not out.exists()


def test_the_console_script_takes_the_purpose(tmp_path):
    """Once through the installed `peer-schema` program, as a person would type it."""
    import shutil
    import subprocess

    program = shutil.which("peer-schema")
    if program is None:
        pytest.skip("peer-schema is not installed as a program")
    path = _write(tmp_path, _dataset([_consent("federation", "workforce_statistics", "covered")]))
    run = subprocess.run([program, "validate", str(path), "--no-progress", "--today", TODAY.isoformat(),
                          "--format", "json", "--purpose", "workforce_statistics"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["findings"] == []


# -- the vocabularies agree with the code -------------------------------------------------------------
def test_purposes_and_their_dpv_matches_are_the_vocabulary_s():
    from pyoxigraph import NamedNode, RdfFormat, parse

    from peer_schema import artifacts

    vocab = artifacts.vocabularies()
    assert tuple(vocab["ConsentPurpose"]["concepts"]) == CONSENT_PURPOSES
    assert {"federation", "researchers"} <= set(vocab["ConsentAudience"]["concepts"])
    assert {a for a in PROFILE_AUDIENCE.values() if a} <= set(vocab["ConsentAudience"]["concepts"])
    close = NamedNode("http://www.w3.org/2004/02/skos/core#closeMatch")
    matches = {}
    for t in parse(artifacts.read_text("vocabularies.ttl").encode(), format=RdfFormat.TURTLE):
        if t.predicate == close and "/consent-purpose/" in t.subject.value:
            matches[t.subject.value.rsplit("/", 1)[1]] = t.object.value
    assert matches == {code: iri for code, iri in DPV_PURPOSE.items() if iri}
    assert set(DPV_PURPOSE) == set(CONSENT_PURPOSES)
