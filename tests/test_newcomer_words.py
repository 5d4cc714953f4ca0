"""The words a new association reads (issue 12, second review): install hints that work, lists
named by their titles, one language per message, a prefix of its own in the guides."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import peer_schema
import pytest

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


# -- 2. a list is named by its title, in the report's language, never by the model's class name -------
def test_vocab_table_lists_the_titles_first_and_the_models_names_for_developers():
    en = run("vocab", "--format", "table").stdout.splitlines()
    assert en[0].split() == ["title", "name", "in", "the", "model"]
    assert any(line.startswith("Peer roles ") and line.endswith("PeerRole") for line in en)
    fr = run("vocab", "--format", "csv", "--lang", "fr").stdout.splitlines()
    assert fr[0] == "titre,nom dans le modèle" and "Rôles de pair,PeerRole" in fr


@pytest.mark.parametrize("lang, command", [("en", 'peer-schema vocab "Organisation kinds"'),
                                           ("fr", "peer-schema vocab \"Types d'organisation\" --lang fr")])
def test_the_hint_of_an_unknown_code_names_the_list_by_its_title_and_that_command_works(lang, command):
    result = run("validate", "--lang", lang, str(ROOT / "examples" / "invalid" / "Organisation-unknown-kind.yaml"))
    assert command in result.stdout and "OrganisationKind" not in result.stdout
    listed = run(*shlex.split(command)[1:])
    assert listed.returncode == 0 and "federation" in listed.stdout


def test_a_wrong_query_parameter_names_the_one_list_to_look_at():
    from peer_schema.rdf.queries import ParameterError, get_question
    with pytest.raises(ParameterError) as caught:
        get_question("coe-states-without-practice").bind({"setting_category": "comunity"})
    assert '`peer-schema vocab "Setting categories"` lists its codes' in str(caught.value)
    assert "--format json" not in str(caught.value)
