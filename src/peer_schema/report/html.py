"""The report as one self-contained HTML page, for the people who must fix the data: a summary,
then the findings grouped by file (and by sheet in a workbook), each with what to do about it,
in English or French. No external assets, no scripts: the page can be mailed, attached to a CI
run or downloaded from the web app (which uses this same function).

Every text that comes from the data or the files (names, values, paths) is escaped.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from itertools import groupby

from .catalogue import CATALOGUE
from .findings import Finding, Report, Severity

LABELS = {
    "en": {
        "title": "Data check report", "valid": "No errors: the data can be exchanged",
        "invalid": "Errors to fix before the data can be exchanged", "unreadable": "Some files could not be read",
        "files": "files checked", "records": "records", "profile": "profile checked against",
        "none": "no problems found", "by_code": "Problems by kind", "kind": "kind", "count": "how many",
        "findings": "What to fix, file by file", "where": "where", "line": "line", "column": "column",
        "cell": "cell", "record": "record", "fix": "How to fix:", "field": "field",
        "sheet": "Sheet", "no_file": "Across the files", "truncated": "The check stopped after --max-errors "
        "errors: there may be more.", "overrides": "Severities changed by the project file",
        "from_to": "{code}: {old} → {new} (set in {source})",
        Severity.ERROR: ("error", "errors"), Severity.WARNING: ("warning", "warnings"), Severity.INFO: ("note", "notes"),
        "intro": "Errors must be fixed before the data is exchanged; warnings are worth a look; notes are "
                 "for information.",
    },
    "fr": {
        "title": "Rapport de vérification des données", "valid": "Aucune erreur : les données peuvent être échangées",
        "invalid": "Des erreurs à corriger avant l'échange des données",
        "unreadable": "Certains fichiers n'ont pas pu être lus",
        "files": "fichiers vérifiés", "records": "enregistrements", "profile": "profil de vérification",
        "none": "aucun problème", "by_code": "Problèmes par type", "kind": "type", "count": "nombre",
        "findings": "Ce qu'il faut corriger, fichier par fichier", "where": "où", "line": "ligne",
        "column": "colonne", "cell": "cellule", "record": "enregistrement", "fix": "Que faire :", "field": "champ",
        "sheet": "Feuille", "no_file": "Sur l'ensemble des fichiers", "truncated": "La vérification s'est "
        "arrêtée après --max-errors erreurs : il peut y en avoir d'autres.",
        "overrides": "Gravités modifiées par le fichier de projet", "from_to": "{code} : {old} → {new} (fixé dans {source})",
        Severity.ERROR: ("erreur", "erreurs"), Severity.WARNING: ("avertissement", "avertissements"),
        Severity.INFO: ("note", "notes"),
        "intro": "Les erreurs doivent être corrigées avant l'échange ; les avertissements méritent un coup d'œil ; "
                 "les notes sont pour information.",
    },
}

STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid #ddd}
h3{font-size:1.05rem;margin:1.5rem 0 .5rem;word-break:break-all}h4{font-size:1rem;margin:1rem 0 .3rem;color:#444}
.verdict{padding:.8rem 1rem;border-radius:.4rem;font-weight:600;font-size:1.15rem}
.ok{background:#e6f4ea;border-left:6px solid #1e7b34}.bad{background:#fdecea;border-left:6px solid #b3261e}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .7rem;border-bottom:1px solid #e3e3e3;text-align:left}
ol{padding-left:1.2rem}li.finding{margin:.7rem 0;padding:.5rem .8rem;border-left:5px solid #999;background:#fafafa}
li.error{border-color:#b3261e}li.warning{border-color:#b26a00}li.info{border-color:#3b6ea8}
.sev{display:inline-block;font-size:.8rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;padding:0 .4rem;
border-radius:.2rem;color:#fff;background:#3b6ea8}.sev.error{background:#b3261e}.sev.warning{background:#b26a00}
.where{color:#555;font-size:.9rem}.fix{margin:.3rem 0 0}.code{font-family:ui-monospace,monospace;font-size:.85rem;color:#555}
"""


def _plural(t: dict, severity: Severity, n: int) -> str:
    one, many = t[severity]
    return f"{n} {one if n == 1 else many}"


def _where(f: Finding, t: dict) -> str:
    parts = []
    if f.sheet is not None and f.line:
        parts.append(f"{t['cell']} {f.cell.split('!', 1)[-1] if f.cell else ''}")
    elif f.line:
        parts.append(f"{t['line']} {f.line}" + (f", {t['column']} {f.column}" if f.column else ""))
    if f.record_id:
        parts.append(f"{t['record']} {f.record_id}")
    if f.pointer:
        parts.append(f.pointer)
    return " · ".join(parts)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _finding(f: Finding, t: dict, lang: str) -> str:
    where = _where(f, t)
    return (
        f'<li class="finding {f.severity.value}"><span class="sev {f.severity.value}">{escape(t[f.severity][0])}</span> '
        f"{escape(_sentence(f.message(lang)))}"
        + (f'<div class="where">{escape(where)}</div>' if where else "")
        + f'<p class="fix"><strong>{escape(t["fix"])}</strong> {escape(f.hint(lang))}</p>'
        f'<div class="code">{escape(f.code)}</div></li>'
    )


def _sort_key(f: Finding):
    return (f.file or "", f.sheet or "", f.line or 0, f.column or 0)


def render_html(report: Report) -> str:
    """The whole page, as text (UTF-8, `lang` set, no external assets)."""
    lang = report.lang if report.lang in LABELS else "en"
    t = LABELS[lang]
    summary = report.summary()
    if report.unreadable:
        verdict, css = t["unreadable"], "bad"
    elif report.valid:
        verdict, css = t["valid"], "ok"
    else:
        verdict, css = t["invalid"], "bad"
    counts = [_plural(t, s, report.count(s)) for s in Severity if report.count(s)]
    facts = [f"{summary['files']} {t['files']}", f"{summary['records']} {t['records']}"]
    if report.profile:
        facts.append(f"{t['profile']}: {report.profile}")
    out = [
        "<!DOCTYPE html>", f'<html lang="{lang}">', "<head>", '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(t['title'])}</title>", f"<style>{STYLE}</style>", "</head>", "<body>",
        f"<h1>{escape(t['title'])}</h1>",
        f'<p class="verdict {css}">{escape(verdict)}</p>',
        f"<p>{escape(' · '.join(facts))} — {escape(', '.join(counts) or t['none'])}</p>",
    ]
    if report.truncated:
        out.append(f"<p><strong>{escape(t['truncated'])}</strong></p>")
    if report.findings:
        out.append(f"<p>{escape(t['intro'])}</p>")
        out.append(f"<h2>{escape(t['by_code'])}</h2><table><thead><tr><th>{escape(t['kind'])}</th>"
                   f"<th>{escape(t['count'])}</th></tr></thead><tbody>")
        for code, n in Counter(f.code for f in report.findings).most_common():
            # the catalogue's titles are English only: a French page names the kind by its code
            title = CATALOGUE[code].title + " " if lang == "en" and code in CATALOGUE else ""
            out.append(f'<tr><td>{escape(title)}<span class="code">{escape(code)}</span></td><td>{n}</td></tr>')
        out.append("</tbody></table>")
        out.append(f"<h2>{escape(t['findings'])}</h2>")
        for file, in_file in groupby(sorted(report.findings, key=_sort_key), key=lambda f: f.file or ""):
            in_file = list(in_file)
            tally = ", ".join(_plural(t, s, n) for s in Severity if (n := sum(f.severity is s for f in in_file)))
            out.append(f"<section><h3>{escape(file or t['no_file'])} <small>({escape(tally)})</small></h3>")
            for sheet, on_sheet in groupby(in_file, key=lambda f: f.sheet):
                if sheet is not None:
                    out.append(f"<h4>{escape(t['sheet'])} {escape(sheet)}</h4>")
                out.append("<ol>" + "".join(_finding(f, t, lang) for f in on_sheet) + "</ol>")
            out.append("</section>")
    if report.overrides:
        out.append(f"<h2>{escape(t['overrides'])}</h2><ul>")
        out += [f"<li>{escape(t['from_to'].format(code=o['code'], old=o['from'], new=o['to'], source=o['source']))}</li>"
                for o in report.overrides]
        out.append("</ul>")
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
