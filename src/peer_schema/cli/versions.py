"""`peer-schema diff`, `peer-schema migrate` and `schema --version` (the work is in
versions/diff.py, versions/migrate.py and versions/migrate_file.py).

Exit codes: diff: 0 the version number says what changed, 1 a major change without the version
step it needs (any change with --strict), 2 a version or schema file that cannot be read;
migrate: 0 written, 2 refused (nothing written) or unreadable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, Failed, refusals, run_handler, say


def print_schema_version(version: str, fmt: str) -> int:
    """`schema --version X --format F` (versions.artifact_text)."""
    from ..versions import SchemaUnavailable, artifact_text

    with refusals("schema", SchemaUnavailable):
        text = artifact_text(version, fmt)
    sys.stdout.write(text)
    return EXIT_OK


@run_handler
def _cmd_diff(args: argparse.Namespace) -> int:
    from ..versions import SchemaUnavailable, load_schema
    from ..versions.diff import diff
    from ..versions.render import render_json, render_text

    with refusals("diff", SchemaUnavailable):
        (_, old), (_, new) = load_schema(args.old), load_schema(args.new)
        result = diff(old, new)
        result.required_bump()  # a schema whose version is not MAJOR.MINOR.PATCH is refused here
        result.actual_bump()
    print(render_json(result, args.strict) if args.format == "json" else render_text(result, args.strict))
    return EXIT_OK if result.says_so(args.strict) else EXIT_ERRORS


@run_handler
def _cmd_migrate(args: argparse.Namespace) -> int:
    """`migrate`: one JSON or YAML dataset rewritten for a later version (versions/migrate_file.py)."""
    from .. import SCHEMA_VERSION
    from ..readers import ReadError
    from ..versions import SchemaUnavailable
    from ..versions.migrate import MigrationRefused
    from ..versions.migrate_file import MigrationNotWritten, migrate_file

    try:
        with refusals("migrate", ReadError, MigrationNotWritten,
                      reword=lambda exc: f"{args.data}: {exc.message}" if isinstance(exc, ReadError) else None):
            result = migrate_file(args.data, args.output, args.to or SCHEMA_VERSION)
    except (MigrationRefused, SchemaUnavailable) as exc:
        say("migrate", f"{args.data}: {exc}; nothing written")
        for problem in getattr(exc, "problems", []):
            print(f"  - {problem}", file=sys.stderr)
        raise Failed(EXIT_UNREADABLE) from None
    edits = result.log.edits
    print(f"{args.data} ({result.source}) → {args.output} ({result.target}): {len(edits)} change(s)", file=sys.stderr)
    for pointer, old, new in edits:
        print(f"  {pointer}: {old} → {new}", file=sys.stderr)
    for note in result.log.notes:
        print(f"  note: {note}", file=sys.stderr)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add `diff` and `migrate` to the `peer-schema` parser."""
    p = sub.add_parser("diff", help="what changed between two versions of the model (major, minor, patch)",
                       description="Compare two versions of the model: released versions (0.1.0) or schema files "
                                   "(a merged schema, or a LinkML file with its local imports). Exit codes: 0 the "
                                   "version number says what changed, 1 a major change without the version step it "
                                   "needs (any change with --strict), 2 a version or file that cannot be read. "
                                   "The rules: docs/versions.md.")
    p.add_argument("old", metavar="OLD", help="the earlier version (0.1.0) or schema file")
    p.add_argument("new", metavar="NEW", help="the later version or schema file")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    p.add_argument("--strict", action="store_true",
                   help="a minor or patch change without its version step also makes the exit code 1")
    p.set_defaults(run=_cmd_diff)

    p = sub.add_parser("migrate", help="rewrite a dataset for a later version of the model",
                       description="Rewrite a JSON or YAML dataset from the version its schema_version names to a "
                                   "later one, step by step, reporting each change. What cannot be done without "
                                   "inventing data (a consent without purposes) is refused and nothing is written. "
                                   "Exit codes: 0 written, 2 refused or unreadable.")
    p.add_argument("data", type=Path, metavar="DATA", help="the dataset to migrate (.json or .yaml)")
    p.add_argument("--to", metavar="VERSION", help="the version to migrate to (default: this package's)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="where to write (.json or .yaml)")
    p.set_defaults(run=_cmd_migrate)
