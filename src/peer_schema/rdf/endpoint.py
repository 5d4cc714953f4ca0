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

Every request has a timeout; redirects are not followed (a redirected POST would silently become
a GET without its body); proxies from the environment are used, except for loopback addresses.
Errors are `EndpointError`, with the URL, the HTTP status and the server's message.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

#: what a SELECT or ASK answer may come as; CONSTRUCT and DESCRIBE as N-Triples
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
DEFAULT_TIMEOUT = 60.0
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

    def __init__(self, url: str, graph_store: str | None = None, timeout: float = DEFAULT_TIMEOUT):
        self.query_url, default_store = _urls(url)
        self.graph_store_url = _check_url(graph_store) if graph_store else default_store
        self.timeout = float(timeout)
        host = urllib.parse.urlsplit(self.query_url).hostname or ""
        handlers: list = [_NoRedirect()]
        if _is_loopback(host):
            handlers.append(urllib.request.ProxyHandler({}))  # never send loopback traffic to a proxy
        self._opener = urllib.request.build_opener(*handlers)

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
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            detail = _error_text(exc)
            raise EndpointError(f"{method} {url}: HTTP {exc.code} {exc.reason}" + (f": {detail}" if detail else "")) \
                from None
        except EndpointError:
            raise
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise EndpointError(f"{method} {url}: no answer within {self.timeout:g} s") from None
            raise EndpointError(f"{method} {url}: cannot reach the endpoint ({reason})") from None
        except (TimeoutError, socket.timeout):
            raise EndpointError(f"{method} {url}: no answer within {self.timeout:g} s") from None
        except OSError as exc:  # connection reset while sending a large body...
            raise EndpointError(f"{method} {url}: {exc.strerror or exc}") from None


def as_endpoint(endpoint: str | Endpoint, graph_store: str | None = None,
                timeout: float | None = None) -> Endpoint:
    if isinstance(endpoint, Endpoint):
        return endpoint
    return Endpoint(endpoint, graph_store, DEFAULT_TIMEOUT if timeout is None else timeout)


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
    from .queries import cell_from_json

    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results ({exc})") from None
    if not isinstance(doc, dict):
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results")
    if "boolean" in doc:
        return "ask", ["ask"], [(bool(doc["boolean"]),)]
    try:
        columns = list(doc["head"].get("vars") or [])
        rows = [tuple(cell_from_json(b.get(v)) for v in columns) for b in doc["results"]["bindings"]]
    except (KeyError, TypeError, AttributeError) as exc:
        raise EndpointError(f"{url}: the answer is not SPARQL JSON results (missing {exc})") from None
    return "select", columns, rows


def _read_triples(body: bytes, media: str, url: str) -> tuple[str, list[str], list[tuple]]:
    import pyoxigraph

    from .queries import cell

    fmt = {"text/turtle": pyoxigraph.RdfFormat.TURTLE, "application/n-quads": pyoxigraph.RdfFormat.N_QUADS}.get(
        media, pyoxigraph.RdfFormat.N_TRIPLES)
    try:
        rows = [(cell(t.subject), cell(t.predicate), cell(t.object)) for t in pyoxigraph.parse(body, fmt)]
    except SyntaxError as exc:
        raise EndpointError(f"{url}: the answer is not valid {media} ({exc})") from None
    return "graph", ["subject", "predicate", "object"], rows


__all__ = ["ACCEPT", "DEFAULT_TIMEOUT", "Endpoint", "EndpointError", "as_endpoint"]
