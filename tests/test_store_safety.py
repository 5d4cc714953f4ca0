"""Stores that survive kills, full disks and damage, and queries that end (issue 11).

Real store folders, real `peer-schema` processes killed with real signals, real files truncated
or garbled; nothing of the store or the query runner is mocked."""

from __future__ import annotations

import csv
import io
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pyoxigraph")

from peer_schema.rdf import store, store_files  # noqa: E402
from peer_schema.rdf.bounded import LimitExceeded  # noqa: E402
from peer_schema.rdf.queries import QueryError, run_question, run_sparql  # noqa: E402
from peer_schema.rdf.store import StoreError  # noqa: E402

from conftest import EXAMPLES  # noqa: E402

QUESTION = "organisations-by-kind-and-country"


def cli(*args, preexec_fn=None, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *map(str, args)], capture_output=True,
                          text=True, preexec_fn=preexec_fn, timeout=timeout)


def refused(done: subprocess.CompletedProcess, message: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""


@pytest.fixture(scope="module")
def big_registry(tmp_path_factory) -> Path:
    """A synthetic registry whose load takes long enough to be killed in the middle (~1 s)."""
    path = tmp_path_factory.mktemp("big") / "big.json"
    assert cli("synth", "--records", 3000, "-o", path).returncode == 0
    return path


@pytest.fixture
def small_store(tmp_path) -> Path:
    folder = tmp_path / "store"
    store.load([EXAMPLES / "compendium"], folder)
    return folder


def leftovers(folder: Path) -> list[Path]:
    """What a load left beside the store (for a load that was killed: its lock file, harmless)."""
    return sorted(folder.parent.glob(f".{folder.name}.*"))


# -- an interrupted load leaves the old store whole ------------------------------------------------------
def _interrupt_load(registry: Path, folder: Path, sig: int) -> subprocess.Popen:
    """Start `store load --replace` and send `sig` once it writes into the new database."""
    process = subprocess.Popen([sys.executable, "-m", "peer_schema.cli", "store", "load", str(registry),
                                "--store", str(folder), "--replace"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if any(p.name.endswith(".sst") or p.name.endswith(".log")
               for d in folder.parent.glob(f".{folder.name}.loading-*") for p in d.iterdir()):
            break
        time.sleep(0.005)
    assert process.poll() is None, "the load ended before it could be interrupted: use a larger registry"
    process.send_signal(sig)
    process.wait(30)
    return process


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_an_interrupted_load_leaves_the_previous_store_answering(big_registry, small_store, sig):
    before = run_question(QUESTION, store_dir=small_store).rows
    process = _interrupt_load(big_registry, small_store, sig)
    if sig == signal.SIGINT:
        assert process.returncode == 130 and "Traceback" not in process.stderr.read()
        assert not leftovers(small_store)  # Ctrl-C: the new folder is deleted at once
    else:
        assert process.returncode == -signal.SIGKILL
    assert run_question(QUESTION, store_dir=small_store).rows == before
    done = cli("query", QUESTION, "--store", small_store, "--format", "csv")
    assert done.returncode == 0 and len(list(csv.reader(io.StringIO(done.stdout)))) == len(before) + 1
    # the next load cleans what the killed one left, and then replaces the store whole
    store.load([EXAMPLES / "valid"], small_store, replace=True)
    assert not leftovers(small_store)
    assert run_question(QUESTION, store_dir=small_store).rows != before


def test_a_first_load_killed_leaves_no_store_to_query(big_registry, tmp_path):
    folder = tmp_path / "store"
    _interrupt_load(big_registry, folder, signal.SIGKILL)
    refused(cli("query", QUESTION, "--store", folder), "no store here")


def test_a_store_without_its_manifest_is_refused(small_store):
    """What an interrupted in-place load of an older peer-schema left: a database, incomplete."""
    (small_store / store_files.MANIFEST).unlink()
    refused(cli("query", QUESTION, "--store", small_store), "this store is incomplete")
    with pytest.raises(StoreError, match="incomplete"):
        store.load([EXAMPLES / "valid"], small_store)  # not built upon either...
    store.load([EXAMPLES / "valid"], small_store, replace=True)  # ...but replaced
    assert run_question(QUESTION, store_dir=small_store).rows


def _largest(folder: Path, suffix: str) -> Path:
    return max(folder.glob("*" + suffix), key=lambda p: p.stat().st_size)


def _truncate(folder: Path) -> None:
    path = _largest(folder, ".sst")
    os.truncate(path, path.stat().st_size // 2)


def _garble_head(folder: Path) -> None:
    path = folder / "CURRENT"
    path.write_bytes(b"\x00garbled\n")


def _garble_tail(folder: Path) -> None:
    path = _largest(folder, ".sst")
    with path.open("r+b") as fh:
        fh.seek(-8, os.SEEK_END)
        fh.write(b"\xff" * 8)


def _remove(folder: Path) -> None:
    _largest(folder, ".sst").unlink()


def _garble_manifest(folder: Path) -> None:
    (folder / store_files.MANIFEST).write_text("{not json", encoding="utf-8")


@pytest.mark.parametrize("damage, message", [
    (_truncate, "was changed (truncated, grown or garbled)"),
    (_garble_head, "CURRENT was changed"),
    (_garble_tail, "was changed"),
    (_remove, "is missing"),
    (_garble_manifest, "manifest (peer-schema-store.json) is damaged"),
])
def test_a_damaged_store_is_refused_before_any_query(small_store, damage, message):
    damage(small_store)
    refused(cli("query", QUESTION, "--store", small_store), message)
    refused(cli("query", "--sparql", _query_file(small_store.parent, "ASK {}"), "--store", small_store), message)


def _garble_middle(folder: Path) -> None:
    path = _largest(folder, ".sst")
    with path.open("r+b") as fh:
        fh.seek(path.stat().st_size // 2)
        fh.write(b"\xff" * 64)


def test_damage_in_the_middle_of_a_file_is_found(small_store):
    _garble_middle(small_store)  # a small store: each file's whole hash is checked
    refused(cli("query", QUESTION, "--store", small_store), "was changed")


def test_in_a_large_store_the_database_finds_damage_in_the_middle_when_it_reads_it(big_registry, tmp_path,
                                                                                    monkeypatch):
    monkeypatch.setattr(store_files, "WHOLE_HASH_LIMIT", 0)  # hash the ends only, as for a large store
    folder = tmp_path / "store"
    store.load([big_registry], folder)
    ssts = sorted(folder.glob("*.sst"), key=lambda p: p.stat().st_size)
    for path in ssts[-4:]:  # the largest table of each index
        assert path.stat().st_size > 4 * store_files._SAMPLE  # the middle is not in the manifest's samples
        with path.open("r+b") as fh:
            fh.seek(path.stat().st_size // 2)
            fh.write(b"\xff" * 4096)
    found = [cli("query", "--sparql", _query_file(tmp_path, text), "--store", folder, "--max-rows", 0,
                 "--format", "csv") for text in ("SELECT * WHERE { ?s ?p ?o }", "SELECT ?s WHERE { ?s a ?o }")]
    assert all("Traceback" not in done.stderr for done in found)
    assert any(done.returncode == 2 and "may be damaged" in done.stderr for done in found)


def test_a_copied_store_still_answers(small_store, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(small_store, copy)  # new dates, same contents
    assert run_question(QUESTION, store_dir=copy).rows == run_question(QUESTION, store_dir=small_store).rows


def test_adding_to_a_store_keeps_what_it_held(small_store):
    before = len(run_question(QUESTION, store_dir=small_store).rows)
    store.load([EXAMPLES / "valid"], small_store)
    assert len(run_question(QUESTION, store_dir=small_store).rows) > before
    assert not leftovers(small_store)


# -- a full disk, a read-only parent -------------------------------------------------------------------
def _small_files():
    """A file size limit, the way a full disk shows itself (EFBIG instead of ENOSPC)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1_000_000, 1_000_000))


def test_a_full_disk_leaves_the_store_unchanged(big_registry, small_store):
    before = run_question(QUESTION, store_dir=small_store).rows
    done = cli("store", "load", big_registry, "--store", small_store, "--replace", preexec_fn=_small_files)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "the disk is full, or a file would be larger than the system allows" in done.stderr
    assert run_question(QUESTION, store_dir=small_store).rows == before
    assert not leftovers(small_store)


def _in_own_mount(folder: Path, options: str, script: str) -> subprocess.CompletedProcess | None:
    """Run `script` (sh) with a tmpfs mounted on `folder` in a mount namespace of its own (the
    mount ends with the process); None where that is not allowed (not root, no unshare)."""
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return None
    done = subprocess.run(["unshare", "--mount", "sh", "-c",
                           f'mount -t tmpfs -o {options} tmpfs "{folder}" || exit 99; {script}'],
                          capture_output=True, text=True, timeout=120)
    return None if done.returncode == 99 else done


def _peer_schema(*args) -> str:
    import shlex

    return " ".join(shlex.quote(str(a)) for a in (sys.executable, "-m", "peer_schema.cli", *args))


def test_a_read_only_parent_folder_is_a_clear_message(tmp_path):
    parent = tmp_path / "read-only"
    parent.mkdir()
    if os.geteuid() != 0:
        os.chmod(parent, 0o555)
        try:
            done = cli("store", "load", EXAMPLES / "compendium", "--store", parent / "store")
        finally:
            os.chmod(parent, 0o755)
    else:  # root may write anywhere but on a read-only file system
        done = _in_own_mount(parent, "ro,size=1m",
                             _peer_schema("store", "load", EXAMPLES / "compendium", "--store", parent / "store"))
        if done is None:
            pytest.skip("root, and no mount namespace to make a read-only folder")
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "nothing was changed" in done.stderr or "store is unchanged" in done.stderr, done.stderr
    assert "not writable" in done.stderr, done.stderr
    assert not any(parent.iterdir())


def test_a_really_full_disk_leaves_the_store_answering(big_registry, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    small = disk / "store"
    script = "; ".join([
        _peer_schema("store", "load", EXAMPLES / "compendium", "--store", small) + " 2>/dev/null || exit 98",
        _peer_schema("store", "load", big_registry, "--store", small, "--replace") + "; echo \"load=$?\" >&2",
        "ls -a " + str(disk) + " >&2",
        _peer_schema("query", QUESTION, "--store", small, "--format", "csv") + "; echo \"query=$?\" >&2"])
    done = _in_own_mount(disk, "size=4m", script)  # the compendium fits, the big registry does not
    if done is None:
        pytest.skip("no mount namespace for a small disk")
    assert done.returncode != 98, done.stderr
    assert "load=2" in done.stderr and "the disk is full" in done.stderr and "Traceback" not in done.stderr, \
        done.stderr
    assert "query=0" in done.stderr and len(done.stdout.splitlines()) > 1, done.stderr
    assert ".store.loading-" not in done.stderr  # nothing left


# -- bounded queries ------------------------------------------------------------------------------------
def _query_file(folder: Path, text: str | bytes) -> Path:
    path = folder / "q.rq"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def test_a_query_that_runs_for_ever_is_stopped_at_its_time_limit(small_store):
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match=r"longer than 1 s .*--timeout"):
        run_sparql(CARTESIAN, small_store, timeout=1)
    assert time.monotonic() - started < 5
    started = time.monotonic()
    refused(cli("query", "--sparql", _query_file(small_store.parent, CARTESIAN), "--store", small_store,
                "--timeout", "1"), "the query ran longer than 1 s (the time limit)")
    assert time.monotonic() - started < 10


def test_a_huge_answer_is_stopped_at_its_row_limit_and_streamed_until_then(small_store):
    text = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # millions of rows
    with pytest.raises(LimitExceeded, match="more than 1000 rows"):
        run_sparql(text, small_store, max_rows=1000)
    done = cli("query", "--sparql", _query_file(small_store.parent, text), "--store", small_store,
               "--max-rows", 50, "--format", "csv")
    assert done.returncode == 2 and "more than 50 rows (the limit)" in done.stderr and "--max-rows" in done.stderr
    assert len(list(csv.reader(io.StringIO(done.stdout)))) == 51  # the header and the rows before the limit
    done = cli("query", "--sparql", _query_file(small_store.parent, text), "--store", small_store,
               "--max-rows", 50, "--format", "json")
    assert done.returncode == 2 and done.stdout.count('"a":') == 50
    with pytest.raises(ValueError):
        json.loads(done.stdout)  # a cut answer never reads as a whole one


def test_the_limits_leave_ordinary_answers_alone(small_store):
    everything = run_sparql("SELECT * WHERE { ?s ?p ?o }", small_store, max_rows=None)
    assert len(run_sparql("SELECT * WHERE { ?s ?p ?o }", small_store, max_rows=len(everything)).rows) == \
        len(everything)
    with pytest.raises(LimitExceeded):
        run_sparql("SELECT * WHERE { ?s ?p ?o }", small_store, max_rows=len(everything) - 1)


# -- messages -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, message", [
    (b"", "the query is empty"),
    (b"  # only a comment\n\n", "the query is empty"),
    (b"SELECT * WHERE { ?s ?p \xff }", "not UTF-8 text (byte 0xff at position 23)"),
])
def test_an_empty_or_non_utf8_sparql_file_is_a_clear_message(small_store, text, message):
    refused(cli("query", "--sparql", _query_file(small_store.parent, text), "--store", small_store), message)


def test_a_query_error_is_not_a_hang(small_store):
    with pytest.raises(QueryError, match="SPARQL syntax error"):
        run_sparql("SELECT * WHERE { ?s ?p }", small_store)


# -- CSV that a spreadsheet would run ----------------------------------------------------------------------
def test_query_csv_neutralises_cells_a_spreadsheet_would_run(small_store):
    text = ('SELECT ("=HYPERLINK(\\"http://x\\")" AS ?a) ("+1" AS ?b) ("-x" AS ?c) ("@SUM(A1)" AS ?d) '
            '("\\tx" AS ?e) ("\\rx" AS ?f) ("plain" AS ?g) (-5 AS ?n) WHERE {}')
    done = subprocess.run([sys.executable, "-m", "peer_schema.cli", "query", "--sparql",
                           str(_query_file(small_store.parent, text)), "--store", str(small_store), "--format", "csv"],
                          capture_output=True)  # bytes: a carriage return stays one
    assert done.returncode == 0, done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8"), newline="")))
    assert rows[1] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-x", "'@SUM(A1)", "'\tx", "'\rx", "plain", "-5"]


def test_a_second_load_of_the_same_store_at_once_is_refused(big_registry, small_store):
    process = subprocess.Popen([sys.executable, "-m", "peer_schema.cli", "store", "load", str(big_registry),
                                "--store", str(small_store), "--replace"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not list(small_store.parent.glob(f".{small_store.name}.loading-*")) and time.monotonic() < deadline:
            time.sleep(0.005)
        with pytest.raises(StoreError, match="another `peer-schema store load` is loading into this store"):
            store.load([EXAMPLES / "valid"], small_store)
    finally:
        assert process.wait(60) == 0, process.stderr.read()
    assert len(run_question(QUESTION, store_dir=small_store).rows) > 100  # the big registry's, whole


def test_the_command_s_defaults_are_the_library_s():
    from peer_schema.cli import build_parser
    from peer_schema.rdf import bounded, endpoint

    args = build_parser().parse_args(["query", "x"])
    assert args.timeout == bounded.DEFAULT_TIMEOUT == endpoint.DEFAULT_TIMEOUT
    assert args.max_rows == bounded.DEFAULT_MAX_ROWS


def test_a_closed_output_ends_quietly(small_store):
    """`peer-schema query ... | head -1`: no message, no traceback, the child process stopped."""
    shell = subprocess.run(f"{sys.executable} -m peer_schema.cli query --sparql "
                           f"{_query_file(small_store.parent, 'SELECT * WHERE { ?s ?p ?o }')} --store {small_store} "
                           f"--format csv | head -1", shell=True, capture_output=True, text=True, timeout=60)
    assert sorted(shell.stdout.strip().split(",")) == ["o", "p", "s"] and shell.stderr == ""
