"""What changed between two versions of the model, each change classed major, minor or patch
with its reason (the rules are docs/versions.md's), and whether the version number says so.

The question behind every rule: is each file valid under the old version still valid under
the new one, and does it still mean the same thing (in RDF too)? No: major. Yes, and the new
version accepts or states something more: minor. Yes, and only words for people changed: patch.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from . import parse_version, schema_version_iri
from .normal import CLASS_SLOT_PROPERTIES, MAPPINGS, Schema, normalise

MAJOR, MINOR, PATCH = "major", "minor", "patch"
LEVELS = (MAJOR, MINOR, PATCH)
#: words for people: a change to them never changes what a file may hold or what it means
TEXTS = {"title", "description", "comments", "notes", "see_also", "aliases", "examples", "in_subset", "rank",
         "label_fr", "description_fr", "license", "deprecated"}
SENSITIVITY_ORDER = ("public", "personal", "special_category")
RDF = "RDF data means something else: a SPARQL query or a consumer that reads it must change"


@dataclass(frozen=True)
class Change:
    level: str
    element: str  # "schema", "class", "slot", "class slot", "enum", "code", "type"
    name: str  # "Dataset", "schema_version", "Dataset.schema_version", "AccessRight.public"
    change: str  # "added", "removed" or the property that changed
    reason: str
    old: object = None
    new: object = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass
class SchemaDiff:
    old_version: str
    new_version: str
    changes: list[Change]

    def level(self) -> str | None:
        """The strongest change: major, minor, patch, or None when nothing changed."""
        return next((lv for lv in LEVELS if any(c.level == lv for c in self.changes)), None)

    def required_bump(self) -> str | None:
        return required_bump(self.level(), self.old_version)

    def actual_bump(self) -> str:
        return actual_bump(self.old_version, self.new_version)

    def says_so(self, strict: bool = False) -> bool:
        """Does the new version number say what the changes need? Without `strict`, only a major
        change is held against it (a minor or patch change is reported, not refused)."""
        need = self.required_bump()
        if need is None or (not strict and self.level() != MAJOR):
            return True
        return BUMPS.index(self.actual_bump()) <= BUMPS.index(need)

    def to_dict(self, strict: bool = False) -> dict:
        return {
            "old": self.old_version, "new": self.new_version,
            # each version of the model has its own IRI, what datasets of that version conform to
            "old_iri": schema_version_iri(self.old_version), "new_iri": schema_version_iri(self.new_version),
            "level": self.level(),
            "required_bump": self.required_bump(), "actual_bump": self.actual_bump(),
            "version_says_so": self.says_so(strict),
            "counts": {lv: sum(c.level == lv for c in self.changes) for lv in LEVELS},
            "changes": [c.to_dict() for c in self.changes],
        }


BUMPS = ("major", "minor", "patch", "none")


def required_bump(level: str | None, old_version: str) -> str | None:
    """The smallest version step a change of this level needs. While the major number is 0 the
    minor number plays major's role (as Cargo reads 0.x): a breaking change needs 0.x -> 0.(x+1),
    anything else 0.x.y -> 0.x.(y+1)."""
    if level is None:
        return None
    if parse_version(old_version)[0] == 0:
        return MINOR if level == MAJOR else PATCH
    return level


def actual_bump(old: str, new: str) -> str:
    a, b = parse_version(old), parse_version(new)
    if b <= a:
        return "none"
    return BUMPS[next(i for i in range(3) if a[i] != b[i])]


# --- the rules -------------------------------------------------------------------------------

def _property_change(prop: str, old, new) -> tuple[str, str]:
    """(level, reason) for one property of a slot, class, enumeration, code or type."""
    if prop in TEXTS:
        return PATCH, "words for people only"
    if prop in MAPPINGS or prop == "is_a":
        what = "an alignment with another vocabulary" if prop in MAPPINGS else "a broader (parent) element"
        if old in (None, [], ()):
            return MINOR, f"{what} is added: new statements, nothing read before changes"
        if prop in MAPPINGS and set(old) <= set(new or ()):
            return MINOR, f"{what} is added: new statements, nothing read before changes"
        return MAJOR, f"{what} is withdrawn or changed: a consumer relying on it reads something else"
    if prop in ("slot_uri", "class_uri", "enum_uri", "meaning", "uri", "id", "default_prefix"):
        return MAJOR, RDF
    if prop == "required":
        return (MAJOR, "files that leave it out are no longer valid") if new else \
            (MINOR, "files may now leave it out")
    if prop == "multivalued":
        return MAJOR, "a single value becomes a list, or a list a single value: the file's form changes"
    if prop in ("identifier", "key"):
        return MAJOR, "how a record is named changes (in RDF, an identifier names the node; a key may leave it blank)"
    if prop in ("inlined", "inlined_as_list"):
        return MAJOR, "the file's form changes (nested records or references, a list or a keyed map)"
    if prop == "range" or prop in ("typeof", "base", "repr"):
        return MAJOR, "the values it takes change: a value valid before may not be now, and consumers read another kind"
    if prop == "pattern":
        return (MINOR, "the pattern is dropped: more values are accepted") if new is None else \
            (MAJOR, "a value that matched the old pattern may not match the new one")
    if prop in ("minimum_value", "maximum_value"):
        looser = new is None or (old is not None and (new < old if prop == "minimum_value" else new > old))
        return (MINOR, "the bound is loosened: more values are accepted") if looser else \
            (MAJOR, "the bound is tightened: a value valid before may not be now")
    if prop == "abstract":
        return (MAJOR, "records of this class are no longer accepted") if new else \
            (MINOR, "records of this class are now accepted")
    if prop == "unit":
        return MAJOR, "the numbers are counted in another unit"
    if prop == "sensitivity":
        rank = {s: i for i, s in enumerate(SENSITIVITY_ORDER)}
        if rank.get(new, 9) > rank.get(old, 9):
            return MAJOR, "more sensitive: a file that may carry it today may not tomorrow"
        return MINOR, "less sensitive: it may now go where it could not"
    if prop == "export_profiles":
        gone = set(str(old or "").split()) - set(str(new or "").split())
        if gone:
            return MAJOR, f"no longer allowed under {', '.join(sorted(gone))}: a file valid for that profile may not be"
        return MINOR, "allowed under more profiles: a file valid before stays valid"
    return MAJOR, "a change the rules do not class: taken as major until docs/versions.md says otherwise"


def _compare(element: str, name: str, old: dict, new: dict, skip=()) -> list[Change]:
    out = []
    flat_old = {**{k: v for k, v in old.items() if k != "annotations"}, **old.get("annotations", {})}
    flat_new = {**{k: v for k, v in new.items() if k != "annotations"}, **new.get("annotations", {})}
    for prop in sorted(set(flat_old) | set(flat_new)):
        if prop in skip or flat_old.get(prop) == flat_new.get(prop):
            continue
        level, reason = _property_change(prop, flat_old.get(prop), flat_new.get(prop))
        out.append(Change(level, element, name, prop, reason, flat_old.get(prop), flat_new.get(prop)))
    return out


def _added_removed(element: str, old: dict, new: dict, added_level: str, what: str) -> list[Change]:
    out = [Change(added_level, element, n, "added", f"a new {what}: files need not use it") for n in sorted(set(new) - set(old))]
    out += [Change(MAJOR, element, n, "removed", f"a file that uses this {what} is no longer valid")
            for n in sorted(set(old) - set(new))]
    return out


def compare_schemas(old: Schema, new: Schema) -> list[Change]:
    changes = _compare("schema", "schema", old.header, new.header)
    changes += _added_removed("type", old.types, new.types, MINOR, "type")
    for name in sorted(set(old.types) & set(new.types)):
        changes += _compare("type", name, old.types[name], new.types[name])

    changes += _added_removed("slot", old.slots, new.slots, MINOR, "slot")
    for name in sorted(set(old.slots) & set(new.slots)):
        changes += _compare("slot", name, old.slots[name], new.slots[name], skip=CLASS_SLOT_PROPERTIES)

    changes += _added_removed("class", old.classes, new.classes, MINOR, "class")
    for name in sorted(set(old.classes) & set(new.classes)):
        changes += _compare("class", name, old.classes[name], new.classes[name])
        changes += _class_slots(name, old, new)

    changes += _added_removed("enum", old.enums, new.enums, MINOR, "enumeration")
    for name in sorted(set(old.enums) & set(new.enums)):
        o, n = old.enums[name], new.enums[name]
        changes += _compare("enum", name, {k: v for k, v in o.items() if k != "codes"},
                            {k: v for k, v in n.items() if k != "codes"})
        for code in sorted(set(n["codes"]) - set(o["codes"])):
            changes.append(Change(MINOR, "code", f"{name}.{code}", "added", "a new code: files need not use it"))
        for code in sorted(set(o["codes"]) - set(n["codes"])):
            changes.append(Change(MAJOR, "code", f"{name}.{code}", "removed", "a file that uses this code is no longer valid"))
        for code in sorted(set(o["codes"]) & set(n["codes"])):
            changes += _compare("code", f"{name}.{code}", o["codes"][code], n["codes"][code])
    changes += _moves(old, new)
    return changes


def _class_slots(cls: str, old: Schema, new: Schema) -> list[Change]:
    """A class's slots as its records see them. A change that is the slot's own (the same in
    every class) is reported once, on the slot; a slot a parent gained is reported on the parent."""
    o, n = old.class_slots[cls], new.class_slots[cls]
    parent = new.classes[cls].get("is_a")
    inherited = set(new.class_slots.get(parent, {})) - set(old.class_slots.get(parent, {})) if parent else set()
    out = []
    for slot in sorted(set(n) - set(o)):
        if slot in inherited:
            continue
        if n[slot]["required"]:
            out.append(Change(MAJOR, "class slot", f"{cls}.{slot}", "added",
                              "a new required slot: files that leave it out are no longer valid"))
        else:
            out.append(Change(MINOR, "class slot", f"{cls}.{slot}", "added", "a new optional slot: files need not give it"))
    for slot in sorted(set(o) - set(n)):
        out.append(Change(MAJOR, "class slot", f"{cls}.{slot}", "removed",
                          "a file that gives this slot is no longer valid"))
    for slot in sorted(set(o) & set(n)):
        for prop in CLASS_SLOT_PROPERTIES:
            before, after = o[slot][prop], n[slot][prop]
            if before == after:
                continue
            # the slot's own change shows in every class that does not override it: report it once
            own_before = old.slots.get(slot, {}).get(prop)
            own_after = new.slots.get(slot, {}).get(prop)
            if prop in ("required", "multivalued", "identifier", "key", "inlined", "inlined_as_list"):
                own_before, own_after = bool(own_before), bool(own_after)
            if (before, after) == (own_before, own_after):
                continue
            level, reason = _property_change(prop, before, after)
            out.append(Change(level, "class slot", f"{cls}.{slot}", prop, reason, before, after))
    return out


def _slot_level_properties(old: Schema, new: Schema) -> list[Change]:
    """The slot-wide range, cardinality and form changes (reported once per slot)."""
    out = []
    for name in sorted(set(old.slots) & set(new.slots)):
        for prop in CLASS_SLOT_PROPERTIES:
            before, after = old.slots[name].get(prop), new.slots[name].get(prop)
            if prop in ("required", "multivalued", "identifier", "key", "inlined", "inlined_as_list"):
                before, after = bool(before), bool(after)
            if before != after:
                level, reason = _property_change(prop, before, after)
                out.append(Change(level, "slot", name, prop, reason, before, after))
    return out


def _moves(old: Schema, new: Schema) -> list[Change]:
    return [Change(PATCH, *key.split(" ", 1), "module", "defined in another module of the schema: the same element",
                   old.modules[key], new.modules[key])
            for key in sorted(set(old.modules) & set(new.modules)) if old.modules[key] != new.modules[key]]


def diff(old_raw: dict, new_raw: dict) -> SchemaDiff:
    """Every change from one schema (a merged schema or a source file read as dict) to another."""
    old, new = normalise(old_raw), normalise(new_raw)
    changes = compare_schemas(old, new) + _slot_level_properties(old, new)
    order = {lv: i for i, lv in enumerate(LEVELS)}
    elements = ("schema", "type", "class", "slot", "class slot", "enum", "code")
    changes.sort(key=lambda c: (order[c.level], elements.index(c.element), c.name, c.change))
    return SchemaDiff(old.version, new.version, changes)
