"""Every released version of the model, side by side: each one's merged LinkML schema ships in
this package (`<version>/peer_schema.merged.yaml`), read with PyYAML, never with linkml.

The current version's file is written by `scripts/generate.py`; earlier ones are frozen (a test
pins their hashes). docs/versions.md says what each kind of change means for the version number.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path

import yaml

from .. import SCHEMA_VERSION
from ..model import schema_version_iri

MERGED = "peer_schema.merged.yaml"
VERSION_PATTERN = re.compile(r"^(\d+)\.(\d+)\.(\d+)$")

__all__ = ["MERGED", "SCHEMA_VERSION", "SchemaUnavailable", "artifact_text", "load_schema", "merged_text",
           "parse_version", "released", "schema_version_iri"]


class SchemaUnavailable(Exception):
    """A version that was never released, or a schema file that cannot be read."""


def parse_version(text: str) -> tuple[int, int, int]:
    match = VERSION_PATTERN.match(str(text).strip())
    if not match:
        raise SchemaUnavailable(f"{text!r} is not a version number (write MAJOR.MINOR.PATCH, e.g. 0.2.0)")
    return tuple(int(n) for n in match.groups())  # type: ignore[return-value]


def released() -> list[str]:
    """The versions whose schema this package carries, oldest first."""
    root = files(__name__)
    found = [p.name for p in root.iterdir() if VERSION_PATTERN.match(p.name) and p.joinpath(MERGED).is_file()]
    return sorted(found, key=parse_version)


def merged_text(version: str) -> str:
    parse_version(version)
    if version not in released():
        raise SchemaUnavailable(f"version {version} of the model is not known to this package "
                                f"(known: {', '.join(released())})")
    return files(__name__).joinpath(version, MERGED).read_text(encoding="utf-8")


def _yaml(text: str) -> dict:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader reads a merged schema 4x faster
    return yaml.load(text, Loader=loader)


@cache
def _released_schema(version: str) -> dict:
    return _yaml(merged_text(version))


def load_schema(spec: str) -> tuple[str, dict]:
    """A schema by released version (`0.1.0`) or by file (a merged schema, or a LinkML source
    file whose local imports are read too): (what to call it, the schema as a dict)."""
    if VERSION_PATTERN.match(spec) and not Path(spec).is_file():
        return spec, _released_schema(spec)
    from .sources import read_schema_file

    return spec, read_schema_file(Path(spec))


def artifact_text(version: str, fmt: str) -> str:
    """`schema --version X --format F`: this package's artifacts for its own version, the merged
    LinkML schema for an earlier one. Raises SchemaUnavailable."""
    from .. import artifacts

    text = merged_text(version)
    if version == SCHEMA_VERSION:
        return artifacts.read_text(artifacts.SCHEMA_FORMATS[fmt])
    if fmt != "linkml":
        raise SchemaUnavailable(f"version {version} ships as its LinkML schema only (--format linkml); "
                                f"for its other artifacts install peer_schema=={version}")
    return text
