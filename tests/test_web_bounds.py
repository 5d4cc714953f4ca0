"""The web app's bounds on what one request may cost (hostile review of issue 14): the
workbook annotated only when its sheets span few enough cells (counted before openpyxl opens
it), under the one-run lock; an annotation openpyxl cannot do answered as a page; the page
showing at most so many findings."""

from __future__ import annotations

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


def broken_for_openpyxl(folder):
    """A workbook the readers accept but openpyxl cannot open: a cell of type "d" with no date."""
    path = xlsx(folder / "date.xlsx", HEADER + '<row r="2"><c r="A2" t="d"><v>not a date</v></c></row>')
    return path


@pytest.mark.parametrize("lang, words", [("en", "cannot be opened to annotate it"),
                                         ("fr", "ne peut pas être ouvert pour être annoté")])
def test_a_workbook_openpyxl_cannot_open_gets_a_page_in_its_language(client, tmp_path, lang, words):
    path = broken_for_openpyxl(tmp_path)
    assert client.post("/validate", files=[("files", (path.name, path.read_bytes(), XLSX))],
                       data={"lang": lang}).status_code == 200  # the check itself works
    answer = annotated(client, path, lang)
    assert answer.status_code == 422 and "text/html" in answer.headers["content-type"]
    assert words in answer.text and f'<html lang="{lang}">' in answer.text
