"""Text compared as people read it: case and accents ignored ("Émirats" ~ "emirats")."""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """`text` with its accents taken off and its case folded: the key for sorting names in
    English and French, and for matching what people type against a list of names."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
