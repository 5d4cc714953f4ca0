"""A finding code of the catalogue: its severity and its words in English and French
(report/catalogue.py lists them)."""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    message_en: str
    message_fr: str
    hint_en: str
    hint_fr: str
    example: str  # a file in examples/invalid/, or how to make the problem happen

    def message(self, lang: str, params: dict) -> str:
        return _fill(self.message_fr if lang == "fr" else self.message_en, params)

    def hint(self, lang: str, params: dict) -> str:
        return _fill(self.hint_fr if lang == "fr" else self.hint_en, params)


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, params: dict) -> str:
    return template.format_map(_Missing(params))
