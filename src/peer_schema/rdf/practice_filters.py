"""The filters of the compendium's list of practices, read from untrusted query strings.

Six dimensions, each a coded slot of `Practice` in the model: the two filters of the Council of
Europe's site (setting category, country) and four facets (peer support model, facilitation, aim,
evaluation status). A value is a code of the dimension's vocabulary, in any case (`fr`, `FR`;
`hospital-based` for `hospital_based`); anything else is an `UnknownCode` naming the nearest
known code. A checked code becomes the IRI of its SKOS concept (a pyoxigraph `NamedNode` built
from the package's vocabulary, not from the text received), so no received text reaches a query.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache

from pyoxigraph import NamedNode

from .. import artifacts
from ..model import model
from .queries import ParameterError

#: dimension -> the Practice slot it filters on (the order of the facets on a page)
DIMENSIONS = {
    "setting_category": "setting_category",
    "country": "countries",
    "peer_support_model": "peer_support_models",
    "facilitation": "facilitation",
    "aim": "aims",
    "evaluation_status": "evaluation_status",
}
#: how many values one dimension may be given, and how long one value may be
MAX_VALUES = 50
MAX_VALUE_LENGTH = 100


class UnknownFilter(ParameterError):
    """A filter that is not one of DIMENSIONS, or too many or too long values (exit code 2)."""


class UnknownCode(ParameterError):
    """A filter value that is not a code of its dimension's vocabulary. `suggestion` is the
    nearest known code, or None."""

    def __init__(self, dimension: str, value: str, suggestion: str | None, message: str):
        super().__init__(message)
        self.dimension = dimension
        self.value = value
        self.suggestion = suggestion


@dataclass(frozen=True)
class Dimension:
    name: str
    #: the RDF property of the Practice slot
    predicate: str
    #: the vocabulary's name (an enumeration of the model)
    vocabulary: str
    #: the slot's label, {"en": ..., "fr": ...}
    label: dict

    def codes(self) -> list[str]:
        return list(artifacts.vocabularies()[self.vocabulary]["concepts"])

    def concept(self, code: str) -> NamedNode:
        return NamedNode(artifacts.vocabularies()[self.vocabulary]["concepts"][code]["uri"])

    def code_label(self, code: str, lang: str) -> str:
        return concept_label(self.vocabulary, code, lang)


@cache
def dimensions() -> dict[str, Dimension]:
    slots = model().classes["Practice"].slots
    return {name: Dimension(name, slots[slot].uri, slots[slot].range, slots[slot].label)
            for name, slot in DIMENSIONS.items()}


def concept_label(vocabulary: str, code: str, lang: str) -> str:
    """A code's label in `lang` (English if it has none in it; the code if it has no label)."""
    concept = artifacts.vocabularies()[vocabulary]["concepts"].get(code, {})
    labels = concept.get("label", {})
    return labels.get(lang) or labels.get("en") or code


@cache
def _iri_index() -> dict[str, tuple[str, str]]:
    """concept IRI -> (vocabulary, code), for the dimensions' vocabularies."""
    vocabularies = artifacts.vocabularies()
    index = {}
    for dim in dimensions().values():
        for code, concept in vocabularies[dim.vocabulary]["concepts"].items():
            index[concept["uri"]] = (dim.vocabulary, code)
    return index


def code_of(iri: str) -> str:
    """The code of a concept IRI (its last path segment if the vocabulary does not know it)."""
    known = _iri_index().get(iri)
    return known[1] if known else iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class PracticeFilters:
    """The codes selected in each dimension (checked, in the vocabulary's spelling). Several codes
    in one dimension: any of them; several dimensions: all of them."""

    selected: tuple[tuple[str, tuple[str, ...]], ...] = ()

    @classmethod
    def from_query(cls, query: Mapping[str, str | Iterable[str] | None] | None) -> PracticeFilters:
        """From a query string's parameters (name -> value, or list of values; a value may also
        hold several codes separated by commas). Unknown names, unknown codes, too many or too
        long values raise UnknownFilter / UnknownCode."""
        chosen: dict[str, list[str]] = {}
        for name, raw in (query or {}).items():
            if name not in DIMENSIONS:
                close = difflib.get_close_matches(str(name), list(DIMENSIONS), n=1, cutoff=0.6)
                hint = f"; did you mean {close[0]}?" if close else ""
                raise UnknownFilter(f"{str(name)[:MAX_VALUE_LENGTH]!r}: not a filter{hint} "
                                    f"(the filters: {', '.join(DIMENSIONS)})")
            values = [raw] if isinstance(raw, str) or raw is None else list(raw)
            parts = [p.strip() for v in values if v is not None for p in str(v).split(",") if p.strip()]
            if len(parts) > MAX_VALUES:
                raise UnknownFilter(f"{name}: {len(parts)} values; at most {MAX_VALUES}")
            for part in parts:
                code = check_code(name, part)
                if code not in chosen.setdefault(name, []):
                    chosen[name].append(code)
        return cls(tuple((n, tuple(chosen[n])) for n in DIMENSIONS if chosen.get(n)))

    def codes(self, dimension: str) -> tuple[str, ...]:
        return dict(self.selected).get(dimension, ())

    def without(self, dimension: str) -> PracticeFilters:
        return PracticeFilters(tuple((n, c) for n, c in self.selected if n != dimension))

    def to_dict(self) -> dict[str, list[str]]:
        return {n: list(c) for n, c in self.selected}

    def __bool__(self) -> bool:
        return bool(self.selected)


def check_code(dimension: str, value: str) -> str:
    """The code `value` names in the dimension's vocabulary, whatever its case (and `-` for `_`)."""
    dim = dimensions()[dimension]
    text = str(value).strip()
    if len(text) > MAX_VALUE_LENGTH:
        raise UnknownFilter(f"{dimension}: a value of {len(text)} characters; a code has at most {MAX_VALUE_LENGTH}")
    codes = dim.codes()
    by_folded = {_fold(c): c for c in codes}
    if _fold(text) in by_folded:
        return by_folded[_fold(text)]
    suggestion = nearest_code(dim, text)
    what = artifacts.vocabularies()[dim.vocabulary].get("title", {}).get("en", dim.vocabulary)
    hint = f"; did you mean {suggestion} ({dim.code_label(suggestion, 'en')})?" if suggestion else ""
    raise UnknownCode(dimension, text, suggestion,
                      f"{dimension}={text!r}: not a code of the vocabulary \"{what}\"{hint}")


def nearest_code(dim: Dimension, text: str) -> str | None:
    """The known code nearest to `text`: by its spelling, or by a label in English or French
    (`France` -> FR)."""
    folded = _fold(text)
    by_name: dict[str, str] = {}
    for code in dim.codes():
        by_name.setdefault(_fold(code), code)
        for lang in ("en", "fr"):
            by_name.setdefault(_fold(dim.code_label(code, lang)), code)
    close = difflib.get_close_matches(folded, list(by_name), n=1, cutoff=0.6)
    return by_name[close[0]] if close else None


@lru_cache(maxsize=8192)
def sort_key(text: str) -> str:
    """A key that sorts labels as a reader expects: without case or accents (É with E)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _fold(text: str) -> str:
    return text.casefold().replace("-", "_").replace(" ", "_")


__all__ = ["DIMENSIONS", "Dimension", "PracticeFilters", "UnknownCode", "UnknownFilter", "check_code",
           "code_of", "concept_label", "dimensions", "sort_key"]
