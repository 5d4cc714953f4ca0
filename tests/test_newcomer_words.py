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


# -- 3. the undeclared prefix's hint names the sheet and column as the workbook does ----------------
@pytest.mark.parametrize(("workbook_lang", "report_lang"), [("en", "fr"), ("fr", "en"), ("en", "en")])
def test_an_undeclared_prefix_is_declared_on_the_sheet_and_column_the_workbook_has(tmp_path, workbook_lang, report_lang):
    import json

    import openpyxl
    from template_filling import DATASET, type_row

    book_path = tmp_path / "ids.xlsx"
    assert run("template", "-o", str(book_path), "--prefix", "ex", "--lang", workbook_lang).returncode == 0
    book = openpyxl.load_workbook(book_path)
    sheets = {"en": ("Dataset", "Organisations"), "fr": ("Jeu de données", "Organisations")}[workbook_lang]
    type_row(book[sheets[0]], DATASET)
    type_row(book[sheets[1]], {"id": "xyz:org/fed", "name": "Fed", "organisation_kinds": "federation"})
    book.save(book_path)
    report = json.loads(run("validate", "--format", "json", "--lang", report_lang, str(book_path)).stdout)
    [hint] = [f["hint"] for f in report["findings"] if f["code"] == "refs.undeclared-prefix"]
    own = {"en": ("Dataset", "Prefixes (xyz)"), "fr": ("Jeu de données", "Préfixes (xyz)")}[workbook_lang]
    other = {"en": ("Jeu de données", "Préfixes (xyz)"), "fr": ("Dataset sheet", "Prefixes (xyz)")}[workbook_lang]
    assert all(w in hint for w in own) and not any(w in hint for w in other), hint
    assert hint.startswith({"en": "Declare the prefix", "fr": "Déclarez le préfixe"}[report_lang])


@pytest.mark.parametrize(("lang", "words"), [("en", "on the Dataset sheet, in the column Prefixes (zz)"),
                                             ("fr", "sur la feuille Jeu de données, dans la colonne Préfixes (zz)")])
def test_an_undeclared_prefix_in_a_text_file_is_spoken_of_in_the_reports_language(tmp_path, lang, words):
    import yaml

    from peer_schema import validate

    text = yaml.safe_dump({"organisations": [{"id": "zz:org/1", "name": {"en": "One"}, "organisation_kinds": ["federation"]}]})
    (tmp_path / "one.yaml").write_text(text, encoding="utf-8")
    hints = [f.hint(lang) for f in validate([tmp_path / "one.yaml"]).findings if f.code == "refs.undeclared-prefix"]
    assert hints and all(words in h for h in hints), hints


# -- 5. the associations' guide starts with installing, and says where the examples are ----------------
def test_the_associations_guide_says_how_to_install_and_where_the_examples_come_from():
    text = (ROOT / "docs" / "guide-associations.md").read_text(encoding="utf-8")
    install = text.split("## Install", 1)[1].split("\n## ", 1)[0]
    wheel = f"peer_schema-{peer_schema.__version__}-py3-none-any.whl"
    assert 'python -m pip install ".[web]"' in install and f'"{wheel}[web]"' in install
    assert "peer-schema serve" in install and "web.md" in install
    paragraphs = [p for p in text.split("\n\n") if "examples/" in p]
    assert paragraphs and all("project's folder" in p for p in paragraphs), paragraphs


# -- 6. small words: what a prefix may be, a missing file, French colons ------------------------------
def test_template_help_says_what_a_prefix_may_be_and_a_prefix_with_a_hyphen_is_accepted(tmp_path):
    helped = " ".join(run("template", "--help").stdout.split())
    assert "letters, digits, '_', '-' or '.'" in helped
    assert run("template", "-o", str(tmp_path / "t.xlsx"), "--prefix", "pen-sud").returncode == 0
    refused = run("template", "-o", str(tmp_path / "u.xlsx"))
    assert refused.returncode == 2 and "'-'" in refused.stderr and "digits or _" not in refused.stderr


def test_rename_prefix_on_a_missing_file_says_there_is_no_such_file(tmp_path):
    result = run("rename-prefix", "nofile.xlsx", "--from", "ex", "--to", "pen", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "peer-schema rename-prefix: there is no file nofile.xlsx; nothing written"


def test_the_french_text_report_puts_a_narrow_no_break_space_before_its_colons_and_english_none():
    example = str(ROOT / "examples" / "invalid" / "Organisation-unknown-kind.yaml")
    fr = run("validate", "--lang", "fr", example).stdout
    assert "    que faire\u202f: " in fr and "1 enregistrement(s)\u202f: 1 erreur" in fr
    assert "(enregistrement ex:org/pairs-ensemble)\u202f: " in fr and "que faire:" not in fr
    assert ".yaml:19:26: erreur" in fr  # file:line:column as editors read it
    en = run("validate", example).stdout
    assert "    how to fix: " in en and "1 record(s): 1 error" in en and "\u202f" not in en
