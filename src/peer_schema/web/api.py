"""The REST API, documented by OpenAPI at /openapi.json (and, without any script from
another host, at /api): `POST /api/validate` answers the same JSON report as
`peer-schema validate --format json` on the same files."""

from typing import Annotated, Literal

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse

from ..model import CONSENT_PURPOSES, PROFILES
from .app import render
from .checking import Upload, checked_uploads

EXIT_CODE_HEADER = "x-peer-schema-exit-code"
# (no `from __future__ import annotations` here: FastAPI reads these types at run time)
Profile = Literal[tuple(PROFILES)]
Purpose = Literal[tuple(CONSENT_PURPOSES)]


def exit_code(report, refused: bool) -> int:
    """The command line's exit code for this report (README: 0, 1 or 2)."""
    if refused or report.unreadable:
        return 2
    return 0 if report.valid else 1


def add_api(app: FastAPI) -> None:
    @app.post(
        "/api/validate", tags=["validate"], summary="Check files against the model",
        responses={200: {"description": "The report (whatever the findings), as `peer-schema validate --format "
                                        "json` writes it; the header X-Peer-Schema-Exit-Code holds the command "
                                        "line's exit code (0 no errors, 1 errors, 2 unreadable or refused)."},
                   400: {"description": "The check was refused as a whole (a profile looser than the data's "
                                        "access rights): the report's one finding says why."},
                   413: {"description": "A file over the readers' size limit (finding read.too-large), or a "
                                        "request body over the server's limit."}})
    def api_validate(files: Annotated[list[UploadFile], File(description="one or more data files, checked together")],
                     request: Request,
                     profile: Annotated[Profile | None, Form(description="export profile (default: from each "
                                                                         "dataset's access rights)")] = None,
                     purpose: Annotated[Purpose | None, Form(description="consent purpose of the disclosure")] = None,
                     lang: Annotated[Literal["en", "fr"], Form(description="language of messages")] = "en",
                     max_errors: Annotated[int | None, Form(ge=1, description="stop collecting errors after this many, "
                                                                   "as --max-errors (the report says truncated); "
                                                                   "default: no bound")] = None):
        """Validate the uploaded files together (references between them resolve) with the same
        options as the command line; uploads are checked in a private temporary folder removed
        before the answer is sent, never stored or logged."""
        uploads = [Upload(f.filename or "", f.file) for f in files]
        with checked_uploads(uploads, profile=profile, purpose=purpose, lang=lang, max_errors=max_errors,
                             limits=request.app.state.settings.limits) as checked:
            report, refused = checked.report, checked.refused
        status = 400 if refused else 413 if any(f.code == "read.too-large" for f in report.findings) else 200
        return JSONResponse(report.to_dict(), status, headers={EXIT_CODE_HEADER: str(exit_code(report, refused))})

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request):
        return render(request, "api.html", operations=_operations(app.openapi()))


def _operations(schema: dict) -> list[dict]:
    """The API's operations from its OpenAPI document, for a page without Swagger's scripts."""
    out = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {})
            fields = []
            for content in body.values():
                ref = content.get("schema", {}).get("$ref", "")
                props = schema.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], {})
                for name, prop in props.get("properties", {}).items():
                    fields.append({"name": name, "description": prop.get("description", "")})
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "fields": fields,
                        "responses": {code: r.get("description", "") for code, r in op.get("responses", {}).items()}})
    return out
