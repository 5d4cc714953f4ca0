"""`--endpoint`: load into and query a real Oxigraph server (the `oxigraph` package of the dev
extra), started here on a free loopback port, and get the same answer to every saved question
as from the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("pyoxigraph")

from peer_schema.rdf import store  # noqa: E402
from peer_schema.rdf.endpoint import Endpoint, EndpointError  # noqa: E402
from peer_schema.rdf.queries import list_questions, run_question, run_sparql  # noqa: E402
from peer_schema.rdf.sparql_guard import UnsafeQuery  # noqa: E402

from conftest import EXAMPLES  # noqa: E402
from test_store_queries import (ALLOWED, BE_RIGHT_FR, BE_RIGHT_SOURCES, COE, REFUSED, TRAINING, run,  # noqa: E402
                                training_rows)

#: the parameters each question is asked with, on both sides
PARAMS = {
    "practices-by-setting-and-country": [
        {}, {"country": "GB"}, {"setting_category": "other", "country": "GB"}, {"country": "none"},
        {"lang": "fr"}],
    "practices-with-peer-reviewed-evidence": [{}, {"setting_category": "other"}, {"lang": "fr"}],
    "organisations-by-kind-and-country": [
        {}, {"country": "none"}, {"kind": "university", "country": "FR"}, {"kind": "peer_operated_service"},
        {"lang": "fr", "country": "BE"}],
    "training-programmes-by-elements-and-accreditation": [
        {}, {"element": "recovery"}, {"element": "none"}, {"accreditation": "accredited"},
        {"accreditation": "none", "element": "assessment"}],
    "competencies-covered-by-training": [{}, {"competency": "C09"}, {"lang": "fr"}],
    "practice-profile": [{}, {"country": "IS"}, {"country": "none"}, {"setting_category": "hybrid", "lang": "fr"},
                         {"practice": "hugarafl-iceland"}, {"practice": "coe:practice/be-right-training", "lang": "fr"},
                         {"practice": "hugarafl-iceland", "country": "NO"}, {"practice": "no-such-practice"}],
    "practices-by-model-facilitation-aim-and-evaluation": [
        {}, {"peer_support_model": "socio_political"}, {"evaluation_status": "none"},
        {"aim": "prevent_coercion", "setting_category": "hospital_based"}, {"facilitation": "fully_peer_led"}],
    "evidence-with-pages": [{}, {"setting_category": "none"}, {"setting_category": "hybrid", "lang": "fr"}],
    "scale-figures": [{}, {"unit": "sites"}, {"country": "none"}, {"country": "GB", "lang": "fr"}],
    "coe-states-without-practice": [{}, {"setting_category": "hospital_based"}, {"lang": "fr"}],
    "practices-by-start-year": [{}, {"setting_category": "other", "lang": "fr"}],
    "organisations-and-their-practices": [{}, {"country": "NO"}, {"country": "none"}],
    "federation-memberships": [{}, {"role": "member"}, {"country": "BE", "lang": "fr"}],
}


#: columns that join several values (GROUP_CONCAT): their order is the engine's
JOINED = {"titles": " | ", "element_codes": " ", "codes": " ", "settings": " ", "countries": " ", "aims": " ",
          "organisations": " | ", "evaluation_status": " ", "submissions": " | ", "scale": " | ", "sources": " ",
          "peer_support_models": " ", "facilitations": " ", "evaluation_statuses": " "}


def normalised(result) -> tuple[list[str], list[tuple]]:
    """The answer with the values of GROUP_CONCAT columns sorted (engines order them as they like;
    pyoxigraph 0.4 and an Oxigraph 0.5 server differ)."""
    seps = [JOINED.get(c) for c in result.columns]
    rows = [tuple(sep.join(sorted(v.split(sep))) if sep and isinstance(v, str) and v else v
                  for v, sep in zip(row, seps)) for row in result.rows]
    return result.columns, rows


def _oxigraph() -> str | None:
    beside = Path(sys.executable).parent / ("oxigraph.exe" if sys.platform == "win32" else "oxigraph")
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, binary: str, location: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = location.parent / f"oxigraph-{self.port}.log"
        self._log = self.log.open("wb")
        self.process = subprocess.Popen(
            [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"],
            stdout=self._log, stderr=subprocess.STDOUT)
        self._wait()

    def _wait(self, seconds: float = 30.0) -> None:
        deadline = time.monotonic() + seconds
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited with {self.process.returncode}: {self.log.read_text()}")
            try:
                with opener.open(f"{self.url}/query?query=ASK%7B%7D", timeout=1) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"oxigraph did not answer on {self.url} within {seconds} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    binary = _oxigraph()
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install -e '.[dev]' installs it)")
    folder = tmp_path_factory.mktemp("oxigraph")
    s = Server(binary, folder / "data")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def loaded(server):
    """The server holding the compendium, loaded through the Graph Store Protocol."""
    n = store.load([EXAMPLES / "compendium"], endpoint=server.url, replace=True)
    return server, n


@pytest.fixture(scope="module")
def embedded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("embedded") / "compendium"
    store.load([EXAMPLES / "compendium"], folder)
    return folder


def test_the_server_holds_what_the_embedded_store_holds(loaded, embedded):
    server, n = loaded
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert run_sparql(count, endpoint=server.url).rows == [(n,)]
    assert run_sparql(count, embedded).rows == [(n,)]


@pytest.mark.parametrize("name", list(PARAMS))
def test_every_question_has_the_same_answer_on_the_server(loaded, embedded, name):
    server, _ = loaded
    for params in PARAMS[name]:
        remote = run_question(name, params, endpoint=server.url)
        for binding in ("substitutions", "values"):
            local = run_question(name, params, embedded, binding=binding)
            assert normalised(remote) == normalised(local), (name, params, binding)


def test_the_list_of_parameters_covers_every_question():
    assert set(PARAMS) == {q.name for q in list_questions()}


def test_an_expected_answer_from_the_server(loaded):
    server, _ = loaded
    result = run_question("training-programmes-by-elements-and-accreditation", {}, endpoint=server.url)
    assert training_rows(result) == TRAINING


def test_the_profile_of_one_practice_from_the_server(loaded):
    # the row derived by hand in test_store_queries.test_the_profile_of_one_practice
    server, _ = loaded
    (row,) = run_question("practice-profile", {"practice": "be-right-training", "lang": "fr"}, endpoint=server.url).rows
    assert row[:15] == (COE + "practice/be-right-training", BE_RIGHT_FR, "training", "other", "online", "",
                        "international", "promote_voluntary_care", "indirect", "Andalusian School of Public Health",
                        None, "", "", 0, "exact 75 trainees")
    assert set(row[15].split(" ")) == BE_RIGHT_SOURCES
    assert run_question("practice-profile", {"practice": "no-such-practice"}, endpoint=server.url).rows == []


def test_the_query_url_itself_works(loaded):
    server, n = loaded
    endpoint = Endpoint(server.url + "/query")
    assert endpoint.graph_store_url == server.url + "/store"
    assert run_sparql("ASK { ?s ?p ?o }", endpoint=endpoint).rows == [(True,)]
    graph = run_sparql("CONSTRUCT WHERE { ?s a <http://www.w3.org/ns/org#Organization> }", endpoint=endpoint)
    assert graph.kind == "graph" and len(graph.rows) == 33  # the organisations of examples/compendium


@pytest.mark.parametrize("text", ALLOWED)
def test_read_only_queries_run_on_the_server(loaded, embedded, text):
    server, _ = loaded
    remote = run_sparql(text, endpoint=server.url)
    local = run_sparql(text, embedded)
    assert remote.kind == local.kind and len(remote.rows) == len(local.rows)


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_refused_before_anything_is_sent(loaded, text, message):
    server, n = loaded
    with pytest.raises(UnsafeQuery, match="is refused|an update"):
        run_sparql(text, endpoint=server.url)
    assert run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", endpoint=server.url).rows == [(n,)]


def test_from_a_graph_of_the_server(loaded):
    server, n = loaded
    graph = "https://w3id.org/peer-schema/compendium/graph"
    request = urllib.request.Request(
        f"{server.url}/store?graph={urllib.parse.quote(graph, safe='')}", method="POST",
        data=b'<http://a/> <http://b/> "c" .\n', headers={"Content-Type": "application/n-triples"})
    urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10).close()
    try:
        assert run_sparql(f"SELECT ?o FROM <{graph}> WHERE {{ ?s ?p ?o }}", endpoint=server.url).rows == [("c",)]
        with pytest.raises(UnsafeQuery, match="not a graph of this store"):
            run_sparql("SELECT ?o FROM <https://w3id.org/peer-schema/compendium/other> WHERE { ?s ?p ?o }",
                       endpoint=server.url)
    finally:
        request = urllib.request.Request(f"{server.url}/store?graph={urllib.parse.quote(graph, safe='')}",
                                         method="DELETE")
        urllib.request.build_opener(urllib.request.ProxyHandler({})).open(request, timeout=10).close()


def test_load_with_replace_swaps_the_data(tmp_path, server):
    """The examples' registry replaces the compendium on the server, and gives the embedded answers."""
    local = tmp_path / "valid"
    store.load([EXAMPLES / "valid"], local)
    try:
        store.load([EXAMPLES / "valid"], endpoint=server.url, replace=True)
        for name, cases in PARAMS.items():
            for params in cases:
                remote = run_question(name, params, endpoint=server.url)
                assert normalised(remote) == normalised(run(name, params, local)), (name, params)
    finally:
        store.load([EXAMPLES / "compendium"], endpoint=server.url, replace=True)


# -- errors -----------------------------------------------------------------------------------------------------
def test_an_endpoint_that_is_not_there():
    url = f"http://127.0.0.1:{_free_port()}"
    with pytest.raises(EndpointError, match="cannot reach the endpoint"):
        run_question("practices-by-setting-and-country", {}, endpoint=url)


def test_an_endpoint_that_does_not_answer():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        held = []
        threading.Thread(target=lambda: held.append(silent.accept()), daemon=True).start()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        started = time.monotonic()
        with pytest.raises(EndpointError, match="no complete answer within 0.5 s"):
            run_question("practices-by-setting-and-country", {}, endpoint=url, timeout=0.5)
        assert time.monotonic() - started < 5
        for conn, _ in held:
            conn.close()


def test_the_server_s_own_error_is_shown(loaded):
    server, _ = loaded
    with pytest.raises(EndpointError, match=r"HTTP 400 .*error at"):
        run_sparql("SELECT * WHERE { ?s ?p }", endpoint=server.url)


def test_urls():
    assert Endpoint("http://127.0.0.1:7878/").query_url == "http://127.0.0.1:7878/query"
    fuseki = Endpoint("http://127.0.0.1:3030/peer/sparql")
    assert fuseki.graph_store_url is None
    with pytest.raises(EndpointError, match="Graph Store Protocol URL of this endpoint is not known"):
        fuseki.add(b"", "application/n-triples")
    assert Endpoint("http://127.0.0.1:3030/peer/sparql", "http://127.0.0.1:3030/peer/data").graph_store_url \
        == "http://127.0.0.1:3030/peer/data"
    for bad in ("file:///etc/passwd", "ftp://example.org/sparql", "127.0.0.1:7878"):
        with pytest.raises(EndpointError, match="not an http"):
            Endpoint(bad)



# -- hostile servers: a tiny HTTP server in a thread stands in for one ------------------------------------
class _Hostile:
    """An HTTP server on a loopback port that answers every POST with `answer(handler)`."""

    def __init__(self, answer):
        import http.server

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                try:
                    answer(self)
                except OSError:  # the client went away: what it should do
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _headers(handler, length=None, media="application/sparql-results+json"):
    handler.send_response(200)
    handler.send_header("Content-Type", media)
    if length is not None:
        handler.send_header("Content-Length", str(length))
    handler.end_headers()


def _trickle(handler):
    _headers(handler)
    for _ in range(100):
        handler.wfile.write(b" ")
        handler.wfile.flush()
        time.sleep(0.2)


def _trickle_headers(handler):
    handler.wfile.write(b"HTTP/1.1 200 OK\r\n")
    for _ in range(100):
        handler.wfile.write(b"X")
        handler.wfile.flush()
        time.sleep(0.2)


def test_a_server_answering_one_byte_at_a_time_is_cut_at_the_deadline():
    for answer in (_trickle, _trickle_headers):
        with _Hostile(answer) as server:
            started = time.monotonic()
            with pytest.raises(EndpointError, match="no complete answer within 1 s"):
                run_sparql("SELECT * WHERE { ?s ?p ?o }", endpoint=server.url, timeout=1)
            assert time.monotonic() - started < 3  # the whole request, not each read


def _endless(handler):
    _headers(handler)
    block = b" " * (1 << 20)
    for _ in range(10_000):  # 10 GB, if it were read
        handler.wfile.write(block)


def _declared_huge(handler):
    _headers(handler, length=5 * 1024 ** 3)
    handler.wfile.write(b"{")


def test_a_huge_answer_is_refused_past_the_size_limit():
    for answer in (_endless, _declared_huge):
        with _Hostile(answer) as server:
            started = time.monotonic()
            with pytest.raises(EndpointError, match="more than 67108864|larger than 67108864 bytes"):
                run_sparql("SELECT * WHERE { ?s ?p ?o }", endpoint=server.url)
            assert time.monotonic() - started < 10
    with _Hostile(_endless) as server:
        with pytest.raises(EndpointError, match="larger than 1000 bytes"):
            Endpoint(server.url, max_bytes=1000).query("SELECT * WHERE { ?s ?p ?o }")


def test_a_deeply_nested_answer_is_refused():
    body = b'{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}]}}"

    def nested(handler):
        _headers(handler, len(body))
        handler.wfile.write(body)

    with _Hostile(nested) as server:
        with pytest.raises(EndpointError, match="nested deeper"):
            run_sparql("SELECT * WHERE { ?s ?p ?o }", endpoint=server.url)


def test_the_cli_says_so_with_exit_code_2(tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    with _Hostile(_trickle) as server:
        done = subprocess.run([sys.executable, "-m", "peer_schema.cli", "query", "--sparql", str(query),
                               "--endpoint", server.url, "--timeout", "1"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert "no complete answer within 1 s" in done.stderr and "Traceback" not in done.stderr


def test_loading_a_dataset_again_is_refused_on_the_server(loaded):
    """As on the embedded store (tests/test_store_reload.py): refused, the server's answers unchanged."""
    from peer_schema.rdf.store import DatasetsAlreadyLoaded

    server, n = loaded
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    before = {q.name: normalised(run_question(q.name, endpoint=server.url)) for q in list_questions()}
    try:
        with pytest.raises(DatasetsAlreadyLoaded, match="already holds the dataset.*compendium-hospital-based"):
            store.load([EXAMPLES / "compendium"], endpoint=server.url)
        assert run_sparql(count, endpoint=server.url).rows == [(n,)]
        assert {q.name: normalised(run_question(q.name, endpoint=server.url)) for q in list_questions()} == before
        store.load([EXAMPLES / "valid"], endpoint=server.url)  # another dataset is added
        assert run_sparql(count, endpoint=server.url).rows[0][0] > n
    finally:
        store.load([EXAMPLES / "compendium"], endpoint=server.url, replace=True)
    assert run_sparql(count, endpoint=server.url).rows == [(n,)]


def test_table_names_and_parameters_in_any_case_on_the_server(loaded, embedded):
    """`--format table` names IRIs with the prefixes the server's datasets declare, as the embedded store's."""
    from peer_schema.rdf.display import declared_prefixes, names_for_people

    server, _ = loaded
    assert declared_prefixes(endpoint=server.url) == declared_prefixes(embedded)
    names = names_for_people("fr", endpoint=server.url)
    rows = run_question("organisations-by-kind-and-country", {"country": "gb", "lang": "FR"}, endpoint=server.url).rows
    assert rows and rows == run_question("organisations-by-kind-and-country", {"country": "GB", "lang": "fr"},
                                         endpoint=server.url).rows
    assert {names(row[4]).split("/")[0] for row in rows} == {"coe:org"}
