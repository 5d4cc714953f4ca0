"""Concept schemes as SKOS, as `peer-schema vocab --format ttl` prints them (scripts/generate.py
writes the same rendering into vocabularies.ttl; tests/test_export.py checks they agree): every
concept `skos:inScheme` its scheme; `skos:topConceptOf`/`skos:hasTopConcept` for top concepts
only, `skos:broader` with its inverse `skos:narrower` for the others; the scheme's title also as
its `skos:prefLabel`; the dataset's licence on each scheme; collections linked by
`peer:collection` (SKOS has no such link; the model does)."""

from __future__ import annotations

from .mapping import DCT, PEER, RDF_TYPE, SKOS, Context, Mapper, Out, iri, tagged, text

def concept_scheme(mapper: Mapper, scheme: dict, ctx: Context, out: Out, tail: tuple = ()) -> str:
    """The triples of a concept scheme, its concepts and collections, into `out`; returns its node."""
    sk = _SKOS
    s = ctx.iri(scheme["id"])
    out.append((s, RDF_TYPE, sk['ConceptScheme']))
    if scheme.get("notation") is not None:
        out.append((s, sk['notation'], text(scheme['notation'])))
    _texts(out, s, sk["prefLabel"], scheme.get("title"))
    _texts(out, s, _DCT_TITLE, scheme.get("title"))
    _texts(out, s, _DCT_DESCRIPTION, scheme.get("description"))
    if ctx.license is not None:
        out.append((s, _DCT_LICENSE, ctx.license))
    citations: Out = []  # the sources' nodes, after the scheme's own triples
    for src in scheme.get("sources") or ():
        out.append((s, _DCT_SOURCE, mapper.node("Citation", src, ctx, citations)))
    if scheme.get("editorial_note"):
        out.append((s, sk['editorialNote'], text(scheme['editorial_note'])))
    for p, o in tail:
        out.append((s, p, o))
    out += citations
    for c in scheme.get("concepts") or ():
        cs = ctx.iri(c["id"])
        out.append((cs, RDF_TYPE, sk['Concept']))
        out.append((cs, sk['inScheme'], s))
        out.append((cs, sk['notation'], text(c['notation'])))
        _texts(out, cs, sk["prefLabel"], c.get("pref_label"))
        _texts(out, cs, sk["definition"], c.get("definition"))
        _texts(out, cs, sk["scopeNote"], c.get("scope_note"))
        if c.get("broader"):
            broader = ctx.iri(c["broader"])
            out.append((cs, sk['broader'], broader))
            out.append((broader, sk['narrower'], cs))
        else:
            out.append((cs, sk['topConceptOf'], s))
            out.append((s, sk['hasTopConcept'], cs))
        for uri in c.get("exact_match") or ():
            out.append((cs, sk['exactMatch'], iri(uri)))
        for uri in c.get("close_match") or ():
            out.append((cs, sk['closeMatch'], iri(uri)))
        if c.get("editorial_note"):
            out.append((cs, sk['editorialNote'], text(c['editorial_note'])))
    for col in scheme.get("collections") or ():
        cs = ctx.iri(col["id"])
        out.append((s, _PEER_COLLECTION, cs))  # SKOS links no collection to its scheme; the model does
        out.append((cs, RDF_TYPE, sk['Collection']))
        _texts(out, cs, sk["prefLabel"], col.get("pref_label"))
        for member in col.get("members") or ():
            out.append((cs, sk['member'], ctx.iri(member)))
    return s


_SKOS = {name: iri(SKOS + name) for name in (
    "ConceptScheme", "Concept", "Collection", "notation", "prefLabel", "definition", "scopeNote", "editorialNote",
    "inScheme", "broader", "narrower", "topConceptOf", "hasTopConcept", "exactMatch", "closeMatch", "member")}
_DCT_TITLE, _DCT_DESCRIPTION = iri(DCT + "title"), iri(DCT + "description")
_DCT_LICENSE, _DCT_SOURCE = iri(DCT + "license"), iri(DCT + "source")
_PEER_COLLECTION = iri(PEER + "collection")


def _texts(out: Out, s: str, p: str, value) -> None:
    for tag, value_ in (value or {}).items():
        if isinstance(value_, dict):
            value_ = value_.get("text")
        out.append((s, p, tagged(value_, tag)))
