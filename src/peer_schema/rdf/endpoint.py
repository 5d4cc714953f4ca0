"""A SPARQL 1.1 endpoint, for users who outgrow one machine: load with the Graph Store HTTP
Protocol, query with the SPARQL 1.1 Protocol. Standard library only (urllib).

- **Query**: `POST <query URL>` with `Content-Type: application/sparql-query` and
  `Accept: application/sparql-results+json` (N-Triples for CONSTRUCT and DESCRIBE).
- **Load**: `POST <graph store URL>?default` with the N-Triples of the export, then the SKOS
  vocabularies as Turtle (a POST adds to the graph, as the Graph Store Protocol says);
  `replace=True` first empties the default graph (`DELETE ...?default`).

Which URLs: give the server's root and Oxigraph's layout is assumed (`/query`, `/store`), or the
query URL itself; a query URL ending in `/query` has its graph store beside it (`/store`), any
other needs the graph store URL too (Jena Fuseki: `.../DATASET/sparql` and `.../DATASET/data`;
GraphDB: `.../repositories/REPO` and `.../repositories/REPO/rdf-graphs/service`; Virtuoso:
`.../sparql` and `.../sparql-graph-crud-auth`, see docs/guide-researchers.md).

Every request has a deadline that bounds it whole (connecting, sending, the headers and the
body: a server that answers one byte every few seconds is cut at the deadline, not at a timeout
per read) and a bound on the answer's size (`max_bytes`, read in blocks: a server answering
gigabytes is cut past it); an answer nested deeper than SPARQL results are is refused. Redirects are not followed (a redirected POST would silently become
a GET without its body); proxies from the environment are used, except for loopback addresses.
Errors are `EndpointError`, with the URL, the HTTP status and the server's message.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

#: what a SELECT or ASK answer may come as; CONSTRUCT and DESCRIBE as N-Triples
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
#: seconds a whole request may take (`peer-schema query --timeout`)
DEFAULT_TIMEOUT = 60.0
#: bytes an answer may have: about 100 000 rows of SPARQL JSON results, which Python holds in a few
#: hundred MB once parsed
DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_MAX_ERROR_TEXT = 2000
_BLOCK = 1 << 16


class EndpointError(Exception):
    """The endpoint could not be reached, refused the request, or answered something unreadable."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: PLR0913 - urllib's signature
        raise EndpointError(f"{req.get_method()} {req.full_url}: the server redirects to {newurl} (HTTP {code}); "
                            f"give that URL instead")


class Endpoint:
    """A SPARQL 1.1 endpoint: `query_url` (SPARQL Protocol), `graph_store_url` (Graph Store
    Protocol, None if unknown: then it cannot be loaded)."""

    def __init__(self, url: str, graph_store: str | None = None, timeout: float | None = DEFAULT_TIMEOUT,
                 max_bytes: int | None = DEFAULT_MAX_BYTES):
        """timeout: seconds for a whole request (None: none); max_bytes: the largest answer (None: any)."""
        self.query_url, default_store = _urls(url)
        self.graph_store_url = _check_url(graph_store) if graph_store else default_store
        self.timeout = None if timeout is None else float(timeout)
        self.max_bytes = max_bytes
        host = urllib.parse.urlsplit(self.query_url).hostname or ""
        self._loopback = _is_loopback(host)

    def _opener(self, deadline: _Deadline):
        handlers: list = [_NoRedirect(), _HTTPHandler(deadline), _HTTPSHandler(deadline)]
        if self._loopback:
            handlers.append(urllib.request.ProxyHandler({}))  # never send loopback traffic to a proxy
        return urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"Endpoint({self.query_url!r}, graph_store={self.graph_store_url!r})"

    # -- SPARQL 1.1 Protocol ---------------------------------------------------------------------------
    def query(self, text: str) -> tuple[str, list[str], list[tuple]]:
        """Run a query; returns (kind, columns, rows) with rows of plain Python values: kind is
        "select", "ask" or "graph" (CONSTRUCT/DESCRIBE: subject, predicate, object)."""
        body, content_type = self._request("POST", self.query_url, text.encode("utf-8"),
                                           {"Content-Type": "application/sparql-query; charset=utf-8",
                                            "Accept": ACCEPT})
        media = content_type.split(";")[0].strip().lower()
        if media in ("application/sparql-results+json", "application/json"):
            return _read_json_results(body, self.query_url)
        if media in ("application/n-triples", "text/plain", "text/turtle", "application/n-quads"):
            return _read_triples(body, media, self.query_url)
        raise EndpointError(f"POST {self.query_url}: unexpected answer of type {content_type or 'unknown'!r} "
                            f"(expected {ACCEPT})")

    def has_graph(self, iri: str) -> bool:
        """Whether the store holds a named graph `iri` with at least one triple."""
        from pyoxigraph import NamedNode

        kind, _, rows = self.query(f"ASK {{ GRAPH {NamedNode(iri)} {{ ?s ?p ?o }} }}")
        return bool(rows and rows[0][0])

    # -- Graph Store HTTP Protocol ---------------------------------------------------------------------
    def clear_default_graph(self) -> None:
        url = self._graph_store("the default graph cannot be emptied")
        try:
            self._request("DELETE", url + _sep(url) + "default", None, {})
        except EndpointError as exc:
            if "HTTP 404" not in str(exc):  # an empty default graph may be "not found"
                raise

    def add(self, data: bytes | str | Path, media_type: str) -> None:
        """POST RDF (bytes, or a file streamed from disk) to the default graph."""
        url = self._graph_store("nothing can be loaded")
        target = url + _sep(url) + "default"
        headers = {"Content-Type": media_type}
        if isinstance(data, (str, Path)):
            path = Path(data)
            headers["Content-Length"] = str(path.stat().st_size)
            with path.open("rb") as fh:
                self._request("POST", target, fh, headers)
        else:
            self._request("POST", target, data, headers)

    def _graph_store(self, what: str) -> str:
        if not self.graph_store_url:
            raise EndpointError(
                f"{self.query_url}: the Graph Store Protocol URL of this endpoint is not known, so {what}; give it "
                f"(for example .../DATASET/data for Jena Fuseki, .../repositories/REPO/rdf-graphs/service for "
                f"GraphDB), or the server's root URL for Oxigraph")
        return self.graph_store_url

    # -- HTTP --------------------------------------------------------------------------------------------
    def _request(self, method: str, url: str, data, headers: dict[str, str]) -> tuple[bytes, str]:
        request = urllib.request.Request(url, data=data, headers=headers, method=method)
        deadline = _Deadline(self.timeout)
        late = f"{method} {url}: no complete answer within {self.timeout:g} s (the time limit, --timeout)" \
            if self.timeout is not None else ""
        try:
            with deadline, self._opener(deadline).open(request, timeout=self.timeout) as response:
                body = self._read(response, f"{method} {url}")
                if deadline.expired:
                    raise EndpointError(late)
                return body, response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = _error_text(exc)
            raise EndpointError(f"{method} {url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) \
                from None
        except EndpointError:
            raise
        except urllib.error.URLError as exc:
            reason = exc.reason
            if deadline.expired or isinstance(reason, (TimeoutError, socket.timeout)):
                raise EndpointError(late) from None
            raise EndpointError(f"{method} {url}: cannot reach the endpoint ({reason})") from None
        except (TimeoutError, socket.timeout):
            raise EndpointError(late) from None
        except (OSError, http.client.HTTPException) as exc:  # connection reset while sending a large body...
            if deadline.expired:
                raise EndpointError(late) from None
            raise EndpointError(f"{method} {url}: {getattr(exc, 'strerror', None) or exc}") from None

    def _read(self, response, what: str) -> bytes:
        """The body, in blocks, refused past `max_bytes`."""
        limit = self.max_bytes
        declared = response.headers.get("Content-Length")
        if limit is not None and declared and declared.isdigit() and int(declared) > limit:
            raise EndpointError(f"{what}: the answer is {int(declared)} bytes, more than {limit} (the limit)")
        chunks, size = [], 0
        while True:
            block = response.read(_BLOCK)
            if not block:
                return b"".join(chunks)
            size += len(block)
            if limit is not None and size > limit:
                raise EndpointError(f"{what}: the answer is larger than {limit} bytes (the limit): narrow the query "
                                    f"(LIMIT, FILTER)")
            chunks.append(block)


class _Deadline:
    """Ends a request at a point in time: at the deadline, the sockets it opened are shut down,
    which wakes a read that is waiting for the next byte (a timeout per read would not)."""

    def __init__(self, seconds: float | None):
        self.seconds = seconds
        self.expired = False
        self._sockets: list = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire) if seconds is not None else None
        if self._timer:
            self._timer.daemon = True

    def __enter__(self):
        if self._timer:
            self._timer.start()
        return self

    def __exit__(self, *exc):
        if self._timer:
            self._timer.cancel()

    def watch(self, sock) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def http_open(self, req):
        deadline = self.deadline

        class Connection(http.client.HTTPConnection):
            def connect(self):
                super().connect()
                deadline.watch(self.sock)

        return self.do_open(Connection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, deadline: _Deadline):
        super().__init__()
        self.deadline = deadline

    def https_open(self, req):
        deadline = self.deadline

        class Connection(http.client.HTTPSConnection):
            def connect(self):
                super().connect()
                deadline.watch(self.sock)

        return self.do_open(Connection, req, context=self._context)


def as_endpoint(endpoint: str | Endpoint, graph_store: str | None = None,
                timeout: float | None = None) -> Endpoint:
    """timeout None: DEFAULT_TIMEOUT; math.inf: none."""
    if isinstance(endpoint, Endpoint):
        return endpoint
    timeout = DEFAULT_TIMEOUT if timeout is None else timeout
    return Endpoint(endpoint, graph_store, None if timeout == float("inf") else timeout)


# -- URLs -------------------------------------------------------------------------------------------------
def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise EndpointError(f"{url!r}: not an http(s) URL of a SPARQL endpoint")
    return url


def _urls(url: str) -> tuple[str, str | None]:
    """(query URL, graph store URL or None) for what the user gave."""
    _check_url(url)
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/")
    if not path:  # a server root: Oxigraph's layout
        root = urllib.parse.urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        return root + "/query", root + "/store"
    if path.endswith("/query") and not parts.query:
        base = urllib.parse.urlunsplit((parts.scheme, parts.netloc, path[: -len("/query")], "", ""))
        return url, base + "/store"
    return url, None


def _sep(url: str) -> str:
    return "&" if "?" in url else "?"


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _error_text(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read(_MAX_ERROR_TEXT).decode("utf-8", "replace").strip()
    except OSError:
        return ""
    return " ".join(text.split())[:_MAX_ERROR_TEXT]


# -- answers ----------------------------------------------------------------------------------------------
def _read_json_results(body: bytes, url: str) -> tuple[str, list[str], list[tuple]]:
    from .answers import cell_from_json

    try:
        doc = json.loads(body)
    except RecursionError:
        raise EndpointError(f"{url}: the answer is nested deeper than SPARQL JSON results are; refused") from None
    except ValueError as exc:
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results ({exc})") from None
    if not isinstance(doc, dict):
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results")
    if "boolean" in doc:
        return "ask", ["ask"], [(bool(doc["boolean"]),)]
    try:
        columns = list(doc["head"].get("vars") or [])
        rows = [tuple(cell_from_json(b.get(v)) for v in columns) for b in doc["results"]["bindings"]]
    except RecursionError:
        raise EndpointError(f"{url}: the answer is nested deeper than SPARQL JSON results are; refused") from None
    except (KeyError, TypeError, AttributeError) as exc:
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results (missing {exc})") from None
    return "select", columns, rows


def _read_triples(body: bytes, media: str, url: str) -> tuple[str, list[str], list[tuple]]:
    import pyoxigraph

    from .answers import cell

    fmt = {"text/turtle": pyoxigraph.RdfFormat.TURTLE, "application/n-quads": pyoxigraph.RdfFormat.N_QUADS}.get(
        media, pyoxigraph.RdfFormat.N_TRIPLES)
    try:
        rows = [(cell(t.subject), cell(t.predicate), cell(t.object)) for t in pyoxigraph.parse(body, fmt)]
    except SyntaxError as exc:
        raise EndpointError(f"{url}: the answer is not valid {media} ({exc})") from None
    return "graph", ["subject", "predicate", "object"], rows


__all__ = ["ACCEPT", "DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "Endpoint", "EndpointError", "as_endpoint"]
