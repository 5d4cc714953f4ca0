"""The report for people: one finding per paragraph, with the hint, and a summary."""

from __future__ import annotations

import re

from .findings import Report, Severity

#: what a terminal would act on rather than show: C0 controls (ESC starts the sequences that move
#: the cursor, retitle the window or hide text; BEL, NUL...), DEL, C1 controls, and the Unicode
#: marks that reorder or break lines
_MARKS = r"\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE_ALL = re.compile(r"[\x00-\x1f" + _MARKS + "]")
_UNSAFE_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f" + _MARKS + "]")  # newline and tab pass


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, keep_newlines: bool = False) -> str:
    """`text` with every character a terminal would act on written as an escape (ESC as \\x1b):
    for text from data (names, values, headers) shown to people. keep_newlines: newlines and
    tabs pass (a whole message); otherwise they are escaped too (one value, kept on its line)."""
    return (_UNSAFE_BUT_LINES if keep_newlines else _UNSAFE_ALL).sub(_escaped, text)


class TerminalSafeStream:
    """stderr for people: control characters from names and values (ESC, BEL, NUL, C1, bidi
    overrides) are written escaped (\\x1b), so data cannot move the cursor, retitle the
    terminal or hide text. Newlines and tabs pass; `raw` is the stream itself (the progress bar)."""

    def __init__(self, stream):
        self.raw = stream

    def write(self, text: str) -> int:
        return self.raw.write(terminal_safe(text, keep_newlines=True))

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


LABELS = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info",
           "at": "at", "record": "record", "fix": "how to fix", "checked": "file(s) checked",
           "records": "record(s)", "ok": "no problems", "truncated": "stopped after --max-errors errors",
           "override": "severity set by", "colon": ":",
           "plural": {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}},
    "fr": {Severity.ERROR: "erreur", Severity.WARNING: "avertissement", Severity.INFO: "info",
           "at": "à", "record": "enregistrement", "fix": "que faire", "checked": "fichier(s) vérifié(s)",
           "records": "enregistrement(s)", "ok": "aucun problème", "truncated": "arrêt après --max-errors erreurs",
           # French puts a narrow no-break space before a colon (never breaks the line before it)
           "override": "gravité fixée par", "colon": "\u202f:",
           "plural": {Severity.ERROR: "erreurs", Severity.WARNING: "avertissements", Severity.INFO: "info"}},
}


def render_text(report: Report) -> str:
    t = LABELS[report.lang]
    lines = []
    safe = terminal_safe  # every part that can come from the data: file names, pointers, ids, values
    for f in report.findings:
        at = f" {t['at']} {safe(f.pointer)}" if f.pointer else ""
        rec = f" ({t['record']} {safe(str(f.record_id))})" if f.record_id else ""
        # the colon after file:line:column stays as compilers write it: editors and CI jump to it
        lines.append(f"{safe(f.location())}: {t[f.severity]} [{f.code}]{at}{rec}{t['colon']} {safe(f.message(report.lang))}")
        lines.append(f"    {t['fix']}{t['colon']} {safe(f.hint(report.lang))}")
    counts = [f"{n} {t[s] if n == 1 else t['plural'][s]}" for s in Severity if (n := report.count(s))]
    summary = f"{len(report.files)} {t['checked']}, {report.records} {t['records']}{t['colon']} {', '.join(counts) or t['ok']}"
    by_code = report.summary()["by_code"]
    if by_code:
        summary += "\n  " + ", ".join(f"{code} × {n}" for code, n in by_code.items())
    for o in report.overrides:
        summary += f"\n  {o['code']}: {o['from']} → {o['to']} ({t['override']} {safe(str(o['source']))})"
    if report.truncated:
        summary += f"\n  {t['truncated']}"
    lines.append(summary)
    return "\n".join(lines)
