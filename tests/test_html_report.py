"""The HTML report: one self-contained page for people, everything from the data escaped."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from peer_schema import validate
from peer_schema.cli import main
from peer_schema.report import Finding, Report, Severity
from peer_schema.report.html import render_html

ROOT = Path(__file__).resolve().parent.parent
INVALID = ROOT / "examples/invalid"


class Page(HTMLParser):
    """Collects tags, attributes that fetch something, headings and text; checks nesting."""

    VOID = {"meta", "br", "img", "link", "input", "hr"}

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.fetching: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._heading: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.fetching += [f"{tag} {k}={v}" for k, v in attrs if k in ("src", "href", "srcset", "action")]
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading = tag
            self.headings.append((tag, ""))
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def test_page_is_self_contained_and_well_formed():
    report = validate([INVALID], lang="en")
    html = render_html(report)
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html and page.stack == []
    assert page.fetching == [] and "script" not in page.tags and "link" not in page.tags
    assert "url(" not in html and "@import" not in html
    # one section per file with findings, each finding with its hint
    files = {f.file for f in report.findings if f.file}
    h3 = [text for tag, text in page.headings if tag == "h3"]
    assert {h.rsplit(" (", 1)[0] for h in h3} == files
    assert html.count('<li class="finding') == len(report.findings)
    assert html.count("How to fix:") == len(report.findings)
    assert "Some files could not be read" in html  # the invalid folder holds a broken Turtle file


def test_summary_and_grouping_by_sheet():
    findings = [
        Finding("structure.required", Severity.ERROR, {"field": "name"}, file="registry.xlsx", sheet="Organisations",
                line=7, column=3, record_id="ex:org/1"),
        Finding("rules.session-too-long", Severity.WARNING, {"hours": 9}, file="registry.xlsx",
                sheet="Training programmes", line=4, column=2),
        Finding("structure.required", Severity.ERROR, {"field": "title"}, file="registry.xlsx", sheet="Organisations",
                line=3, column=2),
    ]
    report = Report(findings=findings, files=["registry.xlsx"], records=12, profile="federation")
    html = render_html(report)
    page = Page(html)
    assert [t for tag, t in page.headings if tag == "h4"] == ["Sheet Organisations", "Sheet Training programmes"]
    text = " ".join(page.text)
    assert "1 files checked · 12 records · profile checked against: federation — 2 errors, 1 warning" in text
    assert "Errors to fix before the data can be exchanged" in text
    assert text.index("cell B3") < text.index("cell C7")  # in order down the sheet
    assert 'The field "name" is required here' in text


def test_french_page():
    html = render_html(validate([INVALID / "Organisation-missing-name.yaml"], lang="fr"))
    text = " ".join(Page(html).text)
    assert '<html lang="fr">' in html
    assert "Rapport de vérification des données" in text and "Que faire :" in text
    assert "le champ « name » est obligatoire ici".capitalize()[:10] in text and "How to fix" not in text


def test_a_valid_run_says_so():
    html = render_html(validate([ROOT / "examples/valid"]))
    assert "No errors: the data can be exchanged" in html and '<li class="finding' not in html


def test_everything_from_the_data_is_escaped(tmp_path):
    evil = "<script>alert(1)</script>"
    source = (INVALID / "Organisation-unknown-kind.yaml").read_text(encoding="utf-8")
    data = re.sub(r"organisation_kinds: \[[^\]]*\]", f'organisation_kinds: ["{evil}"]', source)
    data = data.replace("id: ex:org/", "id: ex:org/<img src=x onerror=alert(2)>")
    assert evil in data
    folder = tmp_path / "<b>exports"
    folder.mkdir()
    (folder / "org<script>.yaml").write_text(data, encoding="utf-8")
    html = render_html(validate([folder]))
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<b>" not in html
    assert "&lt;b&gt;exports" in html and "org&lt;script&gt;.yaml" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the code's value, quoted by the message
    assert "ex:org/&lt;img src=x onerror=alert(2)&gt;" in html  # the record's id
    page = Page(html)
    assert "script" not in page.tags and "img" not in page.tags and page.fetching == []


def test_cli_writes_the_page(capsys, tmp_path):
    shutil.copy(INVALID / "Organisation-missing-name.yaml", tmp_path / "org.yaml")
    assert main(["validate", str(tmp_path / "org.yaml"), "--format", "html", "--no-progress"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and "structure.required" in out
