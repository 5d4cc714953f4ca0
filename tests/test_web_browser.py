"""The web app as a person uses it, in a real headless Chromium (the system's /usr/bin/chromium,
driven by Playwright; no browser is downloaded): upload a workbook with mistakes and see them at
their cells in English and French, switch language, download the annotated workbook and read its
comments back with openpyxl; no request ever goes to another host; the server logs no upload."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip("the system's Chromium is not installed (.ci/run installs it)", allow_module_level=True)

import openpyxl  # noqa: E402
from web_workbooks import workbook_with_mistakes  # noqa: E402

#: the upload's name: it must never appear in the server's log
UPLOAD_NAME = "registry-of-Jeanne-Dupont.xlsx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`peer-schema serve` on a free loopback port; yields its address, then its log."""
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "peer_schema.cli", "serve", "--port", str(port)],
                                   stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_COLOR": "1"})
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            process.kill()
            pytest.fail("peer-schema serve did not answer")
        yield {"base": base, "log": log}
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return workbook_with_mistakes(tmp_path_factory.mktemp("book"), UPLOAD_NAME)


@pytest.fixture(scope="module")
def requests_seen():
    return []


@pytest.fixture
def page(browser, requests_seen):
    context = browser.new_context(locale="en-GB", accept_downloads=True)
    tab = context.new_page()
    problems = []
    tab.on("request", lambda request: requests_seen.append(request.url))
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    yield tab
    context.close()
    assert not problems, problems  # a script refused by the policy, or one that failed, is said here


def check(page, base, book_path):
    page.goto(base + "/validate")
    page.set_input_files("#files", str(book_path))
    page.click("#check")
    page.wait_for_selector("#results")


def test_findings_at_their_cells_in_english_then_french_after_switching(page, server, book):
    path, cells = book
    check(page, server["base"], path)
    assert page.get_attribute("html", "lang") == "en"
    assert "Errors to fix" in page.inner_text("#verdict")
    for code, cell in cells.items():
        row = page.locator(f'tr[data-code="{code}"]')
        assert row.locator(".cell").inner_text() == cell
        assert row.locator(".message").inner_text()  # the message is there, as text
    assert page.locator(f'section.file[data-file="{UPLOAD_NAME}"] h4').inner_text() == "Sheet Organisations"

    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "fr"
    assert page.inner_text("h1") == "Vérifier des fichiers"
    check(page, server["base"], path)  # the language is remembered: no ?lang= in this address
    assert page.get_attribute("html", "lang") == "fr"
    assert "Des erreurs à corriger" in page.inner_text("#verdict")
    unknown = page.locator('tr[data-code="vocab.unknown-code"]')
    assert unknown.locator(".cell").inner_text() == cells["vocab.unknown-code"]
    assert "n'est pas un code de la liste" in unknown.locator(".message").inner_text()
    assert "Que faire" in page.inner_text("table.findings thead")
    cookies = page.context.cookies()
    assert [(c["name"], c["value"]) for c in cookies] == [("lang", "fr")]


def test_the_annotated_workbook_downloads_with_its_comments_in_the_pages_language(page, server, book, tmp_path):
    path, cells = book
    page.goto(server["base"] + "/validate?lang=fr")
    page.set_input_files("#files", str(path))
    with page.expect_download() as download:
        page.click("#download-annotated")
    saved = tmp_path / "annotated.xlsx"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "registry-of-Jeanne-Dupont-annotated.xlsx"
    sheet = openpyxl.load_workbook(saved)["Organisations"]
    comments = {c.coordinate: c.comment.text for row in sheet.iter_rows() for c in row
                if c.comment is not None and c.comment.author == "peer-schema"}
    assert set(comments) == set(cells.values())
    assert comments[cells["vocab.unknown-code"]].startswith("Erreur\u202f: « Atlantis » n'est pas un code")


def test_after_a_check_the_files_stay_chosen_and_a_report_downloads_at_once(page, server, book, tmp_path):
    path, cells = book
    check(page, server["base"], path)
    assert page.url == server["base"] + "/validate"  # the results came without leaving the page
    assert page.locator(".choose-again").count() == 0
    with page.expect_download() as download:
        page.click('button[value="json"]')
    saved = tmp_path / "report.json"
    download.value.save_as(saved)
    report = json.loads(saved.read_text())
    assert {f["code"]: f["cell"] for f in report["findings"]} == {
        code: f"Organisations!{cell}" for code, cell in cells.items()}
    assert {f["file"] for f in report["findings"]} == {UPLOAD_NAME}


def test_no_page_asks_anything_of_another_host_and_the_server_logs_no_upload(page, server, requests_seen):
    for path in ("/", "/template", "/api"):
        page.goto(server["base"] + path)
        page.wait_for_load_state("networkidle")
    assert requests_seen and all(url.startswith(server["base"] + "/") for url in requests_seen), requests_seen
    assert any(url.endswith("/static/app.js") for url in requests_seen)
    log = server["log"].read_text(errors="replace")
    assert "POST /validate" in log  # the log is there, and it names no file
    assert "Jeanne" not in log and "Atlantis" not in log


#: a table with one unknown country code, made in the page as a dragged file would be
DROPPED_CSV = "id,name,organisation_kinds,country\nex:org/pairs-sud,Pairs Sud,federation,Atlantis\n"


def test_a_file_dropped_on_the_box_is_chosen_and_checked_and_the_page_stays(page, server):
    page.goto(server["base"] + "/validate")
    dropped = page.evaluate_handle("""([name, text]) => {
        const data = new DataTransfer();
        data.items.add(new File([text], name, {type: "text/csv"}));
        return data;
    }""", ["Organisation.csv", DROPPED_CSV])
    page.dispatch_event(".drop", "dragover", {"dataTransfer": dropped})
    assert "over" in page.get_attribute(".drop", "class")
    page.dispatch_event(".drop", "drop", {"dataTransfer": dropped})
    assert "over" not in page.get_attribute(".drop", "class")
    assert page.url == server["base"] + "/validate"  # the page was not replaced by the file
    assert page.eval_on_selector("#files", "input => Array.from(input.files, f => f.name)") == [
        "Organisation.csv"]
    page.click("#check")
    page.wait_for_selector("#results")
    assert page.locator('section.file[data-file="Organisation.csv"]').count() == 1
    assert page.locator('tr[data-code="vocab.unknown-code"]').count() == 1


def test_a_file_dropped_beside_the_box_does_not_replace_the_page(page, server):
    page.goto(server["base"] + "/validate")
    dropped = page.evaluate_handle("""() => {
        const data = new DataTransfer();
        data.items.add(new File(["id\\n"], "beside.csv", {type: "text/csv"}));
        return data;
    }""")
    refused = page.evaluate_handle("""(data) => {
        const drop = new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true});
        return !document.querySelector("h1").dispatchEvent(drop);
    }""", dropped)
    assert refused.json_value() is True  # the browser's default (opening the file) is cancelled
    assert page.eval_on_selector("#files", "input => input.files.length") == 0
