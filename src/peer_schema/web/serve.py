"""`peer-schema serve`: the app run by uvicorn, on 127.0.0.1 unless told otherwise.

Importing this module needs nothing beyond the package; `run` raises WebExtraMissing (with the
one line that says how to install it) when the `web` extra is not installed.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from ..install_hints import extra_install_hint

#: what `peer-schema serve` needs beyond the package: the `web` extra
WEB_MODULES = ("fastapi", "jinja2", "uvicorn", "multipart")
INSTALL_HINT = f'the web app needs the "web" extra ({extra_install_hint("web")})'


class WebExtraMissing(ImportError):
    """The `web` extra is not installed."""


def missing_modules() -> list[str]:
    missing = []
    for name in WEB_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(name)
    return missing


class RestrictedStore(ValueError):
    """The store (or endpoint) holds data that is not all public, and the server would publish it
    beyond this computer."""


#: the names of this computer's loopback addresses as a Host header gives them
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"]


def is_loopback(host: str) -> bool:
    """Whether binding to `host` keeps the server on this computer (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    name = host.strip().strip("[]")
    if name.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def allowed_hosts_for(host: str, extra: list[str] | None = None) -> list[str]:
    """The Host headers answered when serving on `host`: this computer's loopback names, the
    bound address itself (bracketed for IPv6), and the names given (--allowed-host)."""
    name = host.strip().strip("[]")
    bound = f"[{name}]" if ":" in name else name
    names = [*LOOPBACK_NAMES, bound.lower(), *(h.strip().lower() for h in extra or [] if h.strip())]
    return list(dict.fromkeys(names))


def store_is_public(store: str | Path) -> bool:
    """Whether every dataset of the store is public (rdf/public_guard.py, as the compendium's pages
    check before answering). Raises StoreError when the store cannot be opened, PublicStoreLeaks
    when it is public but holds what the public profile never publishes."""
    from ..rdf import store as _store
    from ..rdf.public_guard import guard_public_store

    db = _store.open_read_only(Path(store))
    try:
        return guard_public_store(lambda text: _store.run(db, text))
    finally:
        del db


class AccessLog:
    """One log line a request: the method, the path without its query (a query may hold a
    prefix or a question's parameters) and the status; never the client's address."""

    def __init__(self, app, log):
        self.app, self.log = app, log

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = {"code": 500}

        async def noting_send(message):
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noting_send)
        finally:
            self.log.info("%s %s %d", scope.get("method", ""), _printable(scope.get("path", "")), status["code"])


def _printable(path: str) -> str:
    """The path as one line of a log: control characters escaped, at most 200 characters."""
    import re

    shown = re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", lambda m: f"\\x{ord(m.group()):02x}", path)
    return shown if len(shown) <= 200 else shown[:199] + "…"


def endpoint_is_public(endpoint: str) -> bool:
    """Whether every dataset behind the SPARQL endpoint is public, asked through the endpoint as
    rdf/sources.py guards its answers. Raises EndpointError when it cannot be reached or answers
    something unreadable, PublicStoreLeaks as store_is_public."""
    from ..rdf.endpoint import EndpointError, as_endpoint
    from ..rdf.public_guard import guard_public_store

    try:
        return guard_public_store(as_endpoint(endpoint).query)
    except EndpointError as exc:
        raise EndpointError(f"{endpoint}: cannot ask whether its data is public ({exc})") from exc


def serving_plan(host: str, store: str | Path | None = None, allowed_hosts: list[str] | None = None,
                 allow_restricted_store: bool = False, endpoint: str | None = None,
                 local: bool | None = None) -> tuple[list[str], str | None]:
    """(the Host headers to answer, the warning to give or None) for serving on `host`; raises
    RestrictedStore for a store or endpoint not all public served beyond loopback without
    allow_restricted_store (EndpointError: an endpoint that cannot be asked). local: whether
    the server stays on this computer (default: whether `host` is a loopback address)."""
    local = is_loopback(host) if local is None else local
    if not local and not allow_restricted_store:
        if store is not None and not store_is_public(store):
            raise RestrictedStore(_restricted_line(f"--store {store}", f"--host {host}"))
        if endpoint is not None and not endpoint_is_public(endpoint):
            raise RestrictedStore(_restricted_line(f"--endpoint {endpoint}", f"--host {host}"))
    # no DNS rebinding from a page elsewhere: answered only when asked by one of these names
    names = LOOPBACK_NAMES if local and not allowed_hosts else allowed_hosts_for(host, allowed_hosts)
    if local:
        return names, None
    return names, (f"serving on {host}, beyond this computer: anyone who can reach it may check files and read "
                   f"the compendium pages; answering to {', '.join(names)} (add names with --allowed-host)")


def _restricted_line(source: str, where: str, advice: str = "serve it on 127.0.0.1, or give "
                     "--allow-restricted-store to publish it anyway") -> str:
    return (f"{source}: its datasets are not all public (federation or internal access rights), and {where} "
            f"would publish them without any login; {advice}")


def run(host: str = "127.0.0.1", port: int = 8000, store: str | Path | None = None, endpoint: str | None = None,
        workers: int | None = None, allowed_hosts: list[str] | None = None, allow_restricted_store: bool = False,
        warn=None) -> None:
    """Serve the app until interrupted. store/endpoint: the research store the compendium pages
    read (never written). On a loopback address the app answers to this computer's names only;
    on any other, to those and the bound address and `allowed_hosts`, and `warn(line)` is told
    once. A store whose datasets are not all public is refused beyond loopback unless
    allow_restricted_store, and so is an endpoint's. Raises WebExtraMissing, RestrictedStore,
    StoreError, EndpointError, and OSError when the port cannot be bound."""
    if missing_modules():
        raise WebExtraMissing(INSTALL_HINT)
    if store is not None and not Path(store).is_dir():
        raise FileNotFoundError(f"--store {store}: no such folder (make one with peer-schema store load)")
    names, warning = serving_plan(host, store, allowed_hosts, allow_restricted_store, endpoint)
    if warning and warn is not None:
        warn(warning)
    import logging

    import uvicorn

    from .app import create_app

    app = AccessLog(create_app(store=store, endpoint=endpoint, allowed_hosts=names), logging.getLogger("uvicorn.error"))
    # no server header, no uvicorn access log (it names the client and the query): AccessLog's line instead
    uvicorn.run(app, host=host, port=port, server_header=False, proxy_headers=False, log_level="info",
                access_log=False)


#: uvicorn's exit code for a worker that failed before serving: its supervisor stops, not restarts it
STARTUP_FAILURE = 3
#: the environment variable that does for `uvicorn --factory` what --allow-restricted-store does
ALLOW_RESTRICTED_VARIABLE = "PEER_SCHEMA_ALLOW_RESTRICTED_STORE"


def environment_plan(environ) -> dict:
    """create_app's arguments from the environment (app_from_environment). The factory cannot
    know what is in front of it (a proxy whose Host is 127.0.0.1 still publishes the app), so it
    is always taken as serving beyond this computer: a store or endpoint not all public raises
    RestrictedStore unless PEER_SCHEMA_ALLOW_RESTRICTED_STORE is 1 (also StoreError, EndpointError,
    ValueError for a size that is not a number)."""
    from ..readers import Limits

    max_bytes = environ.get("PEER_SCHEMA_MAX_BYTES")
    limits = Limits(max_bytes=int(max_bytes)) if max_bytes else None
    hosts = [h.strip() for h in environ.get("PEER_SCHEMA_ALLOWED_HOSTS", "").split(",") if h.strip()]
    store, endpoint = environ.get("PEER_SCHEMA_STORE") or None, environ.get("PEER_SCHEMA_ENDPOINT") or None
    allowed = environ.get(ALLOW_RESTRICTED_VARIABLE, "").strip().lower() in ("1", "true", "yes")
    if not allowed:
        override = (f"load only public datasets, or set {ALLOW_RESTRICTED_VARIABLE}=1 to publish it anyway "
                    "(behind the proxy's own authentication)")
        if store is not None and not store_is_public(store):
            raise RestrictedStore(_restricted_line(f"PEER_SCHEMA_STORE={store}", "uvicorn --factory", override))
        if endpoint is not None and not endpoint_is_public(endpoint):
            raise RestrictedStore(_restricted_line(f"PEER_SCHEMA_ENDPOINT={endpoint}", "uvicorn --factory", override))
    return {"store": store, "endpoint": endpoint, "limits": limits, "allowed_hosts": hosts or None}


def app_from_environment():
    """The app for `uvicorn --factory peer_schema.web.serve:app_from_environment` (several
    workers behind a reverse proxy: docs/web.md), configured by PEER_SCHEMA_STORE,
    PEER_SCHEMA_ENDPOINT, PEER_SCHEMA_MAX_BYTES, PEER_SCHEMA_ALLOWED_HOSTS (names,
    comma-separated) and PEER_SCHEMA_ALLOW_RESTRICTED_STORE. A refusal (environment_plan) is one
    line of uvicorn's error log, then exit code 3, which stops uvicorn rather than restarting it."""
    import logging
    import os
    import sys

    from ..rdf.endpoint import EndpointError
    from ..rdf.sparql_guard import QueryError
    from ..rdf.store import StoreError
    from .app import create_app

    try:
        options = environment_plan(os.environ)
    except (RestrictedStore, StoreError, EndpointError, QueryError, ValueError) as exc:
        logging.getLogger("uvicorn.error").error("peer-schema: %s", " ".join(str(exc).splitlines()))
        sys.exit(STARTUP_FAILURE)
    return create_app(**options)
