"""The words a new association reads (issue 12, second review): install hints that work, lists
named by their titles, one language per message, a prefix of its own in the guides."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import peer_schema

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True, cwd=cwd)


# -- 1. install hints name what works (the project is on no package index) ----------------------------
BAD_INSTALL = re.compile(r"""pip install\s+["']?peer_schema\[""")


def test_no_message_or_page_tells_to_install_an_extra_from_a_package_index():
    files = [*(ROOT / "src" / "peer_schema").rglob("*.py"), *(ROOT / "docs").glob("*.md"), ROOT / "README.md"]
    offenders = [f"{f.relative_to(ROOT)}:{n}" for f in files
                 for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if BAD_INSTALL.search(line)]
    assert offenders == []


def test_the_install_hints_name_the_projects_folder_and_the_wheel_of_this_version():
    from peer_schema.readers.rdf import INSTALL_HINT as rdf_hint
    from peer_schema.web.serve import INSTALL_HINT as web_hint
    wheel = f"peer_schema-{peer_schema.__version__}-py3-none-any.whl"
    assert 'python -m pip install ".[web]"' in web_hint and f'"{wheel}[web]"' in web_hint
    assert 'python -m pip install ".[rdf]"' in rdf_hint and f'"{wheel}[rdf]"' in rdf_hint
