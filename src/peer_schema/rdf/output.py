"""An answer as a table, CSV or JSON, written as its rows arrive (CSV and JSON stream; the table
needs every row to align its columns, so it holds them: at most `--max-rows`).

CSV: a text cell that a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage
return first) gets an apostrophe in front (formula_safety.py, the workbook export's rule).
JSON: if the rows stop on an error (a limit), the document is left unclosed, so that no reader
takes a cut answer for a whole one; the command's exit code says so too.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import TextIO

from ..formula_safety import neutralised
from .bounded import Answer


def _text(value) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def csv_cell(value) -> str:
    """A value as a CSV cell: text neutralised (formula_safety), numbers and booleans as text."""
    return neutralised(value) if isinstance(value, str) else _text(value)


def write_csv(answer: Answer, out: TextIO) -> None:
    """CSV (RFC 4180, a header row, CRLF line ends), row by row."""
    writer = csv.writer(out)
    writer.writerow([neutralised(c) for c in answer.columns])
    for row in answer.rows:
        writer.writerow([csv_cell(v) for v in row])


def _plain(v):
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return v


def write_json(answer: Answer, out: TextIO) -> None:
    """`{"columns": [...], "rows": [{column: value}, ...]}`, row by row; an unbound value is null."""
    columns = list(answer.columns)
    out.write('{\n  "columns": ' + _indented(columns, 2) + ',\n  "rows": [')
    first = True
    for row in answer.rows:
        out.write(("\n    " if first else ",\n    ") + _indented({c: _plain(v) for c, v in zip(columns, row)}, 4))
        first = False
    out.write("]\n}\n" if first else "\n  ]\n}\n")


def _indented(value, depth: int) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + " " * depth)


def write_table(answer: Answer, out: TextIO, max_width: int | None = None) -> None:
    out.write(as_table(_result(answer), max_width))


def _result(answer: Answer):
    from .answers import Result

    return Result(list(answer.columns), list(answer.rows), answer.kind)


def as_table(result, max_width: int | None = None) -> str:
    """Aligned text: a header, a rule, the rows, and the row count. Cells longer than
    `max_width` are cut with "…"."""
    def fit(s: str) -> str:
        s = " ".join(s.split()) if "\n" in s or "\t" in s else s
        return s if max_width is None or len(s) <= max_width else s[: max(max_width - 1, 1)] + "…"

    cells = [[fit(_text(v)) for v in row] for row in result.rows]
    widths = [len(c) for c in result.columns]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], len(c))
    numeric = [bool(result.rows) and all(isinstance(r[i], (int, float)) and not isinstance(r[i], bool)
                                         or r[i] is None for r in result.rows) for i in range(len(result.columns))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if num else v.ljust(w)
                         for v, w, num in zip(values, widths, numeric)).rstrip()

    out = [line(list(result.columns)), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    n = len(result.rows)
    out.append(f"({n} row{'s' if n != 1 else ''})")
    return "\n".join(out) + "\n"


def _render(write):
    def render(result) -> str:
        buffer = io.StringIO(newline="")
        write(Answer(result.kind, list(result.columns), iter(result.rows)), buffer)
        return buffer.getvalue()
    return render


#: Result -> text
as_csv = _render(write_csv)
as_csv.__doc__ = "CSV (RFC 4180, a header row, CRLF line ends, UTF-8 text); formula-like text neutralised."
as_json = _render(write_json)
as_json.__doc__ = '`{"columns": [...], "rows": [{column: value}, ...]}`; an unbound value is null.'
RENDERERS = {"table": as_table, "csv": as_csv, "json": as_json}
WRITERS = {"table": write_table, "csv": write_csv, "json": write_json}


def write_answer(answer: Answer, fmt: str, out: TextIO) -> None:
    """Write `answer` to `out` in `fmt` (table, csv, json) as its rows arrive."""
    WRITERS[fmt](answer, out)


__all__ = ["RENDERERS", "WRITERS", "as_csv", "as_json", "as_table", "csv_cell", "write_answer"]
