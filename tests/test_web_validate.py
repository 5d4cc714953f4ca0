"""The web app's check page (issue 14): findings by file, sheet and row in the page's language,
the report's downloads, the annotated workbook read back with openpyxl, the template; and the
uploads gone once the answer is sent."""

from __future__ import annotations

import io

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import openpyxl  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from web_workbooks import workbook_with_mistakes  # noqa: E402

from peer_schema import validate  # noqa: E402
from peer_schema.sheets.annotate import FILLS, annotate_workbook  # noqa: E402
from peer_schema.report import Severity  # noqa: E402
from peer_schema.web.app import create_app  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return workbook_with_mistakes(tmp_path_factory.mktemp("book"))


def post(client, path, data, name="registry.xlsx", **fields):
    return client.post("/validate", files=[("files", (name, data, XLSX))], data=fields)


@pytest.mark.parametrize("lang, words", [("en", ("Sheet Organisations", "Cell", "How to fix", "is not a code")),
                                         ("fr", ("Feuille Organisations", "Cellule", "Que faire", "n&#39;est pas un code"))])
def test_the_findings_are_shown_at_their_cells_in_the_pages_language(client, book, lang, words):
    path, cells = book
    page = post(client, "/validate", path.read_bytes(), lang=lang)
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
    for code, cell in cells.items():
        assert f'data-code="{code}" data-cell="Organisations!{cell}"' in page.text
        assert f'<span class="cell">{cell}</span>' in page.text
    for word in words:
        assert word in page.text
    assert page.text.index('data-file="registry.xlsx"') < page.text.index("Organisations!")
    row = "Row 3" if lang == "en" else "Ligne 3"  # both mistakes are on row 3: one heading for them
    assert page.text.count(f'scope="rowgroup">{row}</th>') == 1


def test_files_sent_together_are_grouped_by_file_in_the_order_given(client, book, tmp_path):
    path, _ = book
    bad = b'{"id": "ex:dataset/x"'  # cut short
    page = client.post("/validate", files=[("files", ("registry.xlsx", path.read_bytes(), XLSX)),
                                           ("files", ("broken.json", bad, "application/json"))],
                       data={"lang": "en"})
    assert page.status_code == 200 and "2 files checked" in page.text and "Some files could not be read" in page.text
    assert page.text.index('data-file="registry.xlsx"') < page.text.index('data-file="broken.json"')
    assert 'data-code="read.syntax"' in page.text


@pytest.mark.parametrize("lang, summary, in_file", [
    ("en", "1 file checked · 1 record · 1 error, 0 warnings, 0 notes", "(1 error, 0 warnings, 0 notes)"),
    # French counts 0 and 1 in the singular
    ("fr", "1 fichier vérifié · 1 enregistrement · 1 erreur, 0 avertissement, 0 remarque",
     "(1 erreur, 0 avertissement, 0 remarque)")])
def test_counts_of_one_are_said_in_the_singular(client, lang, summary, in_file):
    example = Path(__file__).parent.parent / "examples/valid/Practice-community.yaml"  # 1 record, 1 dangling reference
    page = client.post("/validate", files=[("files", (example.name, example.read_bytes(), "application/yaml"))],
                       data={"lang": lang})
    assert page.status_code == 200
    assert f'<p id="summary">{summary}</p>' in page.text and in_file in page.text


def test_counts_of_several_are_said_in_the_plural():
    from peer_schema.web.i18n import counted

    assert [counted("en", n, "errors") for n in (0, 1, 2)] == ["0 errors", "1 error", "2 errors"]
    assert [counted("fr", n, "summary_files") for n in (0, 1, 2)] == [
        "0 fichier vérifié", "1 fichier vérifié", "2 fichiers vérifiés"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_report_downloads_are_the_command_lines_formats(client, book, lang):
    path, cells = book
    expected = validate([path], lang=lang).to_dict()
    answer = post(client, "/validate", path.read_bytes(), lang=lang, output="json")
    assert answer.headers["content-disposition"].startswith('attachment; filename="report.json"')
    got = json.loads(answer.content)
    for report in (got, expected):
        for f in report["findings"]:
            f.pop("file")
    assert got == expected
    sarif = json.loads(post(client, "/validate", path.read_bytes(), lang=lang, output="sarif").content)
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"]) == 2
    html = post(client, "/validate", path.read_bytes(), lang=lang, output="html")
    assert html.headers["content-type"].startswith("text/html") and "attachment" in html.headers["content-disposition"]
    assert f'<html lang="{lang}">' in html.text and "registry.xlsx" in html.text


@pytest.mark.parametrize("lang, words", [("en", ("Error:", "How to fix:")), ("fr", ("Erreur\u202f:", "Que faire\u202f:"))])
def test_the_annotated_workbook_has_each_finding_as_a_highlighted_cell_with_a_comment(client, book, tmp_path,
                                                                                       lang, words):
    path, cells = book
    answer = post(client, "/validate", path.read_bytes(), name="my registry.xlsx", lang=lang, output="annotated")
    assert answer.status_code == 200 and answer.headers["content-type"] == XLSX
    assert "my%20registry-annotated.xlsx" in answer.headers["content-disposition"]
    out = tmp_path / "annotated.xlsx"
    out.write_bytes(answer.content)
    sheet = openpyxl.load_workbook(out)["Organisations"]
    commented = {c.coordinate: c for row in sheet.iter_rows() for c in row
                 if c.comment is not None and c.comment.author == "peer-schema"}
    assert set(commented) == set(cells.values())
    for code, cell in cells.items():
        text = commented[cell].comment.text
        assert all(word in text for word in words) and f"[{code}]" in text
        assert commented[cell].fill.fgColor.rgb.endswith(FILLS[Severity.ERROR])
    assert sheet["E3"].value == "Atlantis"  # the data itself is left as it was
    original = openpyxl.load_workbook(path)["Organisations"]
    assert len(sheet.data_validations.dataValidation) == len(original.data_validations.dataValidation)


def test_annotating_is_a_library_function_and_leaves_out_sheets_it_does_not_have(book):
    path, cells = book
    report = validate([path])
    from dataclasses import replace

    stray = replace(report.findings[0], sheet="No such sheet")
    data = annotate_workbook(path.read_bytes(), [*report.findings, stray], "en")
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
        f.write(data)
        f.flush()
        book_back = openpyxl.load_workbook(f.name)
    assert book_back.sheetnames == openpyxl.load_workbook(path).sheetnames


def test_asking_for_an_annotated_workbook_without_a_workbook_says_so(client):
    answer = client.post("/validate", files=[("files", ("data.json", b"{}", "application/json"))],
                         data={"lang": "en", "output": "annotated"})
    assert answer.status_code == 422 and "text/html" in answer.headers["content-type"]
    assert "there is no workbook to annotate" in answer.text


def test_no_file_chosen_is_said_on_the_form(client):
    answer = client.post("/validate", data={"lang": "fr"}, files=[("files", ("", b"", "application/octet-stream"))])
    assert answer.status_code == 400 and "Choisissez au moins un fichier" in answer.text


@pytest.mark.parametrize("lang, sheet", [("en", "Organisations"), ("fr", "Organisations")])
def test_the_template_is_downloaded_in_the_chosen_language_with_the_chosen_prefix(client, tmp_path, lang, sheet):
    answer = client.get(f"/template/download?lang={lang}&prefix=pairs_sud")
    assert answer.status_code == 200 and answer.headers["content-type"] == XLSX
    out = tmp_path / "template.xlsx"
    out.write_bytes(answer.content)
    book = openpyxl.load_workbook(out)
    texts = " ".join(str(c.value) for ws in book for row in ws.iter_rows(max_row=60) for c in row if c.value)
    assert "pairs_sud" in texts
    read_me = book[book.sheetnames[0]]
    words = " ".join(str(c.value) for row in read_me.iter_rows() for c in row if c.value)
    assert ("never" in words.lower()) if lang == "en" else ("jamais" in words.lower())


def test_the_csv_template_is_downloaded_as_a_zip_of_the_command_lines_files(client, tmp_path):
    import zipfile

    from peer_schema.sheets.writer import write_csv_template

    answer = client.get("/template/download?lang=fr&prefix=pairs_sud&format=csv")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    assert "peer-schema-template-fr-csv.zip" in answer.headers["content-disposition"]
    folder = write_csv_template(tmp_path / "cli", "fr", prefix="pairs_sud")  # as `template --format csv`
    with zipfile.ZipFile(io.BytesIO(answer.content)) as z:
        sent = {name.split("/", 1)[1]: z.read(name) for name in z.namelist()}
        assert {name.split("/", 1)[0] for name in z.namelist()} == {"peer-schema-template-fr"}
    assert sent == {f.name: f.read_bytes() for f in folder.iterdir()} and "LISEZMOI.txt" in sent
    assert any(name.endswith(".csv") for name in sent) and b"pairs_sud" in b"".join(sent.values())
    assert 'value="csv"' in client.get("/template?lang=en").text


def test_a_prefix_that_is_not_a_name_is_refused_on_the_page(client):
    answer = client.get("/template/download?prefix=%3Cscript%3E", headers={"accept-language": "en"})
    assert answer.status_code == 400 and "<script>" not in answer.text and "A prefix is a short name" in answer.text


@pytest.mark.parametrize("query, lang, words", [("", "en", "own prefix"), ("?prefix=", "fr", "préfixe propre")])
def test_the_template_has_no_default_prefix(client, query, lang, words):
    """As `peer-schema template`: a prefix kept by every association would make their data clash."""
    client.cookies.clear()  # the language comes from the browser here, not from a choice remembered by another test
    answer = client.get(f"/template/download{query}", headers={"accept-language": lang})
    assert answer.status_code == 400 and words in answer.text
    assert 'value="ex"' not in client.get("/template").text


def test_no_upload_outlives_its_request(book, tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where this test can look
    client = TestClient(create_app())
    path, _ = book
    for output in ("page", "json", "annotated"):
        assert post(client, "/validate", path.read_bytes(), output=output).status_code == 200
    assert client.post("/api/validate", files=[("files", ("registry.xlsx", path.read_bytes(), XLSX))]).status_code == 200
    assert not list(tmp_path.iterdir())


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True, timeout=120)


def test_the_command_line_writes_the_same_annotated_workbook(book, tmp_path):
    path, cells = book
    out = tmp_path / "annotated.xlsx"
    done = _cli("validate", str(path), "--annotate", str(out), "--lang", "fr", "--format", "json")
    assert done.returncode == 1 and json.loads(done.stdout)["summary"]["by_severity"]["error"] == 2
    sheet = openpyxl.load_workbook(out)["Organisations"]
    commented = {c.coordinate: c.comment.text for row in sheet.iter_rows() for c in row
                 if c.comment is not None and c.comment.author == "peer-schema"}
    assert set(commented) == set(cells.values())
    assert all(text.startswith("Erreur\u202f: ") for text in commented.values())
    assert "Que faire" in commented[cells["vocab.unknown-code"]] and sheet["E3"].value == "Atlantis"


@pytest.mark.parametrize("case", ["no workbook", "output is the input"])
def test_annotate_without_one_workbook_to_write_says_why_and_writes_nothing(book, tmp_path, case):
    path, _ = book
    example = Path(__file__).parent.parent / "examples/valid/Practice-community.yaml"
    if case == "no workbook":
        out, args = tmp_path / "out.xlsx", (str(example),)
    else:
        out = tmp_path / "registry.xlsx"
        out.write_bytes(path.read_bytes())
        args = (str(out),)
    before = out.read_bytes() if out.exists() else None
    done = _cli("validate", *args, "--annotate", str(out))
    assert done.returncode == 2 and done.stderr.startswith("peer-schema validate: --annotate: ")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr
    assert (out.read_bytes() if out.exists() else None) == before


def test_a_finished_check_keeps_nothing_alive_in_a_long_running_server(book):
    """A cache on a method once kept every run's identifier table and report for good: the
    server's memory grew by about 76 KiB an upload (bench/bench_web.py)."""
    import gc

    from peer_schema.checks.references import References
    from peer_schema.web.checking import Upload, checked_uploads

    path, _ = book
    for _ in range(3):
        with open(path, "rb") as stream, checked_uploads([Upload("registry.xlsx", stream)]) as checked:
            assert not checked.report.valid
    gc.collect()
    assert [o for o in gc.get_objects() if isinstance(o, References)] == []


def test_an_ods_workbook_is_checked_and_the_page_says_in_its_language_why_it_is_not_annotated(client):
    ods = ("registre.ods", b"not really a workbook", "application/octet-stream")
    answer = client.post("/validate", files=[("files", ods)],
                         data={"lang": "fr", "output": "annotated"})
    assert answer.status_code == 422 and '<html lang="fr">' in answer.text
    assert "Un classeur .ods est vérifié mais pas annoté" in answer.text and "save it as" not in answer.text
    form = client.get("/validate?lang=en").text
    assert "An .ods workbook is checked but not annotated" in form


def where_cells(page_text: str) -> list[str]:
    """The page's findings as text: each row heading, and each finding's "where" cell."""
    import re

    rows = re.findall(r'scope="rowgroup">([^<]*)</th>|<td class="where">(.*?)</td>', page_text, re.S)
    return [head or " ".join(re.sub(r"<[^>]+>", " ", where).split()) for head, where in rows]


@pytest.mark.parametrize("lang, row, column", [("en", "Row", "Column"), ("fr", "Ligne", "Colonne")])
def test_a_csv_tables_findings_are_grouped_by_row_and_name_their_column(client, lang, row, column):
    table = (b"id,name,organisation_kinds,country\nex:org/a,A,federation,FR\n"
             b"ex:org/b,B,self_help_club,Atlantis\nex:org/c,,federation,FR\n")
    page = client.post("/validate", files=[("files", ("Organisation.csv", table, "text/csv"))], data={"lang": lang})
    assert page.status_code == 200
    record = "Record" if lang == "en" else "Enregistrement"
    assert where_cells(page.text) == [
        f"{row} 3", f"{column} organisation_kinds {record} ex:org/b", f"{column} country {record} ex:org/b",
        f"{row} 4", f"{column} name {record} ex:org/c"]


def test_a_data_files_findings_are_grouped_by_record_with_their_line_and_column(client):
    text = (Path(__file__).parents[1] / "examples/invalid/Organisation-unknown-kind.yaml").read_text()
    text = text.replace("organisations:\n", "organisations:\n  - id: ex:org/second\n    name: Second\n"
                                            "    organisation_kinds: [nope]\n    country: Atlantis\n")
    page = client.post("/validate", files=[("files", ("data.yaml", text.encode(), "application/yaml"))],
                       data={"lang": "en"})
    assert where_cells(page.text) == [
        "Record ex:org/second", "Line 19:26 /organisations/0/organisation_kinds/0", "Line 20:14 /organisations/0/country",
        "Record ex:org/pairs-ensemble", "Line 23:26 /organisations/1/organisation_kinds/0"]


@pytest.mark.parametrize("lang, title", [("en", "The workbook could not be annotated"),
                                         ("fr", "Le classeur n&#39;a pas pu être annoté")])
def test_asking_to_annotate_only_a_csv_says_the_workbook_could_not_be_annotated(client, lang, title):
    table = b"id,name,organisation_kinds,country\nex:org/a,A,federation,FR\n"
    answer = client.post("/validate", files=[("files", ("Organisation.csv", table, "text/csv"))],
                         data={"lang": lang, "output": "annotated"})
    assert answer.status_code == 422
    assert f"<h1>{title}</h1>" in answer.text and f"<title>{title} — peer_schema</title>" in answer.text
    assert "could not be checked" not in answer.text and "pas pu être vérifiés" not in answer.text
