"""`make_bundle()`: valid data as a zip to send to a federation, to researchers, or to publish.

0. Each bundle discloses to an audience (the profile's: the federation, researchers, the public)
   for a purpose (`--purpose`; by default the profile's: registry_exchange for a federation bundle,
   research for a research bundle). A research bundle needs a recipient and a key: researchers
   always get keyed pseudonyms, never the publisher's own identifiers.
1. The data is validated against the bundle's profile and purpose. The privacy guard's own findings
   (a field or a record the profile does not allow) do not refuse the bundle: the bundle leaves
   those out (step 3). With `only_consented`, nor do the findings of a peer worker's field that
   no consent in force covers for the audience and purpose: those fields are left out too (and
   a worker whose very status is not covered, whole). Every other error refuses it, and so does
   an identifier whose prefix is not declared (it could not be exported as RDF). Nothing is
   written then.
2. The datasets are read whole (`read_datasets`), whatever the input format.
3. Each dataset gets the access rights of the profile, loses what the profile does not allow
   (`access.publish`), and, with a recipient, its peer workers get keyed pseudonyms. A profile
   looser than a dataset's own access rights (a public bundle of restricted data) is refused
   by the validation of step 1 (`ProfileRefused`, a UsageError): a bundle never loosens access.
4. The result is validated again with the profile, as a safety net: a bundle that would not
   validate at the recipient's end is never written.
5. The zip (`data/<dataset>.json` + `datapackage.json`) goes to a temporary file beside OUT,
   renamed over OUT only when complete: a failed bundle leaves nothing and OUT as it was.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..checks.consent import NOT_DISCLOSED, PEER_STATUS, covered_fields
from .. import access
from ..atomic_files import atomic_file, clean_stale, output_clash, temp_path, utf8
from ..file_modes import PRIVATE_MODE
from ..model import CONSENT_PURPOSES, PROFILE_AUDIENCE, PROFILE_PURPOSE, model
from ..readers import Limits, ReadError
from ..readers.datasets import read_datasets
from ..report import Finding, Report, Severity
from ..validation import ProfileRefused, UsageError, _expand, validate
from . import datapackage
from .errors import BadBundle, Refused
from .jsonio import dumps_dataset
from .profile_filter import DEFAULT_MIN_COUNT, LeftOut
from .pseudonyms import Pseudonyms, load_or_create_key, normalise_recipient, pseudonymise

BUNDLE_PROFILES = ("federation", "research", "public")
#: the access rights a bundle's datasets get, so that the unzipped bundle is checked against the
#: profile it was made for without --profile (a research bundle: with --profile research)
ACCESS_RIGHTS = {p: access.ACCESS_OF_PROFILE[p] for p in BUNDLE_PROFILES}
#: bundles whose peer workers must get keyed pseudonyms (--for and --key-file)
PSEUDONYMS_REQUIRED = frozenset({"research"})
#: the privacy guard's findings that the bundle resolves by leaving the field or record out
LEFT_OUT_CODES = frozenset({"privacy.field-not-allowed", "privacy.record-not-allowed"})
#: the consent findings that --only-consented resolves by leaving the fields (or the worker) out
NOT_CONSENTED_CODES = frozenset({"consent.field-not-covered", "consent.purpose-not-covered", "consent.withdrawn",
                                 "consent.review-overdue"})


@dataclass
class BundleSummary:
    out: Path
    profile: str
    recipient: str | None
    #: the consent audience and purpose of the disclosure (None: a public bundle discloses no peer worker)
    audience: str | None = None
    purpose: str | None = None
    datasets: int = 0
    records: int = 0
    pseudonymised: int = 0
    key_created: bool = False
    left_out: LeftOut = field(default_factory=LeftOut)
    #: --only-consented: "PeerWorker.<field>" -> values left out, "PeerWorker" -> whole workers
    not_consented: Counter = field(default_factory=Counter)
    #: the validation report of the input (its warnings stay visible)
    report: Report | None = None
    descriptor: dict = field(default_factory=dict)


def blocking(report: Report, only_consented: bool = False) -> list[Finding]:
    """The findings that refuse a bundle."""
    found = []
    for f in report.findings:
        if f.code in LEFT_OUT_CODES or (only_consented and f.code in NOT_CONSENTED_CODES):
            continue
        if f.severity is Severity.ERROR or f.code == "refs.undeclared-prefix":
            found.append(f)
    return found


def make_bundle(paths, out: str | Path, profile: str, *, recipient: str | None = None,
                key_file: str | Path | None = None, min_count: int = DEFAULT_MIN_COUNT,
                today: date | None = None, limits: Limits | None = None,
                purpose: str | None = None, only_consented: bool = False,
                progress: Callable[[int, int, str, int], None] | None = None) -> BundleSummary:
    """Bundle the files or folders in `paths` into the zip `out` for `profile` (federation,
    research or public) and `purpose` (a ConsentPurpose code; by default the profile's). With
    `recipient`, peer workers get pseudonyms keyed with the key in `key_file` (created when
    missing; a research bundle needs both). `only_consented`: leave out, rather than refuse, the
    peer workers' fields that no consent in force covers for the audience and purpose. `progress`
    is called as the data is read and checked (as in `validate`). Raises
    Refused (errors in the data; `.report` says which), BadBundle (the key file, the output),
    UsageError (a wrong call)."""
    if profile not in BUNDLE_PROFILES:
        raise UsageError(f"a bundle is made for the {', '.join(BUNDLE_PROFILES[:-1])} or {BUNDLE_PROFILES[-1]} "
                         f"profile, not {profile!r}")
    purpose = _purpose(profile, purpose)
    if (recipient is None) != (key_file is None):
        raise UsageError("--for RECIPIENT and --key-file KEYFILE go together: the key makes the pseudonyms")
    if recipient is None and profile in PSEUDONYMS_REQUIRED:
        raise UsageError(f"a {profile} bundle needs --for RECIPIENT and --key-file KEYFILE: researchers get keyed "
                         "pseudonyms, never your own identifiers of peer workers")
    if recipient is not None and not recipient.strip():
        raise UsageError("--for needs the recipient's name")
    if min_count < DEFAULT_MIN_COUNT:  # one threshold: a bundle may raise it, never lower it
        raise UsageError(f"--min-count must be {DEFAULT_MIN_COUNT} or more: counts of people below "
                         f"{DEFAULT_MIN_COUNT} are never published")
    if recipient is not None:  # the form the pseudonyms are keyed on, written in the manifest
        recipient = normalise_recipient(recipient)
    out = Path(out)
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; name the bundle file (.zip)")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")
    if key_file is not None and (clash := output_clash(out, [key_file], "the pseudonym key file")):
        raise UsageError(clash)
    if clash := output_clash(out, _expand(paths), "an input file"):
        raise UsageError(clash)

    report = validate(paths, profile=profile, purpose=purpose, today=today, limits=limits, one_access_per_dataset=True,
                      progress=progress)
    reasons = blocking(report, only_consented)
    if reasons:
        raise Refused(f"bundle refused: the data has {len(reasons)} problem(s) to fix first", _only(report, reasons))

    audience = None if profile == "public" else PROFILE_AUDIENCE[profile]
    summary = BundleSummary(out, profile, recipient, audience, purpose, report=report)
    try:
        datasets = read_datasets([Path(f) for f in report.files], limits)
    except ReadError as exc:  # a file changed since it was validated
        raise BadBundle(f"a file cannot be read again ({exc.message})") from None
    except OSError as exc:  # ...or was deleted
        raise BadBundle(f"a file cannot be read again ({exc.strerror or exc}: {exc.filename})") from None
    pseudonym = None
    if recipient is not None:
        key, summary.key_created = load_or_create_key(Path(key_file))
        pseudonym = Pseudonyms(key, recipient)
    left_out = LeftOut(threshold=min_count if profile == "public" else None)
    for doc in datasets:
        try:
            _, dropped = access.publish(doc, profile, min_count, purpose)
        except access.LooserProfile as refusal:  # the validation refuses it first; the data changed since
            raise ProfileRefused(out, refusal) from None
        left_out.records.update(dropped.records)
        left_out.fields.update(dropped.fields)
        left_out.suppressed.update(dropped.suppressed)
        if only_consented and audience is not None:
            _only_consented(doc, audience, purpose, today or date.today(), summary.not_consented)
        if pseudonym is not None:
            summary.pseudonymised += pseudonymise([doc], pseudonym)
    summary.left_out = left_out
    summary.datasets = len(datasets)
    summary.records = sum(len(doc.get(c) or ()) for doc in datasets for c in model().containers)

    files = _serialise(datasets)
    _check_again(files, out, profile, purpose, today)
    extra = {"pseudonyms": _pseudonyms_note(profile, recipient, summary.pseudonymised),
             # public: no count of what was left out (a small count could point at a person); the
             # sender sees the counts on the terminal. A federation bundle holds the peer workers
             # themselves, so its counts of left-out fields say nothing more.
             "left_out": left_out.to_dict(counts=profile != "public")}
    if only_consented and audience is not None:  # what no consent covered, as counts (never in a public bundle)
        counts = summary.not_consented
        extra["not_consented"] = {"peer_workers": counts["PeerWorker"],
                                  "fields": {k: n for k, n in sorted(counts.items()) if k != "PeerWorker"}}
    summary.descriptor = datapackage.build(out.stem, files, profile=profile, recipient=recipient,
                                           schema_version=model().schema_version, extra=extra,
                                           audience=audience, purpose=purpose)
    _write_zip(out, summary.descriptor, files)
    return summary


def _only_consented(doc: dict, audience: str, purpose: str, today: date, counts: Counter) -> None:
    """Leave out of each peer worker the fields no consent in force covers for `audience` and
    `purpose`, and the whole worker when their very status, or a field a record must have (the
    role), is not covered; count what went."""
    workers = doc.get("peer_workers")
    if not isinstance(workers, list):
        return
    slots = model().classes["PeerWorker"].slots
    needed = {PEER_STATUS} | {n for n, slot in slots.items() if slot.required} - NOT_DISCLOSED
    kept = []
    for worker in workers:
        if not isinstance(worker, dict):
            continue
        covered = covered_fields(worker, audience, purpose, today)
        if not needed <= covered:
            counts["PeerWorker"] += 1
            continue
        for name in [n for n in worker if n not in NOT_DISCLOSED and n not in covered]:
            del worker[name]
            counts[f"PeerWorker.{name}"] += 1
        kept.append(worker)
    if kept:
        doc["peer_workers"] = kept
    else:
        del doc["peer_workers"]


def _purpose(profile: str, purpose: str | None) -> str | None:
    """The purpose a bundle discloses for: the one asked for, or the profile's own."""
    if profile == "public":
        if purpose is not None:  # nothing would check it: saying it would mislead the recipient
            raise UsageError("--purpose is for bundles that hold peer workers (federation, research); a public "
                             "bundle holds none")
        return None
    if purpose is None:
        return PROFILE_PURPOSE[profile]
    if purpose not in CONSENT_PURPOSES:
        raise UsageError(f"unknown purpose {purpose!r} (use {', '.join(CONSENT_PURPOSES)})")
    return purpose


def _only(report: Report, findings: list[Finding]) -> Report:
    report.findings = list(findings)
    return report


def _pseudonyms_note(profile: str, recipient: str | None, n: int) -> dict:
    if profile == "public":
        return {"method": None, "note": "a public bundle holds no peer worker"}
    if recipient is None:
        return {"method": None, "note": "peer worker identifiers are the publisher's own opaque identifiers"}
    return {"method": "HMAC-SHA256(key, normalised recipient + NUL + identifier), first 128 bits", "peer_workers": n,
            "note": "stable for this recipient and key; identifiers (not the other fields) unlinkable between "
                    "recipients; the key is not in the bundle"}


def _serialise(datasets: list[dict]) -> list[tuple[str, bytes, dict]]:
    files = []
    for doc, name in zip(datasets, datapackage.dataset_names(datasets)):
        try:
            data = utf8(dumps_dataset(doc), f"the dataset {doc.get('id')}")
        except ValueError as exc:  # the readers refuse lone surrogates; data given by the API may hold them
            raise BadBundle(str(exc)) from None
        files.append((f"{datapackage.DATA_FOLDER}/{name}.json", data, doc))
    return files


def _check_again(files: list[tuple[str, bytes, dict]], out: Path, profile: str, purpose: str | None,
                 today: date | None) -> None:
    """Validate what the recipient will get, in a private folder beside OUT, removed after."""
    try:  # the first write beside OUT: a folder we may not write to shows here
        clean_stale(out)
        folder = temp_path(out, "check")
        folder.mkdir(mode=0o700)
    except OSError as exc:
        raise BadBundle(f"{out}: cannot write the bundle ({exc.strerror or exc})") from None
    try:
        try:
            for path, data, _ in files:
                target = folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        except OSError as exc:
            raise BadBundle(f"{out}: cannot write the bundle ({exc.strerror or exc})") from None
        report = validate([folder], profile=profile, purpose=purpose, today=today)
        reasons = [f for f in report.findings if f.severity is Severity.ERROR or f.code == "refs.undeclared-prefix"]
        if reasons:  # a bug of the bundle, not of the data: say so, write nothing
            raise Refused("bundle refused: the bundle made from this data would not validate "
                          "(please report this as a bug of peer-schema)", _only(report, reasons))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _write_zip(out: Path, descriptor: dict, files: list[tuple[str, bytes, dict]]) -> None:
    # a bundle holding peer workers' records is its sender's only (0600); others: the umask's mode
    private = any(doc.get("peer_workers") for _, _, doc in files)
    stamp = datetime.now().timetuple()[:6]
    try:
        manifest = utf8(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", "the manifest")
    except ValueError as exc:
        raise BadBundle(str(exc)) from None
    try:
        with atomic_file(out, lambda: PRIVATE_MODE if private else None) as fh, \
                zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in [(datapackage.MANIFEST, manifest)] + [(p, d) for p, d, _ in files]:
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = (PRIVATE_MODE if private else 0o644) << 16  # as unzip will restore it
                zf.writestr(info, data)
    except OSError as exc:
        raise BadBundle(f"{out}: cannot write the bundle ({exc.strerror or exc})") from None
