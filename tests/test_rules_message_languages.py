"""One language per message: no English in a French template or hint, no French in an English
one, and none in the values a rule puts into a message (issue 12: "an unknown share of")."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLES, files_in

from peer_schema import validate
from peer_schema.report.catalogue import CATALOGUE

#: short words that only one of the two languages uses (none is a word of the other)
ENGLISH = {"the", "of", "is", "an", "and", "or", "to", "in", "it", "its", "this", "that", "with", "without", "not",
           "be", "are", "has", "have", "must", "should", "unknown", "share", "which", "from", "for", "by", "at",
           "than", "more", "no", "any", "field", "value", "file", "record", "check", "add", "remove", "here", "was",
           "you", "your", "when", "each", "only", "every", "never", "there", "what", "would", "needed", "write"}
FRENCH = {"le", "la", "les", "des", "du", "un", "une", "est", "sont", "doit", "dans", "pour", "avec", "sans", "ou",
          "et", "pas", "ce", "cette", "qui", "que", "sur", "au", "aux", "leur", "vous", "vérifiez", "champ",
          "fichier", "valeur", "inconnue", "aucun", "aucune", "être", "vos", "votre", "chaque", "jamais",
          "seulement", "quand", "mais", "avant", "après", "ici", "aussi", "il", "elle", "ne", "nous"}

#: what is not prose: {parameters}, `code`, "quoted" or « quoted » names, options, identifiers,
#: field names (snake_case), paths, codes (rules.x), formats, file names
NOT_PROSE = re.compile(r"\{[^}]*\}|`[^`]*`|\"[^\"]*\"|«[^»]*»|--[\w-]+|\S*\w[_/:.@#\\]\w\S*|\S*_\S*")


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", NOT_PROSE.sub(" ", text))}


def _strays(text: str, other: set[str]) -> set[str]:
    return {w for w in _words(text) if w in other or w.split("'")[-1] in other}


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_template_is_in_one_language(code):
    entry = CATALOGUE[code]
    problems = {
        "message_en": _strays(entry.message_en, FRENCH), "hint_en": _strays(entry.hint_en, FRENCH),
        "message_fr": _strays(entry.message_fr, ENGLISH), "hint_fr": _strays(entry.hint_fr, ENGLISH),
    }
    assert {k: v for k, v in problems.items() if v} == {}


def test_the_word_lists_catch_what_they_should():
    """The check itself: it finds a stray word, and does not take names of fields or codes for one."""
    assert _strays("les pairs occupent an unknown share of 51 %", ENGLISH) == {"an", "unknown", "share", "of"}
    assert _strays("the share is la moitié.", FRENCH) == {"la"}
    assert _strays("Vérifiez the year.", ENGLISH) == {"the"} and _strays("check l'année.", FRENCH) == set()
    assert _strays("Ajoutez accrediting_body, `the_field`, « the », --max-errors et peer-schema vocab", ENGLISH) == set()


@pytest.mark.parametrize("path", files_in(EXAMPLES / "invalid"), ids=lambda p: p.name)
def test_messages_of_each_example_in_french_hold_no_english(path):
    """What a rule substitutes into a template is in the report's language too (or a code, a
    number, a name: quoted or written as an identifier)."""
    report = validate([path], lang="fr")
    for finding in report.findings:
        assert _strays(finding.message("fr"), ENGLISH) == set(), finding.code
        assert _strays(finding.hint("fr"), ENGLISH) == set(), finding.code
        assert _strays(finding.message("en"), FRENCH) == set(), finding.code
