"""`peer-schema merge`: bundles made with `peer-schema bundle`, merged through the real command line."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from peer_schema import validate
from peer_schema.cli import main
from peer_schema.exchange.matching import domain_key, identifier_key, normalised_name
from peer_schema.readers import read_document

VALID = EXAMPLES / "valid"
HOSPITAL_SITE = "http://hopital-fictif.example/contact"


def write_json(folder: Path, name: str, doc: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def examples_as_json(folder: Path) -> Path:
    """examples/valid as JSON, the hospital given a website."""
    for path in sorted(VALID.glob("*.yaml")):
        doc = read_document(path)
        for org in doc.get("organisations", ()):
            if org["id"] == "ex:org/hopital-fictif":
                org["homepage"] = HOSPITAL_SITE
        write_json(folder, path.stem + ".json", doc)
    return folder


def second_association() -> dict:
    """Another association's dataset that overlaps the examples: the same organisation by
    identifier (a changed field), by register number, by website, and a look-alike."""
    return {
        "id": "ex:dataset/b-2026", "title": {"en": "Association B"},
        "publisher": {"id": "https://example.org/association-b", "name": "Association B (fictional)"},
        "dataset_version": "1", "schema_version": "0.1.0",
        "license": "https://creativecommons.org/licenses/by/4.0/", "access_rights": "restricted",
        "created": "2026-11-10", "prefixes": {"ex": "https://example.org/peer/"},
        "organisations": [
            {"id": "ex:org/pairs-ensemble", "name": "Pairs Ensemble (fictional)",
             "organisation_kinds": ["peer_operated_service", "placement_platform", "peer_worker_association"],
             "peer_governance_share": 100, "staff_count": 7},
            {"id": "ex:org/federation-fictive", "name": "Fédération fictive des pairs aidants",
             "organisation_kinds": ["federation"]},
            {"id": "ex:org/pe-registered", "name": "PE registered", "organisation_kinds": ["peer_worker_association"],
             "country": "BE", "identifiers": [{"scheme": "be-kbo", "value": "0000 000 000"}]},
            {"id": "ex:org/hospital-web", "name": "Fictional hospital",
             "organisation_kinds": ["mental_health_service_provider"],
             "homepage": "https://WWW.Hopital-Fictif.example/"},
            {"id": "ex:org/pairs-ensemble-bis", "name": "Pairs-Ensemble (Fictional) ASBL",
             "organisation_kinds": ["peer_worker_association"], "country": "BE"},
        ],
        "memberships": [{"member": "ex:org/pe-registered", "federation": "ex:org/federation-fictive",
                         "membership_role": "member", "start_date": "2021-03-15"}],
        "training_programmes": [{"id": "ex:training/b-course", "name": "B course",
                                 "providers": ["ex:org/pe-registered", "ex:org/hospital-web"]}],
    }


def public_part(tmp_path: Path) -> Path:
    """The files of examples/valid whose datasets are public: what may go into a public bundle
    (a profile never loosens access: a public bundle of the restricted peer workers is refused)."""
    folder = tmp_path / "public-part"
    if not folder.exists():
        folder.mkdir()
        for path in sorted(VALID.glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            if "access_rights: public" in text:
                (folder / path.name).write_text(text, encoding="utf-8")
    return folder


def make_bundle(tmp_path: Path, name: str, source: Path, *args: str) -> Path:
    out = tmp_path / name
    assert main(["bundle", str(source), "-o", str(out), "--profile", "federation", *args]) == 0
    return out


def merged_docs(folder: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((folder / "data").glob("*.json"))]


def records(folder: Path, container: str) -> dict:
    return {r.get("id") or json.dumps(r, sort_keys=True): r for d in merged_docs(folder) for r in d.get(container, ())}


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "k.key"
    path.write_bytes(os.urandom(32))
    path.chmod(0o600)
    return path


@pytest.fixture
def overlapping(tmp_path) -> tuple[Path, Path]:
    a = make_bundle(tmp_path, "a.zip", examples_as_json(tmp_path / "a"))
    b = make_bundle(tmp_path, "b.zip", write_json(tmp_path / "b", "b.json", second_association()))
    return a, b


# -- round trip -------------------------------------------------------------------------------------
def test_round_trip(tmp_path, key):
    bundle = make_bundle(tmp_path, "fed.zip", VALID, "--for", "fed-a", "--key-file", str(key))
    out = tmp_path / "merged"
    assert main(["merge", str(bundle), "-o", str(out)]) == 0
    assert (out / "merge-report.json").is_file()
    report = json.loads((out / "merge-report.json").read_text(encoding="utf-8"))
    assert report["records_written"] == 9 and report["conflicts"] == [] and report["same_records"] == []
    assert validate([out / "data"]).valid
    assert len(records(out, "peer_workers")) == 2
    assert main(["export", str(out / "data"), "-o", str(tmp_path / "m.ttl")]) == 0


def test_two_recipients_are_two_sets_of_peer_workers(tmp_path, key):
    a = make_bundle(tmp_path, "a.zip", VALID, "--for", "fed-a", "--key-file", str(key))
    b = make_bundle(tmp_path, "b.zip", VALID, "--for", "fed-b", "--key-file", str(key))
    out = tmp_path / "merged"
    assert main(["merge", str(a), str(b), "-o", str(out)]) == 0
    assert len(records(out, "peer_workers")) == 4  # nothing links one recipient's pseudonyms to the other's
    again = tmp_path / "again"
    assert main(["merge", str(a), str(a), "-o", str(again)]) == 0
    report = json.loads((again / "merge-report.json").read_text(encoding="utf-8"))
    assert report["conflicts"] == [] and len(report["same_records"]) == 8  # every record with an id
    assert len(records(again, "peer_workers")) == 2 and len(records(again, "memberships")) == 1


# -- overlapping bundles ------------------------------------------------------------------------------
def test_overlapping_bundles(tmp_path, overlapping, capsys):
    a, b = overlapping
    out = tmp_path / "merged"
    capsys.readouterr()
    assert main(["merge", str(a), str(b), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    report = json.loads((out / "merge-report.json").read_text(encoding="utf-8"))

    same = {(s["merged"], s["kept"], s["by"]) for s in report["same_organisations"]}
    assert same == {("ex:org/pe-registered", "ex:org/pairs-ensemble", "identifier"),
                    ("ex:org/hospital-web", "ex:org/hopital-fictif", "website")}
    assert "ex:org/pe-registered (b.zip) is ex:org/pairs-ensemble (a.zip): same register entry be-kbo 0000000000" in err
    assert "same website hopital-fictif.example" in err

    (dup,) = report["probable_duplicates"]
    assert {o["id"] for o in dup["organisations"]} == {"ex:org/pairs-ensemble", "ex:org/pairs-ensemble-bis"}
    assert dup["country"] == "BE" and dup["normalised_name"] == "pairs ensemble fictional"

    conflicts = {(c["record"], c["field"]): c for c in report["conflicts"]}
    staff = conflicts[("ex:org/pairs-ensemble", "staff_count")]
    assert staff["values"] == [{"bundle": "a.zip", "value": 6}, {"bundle": "b.zip", "value": 7}]
    assert staff["kept_from"] == "a.zip"
    kinds = conflicts[("ex:org/pairs-ensemble", "organisation_kinds")]["values"]
    # b.zip's own copy lists the same codes in another order: no conflict; the organisation merged in
    # by its register number lists others, and the report says which record they came from
    assert [(v["bundle"], v.get("record")) for v in kinds] == [("a.zip", None), ("b.zip", "ex:org/pe-registered")]
    assert ("ex:org/hopital-fictif", "name") in conflicts
    membership = conflicts[("ex:org/pairs-ensemble in ex:org/federation-fictive", "membership_role")]
    assert [v["value"] for v in membership["values"]] == ["founding_member", "member"]
    assert "first" in report["kept_value_rule"]

    orgs = records(out, "organisations")
    assert orgs["ex:org/pairs-ensemble"]["staff_count"] == 6  # the first bundle's value
    assert "ex:org/pe-registered" not in orgs and "ex:org/hospital-web" not in orgs
    assert "ex:org/pairs-ensemble-bis" in orgs  # listed, not merged
    course = records(out, "training_programmes")["ex:training/b-course"]
    assert course["providers"] == ["ex:org/pairs-ensemble", "ex:org/hopital-fictif"]  # references rewritten
    assert len(records(out, "memberships")) == 1
    assert validate([out / "data"]).valid
    assert [b["new_records"] for b in report["bundles"]] == [9, 2]


def test_provenance_comes_out_as_prov_o(tmp_path, overlapping):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    a, b = overlapping
    out = tmp_path / "merged"
    assert main(["merge", str(a), str(b), "-o", str(out)]) == 0
    assert main(["export", str(out / "data"), "-o", str(tmp_path / "m.nt"), "--to", "nt"]) == 0
    store = pyoxigraph.Store()
    store.load(path=str(tmp_path / "m.nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    manifest_id = json.loads((out / "merge-report.json").read_text(encoding="utf-8"))["bundles"][1]["id"]
    rows = list(store.query(f"""
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?ds WHERE {{
          <https://example.org/peer/training/b-course> prov:wasDerivedFrom ?ds .
          ?ds prov:wasDerivedFrom ?bundle . ?bundle ?p <{manifest_id}> .
        }}"""))
    assert [str(r["ds"].value) for r in rows] == ["https://example.org/peer/dataset/b-2026"]


def test_summary_never_shows_a_peer_workers_value(tmp_path, capsys):
    source = read_document(VALID / "PeerWorker-with-consent.yaml")
    changed = copy.deepcopy(source)
    changed["peer_workers"][0]["role_title"] = "senior pair aidant"
    orgs = read_document(VALID / "Organisation-association.yaml")
    progs = read_document(VALID / "TrainingProgramme-accredited.yaml")
    for name, doc in (("one", source), ("two", changed)):
        folder = tmp_path / name
        for part, data in (("pw", doc), ("orgs", orgs), ("progs", progs)):
            write_json(folder, f"{part}.json", data)
        make_bundle(tmp_path, f"{name}.zip", folder)
    out = tmp_path / "merged"
    capsys.readouterr()
    assert main(["merge", str(tmp_path / "one.zip"), str(tmp_path / "two.zip"), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "ex:pw/7f3a9c: role_title (one.zip, two.zip)" in err
    assert "pair aidant" not in err
    assert "senior pair aidant" in (out / "merge-report.json").read_text(encoding="utf-8")


def test_prefix_clash_is_refused(tmp_path, overlapping, capsys):
    a, _ = overlapping
    other = second_association()
    other["prefixes"] = {"ex": "https://elsewhere.example/"}
    c = make_bundle(tmp_path, "c.zip", write_json(tmp_path / "c", "c.json", other))
    out = tmp_path / "merged"
    assert main(["merge", str(a), str(c), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "the prefix 'ex' means" in err and "peer-schema rename-prefix THEIR-WORKBOOK.xlsx --from ex --to NEW" in err
    assert not out.exists()


# -- the output folder ------------------------------------------------------------------------------
def test_existing_output_needs_replace(tmp_path, overlapping, capsys):
    a, b = overlapping
    out = tmp_path / "merged"
    assert main(["merge", str(a), "-o", str(out)]) == 0
    before = (out / "merge-report.json").read_bytes()
    assert main(["merge", str(a), str(b), "-o", str(out)]) == 2
    assert "--replace" in capsys.readouterr().err
    assert (out / "merge-report.json").read_bytes() == before
    assert main(["merge", str(a), str(b), "-o", str(out), "--replace"]) == 0
    assert len(json.loads((out / "merge-report.json").read_text(encoding="utf-8"))["bundles"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary folders
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["merge", str(a), "-o", str(empty)]) == 0  # an empty folder is filled
    a_file = tmp_path / "file"
    a_file.write_text("x")
    assert main(["merge", str(a), "-o", str(a_file)]) == 2


def test_french_summary(tmp_path, overlapping, capsys):
    a, b = overlapping
    capsys.readouterr()
    assert main(["merge", str(a), str(b), "-o", str(tmp_path / "m"), "--lang", "fr"]) == 0
    err = capsys.readouterr().err
    assert "paquet(s) fusionné(s)" in err and "doublons probables" in err


def test_merge_from_another_process(tmp_path, overlapping):
    a, b = overlapping
    out = tmp_path / "merged"
    proc = subprocess.run([sys.executable, "-m", "peer_schema.cli", "merge", str(a), str(b), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "merged 2 bundle(s)" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "peer_schema.cli", "validate", str(out / "data")],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout


# -- matching ---------------------------------------------------------------------------------------------
def test_normalised_names():
    assert normalised_name("Pairs-Ensemble (Fictional) ASBL") == normalised_name("pairs ensemble fictional")
    assert normalised_name("Verein für Peers e.V.") == normalised_name("VEREIN FUR PEERS")
    assert normalised_name("Association Les Pairs, loi 1901") == "les pairs"
    assert normalised_name("Hôpital") == "hopital"


def test_keys():
    assert domain_key("https://WWW.Pairs-Ensemble.BE./a") == ("website", "pairs-ensemble.be")
    # hosts many organisations share say nothing about which one it is
    assert domain_key("https://www.facebook.com/pairs") is None and domain_key("https://example.org/x") is None
    assert domain_key("not a url") is None
    assert identifier_key({"scheme": "BE-KBO", "value": "0123.456-789"}) == ("identifier", "be-kbo", "0123456789")


def test_an_organisation_merged_away_stays_merged_in_later_bundles(tmp_path, overlapping):
    a, b = overlapping
    out = tmp_path / "merged"
    assert main(["merge", str(a), str(b), str(b), "-o", str(out)]) == 0
    orgs = records(out, "organisations")
    assert "ex:org/pe-registered" not in orgs and "ex:org/hospital-web" not in orgs
    report = json.loads((out / "merge-report.json").read_text(encoding="utf-8"))
    assert report["bundles"][2]["new_records"] == 0
    assert validate([out / "data"]).valid


# -- profiles and access rights -------------------------------------------------------------------------
def _rebundle(src: Path, dst: Path, change) -> Path:
    """A copy of the bundle `src` whose datasets went through `change`, its manifest made to match."""
    import hashlib
    import zipfile

    with zipfile.ZipFile(src) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(files["datapackage.json"])
    for res in manifest["resources"]:
        doc = json.loads(files[res["path"]])
        change(doc)
        data = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        files[res["path"]] = data
        res["bytes"], res["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    files["datapackage.json"] = json.dumps(manifest).encode("utf-8")
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return dst


@pytest.mark.parametrize("public_first", [True, False])
def test_bundles_of_different_profiles_are_refused(tmp_path, capsys, public_first):
    fed = make_bundle(tmp_path, "fed.zip", VALID)
    public = tmp_path / "public.zip"
    assert main(["bundle", str(public_part(tmp_path)), "-o", str(public), "--profile", "public"]) == 0
    capsys.readouterr()
    order = [public, fed] if public_first else [fed, public]
    out = tmp_path / "merged"
    assert main(["merge", *map(str, order), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "fed.zip (federation profile)" in err and "public.zip (public profile)" in err
    assert "different export profiles" in err and "nothing written" in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize("public_first", [True, False])
def test_a_bundle_whose_data_says_other_access_rights_than_its_manifest_is_refused(tmp_path, capsys, public_first):
    """A federation bundle whose datasets were relabelled public (manifest and hashes made to
    match): its records could end up where more people may read them. Refused as a bad bundle.
    (The field and record guards of datasets with different access rights: test_access_policy.py.)"""
    full = make_bundle(tmp_path, "full.zip", VALID)

    def public_and_bare(doc):
        doc["access_rights"] = "public"
        for org in doc.get("organisations", ()):
            for name in ("staff_count", "peer_worker_count", "volunteer_count", "description"):
                org.pop(name, None)

    bare = _rebundle(full, tmp_path / "bare.zip", public_and_bare)
    capsys.readouterr()
    out = tmp_path / "merged"
    order = [bare, full] if public_first else [full, bare]
    assert main(["merge", *map(str, order), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bare.zip" in err and "labelled falsely" in err and "Traceback" not in err, err
    assert not out.exists()


# -- malformed data inside an intact bundle --------------------------------------------------------
def _prefixes_a_list(doc):
    doc["prefixes"] = ["ex", "https://example.org/peer/"]


def _identifiers_not_a_list(doc):
    for org in doc.get("organisations", ()):
        org["identifiers"] = "be-kbo 0000000000"


def _start_date_a_list(doc):
    for membership in doc.get("memberships", ()):
        membership["start_date"] = ["2021-03-15"]


@pytest.mark.parametrize("change", [_prefixes_a_list, _identifiers_not_a_list, _start_date_a_list])
def test_malformed_data_in_an_intact_bundle_is_a_bad_bundle(tmp_path, capsys, change):
    good = make_bundle(tmp_path, "good.zip", VALID)
    bad = _rebundle(good, tmp_path / "bad.zip", change)  # manifest made to match: only the data is wrong
    capsys.readouterr()
    out = tmp_path / "merged"
    for order in ([bad], [good, bad]):
        assert main(["merge", *map(str, order), "-o", str(out)]) == 2
        err = capsys.readouterr().err
        assert "bad.zip" in err and "data/" in err and "structure" in err and "Traceback" not in err, err
        assert not out.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_merge_with_peer_workers_is_its_owners_only(tmp_path):
    fed = make_bundle(tmp_path, "fed.zip", VALID)
    public = tmp_path / "public.zip"
    old = os.umask(0o022)
    try:
        assert main(["bundle", str(public_part(tmp_path)), "-o", str(public), "--profile", "public"]) == 0
        assert main(["merge", str(fed), "-o", str(tmp_path / "private")]) == 0
        assert main(["merge", str(public), "-o", str(tmp_path / "open")]) == 0
    finally:
        os.umask(old)
    private = tmp_path / "private"
    assert records(private, "peer_workers")
    for path in [private, *private.rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path
    opened = tmp_path / "open"
    for path in [opened, *opened.rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path
