"""The pages for people: home, check files (with the report's downloads and the annotated
workbook), the workbook template. Each calls the library and renders a template.

Downloads need no stored upload: the form that checks the files also asks for a download
(its `output` field: page, json, sarif, html or annotated), so a download is the same POST with
the files sent again, answered as an attachment, and nothing is kept between two requests.
"""

import io
import json
import re
import tempfile
import zipfile
from collections import Counter
from itertools import groupby
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from ..report.findings import Finding, Report, Severity
from . import i18n
from .app import page_lang, render
from .checking import ONE_RUN_AT_A_TIME, Checked, Upload, checked_uploads

OUTPUTS = ("page", "json", "sarif", "html", "annotated")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
#: tables whose findings are listed by row and column, as a sheet's are by cell
TABLE_SUFFIXES = (".csv", ".tsv", ".tab")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: findings listed on the page at most (the others are counted by code; the JSON report has them all)
MAX_PAGE_FINDINGS = 1_000
#: openpyxl holds a whole workbook in memory, about 50 times its size: larger ones are not annotated
MAX_ANNOTATED_BYTES = 20 * 1024 * 1024


def attachment(data: bytes | str, filename: str, media_type: str) -> Response:
    """A download; the file name quoted for the header (RFC 6266), never taken as markup."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", filename) or "download"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
    body = data.encode() if isinstance(data, str) else data
    return Response(body, media_type=media_type, headers={"content-disposition": disposition})


def report_download(report: Report, fmt: str) -> Response:
    """The report as the command line writes it with --format json, sarif or html."""
    if fmt == "json":
        return attachment(json.dumps(report.to_dict(), ensure_ascii=False, indent=2), "report.json",
                          "application/json")
    if fmt == "sarif":
        from ..report.sarif import render_sarif

        return attachment(render_sarif(report), "report.sarif", "application/sarif+json")
    from ..report.html import render_html

    return attachment(render_html(report), "report.html", "text/html; charset=utf-8")


def annotated_download(request: Request, checked: Checked, lang: str) -> Response:
    """Each readable .xlsx upload with its findings highlighted and commented; one workbook as
    itself, several in a zip."""
    from ..sheets.annotate import AnnotateError, AnnotateTooLarge, annotate_workbook

    unreadable = {f.file for f in checked.report.findings if f.code.startswith("read.")}
    books = {name: path for name, path in checked.copies.items()
             if path.suffix.lower() in WORKBOOK_SUFFIXES and name not in unreadable}
    t = i18n.texts(lang)
    if not books:
        return render(request, "error.html", 422, lang=lang, title=t["annotate_title"], problems=[t["annotate_none"]])
    if any(path.stat().st_size > MAX_ANNOTATED_BYTES for path in books.values()):
        return render(request, "error.html", 413, lang=lang, title=t["annotate_title"],
                      problems=[t["annotate_too_large"].format(limit=MAX_ANNOTATED_BYTES // (1024 * 1024))])
    annotated = {}
    try:
        with ONE_RUN_AT_A_TIME:  # openpyxl's work is a run like a check: one at a time
            for name, path in books.items():
                findings = [f for f in checked.report.findings if f.file == name]
                stem = Path(re.split(r"[/\\]", name)[-1]).stem or "workbook"
                annotated[f"{stem}-annotated.xlsx"] = annotate_workbook(path, findings, lang)
    except AnnotateTooLarge as exc:  # counted before openpyxl opens it (sheets/annotate.py)
        return render(request, "error.html", 413, lang=lang, title=t["annotate_title"],
                      problems=[t["annotate_too_many_cells"].format(cells=i18n.number(exc.cells, lang),
                                                                    limit=i18n.number(exc.limit, lang))])
    except AnnotateError:  # the readers accepted it but openpyxl cannot open it
        return render(request, "error.html", 422, lang=lang, title=t["annotate_title"], problems=[t["annotate_failed"]])
    if len(annotated) == 1:
        (filename, data), = annotated.items()
        return attachment(data, filename, XLSX_TYPE)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for n, (filename, data) in enumerate(annotated.items(), start=1):
            z.writestr(filename if filename not in z.namelist() else f"{n}-{filename}", data)
    return attachment(buffer.getvalue(), "annotated-workbooks.zip", "application/zip")


def grouped(report: Report, shown: int | None = None) -> list[dict]:
    """The findings by file (in the order the files were given), then sheet, then row; only the
    first `shown` of them in that order (all when None), each file's counts over all of them."""
    order = {name: n for n, name in enumerate(report.files)}

    def key(f: Finding):
        return (f.file is None, order.get(f.file, len(order)), f.file or "", f.sheet or "", f.line or 0,
                f.column or 0)

    files, left = [], len(report.findings) if shown is None else shown
    for file, in_file in groupby(sorted(report.findings, key=key), key=lambda f: f.file):
        in_file = list(in_file)
        counts = {s.value: sum(f.severity is s for f in in_file) for s in Severity}
        listed, left = in_file[:max(left, 0)], left - len(in_file)
        sheets = [{"sheet": sheet, "table": is_table(file, sheet), "rows": rows_of(file, sheet, list(on_sheet))}
                  for sheet, on_sheet in groupby(listed, key=lambda f: f.sheet)]
        files.append({"file": file, "sheets": sheets, "counts": counts, "hidden": len(in_file) - len(listed)})
    return files


def is_table(file: str | None, sheet: str | None) -> bool:
    """A CSV or TSV table (a workbook's sheet is not: its findings name their cells)."""
    return sheet is None and (file or "").lower().endswith(TABLE_SUFFIXES)


def rows_of(file: str | None, sheet: str | None, findings: list[Finding]) -> list[dict]:
    """The page's rows for the findings of one sheet or file, each with its group and the heading
    that starts it (None when the row goes on under the one above): a sheet's and a table's findings by row
    ("Row 2"), a data file's by record; in a table, a finding also names its column."""
    table = is_table(file, sheet)
    if sheet is None and not table:  # the file's own findings, then each record's, in the file's order
        first = {}
        for n, f in enumerate(findings):
            first.setdefault(f.record_id, n)
        findings = sorted(findings, key=lambda f: (f.record_id is not None, first[f.record_id]))
    rows, last = [], None
    for f in findings:
        if sheet is not None or table:
            head = ("row", f.line) if f.line else None
        else:
            head = ("record", f.record_id) if f.record_id is not None else None
        rows.append({"finding": f, "group": head, "head": head if head != last else None,
                     "column": column_name(f) if table else None})
        last = head
    return rows


def column_name(finding: Finding) -> str | None:
    """A table's column as its header names it: the finding's field (the header as written, see
    validation.on_table), else its pointer in the tables' words (`/identifiers/0/value` ->
    `identifiers.1.value`; `/organisation_kinds/2`, a value of a multivalued cell ->
    `organisation_kinds`)."""
    field = finding.params.get("field")
    if isinstance(field, str) and field:
        return field
    steps = [str(int(p) + 1) if p.isdigit() else p for p in finding.pointer.split("/") if p]
    while steps and steps[-1].isdigit():
        steps.pop()
    return ".".join(steps) or None


def counts_by_code(report: Report) -> list[tuple[str, str, int]]:
    """(code, severity, how many) for every code of the report, the most frequent first."""
    counted = Counter((f.code, f.severity.value) for f in report.findings)
    return [(code, severity, n) for (code, severity), n in sorted(counted.items(), key=lambda item: (-item[1], item[0]))]


def positive_or_none(text: str) -> int | None:
    """The form's max_errors: a whole number from 1, or None (no bound) when empty."""
    text = (text or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        raise ValueError(text)
    return int(text)


def add_pages(app: FastAPI) -> None:
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return render(request, "home.html")

    @app.get("/validate", response_class=HTMLResponse, include_in_schema=False)
    def validate_form(request: Request):
        return render(request, "validate.html")

    @app.post("/validate", include_in_schema=False)
    def validate_page(request: Request, files: Annotated[list[UploadFile], File()] = None,
                      profile: Annotated[str, Form()] = "", purpose: Annotated[str, Form()] = "",
                      lang: Annotated[str, Form()] = "", output: Annotated[str, Form()] = "page",
                      max_errors: Annotated[str, Form()] = ""):
        lang = lang if lang in i18n.LANGUAGES else page_lang(request)
        t = i18n.texts(lang)
        uploads = [Upload(f.filename or "", f.file) for f in files or [] if f.filename or f.size]
        if not uploads:
            return render(request, "validate.html", 400, lang=lang, problems=[t["no_files"]])
        try:
            most_errors = positive_or_none(max_errors)
        except ValueError:
            return render(request, "validate.html", 400, lang=lang, problems=[t["bad_max_errors"]])
        output = output if output in OUTPUTS else "page"
        with checked_uploads(uploads, profile=profile or None, purpose=purpose or None, lang=lang,
                             limits=request.app.state.settings.limits, max_errors=most_errors) as checked:
            report = checked.report
            status = 413 if any(f.code == "read.too-large" for f in report.findings) else 200
            if output == "annotated" and status == 200 and not checked.refused:
                return annotated_download(request, checked, lang)
        if output in ("json", "sarif", "html"):
            response = report_download(report, output)
            response.status_code = status
            return response
        hidden = max(len(report.findings) - MAX_PAGE_FINDINGS, 0)
        return render(request, "validate.html", status, lang=lang, report=report,
                      groups=grouped(report, MAX_PAGE_FINDINGS), hidden=hidden,
                      by_code=counts_by_code(report) if hidden else [],
                      chosen={"profile": profile, "purpose": purpose, "max_errors": most_errors})

    @app.get("/template", response_class=HTMLResponse, include_in_schema=False)
    def template_form(request: Request):
        return render(request, "template.html")

    @app.get("/template/download", include_in_schema=False)
    def template_download(request: Request, lang: str = "", prefix: str = "", format: str = "xlsx"):
        from ..sheets.template import PREFIX
        from ..sheets.writer import csv_template_files, write_workbook

        lang = lang if lang in i18n.LANGUAGES else page_lang(request)
        if len(prefix) > 64 or not PREFIX.fullmatch(prefix):  # no default: each association its own
            t = i18n.texts(page_lang(request))
            return render(request, "template.html", 400, problems=[t["bad_prefix" if prefix else "no_prefix"]])
        if format == "csv":  # the files of `peer-schema template --format csv`, in one folder of a zip
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
                for name, data in csv_template_files(lang, prefix).items():
                    z.writestr(f"peer-schema-template-{lang}/{name}", data)
            return attachment(buffer.getvalue(), f"peer-schema-template-{lang}-csv.zip", "application/zip")
        with tempfile.TemporaryDirectory(prefix="peer-schema-web-") as folder:
            out = write_workbook(Path(folder) / "template.xlsx", lang, prefix=prefix)
            data = out.read_bytes()
        return attachment(data, f"peer-schema-template-{lang}.xlsx", XLSX_TYPE)
