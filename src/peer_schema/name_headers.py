"""Column headers that name a person's name (`Name`, `Prénom`, `Nachname`): the table readers
refuse such a column in the Peer workers sheet, the checks say why (checks/personal.py). Here,
below both, because the readers may not import the checks."""

from __future__ import annotations

import re
import unicodedata

#: headers that name a person's name, in the languages associations write in (accents, case,
#: spaces, hyphens and underscores aside)
NAME_HEADERS = frozenset({
    "name", "names", "full name", "fullname", "first name", "firstname", "first names", "last name", "lastname",
    "surname", "family name", "given name", "given names", "forename", "forenames", "middle name", "maiden name",
    "name and surname", "first and last name", "worker name", "peer worker name", "peer worker's name",
    "nom", "noms", "prenom", "prenoms", "nom de famille", "nom complet", "nom et prenom", "prenom et nom",
    "nom prenom", "prenom nom", "nom de jeune fille", "nom d'usage", "nom du pair aidant",
    "nachname", "vorname", "vornamen", "familienname", "vor und nachname", "geburtsname",
    "apellido", "apellidos", "nombre", "nombre completo", "cognome", "nome", "nome completo",
    "naam", "voornaam", "achternaam", "volledige naam", "imie", "nazwisko", "sobrenome",
})


def _header_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\s_\-*:./()]+", " ", text).split())


def is_name_header(header: str) -> bool:
    """Whether a column's header says it holds people's names (`Name`, `Prénom`, `Nachname`)."""
    return _header_key(header) in NAME_HEADERS
