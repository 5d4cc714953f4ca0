"""`export()`: valid data files as one RDF graph, written atomically, streamed record by record.

1. The files are validated (`peer_schema.validate`) with the profile asked for. Any error
   refuses the export (`ExportRefused`, carrying the findings): only valid data is exported.
   A `privacy.*` finding refuses it whatever its severity under the public profile, and the
   privacy guard cannot be switched off by a project file for an export.
2. Each file is read again, as the validator reads it (JSON and YAML documents, JSON Lines and
   CSV/TSV tables streamed, RDF), and its records become triples of pyoxigraph-made terms
   (`mapping.Mapper`), written as they come (N-Triples and Turtle by `serializers`, JSON-LD and
   RDF/XML by pyoxigraph): memory does not grow with the number of records.
3. The output goes to a temporary file beside OUT, is flushed to disk, then renamed over OUT
   (`os.replace`): a failed or refused run leaves no partial file and the previous OUT intact.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import chain
from pathlib import Path

import pyoxigraph

from ..access import LooserProfile
from ..config import OFF, Config
from ..atomic_files import atomic_file as _atomic  # the one atomic writer of the project
from ..file_modes import PRIVATE_MODE
from ..readers import TYPE_KEY, Document, Limits, RdfGraph, ReadError, Stream, open_source
from ..readers.errors import Notice, TableStart
from ..report import Finding, Report, Severity
from ..validation import PROGRESS_EVERY, ProfileRefused, UsageError, validate
from . import serializers
from .mapping import OUTPUT_PREFIXES, BadValue, Context, Mapper, UnknownPrefix
from .publication import PublishingMapper

#: --to value -> pyoxigraph's format
FORMATS = {
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
    "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
}
#: the usual file extension of each format
SUFFIXES = {"ttl": ".ttl", "nt": ".nt", "jsonld": ".jsonld", "rdfxml": ".rdf"}


class ExportError(Exception):
    """The export could not be written (the output folder, the disk...)."""


class ExportRefused(ExportError):
    """The data may not be exported: it is not valid, or the privacy guard of the profile fails.

    `findings` are the reasons (print them as `peer-schema validate` does); `report` is the whole
    validation report; `privacy` is True when at least one reason is a `privacy.*` finding.
    """

    def __init__(self, findings: list[Finding], report: Report | None = None):
        self.findings = findings
        self.report = report
        self.privacy = any(f.code.startswith("privacy.") for f in findings)
        what = "the privacy guard of the export profile fails" if self.privacy else \
            "the data is not valid, or cannot be written as RDF"
        codes = ", ".join(sorted({f.code for f in findings}))
        super().__init__(f"export refused: {what} ({len(findings)} finding(s): {codes})")


@dataclass
class ExportSummary:
    """What was written. `triples` counts the triples written: one written twice (the node of a
    publisher that two datasets share) counts twice, though a store keeps it once."""

    out: Path
    format: str
    files: list[str] = field(default_factory=list)
    datasets: int = 0
    records: int = 0
    triples: int = 0
    #: peer worker records written: then the file is readable by its owner only
    peer_workers: int = 0
    #: the datasets' nodes written (N-Triples terms, `<iri>`): what `store load` checks a store for
    dataset_nodes: list[str] = field(default_factory=list)
    #: the validation report (warnings stay visible; it has no errors, or there would be no export)
    report: Report | None = None


def export(
    paths: Iterable[str | Path],
    out: str | Path,
    fmt: str = "ttl",
    profile: str | None = None,
    *,
    limits: Limits | None = None,
    config: Config | None = None,
    today: date | None = None,
    input_format: str | None = None,
    purpose: str | None = None,
    progress: Callable[[int, int, str, int], None] | None = None,
) -> ExportSummary:
    """Export the files or folders in `paths` to `out` as RDF (`fmt`: ttl, nt, jsonld, rdfxml).

    profile: "public", "research", "federation" or "internal"; by default each dataset's access
    rights decide, as in `validate`; purpose: the consent purpose of the disclosure, as in
    `validate` (by default the profile's); progress(done, total, file, records): called as the
    validation reads the files (as in `validate`), then again as the export writes them. Raises
    `ExportRefused` (with the findings) when the data is not valid or may not be shared under the
    profile, `UsageError` for a wrong call, `ExportError` when the output cannot be written.
    Returns what was written.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown RDF format {fmt!r} (use {', '.join(FORMATS)})")
    paths = list(paths)
    out = Path(out)
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; name the output file")
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")

    report = validate(paths, profile=profile, limits=limits, config=_guarded(config), today=today,
                      one_access_per_dataset=True,
                      input_format=input_format, purpose=purpose, progress=progress)
    blocking = _blocking(report, profile)
    if blocking:
        raise ExportRefused(blocking, report)

    summary = ExportSummary(out, fmt, files=list(report.files), report=report)
    # access decides each dataset's label and removes small counts under the public profile
    writer = _Writer(PublishingMapper(Mapper(), profile, purpose=purpose), summary, limits, input_format)
    files = [Path(f) for f in report.files]  # the files the validator read, in its order
    writer.progress, writer.total = progress, len(files)
    try:
        with _atomic(out, lambda: PRIVATE_MODE if summary.peer_workers else None) as fh:
            writer.write(files, fh, fmt)
        summary.dataset_nodes = sorted(writer.seen_datasets)
    except UnknownPrefix as exc:
        from ..report.finding_words import prefix_words

        finding = Finding("refs.undeclared-prefix", Severity.ERROR,
                          {"prefix": exc.prefix, "id": exc.curie, **prefix_words(exc.prefix)},
                          writer.current, "", exc.curie, default_severity=Severity.WARNING)
        raise ExportRefused([finding], report) from None
    except BadValue as exc:
        from ..checks.structure import expected_form

        finding = Finding("structure.bad-format", Severity.ERROR, {"field": exc.field, **expected_form(None)}, writer.current, "",
                          exc.record_id)
        raise ExportRefused([finding], report) from None
    except LooserProfile as exc:  # a record its dataset's node may not carry (publication.py)
        raise ProfileRefused(writer.current, exc) from None
    except ReadError as exc:  # a file changed between the validation and the export
        finding = Finding(exc.code, Severity.ERROR, exc.params, writer.current, "", None, exc.line, exc.column)
        raise ExportRefused([finding], report) from None
    except OSError as exc:
        name = Path(exc.filename).name if isinstance(exc.filename, str) else ""
        if name and name != out.name and not name.startswith(f".{out.name}."):  # an input deleted since validated
            raise ExportError(f"{exc.filename}: cannot be read again ({exc.strerror or exc}); nothing written") from exc
        raise ExportError(f"{out}: cannot write the export ({exc.strerror or exc})") from exc
    return summary


# -- the gate ---------------------------------------------------------------------------------------
def _guarded(config: Config | None) -> Config | None:
    """A project file may lower a privacy finding, never switch the privacy guard off for an export."""
    if config is None or not any(c.startswith("privacy.") and v == OFF for c, v in config.severity.items()):
        return config
    kept = {c: v for c, v in config.severity.items() if not (c.startswith("privacy.") and v == OFF)}
    return Config(kept, config.source)


def _blocking(report: Report, profile: str | None) -> list[Finding]:
    blocking = []
    for f in report.findings:
        if f.code.startswith("privacy."):
            public = profile == "public" or f.params.get("profile") == "public"
            if public or f.severity is Severity.ERROR:
                blocking.append(f)
        elif f.severity is Severity.ERROR:
            blocking.append(f)
        elif f.code == "refs.undeclared-prefix":  # a warning for the validator, but such an
            # identifier cannot become an IRI: an error for the export
            blocking.append(replace(f, severity=Severity.ERROR, default_severity=f.default_severity or f.severity))
    return blocking


# -- atomic output ----------------------------------------------------------------------------------
# -- reading and writing ----------------------------------------------------------------------------
class _Chunks(io.RawIOBase):
    """Pieces of N-Triples as a binary file, for pyoxigraph's parser to pull."""

    def __init__(self, chunks: Iterator[bytes]):
        self.chunks = chunks
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self.pending:
            self.pending = next(self.chunks, b"")
            if not self.pending:
                return 0
        n = min(len(buffer), len(self.pending))
        buffer[:n] = self.pending[:n]
        self.pending = self.pending[n:]
        return n


class _Writer:
    def __init__(self, mapper: Mapper, summary: ExportSummary, limits: Limits | None, input_format: str | None):
        self.mapper = mapper
        self.summary = summary
        self.limits = limits
        self.input_format = input_format
        self.seen_datasets: set[str] = set()
        #: the file being read, for the findings of a failure
        self.current: str | None = None
        #: told of the files and records written, as `validate` tells of those read
        self.progress: Callable[[int, int, str, int], None] | None = None
        self.done, self.total = 0, 0

    def write(self, files: list[Path], fh, fmt: str) -> None:
        records = chain.from_iterable(self.file(path) for path in files)
        counter = [0]
        if fmt == "nt":
            for chunk in serializers.ntriples(records, counter):
                fh.write(chunk)
        elif fmt == "ttl":
            turtle = serializers.Turtle(OUTPUT_PREFIXES)
            fh.write(turtle.header())
            for chunk in turtle.chunks(records, counter):
                fh.write(chunk)
        else:  # pyoxigraph writes JSON-LD and RDF/XML, from the N-Triples it parses as they come
            source = io.BufferedReader(_Chunks(serializers.ntriples(records, counter)), serializers.CHUNK)
            triples = pyoxigraph.parse(source, pyoxigraph.RdfFormat.N_TRIPLES)
            pyoxigraph.serialize(triples, fh, FORMATS[fmt], prefixes=dict(OUTPUT_PREFIXES))
        self.summary.triples = counter[0]
        if self.progress:
            self.progress(self.total, self.total, "", self.summary.records)

    def _tick(self) -> None:
        """One more record written: tell the progress every PROGRESS_EVERY records."""
        if self.progress and not self.summary.records % PROGRESS_EVERY:
            self.progress(self.done, self.total, self.current or "", self.summary.records)

    def file(self, path: Path) -> Iterator[list]:
        """The triples of each record of a file (and of its dataset's header), record by record."""
        if self.current is not None:
            self.done += 1
        self.current = str(path)
        if self.progress:
            self.progress(self.done, self.total, self.current, self.summary.records)
        source = open_source(path, self.limits, self.input_format)
        if isinstance(source, Document):
            yield from self.document(source.data, Context(source.data))
        elif isinstance(source, RdfGraph):
            from ..readers.rdf_records import records_from_graph

            items = ((cls, rec) for cls, rec, _ in records_from_graph(source.graph, source.prefixes))
            yield from self.records(items, source.prefixes)
        else:
            yield from self.records(self.stream_items(source), None)

    def document(self, data: dict, ctx: Context) -> Iterator[list]:
        yield self.header(data, ctx)
        for container, cls in self.mapper.model.containers.items():
            for rec in data.get(container) or ():
                self.summary.records += 1
                self.summary.peer_workers += cls == "PeerWorker"
                self._tick()
                yield self.mapper.record(cls, rec, ctx)

    def header(self, header: dict, ctx: Context) -> list:
        if ctx.node is None or ctx.node in self.seen_datasets:
            return []  # a table beside its Dataset.csv: the dataset's node is written once
        self.seen_datasets.add(ctx.node)
        self.summary.datasets += 1
        return self.mapper.dataset(header, ctx)

    @staticmethod
    def stream_items(stream: Stream) -> Iterator[tuple[str, dict]]:
        for item in stream.items:
            if isinstance(item, ReadError):
                raise item
            if isinstance(item, (Notice, TableStart)):
                continue  # a table's header: nothing to export
            obj = item[1]
            yield obj.get(TYPE_KEY), obj

    def records(self, items: Iterator[tuple[str, dict]], file_prefixes: dict[str, str] | None) -> Iterator[list]:
        """Records of a stream: a "Dataset" item is the header of the records after it."""
        containers = set(self.mapper.model.containers.values())
        ctx = Context(None, file_prefixes)
        for cls, rec in items:
            if cls == "Dataset":
                ctx = Context(rec, file_prefixes)
                yield self.header(rec, ctx)
            elif cls in containers:
                self.summary.records += 1
                self.summary.peer_workers += cls == "PeerWorker"
                self._tick()
                yield self.mapper.record(cls, rec, ctx)

