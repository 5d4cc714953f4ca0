"""Reading the bundles of a merge: each one checked from end to end before anything is merged.

Every bundle is unzipped in memory by `safe_zip` (unsafe paths, links, zip bombs refused),
its manifest checked (`datapackage.check`: sizes, hashes, model version), each dataset parsed
by the project's safe JSON reader and checked for the structure the merge relies on. Then the
set of bundles is checked as a whole: one export profile, access rights that match each
manifest, one namespace per prefix.

Memory: the JSON of a bundle becomes Python objects, which take far more room than the text
(an empty list is 3 bytes of JSON and 64 bytes of objects). Before parsing, the values a
dataset can hold are counted from its text (`count_values`, an upper bound) and held to
`ZipLimits.max_values` per bundle, so a small bundle of many tiny values is refused instead of
filling the memory (docs/limits.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import access
from ..checks.structure import check_structure
from ..model import model
from ..readers import Limits, ReadError
from ..readers.json_reader import read_json
from ..report import Severity
from ..versions.upgrade import upgrade_dataset
from . import datapackage
from .errors import BadBundle, Refused
from .safe_zip import ZipLimits, read_zip


@dataclass
class Bundle:
    label: str
    path: Path
    sha256: str
    descriptor: dict
    docs: list[dict]
    records: dict[str, int] = field(default_factory=dict)
    new_records: int = 0


def count_values(data: bytes) -> int:
    """An upper bound of the JSON values in `data`: every value but the first of a list or an
    object follows a comma, and each list or object holds at most one first value (commas
    inside strings make it larger, never smaller). A few passes of bytes.count: fast."""
    return data.count(b",") + data.count(b"[") + data.count(b"{") + 1


def _labels(paths: list[Path]) -> list[str]:
    names = [p.name for p in paths]
    return [p.name if names.count(p.name) == 1 else str(p) for p in paths]


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return "sha256:" + h.hexdigest()


def read_bundle(path: Path, label: str, limits: ZipLimits | None = None) -> Bundle:
    """A bundle checked from end to end, its datasets parsed by the project's safe JSON reader."""
    limits = limits or ZipLimits()
    members = read_zip(path, limits)
    ours = model().schema_version
    descriptor, resources = datapackage.check(members, label, ours)
    values = sum(count_values(data) for _, data in resources)
    if values > limits.max_values:
        raise BadBundle(f"{label}: refused: its datasets may hold up to {values:,} JSON values, over the limit of "
                        f"{limits.max_values:,} per bundle (--max-values), which keeps a merge's memory bounded")
    members.clear()  # the resources keep the bytes they need; each is let go once parsed
    docs = []
    while resources:
        name, data = resources.pop(0)
        try:
            text = data.decode("utf-8")
            size, data = len(data), None  # the text alone while it is parsed
            doc = read_json(text, Limits(max_bytes=size + 1))
            text = None
        except UnicodeDecodeError:
            raise BadBundle(f"{label}: {name} is not UTF-8 text") from None
        except ReadError as exc:
            raise BadBundle(f"{label}: {name} cannot be read ({exc.message})") from None
        if not isinstance(doc, dict):
            raise BadBundle(f"{label}: {name} holds no dataset")
        theirs = doc.get("schema_version")
        if isinstance(theirs, str) and datapackage.major(theirs) != datapackage.major(ours):
            raise BadBundle(f"{label}: the dataset in {name} was made with version {theirs} of the peer_schema "
                            f"model, and this program reads version {ours}: their major versions differ")
        doc = upgrade_dataset(doc, f"{label}: {name}")  # an earlier minor version, migrated (versions/upgrade.py)
        # the merge reads the records' fields as the model types them: a bundle made by another
        # tool (or changed, manifest and all) with a list where a date should be is refused here
        errors = [f for f in check_structure(doc, name) if f.severity is Severity.ERROR]
        if errors:
            shown = "; ".join(f"{f.pointer or '/'}: {f.code}" for f in errors[:3])
            raise BadBundle(f"{label}: {name} does not have the structure of a dataset ({len(errors)} problem(s): "
                            f"{shown}{'; ...' if len(errors) > 3 else ''}); run peer-schema validate on its "
                            "unzipped data to see them all")
        docs.append(doc)
    return Bundle(label, path, _file_sha256(path), descriptor, docs)


def _check_profiles(bundles: list[Bundle]) -> None:
    """One export profile: a public merge must not receive a federation bundle's restricted
    values (peer workers, the small counts a public bundle suppresses)."""
    profiles = {b.label: b.descriptor.get(datapackage.EXPORT_PROFILE) for b in bundles}
    if len(set(profiles.values())) > 1:
        listed = ", ".join(f"{label} ({profile or 'no'} profile)" for label, profile in profiles.items())
        raise Refused(f"these bundles were made for different export profiles: {listed}. A merge would put data "
                      "meant for one audience into data meant for another: merge bundles of one profile only")


def _check_access(bundles: list[Bundle]) -> None:
    """Each bundle's datasets say the access rights of the profile its manifest names: a bundle
    labelled public whose data says restricted is refused (BadBundle), whoever made it. A manifest
    that names no profile is taken as the strictest (internal): its datasets are merged, and
    written, as `non_public`, whatever they say."""
    for b in bundles:
        profile = b.descriptor.get(datapackage.EXPORT_PROFILE)
        if profile is not None and profile not in access.PROFILES:
            raise BadBundle(f"{b.label}: the manifest names an unknown export profile ({profile!r}); a bundle is made "
                            f"for one of {', '.join(access.PROFILES)}")
        claimed = access.ACCESS_OF_PROFILE[profile] if profile is not None else None
        for doc in b.docs:
            rights = doc.get("access_rights")
            if claimed is not None and rights != claimed:
                raise BadBundle(f"{b.label}: the manifest says the {profile} profile, but the dataset {doc.get('id')} "
                                f"says access_rights {rights}: the bundle is labelled falsely, and its records could "
                                "be read by people its data does not allow")
            doc["access_rights"] = access.stricter_access(rights, claimed)


def _check_prefixes(bundles: list[Bundle]) -> None:
    """One prefix, one namespace: identifiers are compared as written, so `ex:org/1` must mean
    the same thing in every bundle."""
    seen: dict[str, tuple[str, str]] = {}
    for b in bundles:
        for doc in b.docs:
            prefixes = doc.get("prefixes")
            for prefix, ns in (prefixes.items() if isinstance(prefixes, dict) else ()):
                ns = ns.get("namespace") if isinstance(ns, dict) else ns
                first = seen.setdefault(prefix, (ns, b.label))
                if first[0] != ns:
                    raise Refused(f"the prefix {prefix!r} means {first[0]} in {first[1]} but {ns} in {b.label}: "
                                  "identifiers written with it would be confused. Ask one sender to give its data "
                                  f"a prefix of its own (peer-schema rename-prefix THEIR-WORKBOOK.xlsx --from {prefix} "
                                  "--to NEW) and send a new bundle")

