"""`peer-schema serve` beyond this computer (hostile review of issue 14): the Host names answered,
a warning, a store not all public refused without --allow-restricted-store, and an access log
without the client's address or the query string."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from peer_schema.web.app import create_app  # noqa: E402
from peer_schema.web.serve import (AccessLog, RestrictedStore, allowed_hosts_for, is_loopback,  # noqa: E402
                                   serving_plan)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "valid"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    """A store holding restricted data (the examples, a peer worker's dataset among them) and one of public data."""
    folder = tmp_path_factory.mktemp("stores")
    for name, example in (("restricted", EXAMPLES), ("public", EXAMPLES / "Organisation-association.yaml")):
        done = cli("store", "load", str(example), "--store", str(folder / name))
        assert done.returncode == 0, done.stderr
    return folder / "restricted", folder / "public"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"])
def test_loopback_addresses_answer_to_this_computers_names_only_and_warn_nothing(host):
    assert is_loopback(host)
    assert serving_plan(host) == (["127.0.0.1", "localhost", "[::1]"], None)


@pytest.mark.parametrize("host, bound", [("0.0.0.0", "0.0.0.0"), ("192.168.1.20", "192.168.1.20"), ("::", "[::]")])
def test_any_other_address_answers_to_the_bound_address_and_the_names_given_and_warns(host, bound):
    names, warning = serving_plan(host, allowed_hosts=["check.example.org"])
    assert names == ["127.0.0.1", "localhost", "[::1]", bound, "check.example.org"]
    assert warning and host in warning and "--allowed-host" in warning and "\n" not in warning


def test_the_app_answers_400_to_a_host_it_was_not_given():
    client = TestClient(create_app(allowed_hosts=allowed_hosts_for("::1")), base_url="http://[::1]:8000")
    assert client.get("/").status_code == 200
    assert client.get("/", headers={"host": "rebound.example"}).status_code == 400


def test_a_store_not_all_public_is_refused_beyond_this_computer_unless_allowed(stores):
    restricted, public = stores
    with pytest.raises(RestrictedStore, match="not all public"):
        serving_plan("0.0.0.0", restricted)
    assert serving_plan("127.0.0.1", restricted)[1] is None
    assert serving_plan("0.0.0.0", restricted, allow_restricted_store=True)[1]
    assert serving_plan("0.0.0.0", public)[1]


def test_the_command_line_refuses_it_in_one_line_before_listening(stores):
    restricted, _ = stores
    done = cli("serve", "--host", "0.0.0.0", "--port", "1", "--store", str(restricted))
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1
    assert lines[0].startswith("peer-schema serve: --store") and "--allow-restricted-store" in lines[0]


def test_the_access_log_holds_the_method_the_path_and_the_status_only(caplog):
    log = logging.getLogger("peer_schema.test.access")
    client = TestClient(AccessLog(create_app(), log), client=("203.0.113.9", 40000))
    with caplog.at_level(logging.INFO, logger="peer_schema.test.access"):
        client.get("/template/download?prefix=secret_prefix&lang=fr")
        client.get("/no/such/page%0aFAKE 200?q=1")
    assert [r.getMessage() for r in caplog.records] == ["GET /template/download 200",
                                                        "GET /no/such/page\\x0aFAKE 200 404"]
    assert "203.0.113.9" not in caplog.text and "secret_prefix" not in caplog.text


class SparqlEndpoint:
    """A small SPARQL 1.1 Protocol endpoint over an embedded store folder (real queries, real HTTP)."""

    def __init__(self, folder: Path):
        import http.server
        import threading

        import pyoxigraph

        db = pyoxigraph.Store.read_only(str(folder))

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                text = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
                body = db.query(text).serialize(format=pyoxigraph.QueryResultsFormat.JSON)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/query"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def endpoints(stores):
    served = [SparqlEndpoint(folder) for folder in stores]
    yield tuple(e.url for e in served)
    for e in served:
        e.server.shutdown()


#: a port nothing listens on
UNREACHABLE = "http://127.0.0.1:1/query"


def test_an_endpoint_not_all_public_is_refused_beyond_this_computer_unless_allowed(endpoints):
    from peer_schema.rdf.endpoint import EndpointError

    restricted, public = endpoints
    with pytest.raises(RestrictedStore, match=r"^--endpoint .*not all public.*--allow-restricted-store"):
        serving_plan("0.0.0.0", endpoint=restricted)
    assert serving_plan("0.0.0.0", endpoint=restricted, allow_restricted_store=True)[1]
    assert serving_plan("0.0.0.0", endpoint=public)[1]
    assert serving_plan("127.0.0.1", endpoint=UNREACHABLE)[1] is None  # not asked on this computer
    with pytest.raises(EndpointError):
        serving_plan("0.0.0.0", endpoint=UNREACHABLE)


@pytest.mark.parametrize("which, says", [(0, "not all public"), (None, "cannot ask whether its data is public")])
def test_the_command_line_refuses_a_restricted_or_unreachable_endpoint_in_one_line(endpoints, which, says):
    url = UNREACHABLE if which is None else endpoints[which]
    done = cli("serve", "--host", "0.0.0.0", "--port", "1", "--endpoint", url)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert lines[0].startswith("peer-schema serve: ") and says in lines[0]


def test_the_factory_refuses_a_restricted_store_or_endpoint_unless_the_environment_allows_it(stores, endpoints):
    from peer_schema.web.serve import environment_plan

    restricted, public = stores
    for variable, value in (("PEER_SCHEMA_STORE", str(restricted)), ("PEER_SCHEMA_ENDPOINT", endpoints[0])):
        # taken as beyond this computer even when it answers to loopback names only (a proxy may send those)
        with pytest.raises(RestrictedStore, match=f"^{variable}=.*PEER_SCHEMA_ALLOW_RESTRICTED_STORE=1"):
            environment_plan({variable: value, "PEER_SCHEMA_ALLOWED_HOSTS": "127.0.0.1"})
        allowed = environment_plan({variable: value, "PEER_SCHEMA_ALLOW_RESTRICTED_STORE": "1"})
        assert allowed[variable.removeprefix("PEER_SCHEMA_").lower()] == value
    assert environment_plan({"PEER_SCHEMA_STORE": str(public)})["store"] == str(public)
    assert environment_plan({"PEER_SCHEMA_ENDPOINT": endpoints[1]})["endpoint"] == endpoints[1]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_uvicorn_stops_at_start_up_with_one_line_instead_of_serving(stores, tmp_path, workers):
    import os

    env = {**os.environ, "PEER_SCHEMA_STORE": str(stores[0])}
    env.pop("PEER_SCHEMA_ALLOW_RESTRICTED_STORE", None)
    done = subprocess.run([sys.executable, "-m", "uvicorn", "--factory", "peer_schema.web.serve:app_from_environment",
                           "--host", "127.0.0.1", "--port", "0", "--workers", workers],
                          capture_output=True, text=True, timeout=60, env=env, cwd=tmp_path)
    refusals = [line for line in done.stderr.splitlines() if "peer-schema:" in line]
    assert refusals and "Traceback" not in done.stderr, done.stderr
    assert "PEER_SCHEMA_STORE=" in refusals[0] and "PEER_SCHEMA_ALLOW_RESTRICTED_STORE=1" in refusals[0]
    if workers == "1":
        assert done.returncode == 3  # uvicorn's start-up failure
    else:  # uvicorn's parent stops every worker, not restarting the one refused (and exits 0)
        assert "failed to start, stopping the parent process" in done.stderr
