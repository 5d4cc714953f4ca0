"""One vocabulary's codes and labels, for people: what `peer-schema vocab SCHEME` lists.

A vocabulary is named as people meet it: its name in the model (`ConsentPurpose`), the last
part of its address (`consent-purpose`), or its title in English or French (`Consent purposes`,
`Finalités du consentement`), in any case, with spaces, hyphens or underscores.
"""

from __future__ import annotations

import csv
import difflib
import io
import re

from . import artifacts
from .text_folding import folded


def _key(text: str) -> str:
    text = folded(text)
    return re.sub(r"[\s_\-'’]+", "", text)


def scheme_names() -> dict[str, str]:
    """Every name a vocabulary may be given, normalised -> its name in the model."""
    names: dict[str, str] = {}
    for name, entry in artifacts.vocabularies().items():
        names.setdefault(_key(name), name)
        names.setdefault(_key(entry.get("scheme", "").rstrip("/").rsplit("/", 1)[-1]), name)
        for title in (entry.get("title") or {}).values():
            names.setdefault(_key(title), name)
    return names


def find_scheme(text: str) -> tuple[str | None, str]:
    """(the vocabulary `text` names, or None; the nearest title when none, or "")."""
    names = scheme_names()
    found = names.get(_key(text))
    if found is not None:
        return found, ""
    close = difflib.get_close_matches(_key(text), list(names), n=1, cutoff=0.6)
    return None, (title(names[close[0]], "en") if close else "")


def title(name: str, lang: str) -> str:
    titles = artifacts.vocabularies()[name].get("title") or {}
    return titles.get(lang) or titles.get("en") or name


def rows(name: str, lang: str) -> list[tuple[str, str]]:
    """(code, label in `lang`) of each concept, in the vocabulary's order; a narrower concept's
    label is indented under its broader one."""
    concepts = artifacts.vocabularies()[name]["concepts"]
    out = []
    for code, concept in concepts.items():
        labels = concept.get("label") or {}
        label = labels.get(lang) or labels.get("en") or ""
        depth, parent = 0, concept.get("broader")
        while parent in concepts and depth < 5:
            depth, parent = depth + 1, concepts[parent].get("broader")
        out.append((code, "  " * depth + label))
    return out


def schemes(lang: str) -> list[tuple[str, str]]:
    """(title in `lang`, name in the model) of every vocabulary, by title: people name a list by
    its title (`peer-schema vocab "Peer roles"`); the model's name is for developers."""
    return sorted(((title(name, lang), name) for name in artifacts.vocabularies()), key=lambda r: r[0].casefold())


def schemes_header(lang: str) -> tuple[str, str]:
    return ("titre", "nom dans le modèle") if lang == "fr" else ("title", "name in the model")


def as_table(header: tuple[str, str], body: list[tuple[str, str]]) -> str:
    """Two aligned columns, as a terminal shows them."""
    width = max(len(r[0]) for r in [header, *body])
    lines = [f"{header[0]:<{width}}  {header[1]}", f"{'-' * width}  {'-' * max(len(header[1]), 5)}"]
    lines += [f"{code:<{width}}  {label}" for code, label in body]
    return "\n".join(lines) + "\n"


def as_csv(header: tuple[str, str], body: list[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows((code, label.strip()) for code, label in body)
    return out.getvalue()


__all__ = ["as_csv", "as_table", "find_scheme", "rows", "scheme_names", "schemes", "schemes_header", "title"]
