"""`peer-schema bundle`: real zips on disk, through the real command line."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES
from peer_schema import validate
from peer_schema.cli import main
from peer_schema.exchange.profile_filter import PEOPLE_UNITS
from peer_schema.model import model

VALID = EXAMPLES / "valid"
PSEUDONYM = re.compile(r"^ex:pw/[0-9a-f]{32}$")
ORIGINAL_PW_IDS = ("ex:pw/7f3a9c", "ex:pw/b21e04")


def public_valid(tmp_path: Path) -> Path:
    """examples/valid with every dataset labelled public: a public bundle of it leaves the peer
    workers out (a public bundle of the restricted original is refused: a profile never loosens
    access, tests/test_access_policy.py)."""
    folder = tmp_path / "public-valid"
    if not folder.exists():
        folder.mkdir()
        for f in VALID.iterdir():
            (folder / f.name).write_text(f.read_text(encoding="utf-8").replace(
                "access_rights: restricted", "access_rights: public"), encoding="utf-8")
    return folder


def bundle(tmp_path: Path, *args: str, name: str = "out.zip", paths=(VALID,)) -> tuple[int, Path]:
    if "public" in args and paths == (VALID,):
        paths = (public_valid(tmp_path),)
    out = tmp_path / name
    rc = main(["bundle", *map(str, paths), "-o", str(out), *args])
    return rc, out


def members(zip_path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(zip_path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def datasets(zip_path: Path) -> list[dict]:
    return [json.loads(data) for name, data in members(zip_path).items() if name.startswith("data/")]


def peer_worker_ids(zip_path: Path) -> set[str]:
    return {pw["id"] for doc in datasets(zip_path) for pw in doc.get("peer_workers", ())}


def unzip(zip_path: Path, folder: Path) -> Path:
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(folder)
    return folder


@pytest.fixture
def key(tmp_path: Path) -> Path:
    path = tmp_path / "bundle.key"
    path.write_bytes(os.urandom(32))
    path.chmod(0o600)
    return path


# -- the federation bundle ----------------------------------------------------------------------
def test_federation_bundle_is_a_valid_data_package(tmp_path, key):
    frictionless = pytest.importorskip("frictionless")
    rc, out = bundle(tmp_path, "--profile", "federation", "--for", "fed-a", "--key-file", str(key))
    assert rc == 0
    files = members(out)
    assert set(files) == {"datapackage.json"} | {n for n in files if n.startswith("data/") and n.endswith(".json")}
    descriptor = json.loads(files["datapackage.json"])
    assert list(frictionless.Package.metadata_validate(descriptor)) == []  # frictionless' own metadata rules
    assert frictionless.Package.validate_descriptor(descriptor).valid
    folder = unzip(out, tmp_path / "unzipped")
    package = frictionless.Package(str(folder / "datapackage.json"))
    assert len(package.resources) == len(files) - 1
    for resource in package.resources:  # what frictionless reads is what is in the zip
        data = files[resource.path]
        assert resource.bytes == len(data)
        assert resource.hash == "sha256:" + hashlib.sha256(data).hexdigest()
        assert resource.format == "json" and resource.mediatype == "application/json"
    assert frictionless.validate(str(folder / "datapackage.json")).valid  # hashes and sizes checked by it
    assert descriptor["schema_version"] == model().schema_version
    assert descriptor["export_profile"] == "federation" and descriptor["recipient"] == "fed-a"
    assert descriptor["publisher"]["name"] and descriptor["dataset_version"] == "2026.1"
    assert descriptor["created"].endswith("Z") and descriptor["id"].startswith("urn:uuid:")
    assert key.read_bytes() not in b"".join(files.values())


def test_unzipped_bundle_validates_and_exports(tmp_path, key):
    rc, out = bundle(tmp_path, "--profile", "federation", "--for", "fed-a", "--key-file", str(key))
    assert rc == 0
    data = unzip(out, tmp_path / "unzipped") / "data"
    assert main(["validate", str(data)]) == 0  # the datasets say their access rights: no --profile needed
    assert main(["validate", str(data), "--profile", "federation"]) == 0
    assert main(["export", str(data), "-o", str(tmp_path / "out.ttl")]) == 0
    assert "pw/" in (tmp_path / "out.ttl").read_text(encoding="utf-8")


def test_pseudonyms_differ_between_recipients_and_stay_for_one(tmp_path, key):
    ids = {}
    for recipient, name in (("fed-a", "a1.zip"), ("fed-a", "a2.zip"), ("fed-b", "b.zip")):
        rc, out = bundle(tmp_path, "--profile", "federation", "--for", recipient, "--key-file", str(key), name=name)
        assert rc == 0
        ids[name] = peer_worker_ids(out)
        raw = b"".join(members(out).values())
        assert all(original.encode() not in raw for original in ORIGINAL_PW_IDS)
    assert len(ids["a1.zip"]) == 2 and all(PSEUDONYM.match(i) for i in ids["a1.zip"])
    assert ids["a1.zip"] == ids["a2.zip"]
    assert not ids["a1.zip"] & ids["b.zip"]
    other_key = tmp_path / "other.key"
    assert bundle(tmp_path, "--profile", "federation", "--for", "fed-a", "--key-file", str(other_key),
                  name="k.zip")[0] == 0
    assert not peer_worker_ids(tmp_path / "k.zip") & ids["a1.zip"]  # another key, other pseudonyms


def test_peer_workers_are_in_the_order_of_their_pseudonyms(tmp_path):
    """Position links nothing between two recipients' bundles."""
    key = tmp_path / "fixed.key"
    key.write_bytes(bytes(range(32)))  # fixed: the original order is unsorted for some recipient
    key.chmod(0o600)
    for i in range(6):
        rc, out = bundle(tmp_path, "--profile", "federation", "--for", f"fed-{i}", "--key-file", str(key),
                         name=f"{i}.zip")
        assert rc == 0
        for doc in datasets(out):
            ids = [pw["id"] for pw in doc.get("peer_workers", ())]
            assert ids == sorted(ids)


def test_recipient_spellings_give_the_same_pseudonyms(tmp_path, key):
    import unicodedata

    spellings = ["Fédération fictive", "Fédération fictive ", unicodedata.normalize("NFD", "Fédération  Fictive")]
    assert len(set(spellings)) == 3
    ids, recipients = [], set()
    for i, name in enumerate(spellings):
        rc, out = bundle(tmp_path, "--profile", "federation", "--for", name, "--key-file", str(key), name=f"{i}.zip")
        assert rc == 0
        ids.append(peer_worker_ids(out))
        recipients.add(json.loads(members(out)["datapackage.json"])["recipient"])
    assert ids[0] == ids[1] == ids[2]
    assert recipients == {"fédération fictive"}  # the normalised form the pseudonyms are keyed on


def test_missing_key_file_is_created_private(tmp_path, capsys):
    path = tmp_path / "new.key"
    rc, _ = bundle(tmp_path, "--profile", "federation", "--for", "fed-a", "--key-file", str(path))
    assert rc == 0
    assert len(path.read_bytes()) == 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert "created a new pseudonym key" in capsys.readouterr().err


@pytest.mark.skipif(os.name != "posix", reason="permission bits")
def test_key_file_others_can_read_is_refused(tmp_path, key, capsys):
    key.chmod(0o644)
    rc, out = bundle(tmp_path, "--profile", "federation", "--for", "fed-a", "--key-file", str(key))
    assert rc == 2 and not out.exists()
    assert "chmod 600" in capsys.readouterr().err


def test_short_key_and_half_options_are_refused(tmp_path, key, capsys):
    short = tmp_path / "short.key"
    short.write_bytes(b"12345")
    short.chmod(0o600)
    assert bundle(tmp_path, "--profile", "federation", "--for", "fed-a", "--key-file", str(short))[0] == 2
    assert bundle(tmp_path, "--profile", "federation", "--for", "fed-a")[0] == 2
    assert bundle(tmp_path, "--profile", "federation", "--key-file", str(key))[0] == 2
    assert not (tmp_path / "out.zip").exists()
    assert "go together" in capsys.readouterr().err


def test_internal_reference_is_left_out(tmp_path):
    source = EXAMPLES / "invalid" / "PeerWorker-local-reference-in-federation.yaml"
    rc, out = bundle(tmp_path, "--profile", "federation", paths=(source,))
    assert rc == 0
    (doc,) = datasets(out)
    assert "local_reference" not in doc["peer_workers"][0]
    assert b"HR-2291" not in b"".join(members(out).values())
    manifest = json.loads(members(out)["datapackage.json"])
    assert manifest["left_out"]["fields"] == {"PeerWorker.local_reference": 1}


# -- the public bundle ------------------------------------------------------------------------------
def _people_counts(doc: dict) -> list:
    found = []
    for org in doc.get("organisations", ()):
        found += [org[k] for k in ("staff_count", "volunteer_count", "peer_worker_count") if k in org]
        found += [org["membership"]["member_count"]] if "member_count" in org.get("membership", {}) else []
    for practice in doc.get("practices", ()):
        found += [f["quantity"] for f in practice.get("scale", ()) if f["unit"] in PEOPLE_UNITS]
    return found


def test_public_bundle_has_no_peer_workers_and_no_small_counts(tmp_path, capsys):
    rc, out = bundle(tmp_path, "--profile", "public")
    assert rc == 0
    docs = datasets(out)
    assert all("peer_workers" not in doc and doc["access_rights"] == "public" for doc in docs)
    counts = [n for doc in docs for n in _people_counts(doc)]
    assert counts and min(counts) >= 5
    manifest = json.loads(members(out)["datapackage.json"])
    assert manifest["left_out"]["records"] == ["PeerWorker"]  # which, not how many
    small = manifest["left_out"]["small_counts"]
    assert small["threshold"] == 5 and isinstance(small["fields"], list) and "suppressed" not in small
    assert "left out: 2 PeerWorker record(s)" in capsys.readouterr().err  # the sender sees the counts
    data = unzip(out, tmp_path / "unzipped") / "data"
    assert validate([data], profile="public").valid


def test_min_count_sets_the_threshold(tmp_path):
    rc, out = bundle(tmp_path, "--profile", "public", "--min-count", "50")
    assert rc == 0
    counts = [n for doc in datasets(out) for n in _people_counts(doc)]
    assert all(n >= 50 for n in counts)
    small = json.loads(members(out)["datapackage.json"])["left_out"]["small_counts"]
    assert small["threshold"] == 50  # 48 members, 6 staff, 12 volunteers, 9 peers suppressed:
    assert {"MembershipProfile.member_count", "Organisation.staff_count"} <= set(small["fields"])


def _numbers(value, path=()):
    """(path, number) for every number in a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _numbers(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _numbers(v, path + (i,))
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield path, value


@pytest.mark.parametrize("min_count", [5, 50])
def test_public_manifest_holds_no_small_count(tmp_path, capsys, min_count):
    """No count of peer workers, nor any count below the threshold, in a public manifest: a
    count of what was left out is itself a small count that can point at a person."""
    rc, out = bundle(tmp_path, "--profile", "public", "--min-count", str(min_count))
    assert rc == 0
    files = members(out)
    manifest = json.loads(files["datapackage.json"])
    assert "PeerWorker" in json.dumps(manifest["left_out"])  # says which class was left out...
    for path, n in _numbers(manifest):
        if path == ("left_out", "small_counts", "threshold"):
            assert n == min_count
        elif path[0] == "resources" and path[-1] == "bytes":
            assert n == len(files[manifest["resources"][path[1]]["path"]])
        elif path[0] == "resources" and path[-1] == "records":  # what is in the bundle, not what was left out
            doc = json.loads(files[manifest["resources"][path[1]]["path"]])
            assert n == sum(len(doc.get(c, ())) for c in model().containers)
        else:
            assert n >= min_count, (path, n)  # ...never how many
    assert "2 PeerWorker record(s)" in capsys.readouterr().err


def test_public_bundle_of_the_compendium_still_validates(tmp_path):
    rc, out = bundle(tmp_path, "--profile", "public", paths=(EXAMPLES / "compendium",))
    assert rc == 0
    assert validate([unzip(out, tmp_path / "u") / "data"], profile="public").valid


# -- refusals and atomicity ---------------------------------------------------------------------------
def test_invalid_data_is_refused_and_nothing_written(tmp_path, capsys):
    earlier = tmp_path / "out.zip"
    earlier.write_bytes(b"an earlier bundle")
    broken = EXAMPLES / "invalid" / "Organisation-missing-name.yaml"
    rc, out = bundle(tmp_path, "--profile", "federation", paths=(VALID, broken))
    assert rc == 1
    assert out.read_bytes() == b"an earlier bundle"
    err = capsys.readouterr().err
    assert "structure.required" in err and "nothing written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.zip"]  # no temporary file left


def test_unreadable_input_exits_2(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert bundle(tmp_path, "--profile", "federation", paths=(bad,))[0] == 2
    assert bundle(tmp_path, "--profile", "federation", paths=(tmp_path / "missing",))[0] == 2
    assert not (tmp_path / "out.zip").exists()


def test_output_that_cannot_be_written_exits_2(tmp_path, capsys):
    """A real write failure even as root (chmod would not stop root): a file name so long that
    the temporary names beside it are over the file system's limit of 255 bytes."""
    out = tmp_path / ("b" * 246 + ".zip")
    rc = main(["bundle", str(VALID), "-o", str(out), "--profile", "federation"])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert "cannot write the bundle" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # nothing left behind


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_a_bundle_with_peer_workers_is_its_owners_only(tmp_path, key):
    old = os.umask(0o022)
    try:
        rc, fed = bundle(tmp_path, "--profile", "federation", "--for", "fed-a", "--key-file", str(key), name="f.zip")
        assert rc == 0 and peer_worker_ids(fed)
        rc, public = bundle(tmp_path, "--profile", "public", name="p.zip")
        assert rc == 0
    finally:
        os.umask(old)
    assert fed.stat().st_mode & 0o777 == 0o600
    assert all((i.external_attr >> 16) & 0o777 == 0o600 for i in zipfile.ZipFile(fed).infolist())
    assert public.stat().st_mode & 0o777 == 0o644  # no peer worker: the umask's usual mode


def test_existing_bundle_is_replaced_only_on_success(tmp_path):
    rc, out = bundle(tmp_path, "--profile", "public")
    assert rc == 0
    first = out.read_bytes()
    assert bundle(tmp_path, "--profile", "federation")[0] == 0
    assert out.read_bytes() != first


def test_bundle_from_another_process(tmp_path, key):
    out = tmp_path / "p.zip"
    proc = subprocess.run([sys.executable, "-m", "peer_schema.cli", "bundle", str(VALID), "-o", str(out),
                           "--profile", "federation", "--for", "fed-a", "--key-file", str(key)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "2 peer worker(s) pseudonymised for fed-a" in proc.stderr
    assert zipfile.ZipFile(out).testzip() is None
