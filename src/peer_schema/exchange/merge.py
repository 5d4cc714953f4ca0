"""`merge()`: bundles from several organisations as one folder of datasets, with a report.

1. Every bundle is checked and read in memory before anything is written (`safe_zip`,
   `datapackage.check`): one unsafe, damaged or incompatible bundle stops the whole merge. So
   does a bundle whose datasets' access rights are not those of its manifest's profile; a
   manifest without a profile is taken as the strictest (`access.STRICTEST`: non_public).
2. Records are merged, bundles in command-line order:
   - the same identifier in two bundles is one record;
   - organisations with different identifiers are one when they share a register entry or a
     website (`matching`): the first identifier is kept and every reference to the other is
     rewritten to it;
   - when two bundles disagree on a field of the same record, the merged record keeps the value
     of the bundle named first, and the disagreement is reported field by field; a field that
     only a later bundle gives is added;
   - memberships (which have no identifier) are the same when member, federation and start date
     are;
   - records never enter a dataset more people may read than the one they come from (Refused),
     and a field is never added across datasets of different access rights;
   - organisations with the same normalised name in the same country are listed as probable
     duplicates, never merged.
3. Provenance: each record stays in the dataset it came from (the first bundle that had it),
   one file per dataset, with its own publisher, licence and access rights; each dataset's
   `was_derived_from` names the bundle(s) it came in. `peer-schema export` turns this into
   PROV-O: every record `prov:wasDerivedFrom` its dataset, the dataset `prov:wasDerivedFrom`
   the bundle (a citation whose `url` is the bundle's manifest id).
4. The folder (`data/*.json`, `merge-report.json`) is built in a temporary folder beside the
   output and renamed into place at the end: a failed merge leaves no partial output and an
   earlier output as it was.
"""

from __future__ import annotations

import gc
import hashlib
import os
import secrets
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import access
from ..checks.structure import check_structure
from ..file_modes import PRIVATE_MODE
from ..model import model
from ..readers import Limits, ReadError
from ..report import Severity
from ..readers.json_reader import read_json
from ..validation import UsageError
from ..versions.upgrade import upgrade_dataset
from . import datapackage, matching
from .errors import BadBundle, Refused
from .jsonio import dumps_dataset, dumps_report
from .safe_zip import ZipLimits, read_zip

REPORT = "merge-report.json"
KEPT_RULE = ("When bundles disagree on a field of the same record, the merged record keeps the value of the bundle "
             "named first on the command line; a field that only a later bundle gives is added.")
#: organisation slots the model fills from the first organisation and never compares
_SKIP = frozenset({"id"})


@dataclass
class Bundle:
    label: str
    path: Path
    sha256: str
    descriptor: dict
    docs: list[dict]
    records: dict[str, int] = field(default_factory=dict)
    new_records: int = 0


@dataclass
class MergeResult:
    out: Path
    bundles: list[Bundle]
    same_records: list[dict] = field(default_factory=list)
    same_organisations: list[dict] = field(default_factory=list)
    probable_duplicates: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    #: fields a later bundle gave that the kept record lacked (added, not conflicting)
    added_fields: list[dict] = field(default_factory=list)
    datasets: int = 0
    records: int = 0
    #: what each dataset's access rights do not let through, left out before writing (names only)
    left_out: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "merged_at": datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
            "schema_version": model().schema_version,
            "kept_value_rule": KEPT_RULE,
            "bundles": [{
                "file": b.label, "sha256": b.sha256, "id": b.descriptor.get("id"),
                "publisher": b.descriptor.get("publisher"), "recipient": b.descriptor.get("recipient"),
                "export_profile": b.descriptor.get(datapackage.EXPORT_PROFILE),
                "schema_version": b.descriptor.get("schema_version"), "datasets": len(b.docs),
                "records": b.records, "new_records": b.new_records,
            } for b in self.bundles],
            "datasets_written": self.datasets,
            "records_written": self.records,
            "left_out": self.left_out,
            "same_records": self.same_records,
            "same_organisations": self.same_organisations,
            "probable_duplicates": self.probable_duplicates,
            "conflicts": self.conflicts,
            "added_fields": self.added_fields,
        }


# -- reading ----------------------------------------------------------------------------------------
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
    members = read_zip(path, limits)
    ours = model().schema_version
    descriptor, resources = datapackage.check(members, label, ours)
    docs = []
    for name, data in resources:
        try:
            doc = read_json(data.decode("utf-8"), Limits(max_bytes=len(data) + 1))
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
                      "meant for a federation into data meant for the public: merge bundles of one profile only")


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
                                  "identifiers written with it would be confused. Ask one sender to use another prefix")


# -- merging ----------------------------------------------------------------------------------------
def _same(a, b) -> bool:
    if a == b:
        return True
    # lists of codes: the order says nothing
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b) \
            and all(isinstance(x, (str, int, float)) for x in a) and all(isinstance(x, (str, int, float)) for x in b):
        try:
            return sorted(a) == sorted(b)
        except TypeError:
            return False
    return False


class _Merger:
    def __init__(self, bundles: list[Bundle]):
        self.m = model()
        self.bundles = bundles
        self.result = MergeResult(Path(), bundles)
        #: dataset id -> output document
        self.out_docs: dict[str, dict] = {}
        #: record id -> (record, class, bundle label, dataset key)
        self.index: dict[str, tuple[dict, str, str, str]] = {}
        #: merged-away organisation id -> the id kept
        self.alias: dict[str, str] = {}
        #: organisation key -> the id kept
        self.org_keys: dict[tuple, str] = {}
        #: (record id, field) -> its conflict entry
        self.conflict_at: dict[tuple[str, str], dict] = {}
        self.conflict_from: dict[tuple[str, str], set] = {}
        #: record id -> bundles it was found in, for those found in more than one
        self.seen_in: dict[str, list[str]] = {}
        #: id() of a membership -> the bundle it came from (memberships are merged at the end)
        self.membership_from: dict[int, Bundle] = {}
        # organisations first, so that aliases are known before other records are placed
        order = ["organisations"] + [c for c in self.m.containers if c != "organisations"]
        self.containers = [(c, self.m.containers[c]) for c in order]

    def run(self) -> MergeResult:
        for b in self.bundles:
            self.bundle(b)
        self.rewrite_references()
        self.merge_memberships()
        self.list_probable_duplicates()
        r = self.result
        r.same_records = [{"id": rid, "class": self.index[rid][1], "bundles": labels}
                          for rid, labels in self.seen_in.items()]
        r.conflicts = list(self.conflict_at.values())
        for doc in self.out_docs.values():
            for container in self.m.containers:
                if container in doc and not doc[container]:
                    del doc[container]
        r.datasets = len(self.out_docs)
        r.records = sum(len(doc.get(c) or ()) for doc in self.out_docs.values() for c in self.m.containers)
        return r

    def bundle(self, b: Bundle) -> None:
        usable = matching.unambiguous_keys([o for doc in b.docs for o in doc.get("organisations") or ()
                                            if isinstance(o, dict)])
        counts: dict[str, int] = defaultdict(int)
        for n, doc in enumerate(b.docs):
            key = doc.get("id") if isinstance(doc.get("id"), str) else f"{b.label}#{n + 1}"
            target = self.dataset(b, doc, key)
            for container, cls in self.containers:
                for rec in doc.get(container) or ():
                    if not isinstance(rec, dict):
                        continue
                    counts[cls] += 1
                    if cls == "Membership":  # no identifier: merged after references are rewritten
                        target.setdefault(container, []).append(rec)
                        self.membership_from[id(rec)] = b
                        b.new_records += 1
                        continue
                    if self.record(b, cls, rec, key, usable, doc.get("access_rights")):
                        target.setdefault(container, []).append(rec)
                        b.new_records += 1
        b.records = dict(sorted(counts.items()))

    def dataset(self, b: Bundle, doc: dict, key: str) -> dict:
        citation = {"text": f"peer_schema data bundle {b.label} ({b.sha256})"}
        if isinstance(b.descriptor.get("id"), str):
            citation["url"] = b.descriptor["id"]
        target = self.out_docs.get(key)
        header = {k: v for k, v in doc.items() if k not in self.m.containers}
        if target is None:
            target = self.out_docs[key] = header
            target["was_derived_from"] = list(header.get("was_derived_from") or ()) + [citation]
            target["_origin"] = b.label
            return target
        kept_rights, rights = target.get("access_rights"), header.get("access_rights")
        if access.stricter_access(kept_rights, rights) != kept_rights:
            # the record-level twin of `may_add`: records never enter a dataset more people may read
            raise Refused(f"the dataset {key} is {kept_rights} in {target['_origin']} but {rights} in {b.label}: its "
                          f"records from {b.label} would be merged into a dataset more people may read. Merge them "
                          "under the stricter access rights, or give the datasets different identifiers")
        self.compare(key, "Dataset", target, header, b.label, skip={"was_derived_from"},
                     may_add=kept_rights == rights)
        if citation not in target["was_derived_from"]:
            target["was_derived_from"].append(citation)
        return target

    def record(self, b: Bundle, cls: str, rec: dict, dataset_key: str, usable: set, rights=None) -> bool:
        """Place a record; True when it is new (to be written in its dataset)."""
        rid = rec.get("id")
        if not isinstance(rid, str):
            return True  # the validator will say what is wrong with it
        kept_id = self.alias.get(rid, rid)  # merged into another organisation by an earlier bundle
        how = None
        if cls == "Organisation" and kept_id == rid:
            org_keys = [k for k in matching.keys(rec) if k in usable]
            if rid not in self.index:
                for k in org_keys:
                    if k in self.org_keys:
                        kept_id, how = self.org_keys[k], k
                        break
            for k in org_keys:
                self.org_keys.setdefault(k, kept_id)
        found = self.index.get(kept_id)
        if found is None:
            self.index[rid] = (rec, cls, b.label, dataset_key)
            return True
        kept, kept_cls, kept_label, _ = found
        if how is not None:
            self.alias[rid] = kept_id
            self.result.same_organisations.append({
                "kept": kept_id, "kept_from": kept_label, "merged": rid, "merged_from": b.label,
                **matching.describe(how)})
        else:
            labels = self.seen_in.setdefault(kept_id, [kept_label])
            if b.label not in labels:
                labels.append(b.label)
        if kept_cls != cls:
            self.conflict(kept_id, kept_cls, "(kind of record)", kept_label, kept_cls, b.label, cls)
            return False
        same_rights = self.out_docs[found[3]].get("access_rights") == rights
        self.compare(kept_id, cls, kept, rec, b.label, kept_label=kept_label, other_id=rid, may_add=same_rights)
        return False

    def compare(self, rid: str, cls: str, kept: dict, other: dict, label: str, kept_label: str | None = None,
                skip=frozenset(), other_id: str | None = None, may_add: bool = True) -> None:
        """`may_add` False: the records are in datasets with different access rights; a field
        of the other one must not move into the kept one's (it could make restricted data public)."""
        kept_label = kept_label or kept.get("_origin", "")
        for name, value in other.items():
            kept_value = kept.get(name)
            if kept_value == value or name in _SKIP or name in skip or name == "_origin":
                continue  # the same value (the usual case), or not a field to compare
            if kept_value is None:
                if not may_add:
                    continue
                kept[name] = value
                if value is not None:
                    self.result.added_fields.append({"record": rid, "field": name, "from": label})
            elif not _same(kept_value, value):
                self.conflict(rid, cls, name, kept_label, kept_value, label, value, other_id)

    def conflict(self, rid, cls, name, kept_label, kept_value, label, value, other_id=None) -> None:
        entry = self.conflict_at.get((rid, name))
        if entry is None:
            entry = self.conflict_at[(rid, name)] = {
                "record": rid, "class": cls, "field": name, "kept_from": kept_label,
                "values": [{"bundle": kept_label, "value": kept_value}]}
            self.conflict_from[(rid, name)] = set()
        source = (label, other_id)
        if source not in self.conflict_from[(rid, name)]:  # one value per record of each bundle
            self.conflict_from[(rid, name)].add(source)
            # a record merged in under another identifier says which
            entry["values"].append({"bundle": label, "value": value} if other_id in (None, rid)
                                   else {"bundle": label, "record": other_id, "value": value})

    # -- after every bundle ---------------------------------------------------------------------
    def rewrite_references(self) -> None:
        if not self.alias:
            return
        plans = {cls: self._reference_plan(cls) for cls in self.m.classes}
        origin_prefixes = {}
        for doc in self.out_docs.values():
            for container in self.m.containers:
                for rec in doc.get(container) or ():
                    if isinstance(rec, dict) and isinstance(rec.get("id"), str):
                        origin_prefixes[rec["id"]] = doc
        for doc in self.out_docs.values():
            used: set[str] = set()
            for container, cls in self.m.containers.items():
                for rec in doc.get(container) or ():
                    if isinstance(rec, dict):
                        self._rewrite(cls, rec, plans, used)
            for kept in used:  # the kept identifier's prefix must be declared where it is now used
                prefix = kept.partition(":")[0]
                source = origin_prefixes.get(kept) or {}
                ns = (source.get("prefixes") or {}).get(prefix)
                if ns is not None:
                    doc.setdefault("prefixes", {}).setdefault(prefix, ns)

    def _reference_plan(self, cls: str) -> list[tuple[str, bool, str | None]]:
        plan = []
        for slot in self.m.classes[cls].slots.values():
            if slot.kind != "class":
                continue
            if slot.reference and slot.range == "Organisation":
                plan.append((slot.name, True, None))
            elif not slot.reference and slot.range != cls and slot.range in self.m.classes:
                plan.append((slot.name, False, slot.range))
        return plan

    def _rewrite(self, cls: str, obj: dict, plans: dict, used: set) -> None:
        for name, is_ref, inner in plans[cls]:
            value = obj.get(name)
            if value is None:
                continue
            if is_ref:
                if isinstance(value, str) and value in self.alias:
                    obj[name] = self.alias[value]
                    used.add(obj[name])
                elif isinstance(value, list):
                    new = [self.alias.get(v, v) if isinstance(v, str) else v for v in value]
                    if new != value:
                        used.update(v for v in new if isinstance(v, str))
                        obj[name] = list(dict.fromkeys(new))  # a list that named both is one reference
            elif plans.get(inner):
                for item in value if isinstance(value, list) else (value,):
                    if isinstance(item, dict):
                        self._rewrite(inner, item, plans, used)

    def merge_memberships(self) -> None:
        seen: dict[tuple, tuple[dict, str, dict]] = {}
        for doc in self.out_docs.values():
            kept_here = []
            for rec in doc.get("memberships") or ():
                key = (rec.get("member"), rec.get("federation"), rec.get("start_date"))
                if not all(isinstance(k, str) for k in key[:2]) or not isinstance(key[2], (str, type(None))):
                    kept_here.append(rec)
                    continue
                b = self.membership_from[id(rec)]
                first = seen.get(key)
                if first is None:
                    seen[key] = (rec, b.label, doc)
                    kept_here.append(rec)
                else:
                    b.new_records -= 1
                    self.compare(f"{key[0]} in {key[1]}", "Membership", first[0], rec, b.label, kept_label=first[1],
                                 may_add=first[2].get("access_rights") == doc.get("access_rights"))
            if "memberships" in doc:
                doc["memberships"] = kept_here

    def list_probable_duplicates(self) -> None:
        groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for doc in self.out_docs.values():
            for org in doc.get("organisations") or ():
                if isinstance(org, dict) and isinstance(org.get("id"), str):
                    name = matching.normalised_name(org.get("name"))
                    if name:
                        groups[(name, str(org.get("country") or ""))].append(
                            {"id": org["id"], "name": org.get("name"), "bundle": self.index[org["id"]][2]})
        self.result.probable_duplicates = [
            {"normalised_name": name, "country": country or None, "organisations": orgs}
            for (name, country), orgs in groups.items() if len(orgs) > 1]


# -- writing ----------------------------------------------------------------------------------------
def _publish(docs: list[dict], result: MergeResult) -> None:
    """Each merged dataset holds only what its own access rights let through (`access`): a public
    bundle made by another tool may carry peer workers or small counts; they are left out here,
    as `peer-schema bundle` would have. The report names what, never how many (a count of what a
    public dataset lost is itself a small count)."""
    left = access.LeftOut()
    for doc in docs:
        profile = access.profile_for(doc.get("access_rights"))
        filter_ = access.ProfileFilter(profile)
        filter_.dataset(doc)
        for mine, theirs in ((left.records, filter_.left_out.records), (left.fields, filter_.left_out.fields),
                             (left.suppressed, filter_.left_out.suppressed)):
            mine.update(theirs)
        if filter_.left_out.threshold is not None:
            left.threshold = filter_.left_out.threshold
    result.left_out = left.to_dict(counts=False)
    result.records = sum(len(doc.get(c) or ()) for doc in docs for c in model().containers)



def _slug(identifier: str) -> str:
    from .bundle import _slug as slug

    return slug(identifier)


def _prepare_output(out: Path, replace: bool) -> None:
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is a file; name a folder for the merge")
    if out.is_dir() and any(out.iterdir()) and not replace:
        raise UsageError(f"{out}: the folder already holds files; name a new folder, or add --replace to replace "
                         "it once the new merge is complete")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")


def _write_text(path: Path, text: str, private: bool) -> None:
    # created with its final mode (the umask still applies): never readable by others, not even
    # for a moment, when it may hold a peer worker's data
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 PRIVATE_MODE if private else 0o666)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)


def _write_folder(out: Path, docs: list[dict], report: dict) -> None:
    tmp = out.parent / f".{out.name}.{secrets.token_hex(6)}.tmp"
    old = out.parent / f".{out.name}.{secrets.token_hex(6)}.old"
    # peer workers' records (and the report, which quotes their values) are special-category
    # data: the whole folder is its owner's only; other merges follow the umask
    private = any(doc.get("peer_workers") for doc in docs)
    folder_mode = 0o700 if private else 0o777
    try:
        tmp.mkdir(mode=folder_mode)
        (tmp / datapackage.DATA_FOLDER).mkdir(mode=folder_mode)
        used: set[str] = set()
        for doc in docs:
            stem, n = _slug(doc.get("id")), 2
            name = stem
            while name.casefold() in used:
                name, n = f"{stem}-{n}", n + 1
            used.add(name.casefold())
            text = dumps_dataset(doc)
            _write_text(tmp / datapackage.DATA_FOLDER / f"{name}.json", text, private)
        _write_text(tmp / REPORT, dumps_report(report), private)
        if out.exists():
            os.rename(out, old)
            try:
                os.rename(tmp, out)
            except OSError:
                os.rename(old, out)  # put the earlier output back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, out)
    except OSError as exc:
        raise BadBundle(f"{out}: cannot write the merged folder ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def merge(bundles, out: str | Path, *, replace: bool = False, limits: ZipLimits | None = None) -> MergeResult:
    """Merge the bundles (zip files) into the folder `out`. Raises BadBundle (a bundle is unsafe,
    damaged, lying or incompatible; the output cannot be written: exit 2), Refused (the data
    cannot be merged: exit 1), UsageError (a wrong call: exit 2). Nothing is written unless the
    whole merge succeeds."""
    paths = [Path(p) for p in bundles]
    if not paths:
        raise UsageError("name at least one bundle")
    out = Path(out)
    _prepare_output(out, replace)
    # Large trees of fresh objects and no cycles: the cyclic collector would only scan them again
    # and again (as in validate()). Paused for the reading and the merge.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = [read_bundle(p, label, limits) for p, label in zip(paths, _labels(paths))]
        _check_access(loaded)
        _check_profiles(loaded)
        _check_prefixes(loaded)
        merger = _Merger(loaded)
        result = merger.run()
    finally:
        if gc_was_enabled:
            gc.enable()
    result.out = out
    docs = list(merger.out_docs.values())
    for doc in docs:
        doc.pop("_origin", None)
    _publish(docs, result)
    _write_folder(out, docs, result.to_dict())
    return result


# -- the summary for people -------------------------------------------------------------------------
_T = {
    "en": {"merged": "merged {n} bundle(s) into {out}: {d} dataset(s), {r} record(s)",
           "bundle": "  {label}: {d} dataset(s), {r} record(s), {new} new",
           "same": "records found in several bundles (merged by identifier): {n}",
           "orgs": "the same organisation under two identifiers (merged, the first identifier kept): {n}",
           "org": "  {merged} ({mf}) is {kept} ({kf}): {why}",
           "by_identifier": "same register entry {scheme} {value}", "by_website": "same website {host}",
           "dups": "probable duplicates to check (same name and country, not merged): {n}",
           "dup": "  \"{name}\" ({country}): {ids}",
           "conflicts": "conflicting values: {n} field(s) of {r} record(s); the value of the bundle named first is "
                        "kept (every value is in {report})",
           "conflict": "  {record}: {field} ({bundles})",
           "added": "fields added from a later bundle (the first had none): {n}",
           "more": "  ... and {n} more (see {report})",
           "report": "report: {path}"},
    "fr": {"merged": "{n} paquet(s) fusionné(s) dans {out} : {d} jeu(x) de données, {r} enregistrement(s)",
           "bundle": "  {label} : {d} jeu(x) de données, {r} enregistrement(s), {new} nouveau(x)",
           "same": "enregistrements présents dans plusieurs paquets (fusionnés par identifiant) : {n}",
           "orgs": "la même organisation sous deux identifiants (fusionnée, le premier identifiant gardé) : {n}",
           "org": "  {merged} ({mf}) est {kept} ({kf}) : {why}",
           "by_identifier": "même numéro au registre {scheme} {value}", "by_website": "même site web {host}",
           "dups": "doublons probables à vérifier (même nom et même pays, non fusionnés) : {n}",
           "dup": "  « {name} » ({country}) : {ids}",
           "conflicts": "valeurs en conflit : {n} champ(s) de {r} enregistrement(s) ; la valeur du paquet nommé en "
                        "premier est gardée (toutes les valeurs sont dans {report})",
           "conflict": "  {record} : {field} ({bundles})",
           "added": "champs ajoutés depuis un paquet suivant (le premier n'en avait pas) : {n}",
           "more": "  ... et {n} de plus (voir {report})",
           "report": "rapport : {path}"},
}
SHOWN = 10


def summary_text(result: MergeResult, lang: str = "en") -> str:
    """What a person needs to know, without any value of a record (those are in the report)."""
    t = _T.get(lang, _T["en"])
    report = result.out / REPORT
    lines = [t["merged"].format(n=len(result.bundles), out=result.out, d=result.datasets, r=result.records)]
    for b in result.bundles:
        lines.append(t["bundle"].format(label=b.label, d=len(b.docs), r=sum(b.records.values()), new=b.new_records))
    lines.append(t["same"].format(n=len(result.same_records)))

    def listed(items, fmt):
        for item in items[:SHOWN]:
            lines.append(fmt(item))
        if len(items) > SHOWN:
            lines.append(t["more"].format(n=len(items) - SHOWN, report=report))

    lines.append(t["orgs"].format(n=len(result.same_organisations)))
    listed(result.same_organisations, lambda s: t["org"].format(
        merged=s["merged"], mf=s["merged_from"], kept=s["kept"], kf=s["kept_from"],
        why=t["by_" + s["by"]].format(**s)))
    lines.append(t["dups"].format(n=len(result.probable_duplicates)))
    listed(result.probable_duplicates, lambda d: t["dup"].format(
        name=d["normalised_name"], country=d["country"] or "?",
        ids=", ".join(f"{o['id']} ({o['bundle']})" for o in d["organisations"])))
    records = len({c["record"] for c in result.conflicts})
    lines.append(t["conflicts"].format(n=len(result.conflicts), r=records, report=REPORT))
    listed(result.conflicts, lambda c: t["conflict"].format(
        record=c["record"], field=c["field"], bundles=", ".join(v["bundle"] for v in c["values"])))
    lines.append(t["added"].format(n=len(result.added_fields)))
    lines.append(t["report"].format(path=report))
    return "\n".join(lines)
