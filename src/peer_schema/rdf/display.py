"""An answer as people read it (`peer-schema query --format table`): a vocabulary's concept as
its label in the chosen language, any other IRI in a known namespace as a compact name
(`coe:org/fapaf`, `schema:name`), every other value as it is. CSV and JSON keep full IRIs:
programs read them.

The namespaces are those the datasets in the store declare (their `prefixes`, which the export
writes as vann declarations) and the vocabularies' own (`OUTPUT_PREFIXES`). A prefix that two
datasets give to different namespaces names neither: their IRIs stay whole. A cell is taken for
an IRI when it starts with a known namespace (answers carry IRIs and text alike as str).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

from .. import artifacts
from .bounded import Answer
from .endpoint import Endpoint
from .mapping import OUTPUT_PREFIXES, PEER, VANN

#: the namespaces the datasets of a store declare (prefix, namespace)
PREFIXES_QUERY = (f"SELECT DISTINCT ?prefix ?namespace WHERE {{ ?dataset <{PEER}prefixDeclaration> ?declaration . "
                  f"?declaration <{VANN}preferredNamespacePrefix> ?prefix ; <{VANN}preferredNamespaceUri> ?namespace }}")


@cache
def concept_labels(lang: str) -> dict[str, str]:
    """Every vocabulary concept's IRI -> its label in `lang` (English where it has none)."""
    labels = {}
    for vocabulary in artifacts.vocabularies().values():
        for code, concept in vocabulary.get("concepts", {}).items():
            label = concept.get("label", {})
            if concept.get("uri"):
                labels[concept["uri"]] = label.get(lang) or label.get("en") or code
    return labels


class Names:
    """value -> what the table shows for it."""

    def __init__(self, lang: str, prefixes: Mapping[str, str] | None = None):
        self.labels = concept_labels(lang)
        known = dict(OUTPUT_PREFIXES)
        known.update(prefixes or {})
        # longest namespace first, so that `coe:` (…/peer-schema/compendium/) wins over `peer:`
        self.namespaces = sorted(((ns, p) for p, ns in known.items()), key=lambda pair: -len(pair[0]))

    def __call__(self, value: object) -> object:
        if not isinstance(value, str) or ":" not in value:
            return value
        label = self.labels.get(value)
        if label is not None:
            return label
        for namespace, prefix in self.namespaces:
            if value.startswith(namespace) and len(value) > len(namespace) and not any(c.isspace() for c in value):
                return f"{prefix}:{value[len(namespace):]}"
        return value

    def answer(self, answer: Answer) -> Answer:
        """The same answer, its cells named for people, row by row."""
        return Answer(answer.kind, list(answer.columns), (tuple(self(v) for v in row) for row in answer.rows))


def declared_prefixes(store_dir: str | Path | None = None, endpoint: str | Endpoint | None = None,
                      **options: object) -> dict[str, str]:
    """prefix -> namespace, as the datasets in the store (or endpoint) declare them; a prefix
    declared with two namespaces is left out. Options as for `run_sparql`."""
    from .queries import run_sparql

    seen: dict[str, set[str]] = {}
    for prefix, namespace in run_sparql(PREFIXES_QUERY, store_dir, endpoint, **options).rows:
        if isinstance(prefix, str) and isinstance(namespace, str):
            seen.setdefault(prefix, set()).add(namespace)
    return {prefix: next(iter(spaces)) for prefix, spaces in seen.items() if len(spaces) == 1}


def names_for_people(lang: str = "en", store_dir: str | Path | None = None, endpoint: str | Endpoint | None = None,
                     **options: object) -> Names:
    """The `Names` of a table from this store (or endpoint): call before the query it shows."""
    return Names(lang, declared_prefixes(store_dir, endpoint, **options))


__all__ = ["Names", "concept_labels", "declared_prefixes", "names_for_people"]
