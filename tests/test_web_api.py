"""The REST API (issue 14): `POST /api/validate` answers the same JSON report as
`peer-schema validate --format json` on the same files, for every example; OpenAPI documents it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from peer_schema.cli import main  # noqa: E402
from peer_schema.web.app import create_app  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
DATA_FILES = sorted(p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix != ".md")


@pytest.fixture(scope="module")
def client():
    return TestClient(create_app())


def cli_json(folder: Path, names: list[str], monkeypatch, capsys, *options: str) -> tuple[int, dict]:
    """The command line's JSON report on these files, named as a person in their folder names them."""
    monkeypatch.chdir(folder)
    code = main(["validate", "--format", "json", "--no-progress", *options, *names])
    return code, json.loads(capsys.readouterr().out)


def api_json(client, folder: Path, names: list[str], **fields) -> tuple[int, dict]:
    files = [("files", (name, (folder / name).read_bytes())) for name in names]
    answer = client.post("/api/validate", files=files, data=fields)
    assert answer.headers["content-type"] == "application/json"
    return int(answer.headers["x-peer-schema-exit-code"]), answer.json()


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_the_api_answers_the_command_lines_json_report_on_every_example(client, path, tmp_path, monkeypatch,
                                                                         capsys):
    # the file alone in a folder, as it is uploaded: a CSV table would otherwise find the Dataset.csv beside it
    (tmp_path / path.name).write_bytes(path.read_bytes())
    cli_code, cli_report = cli_json(tmp_path, [path.name], monkeypatch, capsys)
    api_code, api_report = api_json(client, path.parent, [path.name])
    assert api_report == cli_report
    assert api_code == cli_code


@pytest.mark.parametrize("folder", ["tables", "compendium", "valid"])
def test_files_sent_together_are_checked_together_as_the_command_line_checks_them(client, folder, monkeypatch,
                                                                                  capsys):
    names = sorted(p.name for p in (EXAMPLES / folder).iterdir() if p.suffix != ".md")
    cli = cli_json(EXAMPLES / folder, names, monkeypatch, capsys, "--lang", "fr")
    assert api_json(client, EXAMPLES / folder, names, lang="fr") == cli


@pytest.mark.parametrize("options", [("--profile", "public"), ("--profile", "federation", "--purpose", "research")])
def test_profile_and_purpose_are_the_command_lines_options(client, options, monkeypatch, capsys):
    folder, names = EXAMPLES / "valid", ["PeerWorker-with-consent.yaml", "Organisation-association.yaml"]
    cli_code, cli_report = cli_json(folder, names, monkeypatch, capsys, *options)
    fields = dict(zip([o.lstrip("-") for o in options[::2]], options[1::2]))
    answer = client.post("/api/validate", files=[("files", (n, (folder / n).read_bytes())) for n in names], data=fields)
    assert answer.json() == cli_report
    assert int(answer.headers["x-peer-schema-exit-code"]) == cli_code
    assert answer.status_code == (400 if cli_code == 2 else 200)


def test_an_option_that_does_not_exist_is_a_422_naming_the_field(client):
    folder = EXAMPLES / "valid"
    answer = client.post("/api/validate", files=[("files", ("a.yaml", (folder / "Practice-community.yaml").read_bytes()))],
                         data={"profile": "everyone"})
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"][-1] == "profile"


def test_openapi_documents_the_validate_operation_and_its_fields(client):
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/api/validate"]["post"]
    [content] = operation["requestBody"]["content"]
    assert content == "multipart/form-data"
    ref = operation["requestBody"]["content"][content]["schema"]["$ref"].rsplit("/", 1)[-1]
    fields = schema["components"]["schemas"][ref]["properties"]
    assert set(fields) == {"files", "profile", "purpose", "lang", "max_errors"}
    assert {"200", "400", "413"} <= set(operation["responses"])
    page = client.get("/api").text
    assert "POST /api/validate" in page and "/openapi.json" in page
    assert all(path.startswith("/api/") for path in schema["paths"])  # the pages are not part of the API
