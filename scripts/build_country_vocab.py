#!/usr/bin/env python3
"""Build vocab/countries.yaml: the `pv:country` concept scheme.

One concept per ISO 3166-1 country (codes and names from the pycountry package), plus the
collection of the Council of Europe's 46 current member states, which carry the CoE's own
official English and French names (hand-written table below) and their year of accession.
A few ISO/iso-codes names that read unnaturally are replaced by the usual short names (override
tables below).

pycountry is a dev-only tool: it is imported here and nowhere else, and is not a project
dependency. Run in a throwaway environment, e.g.

    python3 -m venv /tmp/cvenv && /tmp/cvenv/bin/pip install pycountry pyyaml
    /tmp/cvenv/bin/python scripts/build_country_vocab.py

The output is deterministic: concepts and collection members sorted by alpha-2 code, fixed
key order, every string double-quoted (so that "NO" stays the code of Norway, not false).
"""

import gettext
import json
import re
from importlib.metadata import version
from pathlib import Path

import pycountry
import yaml

OUT = Path(__file__).resolve().parent.parent / "vocab" / "countries.yaml"
EU_COUNTRY = "http://publications.europa.eu/resource/authority/country"
COE_LIST_URL = "https://www.coe.int/en/web/portal/46-members-states"

# Council of Europe member states (46 since the expulsion of the Russian Federation on
# 16 March 2022): alpha-2 -> (official English name, official French name, year of accession).
COE_MEMBERS = {
    "AD": ("Andorra", "Andorre", 1994),
    "AL": ("Albania", "Albanie", 1995),
    "AM": ("Armenia", "Arménie", 2001),
    "AT": ("Austria", "Autriche", 1956),
    "AZ": ("Azerbaijan", "Azerbaïdjan", 2001),
    "BA": ("Bosnia and Herzegovina", "Bosnie-Herzégovine", 2002),
    "BE": ("Belgium", "Belgique", 1949),
    "BG": ("Bulgaria", "Bulgarie", 1992),
    "CH": ("Switzerland", "Suisse", 1963),
    "CY": ("Cyprus", "Chypre", 1961),
    "CZ": ("Czech Republic", "République tchèque", 1993),
    "DE": ("Germany", "Allemagne", 1950),
    "DK": ("Denmark", "Danemark", 1949),
    "EE": ("Estonia", "Estonie", 1993),
    "ES": ("Spain", "Espagne", 1977),
    "FI": ("Finland", "Finlande", 1989),
    "FR": ("France", "France", 1949),
    "GB": ("United Kingdom", "Royaume-Uni", 1949),
    "GE": ("Georgia", "Géorgie", 1999),
    "GR": ("Greece", "Grèce", 1949),
    "HR": ("Croatia", "Croatie", 1996),
    "HU": ("Hungary", "Hongrie", 1990),
    "IE": ("Ireland", "Irlande", 1949),
    "IS": ("Iceland", "Islande", 1950),
    "IT": ("Italy", "Italie", 1949),
    "LI": ("Liechtenstein", "Liechtenstein", 1978),
    "LT": ("Lithuania", "Lituanie", 1993),
    "LU": ("Luxembourg", "Luxembourg", 1949),
    "LV": ("Latvia", "Lettonie", 1995),
    "MC": ("Monaco", "Monaco", 2004),
    "MD": ("Republic of Moldova", "République de Moldova", 1995),
    "ME": ("Montenegro", "Monténégro", 2007),
    "MK": ("North Macedonia", "Macédoine du Nord", 1995),
    "MT": ("Malta", "Malte", 1965),
    "NL": ("Netherlands", "Pays-Bas", 1949),
    "NO": ("Norway", "Norvège", 1949),
    "PL": ("Poland", "Pologne", 1991),
    "PT": ("Portugal", "Portugal", 1976),
    "RO": ("Romania", "Roumanie", 1993),
    "RS": ("Serbia", "Serbie", 2003),
    "SE": ("Sweden", "Suède", 1949),
    "SI": ("Slovenia", "Slovénie", 1993),
    "SK": ("Slovak Republic", "République slovaque", 1993),
    "SM": ("San Marino", "Saint-Marin", 1988),
    "TR": ("Türkiye", "Türkiye", 1949),
    "UA": ("Ukraine", "Ukraine", 1995),
}
assert len(COE_MEMBERS) == 46

# English names of non-member countries, where pycountry has neither a common name nor a natural
# short name, only the inverted ISO form. alpha-2 -> English short name (the ISO form replaced is
# in the comment).
ENGLISH_NAME_OVERRIDES = {
    "CD": "Democratic Republic of the Congo",  # Congo, The Democratic Republic of the
    "FM": "Micronesia",  # Micronesia, Federated States of
    "PS": "Palestine",  # Palestine, State of
    "VG": "British Virgin Islands",  # Virgin Islands, British
    "VI": "United States Virgin Islands",  # Virgin Islands, U.S.
}

# French names of non-member countries: the iso-codes translations shipped with pycountry use
# inverted index forms ("Salomon, Îles"), official long forms ("Russie, Fédération de") or
# spellings that are not the usual ones. alpha-2 -> the usual French short name, as used by the
# French Ministry for Europe and Foreign Affairs and the EU Interinstitutional Style Guide
# (Code de rédaction interinstitutionnel, list of countries); the form replaced is in the comment.
FRENCH_NAME_OVERRIDES = {
    # Inverted or long official forms.
    "AX": "Îles Åland",  # Åland, Îles
    "CC": "Îles Cocos (Keeling)",  # Cocos (Keeling), Îles
    "CX": "Île Christmas",  # Christmas, Île
    "FK": "Îles Malouines (Falkland)",  # Malouines, Îles (Falkland)
    "FM": "Micronésie",  # Micronésie, États fédérés de
    "PS": "Palestine",  # Palestine, État de
    "RE": "La Réunion",  # Réunion, Île de la
    "RU": "Russie",  # Russie, Fédération de
    "SB": "Îles Salomon",  # Salomon, Îles
    "VI": "Îles Vierges des États-Unis",  # Îles Vierges, États-Unis
    "BN": "Brunei",  # Brunéi Darussalam
    "CG": "Congo",  # République du Congo (the English label is "Congo")
    "VA": "Saint-Siège",  # Saint-Siège (état de la cité du Vatican)
    # Spelling, capitalisation and usual form.
    "BY": "Biélorussie",  # Bélarus
    "GF": "Guyane",  # Guyane française
    "GL": "Groenland",  # Groënland
    "GQ": "Guinée équatoriale",  # Guinée Équatoriale
    "LR": "Liberia",  # Libéria
    "MO": "Macao",  # Macau
    "NU": "Niue",  # Nioue
    "SJ": "Svalbard et Jan Mayen",  # Svalbard et île Jan Mayen
    "SR": "Suriname",  # Surinam
    "VE": "Venezuela",  # Vénézuela
    "WF": "Wallis-et-Futuna",  # Wallis et Futuna
}

# Concept-level editorial notes for non-member countries.
EDITORIAL_NOTES = {
    "TW": "ISO 3166-1 short name: Taiwan, Province of China.",
}

# Names in which ", " starts an enumeration, not an inverted form (see check_names).
ENUMERATED_NAMES = {"BQ", "SH"}  # Bonaire, Sint Eustatius and Saba; Saint Helena, Ascension and ...

for _table in (ENGLISH_NAME_OVERRIDES, FRENCH_NAME_OVERRIDES, EDITORIAL_NOTES):
    assert not set(_table) & set(COE_MEMBERS), "CoE members keep the CoE's own names"


def q(text):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def labels(en, fr):
    return "{en: %s, fr: %s}" % (q(en), q(fr))


def iso_names(country, fr):
    """English and French short names from pycountry; common_name (Bolivia, Iran...) if any."""
    en = getattr(country, "common_name", None) or country.name
    # French: translate the common name if the catalogue has it (gettext exposes no public
    # membership test, hence _catalog), else translate the official short name.
    fr_name = fr.gettext(en) if en in fr._catalog else fr.gettext(country.name)
    code = country.alpha_2
    return ENGLISH_NAME_OVERRIDES.get(code, en), FRENCH_NAME_OVERRIDES.get(code, fr_name)


def check_names(code, *names):
    """Fail on an empty name or an inverted ISO form ("Korea, Republic of", "Salomon, Îles")."""
    for name in names:
        assert name and name == name.strip(), f"{code}: empty or padded name {name!r}"
        if code not in ENUMERATED_NAMES:
            assert not re.search(r",\s*\w", name), f"{code}: inverted form {name!r}"


def build():
    fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    pyc_version = version("pycountry")
    countries = sorted(pycountry.countries, key=lambda c: c.alpha_2)
    codes = {c.alpha_2 for c in countries}
    for table in (COE_MEMBERS, ENGLISH_NAME_OVERRIDES, FRENCH_NAME_OVERRIDES, EDITORIAL_NOTES):
        missing = set(table) - codes
        assert not missing, f"codes not in ISO 3166-1: {missing}"

    out = [
        "# Generated by scripts/build_country_vocab.py -- do not edit by hand; edit the script and re-run.",
        f"# Sources: ISO 3166-1 via pycountry {pyc_version} (codes, English names, French translations);",
        f"# Council of Europe official names of its 46 member states ({COE_LIST_URL});",
        f"# EU Publications Office Country authority table ({EU_COUNTRY}).",
        "id: pv:vocabulary/country",
        "title: " + labels("Countries and Council of Europe member states",
                           "Pays et États membres du Conseil de l'Europe"),
        'publisher: {id: "https://w3id.org/peer-schema", name: "peer_schema maintainers"}',
        'dataset_version: "1.0.0"',
        'schema_version: "0.2.0"',
        'license: "https://creativecommons.org/publicdomain/zero/1.0/"',
        "access_rights: public",
        'created: "2026-11-23"',
        "concept_schemes:",
        "  - id: pv:country",
        "    notation: country",
        "    title: " + labels("Countries", "Pays"),
        "    description:",
        "      en: " + q("Countries and territories of ISO 3166-1, identified by their alpha-2 code, "
                        "with the Council of Europe member states as a collection."),
        "      fr: " + q("Pays et territoires de l'ISO 3166-1, identifiés par leur code alpha-2, "
                        "avec les États membres du Conseil de l'Europe regroupés dans une collection."),
        "    sources:",
        "      - text: " + q(f"ISO 3166-1 country codes and short names, via the pycountry Python package, "
                             f"version {pyc_version} (data and French translations from Debian iso-codes)"),
        '        url: "https://pypi.org/project/pycountry/"',
        "      - text: " + q("Council of Europe, 46 member states (official English and French names)"),
        "        url: " + q(COE_LIST_URL),
        "      - text: " + q("Publications Office of the European Union, EU Vocabularies, Country authority table"),
        "        url: " + q(EU_COUNTRY),
        "    editorial_note: " + q(
            "The compendium's country filter list (the source seed of this vocabulary) shows 46 names, "
            "two of them in French (Norvège, Pays-Bas); the compendium text speaks of 47 member states, "
            "the number before the Russian Federation's expulsion from the Council of Europe on 16 March 2022. "
            "The 46 member states carry the Council of Europe's official English and French names; the names "
            "of all other countries come from ISO 3166-1 via pycountry (English short name, or its common name "
            "where pycountry has one; French from the iso-codes translations it ships), except where those are "
            "inverted ISO forms or unusual spellings: these are replaced by the usual short names of the French "
            "Ministry for Europe and Foreign Affairs and the EU Interinstitutional Style Guide."),
        "    concepts:",
    ]
    for c in countries:
        code = c.alpha_2
        if code in COE_MEMBERS:
            en, fr_name, year = COE_MEMBERS[code]
        else:
            (en, fr_name), year = iso_names(c, fr), None
        check_names(code, en, fr_name)
        out += [
            f"      - id: pv:country/{code}",
            f"        notation: {q(code)}",
            f"        pref_label: {labels(en, fr_name)}",
            f"        exact_match: [{q(f'{EU_COUNTRY}/{c.alpha_3}')}]",
        ]
        note = f"Council of Europe member since {year}." if year else EDITORIAL_NOTES.get(code)
        if note:
            out.append(f"        editorial_note: {q(note)}")
    out += [
        "    collections:",
        "      - id: pv:country/coe-member-states",
        "        pref_label: " + labels("Council of Europe member states",
                                        "États membres du Conseil de l'Europe"),
        "        members:",
    ]
    out += [f"          - pv:country/{code}" for code in sorted(COE_MEMBERS)]
    return "\n".join(out) + "\n"


def main():
    text = build()
    yaml.safe_load(text)  # fail here rather than write a file that does not parse
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
