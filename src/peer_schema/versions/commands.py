"""The `peer-schema diff` and `peer-schema migrate` commands, and `schema --version` (argument
parsing and printing only; the work is in versions/diff.py and versions/migrate.py).

Exit codes: diff: 0 the version number says what changed, 1 a major change without the version
step it needs (any change with --strict), 2 a version or schema file that cannot be read;
migrate: 0 written, 2 refused (nothing written) or unreadable.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def print_schema_version(version: str, fmt: str) -> int:
    """`schema --version X --format F`: this package's artifacts for its own version, the merged
    LinkML schema for an earlier one."""
    from .. import SCHEMA_VERSION, artifacts
    from . import SchemaUnavailable, merged_text

    try:
        text = merged_text(version)
    except SchemaUnavailable as exc:
        print(f"peer-schema schema: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if version == SCHEMA_VERSION:
        text = artifacts.read_text(artifacts.SCHEMA_FORMATS[fmt])
    elif fmt != "linkml":
        print(f"peer-schema schema: version {version} ships as its LinkML schema only (--format linkml); "
              f"for its other artifacts install peer_schema=={version}", file=sys.stderr)
        return EXIT_UNREADABLE
    sys.stdout.write(text)
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace) -> int:
    from . import SchemaUnavailable, load_schema
    from .diff import diff
    from .render import render_json, render_text

    try:
        (_, old), (_, new) = load_schema(args.old), load_schema(args.new)
        result = diff(old, new)
        result.required_bump()  # a schema whose version is not MAJOR.MINOR.PATCH is refused here
        result.actual_bump()
    except SchemaUnavailable as exc:
        print(f"peer-schema diff: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(render_json(result, args.strict) if args.format == "json" else render_text(result, args.strict))
    return EXIT_OK if result.says_so(args.strict) else EXIT_ERRORS


def _cmd_migrate(args: argparse.Namespace) -> int:
    """`migrate`: one JSON or YAML dataset rewritten for a later version (versions/migrate.py)."""
    import os
    import tempfile

    import yaml

    from .. import SCHEMA_VERSION
    from ..readers import ReadError, detect_format, read_document
    from . import SchemaUnavailable
    from .migrate import MigrationRefused, migrate, rewrite_text

    target = args.to or SCHEMA_VERSION
    try:
        in_fmt, out_fmt = detect_format(args.data), detect_format(args.output)
        if in_fmt not in ("json", "yaml") or out_fmt not in ("json", "yaml"):
            raise MigrationRefused("migrate reads and writes JSON or YAML datasets (.json, .yaml); convert tables and "
                                   "workbooks with `peer-schema import`, and export RDF again from the migrated files")
        result = migrate(read_document(args.data), target)
    except ReadError as exc:
        print(f"peer-schema migrate: {args.data}: {exc.message}", file=sys.stderr)
        return EXIT_UNREADABLE
    except (MigrationRefused, SchemaUnavailable) as exc:
        print(f"peer-schema migrate: {args.data}: {exc}; nothing written", file=sys.stderr)
        for problem in getattr(exc, "problems", []):
            print(f"  - {problem}", file=sys.stderr)
        return EXIT_UNREADABLE

    def parse(text: str):
        return json.loads(text) if out_fmt == "json" else yaml.safe_load(text)

    text = None
    if in_fmt == out_fmt:  # keep the file's comments and layout when only top-level values change
        text = rewrite_text(args.data.read_text(encoding="utf-8-sig"), in_fmt, result, parse)
    if text is None:
        text = json.dumps(result.data, ensure_ascii=False, indent=2) + "\n" if out_fmt == "json" else \
            yaml.safe_dump(result.data, allow_unicode=True, sort_keys=False)
    try:  # atomically: a failed write leaves an earlier output intact
        fd, tmp = tempfile.mkstemp(dir=args.output.resolve().parent, prefix=".migrate-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, args.output)
    except OSError as exc:
        print(f"peer-schema migrate: cannot write {args.output} ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_UNREADABLE
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
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p.add_argument("--format", choices=["text", "json"], default="text")
    p.add_argument("--strict", action="store_true",
                   help="a minor or patch change without its version step also makes the exit code 1")
    p.set_defaults(run=_cmd_diff)

    p = sub.add_parser("migrate", help="rewrite a dataset for a later version of the model",
                       description="Rewrite a JSON or YAML dataset from the version its schema_version names to a "
                                   "later one, step by step, reporting each change. What cannot be done without "
                                   "inventing data (a consent without purposes) is refused and nothing is written. "
                                   "Exit codes: 0 written, 2 refused or unreadable.")
    p.add_argument("data", type=Path, metavar="DATA")
    p.add_argument("--to", metavar="VERSION", help="the version to migrate to (default: this package's)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT", help="where to write (.json or .yaml)")
    p.set_defaults(run=_cmd_migrate)
