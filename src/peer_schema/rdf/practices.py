"""The compendium's practices as a filtered list with facet counts, and one practice's profile:
what the compendium pages and `GET /api/practices` show (and `render_practices` writes as text or
JSON for a command), from any `Source` (an embedded store, an endpoint, or the shipped
compendium in memory: sources.py).

Filters (practice_filters.py) reach the queries only as VALUES blocks of concept IRIs taken from
the package's vocabularies; the queries' text is this module's own. Several codes in one
dimension select the practices with any of them, several dimensions those matching all.

**Facet counts** are those of faceted search: beside each code, how many practices have it among
those the selections of the *other* dimensions allow (for a dimension nobody filtered on, the
practices listed). So a page can show what choosing another value, or one more, would give.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from pyoxigraph import Literal

from ..model import model
from .practice_filters import DIMENSIONS, PracticeFilters, code_of, concept_label, dimensions, sort_key
from .queries import LANGUAGES, ParameterError
from .sources import Source, shipped_compendium, values_block

#: a vocabulary with at most this many codes lists them all as facet values, even at count 0; a
#: larger one (countries) lists the codes in use and those selected
SMALL_VOCABULARY = 30


@dataclass(frozen=True)
class CodeLabel:
    code: str
    label: str


@dataclass(frozen=True)
class FacetValue:
    code: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class Facet:
    name: str
    label: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class PracticeSummary:
    iri: str
    #: the last segment of the IRI: what a page's address names the practice by
    key: str
    title: str
    #: the language of `title` (English when the practice has no title in the language asked for)
    title_lang: str
    setting_category: CodeLabel | None
    countries: tuple[CodeLabel, ...] = ()
    peer_support_models: tuple[CodeLabel, ...] = ()
    facilitation: tuple[CodeLabel, ...] = ()
    aims: tuple[CodeLabel, ...] = ()
    evaluation_status: tuple[CodeLabel, ...] = ()


@dataclass(frozen=True)
class PracticeList:
    lang: str
    filters: dict[str, list[str]]
    total: int
    practices: tuple[PracticeSummary, ...]
    facets: tuple[Facet, ...]

    def to_dict(self) -> dict:
        """Plain JSON types, for the API."""
        return asdict(self)

    def facet(self, name: str) -> Facet:
        return next(f for f in self.facets if f.name == name)


#: PracticeSummary field of each dimension
_SUMMARY_FIELD = {"setting_category": "setting_category", "country": "countries",
                  "peer_support_model": "peer_support_models", "facilitation": "facilitation", "aim": "aims",
                  "evaluation_status": "evaluation_status"}


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ParameterError(f"lang={str(lang)[:20]!r}: the language must be one of {', '.join(LANGUAGES)}")
    return lang


def list_practices(filters: PracticeFilters | dict | None = None, lang: str = "en",
                   source: Source | None = None) -> PracticeList:
    """The practices matching `filters` (a PracticeFilters, or a query string's parameters as a
    dict: checked by PracticeFilters.from_query), sorted by title in `lang`, with every facet and
    its counts. source: None for the shipped compendium. Raises UnknownFilter, UnknownCode,
    ParameterError (lang), and the source's errors (StoreError, EndpointError, LimitExceeded)."""
    check_lang(lang)
    if not isinstance(filters, PracticeFilters):
        filters = PracticeFilters.from_query(filters)
    source = source or shipped_compendium()
    rows = source.select(_list_query(filters))
    codes: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # practice -> dim -> codes
    titles: dict[str, list[tuple[str, str]]] = defaultdict(list)
    others: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # dim -> code -> practices
    for row in rows:
        practice, dim, value = row["practice"], row["dimension"], row["value"]
        if row["part"] != "":  # a filtered dimension, under the other dimensions' selections only
            if value is not None:
                others[dim][code_of(value)].add(practice)
            continue
        codes[practice]  # a practice with no coded value is listed too
        if dim == "title":
            titles[practice].append((value, row.get("value_lang") or ""))
        elif dim in DIMENSIONS and value is not None:
            codes[practice][dim].add(code_of(value))
    counts = {dim: {code: len(ps) for code, ps in others[dim].items()} if filters.codes(dim) else _count(codes, dim)
              for dim in DIMENSIONS}
    summaries = [_summary(iri, codes[iri], titles.get(iri, []), lang) for iri in codes]
    summaries.sort(key=lambda s: (sort_key(s.title), s.iri))
    facets = tuple(_facet(dim, counts[dim], filters.codes(dim), lang) for dim in DIMENSIONS)
    return PracticeList(lang, filters.to_dict(), len(summaries), tuple(summaries), facets)


def _list_query(filters: PracticeFilters) -> str:
    """One query (one trip to the store), rows (part, practice, dimension, value, value_lang):

    - part "": the practices matching `filters`, with their codes in every dimension (concept
      IRIs), their titles, and a row "practice" each (a practice with no code is listed too);
    - part D, for each filtered dimension D: the codes in D of the practices matching the other
      dimensions' filters (its facet's counts)."""
    parts = [_part("", filters, list(DIMENSIONS), titles=True)]
    parts += [_part(dim, filters.without(dim), [dim], titles=False) for dim, _ in filters.selected]
    joined = "\n  UNION\n  ".join(parts)
    return (f"SELECT DISTINCT ?part ?practice ?dimension ?value ?value_lang WHERE {{\n  {joined}\n"
            f"  BIND(IF(isLiteral(?value), LANG(?value), \"\") AS ?value_lang)\n}}")


def _part(name: str, filters: PracticeFilters, dims: list[str], *, titles: bool) -> str:
    defs = dimensions()
    practice_class = model().classes["Practice"].uri
    title = model().classes["Practice"].slots["title"].uri
    prefix = f"{name}_" if name else "all_"  # each part's own VALUES variables
    restrictions = [f"{values_block(f'{prefix}f{i}', [defs[dim].concept(c) for c in selected])} "
                    f"?practice <{defs[dim].predicate}> ?{prefix}f{i} ."
                    for i, (dim, selected) in enumerate(filters.selected)]
    branches = [f"{{ ?practice <{defs[d].predicate}> ?value BIND({Literal(d)} AS ?dimension) }}" for d in dims]
    if titles:
        branches.append(f"{{ ?practice <{title}> ?value BIND(\"title\" AS ?dimension) }}")
        branches.append('{ BIND("practice" AS ?dimension) }')
    return (f"{{ ?practice a <{practice_class}> . {' '.join(restrictions)}\n"
            f"    {' UNION '.join(branches)}\n    BIND({Literal(name)} AS ?part) }}")


def _count(codes: dict[str, dict[str, set[str]]], dim: str) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for per_dim in codes.values():
        for code in per_dim.get(dim, ()):
            counts[code] += 1
    return counts


def _summary(iri: str, codes: dict[str, set[str]], titles: list[tuple[str, str]], lang: str) -> PracticeSummary:
    defs = dimensions()
    title, title_lang = pick_text(titles, lang)
    labelled = {dim: tuple(sorted((CodeLabel(c, concept_label(defs[dim].vocabulary, c, lang))
                                   for c in codes.get(dim, ())), key=lambda cl: sort_key(cl.label)))
                for dim in DIMENSIONS}
    category = labelled.pop("setting_category")
    return PracticeSummary(iri, practice_key(iri), title or practice_key(iri), title_lang or "",
                           category[0] if category else None,
                           **{_SUMMARY_FIELD[d]: v for d, v in labelled.items()})


def _facet(dim: str, counts: dict[str, int], selected: tuple[str, ...], lang: str) -> Facet:
    d = dimensions()[dim]
    all_codes = d.codes()
    if len(all_codes) <= SMALL_VOCABULARY:
        shown = all_codes
    else:
        shown = sorted({c for c, n in counts.items() if n} | set(selected),
                       key=lambda c: sort_key(d.code_label(c, lang)))
    values = tuple(FacetValue(c, d.code_label(c, lang), counts.get(c, 0), c in selected) for c in shown)
    return Facet(dim, d.label.get(lang) or d.label.get("en", dim), values)


def pick_text(texts: list[tuple[str, str]], lang: str) -> tuple[str | None, str | None]:
    """(text, its language): the one in `lang`, else the English one, else any (sorted, so the
    choice does not depend on the engine's order)."""
    for wanted in (lang, "en"):
        found = sorted(t for t, tl in texts if tl == wanted)
        if found:
            return found[0], wanted
    return (min(texts)[0], min(texts)[1]) if texts else (None, None)


def practice_key(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def render_practices(listed: PracticeList, fmt: str = "table") -> str:
    """The list as text for a terminal ("table": one line a practice, then each facet's counts)
    or as the API's JSON ("json")."""
    if fmt == "json":
        return json.dumps(listed.to_dict(), ensure_ascii=False, indent=2)
    if fmt != "table":
        raise ValueError(f"format: {fmt!r} (table or json)")
    lines = []
    for p in listed.practices:
        where = ", ".join(c.code for c in p.countries) or "-"
        lines.append(f"{p.title}  [{p.setting_category.code if p.setting_category else '-'}; {where}]  {p.key}")
    lines.append(f"{listed.total} practice(s)" + (f" matching {listed.filters}" if listed.filters else ""))
    for facet in listed.facets:
        counted = ", ".join(f"{v.code}{'*' if v.selected else ''} {v.count}" for v in facet.values if v.count or v.selected)
        lines.append(f"  {facet.name}: {counted or '-'}")
    return "\n".join(lines) + "\n"


# -- one practice ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Citation:
    text: str | None = None
    authors: str | None = None
    year: int | None = None
    work_title: str | None = None
    container_title: str | None = None
    pages: str | None = None
    doi: str | None = None
    url: str | None = None
    peer_reviewed: bool | None = None


@dataclass(frozen=True)
class Link:
    url: str
    label: str | None = None


@dataclass(frozen=True)
class OrganisationRef:
    iri: str
    key: str
    name: str
    country: CodeLabel | None = None
    homepage: str | None = None


@dataclass(frozen=True)
class SectionRef:
    iri: str
    title: str
    title_lang: str


@dataclass(frozen=True)
class PracticeProfile:
    iri: str
    key: str
    lang: str
    title: str
    title_lang: str
    description: str | None = None
    description_lang: str | None = None
    evaluation_summary: str | None = None
    evaluation_summary_lang: str | None = None
    section: SectionRef | None = None
    setting_category: CodeLabel | None = None
    settings: tuple[CodeLabel, ...] = ()
    countries: tuple[CodeLabel, ...] = ()
    geographic_scope: CodeLabel | None = None
    peer_support_models: tuple[CodeLabel, ...] = ()
    facilitation: tuple[CodeLabel, ...] = ()
    aims: tuple[CodeLabel, ...] = ()
    evaluation_status: tuple[CodeLabel, ...] = ()
    start_year: int | None = None
    organisations: tuple[OrganisationRef, ...] = ()
    evidence: tuple[Citation, ...] = ()
    sources: tuple[Citation, ...] = ()
    links: tuple[Link, ...] = ()
    submissions: tuple[str, ...] = ()
    #: slot name -> its label in `lang`, for the page's headings
    labels: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


from .practice_profile import practice_profile  # noqa: E402 - it builds the dataclasses above

__all__ = ["Citation", "CodeLabel", "Facet", "FacetValue", "Link", "OrganisationRef", "PracticeFilters",
           "PracticeList", "PracticeProfile", "PracticeSummary", "SectionRef", "check_lang", "list_practices",
           "pick_text", "practice_key", "practice_profile", "render_practices"]
