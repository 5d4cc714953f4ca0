"""Browsing the compendium: the filtered list with facet counts, a practice's profile, the SVG
chart and the saved questions' forms (`peer_schema.rdf.practices`, `.practice_profile`,
`.practice_chart`, `.question_forms`, `.sources`).

The expected answers are computed here from the YAML files of examples/compendium/ with plain
Python (the compendium grows; these tests follow it), except a few hand-checked facts that will
not change (the Hearing Voices Network's countries and its peer-reviewed evidence at p.184).
Each question is asked of the in-memory default (the shipped compendium), and the main ones of
the embedded store too (and of an Oxigraph server when it is installed).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from itertools import product

import pytest
import yaml

pyoxigraph = pytest.importorskip("pyoxigraph")

from peer_schema.rdf import store  # noqa: E402
from peer_schema.rdf.practice_chart import MAX_ROWS, chart_rows, practice_chart_svg  # noqa: E402
from peer_schema.rdf.practice_filters import DIMENSIONS, PracticeFilters, UnknownCode, UnknownFilter  # noqa: E402
from peer_schema.rdf.practices import (  # noqa: E402
    CodeLabel, PracticeSummary, list_practices, practice_profile, render_practices)
from peer_schema.rdf.queries import ParameterError, get_question, list_questions  # noqa: E402
from peer_schema.rdf.question_forms import form_params, question_form, question_forms  # noqa: E402
from peer_schema.rdf.sources import Source, shipped_compendium, values_block  # noqa: E402

from conftest import EXAMPLES, files_in  # noqa: E402

HVN = "hearing-voices-network-international"
#: dimension -> the YAML field it reads
FIELDS = {"setting_category": "setting_category", "country": "countries", "peer_support_model": "peer_support_models",
          "facilitation": "facilitation", "aim": "aims", "evaluation_status": "evaluation_status"}


# -- the expectations, from the YAML -------------------------------------------------------------------------
def _documents() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in files_in(EXAMPLES / "compendium")]


def _key(curie: str) -> str:
    return curie.rsplit("/", 1)[-1]


PRACTICES = {_key(p["id"]): p for doc in _documents() for p in doc.get("practices", [])}
ORGANISATIONS = {_key(o["id"]): o for doc in _documents() for o in doc.get("organisations", [])}


def codes(practice: dict, dim: str) -> set[str]:
    value = practice.get(FIELDS[dim])
    return set() if value is None else {value} if isinstance(value, str) else set(value)


def matching(filters: dict[str, list[str]], ignore: str | None = None) -> set[str]:
    """The practices that have, in every filtered dimension (but `ignore`), one of its codes."""
    return {k for k, p in PRACTICES.items()
            if all(codes(p, d) & set(c) for d, c in filters.items() if d != ignore)}


def expected_counts(filters: dict[str, list[str]], dim: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for k in matching(filters, ignore=dim):
        for code in codes(PRACTICES[k], dim):
            counts[code] += 1
    return dict(counts)


# -- the sources ------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def embedded(tmp_path_factory) -> Source:
    folder = tmp_path_factory.mktemp("browse") / "compendium"
    store.load([EXAMPLES / "compendium"], folder)
    return Source(store_dir=str(folder))


@pytest.fixture(scope="module", params=["memory", "store", "in-process"])
def source(request, embedded) -> Source:
    if request.param == "in-process":
        return Source(store_dir=embedded.store_dir, in_process=True)
    return shipped_compendium() if request.param == "memory" else embedded


FILTER_CASES = [{}, {"country": ["GB"]}, {"setting_category": ["hospital_based"]},
                {"country": ["NO"], "setting_category": ["hospital_based"]},
                {"aim": ["reduce_coercion"], "setting_category": ["hospital_based", "other"]},
                {"peer_support_model": ["socio_political"]}]


@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: ",".join(f"{k}={v}" for k, v in f.items()) or "none")
def test_the_list_and_every_facet_count_are_those_of_the_yaml(source, filters):
    listed = list_practices(filters, "en", source)
    assert {p.key for p in listed.practices} == matching(filters)
    assert listed.total == len(matching(filters)) and listed.filters == filters
    for dim in DIMENSIONS:
        shown = {v.code: v.count for v in listed.facet(dim).values if v.count}
        assert shown == expected_counts(filters, dim), dim
        assert {v.code for v in listed.facet(dim).values if v.selected} == set(filters.get(dim, ()))


def test_the_list_is_sorted_by_title_and_falls_back_to_english():
    listed = list_practices({}, "fr")
    for p in listed.practices:
        title = PRACTICES[p.key]["title"]
        assert (p.title, p.title_lang) == ((title["fr"], "fr") if "fr" in title else (title["en"], "en"))
        assert {c.code for c in p.countries} == codes(PRACTICES[p.key], "country")
    assert any(p.title_lang == "en" for p in listed.practices)  # some practices have no French title
    assert listed.facet("country").label == "Pays"
    json.dumps(listed.to_dict())  # what the API sends


def test_the_list_as_text_and_as_json():
    listed = list_practices({"country": "NO"})
    text = render_practices(listed)
    assert all(p.key in text for p in listed.practices) and f"NO* {len(matching({'country': ['NO']}))}" in text
    assert json.loads(render_practices(listed, "json")) == json.loads(json.dumps(listed.to_dict()))


def test_the_command_line_lists_what_the_page_lists(capsys, embedded):
    from peer_schema.cli import main

    assert main(["practices", "--filter", "country=gb", "--filter", "setting_category=other", "--format", "json",
                 "--store", embedded.store_dir]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert {p["key"] for p in printed["practices"]} == matching({"country": ["GB"], "setting_category": ["other"]})
    assert main(["practices", "--show", HVN, "--lang", "fr"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == PRACTICES[HVN]["title"]["fr"]
    assert main(["practices", "--filter", "country=Frnace"]) == 2
    assert "did you mean FR (France)?" in capsys.readouterr().err
    assert main(["practices", "--show", "no-such-practice"]) == 2


def test_codes_are_read_in_any_case():
    assert list_practices({"country": "gb", "setting_category": "Hospital-Based"}) == \
        list_practices({"country": ["GB"], "setting_category": "hospital_based"})
    assert PracticeFilters.from_query({"country": "gb,no"}).codes("country") == ("GB", "NO")


@pytest.mark.parametrize("query, dimension, suggestion", [
    ({"country": "Frnace"}, "country", "FR"),
    ({"country": "France"}, "country", "FR"),
    ({"setting_category": "hospital"}, "setting_category", "hospital_based"),
    ({"aim": "zzzz"}, "aim", None),
])
def test_an_unknown_code_is_a_typed_error_with_the_nearest_code(query, dimension, suggestion):
    with pytest.raises(UnknownCode) as caught:
        list_practices(query)
    assert (caught.value.dimension, caught.value.suggestion) == (dimension, suggestion)
    assert isinstance(caught.value, ParameterError)  # exit code 2, as every wrong parameter


def test_unknown_filters_too_many_and_too_long_values_are_refused():
    with pytest.raises(UnknownFilter, match="did you mean country"):
        list_practices({"contry": "FR"})
    with pytest.raises(UnknownFilter, match="at most"):
        list_practices({"country": ["FR"] * 51})
    with pytest.raises(UnknownFilter, match="characters"):
        list_practices({"country": "F" * 101})
    with pytest.raises(ParameterError):
        list_practices({}, lang="de")


HOSTILE = ['GB" } } ; DROP ALL ; #', "GB> } INSERT DATA { <a> <b> <c> } #", "GB\\u0022 }", "x'); DELETE WHERE {?s ?p ?o}"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_filter_value_never_reaches_a_query(source, value):
    with pytest.raises(UnknownCode):
        list_practices({"country": value}, source=source)
    assert practice_profile(value, source=source) is None
    assert list_practices({}, source=source).total == len(PRACTICES)  # the store is whole


def test_values_are_bound_as_terms_not_as_query_text():
    hostile = 'x" } } DELETE WHERE { ?s ?p ?o } #'
    rows = shipped_compendium().select(f"SELECT ?v WHERE {{ {values_block('v', [pyoxigraph.Literal(hostile)])} }}")
    assert rows == [{"v": hostile}]


def test_a_source_kept_open_sees_a_new_load(tmp_path):
    folder = tmp_path / "store"
    store.load([EXAMPLES / "compendium"], folder)
    kept = Source(store_dir=str(folder), in_process=True)
    assert list_practices({}, source=kept).total == len(PRACTICES)
    store.load([EXAMPLES / "valid"], folder, replace=True)  # other practices
    again = list_practices({}, source=kept)
    assert again == list_practices({}, source=Source(store_dir=str(folder))) and again.total != len(PRACTICES)


# -- one practice ------------------------------------------------------------------------------------------------
def test_the_hearing_voices_network_profile_hand_checked(source):
    p = practice_profile(HVN, "en", source)
    assert {c.code for c in p.countries} >= {"GB", "GR", "DK"}
    assert p.setting_category == CodeLabel("other", "Other")
    longden = [c for c in p.evidence if c.pages == "184"]
    assert len(longden) == 1 and longden[0].peer_reviewed is True and longden[0].year == 2018
    assert practice_profile(p.iri, "en", source) == p == practice_profile(f"coe:practice/{HVN}", "en", source)


def test_every_profile_is_that_of_the_yaml():
    for key, yml in PRACTICES.items():
        p = practice_profile(key, "fr")
        assert p is not None, key
        assert p.title == yml["title"].get("fr", yml["title"]["en"])
        assert p.description == yml.get("description", {}).get("fr", yml.get("description", {}).get("en"))
        assert {c.code for c in p.countries} == codes(yml, "country")
        assert {c.code for c in p.aims} == codes(yml, "aim")
        assert {s.code for s in p.settings} == set(yml.get("settings", []))
        assert sorted(c.text for c in p.evidence) == sorted(c["text"] for c in yml.get("evidence", []))
        assert sorted(c.pages or "" for c in p.evidence) == sorted(str(c.get("pages", "")) for c in yml.get("evidence", []))
        assert sorted(c.text for c in p.sources) == sorted(c["text"] for c in yml.get("sources", []))
        assert {(link.url.rstrip("/"), link.label) for link in p.links} == \
            {(link["url"].rstrip("/"), link.get("label")) for link in yml.get("links", [])}
        involved = [_key(o) for o in yml.get("organisations_involved", [])]
        assert sorted(o.key for o in p.organisations) == sorted(involved)
        for org in p.organisations:
            if org.key in ORGANISATIONS:
                assert org.name == ORGANISATIONS[org.key]["name"]
        assert p.submissions == tuple(sorted(yml.get("submissions", [])))
        json.dumps(p.to_dict())


@pytest.mark.parametrize("name", ["no-such-practice", "", "a b", "../../etc", "https://example.org/x y", "x" * 400])
def test_an_unknown_or_malformed_name_is_no_practice(name):
    assert practice_profile(name) is None


# -- the chart -------------------------------------------------------------------------------------------------
def test_the_chart_counts_practices_by_country_and_setting_category():
    expected: dict[tuple[str, str], int] = defaultdict(int)
    for p in PRACTICES.values():
        for country in codes(p, "country") or {""}:
            expected[(country, p["setting_category"])] += 1
    got = {(row.code, category): len(titles) for row in chart_rows(list_practices({}, "en"))
           for category, titles in row.cells.items()}
    assert got == dict(expected)


@pytest.mark.parametrize("lang, heading", [("en", "Practices by country and setting category"),
                                           ("fr", "Pratiques par pays et catégorie de cadre")])
def test_the_chart_is_accessible_svg_in_both_languages(lang, heading):
    svg = practice_chart_svg(list_practices({}, lang), lang)
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("role") == "img"
    assert root.get("aria-label").startswith(heading) and root.find("{http://www.w3.org/2000/svg}title").text == heading
    assert f"{len(PRACTICES)} " in root.get("aria-label")


def _summary(title: str, country: str, label: str) -> PracticeSummary:
    return PracticeSummary("https://example.org/p", "p", title, "en", CodeLabel("hybrid", "Hybrid"),
                           (CodeLabel(country, label),))


def test_a_hostile_title_stays_text_in_the_chart():
    hostile = '<script>alert("x")</script>&amp; ]]> \x00\x07 <!ENTITY e "y">'
    svg = practice_chart_svg([_summary(hostile, "FR", "<b>France</b>")], "en", title="<svg onload=alert(1)>")
    root = ET.fromstring(svg)  # well-formed: the control characters are gone, markup escaped
    assert not root.findall(".//{http://www.w3.org/2000/svg}script") and "<script" not in svg and "<b>" not in svg
    texts = "".join(root.itertext())
    assert '<script>alert("x")</script>&amp; ]]>' in texts and "<svg onload=alert(1)>" in texts
    assert "onload=" not in "".join(f"{k}={v}" for el in root.iter() for k, v in el.attrib.items() if k != "aria-label")


def test_the_chart_is_bounded():
    many = [_summary(f"practice {i}", f"C{i}", f"Country {i:03d} " + "x" * 300) for i in range(300)]
    rows = chart_rows(many)
    assert len(rows) == MAX_ROWS and rows[-1].label.startswith(f"{300 - MAX_ROWS + 1} more")
    svg = practice_chart_svg(many)
    ET.fromstring(svg)
    assert len(svg) < 60_000 and int(ET.fromstring(svg).get("height")) < 40 * (MAX_ROWS + 3)


# -- the saved questions' forms -----------------------------------------------------------------------------------
def test_each_saved_question_has_a_form_of_its_parameters():
    forms = question_forms("fr")
    assert [f.name for f in forms] == [q.name for q in list_questions()]
    for form in forms:
        question = get_question(form.name)
        assert [f.name for f in form.fields] == [p.name for p in question.parameters]
        for field, parameter in zip(form.fields, question.parameters):
            assert sorted(c.code for c in field.choices) == sorted(parameter.choices())
            assert all(c.label for c in field.choices)
    fields = {f.name: f for f in question_form("practices-by-setting-and-country", "fr").fields}
    assert fields["country"].label == "Pays" and ("FR", "France") in {(c.code, c.label) for c in fields["country"].choices}
    assert fields["lang"].default == "en" and fields["country"].choices[-1].code == "none"
    json.dumps(question_form("practices-by-setting-and-country", "en").to_dict())


def test_a_form_becomes_the_parameters_of_the_question():
    name = "practices-by-setting-and-country"
    assert form_params(name, {"country": "fr", "setting_category": "", "lang": "fr"}) == {"country": "FR", "lang": "fr"}
    with pytest.raises(ParameterError):
        form_params(name, {"no_such_field": "x"})
    with pytest.raises(ParameterError):
        shipped_compendium().question(name, form_params(name, {"country": 'FR" } #'}))


def test_every_saved_question_answers_the_same_in_memory_and_from_the_store(embedded):
    from test_endpoint import PARAMS, normalised

    asked = 0
    for name, cases in PARAMS.items():
        for params in cases:
            memory = shipped_compendium().question(name, params)
            stored = embedded.question(name, params)  # run_question, in a child process
            assert normalised(memory) == normalised(stored), (name, params)
            asked += bool(memory.rows)
    assert asked > 10 and "lang" not in shipped_compendium().question("practices-by-setting-and-country").columns


# -- an Oxigraph server ----------------------------------------------------------------------------------------
def test_an_endpoint_lists_what_the_shipped_compendium_lists(tmp_path):
    from test_endpoint import Server, _oxigraph

    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[dev]' installs it)")
    server = Server(binary, tmp_path / "data")
    try:
        store.load([EXAMPLES / "compendium"], endpoint=server.url, replace=True)
        remote = Source(endpoint=server.url)
        for filters, lang in product([{}, {"country": "gb"}], ["en", "fr"]):
            assert list_practices(filters, lang, remote) == list_practices(filters, lang)
        assert practice_profile(HVN, "fr", remote) == practice_profile(HVN, "fr")
    finally:
        server.stop()
