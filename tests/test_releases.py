"""Versions of the model: the released schemas shipped side by side, `peer-schema diff` and its
rules (docs/versions.md), `peer-schema schema --version`."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from peer_schema import SCHEMA_VERSION
from peer_schema.cli import main
from peer_schema.versions import MERGED, load_schema, merged_text, released
from peer_schema.versions.diff import MAJOR, MINOR, PATCH, diff, required_bump

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ROOT / "src/peer_schema/versions"
#: released versions' merged schemas never change once the version number has moved on: when
#: the schema's version is raised, add the version before it here with its hash
FROZEN = {
    "0.1.0": "ae5d24c266e0eace14d2d4080a69aef3df32da54875fcdf482a8c80ad8f0452c",
}


# --- the versions shipped --------------------------------------------------------------------

def test_every_earlier_version_is_frozen_and_the_current_one_is_generated():
    assert released() == sorted(set(FROZEN) | {SCHEMA_VERSION}, key=lambda v: tuple(map(int, v.split("."))))
    for version, digest in FROZEN.items():
        data = (VERSIONS / version / MERGED).read_bytes()
        assert hashlib.sha256(data).hexdigest() == digest, f"the released schema {version} was changed"
    current = (VERSIONS / SCHEMA_VERSION / MERGED).read_bytes()
    assert current == (ROOT / "src/peer_schema/generated" / MERGED).read_bytes()
    assert re.search(rb"^version: " + re.escape(SCHEMA_VERSION.encode()) + rb"$", current, re.M)


def test_the_frozen_0_1_0_is_the_one_released():
    done = subprocess.run(["git", "show", f"4e96f24:src/peer_schema/generated/{MERGED}"], cwd=ROOT,
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip("no git history here (an sdist)")
    assert done.stdout == (VERSIONS / "0.1.0" / MERGED).read_bytes()


def test_the_source_schema_reads_as_the_generated_merged_schema():
    """Reading schema/*.yaml without linkml (imports, shorthands, defaults) gives what linkml merged."""
    (_, source), (_, merged) = load_schema(str(ROOT / "schema/peer_schema.yaml")), load_schema(SCHEMA_VERSION)
    assert diff(merged, source).changes == []


def test_the_wheel_carries_every_version_and_diffs_without_linkml(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(ROOT), "-w", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("peer_schema-*.whl")
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import peer_schema, peer_schema.cli as c;"
        "assert peer_schema.__file__.startswith(sys.argv[1]), peer_schema.__file__;"
        "rc = c.main(['diff', '0.1.0', sys.argv[2], '--format', 'json']);"
        "assert not [m for m in sys.modules if m.split('.')[0] in ('linkml', 'linkml_runtime')];"
        "sys.exit(rc)"
    )
    run = subprocess.run([sys.executable, "-c", probe, str(wheel), SCHEMA_VERSION], capture_output=True, text=True,
                         timeout=60, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["new"] == SCHEMA_VERSION


def test_schema_version_option(capsys):
    assert main(["schema", "--version", "0.1.0", "--format", "linkml"]) == 0
    assert capsys.readouterr().out == merged_text("0.1.0")
    assert main(["schema", "--version", SCHEMA_VERSION, "--format", "shacl"]) == 0
    assert capsys.readouterr().out.startswith("@prefix")
    assert main(["schema", "--version", "0.1.0", "--format", "owl"]) == 2
    assert "--format linkml" in capsys.readouterr().err
    assert main(["schema", "--version", "9.9.9", "--format", "linkml"]) == 2
    assert "not known to this package (known: 0.1.0" in capsys.readouterr().err
    assert main(["schema", "--version", "latest", "--format", "linkml"]) == 2
    assert "not a version number" in capsys.readouterr().err


# --- diff 0.1.0 -> current says what the CHANGELOG says ---------------------------------------

def _changelog_section(version: str) -> str:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## \[{re.escape(version)}\].*?(?=^## \[)", text, re.S | re.M)
    assert match, f"CHANGELOG.md has no section for {version}"
    return match.group(0)


def _diff_json(capsys, *args: str) -> tuple[int, dict]:
    code = main(["diff", *args, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_diff_from_0_1_0_reports_what_the_changelog_says(capsys):
    code, report = _diff_json(capsys, "0.1.0", SCHEMA_VERSION)
    assert code == 0 and report["version_says_so"] and report["actual_bump"] == "minor"
    assert report["old_iri"] == "https://w3id.org/peer-schema/0.1.0/"
    changes = {(c["element"], c["name"], c["change"]): c for c in report["changes"]}
    slot_uri = changes[("slot", "schema_version", "slot_uri")]
    assert (slot_uri["level"], slot_uri["old"], slot_uri["new"]) == \
        (MAJOR, "http://purl.org/dc/terms/conformsTo", "http://schema.org/schemaVersion")
    assert changes[("slot", "prefix", "key")]["level"] == MAJOR
    assert changes[("slot", "prefix", "identifier")]["new"] is False
    for code_ in ("public", "restricted", "non_public"):
        meaning = changes[("code", f"AccessRight.{code_}", "meaning")]
        assert meaning["level"] == MAJOR
        assert meaning["new"].startswith("http://publications.europa.eu/resource/authority/access-right/")
    added = {c["name"] for c in report["changes"] if c["element"] == "slot" and c["change"] == "added"}
    assert added == {"in_dataset", "source_datasets", "conforms_to", "in_scheme", "top_concept_of", "narrower"}
    assert {("ConceptScheme.pref_label", MINOR), ("ConceptScheme.license", MINOR), ("Dataset.conforms_to", MINOR)} \
        <= {(c["name"], c["level"]) for c in report["changes"] if c["element"] == "class slot"}
    assert changes[("slot", "awarding_body", "module")]["new"] == "https://w3id.org/peer-schema/training"
    assert not [c for c in report["changes"] if c["change"] == "removed"]

    # every change that is not only words for people is in the CHANGELOG's section
    section = _changelog_section(SCHEMA_VERSION)
    for c in report["changes"]:
        if c["level"] == PATCH and c["change"] != "module":
            continue
        if c["element"] == "code":
            mention = re.sub(r"(?<!^)(?=[A-Z])", "-", c["name"].split(".")[0]).lower()  # AccessRight -> access-right
        elif c["change"] in ("export_profiles", "sensitivity"):
            mention = c["change"]
        else:
            mention = c["name"].split(".")[-1]
        assert f"`{mention}`" in section or mention in section, f"CHANGELOG {SCHEMA_VERSION} does not say: {c}"


def test_each_release_says_what_it_changed(capsys):
    """For the CI of the schema itself: each released version's number says how much changed
    since the one before, and the CHANGELOG has a section for it."""
    versions = released()
    for old, new in zip(versions, versions[1:]):
        code, report = _diff_json(capsys, old, new)
        assert code == 0, report["verdict"]
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert all(f"## [{v}]" in text for v in versions)


def test_diff_text_groups_the_same_change_and_gives_the_verdict(capsys):
    assert main(["diff", "0.1.0", SCHEMA_VERSION]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"peer_schema 0.1.0 → {SCHEMA_VERSION}:")
    assert "slot schema_version: slot_uri http://purl.org/dc/terms/conformsTo → http://schema.org/schemaVersion" in out
    assert re.search(r"\d+ slots, export_profiles public federation internal → public research federation internal", out)
    assert out.rstrip().endswith("the version number says so")


def test_diff_backwards_is_major_and_the_version_does_not_say_so(capsys):
    code, report = _diff_json(capsys, SCHEMA_VERSION, "0.1.0")
    assert code == 1 and not report["version_says_so"] and report["actual_bump"] == "none"
    assert {c["name"] for c in report["changes"] if c["change"] == "removed" and c["level"] == MAJOR} >= \
        {"in_dataset", "conforms_to"}


def test_diff_of_unreadable_inputs_exits_2(tmp_path, capsys):
    (tmp_path / "notes.yaml").write_text("just: text\n", encoding="utf-8")
    for args in (["0.0.9", "0.1.0"], [str(tmp_path / "missing.yaml"), "0.1.0"], [str(tmp_path / "notes.yaml"), "0.1.0"]):
        assert main(["diff", *args]) == 2
        assert capsys.readouterr().err.startswith("peer-schema diff: ")


# --- the rules, one by one --------------------------------------------------------------------

@pytest.fixture(scope="module")
def current() -> dict:
    return load_schema(SCHEMA_VERSION)[1]


def _write(tmp_path: Path, schema: dict, version: str, name: str = "new.yaml") -> str:
    schema = copy.deepcopy(schema)
    schema["version"] = version
    path = tmp_path / name
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    path.write_text(yaml.dump(schema, Dumper=dumper, allow_unicode=True), encoding="utf-8")
    return str(path)


def _one(old: dict, new: dict):
    (change,) = [c for c in diff(old, new).changes]
    return change


EDITS = [
    # (what, edit of a deep copy of the current schema, level, change)
    ("a slot's description", lambda s: s["slots"]["name"].update(description="Reworded."), PATCH, "description"),
    ("a French label", lambda s: s["slots"]["name"]["annotations"]["label_fr"].update(value="Nom"), PATCH, "label_fr"),
    ("a slot made required",
     lambda s: s["classes"]["Practice"]["slot_usage"].update(scale={"name": "scale", "required": True}),
     MAJOR, "required"),
    ("a required slot made optional", lambda s: s["classes"]["Dataset"]["slot_usage"].pop("created"), MINOR, "required"),
    ("a range changed", lambda s: s["slots"]["name"].update(range="CurieOrUri"), MAJOR, "range"),
    ("a slot made multivalued", lambda s: s["slots"]["name"].update(multivalued=True), MAJOR, "multivalued"),
    ("a code removed", lambda s: s["enums"]["AccessRight"]["permissible_values"].pop("restricted"), MAJOR, "removed"),
    ("a code added", lambda s: s["enums"]["AccessRight"]["permissible_values"].update(
        embargoed={"text": "embargoed", "title": "Embargoed"}), MINOR, "added"),
    ("a code's meaning", lambda s: s["enums"]["AccessRight"]["permissible_values"]["public"].update(
        meaning="pv:access-right/public"), MAJOR, "meaning"),
    ("an optional slot added to a class", lambda s: s["classes"]["Practice"]["slots"].append("homepage"), MINOR, "added"),
    ("a slot removed from a class", lambda s: s["classes"]["Practice"]["slots"].remove("aims"), MAJOR, "removed"),
    ("a class_uri", lambda s: s["classes"]["Practice"].update(class_uri="schema:Thing"), MAJOR, "class_uri"),
    ("a mapping added", lambda s: s["slots"]["name"].update(exact_mappings=["foaf:name"]), MINOR, "exact_mappings"),
    ("a pattern dropped", lambda s: s["slots"]["schema_version"].pop("pattern"), MINOR, "pattern"),
    ("a pattern added", lambda s: s["slots"]["name"].update(pattern="^[A-Z]"), MAJOR, "pattern"),
    ("a minimum raised", lambda s: s["slots"]["total_hours"].update(minimum_value=10), MAJOR, "minimum_value"),
    ("a field more sensitive", lambda s: s["slots"]["name"]["annotations"]["sensitivity"].update(value="personal"),
     MAJOR, "sensitivity"),
    ("a profile withdrawn", lambda s: s["slots"]["name"]["annotations"]["export_profiles"].update(
        value="federation internal"), MAJOR, "export_profiles"),
    ("an abstract class made concrete", lambda s: s["classes"]["Record"].pop("abstract"), MINOR, "abstract"),
]


@pytest.mark.parametrize("what, edit, level, change", EDITS, ids=[e[0] for e in EDITS])
def test_each_rule(current, what, edit, level, change):
    new = copy.deepcopy(current)
    edit(new)
    found = _one(current, new)
    assert (found.level, found.change) == (level, change), found
    assert found.reason


def test_version_step_rules():
    assert required_bump(MAJOR, "0.2.0") == MINOR and required_bump(MINOR, "0.2.0") == PATCH
    assert required_bump(PATCH, "0.2.0") == PATCH
    assert required_bump(MAJOR, "1.4.2") == MAJOR and required_bump(MINOR, "1.4.2") == MINOR
    assert required_bump(None, "1.4.2") is None


def test_exit_code_follows_the_version_number(current, tmp_path, capsys):
    broken = copy.deepcopy(current)
    broken["classes"]["Practice"]["slots"].remove("aims")
    same = _write(tmp_path, broken, SCHEMA_VERSION)
    assert main(["diff", SCHEMA_VERSION, same]) == 1  # major, no version step
    assert "does NOT say so" in capsys.readouterr().out
    major, minor = map(int, SCHEMA_VERSION.split(".")[:2])
    patch_step = _write(tmp_path, broken, f"{major}.{minor}.9", "patch.yaml")
    assert main(["diff", SCHEMA_VERSION, patch_step]) == 1  # too small a step for a breaking change, 0.x or not
    minor_step = _write(tmp_path, broken, f"{major}.{minor + 1}.0", "minor.yaml")
    assert main(["diff", SCHEMA_VERSION, minor_step]) == (0 if major == 0 else 1)
    capsys.readouterr()

    reworded = copy.deepcopy(current)
    reworded["slots"]["name"]["description"] = "Reworded."
    path = _write(tmp_path, reworded, SCHEMA_VERSION, "reworded.yaml")
    assert main(["diff", SCHEMA_VERSION, path]) == 0  # a patch change: reported, not refused
    assert main(["diff", SCHEMA_VERSION, path, "--strict"]) == 1


# --- migrate ---------------------------------------------------------------------------------

from peer_schema.versions.migrate import MigrationRefused, migrate  # noqa: E402

VALID = sorted((ROOT / "examples/valid").glob("*.yaml"))


def _as_0_1_0(tmp_path: Path, source: Path, edit=lambda text: text) -> Path:
    text = source.read_text(encoding="utf-8")
    assert f'schema_version: "{SCHEMA_VERSION}"' in text
    old = tmp_path / f"old-{source.name}"
    old.write_text(edit(text.replace(f'schema_version: "{SCHEMA_VERSION}"', 'schema_version: "0.1.0"')),
                   encoding="utf-8")
    return old


def test_migrate_0_1_0_files_keeps_their_text_and_validates(tmp_path, capsys):
    from datetime import date

    from peer_schema import validate

    migrated = tmp_path / "migrated"
    migrated.mkdir()
    for source in VALID:  # they refer to one another: validated together
        old = _as_0_1_0(tmp_path, source)
        out = migrated / source.name
        assert main(["migrate", str(old), "--to", SCHEMA_VERSION, "-o", str(out)]) == 0
        assert "/schema_version: 0.1.0 → " + SCHEMA_VERSION in capsys.readouterr().err
        before, after = old.read_text(encoding="utf-8").splitlines(), out.read_text(encoding="utf-8").splitlines()
        changed = [(a, b) for a, b in zip(before, after) if a != b]
        assert len(before) == len(after)  # comments and layout kept
        assert changed == [('schema_version: "0.1.0"', f'schema_version: "{SCHEMA_VERSION}"')]

        as_json = tmp_path / "new.json"
        assert main(["migrate", str(old), "-o", str(as_json)]) == 0
        assert json.loads(as_json.read_text(encoding="utf-8")) == yaml.safe_load(out.read_text(encoding="utf-8"))
    report = validate([migrated], today=date(2026, 12, 1))
    assert report.valid, [f.code for f in report.findings]


def test_migrate_refuses_to_invent_a_purpose(tmp_path, capsys):
    source = ROOT / "examples/valid/PeerWorker-with-consent.yaml"
    old = _as_0_1_0(tmp_path, source, lambda t: "\n".join(line for line in t.splitlines() if "purposes:" not in line))
    out = tmp_path / "new.yaml"
    assert main(["migrate", str(old), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "without inventing data; nothing written" in err and not out.exists()
    assert "/peer_workers/0/disclosure_consents/0" in err and "names no purpose" in err

    data = yaml.safe_load(old.read_text(encoding="utf-8"))
    snapshot = copy.deepcopy(data)
    with pytest.raises(MigrationRefused) as refused:
        migrate(data, SCHEMA_VERSION)
    consents = sum(len(w.get("disclosure_consents", [])) for w in data["peer_workers"])
    assert len(refused.value.problems) == consents and data == snapshot


def test_migrate_notes_consents_that_no_longer_cover_the_federation():
    data = yaml.safe_load((ROOT / "examples/valid/PeerWorker-with-consent.yaml").read_text(encoding="utf-8"))
    data["schema_version"] = "0.1.0"
    consent = data["peer_workers"][0]["disclosure_consents"][0]
    consent["audiences"], consent["purposes"] = ["federation"], ["research"]
    result = migrate(data, SCHEMA_VERSION)
    assert result.data["schema_version"] == SCHEMA_VERSION and data["schema_version"] == "0.1.0"
    assert result.log.edits == [("/schema_version", "0.1.0", SCHEMA_VERSION)]
    assert len(result.log.notes) == 1 and "no longer carries its fields" in result.log.notes[0]


@pytest.mark.parametrize("args, message", [
    (["--to", "0.1.0"], "migrate only goes forward"),
    (["--to", "7.0.0"], "not known to this package"),
])
def test_migrate_refusals(tmp_path, capsys, args, message):
    data = tmp_path / "data.yaml"
    shutil_copy = (ROOT / "examples/valid/Organisation-association.yaml").read_text(encoding="utf-8")
    data.write_text(shutil_copy, encoding="utf-8")
    assert main(["migrate", str(data), *args, "-o", str(tmp_path / "out.yaml")]) == 2
    assert message in capsys.readouterr().err


def test_migrate_reads_json_and_yaml_only(tmp_path, capsys):
    table = tmp_path / "organisations.csv"
    table.write_text("id,name\nex:org/1,A\n", encoding="utf-8")
    assert main(["migrate", str(table), "-o", str(tmp_path / "out.yaml")]) == 2
    assert "JSON or YAML" in capsys.readouterr().err
    versionless = tmp_path / "v.yaml"
    versionless.write_text("id: ex:dataset/1\n", encoding="utf-8")
    assert main(["migrate", str(versionless), "-o", str(tmp_path / "out.yaml")]) == 2
    assert "does not say its schema_version" in capsys.readouterr().err


# --- merge: bundles of earlier versions are migrated first ------------------------------------

def test_merge_migrates_bundles_of_an_earlier_version(tmp_path, capsys):
    old_data, new_data = tmp_path / "old", tmp_path / "new"
    old_data.mkdir(), new_data.mkdir()
    for source in VALID:  # a federation's registry made under 0.1.0, one association's update made now
        (old_data / source.name).write_text(_as_0_1_0(tmp_path, source).read_text(encoding="utf-8"), encoding="utf-8")
    update = ROOT / "examples/valid/Organisation-association.yaml"
    (new_data / update.name).write_text(update.read_text(encoding="utf-8"), encoding="utf-8")
    bundles = []
    for name, folder in (("old.zip", old_data), ("new.zip", new_data)):
        assert main(["bundle", str(folder), "-o", str(tmp_path / name), "--profile", "federation"]) == 0, \
            capsys.readouterr().err
        bundles.append(str(tmp_path / name))
    out = tmp_path / "merged"
    assert main(["merge", *bundles, "-o", str(out)]) == 0, capsys.readouterr().err
    docs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "data").glob("*.json"))]
    assert docs and {d["schema_version"] for d in docs} == {SCHEMA_VERSION}


def test_merge_refuses_a_bundle_that_cannot_be_migrated():
    from peer_schema.exchange.errors import BadBundle
    from peer_schema.versions.upgrade import upgrade_dataset

    data = yaml.safe_load((ROOT / "examples/valid/PeerWorker-with-consent.yaml").read_text(encoding="utf-8"))
    current = copy.deepcopy(data)
    assert upgrade_dataset(current, "b.zip: data/x.json") is current  # nothing to do
    data["schema_version"] = "0.1.0"
    assert upgrade_dataset(copy.deepcopy(data), "b.zip")["schema_version"] == SCHEMA_VERSION
    for worker in data["peer_workers"]:
        for consent in worker["disclosure_consents"]:
            consent.pop("purposes", None)
    with pytest.raises(BadBundle, match=r"b\.zip: data/x\.json: made with version 0\.1\.0 .*names no purpose"):
        upgrade_dataset(data, "b.zip: data/x.json")
