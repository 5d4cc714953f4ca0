"""How a merge recognises the same organisation under two identifiers, and lists likely ones.

- Same organisation: the same entry in an outside register (`identifiers`: scheme + value,
  compared without case, spaces, dots, dashes or slashes: `BE-KBO 0123.456.789` is
  `be-kbo 0123456789`), or the same website (`homepage`: host in lower case, without `www.`).
  A key that two organisations of the same bundle share says nothing (a hosting platform, a
  federation's site holding its members' pages): it is not used for that bundle. Nor are the
  hosts many organisations share everywhere (social networks, blog and site builders, the
  reserved example domains): a page there says nothing about who the organisation is.
- Probable duplicates (listed, never merged): the same name once normalised (accents, case,
  punctuation and legal-form words such as asbl, association, e.V. removed) in the same country.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from urllib.parse import urlsplit

from ..text_folding import folded

#: legal-form and similar words left out of a name before comparing (after accents, case and
#: dots are removed: "e.V." is "ev", "S.à r.l." is "sarl")
LEGAL_FORMS = frozenset("""
    asbl aisbl vzw ivzw association associations assoc loi 1901 ev eingetragener verein gmbh ggmbh ug
    ltd limited cic cio charity plc inc llc sa sarl srl sas scrl scs sprl bv nv stichting vereniging
    aps ets odv onlus aps coop cooperative ab as asa oy ry kft sro zs ngo ong fundacion fundacja
    stowarzyszenie udruga zdruzenje ideell forening
""".split())


def identifier_key(identifier: dict) -> tuple[str, str, str] | None:
    scheme, value = identifier.get("scheme"), identifier.get("value")
    if not isinstance(scheme, str) or not isinstance(value, str):
        return None
    value = re.sub(r"[\s./-]+", "", value).casefold()
    return ("identifier", scheme.strip().casefold(), value) if value else None


#: hosts that hold the pages of many unrelated organisations: never a sign of the same one
SHARED_HOSTS = frozenset("""
    example.org example.com example.net facebook.com fb.com instagram.com linkedin.com x.com twitter.com
    youtube.com linktr.ee wordpress.com blogspot.com wixsite.com wix.com sites.google.com google.com
    jimdosite.com jimdo.com weebly.com squarespace.com canalblog.com over-blog.com e-monsite.com
    helloasso.com github.io notion.site
""".split())


def domain_key(homepage) -> tuple[str, str] | None:
    if not isinstance(homepage, str):
        return None
    return _domain_key(homepage)


@lru_cache(maxsize=65536)  # the same organisation's site comes again in every bundle that lists it
def _domain_key(homepage: str) -> tuple[str, str] | None:
    try:
        host = urlsplit(homepage.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    host = host.removeprefix("www.")
    if not host or host in SHARED_HOSTS:
        return None
    return ("website", host)


def keys(org: dict) -> list[tuple]:
    found = []
    identifiers = org.get("identifiers")
    for identifier in identifiers if isinstance(identifiers, list) else ():
        if isinstance(identifier, dict) and (key := identifier_key(identifier)):
            found.append(key)
    if key := domain_key(org.get("homepage")):
        found.append(key)
    return found


def unambiguous_keys(orgs: list[dict]) -> set[tuple]:
    """The keys that only one organisation of a bundle has."""
    counts = Counter(k for org in orgs for k in set(keys(org)))
    return {k for k, n in counts.items() if n == 1}


def describe(key: tuple) -> dict:
    if key[0] == "identifier":
        return {"by": "identifier", "scheme": key[1], "value": key[2]}
    return {"by": "website", "host": key[1]}


def normalised_name(name) -> str:
    if not isinstance(name, str):
        return ""
    text = folded(name)
    text = text.replace(".", "")
    words = re.sub(r"[\W_]+", " ", text).split()
    return " ".join(w for w in words if w not in LEGAL_FORMS)
