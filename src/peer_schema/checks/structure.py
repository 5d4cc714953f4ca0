"""Structure and vocabulary codes: data against the JSON Schema generated from the model.

The schema is compiled once per process (one validator for a whole dataset, one per record
class for streamed records). A code outside its vocabulary is reported as `vocab.unknown-code`,
with the code to write when the value is one of the vocabulary's labels.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from functools import cache

from .. import artifacts
from ..report import Finding
from ..readers.licences import LICENCE_SLOT, LICENCES, nearest_licence
from ..report.catalogue import CATALOGUE
from ..schema_validator import validator as _validator

# jsonschema-rs error kind -> our code
CODES = {
    "Required": "structure.required",
    "AdditionalProperties": "structure.unknown-field",
    "Enum": "vocab.unknown-code",
    "Type": "structure.wrong-type",
    "Pattern": "structure.bad-format",
    "Format": "structure.bad-format",
    "PropertyNames": "structure.bad-format",
    "Minimum": "structure.out-of-range",
    "Maximum": "structure.out-of-range",
    "ExclusiveMinimum": "structure.out-of-range",
    "ExclusiveMaximum": "structure.out-of-range",
}

# Records whose values are personal or special-category data: findings about them never repeat
# a value (a report may be pasted into a ticket or an e-mail).
SENSITIVE_CONTAINERS = {"peer_workers"}
SENSITIVE_CLASSES = {"PeerWorker"}


def _pointer(path: list) -> str:
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _record_id(data: object, path: list) -> str | None:
    """The id of the innermost record on the path, so people can find it in their file."""
    found = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    node = data
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and isinstance(node.get("id"), str):
            found = node["id"]
    return found


def _is_null_branch(branch: list) -> bool:
    """The `{"type": "null"}` alternative LinkML adds to every optional slot."""
    return (len(branch) == 1 and type(branch[0].kind).__name__ == "Type"
            and branch[0].kind.as_dict().get("types") == ["null"])


def _leaf_errors(error) -> list:
    """Look through `anyOf`: when all but one alternative is the null one, the errors of the
    remaining alternative say what is wrong (`"Belgium" is not one of "BE", ...`)."""
    if type(error.kind).__name__ == "AnyOf":
        branches = [b for b in error.kind.context if not _is_null_branch(b)]
        if len(branches) == 1:
            return [leaf for sub in branches[0] for leaf in _leaf_errors(sub)]
    return [error]


@cache
def _labels(enum: str) -> dict[str, str]:
    """Lower-cased English and French labels -> code, to suggest the code for a label."""
    concepts = artifacts.vocabularies().get(enum, {}).get("concepts", {})
    return {label.casefold(): code for code, c in concepts.items() for label in c["label"].values()}


@cache
def _spellings(enum: str) -> dict[str, tuple[str, str]]:
    """Codes and labels (both languages) of a vocabulary, case-folded -> (label as written, code)."""
    concepts = artifacts.vocabularies().get(enum, {}).get("concepts", {})
    out = {code.casefold(): (code, code) for code in concepts}
    for code, concept in concepts.items():
        for label in concept["label"].values():
            out.setdefault(label.casefold(), (label, code))
    return out


def _nearest(enum: str, value: str) -> tuple[str, str] | None:
    """The code or label a mistyped value most likely meant ("Asociation of peer..."), if any."""
    spellings = _spellings(enum)
    match = difflib.get_close_matches(value.strip().casefold(), list(spellings), n=1, cutoff=0.8)
    return spellings[match[0]] if match else None


def _enum_name(schema_path: list) -> str:
    return str(schema_path[len(schema_path) - schema_path[::-1].index("$defs")])


def _params(error, code: str, path: list, sensitive: bool) -> dict:
    kind = error.kind.as_dict() if hasattr(error.kind, "as_dict") else {}
    field = str(path[-1]) if path and isinstance(path[-1], str) else ""
    if code == "structure.required":
        return {"field": kind.get("property", error.message.split('"')[1] if '"' in error.message else "?")}
    if code == "structure.unknown-field":
        unexpected = kind.get("unexpected") or []
        return {"field": ", ".join(map(str, unexpected)) or "?"}
    if code == "vocab.unknown-code":
        schema_path = list(error.schema_path)
        enum = _enum_name(schema_path) if "$defs" in schema_path else field
        value = error.instance if isinstance(error.instance, str) else None
        suggestion = suggestion_fr = ""
        # A peer worker's own values are never quoted; a label of the vocabulary, or a code
        # mistyped (close to one), is no personal value: it is quoted, with the code it meant.
        quoted = not sensitive
        if value is not None and value.strip().casefold() in _labels(enum):
            code = _labels(enum)[value.strip().casefold()]
            suggestion, suggestion_fr = f'; write the code "{code}"', f" ; écrivez le code « {code} »"
            quoted = True
        elif value is not None and (near := _nearest(enum, value)):
            label, code = near
            suggestion, suggestion_fr = (f'; did you mean "{label}" (code "{code}")?',
                                         f" ; vouliez-vous dire « {label} » (code « {code} ») ?")
            quoted = True
        shown = f'"{value}"' if quoted and value is not None else "this value"
        shown_fr = f"« {value} »" if quoted and value is not None else "cette valeur"
        titles = artifacts.vocabularies().get(enum, {}).get("title") or {}
        return {"value": shown, "value_fr": shown_fr, "vocabulary": titles.get("en", enum),
                "vocabulary_fr": titles.get("fr") or titles.get("en", enum), "suggestion": suggestion,
                "suggestion_fr": suggestion_fr, "field": field}
    if code == "structure.wrong-type":
        types = [t for t in kind.get("types", []) if t != "null"]
        return {"field": field,
                "expected": " or ".join(TYPE_WORDS.get(t, (t, t))[0] for t in types) or "?",
                "expected_fr": " ou ".join(TYPE_WORDS.get(t, (t, t))[1] for t in types) or "?"}
    if code == "structure.bad-format":
        return {"field": next((str(p) for p in reversed(path) if isinstance(p, str)), ""), **expected_form(kind)}
    if code == "structure.out-of-range":
        bound = "≥" if "Minimum" in type(error.kind).__name__ else "≤"
        return {"allowed": f"{bound} {kind.get('limit', '?')}", "field": field}
    return {"field": field}


#: what a field of each form expects, in plain words (structure.bad-format): JSON Schema format -> (en, fr)
FORM_WORDS = {
    "uri": ("a web address, like https://example.org/page", "une adresse web, comme https://example.org/page"),
    "date": ("a date like 2024-05-31", "une date comme 2024-05-31"),
    "date-time": ("a date and time like 2024-05-31T14:30:00", "une date et une heure comme 2024-05-31T14:30:00"),
    "email": ("an e-mail address", "une adresse de courriel"),
    "identifier": ("an identifier: your prefix, a colon and a short name without spaces (pen:org/our-association), "
                   "or a web address", "un identifiant : votre préfixe, deux-points et un nom court sans espace "
                   "(pen:org/notre-association), ou une adresse web"),
    "version": ("a version like 1.2.0", "une version comme 1.2.0"),
    "language": ("a language code like en or fr", "un code de langue comme en ou fr"),
    None: ("the form this field takes (see the column's note)", "la forme que prend ce champ (voir la note de la colonne)"),
}


def expected_form(kind: dict | None) -> dict[str, str]:
    """The `expected` and `expected_fr` parameters of structure.bad-format, from the JSON Schema
    error (its format, or the pattern that says which form it is)."""
    kind = kind or {}
    form = kind.get("format")
    pattern = str(kind.get("pattern", ""))
    if (form is None or form not in FORM_WORDS) and pattern:
        form = ("identifier" if ":[^" in pattern else "version" if pattern == r"^\d+\.\d+\.\d+$"
                else "language" if pattern.startswith("^[a-z]{2,3}") else None)
    en, fr = FORM_WORDS.get(form, FORM_WORDS[None])
    return {"expected": en, "expected_fr": fr}


def _licence_meant(code: str, path: list, value: object) -> dict | None:
    """A dataset's licence typed close to a name of the list (`CC0`, `cc-by`): the parameters of
    structure.unknown-licence, with the name it most likely meant and its web address; else None.
    A licence's name is no personal value: it is quoted."""
    if code != "structure.bad-format" or path != [LICENCE_SLOT] or not isinstance(value, str):
        return None
    name = nearest_licence(value)
    if name is None:
        return None
    return {"field": LICENCE_SLOT, "typed": value.strip(), "nearest": name, "url": LICENCES[name]}


TYPE_WORDS = {
    "number": ("a number", "un nombre"), "integer": ("a whole number", "un nombre entier"),
    "string": ("text", "du texte"), "array": ("a list", "une liste"), "object": ("a group of fields", "un groupe de champs"),
    "boolean": ("true or false", "true ou false"),
}


def check_structure(data: object, file: str | None = None, cls: str = "Dataset", prefix: str = "",
                    line: int | None = None) -> Iterator[Finding]:
    """Findings for one dataset document (cls "Dataset") or one streamed record (its class).

    `prefix` is prepended to pointers (the record's place); `line` is the record's line.
    """
    sensitive_record = cls in SENSITIVE_CLASSES
    for error in (leaf for top in _validator(cls).iter_errors(data) for leaf in _leaf_errors(top)):
        code = CODES.get(type(error.kind).__name__, "structure.invalid")
        path = list(error.instance_path)
        sensitive = sensitive_record or (bool(path) and path[0] in SENSITIVE_CONTAINERS)
        licence = _licence_meant(code, path, error.instance)
        if licence is not None:
            code = "structure.unknown-licence"
        yield Finding(
            code=code,
            severity=CATALOGUE[code].severity,
            params=licence or _params(error, code, path, sensitive),
            file=file,
            pointer=prefix + _pointer(path),
            record_id=_record_id(data, path),
            line=line,
        )
