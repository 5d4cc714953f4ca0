"""The `peer-schema` command: parses options, calls the library, turns the report into an exit code.

Exit codes: 0 no errors (warnings allowed unless --strict); 1 errors found; 2 the input could
not be read, or the call or the project file was wrong; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

if __name__ == "__main__":  # `python -m peer_schema.cli`: a Ctrl-C during the imports below ends it quietly
    from peer_schema.interrupts import quiet_start

    quiet_start()

import argparse
import json
import sys
from pathlib import Path

from . import __version__, artifacts
from .model import CONSENT_PURPOSES, PROFILES
from .readers import FORMATS

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.version:  # a released version of the model (versions/commands.py)
        from .versions.commands import print_schema_version

        return print_schema_version(args.version, args.format)
    sys.stdout.write(artifacts.read_text(artifacts.SCHEMA_FORMATS[args.format]))
    return EXIT_OK


def _cmd_vocab(args: argparse.Namespace) -> int:
    from . import vocab_listing as listing
    from .report.text import terminal_safe

    fmt = args.format or ("table" if args.scheme else "ttl")
    if args.scheme is None:
        if fmt in artifacts.VOCAB_FORMATS:
            sys.stdout.write(artifacts.read_text(artifacts.VOCAB_FORMATS[fmt]))
        else:  # the vocabularies there are, to choose one
            header = ("vocabulary", "titre" if args.lang == "fr" else "title")
            out = listing.schemes(args.lang)
            sys.stdout.write(listing.as_csv(header, out) if fmt == "csv" else listing.as_table(header, out))
        return EXIT_OK
    name, nearest = listing.find_scheme(args.scheme)
    if name is None:
        hint = f' (nearest: "{nearest}")' if nearest else ""
        print(f"peer-schema vocab: no vocabulary is named {terminal_safe(args.scheme)!r}{hint}; "
              "peer-schema vocab --format table lists them", file=sys.stderr)
        return EXIT_UNREADABLE
    if fmt == "ttl":
        print("peer-schema vocab: --format ttl prints every vocabulary (leave out the name); "
              "for one, use --format table, csv or json", file=sys.stderr)
        return EXIT_UNREADABLE
    if fmt == "json":
        print(json.dumps({name: artifacts.vocabularies()[name]}, ensure_ascii=False, indent=1))
        return EXIT_OK
    header = ("code", "libellé" if args.lang == "fr" else "label")
    body = listing.rows(name, args.lang)
    if fmt == "csv":
        sys.stdout.write(listing.as_csv(header, body))
    else:
        sys.stdout.write(f"{listing.title(name, args.lang)}\n\n" + listing.as_table(header, body))
    return EXIT_OK


def _progress_bar():
    """A one-line progress bar on stderr (files done, records read), only when a person is
    watching it."""
    from .report.text import terminal_safe

    stream = getattr(sys.stderr, "raw", sys.stderr)  # its own carriage returns pass; the file names are escaped
    if not stream.isatty():
        return None

    def show(done: int, total: int, name: str, records: int) -> None:
        width = 24
        filled = int(width * done / total) if total else width
        line = f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files, {records:,} records " \
               f"{terminal_safe(name)[-40:]}"
        stream.write("\r" + line[:110].ljust(110))
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


def _render(report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "junit":
        from .report.junit import render_junit

        return render_junit(report)
    if fmt == "sarif":
        from .report.sarif import render_sarif

        return render_sarif(report)
    if fmt == "html":
        from .report.html import render_html

        return render_html(report)
    from .report.text import render_text

    return render_text(report)


def _cmd_validate(args: argparse.Namespace) -> int:
    from .config import ConfigError, load_config
    from .readers import Limits
    from .report import Severity
    from .report.refusal import refusal_report
    from .validation import ProfileRefused, UsageError, validate

    def refuse(exc: Exception, code: str, params: dict, file=None) -> int:
        # the README promises a report whatever the exit code: a refusal is one, with one finding
        print(f"peer-schema validate: {exc}", file=sys.stderr)
        print(_render(refusal_report(code, params, file, args.profile, args.lang), args.format))
        return EXIT_UNREADABLE

    missing = next((p for p in args.paths if not Path(p).exists()), None)
    if missing is not None:
        return refuse(FileNotFoundError(f"{missing}: no such file or folder"), "read.no-such-path", {}, missing)
    try:
        config = load_config(args.config)
        limits = Limits(max_bytes=args.max_bytes, max_depth=args.max_depth)
        report = validate(args.paths, profile=args.profile, purpose=args.purpose, lang=args.lang, limits=limits,
                          config=config, max_errors=args.max_errors, input_format=args.input_format,
                          today=args.today, progress=None if args.no_progress else _progress_bar())
    except ProfileRefused as exc:
        return refuse(exc, "read.profile-refused", exc.refusal.params, exc.file)
    except (UsageError, ConfigError) as exc:
        return refuse(exc, "read.refused", {"reason": str(exc)})
    print(_render(report, args.format))
    if args.annotate is not None:  # the workbook with its findings as comments (sheets/annotate.py)
        from .sheets.annotate import AnnotateError, write_annotated

        try:
            write_annotated(report, args.annotate, args.lang)
        except (AnnotateError, OSError) as exc:
            print(f"peer-schema validate: --annotate: {exc}", file=sys.stderr)
            return EXIT_UNREADABLE
    if report.unreadable:
        return EXIT_UNREADABLE
    if not report.valid or (args.strict and report.count(Severity.WARNING)):
        return EXIT_ERRORS
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .web.serve import WebExtraMissing, run

    try:
        run(args.host, args.port, args.store, args.endpoint)
    except (WebExtraMissing, OSError) as exc:
        print(f"peer-schema serve: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK


def _cmd_synth(args: argparse.Namespace) -> int:
    from .synth import synthesize

    try:
        summary = synthesize(args.records, args.seed, args.output, args.invalid_rate, today=args.today)
    except (ValueError, OSError) as exc:
        print(f"peer-schema synth: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    counts = ", ".join(f"{n} {cls}" for cls, n in summary.counts.items())
    print(f"{summary.out}: {summary.records} records ({counts}); "
          f"{len(summary.breaks)} rule break(s) listed in {summary.expected}", file=sys.stderr)
    return EXIT_OK


def _output_is_input(args: argparse.Namespace, command: str) -> bool:
    """Say so, and True, when the output would overwrite one of the files the command reads."""
    from .atomic_files import output_clash
    from .validation import UsageError, _expand

    try:
        inputs = _expand(args.paths)
    except UsageError:
        return False  # the command itself says what is wrong with the paths
    clash = output_clash(args.output, inputs, "an input file")
    if clash:
        print(f"peer-schema {command}: {clash}", file=sys.stderr)
    return clash is not None


def _cmd_export(args: argparse.Namespace) -> int:
    if _output_is_input(args, "export"):
        return EXIT_UNREADABLE
    if args.to == "xlsx":
        from .sheets.commands import export_workbook

        return export_workbook(args)
    from .config import ConfigError, load_config
    from .rdf import ExportError, ExportRefused, export
    from .report.text import render_text
    from .validation import UsageError

    try:
        summary = export(args.paths, args.output, args.to, args.profile, config=load_config(args.config),
                         today=args.today, purpose=args.purpose)
    except ExportRefused as exc:
        exc.report.lang = args.lang
        exc.report.findings = list(exc.findings)
        print(render_text(exc.report), file=sys.stderr)
        print(f"peer-schema export: refused, nothing written ({len(exc.findings)} reason(s) above)", file=sys.stderr)
        return EXIT_UNREADABLE if exc.report.unreadable else EXIT_ERRORS
    except (UsageError, ConfigError, ExportError) as exc:
        print(f"peer-schema export: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    from .model import PROFILE_AUDIENCE, PROFILE_PURPOSE

    # what the peer workers' fields were disclosed to and for, when --profile names one audience
    purpose, audience = args.purpose or PROFILE_PURPOSE.get(args.profile), PROFILE_AUDIENCE.get(args.profile)
    disclosed = f"; peer workers' fields to the {audience}, for {purpose}" if summary.peer_workers and purpose \
        and audience else ""
    print(f"{summary.out}: {summary.records} records, {summary.triples} triples ({summary.format}){disclosed}",
          file=sys.stderr)
    return EXIT_OK


def _cmd_store_load(args: argparse.Namespace) -> int:
    from .config import ConfigError
    from .rdf import ExportRefused
    from .rdf.endpoint import EndpointError
    from .rdf.store import StoreError, load
    from .report.text import render_text
    from .validation import UsageError

    try:
        paths = list(args.paths)
        if args.compendium:  # the compendium shipped with the package, wherever it is installed
            from .compendium import compendium_folder
            paths.append(compendium_folder())
        if not paths:
            raise UsageError("give the files or folders to load, or --compendium")
        triples = load(paths, None if args.endpoint else args.store, endpoint=args.endpoint,
                       graph_store=args.graph_store, profile=args.profile, replace=args.replace,
                       purpose=args.purpose)
    except ExportRefused as exc:
        exc.report.findings = list(exc.findings)
        print(render_text(exc.report), file=sys.stderr)
        print("peer-schema store load: refused, nothing loaded", file=sys.stderr)
        return EXIT_UNREADABLE if exc.report.unreadable else EXIT_ERRORS
    except (StoreError, EndpointError, UsageError, ConfigError) as exc:
        print(f"peer-schema store load: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"{triples} triples loaded into {args.endpoint or args.store}", file=sys.stderr)
    return EXIT_OK


def _cmd_query(args: argparse.Namespace) -> int:
    from .rdf.endpoint import EndpointError
    from .rdf.queries import QueryError, list_questions, stream_question, stream_sparql, write_answer
    from .rdf.store import StoreError

    if args.list:
        for q in list_questions():
            print(f"{q.name}\n    {q.title}")
            for p in q.parameters:
                print(f"    --param {p.name}=...  {p.description}")
        return EXIT_OK
    if bool(args.name) == bool(args.sparql):
        print("peer-schema query: name a saved question, or give --sparql FILE (see --list)", file=sys.stderr)
        return EXIT_UNREADABLE
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            print(f"peer-schema query: --param {item}: write NAME=VALUE", file=sys.stderr)
            return EXIT_UNREADABLE
        params[key.strip()] = value.strip()
    import math

    where = {"store_dir": None if args.endpoint else args.store, "endpoint": args.endpoint,
             "timeout": args.timeout or math.inf, "max_rows": args.max_rows or None}
    try:  # the rows are written as they come; a limit reached on the way still ends with exit code 2
        if args.sparql:
            answer = stream_sparql(_sparql_text(args.sparql), **where)
        else:
            answer = stream_question(args.name, params, **where)
        write_answer(answer, args.format, sys.stdout)
    except BrokenPipeError:  # `peer-schema query ... | head`: main() ends quietly
        raise
    except (QueryError, StoreError, EndpointError, OSError) as exc:
        sys.stdout.flush()
        print(f"peer-schema query: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK


def _sparql_text(path: Path) -> str:
    """A --sparql file's text; QueryError if it is not UTF-8 (or too large to be a query)."""
    from .rdf.queries import QueryError

    with path.open("rb") as fh:
        data = fh.read(_MAX_SPARQL_BYTES + 1)
    if len(data) > _MAX_SPARQL_BYTES:
        raise QueryError(f"{path}: larger than {_MAX_SPARQL_BYTES // (1 << 20)} MiB, too large to be a query")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
                         f"save the query as UTF-8") from None


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a number of seconds") from None
    if not 0 <= value < 1e9:
        raise argparse.ArgumentTypeError("a number of seconds, 0 or more (0: no limit)")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("a whole number") from None
    if not 0 <= value < 1 << 62:
        raise argparse.ArgumentTypeError("a whole number, 0 or more (0: no limit)")
    return value


#: the largest --sparql file read (a query, not a data file)
_MAX_SPARQL_BYTES = 1 << 20


def _date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("write the date as YYYY-MM-DD") from None


def _rate(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _add_purpose(p: argparse.ArgumentParser) -> None:
    p.add_argument("--purpose", choices=CONSENT_PURPOSES, metavar="PURPOSE",
                   help="what peer workers' fields are disclosed for: a field goes only where a consent in force "
                        "names the profile's audience and this purpose (default: registry_exchange for the "
                        "federation profile, research for the research profile). One of: "
                        + ", ".join(CONSENT_PURPOSES))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peer-schema", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"peer-schema {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check data files or folders against the model",
                       description="Check data files or folders against the model. Exit codes: 0 no errors, "
                                   "1 errors found, 2 input unreadable or wrong call.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["text", "json", "junit", "sarif", "html"], default="text",
                   help="report format (default: text; html: one self-contained page for people)")
    p.add_argument("--profile", choices=PROFILES,
                   help="export profile to check against (default: from each dataset's access_rights; never "
                        "looser than them: refused with exit code 2)")
    _add_purpose(p)
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of messages (default: en)")
    p.add_argument("--strict", action="store_true", help="warnings also make the exit code 1")
    p.add_argument("--max-errors", type=_positive, metavar="N", help="stop after N errors")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="project file (default: ./peer-schema.toml or [tool.peer-schema] in ./pyproject.toml)")
    p.add_argument("--input-format", choices=sorted(set(FORMATS.values())),
                   help="read every file as this format, whatever its extension")
    p.add_argument("--max-bytes", type=_positive, default=512 * 1024 * 1024, metavar="N",
                   help="largest file accepted, in bytes (default: 512 MiB)")
    p.add_argument("--max-depth", type=_positive, default=64, metavar="N",
                   help="deepest nesting accepted (default: 64)")
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                   help="judge consents and years as on this date (default: today), for reproducible runs")
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.add_argument("--annotate", type=Path, metavar="OUT.xlsx", help="also write the .xlsx workbook checked with each "
                   "finding's cell highlighted and commented, in --lang (needs openpyxl: the web extra)")
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser("export", help="export data as RDF (validated first; a public export that would leak is refused)",
                       description="Validate the data, then write it as RDF, atomically: a refused or failed export "
                                   "writes nothing and leaves an earlier output intact. Exit codes as for validate.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--to", choices=["ttl", "nt", "jsonld", "rdfxml", "xlsx"], default="ttl",
                   help="RDF format (default: ttl), or xlsx: the data in the spreadsheet template's layout")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT")
    p.add_argument("--profile", choices=PROFILES,
                   help="export profile (default: from each dataset's access_rights)")
    _add_purpose(p)
    p.add_argument("--lang", choices=["en", "fr"], default="en",
                   help="language of the reasons for a refusal (and of a workbook's labels)")
    p.add_argument("--sheet-lang", choices=["en", "fr"], help="language of a workbook's labels, if not --lang")
    p.add_argument("--config", type=Path, metavar="FILE", help="project file (as for validate)")
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="judge consents as on this date")
    p.set_defaults(run=_cmd_export)

    p = sub.add_parser("store", help="the embedded RDF store (or a SPARQL endpoint) for research questions")
    store_sub = p.add_subparsers(dest="store_command", required=True, metavar="ACTION")
    p = store_sub.add_parser("load", help="validate, export and load data (with the SKOS vocabularies)")
    p.add_argument("paths", nargs="*", metavar="PATH")
    p.add_argument("--compendium", action="store_true",
                   help="also load the Council of Europe compendium shipped with the package")
    p.add_argument("--store", type=Path, default=Path("peer-schema-store"), metavar="DIR",
                   help="the store's folder (default: ./peer-schema-store)")
    p.add_argument("--endpoint", metavar="URL", help="load into a SPARQL 1.1 server instead (Graph Store Protocol)")
    p.add_argument("--graph-store", metavar="URL", help="the Graph Store Protocol URL, if not the endpoint's /store")
    p.add_argument("--profile", choices=PROFILES)
    _add_purpose(p)
    p.add_argument("--replace", action="store_true", help="empty the store first")
    p.set_defaults(run=_cmd_store_load)

    p = sub.add_parser("query", help="ask a saved research question, or read-only SPARQL, of the store")
    p.add_argument("name", nargs="?", help="the saved question (see --list)")
    p.add_argument("--list", action="store_true", help="list the saved questions and their parameters")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter (repeatable)")
    p.add_argument("--sparql", type=Path, metavar="FILE", help="run this SPARQL query (read-only) instead")
    p.add_argument("--store", type=Path, default=Path("peer-schema-store"), metavar="DIR")
    p.add_argument("--endpoint", metavar="URL", help="ask a SPARQL 1.1 endpoint instead of the embedded store")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="csv: text that a spreadsheet would run as a formula gets an apostrophe in front")
    p.add_argument("--timeout", type=_seconds, default=60.0, metavar="SECONDS",
                   help="stop a query that runs longer (default: 60; 0: no limit); for an endpoint, the whole request")
    p.add_argument("--max-rows", type=_count, default=100_000, metavar="N",
                   help="stop an answer that has more rows (default: 100000; 0: no limit)")
    p.set_defaults(run=_cmd_query)

    p = sub.add_parser("serve", help="the web app: check files, download the template (docs/web.md)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="research store the pages read (never written)")
    where.add_argument("--endpoint", metavar="URL", help="or a SPARQL 1.1 endpoint")
    p.set_defaults(run=_cmd_serve)

    p = sub.add_parser("synth", help="write a realistic synthetic registry, valid or with known rule breaks",
                       description="Write a synthetic registry covering every class (.json, .jsonl streamed, or "
                                   ".yaml) and FILE.expected.json listing each injected rule break with its code.")
    p.add_argument("--records", type=_positive, required=True, metavar="N")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="same seed, same file (default: 0)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    p.add_argument("--invalid-rate", type=_rate, default=0.0, metavar="R",
                   help="share of records given one rule break each (default: 0)")
    p.add_argument("--today", type=_date, default=_date("2026-11-23"), metavar="YYYY-MM-DD",
                   help="reference date for consent dates (default: 2026-11-23, so files are reproducible)")
    p.set_defaults(run=_cmd_synth)

    p = sub.add_parser("schema", help="print a generated artifact of the model")
    p.add_argument("--format", choices=sorted(artifacts.SCHEMA_FORMATS), required=True)
    p.add_argument("--version", metavar="X.Y.Z",
                   help="a released version of the model (default: this package's); earlier versions: --format linkml")
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser("vocab", help="list one vocabulary's codes and labels, or print them all (SKOS Turtle, JSON)",
                       description="With a vocabulary's name, list its codes and labels as a table (or CSV, "
                                   "JSON); without one, print every vocabulary as SKOS Turtle or JSON, or with "
                                   "--format table the names of the vocabularies.")
    p.add_argument("scheme", nargs="?", metavar="SCHEME",
                   help="a vocabulary, by name or title in any case: country, ConsentPurpose, \"Consent purposes\"")
    p.add_argument("--format", choices=sorted({*artifacts.VOCAB_FORMATS, "table", "csv"}), default=None,
                   help="table (default with SCHEME), csv, json; ttl (default without SCHEME)")
    p.add_argument("--lang", choices=("en", "fr"), default="en", help="language of the labels (default: en)")
    p.set_defaults(run=_cmd_vocab)

    from .exchange.commands import add_commands as add_exchange_commands
    from .sheets.commands import add_commands as add_sheet_commands
    from .versions.commands import add_commands as add_version_commands

    add_sheet_commands(sub)  # template, import (sheets/commands.py)
    add_version_commands(sub)  # diff, migrate (versions/commands.py)
    add_exchange_commands(sub)  # bundle, merge (exchange/commands.py)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .interrupts import EXIT_INTERRUPTED, MESSAGE, command_ending, command_started

    from .report.text import TerminalSafeStream

    command_started()
    stderr = sys.stderr
    sys.stderr = TerminalSafeStream(stderr)
    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except BrokenPipeError:  # `peer-schema vocab | head`
        return EXIT_OK
    except KeyboardInterrupt:  # every writer has cleaned up on its way here
        command_ending()
        stderr.write(MESSAGE)
        return EXIT_INTERRUPTED
    finally:
        sys.stderr = stderr


if __name__ == "__main__":
    code = main()
    from peer_schema.interrupts import command_ending

    command_ending()
    sys.exit(code)
