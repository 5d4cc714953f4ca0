"""Rewrite a dataset from one version of the model to a later one, one released step at a
time, saying what changed and refusing what cannot be done without inventing data.

Each step is a function over the dataset as plain data (JSON or YAML): it edits what the new
version says differently, logs every edit, notes what the publisher should look at, and lists
the problems that stop the migration (nothing is written then).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

from . import parse_version, released


class MigrationRefused(Exception):
    """The data cannot be migrated safely: `problems` say what the publisher must do first."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []


@dataclass
class Log:
    #: what was rewritten: (JSON pointer, old value, new value)
    edits: list[tuple[str, object, object]] = field(default_factory=list)
    #: worth the publisher's attention, but not a reason to stop
    notes: list[str] = field(default_factory=list)
    #: reasons to stop: nothing is written
    problems: list[str] = field(default_factory=list)

    def set(self, data: dict, key: str, value, pointer: str) -> None:
        old = data.get(key)
        if old != value:
            data[key] = value
            self.edits.append((pointer, old, value))


@dataclass
class Migration:
    source: str
    target: str
    steps: list[str]
    data: dict
    log: Log


def _records(data: dict, container: str):
    items = data.get(container)
    if isinstance(items, list):
        yield from ((i, r) for i, r in enumerate(items) if isinstance(r, dict))
    elif isinstance(items, dict):  # keyed by id
        yield from ((k, r) for k, r in items.items() if isinstance(r, dict))


def _0_1_0_to_0_2_0(data: dict, log: Log) -> None:
    """0.2.0 (CHANGELOG.md): a consent covers a purpose only if its `purposes` name it; the
    other changes of 0.2.0 are to RDF and to optional slots, which files need not give."""
    for i, worker in _records(data, "peer_workers"):
        consents = worker.get("disclosure_consents") or []
        for j, consent in enumerate(consents if isinstance(consents, list) else []):
            if not isinstance(consent, dict):
                continue
            where = f"/peer_workers/{i}/disclosure_consents/{j} (peer worker {worker.get('id', '?')})"
            purposes = consent.get("purposes") or []
            if not purposes:
                log.problems.append(
                    f"{where}: the consent names no purpose. Under 0.1.0 it covered its audiences for any use; "
                    "under 0.2.0 it covers nothing. Ask the worker what the fields may be used for and add "
                    "`purposes` (e.g. [registry_exchange]); a purpose they never agreed to cannot be written for them.")
            elif "registry_exchange" not in purposes and "federation" in (consent.get("audiences") or []):
                log.notes.append(
                    f"{where}: the consent names the federation but not registry_exchange among its purposes "
                    f"({', '.join(map(str, purposes))}): a federation bundle or export no longer carries its fields.")


#: (from, to) -> the step; consecutive released versions
STEPS: dict[tuple[str, str], Callable[[dict, Log], None]] = {
    ("0.1.0", "0.2.0"): _0_1_0_to_0_2_0,
}


def path_between(source: str, target: str) -> list[tuple[str, str]]:
    known = released()
    for v in (source, target):
        parse_version(v)
        if v not in known:
            raise MigrationRefused(f"version {v} of the model is not known to this package (known: {', '.join(known)})")
    if parse_version(target) < parse_version(source):
        raise MigrationRefused(f"the data follows {source}, later than {target}: migrate only goes forward")
    chain = known[known.index(source):known.index(target) + 1]
    steps = list(zip(chain, chain[1:]))
    missing = [f"{a} → {b}" for a, b in steps if (a, b) not in STEPS]
    if missing:
        raise MigrationRefused(f"no migration is written for {', '.join(missing)}")
    return steps


def migrate(data: object, target: str) -> Migration:
    """The dataset rewritten for `target` (a deep copy; `data` is left as it was). Raises
    MigrationRefused, with the problems, when a step cannot be done safely."""
    if not isinstance(data, dict):
        raise MigrationRefused("the file does not hold a dataset (a mapping with schema_version and records)")
    source = data.get("schema_version")
    if not isinstance(source, str):
        raise MigrationRefused("the dataset does not say its schema_version: write the version it was made for first")
    out, log = copy.deepcopy(data), Log()
    steps = path_between(source, target)
    for a, b in steps:
        STEPS[(a, b)](out, log)
        log.set(out, "schema_version", b, "/schema_version")
    if log.problems:
        raise MigrationRefused(f"cannot migrate from {source} to {target} without inventing data", log.problems)
    return Migration(source, target, [f"{a} → {b}" for a, b in steps], out, log)


# --- writing ---------------------------------------------------------------------------------

def _scalar_patterns(fmt: str, key: str, old, new):
    import json
    import re

    if fmt == "json":
        return re.compile(rf'^(\s*"{re.escape(key)}"\s*:\s*){re.escape(json.dumps(old))}', re.M), json.dumps(new)
    quoted = rf"""(?:"{re.escape(str(old))}"|'{re.escape(str(old))}'|{re.escape(str(old))})"""
    return re.compile(rf"^({re.escape(key)}\s*:\s*){quoted}(?=\s*(?:#.*)?$)", re.M), json.dumps(new)


def rewrite_text(text: str, fmt: str, migration: Migration, parse: Callable[[str], object]) -> str | None:
    """The file's own text with each top-level value rewritten in place (comments, order and
    layout kept), or None when the edits are not all of that kind or the result would differ
    from the migrated data."""
    out = text
    for pointer, old, new in migration.log.edits:
        key = pointer.lstrip("/")
        if "/" in key or not all(isinstance(v, (str, int, float)) for v in (old, new)):
            return None
        pattern, replacement = _scalar_patterns(fmt, key, old, new)
        out, count = pattern.subn(lambda m: m.group(1) + replacement, out)
        if count != 1:
            return None
    try:
        return out if parse(out) == migration.data else None
    except Exception:  # noqa: BLE001 - any failure to read it back: write the data out instead
        return None
