"""`peer-schema validate`: the report in the chosen format on stdout, the exit code from it."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, add_lang, add_purpose, date_type, positive, progress_bar


def render(report, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
    if fmt == "junit":
        from ..report.junit import render_junit

        return render_junit(report)
    if fmt == "sarif":
        from ..report.sarif import render_sarif

        return render_sarif(report)
    if fmt == "html":
        from ..report.html import render_html

        return render_html(report)
    from ..report.text import render_text

    return render_text(report)


def _cmd_validate(args: argparse.Namespace) -> int:
    from ..config import ConfigError, load_config
    from ..readers import Limits
    from ..report import Severity
    from ..report.refusal import refusal_report
    from ..validation import ProfileRefused, UsageError, validate

    def refuse(exc: Exception, code: str, params: dict, file=None) -> int:
        # the README promises a report whatever the exit code: a refusal is one, with one finding
        print(f"peer-schema validate: {exc}", file=sys.stderr)
        print(render(refusal_report(code, params, file, args.profile, args.lang), args.format))
        return EXIT_UNREADABLE

    missing = next((p for p in args.paths if not Path(p).exists()), None)
    if missing is not None:
        return refuse(FileNotFoundError(f"{missing}: no such file or folder"), "read.no-such-path", {}, missing)
    try:
        config = load_config(args.config)
        limits = Limits(max_bytes=args.max_bytes, max_depth=args.max_depth)
        report = validate(args.paths, profile=args.profile, purpose=args.purpose, lang=args.lang, limits=limits,
                          config=config, max_errors=args.max_errors, input_format=args.input_format,
                          today=args.today, progress=None if args.no_progress else progress_bar())
    except ProfileRefused as exc:
        return refuse(exc, "read.profile-refused", exc.refusal.params, exc.file)
    except (UsageError, ConfigError) as exc:
        return refuse(exc, "read.refused", {"reason": str(exc)})
    print(render(report, args.format))
    if args.annotate is not None:  # the workbook with its findings as comments (sheets/annotate.py)
        from ..sheets.annotate import AnnotateError, write_annotated

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


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add `validate` to the `peer-schema` parser."""
    from ..model import PROFILES
    from ..readers import FORMATS

    p = sub.add_parser("validate", help="check data files or folders against the model",
                       description="Check data files or folders against the model. Exit codes: 0 no errors, "
                                   "1 errors found, 2 input unreadable or wrong call.")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders: JSON, JSON Lines, YAML, CSV/TSV tables, workbooks (.xlsx, .ods), RDF")
    p.add_argument("--format", choices=["text", "json", "junit", "sarif", "html"], default="text",
                   help="report format (default: text; html: one self-contained page for people)")
    p.add_argument("--profile", choices=PROFILES,
                   help="export profile to check against (default: from each dataset's access_rights; never "
                        "looser than them: refused with exit code 2)")
    add_purpose(p)
    add_lang(p, "language of messages (default: en)")
    p.add_argument("--strict", action="store_true", help="warnings also make the exit code 1")
    p.add_argument("--max-errors", type=positive, metavar="N", help="stop after N errors")
    p.add_argument("--config", type=Path, metavar="FILE",
                   help="project file (default: ./peer-schema.toml or [tool.peer-schema] in ./pyproject.toml)")
    p.add_argument("--input-format", choices=sorted(set(FORMATS.values())),
                   help="read every file as this format, whatever its extension")
    p.add_argument("--max-bytes", type=positive, default=512 * 1024 * 1024, metavar="N",
                   help="largest file accepted, in bytes (default: 512 MiB)")
    p.add_argument("--max-depth", type=positive, default=64, metavar="N",
                   help="deepest nesting accepted (default: 64)")
    p.add_argument("--today", type=date_type, metavar="YYYY-MM-DD",
                   help="judge consents and years as on this date (default: today), for reproducible runs")
    p.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    p.add_argument("--annotate", type=Path, metavar="OUT.xlsx", help="also write the .xlsx workbook checked with each "
                   "finding's cell highlighted and commented, in --lang (needs openpyxl: the web extra)")
    p.set_defaults(run=_cmd_validate)
