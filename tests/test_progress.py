"""Progress of the long commands: the library tells a callback (it never prints), the command
line draws a bar on stderr only when stderr is a terminal (a pseudo-terminal here)."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES
from peer_schema.exchange.bundle import make_bundle
from peer_schema.exchange.merge import merge
from peer_schema.rdf import export

VALID = EXAMPLES / "valid"


def _calls():
    seen: list[tuple[int, int, str, int]] = []
    return seen, lambda done, total, name, records: seen.append((done, total, name, records))


def _passes(seen) -> int:
    """How many passes ended (a pass ends when done reaches total)."""
    return sum(done == total for done, total, _, _ in seen)


def test_export_tells_of_the_files_checked_then_written(tmp_path):
    seen, progress = _calls()
    summary = export([VALID], tmp_path / "out.nt", "nt", progress=progress)
    files = len(summary.files)
    assert _passes(seen) == 2 and all(total == files for _, total, _, _ in seen)
    ends = [n for n, call in enumerate(seen) if call[0] == call[1]]
    writing = seen[ends[0] + 1:]
    assert [d for d, *_ in writing] == sorted(d for d, *_ in writing)  # never backwards within a pass
    assert {Path(name) for _, _, name, _ in writing if name} == {Path(f) for f in summary.files}
    assert writing[-1] == (files, files, "", summary.records)


def test_bundle_and_merge_tell_their_progress(tmp_path):
    seen, progress = _calls()
    out = tmp_path / "b.zip"
    make_bundle([VALID], out, "federation", progress=progress)
    assert _passes(seen) == 1 and seen[-1][0] == seen[-1][1] > 1
    seen, progress = _calls()
    result = merge([out], tmp_path / "merged", progress=progress)
    assert seen[0] == (0, 1, str(out), 0)
    assert seen[-1] == (1, 1, "", result.records)


def _on_a_terminal(*args: str, cwd: Path) -> tuple[int, str]:
    """Run the command with stderr on a pseudo-terminal; its exit code and what the terminal got."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "peer_schema.cli", *args], stdout=subprocess.DEVNULL,
                            stderr=follower, stdin=subprocess.DEVNULL, cwd=cwd)
    os.close(follower)
    got = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the command ended: the terminal is closed
            break
        if not chunk:
            break
        got += chunk
    os.close(leader)
    return proc.wait(60), got.decode("utf-8", "replace")


def test_the_commands_draw_a_bar_on_a_terminal_only(tmp_path):
    code, seen = _on_a_terminal("export", str(VALID), "-o", str(tmp_path / "out.ttl"), cwd=tmp_path)
    assert code == 0, seen
    assert "records checked" in seen and "records written" in seen and "\r[" in seen
    code, seen = _on_a_terminal("bundle", str(VALID), "-o", str(tmp_path / "b.zip"), "--profile", "federation",
                                cwd=tmp_path)
    assert code == 0 and "records checked" in seen, seen
    code, seen = _on_a_terminal("merge", str(tmp_path / "b.zip"), "-o", str(tmp_path / "m"), cwd=tmp_path)
    assert code == 0 and "1/1 bundles" in seen and "records read" in seen, seen
    code, seen = _on_a_terminal("import", str(EXAMPLES / "tables"), "-o", str(tmp_path / "imported"), cwd=tmp_path)
    assert code in (0, 1) and "records checked" in seen, seen
    code, seen = _on_a_terminal("store", "load", str(VALID), "--store", str(tmp_path / "s"), cwd=tmp_path)
    assert code == 0 and "records checked" in seen and "records exported" in seen, seen
    # not a terminal: no bar, the one summary line only
    done = subprocess.run([sys.executable, "-m", "peer_schema.cli", "export", str(VALID), "-o",
                           str(tmp_path / "again.ttl")], capture_output=True, text=True)
    assert done.returncode == 0 and "\r" not in done.stderr and len(done.stderr.splitlines()) == 1
