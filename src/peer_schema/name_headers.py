"""Column headers that name a person's name (`Name`, `Prénom`, `Nachname`), contact details
(`Email`, `Téléphone`, `Adresse`) or birth date (`Date of birth`, `Geburtsdatum`): the table
readers refuse such a column, when it holds a value, in the Peer workers sheet, the checks say
why (checks/personal.py). Here, below both, because the readers may not import the checks."""

from __future__ import annotations

import re

from .text_folding import folded

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


#: headers of contact details: e-mail addresses, phone numbers, postal addresses
CONTACT_HEADERS = frozenset({
    "email", "emails", "e mail", "e mails", "mail", "email address", "e mail address", "mail address",
    "contact", "contacts", "contact details", "contact info", "contact information",
    "courriel", "courriels", "adresse mail", "adresse email", "adresse e mail", "adresse electronique", "mel",
    "coordonnees", "phone", "phones", "phone number", "telephone", "telephone number", "tel", "tel no", "mobile",
    "mobile phone", "mobile number", "cell", "cell phone", "cellphone", "portable", "numero de telephone",
    "numero de portable", "telephone portable", "tel portable", "gsm", "handy", "handynummer", "telefon",
    "telefonnummer", "telefono", "cellulare", "movil", "telefoon", "telefoonnummer", "telemovel",
    "address", "postal address", "home address", "street", "street address", "postcode", "post code",
    "zip", "zip code", "adresse", "adresse postale", "adresse du domicile", "domicile", "rue", "code postal",
    "anschrift", "strasse", "postleitzahl", "plz", "wohnort", "direccion", "indirizzo", "adres",
    "endereco",
})
#: headers of birth dates (and the year or place of birth, which with a role tell who it is)
BIRTH_HEADERS = frozenset({
    "date of birth", "dob", "d o b", "birth date", "birthdate", "birthday", "birth year", "year of birth",
    "place of birth", "birthplace", "born", "born on",
    "date de naissance", "ddn", "ne le", "nee le", "ne e le", "naissance", "annee de naissance",
    "lieu de naissance", "geburtsdatum", "geburtstag", "geburtsjahr", "geburtsort", "geboren", "geboren am",
    "fecha de nacimiento", "data di nascita", "geboortedatum", "data urodzenia", "data de nascimento",
})
#: words that, anywhere in a header, say it holds contact details or a birth date ("Work email",
#: "Téléphone (portable)", "Date of birth (dd/mm/yyyy)")
_CONTACT_WORDS = ("email", "e mail", "courriel", "telephone", "phone number", "mobile number", "telefon",
                  "postal address", "adresse postale", "adresse electronique", "adresse mail")
_BIRTH_WORDS = ("date of birth", "birth date", "year of birth", "date de naissance", "annee de naissance",
                "geburtsdatum", "geburtsjahr")


def _header_key(text: str) -> str:
    text = folded(text.replace("\u2019", "'"))
    return " ".join(re.sub(r"[\s_\-*:./()]+", " ", text).split())


def is_name_header(header: str) -> bool:
    """Whether a column's header says it holds people's names (`Name`, `Prénom`, `Nachname`)."""
    return _header_key(header) in NAME_HEADERS


def _holds_phrase(key: str, phrases: tuple[str, ...]) -> bool:
    return any(f" {phrase} " in f" {key} " for phrase in phrases)


def personal_header(header: str) -> str | None:
    """What kind of personal value a column's header says it holds: "name", "contact",
    "birth-date", or None."""
    key = _header_key(header)
    if key in NAME_HEADERS:
        return "name"
    if key in BIRTH_HEADERS or _holds_phrase(key, _BIRTH_WORDS):
        return "birth-date"
    if key in CONTACT_HEADERS or _holds_phrase(key, _CONTACT_WORDS):
        return "contact"
    return None
