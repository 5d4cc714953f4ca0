"""The `peer-schema template` and `peer-schema import` commands, and `export --to xlsx` (argument parsing only)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..atomic_files import absolute

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _template_problem(out: Path, fmt: str, force: bool, prefix: str) -> str | None:
    """Why the template cannot be written at `out`, before anything is written."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", prefix):
        return (f"--prefix {prefix!r}: a prefix is a short name of letters, digits, '_', '-' or '.', starting with "
                "a letter (pen, pairs_sud)")
    if fmt == "xlsx" and out.is_dir():
        return f"{out} is a folder; name the workbook file (template.xlsx), or use --format csv for a folder"
    if fmt == "csv" and out.exists() and not out.is_dir():
        return f"{out} is a file; --format csv writes a folder of CSV files: name a folder"
    if out.exists() and not force:
        what = "the template's own files in it" if fmt == "csv" else "it"
        return f"{out} already exists; it is left as it is (use --force to replace {what})"
    if not absolute(out).parent.is_dir():
        return f"the folder {out.parent} does not exist"
    return None


def suggested_prefix(out: Path) -> str:
    """A prefix made from the output's name (`pairs-du-sud.xlsx` -> `pairs_du_sud`), for the message
    that asks for one."""
    stem = re.sub(r"[^a-z0-9]+", "_", out.stem.casefold()).strip("_")[:20].strip("_")
    return stem if stem and stem[0].isalpha() and stem not in ("template", "modele", "workbook", "classeur") \
        else "our_assoc"


def _cmd_template(args: argparse.Namespace) -> int:
    from .writer import WorkbookError, write_csv_template, write_workbook

    out: Path = args.output
    if args.prefix is None:  # a default would be kept by every association, and their data would clash
        print(f"peer-schema template: name your association's own prefix for identifiers, for example "
              f"--prefix {suggested_prefix(out)} (a short name of letters, digits or _; each association "
              "of a federation has its own)", file=sys.stderr)
        return EXIT_UNREADABLE
    problem = _template_problem(out, args.format, args.force, args.prefix)
    if problem:
        print(f"peer-schema template: {problem}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        if args.format == "csv":
            write_csv_template(out, args.lang, args.prefix, replace=args.force)
            print(f"{out}: template as CSV files, one per sheet, and a read-me ({args.lang})", file=sys.stderr)
        else:
            write_workbook(out, args.lang, prefix=args.prefix)
            print(f"{out}: workbook template ({args.lang})", file=sys.stderr)
    except WorkbookError as exc:
        print(f"peer-schema template: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except FileExistsError:
        print(f"peer-schema template: {out} was made by another program meanwhile; it is left as it is",
              file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"peer-schema template: cannot write {out} ({exc.strerror or exc}); nothing replaced", file=sys.stderr)
        return EXIT_UNREADABLE
    return EXIT_OK


def _cmd_rename_prefix(args: argparse.Namespace) -> int:
    from .prefix_rename import PrefixRenameError, rename_prefix

    try:
        done = rename_prefix(args.path, args.old, args.new, args.output)
    except PrefixRenameError as exc:
        print(f"peer-schema rename-prefix: {exc}; nothing written", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"peer-schema rename-prefix: cannot write {args.output or args.path} ({exc.strerror or exc}); "
              "the file is left as it was", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"{done.path}: prefix {args.old} renamed {args.new} ({done.identifiers} identifiers)", file=sys.stderr)
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
            nothing_yet = all(f.code in ("read.empty-workbook", "read.empty-tables") for f in report.findings
                              if f.code.startswith("read."))
            print("peer-schema import: " + ("nothing to import yet" if nothing_yet else "the input cannot be read")
                  + "; nothing written", file=sys.stderr)
            return EXIT_UNREADABLE
        datasets = read_datasets(_expand(args.paths))
    except UsageError as exc:
        print(f"peer-schema import: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except ReadError as exc:
        print(f"peer-schema import: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:  # a file deleted since it was validated
        print(f"peer-schema import: cannot read {exc.filename} again ({exc.strerror or exc}); nothing written",
              file=sys.stderr)
        return EXIT_UNREADABLE
    if report.findings:
        print(render_text(report), file=sys.stderr)
    try:
        written = write_datasets(datasets, args.output, args.to, force=args.force, inputs=report.files)
    except ValueError as exc:  # an output that is an input; a value no UTF-8 file can hold
        print(f"peer-schema import: {exc}; nothing written", file=sys.stderr)
        return EXIT_UNREADABLE
    except OutputExists as exc:
        print(f"peer-schema import: {exc} already exist(s); nothing written (use --force to replace)", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        print(f"peer-schema import: cannot write {args.output} ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_UNREADABLE
    for path, count in written:
        print(f"{path}: {count} records", file=sys.stderr)
    return EXIT_OK if report.valid else EXIT_ERRORS


def export_workbook(args: argparse.Namespace) -> int:
    """`export --to xlsx`: the data, validated, in the template's layout (sheets/writer.py)."""
    from .. import access
    from ..readers import ReadError
    from ..readers.datasets import read_datasets
    from ..report.text import render_text
    from ..validation import UsageError, _expand, validate
    from .writer import WorkbookError, write_workbook

    try:
        report = validate(args.paths, profile=args.profile, purpose=args.purpose, lang=args.lang, today=args.today)
        if not report.valid:
            print(render_text(report), file=sys.stderr)
            print("peer-schema export: refused, nothing written (fix the errors above)", file=sys.stderr)
            return EXIT_UNREADABLE if report.unreadable else EXIT_ERRORS
        datasets = read_datasets(_expand(args.paths))
        if len(datasets) != 1:
            print(f"peer-schema export: a workbook holds one dataset; these files hold {len(datasets)} "
                  "(export them one dataset at a time)", file=sys.stderr)
            return EXIT_UNREADABLE
        # what the profile may publish, as every writer (access.py): its access rights, no small
        # counts under the public profile
        access.publish(datasets[0], args.profile)
    except (UsageError, access.LooserProfile) as exc:
        print(f"peer-schema export: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except ReadError as exc:
        print(f"peer-schema export: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:  # an input deleted since it was validated
        print(f"peer-schema export: cannot read {exc.filename} again ({exc.strerror or exc}); nothing written",
              file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        write_workbook(args.output, args.sheet_lang or args.lang, datasets[0])
    except WorkbookError as exc:
        print(f"peer-schema export: {exc}; nothing written", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:  # a full disk, a read-only folder
        print(f"peer-schema export: cannot write {args.output} ({exc.strerror or exc}); an earlier file of that "
              "name is left as it was", file=sys.stderr)
        return EXIT_UNREADABLE
    print(f"{args.output}: workbook", file=sys.stderr)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the spreadsheet commands to the `peer-schema` parser."""
    from ..cli import _date

    p = sub.add_parser("template", help="write the spreadsheet template to fill (xlsx, or CSV files)",
                       description="Write, from the model, the workbook an association fills: one sheet per kind "
                                   "of record, column labels in the chosen language, drop-down lists, notes. "
                                   "An existing file is never overwritten without --force; with --format csv, --force replaces "
                                   "only the template's own files in the folder (each atomically), nothing else.")
    p.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", help="xlsx workbook (default) or a folder of CSV files")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="PATH")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of labels and lists (default: en)")
    p.add_argument("--prefix", metavar="NAME",
                   help="required: your association's own prefix of identifiers (pen -> pen:org/...), so the data "
                        "of a federation's members merge without clashes")
    p.add_argument("--force", action="store_true", help="replace an existing workbook, or the template's own files in an existing folder")
    p.set_defaults(run=_cmd_template)

    p = sub.add_parser("rename-prefix", help="rename the prefix of identifiers in a workbook or a dataset",
                       description="Rename a prefix (ex -> pen) in every identifier and reference of a filled "
                                   "workbook (.xlsx) or a dataset (.json, .yaml), atomically; nothing is written "
                                   "if the new prefix is already in the data. Exit codes: 0 renamed; 2 refused.")
    p.add_argument("path", type=Path, metavar="FILE", help="a filled workbook (.xlsx) or a dataset (.json, .yaml)")
    p.add_argument("--from", dest="old", required=True, metavar="OLD", help="the prefix to rename (ex)")
    p.add_argument("--to", dest="new", required=True, metavar="NEW", help="the new prefix (pen)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of replacing FILE")
    p.set_defaults(run=_cmd_rename_prefix)

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
