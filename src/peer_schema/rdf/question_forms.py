"""What a page needs to draw each saved question as a form: its parameters with a label in English
or French, their kind, and, for a vocabulary, the codes allowed with their labels.

Everything comes from queries.py's `Question` and `Parameter` (the header of each .rq file) and
the package's vocabularies; this module only adds the labels a form shows. The question's title,
description and the parameters' descriptions are those of the .rq files, in English.

A form sends every field, empty ones too: `form_params` turns what a form sent into the
parameters `Source.question` / `run_question` take (an empty field: the parameter left out).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from functools import cache

from .. import artifacts
from ..model import model
from .practice_filters import concept_label, sort_key
from .queries import LANGUAGES, NONE_VALUE, ParameterError, Parameter, Question, get_question, list_questions
from .questions import PRACTICE_KIND

#: the longest value a form field may send
MAX_FIELD_LENGTH = 200

_LANG_NAMES = {"en": {"en": "English", "fr": "anglais"}, "fr": {"en": "French", "fr": "français"}}
_WORDS = {"lang": {"en": "Language", "fr": "Langue"},
          PRACTICE_KIND: {"en": "Practice (its key)", "fr": "Pratique (sa clé)"},
          "none": {"en": "none (no value)", "fr": "aucun (sans valeur)"}}


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    #: "lang", "Practice" (a text field: a practice's key or IRI), or the vocabulary's name ("Country"...)
    kind: str
    #: as the .rq header writes it: `Country+none`, `Competency:top`
    type_text: str
    required: bool
    default: str | None
    description: str
    #: every value allowed, with its label; sorted by label except the languages and `none` (last);
    #: empty for a text field (a practice)
    choices: tuple[Choice, ...]


@dataclass(frozen=True)
class QuestionForm:
    name: str
    title: str
    description: str
    columns: str
    fields: tuple[FormField, ...]
    lang: str

    def to_dict(self) -> dict:
        return asdict(self)


def question_forms(lang: str = "en") -> list[QuestionForm]:
    """Every saved question's form, by name."""
    return [question_form(q, lang) for q in list_questions()]


def question_form(question: str | Question, lang: str = "en") -> QuestionForm:
    """The form of a saved question (a Question, or its name: UnknownQuestion if none has it)."""
    if lang not in LANGUAGES:
        raise ParameterError(f"lang={str(lang)[:20]!r}: the language must be one of {', '.join(LANGUAGES)}")
    q = question if isinstance(question, Question) else get_question(question)
    return QuestionForm(q.name, q.title, q.description, q.columns_doc,
                        tuple(_field(p, lang) for p in q.parameters), lang)


def _field(p: Parameter, lang: str) -> FormField:
    return FormField(p.name, parameter_label(p, lang), p.kind, p.type_text, p.required, p.default,
                     p.description, _choices(p, lang))


def parameter_label(p: Parameter, lang: str) -> str:
    """The label of a slot of the model named like the parameter (`country` -> Country / Pays), else
    the vocabulary's title, else the name."""
    if p.kind in ("lang", PRACTICE_KIND):
        return _WORDS[p.kind][lang]
    label = _slot_labels().get(p.name)
    if label:
        return label.get(lang) or label.get("en") or p.name
    title = artifacts.vocabularies()[p.kind].get("title", {})
    return title.get(lang) or title.get("en") or p.name


@cache
def _slot_labels() -> dict[str, dict]:
    """slot name -> its label, for every slot of the model whose range is a vocabulary."""
    labels: dict[str, dict] = {}
    for cls in model().classes.values():
        for slot in cls.slots.values():
            if slot.kind == "enum" and slot.label:
                labels.setdefault(slot.name, slot.label)
    return labels


def _choices(p: Parameter, lang: str) -> tuple[Choice, ...]:
    if p.kind == PRACTICE_KIND:
        return ()
    if p.kind == "lang":
        return tuple(Choice(code, _LANG_NAMES[code][lang]) for code in p.choices())
    codes = [c for c in p.choices() if c != NONE_VALUE]
    found = sorted((Choice(c, concept_label(p.kind, c, lang)) for c in codes), key=lambda c: sort_key(c.label))
    if p.allows_none:
        found.append(Choice(NONE_VALUE, _WORDS["none"][lang]))
    return tuple(found)


def form_params(question: str | Question, sent: Mapping[str, object]) -> dict[str, str]:
    """The parameters a form sent, for `Source.question`: empty fields left out, fields the
    question does not have refused (ParameterError, as `Question.bind` would), values checked later
    by `Question.bind` (a code in another case is given its vocabulary's spelling). Values are text of at most MAX_FIELD_LENGTH characters."""
    q = question if isinstance(question, Question) else get_question(question)
    params: dict[str, str] = {}
    for name, value in sent.items():
        p = q.parameter(str(name)[:MAX_FIELD_LENGTH])  # raises for a field the question does not have
        if value is None:
            continue
        if not isinstance(value, str):
            raise ParameterError(f"{name}: the value must be text")
        if len(value) > MAX_FIELD_LENGTH:
            raise ParameterError(f"{name}: a value of {len(value)} characters; at most {MAX_FIELD_LENGTH}")
        if value.strip():
            params[str(name)] = _known_spelling(p, value.strip())
    return params


def _known_spelling(p: Parameter, value: str) -> str:
    """The code in the vocabulary's spelling when `value` differs from it only by case (`fr` for
    FR); otherwise `value` as sent, for `Question.bind` to refuse with its nearest codes."""
    if value in p.choices():
        return value
    folded = {c.casefold(): c for c in p.choices()}
    return folded.get(value.casefold(), value)


__all__ = ["Choice", "FormField", "QuestionForm", "form_params", "parameter_label", "question_form",
           "question_forms"]
