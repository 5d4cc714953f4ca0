"""The compendium's pages as a person uses them, in the system's headless Chromium (the harness
of test_web_browser.py: `peer-schema serve` on a loopback port, Playwright, no download): filter
by country and setting and see the right practices, open a practice, switch language, run a saved
question; no request to another host, no script error (the page fixture fails on any).

The expected practices are read from the YAML (test_practices_browse.py)."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")

from test_practices_browse import HVN, PRACTICES, matching  # noqa: E402
from test_web_browser import browser, page, requests_seen, server  # noqa: E402, F401 - the harness's fixtures


def shown_keys(page) -> set[str]:
    links = page.locator("ul.practices li.practice a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return {href.rsplit("/", 1)[-1] for href in links}


def test_filter_by_country_and_setting_then_open_a_practice(page, server):
    page.goto(server["base"] + "/compendium?lang=en")
    assert shown_keys(page) == matching({})
    page.select_option("#filter-country", "GB")
    page.select_option("#filter-setting_category", "other")
    page.click("form.compendium-filters button[type=submit]")
    page.wait_for_load_state()
    expected = matching({"country": ["GB"], "setting_category": ["other"]})
    assert expected and shown_keys(page) == expected
    assert page.locator("figure.chart svg[role=img]").count() == 1
    page.click(f'a[href="/compendium/practices/{HVN}"]')
    page.wait_for_load_state()
    assert page.inner_text("h1") == PRACTICES[HVN]["title"]["en"]
    assert "United Kingdom" in page.inner_text("#countries")


def test_switch_language_keeps_the_filters_then_tick_a_facet(page, server):
    page.goto(server["base"] + "/compendium?lang=en&country=NO")
    page.click("#lang-switch")
    page.wait_for_load_state()
    assert page.get_attribute("html", "lang") == "fr" and page.inner_text("h1") == "Recueil de bonnes pratiques"
    assert shown_keys(page) == matching({"country": ["NO"]})
    page.goto(server["base"] + "/compendium")
    page.check('#facet-aim input[value="reduce_coercion"]')
    page.click("form.compendium-filters button[type=submit]")
    page.wait_for_load_state()
    assert shown_keys(page) == matching({"aim": ["reduce_coercion"]})
    assert page.get_attribute("html", "lang") == "fr"  # remembered


def test_run_a_saved_question(page, server):
    page.goto(server["base"] + "/compendium/questions?lang=en")
    page.click('a[href="/compendium/questions/practices-by-setting-and-country"]')
    page.wait_for_load_state()
    page.select_option("#param-country", "FR")
    page.click("form.question-form button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("table.answer tbody tr")
    assert rows.count() >= 1
    countries = set(rows.locator("td:nth-child(3)").all_inner_texts())
    assert countries == {"FR"}
    assert page.locator('a[href*="format=csv"]').count() == 1


def test_the_compendium_asks_nothing_of_another_host(page, server, requests_seen):
    for path in ("/compendium", f"/compendium/practices/{HVN}", "/compendium/questions"):
        page.goto(server["base"] + path)
        page.wait_for_load_state("networkidle")
    assert requests_seen and all(url.startswith(server["base"] + "/") for url in requests_seen), requests_seen
