"""`migrate` on files: one JSON or YAML dataset read, migrated (versions/migrate.py) and written
atomically, keeping the file's comments and layout when only top-level values change."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .migrate import Migration, MigrationRefused, migrate, rewrite_text


class MigrationNotWritten(Exception):
    """The migrated dataset could not be written (an earlier output is left intact)."""


def migrate_file(data: Path, output: Path, target: str) -> Migration:
    """Migrate the dataset in `data` to version `target` and write it to `output` (.json or .yaml).
    Raises ReadError (the input), MigrationRefused (what cannot be done without inventing data, or
    a format migrate does not handle), SchemaUnavailable (an unknown version), MigrationNotWritten."""
    import yaml

    from ..readers import detect_format, read_document

    in_fmt, out_fmt = detect_format(data), detect_format(output)
    if in_fmt not in ("json", "yaml") or out_fmt not in ("json", "yaml"):
        raise MigrationRefused("migrate reads and writes JSON or YAML datasets (.json, .yaml); convert tables and "
                               "workbooks with `peer-schema import`, and export RDF again from the migrated files")
    result = migrate(read_document(data), target)

    def parse(text: str):
        return json.loads(text) if out_fmt == "json" else yaml.safe_load(text)

    text = None
    if in_fmt == out_fmt:  # keep the file's comments and layout when only top-level values change
        text = rewrite_text(data.read_text(encoding="utf-8-sig"), in_fmt, result, parse)
    if text is None:
        text = json.dumps(result.data, ensure_ascii=False, indent=2) + "\n" if out_fmt == "json" else \
            yaml.safe_dump(result.data, allow_unicode=True, sort_keys=False)
    try:  # atomically: a failed write leaves an earlier output intact
        fd, tmp = tempfile.mkstemp(dir=output.resolve().parent, prefix=".migrate-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, output)
    except OSError as exc:
        raise MigrationNotWritten(f"cannot write {output} ({exc.strerror or exc})") from exc
    return result
