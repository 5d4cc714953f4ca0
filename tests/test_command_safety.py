"""Commands that write, under hostile calls and faults (issue 11): they replace only what they
wrote, never an input or someone else's files, never race each other silently, clean up after
a kill, stop quietly on Ctrl-C, and keep terminals safe. Real files in tmp_path, the real CLI."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import EXAMPLES
from peer_schema.atomic_files import STALE_AFTER, clean_stale, temp_path
from peer_schema.cli import main

VALID = EXAMPLES / "valid"
TEMPLATE_FILES = {"CompendiumSection.csv", "Dataset.csv", "Membership.csv", "Organisation.csv", "PeerWorker.csv",
                  "Practice.csv", "README.txt", "TrainingProgramme.csv"}


def run(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True,
                          cwd=cwd, **kwargs)


def read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write to (root ignores modes: then a kernel folder)."""
    if os.geteuid() == 0:
        return Path("/sys")
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    return folder


# -- template ------------------------------------------------------------------------------------------
def test_template_csv_force_replaces_only_its_own_files(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "work"
    (folder / "sub").mkdir(parents=True)
    (folder / "mine.txt").write_text("keep me")
    (folder / "sub" / "data.json").write_text("{}")
    (folder / "Organisation.csv").write_text("old template")
    monkeypatch.chdir(folder)
    assert main(["template", "--prefix", "ours", "--format", "csv", "-o", ".", "--force"]) == 0  # `-o .` once emptied the folder
    names = {p.name for p in folder.iterdir()}
    assert names == TEMPLATE_FILES | {"mine.txt", "sub"}
    assert (folder / "mine.txt").read_text() == "keep me" and (folder / "sub" / "data.json").read_text() == "{}"
    assert (folder / "Organisation.csv").read_text(encoding="utf-8-sig").startswith("Identifier *")
    assert "Traceback" not in capsys.readouterr().err


def test_template_into_a_new_folder_and_refusals(tmp_path, capsys):
    out = tmp_path / "tpl"
    assert main(["template", "--prefix", "ours", "--format", "csv", "-o", str(out)]) == 0
    assert {p.name for p in out.iterdir()} == TEMPLATE_FILES
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left beside
    capsys.readouterr()
    assert main(["template", "--prefix", "ours", "--format", "csv", "-o", str(out)]) == 2  # exists, no --force
    assert "already exists" in capsys.readouterr().err
    assert main(["template", "-o", str(out), "--force", "--prefix", "ours"]) == 2  # xlsx onto a folder, even with --force
    assert "is a folder" in capsys.readouterr().err
    afile = tmp_path / "a.txt"
    afile.write_text("x")
    assert main(["template", "--prefix", "ours", "--format", "csv", "-o", str(afile), "--force"]) == 2  # a file is never swapped
    assert "is a file" in capsys.readouterr().err and afile.read_text() == "x"


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_template_onto_a_read_only_folder_exits_2(tmp_path, fmt):
    out = read_only_folder(tmp_path) / ("t.xlsx" if fmt == "xlsx" else "t")
    proc = run("template", "--prefix", "ours", "--format", fmt, "-o", str(out))
    assert proc.returncode == 2, proc.stderr
    assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr


# -- bundle, export, import: outputs that are inputs -----------------------------------------------
def test_bundle_onto_its_key_file_is_refused(tmp_path, capsys):
    key = tmp_path / "k.key"
    key.write_bytes(os.urandom(32))
    key.chmod(0o600)
    before = key.read_bytes()
    code = main(["bundle", str(VALID), "-o", str(key), "--key-file", str(key), "--for", "fed",
                 "--profile", "federation"])
    assert code == 2
    assert "pseudonym key file" in capsys.readouterr().err
    assert key.read_bytes() == before
    # the same file under another name (a symbolic link) too
    link = tmp_path / "link.zip"
    link.symlink_to(key)
    assert main(["bundle", str(VALID), "-o", str(link), "--key-file", str(key), "--for", "fed",
                 "--profile", "federation"]) == 2
    assert key.read_bytes() == before


def test_outputs_that_are_inputs_are_refused(tmp_path, capsys):
    from peer_schema.readers import read_document

    source = sorted(VALID.glob("*.yaml"))[0]
    data = tmp_path / "data.json"
    data.write_text(json.dumps(read_document(source)), encoding="utf-8")
    before = data.read_bytes()
    assert main(["export", str(tmp_path), "--to", "jsonld", "-o", str(data)]) == 2
    assert main(["bundle", str(data), "-o", str(data), "--profile", "federation"]) == 2
    # import --force onto the very file it reads (the output's name comes from the dataset's id)
    from peer_schema.sheets.importer import _name

    same = tmp_path / f"{_name(json.loads(before), set())}.json"
    data.rename(same)
    assert main(["import", str(same), "-o", str(tmp_path), "--force"]) == 2
    err = capsys.readouterr().err
    assert err.count("is an input") == 3, err
    assert same.read_bytes() == before


# -- merge ------------------------------------------------------------------------------------------
def make_bundle(tmp_path: Path, name: str = "a.zip") -> Path:
    out = tmp_path / name
    assert main(["bundle", str(VALID), "-o", str(out), "--profile", "federation"]) == 0
    return out


def rewrite_bundle(bundle: Path, out: Path, change, placeholder: tuple[bytes, bytes] = (b"", b"")) -> Path:
    """The bundle with its first dataset changed by `change(doc)` (and the JSON string
    `placeholder[0]` replaced by the bytes `placeholder[1]`), the manifest updated to match (a
    well-formed bundle, as another tool could make)."""
    with zipfile.ZipFile(bundle) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    manifest = json.loads(members["datapackage.json"])
    res = manifest["resources"][0]
    doc = json.loads(members[res["path"]])
    change(doc)
    data = json.dumps(doc).encode()  # ASCII: a lone surrogate as its escape, as JSON allows
    if placeholder[0]:
        data = data.replace(json.dumps(placeholder[0].decode()).encode(), placeholder[1])
    members[res["path"]] = data
    res["bytes"], res["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    members["datapackage.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return out


def test_merge_of_many_tiny_values_is_refused_before_parsing(tmp_path, capsys):
    # 6 million two-letter strings: 30 MB unpacked (under the size limit), 1 MB zipped, and about
    # 400 MB of Python objects if parsed: refused by the value count, at once
    n = 6_000_000
    letters = bytearray(os.urandom(2 * n)).translate(bytes(97 + i % 26 for i in range(256)))
    values = bytearray(6 * n)  # "xy", "xy", ... : random pairs of letters, no zip bomb (4:1)
    values[0::6] = values[3::6] = b'"' * n
    values[1::6], values[2::6] = letters[0::2], letters[1::2]
    values[4::6], values[5::6] = b"," * n, b" " * n
    list_of_values = b"[" + bytes(values[:-2]) + b"]"

    def many_values(doc):
        doc["keywords"] = "@@values@@"

    hostile = rewrite_bundle(make_bundle(tmp_path), tmp_path / "hostile.zip", many_values,
                             (b"@@values@@", list_of_values))
    assert hostile.stat().st_size < 12_000_000
    started = time.perf_counter()
    assert main(["merge", str(hostile), "-o", str(tmp_path / "m")]) == 2
    assert time.perf_counter() - started < 10
    err = capsys.readouterr().err
    assert "--max-values" in err and "2,500,000" in err
    assert not (tmp_path / "m").exists()
    # the limit is the user's to set
    assert main(["merge", str(make_bundle(tmp_path, "b.zip")), "-o", str(tmp_path / "m2"), "--max-values", "100"]) == 2
    assert "over the limit of 100 " in capsys.readouterr().err


def test_merge_never_replaces_a_folder_another_merge_made(tmp_path, capsys):
    from peer_schema.exchange.errors import BadBundle
    from peer_schema.exchange.merge_output import _write_folder

    out = tmp_path / "merged"
    # the race: both checked that `out` was new; the other one finished first
    out.mkdir()
    (out / "merge-report.json").write_text('{"first": true}')
    with pytest.raises(BadBundle, match="another run has written this folder meanwhile"):
        _write_folder(out, [{"id": "ex:dataset/x"}], {"second": True}, replace=False)
    assert json.loads((out / "merge-report.json").read_text()) == {"first": True}
    assert [p.name for p in tmp_path.iterdir()] == ["merged"]  # no temporary left
    # and through the CLI, two real merges racing to one folder: one wins, the other says so
    bundle = make_bundle(tmp_path)
    target = tmp_path / "race"
    procs = [subprocess.Popen([sys.executable, "-m", "peer_schema.cli", "merge", str(bundle), "-o", str(target)],
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [(p.wait(), p.stderr.read()) for p in procs]
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 2], [0, 0]), results  # [0, 0] only if one finished before the other checked
    for code, err in results:
        assert "Traceback" not in err
        if code == 2:
            assert "another run" in err or "already holds files" in err
    assert (target / "merge-report.json").is_file()


def test_merge_replace_refuses_a_folder_holding_an_input_or_other_files(tmp_path, capsys):
    bundle = make_bundle(tmp_path)
    holder = tmp_path / "holder"
    holder.mkdir()
    inside = holder / "a.zip"
    inside.write_bytes(bundle.read_bytes())
    (holder / "merge-report.json").write_text("{}")
    assert main(["merge", str(inside), "-o", str(holder), "--replace"]) == 2
    assert "holds a bundle being merged" in capsys.readouterr().err
    assert inside.read_bytes() == bundle.read_bytes()
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    assert main(["merge", str(bundle), "-o", str(other), "--replace"]) == 2
    assert "merge-report.json" in capsys.readouterr().err and (other / "notes.txt").read_text() == "mine"
    # an earlier merge's folder is replaced
    merged = tmp_path / "merged"
    assert main(["merge", str(bundle), "-o", str(merged)]) == 0
    assert main(["merge", str(bundle), "-o", str(merged), "--replace"]) == 0


def test_writers_refuse_lone_surrogates_cleanly(tmp_path):
    from peer_schema.exchange.errors import BadBundle
    from peer_schema.exchange.merge_output import _write_folder
    from peer_schema.sheets.importer import write_datasets

    with pytest.raises(BadBundle, match="lone surrogate"):
        _write_folder(tmp_path / "m", [{"id": "ex:dataset/x", "title": {"en": "a\ud800b"}}], {})
    assert not (tmp_path / "m").exists()
    with pytest.raises(ValueError, match="lone surrogate"):
        write_datasets([{"id": "ex:dataset/x", "title": {"en": "a\ud800b"}}], tmp_path / "i")
    assert not list((tmp_path / "i").glob("*.json"))


# -- stale temporaries --------------------------------------------------------------------------------
def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_temporaries_are_cleaned_and_live_ones_kept(tmp_path):
    out = tmp_path / "out.ttl"
    mine = temp_path(out)  # this process: alive
    mine.write_text("live")
    dead = Path(str(temp_path(out)).replace(f".{os.getpid()}-", f".{dead_pid()}-"))
    dead.write_text("left by a kill")
    dead_folder = Path(str(temp_path(out, "old")).replace(f".{os.getpid()}-", f".{dead_pid()}-"))
    (dead_folder / "data").mkdir(parents=True)
    legacy = tmp_path / ".out.ttl.0123456789ab.tmp"  # peer-schema 0.2.0's name: only when old
    legacy.write_text("old")
    recent_legacy = tmp_path / ".out.ttl.ba9876543210.tmp"
    recent_legacy.write_text("recent")
    old = time.time() - STALE_AFTER - 60
    os.utime(legacy, (old, old))
    others = [tmp_path / ".other.ttl.0123456789ab.tmp", tmp_path / ".out.ttl.notours", tmp_path / "out.ttl.tmp"]
    for p in others:
        p.write_text("not ours")
    os.utime(others[0], (old, old))
    removed = clean_stale(out)
    assert set(removed) == {dead, dead_folder, legacy}
    assert mine.exists() and recent_legacy.exists() and all(p.exists() for p in others)


@pytest.mark.parametrize("command", ["export", "bundle", "template", "import", "merge", "synth"])
def test_the_next_run_cleans_what_a_killed_run_left(tmp_path, command):
    (tmp_path / "in").mkdir()
    bundle = make_bundle(tmp_path / "in") if command == "merge" else None
    outputs = {"export": "out.ttl", "bundle": "out.zip", "template": "out.xlsx", "import": "out/entre-pairs-nord-2026.json",
               "merge": "merged", "synth": "out.json"}
    out = tmp_path / outputs[command]
    out.parent.mkdir(exist_ok=True)
    left = Path(str(temp_path(out)).replace(f".{os.getpid()}-", f".{dead_pid()}-"))
    left.write_text("half-written")
    args = {"export": ["export", str(VALID), "-o", str(out)],
            "bundle": ["bundle", str(VALID), "-o", str(out), "--profile", "federation"],
            "template": ["template", "-o", str(out), "--prefix", "ours"],
            "import": ["import", str(EXAMPLES / "tables"), "-o", str(out.parent), "--force"],
            "merge": ["merge", str(bundle), "-o", str(out)],
            "synth": ["synth", "--records", "20", "-o", str(out)]}[command]
    main(args)
    assert out.exists()  # the file name of import comes from the dataset's identifier
    assert not left.exists(), sorted(p.name for p in left.parent.iterdir())


# -- Ctrl-C -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big_registry(tmp_path_factory) -> Path:
    from peer_schema.synth import synthesize

    out = tmp_path_factory.mktemp("big") / "registry.json"
    synthesize(20_000, 1, out)  # 20 MB: validating it takes a second or two
    return out


def interrupt_after(seconds: float, *args: str, module: str = "peer_schema") -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-m", module, *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(seconds)
    proc.send_signal(2)  # SIGINT, as Ctrl-C sends it
    _, err = proc.communicate(timeout=60)
    return proc.returncode, err


def test_ctrl_c_during_a_long_run_is_one_line_and_130(big_registry, tmp_path):
    code, err = interrupt_after(1.0, "validate", str(big_registry), "--no-progress")
    assert (code, err) == (130, "peer-schema: interrupted (Ctrl-C)\n")
    # an export interrupted while writing: no temporary left, the earlier output as it was
    out = tmp_path / "out.nt"
    out.write_text("earlier")
    code, err = interrupt_after(1.5, "export", str(big_registry), "--to", "nt", "-o", str(out),
                                module="peer_schema.cli")
    assert (code, err) == (130, "peer-schema: interrupted (Ctrl-C)\n")
    assert out.read_text() == "earlier" and [p.name for p in tmp_path.iterdir()] == ["out.nt"]


def _before_our_first_line(code: int, err: str) -> bool:
    """A SIGINT that came while the Python interpreter itself was starting, before the handler
    of peer-schema was in place: the process ends as Python ends it. Its traceback (if any) goes
    through no line of peer-schema after the handler's installation."""
    import re

    if (code, err) == (-2, ""):
        return True
    if not err.rstrip().endswith("KeyboardInterrupt"):
        return False
    for path, line in re.findall(r'File "([^"]+)", line (\d+)', err):
        if "peer_schema" in path and not (path.endswith(("__main__.py", "interrupts.py"))
                                         or (path.endswith(("cli.py", "cli/__init__.py")) and int(line) <= 16)):
            return False
    return True


def test_ctrl_c_while_starting_is_quiet(big_registry):
    """While the program imports its modules (a few hundred milliseconds), Ctrl-C gives the
    same one line. (The milliseconds in which the Python interpreter itself starts, before
    any line of peer-schema runs, are Python's.)"""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import peer_schema.interrupts"], check=True)
    interpreter = time.perf_counter() - started
    quiet = 0
    for extra in (0.0, 0.02, 0.05, 0.08, 0.12, 0.2):
        for module in ("peer_schema", "peer_schema.cli"):
            code, err = interrupt_after(interpreter + extra, "validate", str(big_registry), module=module)
            # killed by SIGINT after the line (-2) is what a shell shows as 130 too; seen once
            # under load on CI, at the edge of start-up (left to look into: issue 11 note)
            if code in (130, -2) and err == "peer-schema: interrupted (Ctrl-C)\n":
                quiet += 1
            else:
                assert _before_our_first_line(code, err), (module, extra, code, err)
    assert quiet >= 6


# -- the terminal ------------------------------------------------------------------------------------
def test_control_characters_from_data_reach_the_terminal_escaped(tmp_path):
    hostile = "\x1b]0;owned\x07\x1b[2J\x00\x9b\u202e"
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"id": "ex:dataset/x", f"bad{hostile}field": "v",
                                "title": {"en": f"t{hostile}"}}), encoding="utf-8")
    proc = run("validate", str(data))
    assert proc.returncode == 1
    assert "bad\\x1b]0;owned\\x07\\x1b[2J\\x00\\x9b\\u202efield" in proc.stdout
    for ch in "\x1b\x07\x00\x9b\u202e":
        assert ch not in proc.stdout and ch not in proc.stderr
    # JSON and SARIF keep the exact text
    as_json = run("validate", str(data), "--format", "json")
    assert any(f"bad{hostile}field" in f["message"] for f in json.loads(as_json.stdout)["findings"])
    # a file name with ESC in a message on stderr
    weird = tmp_path / "x\x1b[31m.zip"
    proc = run("merge", str(weird), "-o", str(tmp_path / "m"))
    assert proc.returncode == 2 and "\x1b" not in proc.stderr and "x\\x1b[31m.zip" in proc.stderr


# -- odd calls and faults ----------------------------------------------------------------------------
@pytest.mark.parametrize("toml", ["severity = 3", '[severity]\n"rules.session-too-long" = 3',
                                  '[severity]\n"rules.session-too-long" = ["error"]', "[severity.rules]\na = 1"])
def test_odd_project_files_exit_2_with_a_message(tmp_path, toml):
    (tmp_path / "peer-schema.toml").write_text(toml)
    proc = run("validate", str(VALID), cwd=tmp_path)
    assert proc.returncode == 2 and "peer-schema.toml" in proc.stderr and "Traceback" not in proc.stderr


def test_synth_with_an_absurd_number_of_records_is_a_usage_error(tmp_path):
    started = time.perf_counter()
    proc = run("synth", "--records", "99999999999999999999", "-o", str(tmp_path / "x.json"))
    assert proc.returncode == 2 and "10,000,000" in proc.stderr and "Traceback" not in proc.stderr
    assert time.perf_counter() - started < 10 and not list(tmp_path.iterdir())


def test_export_xlsx_on_a_full_disk_keeps_the_earlier_output(tmp_path):
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"earlier")
    # a disk that is full after 4 KB: writes fail with EFBIG (SIGXFSZ ignored)
    limit = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
             "resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096)); from peer_schema.cli import main; "
             "sys.exit(main(sys.argv[1:]))")
    proc = subprocess.run([sys.executable, "-c", limit, "export", str(VALID / "Organisation-full.yaml")
                           if (VALID / "Organisation-full.yaml").exists() else str(sorted(VALID.glob("*.yaml"))[0]),
                           "--to", "xlsx", "-o", str(out)], capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "cannot write" in proc.stderr and "Traceback" not in proc.stderr
    assert out.read_bytes() == b"earlier" and [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


@pytest.mark.parametrize("command", ["export", "bundle", "import", "export-xlsx"])
def test_an_input_deleted_after_validation_is_a_clean_message(tmp_path, command, monkeypatch, capsys):
    """The file is removed between the validation and the reading (as another program could)."""
    import peer_schema.validation as validation

    data = tmp_path / "in" / "data.yaml"
    data.parent.mkdir()
    data.write_text(sorted(VALID.glob("*.yaml"))[0].read_text(encoding="utf-8"), encoding="utf-8")
    real_validate = validation.validate

    def validate_then_delete(*args, **kwargs):
        report = real_validate(*args, **kwargs)
        data.unlink(missing_ok=True)
        return report

    for module in ("peer_schema.validation", "peer_schema.rdf.export", "peer_schema.exchange.bundle"):
        __import__(module)
        monkeypatch.setattr(sys.modules[module], "validate", validate_then_delete)
    out = tmp_path / "out"
    args = {"export": ["export", str(data), "-o", str(out)],
            "export-xlsx": ["export", str(data), "--to", "xlsx", "-o", str(out)],
            "bundle": ["bundle", str(data), "-o", str(out), "--profile", "federation"],
            "import": ["import", str(data), "-o", str(out)]}[command]
    code = main(args)
    err = capsys.readouterr().err
    assert code in (1, 2), err
    assert "Traceback" not in err and not out.exists()


def test_lone_surrogates_in_values_never_crash_bundle_import_or_merge(tmp_path, capsys):
    from peer_schema.readers import read_document

    doc = read_document(sorted(VALID.glob("*.yaml"))[0])
    doc["title"] = {"en": "lone \ud800 surrogate"}
    data = tmp_path / "data.json"
    data.write_text(json.dumps(doc), encoding="ascii")  # "\ud800" as JSON writes it: an escape
    for args in (["bundle", str(data), "-o", str(tmp_path / "b.zip"), "--profile", "federation"],
                 ["import", str(data), "-o", str(tmp_path / "imported")]):
        code = main(args)
        err = capsys.readouterr().err
        assert code == 2, (args[0], code, err)
        assert "surrogate" in err or "\\ud800" in err, err
    assert not (tmp_path / "b.zip").exists() and not list(tmp_path.glob("imported/*.json"))

    def add_surrogate(d):
        d["title"] = {"en": "lone \ud800 surrogate"}

    hostile = rewrite_bundle(make_bundle(tmp_path), tmp_path / "hostile.zip", add_surrogate)
    assert main(["merge", str(hostile), "-o", str(tmp_path / "m")]) == 2
    assert "surrogate" in capsys.readouterr().err and not (tmp_path / "m").exists()


def test_merge_summary_keeps_each_name_on_its_line_escaped(tmp_path):
    from peer_schema.exchange.merge import MergeResult, summary_text

    result = MergeResult(tmp_path / "m", [], probable_duplicates=[
        {"normalised_name": "a\x1b[2Jb\nFAKE LINE", "country": None,
         "organisations": [{"id": "ex:org/1", "bundle": "x.zip"}, {"id": "ex:org/2\x07", "bundle": "y.zip"}]}])
    text = summary_text(result)
    assert "\x1b" not in text and "\x07" not in text
    assert not any(line.startswith("FAKE LINE") for line in text.splitlines())
    assert '"a\\x1b[2Jb\\x0aFAKE LINE"' in text and "ex:org/2\\x07" in text


def test_export_of_a_jsonl_file_deleted_after_validation_says_which(tmp_path, monkeypatch, capsys):
    import peer_schema.rdf.export  # noqa: F401 (the module, which `peer_schema.rdf.export` the function hides)
    from peer_schema.synth import synthesize

    data = tmp_path / "in.jsonl"
    synthesize(20, 0, data)
    module = sys.modules["peer_schema.rdf.export"]
    real_validate = module.validate

    def validate_then_delete(*args, **kwargs):
        report = real_validate(*args, **kwargs)
        data.unlink()
        return report

    monkeypatch.setattr(module, "validate", validate_then_delete)
    out = tmp_path / "out.ttl"
    assert main(["export", str(data), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "in.jsonl" in err and ("cannot be read again" in err or "read.unreadable" in err) and not out.exists()
    assert "Traceback" not in err


def test_merge_replace_never_removes_the_current_folder(tmp_path, monkeypatch, capsys):
    bundle = make_bundle(tmp_path)
    merged = tmp_path / "merged"
    assert main(["merge", str(bundle), "-o", str(merged)]) == 0
    monkeypatch.chdir(merged)
    assert main(["merge", str(bundle), "-o", ".", "--replace"]) == 2
    assert "current folder" in capsys.readouterr().err and (merged / "merge-report.json").is_file()
