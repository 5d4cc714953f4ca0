"""The web app's privacy and security (issue 14): the command line's size limits (413 past
them), hostile uploads answered with the command line's finding codes and never a traceback,
every value escaped, nothing logged."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from hostile import lie_about_sizes, ods_package, text_cell, xlsx  # noqa: E402

from peer_schema import validate  # noqa: E402
from peer_schema.cli import build_parser  # noqa: E402
from peer_schema.readers import Limits  # noqa: E402
from peer_schema.web.app import create_app  # noqa: E402

HEADER = '<row r="1">' + text_cell("A1", "Identifier") + text_cell("B1", "Name") + "</row>"
EXAMPLES_VALID = Path(__file__).resolve().parent.parent / "examples" / "valid"
MANY_STRINGS = b'<?xml version="1.0"?><sst xmlns="x">' + b"<si><t>ab</t></si>" * 200_000 + b"</sst>"


def hostile_files(folder):
    """One of each kind of hostile file the readers refuse (tests/test_hostile_inputs.py)."""
    laughs = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    (folder / "alias.yaml").write_text("a: &x [1, 2]\nb: *x\n")
    (folder / "deep.json").write_text("[" * 10_000 + "]" * 10_000)
    (folder / "surrogate.json").write_text('{"id": "ex:d\\ud800", "title": {"en": "x"}}')
    (folder / "huge-number.json").write_text('{"id": "ex:d", "n": 1' + "0" * 5000 + "}")
    (folder / "not-a-zip.ods").write_bytes(b"PK\x03\x04 not really a zip")
    return [
        xlsx(folder / "far.xlsx", HEADER + '<row r="1048576">' + text_cell("XFD1048576", "x") + "</row>"),
        xlsx(folder / "laughs.xlsx", HEADER, doctype=laughs),
        lie_about_sizes(xlsx(folder / "lying.xlsx", HEADER, strings=MANY_STRINGS), "xl/sharedStrings.xml", 100),
        xlsx(folder / "broken.xlsx", HEADER + "<row><c>"),
        ods_package(folder / "repeats.ods", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                    'xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><office:body>'
                    '<office:spreadsheet><table:table table:name="Organisations"><table:table-row '
                    'table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16000">'
                    '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body>'
                    '</office:document-content>'),
        *(folder / name for name in ("alias.yaml", "deep.json", "surrogate.json", "huge-number.json", "not-a-zip.ods")),
    ]


LIMITS = Limits(max_bytes=1_000_000)


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app(limits=LIMITS, max_request_bytes=4_000_000), raise_server_exceptions=False)


def codes(report: dict) -> set[str]:
    return {f["code"] for f in report["findings"]}


def test_each_hostile_upload_gets_the_command_lines_codes_from_the_api_and_a_clean_page(client, tmp_path):
    for path in hostile_files(tmp_path):
        expected = validate([path], limits=LIMITS).to_dict()
        assert any(c.startswith("read.") for c in codes(expected)), path.name
        answer = client.post("/api/validate", files=[("files", (path.name, path.read_bytes()))])
        assert answer.status_code in (200, 413) and answer.headers["x-peer-schema-exit-code"] == "2"
        assert codes(answer.json()) == codes(expected), path.name
        page = client.post("/validate", files=[("files", (path.name, path.read_bytes()))], data={"lang": "en"})
        assert page.status_code in (200, 413) and "Traceback" not in page.text and "Some files could not be read" in page.text
        for code in codes(expected):
            assert f'data-code="{code}"' in page.text


def test_a_file_over_the_readers_limit_is_a_413_with_the_command_lines_finding(client):
    big = b'{"id": "ex:d", "title": {"en": "' + b"x" * 1_100_000 + b'"}}'
    answer = client.post("/api/validate", files=[("files", ("big.json", big))])
    assert answer.status_code == 413 and answer.headers["x-peer-schema-exit-code"] == "2"
    [finding] = answer.json()["findings"]
    assert finding["code"] == "read.too-large" and finding["file"] == "big.json"
    page = client.post("/validate", files=[("files", ("big.json", big))], data={"lang": "fr"})
    assert page.status_code == 413 and "au-delà de la limite" in page.text


@pytest.mark.parametrize("path", ["/api/validate", "/validate"])
def test_a_request_over_the_servers_limit_is_refused_before_it_is_read(path):
    client = TestClient(create_app(max_request_bytes=50_000), raise_server_exceptions=False)
    body = b"x" * 60_000
    answer = client.post(path, files=[("files", ("big.json", body))], headers={"accept-language": "fr"})
    assert answer.status_code == 413
    if path.startswith("/api/"):
        assert codes(answer.json()) == {"read.too-large"} and answer.json()["valid"] is False
    else:
        assert '<html lang="fr">' in answer.text and "au-delà de la limite de 50000 octets" in answer.text
        assert answer.headers["content-security-policy"].startswith("default-src 'self'")


def test_a_body_that_does_not_say_its_length_is_counted_as_it_comes():
    client = TestClient(create_app(max_request_bytes=50_000), raise_server_exceptions=False)
    boundary = "b0und"
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"big.json\"\r\n"
            "Content-Type: application/json\r\n\r\n").encode()

    def chunks():
        yield head
        for _ in range(10):
            yield b"x" * 10_000
        yield f"\r\n--{boundary}--\r\n".encode()

    answer = client.post("/api/validate", content=chunks(),
                         headers={"content-type": f"multipart/form-data; boundary={boundary}"})
    assert answer.status_code == 413 and codes(answer.json()) == {"read.too-large"}


def test_a_file_name_holding_markup_stays_text_everywhere(client):
    name = '<script>alert(1)</script><img src=x onerror=alert(2)>.json'
    data = b'{"id": "ex:d", "title": {"en": "<b>bold</b>"}, "organisations": [{"id": "<i>x</i>"}]}'
    page = client.post("/validate", files=[("files", (name, data))], data={"lang": "en"})
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<i>x</i>" not in page.text and "<b>bold</b>" not in page.text
    html = client.post("/validate", files=[("files", (name, data))], data={"lang": "en", "output": "html"})
    assert "<script>alert(1)" not in html.text and "&lt;script&gt;" in html.text
    api = client.post("/api/validate", files=[("files", (name, data))])
    assert {f["file"] for f in api.json()["findings"] if "file" in f} == {name}  # JSON: the name as given


def test_a_name_that_is_a_path_never_leaves_the_private_folder(client, tmp_path):
    for name in ("../../../../tmp/escape.json", "/etc/passwd.json", "..", "a\\..\\..\\b.json", "\x00.json"):
        answer = client.post("/api/validate", files=[("files", (name, b'{"id": "ex:d"}'))])
        assert answer.status_code == 200, name
    assert not (tmp_path.parent / "escape.json").exists()
    # names that meet once made safe, or that a second file of the same name would need as a folder
    names = ["2", "x.json", "2", "a/b.json", "a\\b.json", "b.json"]
    answer = client.post("/api/validate", files=[("files", (name, b'{"id": "ex:d"}')) for name in names])
    assert answer.status_code == 200 and answer.json()["summary"]["files"] == len(names)


def test_nothing_about_an_upload_is_logged(client, caplog):
    secret_name, secret_value = "Jeanne-Dupont-records.json", "lived-experience-of-psychosis"
    data = json.dumps({"id": "ex:d", "title": {"en": secret_value}}).encode()
    with caplog.at_level(logging.DEBUG):
        client.post("/validate", files=[("files", (secret_name, data))], data={"lang": "en"})
        client.post("/api/validate", files=[("files", (secret_name, data))])
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert secret_name not in logged and secret_value not in logged


def test_serve_listens_on_this_computer_only_unless_told_otherwise():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.store, args.endpoint) == ("127.0.0.1", 8000, None, None)


def test_a_bug_gives_a_plain_500_and_a_log_line_without_the_exceptions_message(caplog):
    from peer_schema.web.security import GuardMiddleware

    secret = "-".join(("lived", "experience"))  # as a value read from a file: not in any source line

    async def failing_app(scope, receive, send):
        raise ValueError(f"a value from a file: {secret}")

    client = TestClient(GuardMiddleware(failing_app, 1000, lambda scope, declared: (b"text/plain", b"")),
                        raise_server_exceptions=False)
    with caplog.at_level(logging.DEBUG):
        page, api = client.get("/validate"), client.post("/api/validate")
    assert page.status_code == api.status_code == 500
    assert page.text == "The server could not answer this request." and api.json()["error"] == "internal"
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert "ValueError" in caplog.text and "lived-experience" not in caplog.text


def test_checks_overlapping_in_threads_leave_the_garbage_collector_as_it_was(client):
    import gc
    from concurrent.futures import ThreadPoolExecutor

    data = (EXAMPLES_VALID / "Organisation-association.yaml").read_bytes()
    assert gc.isenabled()
    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(lambda n: client.post("/api/validate", files=[("files", (f"{n}.yaml", data))]),
                                range(8)))
    assert all(a.status_code == 200 for a in answers) and gc.isenabled()
