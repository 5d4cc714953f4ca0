"""`validate()`: read every file, run every layer of checks, return one report.

Layers, in one pass over each file: structure and vocabulary codes (the generated JSON
Schema), references (across all files of the run), the domain rules of the sources, disclosure
consent, and the privacy guard of the export profile. The report is the same object whatever
the input format.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path

from . import access
from .checks import consent, personal, privacy, rules, shacl
from .checks.memberships import MembershipGraph
from .checks.references import References
from .checks.structure import check_structure
from .config import OFF, Config
from .model import CONSENT_PURPOSES, PROFILE_AUDIENCE, PROFILE_PURPOSE, PROFILES, model
from .readers import FORMATS, TYPE_KEY, Document, Limits, RdfGraph, ReadError, Stream, open_source
from .readers.errors import Notice, TableStart
from .report import Finding, Report, Severity
from .report.findings import with_stand_ins
from .report.finding_words import in_table_words, prefix_words
from .report.catalogue import CATALOGUE
from .usage_errors import MixedAccessRights, ProfileRefused, UsageError  # noqa: F401 (re-exported)


PROGRESS_EVERY = 10_000
#: files in a folder that are not data: a bundle's manifest and a merge's report (named, they are read)
NOT_DATA = frozenset({"datapackage.json", "merge-report.json"})
#: formats read record by record, whatever their length
STREAM_FORMATS = {"jsonl", "csv", "tsv", "xlsx", "ods"}
#: identifiers that are absolute URIs, not CURIEs, and the prefixes of peer_schema's own namespaces
ABSOLUTE_SCHEMES = {"http", "https", "urn", "did", "pv", "peer"}


class _RowOfSheet(str):
    """The file of a row of a workbook's sheet, with the sheet and the row's columns: a finding
    made after the sheet was read (a reference resolved once every file is read) still names
    the sheet and the cell."""

    def __new__(cls, file: str, table: TableStart, columns: dict[str, int] | None):
        self = super().__new__(cls, file)
        self.table, self.columns = table, columns
        return self


class _Stop(Exception):
    """--max-errors reached."""


def _expand(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            # .xml only when named: in a folder it is more often a report than RDF/XML
            # not the lock files spreadsheets leave beside an open workbook (~$x.xlsx, .~lock.x.ods#),
            # nor the files the tools write beside data (a bundle's manifest, a merge's report)
            files += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in FORMATS
                            and f.suffix.lower() != ".xml" and not f.name.endswith(".expected.json")
                            and not f.name.startswith(("~$", ".~lock")) and f.name not in NOT_DATA)
        elif p.exists():
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files


class _Run:
    """The state of one validation run: the report, the reference index, the memberships."""

    def __init__(self, report: Report, config: Config, profile: str | None, today: date, max_errors: int | None,
                 streaming: bool = False, purpose: str | None = None, one_access_per_dataset: bool = False):
        self.report = report
        self.config = config
        self.profile_override = profile
        #: dataset id -> (its access rights, the file that first said them), for writers
        self.dataset_rights: dict[str, tuple] = {}
        self.one_access_per_dataset = one_access_per_dataset
        #: the purpose of the disclosure (--purpose); None: the profile's own (PROFILE_PURPOSE)
        self.purpose_override = purpose
        self.today = today
        self.max_errors = max_errors
        self.errors = 0
        self.model = model()
        # Streams keep identifiers as compact hashes, so memory does not grow with their length.
        self.refs = References(self.model, self.add, compact=streaming)
        self.memberships = MembershipGraph()
        self.applied: dict[str, dict] = {}
        #: called every PROGRESS_EVERY records with the count so far (the progress bar)
        self.on_records: Callable[[int], None] | None = None
        peer_worker = self.model.classes["PeerWorker"]
        # per profile, the fields a consent must cover: those the profile may carry (one it may
        # not is the privacy guard's finding, and a bundle leaves it out)
        self.peer_worker_fields = {
            p: frozenset(n for n, slot in peer_worker.slots.items() if p in slot.profiles) - consent.NOT_DISCLOSED
            for p in PROFILES}
        #: the prefixes the current file declares (None: the file declares none)
        self.prefixes: set[str] | None = None
        #: for the record being read from a table: JSON pointer of a field -> its column (1-based)
        self.columns: dict[str, int] | None = None
        #: the table being read (a CSV file, a workbook's sheet): its sheet and column headers
        self.table: TableStart | None = None
        #: peer workers' identifiers that look like a name and a birth date -> their stand-ins
        self.name_like: dict[str, str] = {}

    # -- findings ---------------------------------------------------------------------------------
    def add(self, finding: Finding) -> None:
        if self.table is not None:
            finding = self.on_table(finding, self.table, self.columns)
        elif isinstance(finding.file, _RowOfSheet):  # found once every file was read
            finding = self.on_table(finding, finding.file.table, finding.file.columns)
        wanted = self.config.severity.get(finding.code)
        if wanted is not None:
            self.applied.setdefault(finding.code, {"code": finding.code, "from": finding.severity.value,
                                                   "to": wanted if wanted == OFF else wanted.value,
                                                   "source": self.config.source})
            if wanted == OFF:
                return
            if wanted is not finding.severity:
                finding = replace(finding, severity=wanted, default_severity=finding.severity)
        self.report.findings.append(finding)
        if finding.severity is Severity.ERROR:
            self.errors += 1
            if self.max_errors is not None and self.errors >= self.max_errors:
                self.report.truncated = True
                raise _Stop

    def hit(self, code: str, params: dict, file: str, pointer: str, record_id, locate, line=None) -> None:
        position = locate(pointer) if locate else None
        line, column = position if position else (line, None)
        self.add(Finding(code, CATALOGUE[code].severity, params, file, pointer, record_id, line, column))

    def note_name_like(self, rec: dict) -> None:
        """Remember a peer worker's identifiers that look like a name and a date. Each gets its
        own stand-in (`pen:pw/…1`, `pen:pw/…2`): two such peer workers stay two records. Called
        before any check of the record, so that --max-errors stopping on its first finding
        still masks it."""
        for name in personal.IDENTIFIERS:
            value = rec.get(name)
            if (isinstance(value, str) and value not in self.name_like
                    and personal.looks_like_name_and_date(value, self.today)):
                self.name_like[value] = personal.stand_in(value) + str(len(self.name_like) + 1)

    # -- one record ------------------------------------------------------------------------------
    def record(self, cls: str, rec: dict, file: str, pointer: str, profile: str,
               locate: Callable | None = None, line: int | None = None) -> None:
        self.report.records += 1
        if self.on_records is not None and not self.report.records % PROGRESS_EVERY:
            self.on_records(self.report.records)
        rid = rec.get("id") if isinstance(rec.get("id"), str) else None
        if rid is not None:
            self.refs.register(cls, rid, file, pointer, line, locate)
            prefix = rid.split(":", 1)[0] if ":" in rid else None  # no colon: the structure check's finding
            if prefix and self.prefixes is not None and prefix not in self.prefixes and prefix not in ABSOLUTE_SCHEMES:
                self.hit("refs.undeclared-prefix", {"prefix": prefix, "id": rid, **prefix_words(prefix)}, file, pointer + "/id", rid, locate, line)
        self.refs.check(cls, rec, file, pointer, line, locate)
        rule = rules.RULES.get(cls)
        if rule is not None:
            for code, params, below in rule(rec, self.today):
                shown = None if below == "/id" and code in personal.HIDES_RECORD_ID else rid
                self.hit(code, params, file, pointer + below, shown, locate, line)
        if cls == "PeerWorker":
            fields = self.peer_worker_fields[profile]
            # no consent makes a peer worker publishable: the privacy guard refuses the record itself
            audience = None if profile == "public" else PROFILE_AUDIENCE[profile]
            purpose = self.purpose_override or PROFILE_PURPOSE[profile]
            for code, params, below in consent.peer_worker(rec, audience, self.today, fields, purpose):
                self.hit(code, params, file, pointer + below, rid, locate, line)
        elif cls in ("Membership", "Organisation"):
            # a membership of a document: its line now, as its findings come once every file is read
            at = (locate(pointer) or (None,))[0] if line is None and locate is not None and cls == "Membership" else line
            self.memberships.add_record(cls, rec, file, pointer, at)
        for code, params, below in privacy.record(self.model.classes[cls], rec, profile):
            self.hit(code, params, file, pointer + below, rid, locate, line)

    def profile_for(self, header: dict | None, file=None) -> str:
        """The profile a dataset is checked against (`access.profile_for`): the one asked for,
        never looser than the dataset's access rights (ProfileRefused); without access rights
        the public profile, which lets the least through."""
        rights = header.get("access_rights") if isinstance(header, dict) else None
        dataset = header.get("id") if isinstance(header, dict) else None
        if self.one_access_per_dataset and isinstance(dataset, str) and isinstance(rights, str):
            first = self.dataset_rights.setdefault(dataset, (rights, file))
            if first[0] != rights:
                raise MixedAccessRights(dataset, first, (rights, file))
        try:
            return access.profile_for(rights, self.profile_override, dataset)
        except access.LooserProfile as refusal:
            raise ProfileRefused(file, refusal) from None

    # -- one file --------------------------------------------------------------------------------
    def document(self, doc: Document) -> None:
        data = doc.data
        peer_workers = data.get("peer_workers") if isinstance(data, dict) else None
        for rec in (r for r in peer_workers if isinstance(r, dict)) if isinstance(peer_workers, list) else ():
            self.note_name_like(rec)
        for finding in check_structure(data, doc.file):
            position = doc.locate(finding.pointer)
            if position:
                finding = Finding(finding.code, finding.severity, finding.params, finding.file, finding.pointer,
                                  finding.record_id, *position)
            self.add(finding)
        if not isinstance(data, dict):
            return
        self.prefixes = None
        profile = self.profile_for(data, doc.file)
        self.header(data, doc.file, profile, doc.locate)
        for container, cls in self.model.containers.items():
            records = data.get(container)
            if isinstance(records, list):
                for i, rec in enumerate(records):
                    if isinstance(rec, dict):
                        self.record(cls, rec, doc.file, f"/{container}/{i}", profile, doc.locate)

    def header(self, header: dict, file: str, profile: str, locate=None, line=None) -> None:
        prefixes = header.get("prefixes")
        self.prefixes = set(prefixes) if isinstance(prefixes, dict) else set()
        dataset = self.model.classes["Dataset"]
        for name in header:
            slot = dataset.slots.get(name)
            if slot is not None and name not in self.model.containers and profile not in slot.profiles:
                self.hit("privacy.field-not-allowed", {"field": name, "sensitivity": slot.sensitivity,
                                                       "profile": profile}, file, f"/{name}", None, locate, line)

    def stream(self, stream: Stream) -> None:
        profile = self.profile_for(None)
        self.prefixes = None  # until the dataset line says which
        record_classes = set(self.model.containers.values())
        for item in stream.items:
            if isinstance(item, ReadError):
                self.add(Finding(item.code, Severity.ERROR, item.params, stream.file, "", None, item.line, item.column))
                continue
            if isinstance(item, TableStart):
                self.table = item
                continue
            if isinstance(item, Notice):
                self.add(Finding(item.code, CATALOGUE[item.code].severity, item.params, stream.file, "", None,
                                 item.line, item.column))
                continue
            line, obj, columns = item if len(item) == 3 else (*item, None)
            cls = obj.pop(TYPE_KEY)
            self.columns = columns  # a table row: say which column each finding is about
            if cls == "Dataset":
                self.add_all(check_structure(obj, stream.file, "Dataset", line=line))
                profile = self.profile_for(obj, stream.file)
                self.header(obj, stream.file, profile, line=line)
                continue
            if cls not in record_classes:
                self.add(Finding("structure.invalid", Severity.ERROR, {"field": TYPE_KEY}, stream.file,
                                 f"/{TYPE_KEY}", obj.get("id") if isinstance(obj.get("id"), str) else None, line))
                continue
            file = stream.file
            if self.table is not None and self.table.sheet is not None:
                file = _RowOfSheet(file, self.table, columns)  # for the references resolved at the end
            if cls == "PeerWorker":
                self.note_name_like(obj)
            self.add_all(check_structure(obj, file, cls, line=line))
            self.record(cls, obj, file, "", profile, None, line)
        self.columns = None
        self.table = None

    def add_all(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.add(finding)

    def on_table(self, finding: Finding, table: TableStart, columns: dict[str, int] | None) -> Finding:
        """A finding in a table: on the cell of the field it is about, on the sheet, and naming
        the field as the column's header does (what the person sees, not the model's name)."""
        file = str(finding.file) if finding.file is not None else None
        if finding.line is None:
            return replace(finding, sheet=table.sheet, file=file)
        column = finding.column
        if column is None and columns:
            column = self.column_for(finding, columns)
        params = finding.params
        field_name = params.get("field")
        if isinstance(field_name, str) and column is not None and column in table.labels:
            pointer = finding.pointer
            if finding.code == "structure.unknown-field":
                pointer += "/" + field_name
            if columns and columns.get(pointer) == column:
                params = {**params, "field": table.labels[column]}
        # the model's other names (a required field, classes, a consent's fields) in the table's words
        params, empty_cell = in_table_words(finding.code, params, finding.pointer, table, self.report.lang)
        column = empty_cell or column
        return replace(finding, column=column, params=params, sheet=table.sheet, file=file)

    def column_for(self, finding: Finding, columns: dict[str, int] | None = None) -> int | None:
        """The table column of a finding: the column of the longest field path it starts with.
        An unknown field is reported on the object that holds it: look for the field itself."""
        pointer = finding.pointer
        if finding.code == "structure.unknown-field":
            pointer += "/" + str(finding.params.get("field", "")).split(", ")[0]
        best = None
        for path, column in (columns if columns is not None else self.columns or {}).items():
            if (pointer == path or pointer.startswith(path + "/")) and (best is None or len(path) > len(best[0])):
                best = (path, column)
        return best[1] if best else None

    # -- after every file ------------------------------------------------------------------------
    def finish(self) -> None:
        self.refs.finish()
        for cycle, file, pointer, line in self.memberships.cycles():
            self.add(Finding("rules.membership-cycle", CATALOGUE["rules.membership-cycle"].severity,
                             {"cycle": " → ".join(cycle + cycle[:1])}, file, pointer, None, line))
        for code, params, file, pointer, line in self.memberships.findings():
            self.add(Finding(code, CATALOGUE[code].severity, params, file, pointer, None, line))


def validate(
    paths: Iterable[str | Path],
    *,
    profile: str | None = None,
    purpose: str | None = None,
    lang: str = "en",
    limits: Limits | None = None,
    config: Config | None = None,
    max_errors: int | None = None,
    today: date | None = None,
    input_format: str | None = None,
    progress: Callable[[int, int, str, int], None] | None = None,
    one_access_per_dataset: bool = False,
) -> Report:
    """Validate data files or folders against the model and return the report.

    profile: "public", "research", "federation" or "internal"; by default each dataset's access
    rights decide (public -> public, restricted -> federation, non-public -> internal).
    purpose: the consent purpose of the disclosure (a ConsentPurpose code); by default the
    profile's (federation -> registry_exchange, research -> research). A peer worker's field is
    disclosed only where a consent in force covers both the profile's audience and the purpose.
    Files that cannot be read become `read.*` findings (`Report.unreadable`). A profile looser
    than a dataset's access rights (public for restricted data...) raises ProfileRefused.
    one_access_per_dataset: what writers ask (export, store load, bundle), which join the files
    that describe one dataset (same id) into one: a dataset described with different access
    rights in two files raises MixedAccessRights, whatever their order. Checking files, each is
    checked against its own header, so files that reuse an id (examples, templates) may differ.
    """
    if profile is not None and profile not in PROFILES:
        raise UsageError(f"unknown profile {profile!r} (use {', '.join(PROFILES)})")
    if purpose is not None and purpose not in CONSENT_PURPOSES:
        raise UsageError(f"unknown purpose {purpose!r} (use {', '.join(CONSENT_PURPOSES)})")
    if lang not in ("en", "fr"):
        raise UsageError(f"unknown language {lang!r} (use en or fr)")
    files = _expand(paths)
    report = Report(files=[str(f) for f in files], profile=profile, lang=lang)
    streaming = any((input_format or FORMATS.get(f.suffix.lower())) in STREAM_FORMATS for f in files)
    run = _Run(report, config or Config(), profile, today or date.today(), max_errors, streaming, purpose,
               one_access_per_dataset)
    # The run builds large trees of fresh objects and no cycles: the cyclic collector would only
    # scan them again and again. It is paused for the run and restored after.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for n, path in enumerate(files, start=1):
            if progress:
                progress(n - 1, len(files), str(path), report.records)
                run.on_records = lambda records, n=n, path=path: progress(n - 1, len(files), str(path), records)
            try:
                source = open_source(path, limits, input_format)
            except ReadError as exc:
                run.add(Finding(exc.code, Severity.ERROR, exc.params, str(path), "", None, exc.line, exc.column))
                continue
            try:
                if isinstance(source, Document):
                    run.document(source)
                elif isinstance(source, RdfGraph):  # RDF: the SHACL shapes, then every layer on its records
                    from .readers.rdf_records import records_from_graph

                    records = list(records_from_graph(source.graph, source.prefixes))
                    for rec in (rec for cls, rec, _ in records if cls == "PeerWorker"):
                        run.note_name_like(rec)  # before the SHACL findings that name them
                    run.add_all(shacl.check(source.graph, source.file, source.prefixes))
                    run.prefixes, in_force = None, run.profile_for(None)  # IRIs are absolute: no prefix to declare
                    for cls, rec, pointer in records:
                        if cls == "Dataset":  # a header, just before the records it lists
                            in_force = run.profile_for(rec, source.file)
                        else:
                            run.record(cls, rec, source.file, pointer, in_force, None, None)
                else:
                    run.stream(source)
            except ReadError as exc:  # raised while streaming
                run.add(Finding(exc.code, Severity.ERROR, exc.params, str(path), "", None, exc.line, exc.column))
        if progress:
            progress(len(files), len(files), "", report.records)
        run.finish()
    except _Stop:
        pass
    finally:
        if gc_was_enabled:
            gc.enable()
    # Once every file is read, as a reference may come before the peer worker it points to.
    report.findings[:] = with_stand_ins(report.findings, run.name_like)
    report.overrides = list(run.applied.values())
    return report
