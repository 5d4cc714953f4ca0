"""One normal form for a merged schema and a LinkML source alike, so that `diff` compares what
a schema says, not how it is written: CURIEs expanded, annotations as {tag: value}, defaults
(range, slot_uri, class_uri) filled in, and each class's slots as it sees them (its own and
inherited ones, with every `slot_usage` on the way applied)."""

from __future__ import annotations

from dataclasses import dataclass

LINKML_TYPES = "https://w3id.org/linkml/types"
MAPPINGS = ("exact_mappings", "close_mappings", "broad_mappings", "narrow_mappings", "related_mappings")
#: what a slot says that a class may override (slot_usage), compared class by class
CLASS_SLOT_PROPERTIES = ("range", "required", "multivalued", "identifier", "key", "inlined", "inlined_as_list",
                         "pattern", "minimum_value", "maximum_value")
#: a schema element's keys that say nothing comparable (bookkeeping, or compared elsewhere)
IGNORED = {"name", "text", "slots", "slot_usage", "attributes", "permissible_values", "domain_of", "owner",
           "from_schema", "imported_from", "source_file", "generation_date"}


@dataclass
class Schema:
    version: str
    header: dict
    prefixes: dict[str, str]
    types: dict[str, dict]
    slots: dict[str, dict]
    classes: dict[str, dict]
    enums: dict[str, dict]
    #: class -> slot -> what the class's records say of the slot (CLASS_SLOT_PROPERTIES)
    class_slots: dict[str, dict[str, dict]]
    #: element name -> the module it is defined in (from_schema), for "moved" notes
    modules: dict[str, str]


def _prefixes(raw: dict) -> dict[str, str]:
    out = {}
    for name, value in (raw.get("prefixes") or {}).items():
        out[name] = value["prefix_reference"] if isinstance(value, dict) else str(value)
    return out


def expand(value, prefixes: dict[str, str]):
    if isinstance(value, str) and ":" in value and "://" not in value:
        prefix, _, local = value.partition(":")
        if prefix in prefixes:
            return prefixes[prefix] + local
    return value


def _annotations(body: dict) -> dict:
    out = {}
    for tag, value in (body.get("annotations") or {}).items():
        out[tag] = value.get("value") if isinstance(value, dict) and "value" in value else value
    return out


def _element(body: dict | None, prefixes: dict[str, str], uri_keys: tuple[str, ...]) -> dict:
    body = dict(body or {})
    out = {k: v for k, v in body.items() if k not in IGNORED and k != "annotations" and k not in MAPPINGS}
    for key in uri_keys:
        if key in out:
            out[key] = expand(out[key], prefixes)
    for key in MAPPINGS:
        if body.get(key):
            out[key] = sorted(expand(v, prefixes) for v in body[key])
    out["annotations"] = _annotations(body)
    return out


def normalise(raw: dict) -> Schema:
    prefixes = _prefixes(raw)
    default_prefix = raw.get("default_prefix") or raw.get("name", "")
    default_range = raw.get("default_range", "string")

    def default_uri(name: str) -> str:
        return expand(f"{default_prefix}:{name}", prefixes)

    modules: dict[str, str] = {}
    types = {}
    for name, body in (raw.get("types") or {}).items():
        if str((body or {}).get("from_schema", "")).startswith(LINKML_TYPES):
            continue  # the metamodel's types: the same in every version
        t = _element(body, prefixes, ("uri",))
        if t.get("typeof"):  # base and repr are the Python side of typeof: generators differ in writing them
            t.pop("base", None), t.pop("repr", None)
        types[name] = t
    slots = {}
    for name, body in (raw.get("slots") or {}).items():
        slot = _element(body, prefixes, ("slot_uri",))
        slot.setdefault("range", default_range)
        slot.setdefault("slot_uri", default_uri(name))
        slots[name] = slot
        modules[f"slot {name}"] = (body or {}).get("from_schema", "")
    enums = {}
    for name, body in (raw.get("enums") or {}).items():
        enum = _element(body, prefixes, ("enum_uri",))
        pvs = (body or {}).get("permissible_values") or {}
        enum["codes"] = {code: _element(pv, prefixes, ("meaning",)) for code, pv in pvs.items()}
        enums[name] = enum
    classes = {}
    for name, body in (raw.get("classes") or {}).items():
        cls = _element(body, prefixes, ("class_uri",))
        cls.setdefault("class_uri", default_uri(name))
        classes[name] = cls
        modules[f"class {name}"] = (body or {}).get("from_schema", "")
    class_slots = {name: _induced(name, raw.get("classes") or {}, slots) for name in classes}
    return Schema(str(raw.get("version", "")), _element({k: v for k, v in raw.items()
                                                          if k in ("id", "title", "description", "license",
                                                                   "default_prefix")}, prefixes, ("id",)),
                  prefixes, types, slots, classes, enums, class_slots, modules)


def _lineage(name: str, classes: dict) -> list[str]:
    """The class and its ancestors (is_a, then mixins), the most general first."""
    seen: list[str] = []

    def walk(n: str) -> None:
        if n in seen or n not in classes:
            return
        body = classes[n] or {}
        if body.get("is_a"):
            walk(body["is_a"])
        for mixin in body.get("mixins") or []:
            walk(mixin)
        seen.append(n)

    walk(name)
    return seen


def _induced(name: str, classes: dict, slots: dict) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for ancestor in _lineage(name, classes):
        body = classes[ancestor] or {}
        for slot in body.get("slots") or []:
            out.setdefault(slot, {k: slots.get(slot, {}).get(k) for k in CLASS_SLOT_PROPERTIES})
        for slot, attr in (body.get("attributes") or {}).items():
            out[slot] = {k: (attr or {}).get(k) for k in CLASS_SLOT_PROPERTIES}
        for slot, usage in (body.get("slot_usage") or {}).items():
            if slot in out:
                out[slot].update({k: v for k, v in (usage or {}).items() if k in CLASS_SLOT_PROPERTIES})
    for view in out.values():  # absent and false say the same
        for key in ("required", "multivalued", "identifier", "key", "inlined", "inlined_as_list"):
            view[key] = bool(view[key])
    return out
