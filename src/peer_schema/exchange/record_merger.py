"""Merging the records of checked bundles (`_Merger`), and what the merge found (`MergeResult`).

The rules (which value is kept, when two organisations are one, how memberships and access
rights are handled) are described in `merge.py`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .. import access
from ..model import model
from . import datapackage, matching
from .bundle_reading import Bundle
from .errors import Refused

KEPT_RULE = ("When bundles disagree on a field of the same record, the merged record keeps the value of the bundle "
             "named first on the command line; a field that only a later bundle gives is added.")
#: organisation slots the model fills from the first organisation and never compares
_SKIP = frozenset({"id"})


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

