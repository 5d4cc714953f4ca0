"""A chart of practices by country and setting category, drawn on the server as plain SVG text.

A grid: one row per country (by label; a row for the practices that name no country), one column
per setting category of the vocabulary, a dot in each cell sized by its count, and a row total.
A practice carried out in several countries counts once in each of their rows (as in the saved
question `practices-by-setting-and-country`).

Safe to put in a page as it is: every text is XML-escaped (a practice title holding markup stays
text) and stripped of the characters XML 1.0 forbids; no script, no link, no style sheet, no
reference to anything outside the document. Bounded: at most MAX_ROWS rows (the rest summed in a
last row), labels cut at MAX_LABEL characters, tooltips at MAX_TITLES titles. Accessible: `role="img"`,
an `aria-label` saying what it shows, a `<title>` and a `<desc>`, and a `<title>` in each cell
naming its practices.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .practice_filters import dimensions, sort_key
from .practices import PracticeList, PracticeSummary, check_lang

MAX_ROWS = 50
MAX_LABEL = 28
MAX_TITLES = 10
MAX_TITLE_LENGTH = 90
#: the row of the practices that name no country, and of the countries past MAX_ROWS
NO_COUNTRY = ""
MORE = "…"

_TEXTS = {
    "en": {"title": "Practices by country and setting category", "none": "No country", "total": "Total",
           "more": "{n} more countries", "country": "Country",
           "summary": "{practices} practices in {countries} countries; by setting category: {by_setting}."},
    "fr": {"title": "Pratiques par pays et catégorie de cadre", "none": "Sans pays", "total": "Total",
           "more": "{n} autres pays", "country": "Pays",
           "summary": "{practices} pratiques dans {countries} pays ; par catégorie de cadre : {by_setting}."},
}
# layout, in SVG user units
_LABEL_W, _COL_W, _TOTAL_W, _HEAD_H, _ROW_H, _PAD = 190, 118, 60, 56, 26, 8
_MAX_RADIUS = 11.0
# the characters XML 1.0 does not allow in a document
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class ChartRow:
    #: a country code, NO_COUNTRY, or MORE
    code: str
    label: str
    #: setting category code -> the titles of its practices in this row
    cells: dict[str, tuple[str, ...]]

    @property
    def total(self) -> int:
        return len({t for titles in self.cells.values() for t in titles})


def chart_rows(practices: PracticeList | Iterable[PracticeSummary], lang: str = "en") -> list[ChartRow]:
    """The chart's rows: each country's practices by setting category (titles, so a cell can
    name them), sorted by the country's label; practices naming no country last."""
    check_lang(lang)
    items = practices.practices if isinstance(practices, PracticeList) else list(practices)
    grid: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    labels = {NO_COUNTRY: _TEXTS[lang]["none"]}
    for p in items:
        category = p.setting_category.code if p.setting_category else ""
        for country in p.countries or [None]:
            code = country.code if country else NO_COUNTRY
            if country:
                labels[code] = country.label
            grid[code][category].append(p.title)
    codes = sorted((c for c in grid if c != NO_COUNTRY), key=lambda c: sort_key(labels[c]))
    rows = [ChartRow(c, labels[c], {k: tuple(v) for k, v in grid[c].items()}) for c in codes]
    if len(rows) > MAX_ROWS:  # the rest summed in one row
        rest = rows[MAX_ROWS - 1:]
        merged: dict[str, list[str]] = defaultdict(list)
        for row in rest:
            for k, titles in row.cells.items():
                merged[k].extend(t for t in titles if t not in merged[k])
        rows = rows[:MAX_ROWS - 1] + [ChartRow(MORE, _TEXTS[lang]["more"].format(n=len(rest)),
                                               {k: tuple(v) for k, v in merged.items()})]
    if NO_COUNTRY in grid:
        rows.append(ChartRow(NO_COUNTRY, labels[NO_COUNTRY], {k: tuple(v) for k, v in grid[NO_COUNTRY].items()}))
    return rows


def practice_chart_svg(practices: PracticeList | Iterable[PracticeSummary], lang: str = "en",
                       title: str | None = None) -> str:
    """The chart as an SVG document (text). title: the chart's title (escaped; by default
    "Practices by country and setting category" in `lang`)."""
    items = practices.practices if isinstance(practices, PracticeList) else list(practices)
    rows = chart_rows(items, lang)
    texts = _TEXTS[lang]
    category_dim = dimensions()["setting_category"]
    categories = category_dim.codes()
    if any(p.setting_category is None for p in items):
        categories = categories + [""]
    col_label = {c: category_dim.code_label(c, lang) if c else "—" for c in categories}
    largest = max((len(t) for r in rows for t in r.cells.values()), default=1)
    width = _LABEL_W + _COL_W * len(categories) + _TOTAL_W + _PAD
    height = _HEAD_H + _ROW_H * max(len(rows), 1) + _PAD
    heading = _clean(title if title is not None else texts["title"], 200)
    countries = len({c.code for p in items for c in p.countries})
    by_setting = ", ".join(f"{col_label[c]} {len({t for r in rows for t in r.cells.get(c, ())})}"
                           for c in categories)
    summary = texts["summary"].format(practices=len(items), countries=countries, by_setting=by_setting)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title chart-desc" '
           f'aria-label={quoteattr(heading + ". " + summary)} lang="{lang}" '
           f'font-family="sans-serif" font-size="12">',
           f'<title id="chart-title">{escape(heading)}</title>',
           f'<desc id="chart-desc">{escape(summary)}</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{_PAD}" y="{_HEAD_H - 10}" font-weight="bold">{escape(texts["country"])}</text>']
    for i, c in enumerate(categories):
        x = _LABEL_W + _COL_W * i + _COL_W / 2
        lines = _wrap(col_label[c], 17)
        spans = "".join(f'<tspan x="{x:g}" dy="{0 if n == 0 else 14}">{escape(line)}</tspan>'
                        for n, line in enumerate(lines))
        out.append(f'<text x="{x:g}" y="{_HEAD_H - 10 - 14 * (len(lines) - 1)}" text-anchor="middle" '
                   f'font-weight="bold">{spans}<title>{escape(_clean(col_label[c], 200))}</title></text>')
    total_x = _LABEL_W + _COL_W * len(categories) + _TOTAL_W / 2
    out.append(f'<text x="{total_x:g}" y="{_HEAD_H - 10}" text-anchor="middle" font-weight="bold">'
               f'{escape(texts["total"])}</text>')
    for r, row in enumerate(rows):
        y = _HEAD_H + _ROW_H * r
        mid = y + _ROW_H / 2
        shade = "#f3f5f8" if r % 2 == 0 else "#ffffff"
        out.append(f'<g><rect x="0" y="{y}" width="{width}" height="{_ROW_H}" fill="{shade}"/>'
                   f'<text x="{_PAD}" y="{mid + 4:g}">{escape(_cut(row.label, MAX_LABEL))}'
                   f'<title>{escape(_clean(row.label, 200))}</title></text>')
        for i, c in enumerate(categories):
            titles = row.cells.get(c, ())
            if not titles:
                continue
            x = _LABEL_W + _COL_W * i + _COL_W / 2
            radius = 4 + (_MAX_RADIUS - 4) * (len(titles) / largest) ** 0.5
            tip = f"{row.label}, {col_label[c]}: {len(titles)}\n" + "\n".join(
                _cut(t, MAX_TITLE_LENGTH) for t in titles[:MAX_TITLES]) + ("\n…" if len(titles) > MAX_TITLES else "")
            out.append(f'<g><title>{escape(_clean(tip, 4000))}</title>'
                       f'<circle cx="{x:g}" cy="{mid:g}" r="{radius:.1f}" fill="#2b6cb0" fill-opacity="0.8"/>'
                       f'<text x="{x + _MAX_RADIUS + 4:g}" y="{mid + 4:g}">{len(titles)}</text></g>')
        out.append(f'<text x="{total_x:g}" y="{mid + 4:g}" text-anchor="middle">{row.total}</text></g>')
    out.append("</svg>")
    return "\n".join(out)


def _clean(text: str, limit: int) -> str:
    return _NOT_XML.sub("", str(text))[:limit]


def _wrap(text: str, width: int) -> list[str]:
    """At most two lines of about `width` characters, cut at spaces (the second one shortened)."""
    words, lines = _clean(text, 200).split(), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width and len(lines) < 2:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return [_cut(line, width + 2) for line in lines]


def _cut(text: str, limit: int) -> str:
    text = _clean(text, 10_000)
    return text if len(text) <= limit else text[: limit - 1] + "…"


__all__ = ["ChartRow", "MAX_ROWS", "chart_rows", "practice_chart_svg"]
