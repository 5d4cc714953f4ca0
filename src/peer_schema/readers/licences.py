"""Common licences of open data, by the names people know them by and the web address machines use.

A workbook's licence column offers these names in a drop-down (sheets/writer.py); a table's cell
that holds one of them is read as its web address (readers/table.py), which is what the model
stores (`license` is a web address). A web address typed by hand is read as it is.
"""

from __future__ import annotations

import difflib
import re

#: name for people -> the licence's canonical web address
LICENCES = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC BY-SA 4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC BY-NC 4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC BY-NC-SA 4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC BY-ND 4.0": "https://creativecommons.org/licenses/by-nd/4.0/",
    "CC BY-NC-ND 4.0": "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "CC0 1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "ODbL 1.0": "https://opendatacommons.org/licenses/odbl/1-0/",
    "ODC-By 1.0": "https://opendatacommons.org/licenses/by/1-0/",
    "PDDL 1.0": "https://opendatacommons.org/licenses/pddl/1-0/",
    "OGL 3.0": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}
#: the field whose cells may name a licence (the dataset's; a vocabulary's, which is not filled by hand)
LICENCE_SLOT = "license"


def _key(text: str) -> str:
    """A licence's name as people may type it: any case, spaces, hyphens or dots (`cc-by-4.0`)."""
    return re.sub(r"[\s._-]+", "", text).casefold()


_BY_NAME = {_key(name): url for name, url in LICENCES.items()}
_BY_URL = {url: name for name, url in LICENCES.items()}


def licence_url(text: str) -> str:
    """The web address of the licence a cell names (`CC BY 4.0`); any other text as it is."""
    return _BY_NAME.get(_key(text), text)


def licence_name(url: str) -> str:
    """The name people know a licence's web address by; any other address as it is."""
    return _BY_URL.get(url, url)


def nearest_licence(text: str) -> str | None:
    """The name of the list's licence a text not on the list most likely meant (`CC0` -> `CC0 1.0`,
    `cc-by` -> `CC BY 4.0`, `CC BY-SA` -> `CC BY-SA 4.0`), or None (a web address, a name on the
    list, a text far from every name)."""
    if not isinstance(text, str) or "://" in text or _key(text) in _BY_NAME or not _key(text):
        return None
    typed = _key(text)
    names = {_key(name): name for name in LICENCES}
    # a name written without its version: the shortest name it begins (cc-by: CC BY 4.0, not CC BY-SA 4.0)
    started = sorted((key for key in names if key.startswith(typed)), key=len) if len(typed) >= 3 else []
    if started:
        return names[started[0]]
    match = difflib.get_close_matches(typed, list(names), n=1, cutoff=0.6)
    return names[match[0]] if match else None
