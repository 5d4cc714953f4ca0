"""The order of a drop-down list: the countries alphabetically in the workbook's language, the
Council of Europe's 46 member states first (the ones an association most likely needs)."""

from __future__ import annotations

from .. import artifacts

# Alphabetical order as people expect it in English and French: case and accents ignored
# (Émirats after Égypte and before Espagne, not after Zimbabwe).
from ..text_folding import folded as sort_key


def list_order(enum: str, lang: str) -> list[str]:
    """The codes of a drop-down list in the order it shows them: countries alphabetically in the
    chosen language, the Council of Europe's member states first; other lists as the vocabulary has them."""
    vocabulary = artifacts.vocabularies().get(enum, {})
    codes = list(vocabulary.get("concepts", {}))
    if enum != "Country":
        return codes
    members = set(vocabulary.get("collections", {}).get("coe-member-states", ()))
    return sorted(codes, key=lambda code: (code not in members, sort_key(_shown(enum, code, lang)), code))


def _shown(enum: str, code: str, lang: str) -> str:
    from .writer import concept_label  # what the list shows: the label, or the code when labels clash

    return concept_label(enum, code, lang)
