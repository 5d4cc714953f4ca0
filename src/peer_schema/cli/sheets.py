"""`peer-schema template`, `peer-schema rename-prefix`, `peer-schema import` and `export --to xlsx`
(the work is in sheets/template.py, sheets/prefix_rename.py, sheets/importer.py and sheets/writer.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, add_lang, date_type, refusals, run_handler, say, \
    validated_datasets


@run_handler
def _cmd_template(args: argparse.Namespace) -> int:
    from ..sheets.template import TemplateRefused, write_template
    from ..sheets.writer import WorkbookError

    out: Path = args.output
    with refusals("template", TemplateRefused, WorkbookError):
        write_template(out, args.format, args.lang, args.prefix, force=args.force)
    if args.format == "csv":
        print(f"{out}: template as CSV files, one per sheet, and a read-me ({args.lang})", file=sys.stderr)
    else:
        print(f"{out}: workbook template ({args.lang})", file=sys.stderr)
    return EXIT_OK


@run_handler
def _cmd_rename_prefix(args: argparse.Namespace) -> int:
    from ..sheets.prefix_rename import PrefixRenameError, rename_prefix

    def reword(exc: BaseException) -> str:
        if isinstance(exc, PrefixRenameError):
            return f"{exc}; nothing written"
        return f"cannot write {args.output or args.path} ({exc.strerror or exc}); the file is left as it was"

    with refusals("rename-prefix", PrefixRenameError, OSError, reword=reword):
        done = rename_prefix(args.path, args.old, args.new, args.output)
    print(f"{done.path}: prefix {args.old} renamed {args.new} ({done.identifiers} identifiers)", file=sys.stderr)
    return EXIT_OK


def _import_refusal(report) -> str:
    """An empty template read back has nothing to import yet; anything else unreadable cannot be read."""
    nothing_yet = all(f.code in ("read.empty-workbook", "read.empty-tables") for f in report.findings
                      if f.code.startswith("read."))
    return ("nothing to import yet" if nothing_yet else "the input cannot be read") + "; nothing written"


@run_handler
def _cmd_import(args: argparse.Namespace) -> int:
    from ..report.text import render_text
    from ..sheets.importer import OutputExists, write_datasets

    report, datasets = validated_datasets("import", args.paths, refusal=_import_refusal,
                                          lang=args.lang, today=args.today)
    if report.findings:
        print(render_text(report), file=sys.stderr)

    def reword(exc: BaseException) -> str:
        if isinstance(exc, OutputExists):
            return f"{exc} already exist(s); nothing written (use --force to replace)"
        if isinstance(exc, ValueError):  # an output that is an input; a value no UTF-8 file can hold
            return f"{exc}; nothing written"
        return f"cannot write {args.output} ({exc.strerror or exc})"

    with refusals("import", ValueError, OutputExists, OSError, reword=reword):
        written = write_datasets(datasets, args.output, args.to, force=args.force, inputs=report.files)
    for path, count in written:
        print(f"{path}: {count} records", file=sys.stderr)
    return EXIT_OK if report.valid else EXIT_ERRORS


@run_handler
def export_workbook(args: argparse.Namespace) -> int:
    """`export --to xlsx`: the data, validated, in the template's layout (sheets/writer.py)."""
    from .. import access
    from ..sheets.writer import WorkbookError, write_workbook

    _, datasets = validated_datasets("export", args.paths, require_valid=True,
                                     refusal="refused, nothing written (fix the errors above)",
                                     profile=args.profile, purpose=args.purpose, lang=args.lang, today=args.today)
    if len(datasets) != 1:
        say("export", f"a workbook holds one dataset; these files hold {len(datasets)} "
                      "(export them one dataset at a time)")
        return EXIT_UNREADABLE
    with refusals("export", access.LooserProfile):
        # what the profile may publish, as every writer (access.py): its access rights, no small
        # counts under the public profile
        access.publish(datasets[0], args.profile)

    def reword(exc: BaseException) -> str:
        if isinstance(exc, WorkbookError):
            return f"{exc}; nothing written"
        return f"cannot write {args.output} ({exc.strerror or exc}); an earlier file of that name is left as it was"

    with refusals("export", WorkbookError, OSError, reword=reword):  # OSError: a full disk, a read-only folder
        write_workbook(args.output, args.sheet_lang or args.lang, datasets[0])
    print(f"{args.output}: workbook", file=sys.stderr)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add the spreadsheet commands to the `peer-schema` parser."""
    p = sub.add_parser("template", help="write the spreadsheet template to fill (xlsx, or CSV files)",
                       description="Write, from the model, the workbook an association fills: one sheet per kind "
                                   "of record, column labels in the chosen language, drop-down lists, notes. "
                                   "An existing file is never overwritten without --force; with --format csv, --force replaces "
                                   "only the template's own files in the folder (each atomically), nothing else.")
    p.add_argument("--format", choices=["xlsx", "csv"], default="xlsx", help="xlsx workbook (default) or a folder of CSV files")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="PATH",
                   help="the workbook to write (template.xlsx), or with --format csv a folder")
    p.add_argument("--lang", choices=["en", "fr"], default="en", help="language of labels and lists (default: en)")
    p.add_argument("--prefix", metavar="NAME",
                   help="required: your association's own prefix of identifiers (pen -> pen:org/...), so the data "
                        "of a federation's members merge without clashes: letters, digits, '_', '-' or '.', "
                        "starting with a letter or '_' (pen, pairs-sud)")
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
    p.add_argument("paths", nargs="+", metavar="PATH", help="filled workbooks (.xlsx, .ods), CSV/TSV files or folders")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR",
                   help="the folder to write the datasets into (created if needed)")
    p.add_argument("--to", choices=["json", "yaml"], default="json", help="format of the datasets (default: json)")
    p.add_argument("--force", action="store_true", help="replace files of the same name in DIR")
    add_lang(p)
    p.add_argument("--today", type=date_type, metavar="YYYY-MM-DD", help="judge consents as on this date")
    p.set_defaults(run=_cmd_import)
