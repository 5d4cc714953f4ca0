"""The workbook annotated: the same .xlsx with each cell that has a finding highlighted (red for
an error, amber for a warning, blue for a note) and the findings' messages and hints as the
cell's comment, in the report's language. The web app offers it as a download;
`peer-schema validate FILE.xlsx --annotate OUT.xlsx` writes it with `write_annotated(...)`.

Only findings on a sheet are placed (a finding on a row without a column goes to the row's first
cell; one on a whole sheet to its A1). The workbook is read with openpyxl (the `web` extra), and
only after the project's readers accepted it (workbook_guard: no zip bomb, no DOCTYPE, no far
cell), so openpyxl never meets a hostile file.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..install_hints import extra_install_hint
from ..report.findings import Finding, Report, Severity

#: fill colours by severity (light, so the cell's text stays readable)
FILLS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
LABELS = {
    "en": {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Note", "fix": "How to fix",
           "colon": ":"},
    # French puts a narrow no-break space before a colon, as report/text.py writes it
    "fr": {Severity.ERROR: "Erreur", Severity.WARNING: "Avertissement", Severity.INFO: "Remarque", "fix": "Que faire",
           "colon": "\u202f:"},
}
AUTHOR = "peer-schema"
#: the workbooks openpyxl can open and annotate
ANNOTATABLE = (".xlsx", ".xlsm")
#: the most cells the sheets of a workbook to annotate may span in all: openpyxl holds each cell
#: as an object (about 400 bytes; 2 million cells took 850 MB and 35 s), whatever the file's size
MAX_ANNOTATED_CELLS = 1_000_000
#: a comment holds at most this many characters (spreadsheet programs cut longer ones)
MAX_COMMENT = 30_000
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


class AnnotateError(Exception):
    """The workbook cannot be annotated (not an .xlsx that openpyxl can open)."""


class AnnotateTooLarge(AnnotateError):
    """The workbook's sheets span more cells than MAX_ANNOTATED_CELLS."""

    def __init__(self, cells: int, limit: int):
        super().__init__(f"the workbook's sheets span {cells:,} cells, over the {limit:,} that are annotated "
                         "(it would take too much memory)")
        self.cells, self.limit = cells, limit


def check_annotatable_size(source: str | Path, max_cells: int | None = None) -> int:
    """The cells the workbook's sheets span (readers/workbook_guard.py counts them from the
    file's XML, without openpyxl); raises AnnotateTooLarge past max_cells (MAX_ANNOTATED_CELLS),
    AnnotateError when the readers would refuse the workbook."""
    from ..readers.errors import ReadError
    from ..readers.workbook_guard import workbook_cells

    limit = MAX_ANNOTATED_CELLS if max_cells is None else max_cells
    try:
        cells = workbook_cells(source)
    except ReadError as exc:
        raise AnnotateError(f"the workbook cannot be annotated ({exc.code})") from None
    if cells > limit:
        raise AnnotateTooLarge(cells, limit)
    return cells


def comment_text(findings: list[Finding], lang: str) -> str:
    """What the comment of one cell says: each finding's severity, message, hint and code."""
    t = LABELS.get(lang, LABELS["en"])
    parts = [f"{t[f.severity]}{t['colon']} {f.message(lang)}\n{t['fix']}{t['colon']} {f.hint(lang)} [{f.code}]" for f in findings]
    text = "\n\n".join(parts)
    return text if len(text) <= MAX_COMMENT else text[: MAX_COMMENT - 1] + "…"


def cells_with_findings(findings: Iterable[Finding]) -> dict[tuple[str, int, int], list[Finding]]:
    """(sheet, row, column) -> its findings, worst first; findings on no sheet are left out."""
    cells: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.sheet is not None:
            cells[(f.sheet, f.line or 1, f.column or 1)].append(f)
    for listed in cells.values():
        listed.sort(key=lambda f: _RANK[f.severity])
    return dict(cells)


def annotate_workbook(source: str | Path | bytes, findings: Iterable[Finding], lang: str = "en") -> bytes:
    """The workbook at `source` (or its bytes) with `findings` highlighted and commented, as the
    bytes of an .xlsx. Findings for sheets the workbook does not have are left out. Raises
    AnnotateTooLarge when its sheets span more than MAX_ANNOTATED_CELLS cells (counted before
    openpyxl opens it), AnnotateError when openpyxl cannot open or save it."""
    import openpyxl

    if isinstance(source, bytes):  # the guard reads a file: counted from a private copy
        import tempfile

        with tempfile.TemporaryDirectory(prefix="peer-schema-annotate-") as folder:
            copy = Path(folder) / "workbook.xlsx"
            copy.write_bytes(source)
            check_annotatable_size(copy)
    else:
        check_annotatable_size(source)
    try:
        book = openpyxl.load_workbook(io.BytesIO(source) if isinstance(source, bytes) else source)
        _annotate(book, findings, lang)
        out = io.BytesIO()
        book.save(out)
    except Exception as exc:  # openpyxl raises many kinds; each means "not a workbook it can handle"
        raise AnnotateError(f"the workbook cannot be opened to annotate it ({type(exc).__name__})") from None
    return out.getvalue()


def _annotate(book, findings: Iterable[Finding], lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    for (sheet, row, column), on_cell in cells_with_findings(findings).items():
        if sheet not in book.sheetnames:
            continue
        cell = book[sheet].cell(row, column)
        cell.fill = PatternFill("solid", fgColor=FILLS[on_cell[0].severity])
        comment = Comment(comment_text(on_cell, lang), AUTHOR)
        comment.width, comment.height = 360, min(60 + 80 * len(on_cell), 600)
        cell.comment = comment


def write_annotated(report: Report, out: str | Path, lang: str = "en") -> Path:
    """Write as `out` (atomically) the one .xlsx workbook `report` checked, annotated with its
    findings. Raises AnnotateError when the report checked no .xlsx workbook, several, or one it
    could not read, or when `out` is one of the files checked; OSError when `out` cannot be written."""
    from ..atomic_files import output_clash, write_bytes

    books = [name for name in report.files if Path(name).suffix.lower() in ANNOTATABLE]
    if len(books) != 1:
        raise AnnotateError(f"there must be exactly one .xlsx workbook among the files checked ({len(books)} here)")
    book, = books
    if any(f.file == book and f.code.startswith("read.") for f in report.findings):
        raise AnnotateError(f"{book} could not be read, so it is not annotated (the report says why)")
    clash = output_clash(out, report.files, "a file checked")
    if clash:
        raise AnnotateError(clash)
    try:
        data = annotate_workbook(book, [f for f in report.findings if f.file == book], lang)
    except ImportError:
        raise AnnotateError(f'annotating needs openpyxl, in the "web" extra ({extra_install_hint("web")})') from None
    write_bytes(out, data)
    return Path(out)
