"""The `peer-schema` command: parses options, calls the library, turns the report into an exit code.

Exit codes: 0 no errors; 1 errors found; 2 the input could not be read or the call was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys

from . import __version__, artifacts

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _cmd_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(artifacts.read_text(artifacts.SCHEMA_FORMATS[args.format]))
    return EXIT_OK


def _cmd_vocab(args: argparse.Namespace) -> int:
    sys.stdout.write(artifacts.read_text(artifacts.VOCAB_FORMATS[args.format]))
    return EXIT_OK


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validation import UsageError, validate

    try:
        report = validate(args.paths)
    except UsageError as exc:
        print(f"peer-schema validate: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(report.render_text())
    if any(f.code.startswith("read.") for f in report.findings):
        return EXIT_UNREADABLE
    return EXIT_OK if report.valid else EXIT_ERRORS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peer-schema", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"peer-schema {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check data files or folders against the model")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--format", choices=["text", "json"], default="text", help="report format (default: text)")
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser("schema", help="print a generated artifact of the model")
    p.add_argument("--format", choices=sorted(artifacts.SCHEMA_FORMATS), required=True)
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser("vocab", help="print the reference vocabularies (SKOS Turtle or compact JSON)")
    p.add_argument("--format", choices=sorted(artifacts.VOCAB_FORMATS), default="ttl")
    p.set_defaults(run=_cmd_vocab)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `peer-schema vocab | head`
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
