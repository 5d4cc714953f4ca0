"""`peer-schema serve`: the web app (the work is in web/serve.py; docs/web.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import EXIT_OK, refusals, run_handler


@run_handler
def _cmd_serve(args: argparse.Namespace) -> int:
    import sys

    from ..rdf.endpoint import EndpointError
    from ..rdf.sparql_guard import QueryError
    from ..rdf.store import StoreError
    from ..web.serve import RestrictedStore, WebExtraMissing, run

    with refusals("serve", WebExtraMissing, RestrictedStore, StoreError, EndpointError, QueryError, OSError):
        run(args.host, args.port, args.store, args.endpoint, allowed_hosts=args.allowed_host,
            allow_restricted_store=args.allow_restricted_store,
            warn=lambda line: print(f"peer-schema serve: warning: {line}", file=sys.stderr))
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="the web app: check files, download the template (docs/web.md)",
                       description="Serve the web app on this computer: check files in a browser, download "
                                   "the template and the reports. Uploaded files are never stored.")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this computer only)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--store", type=Path, metavar="DIR", help="research store the pages read (never written)")
    where.add_argument("--endpoint", metavar="URL", help="or a SPARQL 1.1 endpoint")
    p.add_argument("--allowed-host", action="append", metavar="NAME",
                   help="a name the server answers to besides this computer's and the bound address (repeatable)")
    p.add_argument("--allow-restricted-store", action="store_true",
                   help="serve a --store (or --endpoint) whose datasets are not all public on an address "
                        "beyond this computer")
    p.set_defaults(run=_cmd_serve)
