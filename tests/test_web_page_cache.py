"""The compendium's answers kept while the store is unchanged (web/page_cache.py): the same
bytes again with an ETag and a 304 for a client that has them, the language cookie still set,
and the new data shown as soon as a load has changed the store."""

from __future__ import annotations

import textwrap

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from peer_schema.rdf import store  # noqa: E402
from peer_schema.web.app import create_app  # noqa: E402

DATASET = textwrap.dedent("""\
    id: ex:dataset/{name}
    title: {{en: "{name}"}}
    publisher: {{id: "https://example.org/", name: Example}}
    dataset_version: "1.0.0"
    schema_version: "0.2.0"
    license: https://creativecommons.org/licenses/by/4.0/
    access_rights: public
    created: "2026-12-06"
    languages: [en]
    prefixes: {{ex: "https://example.org/peer/"}}
    practices:
      - id: ex:practice/{name}
        title: {{en: "Practice {name}"}}
        countries: [FR]
        setting_category: hybrid
    """)


def titles(client: TestClient) -> list[str]:
    return [p["title"] for p in client.get("/api/practices").json()["practices"]]


@pytest.fixture()
def store_client(tmp_path):
    (tmp_path / "first.yaml").write_text(DATASET.format(name="first"), encoding="utf-8")
    store.load([tmp_path / "first.yaml"], tmp_path / "store")
    return TestClient(create_app(store=tmp_path / "store")), tmp_path


def test_a_page_asked_again_is_the_same_and_a_client_that_has_it_gets_304():
    client = TestClient(create_app())
    first = client.get("/compendium?country=GB", headers={"accept-language": "en"})
    again = client.get("/compendium?country=GB", headers={"accept-language": "en"})
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert first.headers["etag"] == again.headers["etag"] and first.headers["cache-control"] == "no-cache"
    assert "content-security-policy" in again.headers  # the guard's headers on a kept answer too
    unchanged = client.get("/compendium?country=GB", headers={"accept-language": "en",
                                                              "if-none-match": first.headers["etag"]})
    assert unchanged.status_code == 304 and unchanged.content == b""
    french = client.get("/compendium?country=GB", headers={"accept-language": "fr"})
    assert french.headers["etag"] != first.headers["etag"] and '<html lang="fr">' in french.text
    stale = client.get("/compendium?country=GB",
                       headers={"accept-language": "fr", "if-none-match": first.headers["etag"]})
    assert stale.status_code == 200


def test_a_kept_page_still_sets_the_language_cookie():
    client = TestClient(create_app())
    client.get("/compendium/practices/hearing-voices-network-international?lang=fr")
    client.cookies.clear()
    answer = client.get("/compendium/practices/hearing-voices-network-international?lang=fr")
    assert answer.status_code == 200 and "lang=fr" in answer.headers.get("set-cookie", "")


def test_an_error_is_not_kept():
    client = TestClient(create_app())
    assert client.get("/compendium?country=ZZ", headers={"accept-language": "en"}).status_code == 400
    assert len(client.app.state.page_cache) == 0


def test_a_load_into_the_store_shows_at_once(store_client):
    client, folder = store_client
    assert titles(client) == ["Practice first"]
    assert titles(client) == ["Practice first"]  # kept
    (folder / "second.yaml").write_text(DATASET.format(name="second"), encoding="utf-8")
    store.load([folder / "second.yaml"], folder / "store")
    assert titles(client) == ["Practice first", "Practice second"]


def test_the_kept_answers_stay_within_their_count_and_bytes():
    from starlette.responses import Response

    from peer_schema.web.page_cache import PageCache

    cache = PageCache(entries=3, max_body=100, max_total=250)
    for n in range(5):
        cache.put("g", ("page", n), Response(b"x" * 90))
    assert len(cache) == 2 and cache.get("g", ("page", 4)) and cache.get("g", ("page", 2)) is None  # 250 bytes
    cache.put("g", ("big",), Response(b"x" * 101))
    assert cache.get("g", ("big",)) is None  # over max_body: not kept
    assert cache.get("other generation", ("page", 4)) is None
    cache.put("h", ("page", 9), Response(b"y"))
    assert len(cache) == 1 and cache.get("h", ("page", 9)).body == b"y"
