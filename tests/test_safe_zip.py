"""Bad bundles: each one exits 2 with a message naming the bundle and the problem, writes nothing
outside -o, and leaves an earlier merge output as it was. The bad zips are built here."""

from __future__ import annotations

import hashlib
import json
import stat
import warnings
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES
import peer_schema
from peer_schema.cli import main
from peer_schema.exchange.errors import BadBundle
from peer_schema.exchange.safe_zip import ZipLimits, read_zip


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good") / "good.zip"
    public = [str(f) for f in sorted((EXAMPLES / "valid").glob("*.yaml"))  # a profile never loosens access:
              if "access_rights: public" in f.read_text(encoding="utf-8")]  # the public datasets only
    assert main(["bundle", *public, "-o", str(out), "--profile", "public"]) == 0
    return out


def good_members(good: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(good) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def write_zip(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names, which one test wants
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in entries:
                zf.writestr(name, data)
    return path


def with_manifest(members: dict[str, bytes], change) -> dict[str, bytes]:
    manifest = json.loads(members["datapackage.json"])
    change(manifest)
    return {**members, "datapackage.json": json.dumps(manifest).encode()}


@pytest.fixture
def earlier(tmp_path, good) -> Path:
    """An earlier merge output, which a failed merge must leave as it was."""
    out = tmp_path / "merged"
    assert main(["merge", str(good), "-o", str(out)]) == 0
    return out


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_refused(tmp_path: Path, bad: Path, earlier: Path, capsys, *words: str, extra=()) -> None:
    before = snapshot(earlier)
    listing = sorted(p.name for p in tmp_path.iterdir())
    capsys.readouterr()
    rc = main(["merge", str(bad), "-o", str(earlier), "--replace", *extra])
    err = capsys.readouterr().err
    assert rc == 2, err
    assert bad.name in err
    for word in words:
        assert word in err, err
    assert snapshot(earlier) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # no temporary folder left, nothing extracted
    fresh = tmp_path / "fresh"
    assert main(["merge", str(bad), "-o", str(fresh), *extra]) == 2
    assert not fresh.exists()


# -- unsafe names and kinds of entries -------------------------------------------------------------
@pytest.mark.parametrize("name, words", [
    ("../evil.json", ("zip slip",)),
    ("data/../../evil.json", ("zip slip",)),
    ("/etc/evil.json", ("absolute path",)),
    ("C:/evil.json", ("drive letter",)),
    ("data\\evil.json", ("backslash",)),
])
def test_unsafe_names(tmp_path, good, earlier, capsys, name, words):
    bad = write_zip(tmp_path / "bad.zip", [*good_members(good).items(), (name, b"{}")])
    assert_refused(tmp_path, bad, earlier, capsys, *words)


def test_symlink_entry(tmp_path, good, earlier, capsys):
    link = zipfile.ZipInfo("data/link.json")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    bad = write_zip(tmp_path / "link.zip", [*good_members(good).items(), (link, b"/etc/passwd")])
    assert_refused(tmp_path, bad, earlier, capsys, "symbolic link")


@pytest.mark.parametrize("bit", [0x20, 0x40])  # patched data, strong encryption: zipfile cannot read them
def test_patched_or_strongly_encrypted_entry(tmp_path, good, earlier, capsys, bit):
    members = good_members(good)
    name = next(n for n in members if n.startswith("data/"))
    bad = write_zip(tmp_path / "flagged.zip", list(members.items()))
    raw = bytearray(bad.read_bytes())  # zipfile writes no such flag: set it in both headers of the entry
    with zipfile.ZipFile(bad) as zf:
        local = zf.getinfo(name).header_offset
    central = next(i for i in range(len(raw)) if raw.startswith(b"PK\x01\x02", i)
                   and int.from_bytes(raw[i + 42:i + 46], "little") == local)  # its central entry
    raw[local + 6] |= bit
    raw[central + 8] |= bit
    bad.write_bytes(bytes(raw))
    with zipfile.ZipFile(bad) as zf:
        assert zf.getinfo(name).flag_bits & bit  # the flag is really in the zip
    assert_refused(tmp_path, bad, earlier, capsys, "encrypted or patched")
    assert "Traceback" not in capsys.readouterr().err


def test_duplicate_names(tmp_path, good, earlier, capsys):
    members = good_members(good)
    name = next(n for n in members if n.startswith("data/"))
    bad = write_zip(tmp_path / "dup.zip", [*members.items(), (name, b"{}")])
    assert_refused(tmp_path, bad, earlier, capsys, "appears twice")


def test_too_many_entries(tmp_path, good, earlier, capsys):
    assert_refused(tmp_path, good, earlier, capsys, "entries", extra=("--max-entries", "3"))


# -- zip bombs -----------------------------------------------------------------------------------------
def _zeros_zip(path: Path, megabytes: int) -> Path:
    chunk = bytes(1 << 20)
    info = zipfile.ZipInfo("data/zeros.json")
    info.compress_type = zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as zf:
        with zf.open(info, "w") as fh:
            for _ in range(megabytes):
                fh.write(chunk)
    return path


def test_bomb_by_ratio(tmp_path, earlier, capsys):
    bad = _zeros_zip(tmp_path / "bomb.zip", 200)  # 200 MB of zeros in about 200 KB
    assert bad.stat().st_size < 1 << 20
    assert_refused(tmp_path, bad, earlier, capsys, "zip bomb")


def test_bomb_by_total_size(tmp_path, earlier, capsys):
    bad = _zeros_zip(tmp_path / "big.zip", 3)
    assert_refused(tmp_path, bad, earlier, capsys, "bytes",
                   extra=("--max-unpacked-bytes", "1000000", "--max-ratio", "100000"))


def test_limits_are_enforced_while_decompressing(tmp_path):
    """A header that declares less than the entry holds: the bytes that come out are counted."""
    path = _zeros_zip(tmp_path / "liar.zip", 3)
    raw = bytearray(path.read_bytes())
    # shrink the declared size in the local header and in the central directory
    local = raw.index(b"PK\x03\x04")
    central = raw.index(b"PK\x01\x02")
    for offset in (local + 22, central + 24):
        raw[offset:offset + 4] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(raw))
    with pytest.raises(BadBundle, match="liar.zip"):
        read_zip(path, ZipLimits(max_total_bytes=10_000))
    with pytest.raises(BadBundle, match="liar.zip"):
        read_zip(path)


# -- damage and lies ----------------------------------------------------------------------------------
def test_truncated_zip(tmp_path, good, earlier, capsys):
    raw = good.read_bytes()
    bad = tmp_path / "cut.zip"
    bad.write_bytes(raw[: len(raw) // 2])
    assert_refused(tmp_path, bad, earlier, capsys, "damaged or truncated")


def test_corrupt_entry(tmp_path, good, earlier, capsys):
    members = good_members(good)
    bad = tmp_path / "crc.zip"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_STORED) as zf:  # stored: a flipped byte reaches the CRC check
        for name, data in members.items():
            zf.writestr(name, data)
    raw = bytearray(bad.read_bytes())
    at = raw.index(b'"organisations"')
    raw[at + 2] ^= 0x20
    bad.write_bytes(bytes(raw))
    assert_refused(tmp_path, bad, earlier, capsys, "damaged")


def test_not_a_zip(tmp_path, earlier, capsys):
    bad = tmp_path / "text.zip"
    bad.write_text("hello", encoding="utf-8")
    assert_refused(tmp_path, bad, earlier, capsys, "not a zip file")


def test_missing_manifest(tmp_path, good, earlier, capsys):
    members = {n: d for n, d in good_members(good).items() if n != "datapackage.json"}
    bad = write_zip(tmp_path / "nomanifest.zip", list(members.items()))
    assert_refused(tmp_path, bad, earlier, capsys, "no datapackage.json")


def test_lying_hash(tmp_path, good, earlier, capsys):
    def lie(m):
        m["resources"][0]["hash"] = "sha256:" + hashlib.sha256(b"something else").hexdigest()
    bad = write_zip(tmp_path / "hash.zip", list(with_manifest(good_members(good), lie).items()))
    assert_refused(tmp_path, bad, earlier, capsys, "SHA-256")


def test_changed_data_with_the_old_manifest(tmp_path, good, earlier, capsys):
    members = good_members(good)
    name = next(n for n in members if n.startswith("data/"))
    changed = members[name].replace(b"Pairs Ensemble", b"Pairs Ensembl3")  # same size, other bytes
    bad = write_zip(tmp_path / "changed.zip", list({**members, name: changed}.items()))
    assert_refused(tmp_path, bad, earlier, capsys, "SHA-256", "changed or damaged")


def test_lying_size(tmp_path, good, earlier, capsys):
    def lie(m):
        m["resources"][0]["bytes"] += 1
    bad = write_zip(tmp_path / "size.zip", list(with_manifest(good_members(good), lie).items()))
    assert_refused(tmp_path, bad, earlier, capsys, "bytes but the manifest says")


def test_extra_file(tmp_path, good, earlier, capsys):
    bad = write_zip(tmp_path / "extra.zip", [*good_members(good).items(), ("data/extra.json", b"{}")])
    assert_refused(tmp_path, bad, earlier, capsys, "not in its manifest", "data/extra.json")


def test_listed_file_missing(tmp_path, good, earlier, capsys):
    members = good_members(good)
    name = next(n for n in members if n.startswith("data/"))
    bad = write_zip(tmp_path / "gone.zip", [(n, d) for n, d in members.items() if n != name])
    assert_refused(tmp_path, bad, earlier, capsys, "not in the bundle")


def test_major_version_mismatch(tmp_path, good, earlier, capsys):
    def future(m):
        m["schema_version"] = "7.0.0"
    bad = write_zip(tmp_path / "future.zip", list(with_manifest(good_members(good), future).items()))
    assert_refused(tmp_path, bad, earlier, capsys, "version 7.0.0", f"version {peer_schema.SCHEMA_VERSION}", "major versions")


def test_minor_version_difference_is_accepted(tmp_path, good):
    def minor(m):
        m["schema_version"] = "0.9.3"
    ok = write_zip(tmp_path / "minor.zip", list(with_manifest(good_members(good), minor).items()))
    assert main(["merge", str(ok), "-o", str(tmp_path / "m")]) == 0


def test_a_good_bundle_after_a_bad_one_changes_nothing(tmp_path, good, earlier, capsys):
    bad = write_zip(tmp_path / "evil.zip", [*good_members(good).items(), ("../evil.json", b"{}")])
    assert_refused(tmp_path, bad, earlier, capsys, "zip slip")
    # the bad bundle second on the line: the good one is not merged alone
    before = snapshot(earlier)
    assert main(["merge", str(good), str(bad), "-o", str(earlier), "--replace"]) == 2
    assert snapshot(earlier) == before
    assert not (tmp_path.parent / "evil.json").exists() and not (tmp_path / "evil.json").exists()
