"""The report for people: one finding per paragraph, with the hint, and a summary."""

from __future__ import annotations

from .findings import Report, Severity

LABELS = {
    "en": {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info",
           "at": "at", "record": "record", "fix": "how to fix", "checked": "file(s) checked",
           "records": "record(s)", "ok": "no problems", "truncated": "stopped after --max-errors errors",
           "override": "severity set by",
           "plural": {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}},
    "fr": {Severity.ERROR: "erreur", Severity.WARNING: "avertissement", Severity.INFO: "info",
           "at": "à", "record": "enregistrement", "fix": "que faire", "checked": "fichier(s) vérifié(s)",
           "records": "enregistrement(s)", "ok": "aucun problème", "truncated": "arrêt après --max-errors erreurs",
           "override": "gravité fixée par",
           "plural": {Severity.ERROR: "erreurs", Severity.WARNING: "avertissements", Severity.INFO: "info"}},
}


def render_text(report: Report) -> str:
    t = LABELS[report.lang]
    lines = []
    for f in report.findings:
        at = f" {t['at']} {f.pointer}" if f.pointer else ""
        rec = f" ({t['record']} {f.record_id})" if f.record_id else ""
        lines.append(f"{f.location()}: {t[f.severity]} [{f.code}]{at}{rec}: {f.message(report.lang)}")
        lines.append(f"    {t['fix']}: {f.hint(report.lang)}")
    counts = [f"{n} {t[s] if n == 1 else t['plural'][s]}" for s in Severity if (n := report.count(s))]
    summary = f"{len(report.files)} {t['checked']}, {report.records} {t['records']}: {', '.join(counts) or t['ok']}"
    by_code = report.summary()["by_code"]
    if by_code:
        summary += "\n  " + ", ".join(f"{code} × {n}" for code, n in by_code.items())
    for o in report.overrides:
        summary += f"\n  {o['code']}: {o['from']} → {o['to']} ({t['override']} {o['source']})"
    if report.truncated:
        summary += f"\n  {t['truncated']}"
    lines.append(summary)
    return "\n".join(lines)
