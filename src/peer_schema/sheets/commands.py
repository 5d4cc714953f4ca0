"""The `peer-schema template` and `peer-schema import` commands (argument parsing only)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _refuse_existing(out: Path, force: bool, command: str) -> bool:
    if out.exists() and not force:
        print(f"peer-schema {command}: {out} already exists; it is left as it is (use --force to replace it)",
              file=sys.stderr)
        return True
    return False


def _cmd_template(args: argparse.Namespace) -> int:
    from .writer import write_csv_template, write_workbook

    out: Path = args.output
    if _refuse_existing(out, args.force, "template"):
        return EXIT_UNREADABLE
    if not out.parent.is_dir():
        print(f"peer-schema template: the folder {out.parent} does not exist", file=sys.stderr)
        return EXIT_UNREADABLE
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", args.prefix):
        print(f"peer-schema template: --prefix {args.prefix!r}: a prefix is a short name of letters, digits, "
              "'_', '-' or '.', starting with a letter (pen, pairs_sud)", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format == "csv":
        if out.exists():
            import shutil

            shutil.rmtree(out) if out.is_dir() else out.unlink()
        write_csv_template(out, args.lang, args.prefix)
        print(f"{out}: template as CSV files, one per sheet, and a read-me ({args.lang})", file=sys.stderr)
    else:
        write_workbook(out, args.lang, prefix=args.prefix)
        print(f"{out}: workbook template ({args.lang})", file=sys.stderr)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from ..readers import ReadError
    from ..readers.datasets import read_datasets
    from ..report.text import render_text
    from ..validation import UsageError, _expand, validate
    from .importer import OutputExists, write_datasets

    try:
        report = validate(args.paths, lang=args.lang, today=args.today)
        if report.unreadable:
            print(render_text(report), file=sys.stderr)
            print("peer-schema import: the input cannot be read; nothing written", file=sys.stderr)
            return EXIT_UNREADABLE
        datasets = read_datasets(_expand(args.paths))
    except UsageError as exc:
        print(f"peer-schema import: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except ReadError as exc:
        print(f"peer-schema import: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    if report.findings:
        print(render_text(report), file=sys.stderr)
    try:
        written = write_datasets(datasets, args.output, args.to, force=args.force)
    except OutputExists as exc:
        print(f"peer-schema import: {exc} already exist(s); nothing written (use --force to replace)", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"peer-schema import: cannot write {args.output} ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_UNREADABLE
    for path, count in written:
        print(f"{path}: {count} records", file=sys.stderr)
    return EXIT_OK if report.valid else EXIT_ERRORS


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the spreadsheet commands to the `peer-schema` parser."""
    from ..cli import _date

    p = sub.add_parser("template", help="write the spreadsheet template to fill (xlsx, or CSV files)",
                       description="Write, from the model, the workbook an association fills: one sheet per kind "
                                   "of record, column labels in the chosen language, drop-down lists, notes. "
                                   "An existing file is never overwritten without --force.")
    p.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", help="xlsx workbook (default) or a folder of CSV files")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="PATH")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of labels and lists (default: en)")
    p.add_argument("--prefix", default="ex", metavar="NAME",
                   help="the prefix of identifiers (default: ex); give each member association its own, so their "
                        "bundles merge without clashes (pen -> pen:org/...)")
    p.add_argument("--force", action="store_true", help="replace an existing file or folder")
    p.set_defaults(run=_cmd_template)

    p = sub.add_parser("import", help="read a filled workbook (or CSV tables) into JSON or YAML",
                       description="Read a filled workbook or a folder of CSV/TSV tables, report its problems as "
                                   "validate does, and write each dataset as JSON (or YAML). Exit codes: 0 written, "
                                   "no errors; 1 written, with errors to fix; 2 unreadable, nothing written.")
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR")
    p.add_argument("--to", choices=["json", "yaml"], default="json")
    p.add_argument("--force", action="store_true", help="replace files of the same name in DIR")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of messages")
    p.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="judge consents as on this date")
    p.set_defaults(run=_cmd_import)
