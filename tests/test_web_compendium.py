"""The compendium's pages and API (web/compendium.py) through the app's test client: the list
filtered like the Council of Europe's site with facet counts, a page per practice, the SVG chart,
the saved questions as forms with their answers as CSV and JSON, `GET /api/practices`,
`GET /api/questions/{name}`; every value escaped (a hostile practice loaded into a store).

Expected practices come from the YAML (test_practices_browse.py reads it), not from counts
written here.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from peer_schema.rdf import store  # noqa: E402
from peer_schema.rdf.queries import list_questions  # noqa: E402
from peer_schema.web.app import create_app  # noqa: E402

from test_practices_browse import HVN, PRACTICES, matching  # noqa: E402

EN = {"accept-language": "en"}


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def listed_keys(html: str) -> set[str]:
    return {part.split('"', 1)[0] for part in html.split('href="/compendium/practices/')[1:]}


@pytest.mark.parametrize("query, filters", [
    ("", {}), ("?country=gb", {"country": ["GB"]}),
    ("?setting_category=hospital_based&country=NO", {"setting_category": ["hospital_based"], "country": ["NO"]}),
    ("?aim=reduce_coercion&aim=prevent_coercion", {"aim": ["reduce_coercion", "prevent_coercion"]}),
])
def test_the_list_page_shows_the_practices_the_filters_select(client, query, filters):
    page = client.get("/compendium" + query, headers=EN)
    assert page.status_code == 200 and listed_keys(page.text) == matching(filters)
    api = client.get("/api/practices" + query).json()
    assert {p["key"] for p in api["practices"]} == matching(filters) and api["filters"] == filters
    assert "<svg" in page.text and 'role="img"' in page.text  # the chart, drawn on the server


def test_facet_counts_are_on_the_page_and_a_bad_code_names_the_nearest(client):
    page = client.get("/compendium?country=GB", headers=EN).text
    gb = sum(1 for p in PRACTICES.values() if "GB" in p.get("countries", []))
    assert f'<option value="GB" selected>United Kingdom ({gb})</option>' in page
    bad = client.get("/compendium?country=Frnace", headers=EN)
    assert bad.status_code == 400 and "did you mean France?" in bad.text
    fr = client.get("/compendium?country=%3Cscript%3EFrnace&lang=fr")
    assert fr.status_code == 400 and "« &lt;script&gt;Frnace » n&#39;est pas l&#39;un de ses codes" in fr.text
    api = client.get("/api/practices?country=Frnace")
    assert api.status_code == 400 and api.json()["suggestion"] == "FR" and api.json()["error"] == "query.unknown-code"
    assert client.get("/api/practices?contry=FR").status_code == 400


def test_a_practice_has_its_page_in_both_languages(client):
    en = client.get(f"/compendium/practices/{HVN}?lang=en")
    assert en.status_code == 200 and "Hearing Voices Network – International" in en.text
    assert "(pages 184)" in en.text and 'href="https://www.hearing-voices.org"' in en.text
    fr = client.get(f"/compendium/practices/{HVN}?lang=fr")
    assert '<html lang="fr">' in fr.text and PRACTICES[HVN]["title"]["fr"] in fr.text and "Royaume-Uni" in fr.text
    assert client.get("/compendium/practices/no-such-practice").status_code == 404
    assert client.get(f"/api/practices/{HVN}?lang=fr").json()["title"] == PRACTICES[HVN]["title"]["fr"]


def test_the_chart_is_served_as_svg(client):
    answer = client.get("/compendium/chart.svg?setting_category=hybrid&lang=fr")
    assert answer.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(answer.text)
    assert root.get("role") == "img" and root.get("aria-label").startswith("Pratiques par pays")


@pytest.mark.parametrize("name", [q.name for q in list_questions()])
def test_each_saved_question_is_a_form_and_its_answer_a_table_csv_and_json(client, name):
    form = client.get(f"/compendium/questions/{name}", headers=EN)
    assert form.status_code == 200 and f'action="/compendium/questions/{name}"' in form.text
    asked = client.get(f"/compendium/questions/{name}?ask=1&lang=en")
    assert asked.status_code == 200 and "Answer:" in asked.text
    as_json = client.get(f"/api/questions/{name}")
    assert as_json.status_code == 200
    body = json.loads(as_json.text)
    as_csv = client.get(f"/api/questions/{name}?format=csv")
    rows = list(csv.reader(io.StringIO(as_csv.text)))
    assert rows[0] == body["columns"] and len(rows) - 1 == len(body["rows"])
    assert as_csv.headers["content-disposition"] == f'attachment; filename="{name}.csv"'


def test_a_question_with_parameters_answers_as_the_library_does(client):
    name = "practices-by-setting-and-country"
    body = client.get(f"/api/questions/{name}?country=fr&lang=fr").json()
    assert {r["country"] for r in body["rows"]} == {"FR"}
    assert sum(r["practices"] for r in body["rows"]) == sum(
        1 for p in PRACTICES.values() if "FR" in p.get("countries", []))
    page = client.get(f"/compendium/questions/{name}?ask=1&q_country=FR&q_setting_category=&q_lang=fr&lang=en").text
    assert '<option value="FR" selected>France</option>' in page and "format=csv" in page
    assert client.get(f"/api/questions/{name}?country=ZZZ").status_code == 400
    assert client.get(f"/api/questions/{name}?nope=1").status_code == 400
    assert client.get("/api/questions/no-such-question").status_code == 404
    assert [q["name"] for q in client.get("/api/questions").json()] == [q.name for q in list_questions()]


HOSTILE = textwrap.dedent("""\
    id: ex:dataset/hostile
    title: {en: "<b>Hostile</b> dataset"}
    publisher: {id: "https://example.org/", name: Example}
    dataset_version: "1.0.0"
    schema_version: "0.2.0"
    license: https://creativecommons.org/licenses/by/4.0/
    access_rights: public
    created: "2026-12-06"
    languages: [en]
    prefixes: {ex: "https://example.org/peer/"}
    practices:
      - id: ex:practice/hostile
        title: {en: "<script>alert('x')</script> & \\"q\\" </svg><svg onload=alert(1)>"}
        description: {en: "<img src=x onerror=alert(1)> description"}
        countries: [FR]
        setting_category: hybrid
        links:
          - {url: "javascript:alert(1)", label: "<i>click</i>"}
        evidence:
          - {text: "<script>evidence</script>", pages: "1-2"}
    """)


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "hostile.yaml").write_text(HOSTILE, encoding="utf-8")
    store.load([folder / "hostile.yaml"], folder / "store")
    return TestClient(create_app(store=folder / "store"))


def test_hostile_values_stay_text_on_every_page(hostile_client):
    for path in ("/compendium", "/compendium/practices/hostile", "/compendium/chart.svg"):
        text = hostile_client.get(path, headers=EN).text
        for raw in ("<script>", "<img", "<i>", "<svg onload", 'href="javascript:'):
            assert raw not in text.replace('<script src="/static/app.js" defer></script>', ""), (path, raw)
    page = hostile_client.get("/compendium/practices/hostile", headers=EN).text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    listed = hostile_client.get("/api/practices").json()
    assert listed["practices"][0]["title"].startswith("<script>")  # JSON carries the text as it is


def test_french_pages_put_a_space_before_a_colon(client):
    page = client.get("/compendium?lang=fr").text
    assert "Pratiques\u00a0: <span" in page and "Pratiques: " not in page
    assert "Practices: <span" in client.get("/compendium?lang=en").text


@pytest.mark.parametrize("lang, command", [("en", "peer-schema query NAME"), ("fr", "peer-schema query NOM")])
def test_the_questions_page_shows_the_command_as_code_not_markdown(client, lang, command):
    page = client.get(f"/compendium/questions?lang={lang}").text
    assert f"<code>{command}</code>" in page and "`" not in page
