"""The `peer-schema` command: parses options, calls the library, turns its results into output
and an exit code. One module per group of commands; the library never prints or parses options.

Exit codes: 0 no errors (warnings allowed unless --strict); 1 errors found; 2 the input could
not be read, or the call or the project file was wrong; 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import sys

if sys.argv[:1] == ["-m"] and "peer_schema.cli" in getattr(sys, "orig_argv", ()):
    # `python -m peer_schema.cli`: a Ctrl-C during the imports below ends it quietly
    from peer_schema.interrupts import quiet_start

    quiet_start()

import argparse  # noqa: E402 (after the quiet start)

from .. import __version__  # noqa: E402
from .common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE  # noqa: E402

__all__ = ["EXIT_ERRORS", "EXIT_OK", "EXIT_UNREADABLE", "build_parser", "main"]

DESCRIPTION = ("Check, convert and share data on mental-health peer support: validate files and workbooks "
               "against the model, fill the spreadsheet template, pack bundles for a federation or researchers "
               "and merge them, export RDF and ask research questions of it.")


def build_parser() -> argparse.ArgumentParser:
    from . import exchange, practices, rdf, serve, sheets, tools, validate, versions

    parser = argparse.ArgumentParser(prog="peer-schema", description=DESCRIPTION,
                                     epilog="`peer-schema COMMAND --help` says more about each command. Exit codes: "
                                            "0 done, 1 errors in the data, 2 unreadable input or wrong call, "
                                            "130 interrupted.")
    parser.add_argument("--version", action="version", version=f"peer-schema {__version__}",
                        help="print the version of peer-schema and stop")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate.add_commands(sub)  # validate
    rdf.add_commands(sub)  # export, store load, query
    practices.add_commands(sub)  # practices (the compendium, as on the web page)
    tools.add_commands(sub)  # synth, schema, vocab
    sheets.add_commands(sub)  # template, import (and export --to xlsx)
    versions.add_commands(sub)  # diff, migrate (and schema --version)
    exchange.add_commands(sub)  # bundle, merge
    serve.add_commands(sub)  # serve (the web app)
    return parser


def main(argv: list[str] | None = None) -> int:
    from ..interrupts import EXIT_INTERRUPTED, MESSAGE, command_ending, command_started
    from ..report.text import TerminalSafeStream

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
