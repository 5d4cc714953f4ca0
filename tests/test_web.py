"""The web app's skeleton (issue 14): language from the browser, switchable and remembered in a
cookie that holds only the language; security headers; the notice on uploaded files; the
`peer-schema serve` command, run for real on a loopback port."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from peer_schema.web.app import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def test_the_page_speaks_the_browsers_language_and_english_otherwise(client):
    fr = client.get("/", headers={"accept-language": "de-CH, fr;q=0.8, en;q=0.5"})
    assert fr.status_code == 200 and '<html lang="fr">' in fr.text and "Vérifiez vos données" in fr.text
    en = client.get("/", headers={"accept-language": "fr;q=0.1, en-GB;q=0.9"})
    assert '<html lang="en">' in en.text and "Check your data" in en.text
    assert '<html lang="en">' in client.get("/", headers={"accept-language": "de, it"}).text


def test_switching_language_sets_a_cookie_holding_the_language_only_and_it_is_remembered():
    client = TestClient(create_app())
    answer = client.get("/validate?lang=fr", headers={"accept-language": "en"})
    assert '<html lang="fr">' in answer.text
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("lang=fr;") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.cookies.get("lang") == "fr" and len(client.cookies) == 1
    later = client.get("/", headers={"accept-language": "en"})
    assert '<html lang="fr">' in later.text and "set-cookie" not in later.headers
    assert 'href="?lang=en"' in later.text  # the switch back, on the same page (relative: never another host)
    assert "set-cookie" not in TestClient(create_app()).get("/").headers  # no cookie unless asked


def test_a_language_that_is_not_offered_is_not_set(client):
    answer = client.get("/?lang=<script>", headers={"accept-language": "en"})
    assert "set-cookie" not in answer.headers and "<script>" not in answer.text.split("<main>")[1]


@pytest.mark.parametrize("path", ["/", "/validate", "/template", "/api", "/no-such-page"])
def test_every_page_has_a_strict_policy_and_the_notice_on_uploaded_files(client, path):
    answer = client.get(path, headers={"accept-language": "en"})
    assert answer.status_code == (404 if path == "/no-such-page" else 200)
    policy = answer.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert answer.headers["x-content-type-options"] == "nosniff" and answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer" and answer.headers["cache-control"] == "no-store"
    assert "deleted as soon as the answer is sent" in answer.text and "never written to a log" in answer.text
    page = answer.text
    assert "<script>" not in page and " style=" not in page and "<style" not in page
    assert not re.search(r'(src|href|action)="(https?:)?//', page)  # nothing from or to another host


def test_the_assets_are_in_the_package(client):
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "url(" not in css.text and "@import" not in css.text  # nothing fetched from elsewhere
    assert client.get("/static/app.js").status_code == 200


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_peer_schema_serve_answers_on_loopback():
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "peer_schema.cli", "serve", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:
                    assert answer.status == 200 and "server" not in {k.lower() for k in answer.headers}
                    assert b"peer_schema" in answer.read()
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("peer-schema serve did not answer")
        # asked under another name (a page elsewhere whose name now points at 127.0.0.1): refused
        rebound = urllib.request.Request(f"http://127.0.0.1:{port}/", headers={"Host": f"evil.example:{port}"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(rebound, timeout=5)
        assert refused.value.code == 400 and refused.value.headers["x-frame-options"] == "DENY"
    finally:
        server.terminate()
        server.wait(10)


def test_serve_without_the_web_extra_says_how_to_install_it_in_one_line():
    code = ("import sys; sys.modules['fastapi'] = None; from peer_schema.cli import main; "
            "sys.exit(main(['serve', '--port', '1']))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    (line,) = run.stderr.strip().splitlines()
    assert line.startswith('peer-schema serve: the web app needs the "web" extra (from the project\'s folder: '
                           'python -m pip install ".[web]"; or with its wheel: python -m pip install "peer_schema-')


def test_the_factory_for_several_workers_reads_its_settings_from_the_environment(monkeypatch, tmp_path):
    from peer_schema.web.serve import app_from_environment

    monkeypatch.setenv("PEER_SCHEMA_STORE", str(tmp_path))
    monkeypatch.setenv("PEER_SCHEMA_MAX_BYTES", "1000")
    monkeypatch.setenv("PEER_SCHEMA_ALLOWED_HOSTS", "check.federation.example, testserver")
    monkeypatch.setenv("PEER_SCHEMA_ALLOW_RESTRICTED_STORE", "1")  # no store in tmp_path to check at start-up
    settings = app_from_environment().state.settings
    assert (settings.store, settings.limits.max_bytes, settings.max_request_bytes) == (tmp_path, 1000, 1000)
    big = TestClient(app_from_environment()).post("/api/validate", files=[("files", ("a.json", b" " * 2000))])
    assert big.status_code == 413
    assert TestClient(app_from_environment(), base_url="http://elsewhere.example").get("/").status_code == 400


def test_serve_with_a_store_that_does_not_exist_says_so_in_one_line(tmp_path):
    run = subprocess.run([sys.executable, "-m", "peer_schema.cli", "serve", "--store", str(tmp_path / "none")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2 and len(run.stderr.strip().splitlines()) == 1
    assert "no such folder" in run.stderr and "Traceback" not in run.stderr
