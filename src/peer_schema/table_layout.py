"""The workbook's layout, derived from the model alone: which sheets, which columns, their labels.

One sheet per kind of record an association fills (the dataset's header and each list of the
dataset except the vocabularies); one column per field. Groups of fields are flattened the way
the CSV tables name them (docs/tables.md): `membership.member_count`, `title.fr`,
`disclosure_consents.1.audiences`. Each column has a label in English and French made from the
model's labels ("Membership profile – Member count", "Title (fr)", "Disclosure consents 1 –
Audiences") and that machine name, which the template keeps in its second row.

The template, the export to a workbook and the reader all use this module, so a workbook written
by one is read by the other whatever the language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from . import artifacts
from .model import Slot, model

LANGUAGES = ("en", "fr")
DATASET = "Dataset"
#: the lists of a dataset that are not filled by hand: the vocabularies are published with the model
NOT_FILLED = frozenset({"concept_schemes"})
#: how many numbered groups the template offers for a list of groups (others: one)
TEMPLATE_REPEATS = {"disclosure_consents": 2, "identifiers": 2}
#: the prefix the template declares for identifiers (`ex:org/1`); a dataset may rename it
TEMPLATE_PREFIX = "ex"
#: the most numbered groups a label is recognised for (`Disclosure consents 12 – Audiences`)
MAX_LABELLED_REPEATS = 30
#: fields first on a sheet, in this order; then the required fields, then the rest by label
FIRST = ("id", "name", "title")

#: Plain words for the columns whose label or description in the model speaks to developers
#: (CURIE, URI, IRI): slot name -> {"label"|"description": {lang: text}}. `{prefix}` is the
#: workbook's prefix. The model keeps its own words for the developers' documentation.
PLAIN_COLUMNS = {
    "id": {"description": {
        "en": "The record's identifier: your prefix, a colon and a short name without spaces "
              "({prefix}:org/our-association), or a full web address. For a peer worker, a code that says nothing "
              "about the person ({prefix}:pw/4c81d2), never a name or initials.",
        "fr": "L'identifiant de l'enregistrement : votre préfixe, deux-points et un nom court sans espace "
              "({prefix}:org/notre-association), ou une adresse web complète. Pour un travailleur pair, un code qui "
              "ne dit rien de la personne ({prefix}:pw/4c81d2), jamais un nom ni des initiales."}},
    "license": {"description": {"en": "The licence the data is shared under.",
                                "fr": "La licence sous laquelle les données sont partagées."}},
    "conforms_to": {"description": {
        "en": "The web address of the version of this standard the data follows "
              "(https://w3id.org/peer-schema/0.2.0/). You may leave it empty: it is worked out from the schema version.",
        "fr": "L'adresse web de la version de ce standard que suivent les données "
              "(https://w3id.org/peer-schema/0.2.0/). Vous pouvez la laisser vide : elle est déduite de la version du "
              "schéma."}},
    "prefixes": {"description": {
        "en": "The web address your organisation uses for its identifiers (https://our-association.org/id/): with "
              "it, {prefix}:org/our-association stands for https://our-association.org/id/org/our-association.",
        "fr": "L'adresse web que votre organisation utilise pour ses identifiants (https://notre-association.org/id/) : "
              "avec elle, {prefix}:org/notre-association désigne https://notre-association.org/id/org/notre-association."}},
    "identifier_uri": {
        "label": {"en": "Identifier web address", "fr": "Adresse web de l'identifiant"},
        "description": {"en": "The web address of the identifier in its register, where the register has one.",
                        "fr": "L'adresse web de l'identifiant dans son registre, lorsque le registre en donne une."}},
}


def _fallback(name: str) -> str:
    return name.replace("_", " ").capitalize()


def slot_label(slot: Slot, lang: str) -> str:
    labels = PLAIN_COLUMNS.get(slot.name, {}).get("label") or getattr(slot, "label", None) or {}
    return labels.get(lang) or labels.get("en") or _fallback(slot.name)


def slot_description(slot: Slot, lang: str) -> str:
    texts = PLAIN_COLUMNS.get(slot.name, {}).get("description") or getattr(slot, "description", None) or {}
    return texts.get(lang) or texts.get("en") or ""


def class_label(cls: str, lang: str) -> str:
    labels = getattr(model().classes[cls], "label", None) or {}
    return labels.get(lang) or labels.get("en") or cls


@cache
def is_map(cls: str, slot: str) -> bool:
    """Whether a multivalued slot is a map in JSON (`title: {en: ...}`, `prefixes: {ex: ...}`)."""
    prop = artifacts.json_schema()["$defs"].get(cls, {}).get("properties", {}).get(slot, {})
    return "additionalProperties" in prop and "items" not in prop


@dataclass(frozen=True)
class Column:
    #: from the record to the value: keys, and 0-based positions in lists of groups
    path: tuple
    #: the field the cells hold (for `title.fr`, the `title` slot)
    slot: Slot
    #: the column as the CSV tables name it, kept in the template's second row
    name: str
    labels: tuple  # ((lang, label), ...)
    descriptions: tuple  # ((lang, text), ...)
    required: bool

    def label(self, lang: str) -> str:
        return dict(self.labels)[lang]

    def description(self, lang: str) -> str:
        return dict(self.descriptions)[lang]


#: the sheets in the order an association fills them (any other list of the dataset comes after)
SHEET_ORDER = (DATASET, "Organisation", "Membership", "TrainingProgramme", "PeerWorker", "Practice", "CompendiumSection")


def sheet_classes() -> list[str]:
    """The classes that have a sheet, in the workbook's order."""
    filled = [cls for container, cls in model().containers.items() if container not in NOT_FILLED]
    return [c for c in SHEET_ORDER if c == DATASET or c in filled] + [c for c in filled if c not in SHEET_ORDER]


def _ordered(cls: str) -> list[Slot]:
    slots = model().classes[cls].slots
    skip = set(model().containers) if cls == DATASET else set()
    chosen = [s for s in slots.values() if s.name not in skip]
    rank = {name: i for i, name in enumerate(FIRST)}
    return sorted(chosen, key=lambda s: (rank.get(s.name, len(FIRST)), not s.required, slot_label(s, "en").casefold()))


def columns(cls: str, repeats: dict[tuple, int] | None = None, map_keys: dict[tuple, list[str]] | None = None,
            lang: str = "en") -> list[Column]:
    """The columns of a sheet of `cls`.

    repeats: how many numbered groups each list of groups gets (by its path of names, e.g.
    `("disclosure_consents",)`); by default the template's. map_keys: the keys of each map
    (languages of a text, prefixes); by default English and French, and the template's prefix.
    lang: the language whose text column is marked required.
    """
    out: list[Column] = []
    _columns(cls, (), (), True, repeats, map_keys, lang, out, None)
    return out


def _columns(cls, path, names, required_so_far, repeats, map_keys, lang, out, labels):
    for slot in _ordered(cls):
        slot_path = path + (slot.name,)
        key = tuple(p for p in slot_path if isinstance(p, str))
        here_labels = {lg: _join(labels, lg, slot_label(slot, lg)) for lg in LANGUAGES}
        here_desc = {lg: slot_description(slot, lg) for lg in LANGUAGES}
        required = required_so_far and slot.required
        name = ".".join(names + (slot.name,))
        if slot.kind != "class" or slot.reference:
            out.append(Column(slot_path, slot, name, tuple(here_labels.items()), tuple(here_desc.items()), required))
        elif slot.multivalued and is_map(cls, slot.name):
            default = [TEMPLATE_PREFIX] if slot.range == "PrefixDeclaration" else list(LANGUAGES)
            keys = (map_keys or {}).get(key, default)
            for k in keys:
                out.append(Column(slot_path + (k,), slot, f"{name}.{k}",
                                  tuple((lg, f"{here_labels[lg]} ({k})") for lg in LANGUAGES),
                                  tuple(here_desc.items()), required and k == lang))
        elif slot.multivalued:
            count = (repeats or {}).get(key, TEMPLATE_REPEATS.get(slot.name, 1))
            for n in range(count):
                numbered = {lg: f"{here_labels[lg]} {n + 1}" for lg in LANGUAGES}
                _columns(slot.range, slot_path + (n,), names + (slot.name, str(n + 1)), False, repeats,
                         map_keys, lang, out, numbered)
        else:
            _columns(slot.range, slot_path, names + (slot.name,), required, repeats, map_keys, lang, out,
                     here_labels)


def _join(group: dict | None, lang: str, label: str) -> str:
    return f"{group[lang]} – {label}" if group else label


# -- reading labels back ---------------------------------------------------------------------------
_SEPARATORS = re.compile(r"[\s:–—\-›>()\[\]/*]+")


def normal_label(text: str) -> str:
    """A label as people may type it: any case and spacing, with or without the separators and
    the required mark (`Membership profile – Member count *` = `membership profile member count`)."""
    text = unicodedata.normalize("NFC", text).replace("\ufeff", "").replace("\u2019", "'")
    return _SEPARATORS.sub(" ", text).strip().casefold()


@cache
def label_index(cls: str) -> dict[str, str]:
    """Every label a column of `cls` may have, normalised, in either language -> its machine name.
    Numbered groups are known up to MAX_LABELLED_REPEATS; texts in the template's languages."""
    index: dict[str, str] = {}
    repeats = _all_lists(cls, MAX_LABELLED_REPEATS)
    for column in columns(cls, repeats):
        plain = PLAIN_COLUMNS.get(column.slot.name, {}).get("label", {})
        for lang, label in column.labels:
            index.setdefault(normal_label(label), column.name)
            if plain.get(lang) and column.slot.label.get(lang):  # the model's own words, as older workbooks have them
                index.setdefault(normal_label(label.replace(plain[lang], column.slot.label[lang])), column.name)
    return index


@cache
def machine_labels(cls: str, lang: str) -> dict[str, str]:
    """Machine name -> label in `lang`, for every column `label_index` knows."""
    return {c.name: c.label(lang) for c in columns(cls, _all_lists(cls, MAX_LABELLED_REPEATS))}


def _all_lists(cls: str, count: int, path: tuple = (), out: dict | None = None) -> dict[tuple, int]:
    out = {} if out is None else out
    for slot in model().classes[cls].slots.values():
        if slot.kind == "class" and not slot.reference and not (slot.multivalued and is_map(cls, slot.name)):
            if cls == DATASET and slot.name in model().containers:
                continue
            key = path + (slot.name,)
            if slot.multivalued:
                out[key] = count
            if len(key) < 4:  # groups nest a few levels at most; this keeps a cycle from looping
                _all_lists(slot.range, count if not slot.multivalued else 1, key, out)
    return out


@cache
def sheet_names() -> dict[str, str]:
    """Names a sheet may have, normalised -> its class: the class, its list in the dataset, its
    label in either language (`Organisations`, `organisations`, `Travailleurs pairs`)."""
    names: dict[str, str] = {}
    m = model()
    for cls in sheet_classes():
        names[normal_label(cls)] = cls
        for lang in LANGUAGES:
            names.setdefault(normal_label(class_label(cls, lang)), cls)
        for container, c in m.containers.items():
            if c == cls:
                names.setdefault(normal_label(container.replace("_", " ")), cls)
    return names


def class_of_sheet(name: str) -> str | None:
    return sheet_names().get(normal_label(name))
