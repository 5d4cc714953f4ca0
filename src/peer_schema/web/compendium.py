"""The compendium's pages and API: the practices filtered like the Council of Europe's site with
facet counts, a page per practice, the SVG chart, each saved question as a form with its answer
(CSV, JSON), `GET /api/practices`, `GET /api/practices/{key}`, `GET /api/questions[/{name}]`.

Every page and answer calls the library the command line calls (rdf/practices.py,
rdf/practice_chart.py, rdf/question_forms.py, rdf/sources.py), reading the app's store or
endpoint, or the compendium shipped with the package when the server was given neither. Values
are escaped by the templates; the chart's SVG is escaped by the library (practice_chart.py).
"""

# (no `from __future__ import annotations`: FastAPI reads the parameters' types at run time)
import urllib.parse
from collections.abc import Callable
from typing import Literal

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..rdf.bounded import LimitExceeded
from ..rdf.endpoint import EndpointError
from ..rdf.output import as_csv, as_json
from ..rdf.practice_chart import practice_chart_svg
from ..rdf.practice_filters import DIMENSIONS, UnknownCode, dimensions
from ..rdf.practices import list_practices, practice_profile
from ..rdf.queries import ParameterError, QueryError, UnknownQuestion, get_question
from ..rdf.question_forms import form_params, question_form, question_forms
from ..rdf.sources import Source, source_for
from ..rdf.store_files import StoreError
from . import compendium_texts
from .app import page_lang, remember_lang, render
from .page_cache import PageCache

#: query-string names that are not filters
_NOT_FILTERS = {"lang", "format", "ask"}
#: the prefix of a question form's field names
FIELD_PREFIX = "q_"
#: what the chart and the pages give a client that asks for an answer the store cannot give
_UNAVAILABLE = (StoreError, EndpointError, LimitExceeded)


def compendium_source(request: Request) -> Source:
    """The app's source, made once: its store, its endpoint, or the shipped compendium."""
    app = request.app
    if getattr(app.state, "compendium_source", None) is None:
        settings = app.state.settings
        # a store is kept open in this process: the pages' queries are the package's own (bounded
        # by the data, not by a user's text), and a child process per request would cost ~40 ms
        options = {"in_process": True} if settings.store else {}
        app.state.compendium_source = source_for(settings.store, settings.endpoint, **options)
    return app.state.compendium_source


async def _kept(request: Request, lang: str, build: Callable[[], Response]) -> Response:
    """The answer `build` makes (in a worker thread), kept while the source is unchanged
    (page_cache.py): the same page asked again costs no query, no template and no thread."""
    state = request.app.state
    if getattr(state, "compendium_source", None) is None:  # the first loads the shipped compendium: seconds
        await run_in_threadpool(compendium_source, request)
    generation = compendium_source(request).generation()
    key = (request.url.path, request.url.query, lang)
    kept = state.page_cache.get(generation, key)
    if kept is None:
        kept = state.page_cache.put(generation, key, await run_in_threadpool(build))
    return remember_lang(request, kept.response(request.headers.get("if-none-match")))


def _query(request: Request, skip: set[str] = _NOT_FILTERS) -> dict[str, list[str]]:
    """The query string's parameters (several values of a name kept), but `skip`."""
    found: dict[str, list[str]] = {}
    for name, value in request.query_params.multi_items():
        if name not in skip:
            found.setdefault(name, []).append(value)
    return found


def _problem(exc: Exception) -> dict:
    """The JSON body of an error (never a path of the server's store, never a traceback)."""
    if isinstance(exc, UnknownCode):
        return {"error": "query.unknown-code", "message": str(exc), "filter": exc.dimension,
                "suggestion": exc.suggestion}
    if isinstance(exc, UnknownQuestion):
        return {"error": "query.unknown-question", "message": str(exc)}
    if isinstance(exc, ParameterError):
        return {"error": "query.bad-parameter", "message": str(exc)}
    if isinstance(exc, LimitExceeded):
        return {"error": "query.limit", "message": "the answer is larger or slower than this server allows"}
    return {"error": "store.unavailable", "message": "the research store could not answer"}


def _status(exc: Exception) -> int:
    return 404 if isinstance(exc, UnknownQuestion) else 400 if isinstance(exc, ParameterError) else 503


def _said(exc: ParameterError, lang: str) -> str:
    """A wrong filter in the page's language (the library's message is English)."""
    if not isinstance(exc, UnknownCode):
        return str(exc)
    c = compendium_texts.texts(lang)
    dim = dimensions()[exc.dimension]
    hint = c["did_you_mean"].format(label=dim.code_label(exc.suggestion, lang)) if exc.suggestion else ""
    return c["unknown_code"].format(filter=dim.label.get(lang, exc.dimension), value=exc.value[:100], hint=hint)


def add_compendium(app: FastAPI) -> None:
    app.state.page_cache = PageCache()

    @app.get("/compendium", response_class=HTMLResponse, include_in_schema=False)
    async def practices_page(request: Request):
        lang = page_lang(request)

        def build():
            c = compendium_texts.texts(lang)
            query = _query(request)
            problems = []
            try:
                try:
                    listed = list_practices(query, lang, compendium_source(request))
                except ParameterError as exc:
                    problems, query = [_said(exc, lang)], {}
                    listed = list_practices({}, lang, compendium_source(request))
            except _UNAVAILABLE + (QueryError,) as exc:
                return render(request, "error.html", 503, lang=lang, title=c["title"],
                              problems=[c["store_unavailable"].format(why=_problem(exc)["message"])])
            chart = Markup(practice_chart_svg(listed, lang, title=c["chart"]))  # escaped by practice_chart
            encoded = urllib.parse.urlencode([(k, v) for k, vs in listed.filters.items() for v in vs])
            return render(request, "compendium/list.html", 400 if problems else 200, lang=lang, c=c, listed=listed,
                          chart=chart, encoded=encoded, problems=problems,
                          memory=compendium_source(request).kind == "memory")

        return await _kept(request, lang, build)

    @app.get("/compendium/chart.svg", include_in_schema=False)
    async def chart_svg(request: Request):
        lang = page_lang(request)

        def build():
            try:
                listed = list_practices(_query(request), lang, compendium_source(request))
            except (ParameterError,) + _UNAVAILABLE + (QueryError,) as exc:
                return JSONResponse(_problem(exc), _status(exc))
            svg = practice_chart_svg(listed, lang, title=compendium_texts.texts(lang)["chart"])
            return Response(svg, media_type="image/svg+xml",
                            headers={"content-disposition": 'inline; filename="practices-chart.svg"'})

        return await _kept(request, lang, build)

    @app.get("/compendium/practices/{key:path}", response_class=HTMLResponse, include_in_schema=False)
    async def practice_page(request: Request, key: str):
        lang = page_lang(request)

        def build():
            c = compendium_texts.texts(lang)
            try:
                profile = practice_profile(key, lang, compendium_source(request))
            except _UNAVAILABLE + (QueryError,) as exc:
                return render(request, "error.html", 503, lang=lang, title=c["title"],
                              problems=[c["store_unavailable"].format(why=_problem(exc)["message"])])
            if profile is None:
                raise HTTPException(404, "no such practice")
            return render(request, "compendium/practice.html", lang=lang, c=c, p=profile)

        return await _kept(request, lang, build)

    @app.get("/compendium/questions", response_class=HTMLResponse, include_in_schema=False)
    def questions_page(request: Request):
        lang = page_lang(request)
        return render(request, "compendium/questions.html", lang=lang, c=compendium_texts.texts(lang),
                      forms=question_forms(lang))

    @app.get("/compendium/questions/{name}", response_class=HTMLResponse, include_in_schema=False)
    async def question_page(request: Request, name: str):
        lang = page_lang(request)

        def build():
            c = compendium_texts.texts(lang)
            try:
                form = question_form(name, lang)
            except UnknownQuestion:
                raise HTTPException(404, c["unknown_question"]) from None
            # the form's fields are named q_<parameter>: a question's own `lang` is not the page's
            sent = {k[len(FIELD_PREFIX):]: v[-1] for k, v in _query(request, set()).items()
                    if k.startswith(FIELD_PREFIX)}
            if any(f.name == "lang" for f in form.fields) and "lang" not in sent:
                sent["lang"] = lang  # the answer's labels in the page's language unless the form says otherwise
            answer, problems, status, encoded = None, [], 200, ""
            if "ask" in request.query_params:
                try:
                    params = form_params(name, sent)
                    answer = compendium_source(request).question(name, params)
                    encoded = urllib.parse.urlencode(params)
                except ParameterError as exc:
                    problems, status = [str(exc)], 400
                except _UNAVAILABLE + (QueryError,) as exc:
                    problems, status = [c["store_unavailable"].format(why=_problem(exc)["message"])], 503
            return render(request, "compendium/question.html", status, lang=lang, c=c, form=form, sent=sent,
                          answer=answer, problems=problems, encoded=encoded)

        return await _kept(request, lang, build)

    # -- the API ---------------------------------------------------------------------------------------------
    @app.get("/api/practices", tags=["compendium"], summary="The practices, filtered, with facet counts",
             responses={400: {"description": "An unknown filter or code (`suggestion`: the nearest code)."},
                        503: {"description": "The research store or endpoint could not answer."}})
    async def api_practices(request: Request,
                      setting_category: list[str] = Query(None, description="community_based, hospital_based, "
                                                                            "hybrid, other (any case)"),
                      country: list[str] = Query(None, description="ISO 3166-1 alpha-2 codes (FR, GB...)"),
                      peer_support_model: list[str] = Query(None), facilitation: list[str] = Query(None),
                      aim: list[str] = Query(None), evaluation_status: list[str] = Query(None),
                      lang: Literal["en", "fr"] = "en"):
        """The practices matching the filters (several values of one filter, repeated or separated by
        commas: any of them; several filters: all of them), sorted by title, with each facet's values and
        counts; the same as the compendium page."""
        def build():
            try:
                listed = list_practices(_query(request), lang, compendium_source(request))
            except (ParameterError,) + _UNAVAILABLE + (QueryError,) as exc:
                return JSONResponse(_problem(exc), _status(exc))
            return JSONResponse(listed.to_dict())

        return await _kept(request, lang, build)

    @app.get("/api/practices/{key:path}", tags=["compendium"], summary="One practice's profile",
             responses={404: {"description": "No such practice."}})
    async def api_practice(request: Request, key: str, lang: Literal["en", "fr"] = "en"):
        """A practice, by its key (the last segment of its IRI) or its IRI."""
        def build():
            try:
                profile = practice_profile(key, lang, compendium_source(request))
            except _UNAVAILABLE + (QueryError,) as exc:
                return JSONResponse(_problem(exc), _status(exc))
            if profile is None:
                return JSONResponse({"error": "http.404", "message": "no such practice"}, 404)
            return JSONResponse(profile.to_dict())

        return await _kept(request, lang, build)

    @app.get("/api/questions", tags=["compendium"], summary="The saved research questions and their parameters")
    def api_questions(lang: Literal["en", "fr"] = "en"):
        return JSONResponse([f.to_dict() for f in question_forms(lang)])

    @app.get("/api/questions/{name}", tags=["compendium"], summary="Ask a saved research question",
             responses={200: {"description": "`{\"columns\": [...], \"rows\": [{column: value}]}` as "
                                             "`peer-schema query NAME --format json`, or CSV with format=csv."},
                        400: {"description": "An unknown parameter, or a value that is not one of its codes."},
                        404: {"description": "No saved question has this name."}})
    async def api_question(request: Request, name: str, format: Literal["json", "csv"] = "json"):
        """The answer of a saved question; its parameters (`GET /api/questions` lists them) in the
        query string."""
        def build():
            try:
                get_question(name)
                params = form_params(name, {k: v[-1] for k, v in _query(request, {"format"}).items()})
                answer = compendium_source(request).question(name, params)
            except (ParameterError, UnknownQuestion) + _UNAVAILABLE + (QueryError,) as exc:
                return JSONResponse(_problem(exc), _status(exc))
            if format == "csv":
                return Response(as_csv(answer), media_type="text/csv; charset=utf-8",
                                headers={"content-disposition": f'attachment; filename="{name}.csv"'})
            return Response(as_json(answer), media_type="application/json",
                            headers={"content-disposition": f'inline; filename="{name}.json"'})

        return await _kept(request, "", build)


__all__ = ["DIMENSIONS", "add_compendium", "compendium_source"]
