"""One practice's profile (`practice_profile`): its texts, codes, organisations, evidence with
pages, links and sources, read in one query from any `Source`.

The practice is named by its IRI, or by its key (the IRI's last segment: what a page's address
holds; a CURIE's local part, `coe:practice/x`, works too). The name is bound as a VALUES term
(a NamedNode or a Literal made by pyoxigraph); a name that cannot be one finds no practice.
"""

from __future__ import annotations

import re
from collections import defaultdict

from pyoxigraph import Literal, NamedNode

from ..model import model
from .practice_filters import code_of, concept_label, sort_key
from .practices import (Citation, CodeLabel, Link, OrganisationRef, PracticeProfile, SectionRef, check_lang,
                        pick_text, practice_key)
from .sources import Source, shipped_compendium, values_block

#: a practice's key: the characters of an IRI's path, no spaces or quotes (at most 300)
_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~%/-]{0,299}")
#: Practice slots whose objects are nodes the query reads one level further
_NESTED = ("evidence", "sources", "links", "organisations_involved", "section")
#: coded Practice slots of the profile, and whether they hold several codes
_CODED = {"setting_category": False, "settings": True, "countries": True, "geographic_scope": False,
          "peer_support_models": True, "facilitation": True, "aims": True, "evaluation_status": True}


def practice_profile(id_or_iri: str, lang: str = "en", source: Source | None = None) -> PracticeProfile | None:
    """The practice named by `id_or_iri` (an IRI, a key or a CURIE), with its texts in `lang`
    (English where it has none in it), or None if the source holds no such practice. If two
    practices share a key, the first by IRI is given."""
    check_lang(lang)
    selector = _selector(str(id_or_iri))
    if selector is None:
        return None
    source = source or shipped_compendium()
    rows = source.select(_profile_query(selector))
    if not rows:
        return None
    iri = min(r["practice"] for r in rows)
    return _build(iri, [r for r in rows if r["practice"] == iri], lang)


def _selector(name: str) -> str | None:
    """The VALUES block (and pattern) that selects the practice named `name`, or None."""
    if name.startswith(("http://", "https://")):
        try:
            return values_block("practice", [NamedNode(name)])
        except (ValueError, SyntaxError):
            return None
    local = name.split(":", 1)[1] if ":" in name else name
    if not _KEY.fullmatch(local) or "//" in local:
        return None
    return f'{values_block("suffix", [Literal("/" + local)])} FILTER(STRENDS(STR(?practice), ?suffix))'


def _profile_query(selector: str) -> str:
    practice = model().classes["Practice"]
    nested = " ".join(f"<{practice.slots[s].uri}>" for s in _NESTED)
    return (f"SELECT ?practice ?p ?o ?o_lang ?q ?v ?v_lang WHERE {{\n"
            f"  ?practice a <{practice.uri}> .\n  {selector}\n"
            f"  ?practice ?p ?o .\n"
            f"  BIND(IF(isLiteral(?o), LANG(?o), \"\") AS ?o_lang)\n"
            f"  OPTIONAL {{ ?o ?q ?v FILTER(?p IN ({nested.replace(' ', ', ')}))\n"
            f"             BIND(IF(isLiteral(?v), LANG(?v), \"\") AS ?v_lang) }}\n}}")


def _build(iri: str, rows: list[dict], lang: str) -> PracticeProfile:
    slots = model().classes["Practice"].slots
    by_uri = {s.uri: s for s in slots.values()}
    values: dict[str, list[tuple]] = defaultdict(list)  # slot -> distinct (object, lang)
    nodes: dict[str, dict[str, dict[str, list]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for row in rows:
        slot = by_uri.get(row["p"])
        if slot is None:
            continue
        item = (row["o"], row.get("o_lang") or "")
        if item not in values[slot.name]:
            values[slot.name].append(item)
        if row.get("q") is not None:
            nested = nodes[slot.name][row["o"]][row["q"]]
            if (row["v"], row.get("v_lang") or "") not in nested:
                nested.append((row["v"], row.get("v_lang") or ""))
    texts = {name: pick_text(values.get(name, []), lang) for name in ("title", "description", "evaluation_summary")}
    coded = {}
    for name, several in _CODED.items():
        found = sorted((_code_label(slots[name].range, o, lang) for o, _ in values.get(name, [])),
                       key=lambda cl: sort_key(cl.label))
        coded[name] = tuple(found) if several else (found[0] if found else None)
    start = next((o for o, _ in values.get("start_year", []) if isinstance(o, int)), None)
    return PracticeProfile(
        iri, practice_key(iri), lang,
        title=texts["title"][0] or practice_key(iri), title_lang=texts["title"][1] or "",
        description=texts["description"][0], description_lang=texts["description"][1],
        evaluation_summary=texts["evaluation_summary"][0], evaluation_summary_lang=texts["evaluation_summary"][1],
        section=_section(nodes["section"], lang), start_year=start,
        organisations=_organisations([o for o, _ in values.get("organisations_involved", [])],
                                     nodes["organisations_involved"], lang),
        evidence=_citations(nodes["evidence"]), sources=_citations(nodes["sources"]),
        links=_links(nodes["links"]),
        submissions=tuple(sorted(str(o) for o, _ in values.get("submissions", []))),
        labels={s.name: s.label.get(lang) or s.label.get("en", s.name) for s in slots.values()},
        **coded)


def _code_label(vocabulary: str, iri, lang: str) -> CodeLabel:
    code = code_of(str(iri))
    return CodeLabel(code, concept_label(vocabulary, code, lang))


def _fields(cls: str, node: dict[str, list]) -> dict[str, object]:
    """slot name -> its first value, for a node of class `cls` (values: (value, lang) pairs)."""
    by_uri = {s.uri: s.name for s in model().classes[cls].slots.values()}
    return {by_uri[p]: sorted(vs, key=str)[0][0] for p, vs in node.items() if p in by_uri and vs}


def _citations(nodes: dict[str, dict[str, list]]) -> tuple[Citation, ...]:
    names = set(Citation.__dataclass_fields__)
    found = []
    for node in nodes.values():
        fields = {k: v for k, v in _fields("Citation", node).items() if k in names}
        if "year" in fields and not isinstance(fields["year"], int):
            fields["year"] = int(fields["year"]) if str(fields["year"]).isdigit() else None
        if "peer_reviewed" in fields and not isinstance(fields["peer_reviewed"], bool):
            fields["peer_reviewed"] = str(fields["peer_reviewed"]) in ("true", "1")
        for text_field in ("text", "authors", "work_title", "container_title", "pages", "doi", "url"):
            if fields.get(text_field) is not None:
                fields[text_field] = str(fields[text_field])
        found.append(Citation(**fields))
    return tuple(sorted(found, key=lambda c: (c.year or 0, c.text or "", c.url or "")))


def _links(nodes: dict[str, dict[str, list]]) -> tuple[Link, ...]:
    found = []
    for node in nodes.values():
        fields = _fields("Link", node)
        if fields.get("url"):
            label = fields.get("label")
            found.append(Link(str(fields["url"]), None if label is None else str(label)))
    return tuple(sorted(found, key=lambda link: (link.label or "", link.url)))


def _organisations(iris: list, nodes: dict[str, dict[str, list]], lang: str) -> tuple[OrganisationRef, ...]:
    """The organisations named, with what the source says of them (only their IRI if nothing)."""
    org = model().classes["Organisation"].slots
    found = []
    for iri in iris:
        fields = _fields("Organisation", nodes.get(iri, {}))
        country = fields.get("country")
        found.append(OrganisationRef(
            str(iri), practice_key(str(iri)), str(fields.get("name") or practice_key(str(iri))),
            _code_label(org["country"].range, country, lang) if country else None,
            str(fields["homepage"]) if fields.get("homepage") else None))
    return tuple(sorted(found, key=lambda o: (sort_key(o.name), o.iri)))


def _section(nodes: dict[str, dict[str, list]], lang: str) -> SectionRef | None:
    if not nodes:
        return None
    iri = min(nodes)
    title_uri = model().classes["CompendiumSection"].slots["title"].uri
    title, title_lang = pick_text(nodes[iri].get(title_uri, []), lang)
    return SectionRef(str(iri), str(title or practice_key(str(iri))), title_lang or "")


__all__ = ["practice_profile"]
