"""Hypothesis strategies for records of the model, made from the model itself (not a hand list).

They draw records of the right shape (every field with a value of its range: text, numbers,
dates, codes of the vocabularies, groups, texts in several languages), not records that pass
every rule: the round trips are properties of the readers and writers, not of the checks.
Values are what each form can hold without loss (see the test module).
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from peer_schema import artifacts
from peer_schema.model import model
from peer_schema.table_layout import DATASET, is_map

PREFIX, NAMESPACE = "ex", "https://example.org/id/"
LANGS = ("en", "fr", "de")

# Text as people type it in a cell: no surrounding spaces (a cell is trimmed), no control
# characters (XML cannot hold them), no | (it separates the values of a list in a cell).
_TEXT_CHARS = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="|\u00a0\ufeff")
text = st.text(_TEXT_CHARS, min_size=1, max_size=24).map(str.strip).filter(bool)
_slug = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10)
curie = _slug.map(lambda s: f"{PREFIX}:x/{s}")
uri = _slug.map(lambda s: f"https://example.org/{s}")
_SCALARS = {
    "string": text,
    "CurieOrUri": curie,
    "uri": uri,
    "integer": st.integers(0, 10**6),
    "Year": st.integers(1900, 2026),
    "float": st.integers(0, 10**6).map(lambda n: n / 8),  # exact in binary and in decimal
    "boolean": st.booleans(),
    "date": st.dates(date(1700, 1, 1), date(2099, 12, 31)).map(date.isoformat),
    "LanguageTag": st.sampled_from(LANGS),
}


def _codes(enum: str) -> list[str]:
    return sorted(artifacts.vocabularies()[enum]["concepts"])


def _value(owner: str, slot, depth: int):
    if slot.name == "id":
        return curie
    if slot.kind == "enum":
        one = st.sampled_from(_codes(slot.range))
    elif slot.reference:
        one = curie
    elif slot.kind == "class":
        if slot.multivalued and is_map(owner, slot.name):
            if slot.range == "PrefixDeclaration":
                return st.just({PREFIX: NAMESPACE})
            return st.dictionaries(st.sampled_from(LANGS), text, min_size=1)
        one = record(slot.range, depth - 1)
    else:
        one = _SCALARS[slot.range]
    if not slot.multivalued:
        return one
    # a list is a set in RDF and in a cell: no value twice
    return st.lists(one, min_size=1, max_size=3, unique_by=lambda v: repr(v))


def record(cls: str, depth: int = 2):
    """Records of `cls`: required fields always, others sometimes; groups to `depth` levels."""
    slots = model().classes[cls].slots
    skip = set(model().containers) if cls == DATASET else set()
    required, optional = {}, {}
    for name, slot in slots.items():
        if name in skip or (slot.kind == "class" and not slot.reference and depth <= 0
                            and not (slot.multivalued and is_map(cls, name))):
            continue
        (required if slot.required else optional)[name] = _value(cls, slot, depth)
    return st.fixed_dictionaries(required, optional=optional).filter(bool)


def _unique_ids(node, counter):
    """Every identifier in the dataset made unique, as the model requires (in RDF, two records
    with one identifier are one node)."""
    if isinstance(node, dict):
        if "id" in node:
            node["id"] = f"{PREFIX}:r/{next(counter)}"
        for value in node.values():
            _unique_ids(value, counter)
    elif isinstance(node, list):
        for value in node:
            _unique_ids(value, counter)
    return node


def dataset(classes=("Organisation", "Membership", "TrainingProgramme", "PeerWorker", "Practice")):
    """A dataset: a header with its prefix declared, and a few records of each class."""
    from itertools import count

    m = model()
    lists = {m.container_of(c): st.lists(record(c), min_size=0, max_size=3) for c in classes}
    return st.tuples(record(DATASET), st.fixed_dictionaries(lists)).map(
        lambda parts: {**_unique_ids(parts[0], count()), "prefixes": {PREFIX: NAMESPACE},
                       **_unique_ids({k: v for k, v in parts[1].items() if v}, count(1000)),
                       "id": f"{PREFIX}:dataset/d"})
