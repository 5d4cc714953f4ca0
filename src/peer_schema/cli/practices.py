"""`peer-schema practices`: the compendium's practices filtered as on the web page, with the
facets' counts, or one practice (the work is in rdf/practices.py, which the web page calls too)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import EXIT_OK, EXIT_UNREADABLE, refusals, run_handler, say, seconds


@run_handler
def _cmd_practices(args: argparse.Namespace) -> int:
    from ..rdf.endpoint import EndpointError
    from ..rdf.practices import list_practices, practice_profile, render_practices
    from ..rdf.queries import QueryError
    from ..rdf.sources import source_for
    from ..rdf.store import StoreError
    from ..usage_errors import UsageError

    filters: dict[str, list[str]] = {}
    for item in args.filter:
        name, sep, value = item.partition("=")
        if not sep:
            say("practices", f"--filter {item}: write NAME=CODE (for example country=FR)")
            return EXIT_UNREADABLE
        filters.setdefault(name.strip(), []).append(value)
    with refusals("practices", QueryError, StoreError, EndpointError, UsageError, OSError):
        source = source_for(args.store, args.endpoint, timeout=args.timeout or None) if args.store or args.endpoint else None
        if args.show:
            profile = practice_profile(args.show, args.lang, source)
            if profile is None:
                say("practices", f"no practice named {args.show!r} (its key, the end of its IRI, or its IRI)")
                return EXIT_UNREADABLE
            sys.stdout.write(json.dumps(profile.to_dict(), ensure_ascii=False, indent=2) + "\n")
            return EXIT_OK
        sys.stdout.write(render_practices(list_practices(filters, args.lang, source), args.format))
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("practices", help="list the compendium's practices, filtered, with the facets' counts",
                       description="List the good practices of the compendium, filtered by setting category and "
                                   "country as on the Council of Europe's site and by the facets peer support "
                                   "model, facilitation, aim and evaluation status, with how many practices each "
                                   "value would give; or show one practice. Reads the compendium shipped with "
                                   "peer-schema unless --store or --endpoint names another.")
    p.add_argument("--filter", action="append", default=[], metavar="NAME=CODE",
                   help="keep the practices with this code (repeatable; several codes of one name: any of them): "
                        "setting_category, country, peer_support_model, facilitation, aim, evaluation_status")
    p.add_argument("--show", metavar="KEY", help="print one practice (its key, the end of its IRI, or its IRI) as JSON")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of titles and labels (default: en)")
    p.add_argument("--format", choices=["table", "json"], default="table",
                   help="table: one line a practice, then the facets' counts; json: what GET /api/practices answers")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="an embedded store (`peer-schema store load`)")
    where.add_argument("--endpoint", metavar="URL", help="or a SPARQL 1.1 endpoint")
    p.add_argument("--timeout", type=seconds, default=60.0, metavar="SECONDS",
                   help="stop a query of the store that runs longer (default: 60; 0: no limit)")
    p.set_defaults(run=_cmd_practices)
