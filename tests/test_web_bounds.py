"""The web app's bounds on what one request may cost (hostile review of issue 14): the
workbook annotated only when its sheets span few enough cells (counted before openpyxl opens
it), under the one-run lock; an annotation openpyxl cannot do answered as a page; the page
showing at most so many findings."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import zipfile

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from hostile import text_cell, xlsx  # noqa: E402
from web_workbooks import workbook_with_mistakes  # noqa: E402

from peer_schema.sheets import annotate  # noqa: E402
from peer_schema.web import checking  # noqa: E402
from peer_schema.web.app import create_app  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = '<row r="1">' + text_cell("A1", "Identifier") + text_cell("B1", "Name") + "</row>"


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(), raise_server_exceptions=False)


def far_notes(folder, row: int = 600_000):
    """A 1.5 KB workbook whose Notes sheet spans `row` x 2 cells (the readers accept it)."""
    return xlsx(folder / "notes.xlsx", HEADER + f'<row r="{row}">' + text_cell(f"B{row}", "x") + "</row>", name="Notes")


def annotated(client, path, lang="en"):
    return client.post("/validate", files=[("files", (path.name, path.read_bytes(), XLSX))],
                       data={"lang": lang, "output": "annotated"})


@pytest.mark.parametrize("lang, words", [("en", "span 1,200,000 cells, over the 1,000,000"),
                                         ("fr", "couvrent 1\u202f200\u202f000 cellules, plus que les 1\u202f000\u202f000")])
def test_a_small_workbook_spanning_many_cells_is_not_annotated(client, tmp_path, lang, words):
    path = far_notes(tmp_path)
    assert path.stat().st_size < 5_000
    started = time.perf_counter()
    answer = annotated(client, path, lang)
    assert answer.status_code == 413 and "text/html" in answer.headers["content-type"]
    assert words in answer.text and f'<html lang="{lang}">' in answer.text
    assert time.perf_counter() - started < 5  # openpyxl would take tens of seconds


def test_the_bound_counts_every_sheet_and_can_be_set_low(client, tmp_path, monkeypatch):
    book, _ = workbook_with_mistakes(tmp_path)
    assert annotated(client, book).status_code == 200
    cells = annotate.check_annotatable_size(book)
    monkeypatch.setattr(annotate, "MAX_ANNOTATED_CELLS", cells - 1)
    assert annotated(client, book).status_code == 413


def test_annotating_runs_under_the_one_run_lock(client, tmp_path, monkeypatch):
    book, _ = workbook_with_mistakes(tmp_path)
    real, held = annotate.annotate_workbook, []

    def recording(*args, **kwargs):  # the real annotation, noting whether the lock is held meanwhile
        held.append(checking.ONE_RUN_AT_A_TIME.locked())
        return real(*args, **kwargs)

    monkeypatch.setattr(annotate, "annotate_workbook", recording)
    assert annotated(client, book).status_code == 200
    assert held == [True] and not checking.ONE_RUN_AT_A_TIME.locked()


def test_the_command_line_refuses_to_annotate_past_the_bound_in_one_line(tmp_path):
    path, out = far_notes(tmp_path), tmp_path / "out.xlsx"
    done = subprocess.run([sys.executable, "-m", "peer_schema.cli", "validate", str(path), "--annotate", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and not out.exists()
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "1,200,000 cells" in lines[0] and "--annotate" in lines[0]


COMMENTS_REL = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/comments" Target="../comments1.xml"/></Relationships>')


def broken_for_openpyxl(folder, how: str):
    """A workbook the readers accept but openpyxl cannot open: a cell of type "d" with no date, or
    a sheet whose relationships name a comments part the zip does not hold."""
    if how == "date":
        return xlsx(folder / "date.xlsx", HEADER + '<row r="2"><c r="A2" t="d"><v>not a date</v></c></row>')
    path = xlsx(folder / "comments.xlsx", HEADER)
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/worksheets/_rels/sheet1.xml.rels", COMMENTS_REL)
    return path


@pytest.mark.parametrize("how", ["date", "missing comments"])
@pytest.mark.parametrize("lang, words", [("en", "cannot be opened to annotate it"),
                                         ("fr", "ne peut pas être ouvert pour être annoté")])
def test_a_workbook_openpyxl_cannot_open_gets_a_page_in_its_language(client, tmp_path, lang, words, how):
    path = broken_for_openpyxl(tmp_path, how)
    assert client.post("/validate", files=[("files", (path.name, path.read_bytes(), XLSX))],
                       data={"lang": lang}).status_code == 200  # the check itself works
    answer = annotated(client, path, lang)
    assert answer.status_code == 422 and "text/html" in answer.headers["content-type"]
    assert words in answer.text and f'<html lang="{lang}">' in answer.text


def bad_organisations(rows: int) -> bytes:
    """An Organisation table with two errors a row (a required field missing, an unknown country)."""
    lines = ["id,name,country"] + [f"ex:org/o{n},Org {n},Atlantis" for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def check_csv(client, data: bytes, **fields):
    return client.post("/validate", files=[("files", ("Organisation.csv", data, "text/csv"))],
                       data={"lang": "en", **fields})


@pytest.mark.parametrize("lang, words", [("en", ("Only the first 5 problems are listed here; 55 more are not",
                                                 "All the problems, by code")),
                                         ("fr", ("Seuls les 5 premiers problèmes sont listés ici ; 55 autres",
                                                 "Tous les problèmes, par code"))])
def test_the_page_lists_at_most_so_many_findings_and_counts_them_all_by_code(client, monkeypatch, lang, words):
    from peer_schema.web import pages

    monkeypatch.setattr(pages, "MAX_PAGE_FINDINGS", 5)
    page = check_csv(client, bad_organisations(30), lang=lang)
    assert page.status_code == 200
    assert page.text.count('<tr class="finding ') == 5
    for word in words:
        assert word in page.text
    assert '<td class="code">vocab.unknown-code</td><td>30</td>' in page.text
    full = check_csv(client, bad_organisations(30), lang=lang, output="json")  # the download has them all
    assert len(json.loads(full.content)["findings"]) == 60


def test_a_page_under_the_bound_lists_everything_without_the_counts(client):
    page = check_csv(client, bad_organisations(3))
    assert page.text.count('<tr class="finding ') == 6 and 'id="by-code"' not in page.text


def test_max_errors_stops_the_check_on_the_page_and_the_api_as_on_the_command_line(client, tmp_path):
    data = bad_organisations(30)
    page = check_csv(client, data, max_errors="4")
    assert page.text.count('<tr class="finding ') == 4 and 'id="truncated"' in page.text
    assert 'name="max_errors" type="number" min="1" step="1" inputmode="numeric"\n           value="4"' in page.text
    api = client.post("/api/validate", files=[("files", ("Organisation.csv", data, "text/csv"))],
                      data={"max_errors": "4"})
    (tmp_path / "Organisation.csv").write_bytes(data)
    done = subprocess.run([sys.executable, "-m", "peer_schema.cli", "validate", str(tmp_path / "Organisation.csv"),
                           "--format", "json", "--max-errors", "4"], capture_output=True, text=True, timeout=120)
    cli, answered = json.loads(done.stdout), api.json()
    for report in (cli, answered):
        for f in report["findings"]:
            f.pop("file", None)
    assert answered == cli and cli["truncated"] and len(cli["findings"]) == 4
    assert api.headers["x-peer-schema-exit-code"] == str(done.returncode) == "1"


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_a_bad_max_errors_is_said_on_the_page_and_refused_by_the_api(client, value):
    assert "must be a whole number from 1" in check_csv(client, bad_organisations(2), max_errors=value).text
    api = client.post("/api/validate", files=[("files", ("Organisation.csv", b"id\n", "text/csv"))],
                      data={"max_errors": value})
    assert api.status_code == 422


@pytest.mark.parametrize("address", ["//evil.example/phish", "/\\evil.example/phish", "///evil.example/x?a=1"])
def test_the_language_switch_of_a_404_page_never_leads_to_another_host(client, address):
    answer = client.get(address)
    assert answer.status_code == 404
    switch = answer.text.split('id="lang-switch" href="', 1)[1].split('"', 1)[0]
    assert switch.startswith("?") and "evil.example" not in switch


def test_the_footer_names_the_endpoint_by_its_scheme_and_host_only():
    endpoint = "https://reader:s3cret@sparql.example.org:8443/ds/query?token=abc"
    page = TestClient(create_app(endpoint=endpoint)).get("/").text
    assert "https://sparql.example.org:8443" in page
    for secret in ("reader", "s3cret", "/ds/query", "token"):
        assert secret not in page


@pytest.mark.parametrize("headers", [{"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"},
                                     {"origin": "https://evil.example"}, {"origin": "null"},
                                     {"origin": "http://testserver:8001"}])
@pytest.mark.parametrize("path", ["/validate", "/api/validate"])
def test_a_post_sent_by_a_page_of_another_site_is_refused_before_its_body_is_read(client, headers, path):
    answer = client.post(path, files=[("files", ("Organisation.csv", bad_organisations(2), "text/csv"))],
                         headers=headers)
    assert answer.status_code == 403 and "another site" in answer.text
    assert "content-security-policy" in answer.headers


@pytest.mark.parametrize("headers", [{}, {"sec-fetch-site": "same-origin"}, {"sec-fetch-site": "none"},
                                     {"origin": "http://testserver"},
                                     {"sec-fetch-site": "same-origin", "origin": "http://testserver"}])
def test_a_post_from_the_apps_own_pages_or_a_script_is_answered(client, headers):
    answer = client.post("/validate", files=[("files", ("Organisation.csv", bad_organisations(2), "text/csv"))],
                         headers=headers)
    assert answer.status_code == 200 and 'id="summary"' in answer.text


def test_a_cross_site_get_is_answered(client):
    assert client.get("/", headers={"sec-fetch-site": "cross-site"}).status_code == 200  # a link followed
