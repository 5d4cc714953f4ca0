"""The web face of peer_schema: an ASGI app (FastAPI, Jinja2 templates) that calls the same
library functions as the command line and never prints.

`create_app()` builds it; `peer-schema serve` runs it with uvicorn (serve.py). Pages are in
English and French (i18n.py); every value from a file or a request is escaped by the templates
(autoescape on); no page loads anything from another host (security.py sets the policy).
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..model import CONSENT_PURPOSES, PROFILES
from ..readers import Limits
from ..report.refusal import refusal_report
from . import i18n
from .security import GuardMiddleware

HERE = Path(__file__).parent


class WebSettings:
    """What one app serves with: the research store or endpoint it reads (read only), the
    readers' limits, and the largest request body accepted."""

    def __init__(self, store: Path | None, endpoint: str | None, limits: Limits, max_request_bytes: int):
        self.store, self.endpoint, self.limits, self.max_request_bytes = store, endpoint, limits, max_request_bytes

    @property
    def endpoint_shown(self) -> str | None:
        """What the pages say of the endpoint: its scheme and host only, never a user, a password,
        a path or a query (which may hold a token)."""
        if not self.endpoint:
            return None
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(self.endpoint)
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
        except ValueError:
            return "SPARQL endpoint"
        host = f"[{host}]" if ":" in host else host
        return f"{parts.scheme}://{host}{port}" if parts.scheme and host else "SPARQL endpoint"


def _environment() -> Environment:
    # autoescape on for every template: a value from a file or a request is always text
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.globals["counted"] = i18n.counted  # "1 file checked", "2 files checked" (and French's rule)
    return env


def page_lang(request: Request) -> str:
    return i18n.choose(request.query_params.get("lang"), request.cookies.get(i18n.COOKIE),
                       request.headers.get("accept-language"))


def render(request: Request, template: str, status: int = 200, lang: str | None = None, **values) -> HTMLResponse:
    """A page in the request's language; the language cookie set when ?lang= chose it."""
    lang = lang or page_lang(request)
    settings: WebSettings = request.app.state.settings
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(
        t=i18n.texts(lang), lang=lang, other=("fr" if lang == "en" else "en"), path=request.url.path,
        kept_query=_kept_query(request),
        version=__version__, profiles=PROFILES, purposes=CONSENT_PURPOSES, settings=settings, **values)
    return remember_lang(request, HTMLResponse(html, status_code=status))


def remember_lang(request: Request, response):
    """The response with the language cookie set when ?lang= chose a language the cookie does not hold."""
    asked = request.query_params.get("lang")
    if asked in i18n.LANGUAGES and asked != request.cookies.get(i18n.COOKIE):
        response.set_cookie(i18n.COOKIE, asked, max_age=i18n.COOKIE_MAX_AGE, httponly=True, samesite="lax")
    return response


def _kept_query(request: Request) -> str:
    """The address's query but `lang`, URL-encoded: switching language keeps a page's filters."""
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"])


def _too_large_answer(settings: WebSettings):
    """The body of a 413 for a request over the limit: the command line's finding
    read.too-large, as a JSON report for the API and as a short page for people."""
    def answer(scope, declared: int | None) -> tuple[bytes, bytes]:
        headers = dict(scope.get("headers", []))
        lang = i18n.from_accept_language(headers.get(b"accept-language", b"").decode("latin-1")) or i18n.DEFAULT
        for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
            key, _, value = part.strip().partition("=")
            if key == i18n.COOKIE and value in i18n.LANGUAGES:
                lang = value
        size = f"{declared:,}" if declared is not None else f"more than {settings.max_request_bytes:,}"
        report = refusal_report("read.too-large", {"size": size, "limit": settings.max_request_bytes}, lang=lang)
        if scope.get("path", "").startswith("/api/"):
            return b"application/json", json.dumps(report.to_dict(), ensure_ascii=False).encode()
        t, [finding] = i18n.texts(lang), report.findings
        page = _environment().get_template("error.html").render(
            t=t, lang=lang, other=("fr" if lang == "en" else "en"), path="/validate", version=__version__,
            title=t["error_title"], problems=[finding.message(lang), finding.hint(lang)], settings=settings)
        return b"text/html; charset=utf-8", page.encode()
    return answer


def create_app(store: str | Path | None = None, endpoint: str | None = None, *, limits: Limits | None = None,
               max_request_bytes: int | None = None, allowed_hosts: list[str] | None = None):
    """The app. store/endpoint: the research store (a folder) or SPARQL endpoint the compendium
    pages read, never written; limits: the readers' (the command line's defaults); a request
    body over max_request_bytes (default: limits.max_bytes, one file's limit) gets HTTP 413;
    allowed_hosts: the only Host headers answered (others get 400), so that a page elsewhere
    cannot reach a server on 127.0.0.1 by pointing its own name at it (DNS rebinding)."""
    limits = limits or Limits()
    settings = WebSettings(Path(store) if store else None, endpoint, limits,
                           max_request_bytes if max_request_bytes is not None else limits.max_bytes)
    app = FastAPI(title="peer_schema", version=__version__, docs_url=None, redoc_url=None,
                  description="Check peer-support data against the peer_schema model (the same checks and the "
                              "same JSON report as `peer-schema validate --format json`).")
    app.state.settings = settings
    app.state.templates = _environment()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from .pages import add_pages
    from .api import add_api
    from .compendium import add_compendium

    add_pages(app)
    add_api(app)
    add_compendium(app)

    @app.exception_handler(StarletteHTTPException)
    async def http_problem(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": f"http.{exc.status_code}", "message": str(exc.detail)}, exc.status_code)
        t = i18n.texts(page_lang(request))
        problem = t["not_found"] if exc.status_code == 404 else str(exc.detail)
        return render(request, "error.html", exc.status_code, title=t["error_title"], problems=[problem])

    @app.exception_handler(RequestValidationError)
    async def form_problem(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):  # FastAPI's own answer: which field, and why
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, 422)
        try:  # the form's own language field, read once already by FastAPI (Starlette keeps it)
            asked = (await request.form()).get("lang")
        except Exception:
            asked = None
        lang = asked if asked in i18n.LANGUAGES else page_lang(request)
        # a form sent without a file (the only field a page requires)
        return render(request, "validate.html", 400, lang=lang, problems=[i18n.texts(lang)["no_files"]])

    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)  # inside the guard: its 400 has the headers
    app.add_middleware(GuardMiddleware, max_body_bytes=settings.max_request_bytes,
                       too_large=_too_large_answer(settings))
    return app
