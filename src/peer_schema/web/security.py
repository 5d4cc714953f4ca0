"""Headers every response carries, the bound on a request's body (HTTP 413 past it), and a
POST from a page of another site refused (HTTP 403).

A pure ASGI middleware: it sees the response's start and the request's body as they pass,
so nothing is buffered and a body too large is refused whether or not it says its length.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable

#: no script but the app's own file, no inline script or style, nothing from another host, never framed
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]

_log = logging.getLogger("peer_schema.web")

Scope = dict
Receive = Callable[[], Awaitable[dict]]
Send = Callable[[dict], Awaitable[None]]


class GuardMiddleware:
    """Adds SECURITY_HEADERS (and `Cache-Control: no-store` on all but the static files: a
    report holds what the files said), and answers 413 to a body over `max_body_bytes`."""

    def __init__(self, app, max_body_bytes: int, too_large: Callable[[Scope, int | None], tuple[bytes, bytes]]):
        self.app, self.max_body_bytes, self.too_large = app, max_body_bytes, too_large

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        no_store = not scope.get("path", "").startswith("/static/")
        if scope.get("method") not in SAFE_METHODS and cross_site(scope):
            await self._refuse_cross_site(scope, send)  # before a byte of the body is read
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await self._refuse(scope, send, declared)  # said in advance: refused before a byte is read
            return
        state = {"received": 0, "over": False, "started": False}

        async def counting_receive() -> dict:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_body_bytes:
                    state["over"] = True  # the app sees the client go: it stops reading and answers
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: dict) -> None:
            if state["over"]:  # whatever the app answers, the answer is 413
                if not state["started"]:
                    state["started"] = True
                    await self._refuse(scope, send, None)
                return
            if message["type"] == "http.response.start":
                state["started"] = True
                message["headers"] = _with_headers(message.get("headers", []), no_store)
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception as exc:
            if state["over"]:
                if not state["started"]:
                    await self._refuse(scope, send, None)
                return
            # a bug: the client gets a plain 500, never a traceback; the log gets the exception's
            # kind and where it was raised, never its message (which could quote a value of a file)
            _log.error("internal error %s on %s %s\n%s", type(exc).__name__, scope.get("method"), scope.get("path"),
                       "".join(traceback.format_tb(exc.__traceback__)))
            if not state["started"]:
                api = scope.get("path", "").startswith("/api/")
                body = b'{"error": "internal", "message": "the server could not answer"}' if api else \
                    b"The server could not answer this request."
                headers = _with_headers([(b"content-type", b"application/json" if api else b"text/plain; charset=utf-8"),
                                         (b"content-length", str(len(body)).encode())], no_store=True)
                await send({"type": "http.response.start", "status": 500, "headers": headers})
                await send({"type": "http.response.body", "body": body})

    async def _refuse_cross_site(self, scope: Scope, send: Send) -> None:
        api = scope.get("path", "").startswith("/api/")
        body = (b'{"error": "http.403", "message": "a request sent by a page of another site is refused"}' if api
                else b"A request sent by a page of another site is refused.")
        headers = _with_headers([(b"content-type", b"application/json" if api else b"text/plain; charset=utf-8"),
                                 (b"content-length", str(len(body)).encode()), (b"connection", b"close")], True)
        await send({"type": "http.response.start", "status": 403, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    async def _refuse(self, scope: Scope, send: Send, declared: int | None) -> None:
        content_type, body = self.too_large(scope, declared)
        headers = _with_headers([(b"content-type", content_type), (b"content-length", str(len(body)).encode()),
                                 (b"connection", b"close")], no_store=True)
        await send({"type": "http.response.start", "status": 413, "headers": headers})
        await send({"type": "http.response.body", "body": body})


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def cross_site(scope: Scope) -> bool:
    """Whether a request was sent by a page of another site (a form or a no-cors fetch aimed at
    this server): the browser's Sec-Fetch-Site says so, or, from a browser without it, an Origin
    that is not this server's own Host. Requests without either (curl, scripts) are not."""
    headers = {k.lower(): v for k, v in scope.get("headers", [])}
    site = headers.get(b"sec-fetch-site")
    if site is not None:
        return site.strip().lower() in (b"cross-site", b"same-site")
    origin = headers.get(b"origin")
    if origin is None:
        return False
    from urllib.parse import urlsplit

    try:
        asked = urlsplit(origin.decode("latin-1").strip())
        default = _DEFAULT_PORTS.get(asked.scheme)
        origin_at = (asked.hostname, asked.port or default)
        host = urlsplit("//" + headers.get(b"host", b"").decode("latin-1").strip())
        host_at = (host.hostname, host.port or default)
    except ValueError:
        return True
    return not asked.hostname or origin_at != host_at


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _with_headers(headers: list, no_store: bool) -> list:
    names = {bytes(k).lower() for k, _ in headers}
    out = list(headers) + [(k, v) for k, v in SECURITY_HEADERS if k not in names]
    if no_store and b"cache-control" not in names:
        out.append((b"cache-control", b"no-store"))
    return out
