"""`peer-schema export`, `store load` and `query`: RDF out, into a store, questions asked of it
(the work is in rdf/export.py, rdf/store.py and rdf/queries.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, add_purpose, count, date_type, progress_bar, refusals, \
    run_handler, say, seconds

#: the largest --sparql file read (a query, not a data file)
_MAX_SPARQL_BYTES = 1 << 20


def _output_is_input(args: argparse.Namespace, command: str) -> bool:
    """Say so, and True, when the output would overwrite one of the files the command reads."""
    from ..atomic_files import output_clash
    from ..validation import UsageError, _expand

    try:
        inputs = _expand(args.paths)
    except UsageError:
        return False  # the command itself says what is wrong with the paths
    clash = output_clash(args.output, inputs, "an input file")
    if clash:
        say(command, clash)
    return clash is not None


def _refused(exc, command: str, what: str) -> int:
    """An export or a load refused: the reasons as a report on stderr, then one line."""
    from ..report.text import render_text

    exc.report.findings = list(exc.findings)
    print(render_text(exc.report), file=sys.stderr)
    say(command, what)
    return EXIT_UNREADABLE if exc.report.unreadable else EXIT_ERRORS


@run_handler
def _cmd_export(args: argparse.Namespace) -> int:
    if _output_is_input(args, "export"):
        return EXIT_UNREADABLE
    if args.to == "xlsx":
        from .sheets import export_workbook

        return export_workbook(args)
    from ..config import ConfigError, load_config
    from ..rdf import ExportError, ExportRefused, export
    from ..validation import UsageError

    with refusals("export", UsageError, ConfigError, ExportError):
        try:
            summary = export(args.paths, args.output, args.to, args.profile, config=load_config(args.config),
                             today=args.today, purpose=args.purpose, progress=progress_bar("checked", "written"))
        except ExportRefused as exc:  # an ExportError, with its reasons
            exc.report.lang = args.lang
            return _refused(exc, "export", f"refused, nothing written ({len(exc.findings)} reason(s) above)")
    from ..model import PROFILE_AUDIENCE, PROFILE_PURPOSE

    # what the peer workers' fields were disclosed to and for, when --profile names one audience
    purpose, audience = args.purpose or PROFILE_PURPOSE.get(args.profile), PROFILE_AUDIENCE.get(args.profile)
    disclosed = f"; peer workers' fields to the {audience}, for {purpose}" if summary.peer_workers and purpose \
        and audience else ""
    print(f"{summary.out}: {summary.records} records, {summary.triples} triples ({summary.format}){disclosed}",
          file=sys.stderr)
    return EXIT_OK


@run_handler
def _cmd_store_load(args: argparse.Namespace) -> int:
    from ..config import ConfigError
    from ..rdf import ExportRefused
    from ..rdf.endpoint import EndpointError
    from ..rdf.store import StoreError, load
    from ..validation import UsageError

    try:
        with refusals("store load", StoreError, EndpointError, UsageError, ConfigError):
            paths = list(args.paths)
            if args.compendium:  # the compendium shipped with the package, wherever it is installed
                from ..compendium import compendium_folder
                paths.append(compendium_folder())
            if not paths:
                raise UsageError("give the files or folders to load, or --compendium")
            triples = load(paths, None if args.endpoint else args.store, endpoint=args.endpoint,
                           graph_store=args.graph_store, profile=args.profile, replace=args.replace,
                           purpose=args.purpose, progress=progress_bar("checked", "exported"))
    except ExportRefused as exc:
        return _refused(exc, "store load", "refused, nothing loaded")
    print(f"{triples} triples loaded into {args.endpoint or args.store}", file=sys.stderr)
    return EXIT_OK


@run_handler
def _cmd_query(args: argparse.Namespace) -> int:
    import math

    from ..rdf.endpoint import EndpointError
    from ..rdf.queries import QueryError, list_questions, stream_question, stream_sparql, write_answer
    from ..rdf.store import StoreError

    if args.list:
        for q in list_questions():
            print(f"{q.name}\n    {q.title}")
            for p in q.parameters:
                print(f"    --param {p.name}=...  {p.description}")
        return EXIT_OK
    if bool(args.name) == bool(args.sparql):
        say("query", "name a saved question, or give --sparql FILE (see --list)")
        return EXIT_UNREADABLE
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            say("query", f"--param {item}: write NAME=VALUE")
            return EXIT_UNREADABLE
        params[key.strip()] = value.strip()
    where = {"store_dir": None if args.endpoint else args.store, "endpoint": args.endpoint,
             "timeout": args.timeout or math.inf, "max_rows": args.max_rows or None}
    try:  # the rows are written as they come; a limit reached on the way still ends with exit code 2
        names = None
        if args.format == "table":  # labels and compact names for people; csv and json keep IRIs
            from ..rdf.display import names_for_people

            names = names_for_people(args.lang or (params.get("lang") or "en").lower(), **where)
        if args.sparql:
            answer = stream_sparql(_sparql_text(args.sparql), **where)
        else:
            answer = stream_question(args.name, params, lang=args.lang, **where)
        write_answer(names.answer(answer) if names else answer, args.format, sys.stdout)
    except BrokenPipeError:  # `peer-schema query ... | head`: main() ends quietly
        raise
    except (QueryError, StoreError, EndpointError, OSError) as exc:
        sys.stdout.flush()
        say("query", str(exc))
        return EXIT_UNREADABLE
    return EXIT_OK


def _sparql_text(path: Path) -> str:
    """A --sparql file's text; QueryError if it is not UTF-8 (or too large to be a query)."""
    from ..rdf.queries import QueryError

    with path.open("rb") as fh:
        data = fh.read(_MAX_SPARQL_BYTES + 1)
    if len(data) > _MAX_SPARQL_BYTES:
        raise QueryError(f"{path}: larger than {_MAX_SPARQL_BYTES // (1 << 20)} MiB, too large to be a query")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QueryError(f"{path}: not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
                         f"save the query as UTF-8") from None


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add `export`, `store load` and `query` to the `peer-schema` parser."""
    from ..model import PROFILES

    p = sub.add_parser("export", help="export data as RDF (validated first; a public export that would leak is refused)",
                       description="Validate the data, then write it as RDF, atomically: a refused or failed export "
                                   "writes nothing and leaves an earlier output intact. Exit codes as for validate.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (any format validate reads)")
    p.add_argument("--to", choices=["ttl", "nt", "jsonld", "rdfxml", "xlsx"], default="ttl",
                   help="RDF format (default: ttl), or xlsx: the data in the spreadsheet template's layout")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT",
                   help="the file to write; an earlier file is replaced only once the export is complete")
    p.add_argument("--profile", choices=PROFILES,
                   help="export profile (default: from each dataset's access_rights)")
    add_purpose(p)
    p.add_argument("--lang", choices=["en", "fr"], default="en",
                   help="language of the reasons for a refusal (and of a workbook's labels)")
    p.add_argument("--sheet-lang", choices=["en", "fr"], help="language of a workbook's labels, if not --lang")
    p.add_argument("--config", type=Path, metavar="FILE", help="project file (as for validate)")
    p.add_argument("--today", type=date_type, metavar="YYYY-MM-DD", help="judge consents as on this date")
    p.set_defaults(run=_cmd_export)

    p = sub.add_parser("store", help="the embedded RDF store (or a SPARQL endpoint) for research questions",
                       description="Load data into the embedded RDF store (or a SPARQL 1.1 server) that "
                                   "`peer-schema query` asks.")
    store_sub = p.add_subparsers(dest="store_command", required=True, metavar="ACTION")
    p = store_sub.add_parser("load", help="validate, export and load data (with the SKOS vocabularies)",
                             description="Validate the data, export it as RDF and load it, with the SKOS "
                                         "vocabularies, into the store; refused data loads nothing. Exit codes as "
                                         "for validate.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (any format validate reads)")
    p.add_argument("--compendium", action="store_true",
                   help="also load the Council of Europe compendium shipped with the package")
    p.add_argument("--store", type=Path, default=Path("peer-schema-store"), metavar="DIR",
                   help="the store's folder (default: ./peer-schema-store)")
    p.add_argument("--endpoint", metavar="URL", help="load into a SPARQL 1.1 server instead (Graph Store Protocol)")
    p.add_argument("--graph-store", metavar="URL", help="the Graph Store Protocol URL, if not the endpoint's /store")
    p.add_argument("--profile", choices=PROFILES, help="export profile (default: from each dataset's access_rights)")
    add_purpose(p)
    p.add_argument("--replace", action="store_true", help="empty the store first")
    p.set_defaults(run=_cmd_store_load)

    p = sub.add_parser("query", help="ask a saved research question, or read-only SPARQL, of the store",
                       description="Ask a saved research question (parameters bound safely) or run a read-only "
                                   "SPARQL query, of the embedded store or a SPARQL 1.1 endpoint; the rows are "
                                   "written as they come.")
    p.add_argument("name", nargs="?", help="the saved question (see --list)")
    p.add_argument("--list", action="store_true", help="list the saved questions and their parameters")
    p.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a parameter (repeatable)")
    p.add_argument("--sparql", type=Path, metavar="FILE", help="run this SPARQL query (read-only) instead")
    p.add_argument("--store", type=Path, default=Path("peer-schema-store"), metavar="DIR",
                   help="the store's folder (default: ./peer-schema-store)")
    p.add_argument("--endpoint", metavar="URL", help="ask a SPARQL 1.1 endpoint instead of the embedded store")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="table: labels and compact names (coe:org/x); csv, json: full IRIs. csv: text that a "
                        "spreadsheet would run as a formula gets an apostrophe in front")
    p.add_argument("--lang", choices=["en", "fr"], type=str.lower,
                   help="the language of the labels (a question's lang parameter, and the table's labels; default: en)")
    p.add_argument("--timeout", type=seconds, default=60.0, metavar="SECONDS",
                   help="stop a query that runs longer (default: 60; 0: no limit); for an endpoint, the whole request")
    p.add_argument("--max-rows", type=count, default=100_000, metavar="N",
                   help="stop an answer that has more rows (default: 100000; 0: no limit)")
    p.set_defaults(run=_cmd_query)
