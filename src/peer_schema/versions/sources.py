"""A LinkML schema file read without linkml: its local imports merged in, as the merged schema
that `gen-linkml --mergeimports` writes would hold them (enough for `peer-schema diff`)."""

from __future__ import annotations

from pathlib import Path

import yaml

PARTS = ("prefixes", "types", "enums", "slots", "classes", "subsets")


def _read(path: Path) -> dict:
    from . import SchemaUnavailable, _yaml

    try:
        data = _yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SchemaUnavailable(f"{path}: cannot read the schema ({exc.strerror or exc})") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise SchemaUnavailable(f"{path}: not a YAML schema ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or not ("classes" in data or "slots" in data or "imports" in data):
        raise SchemaUnavailable(f"{path}: not a LinkML schema (no classes, slots or imports)")
    return data


def read_schema_file(path: Path) -> dict:
    """The schema in `path`, with the modules it imports from its own folder (`linkml:types`
    and other remote imports are the metamodel's, the same in every version: left out)."""
    root = _read(path)
    merged = {k: v for k, v in root.items() if k not in PARTS and k != "imports"}
    seen: set[Path] = set()

    def take(module: dict, where: Path) -> None:
        for part in PARTS:
            for name, body in (module.get(part) or {}).items():
                if isinstance(body, dict) and part in ("classes", "slots", "enums", "types"):
                    body = {"from_schema": module.get("id", ""), **body}  # as the merged schema says it
                merged.setdefault(part, {}).setdefault(name, body)
        for name in module.get("imports") or []:
            if ":" in name:  # linkml:types and other CURIE imports
                continue
            target = (where.parent / f"{name}.yaml").resolve()
            if target not in seen:
                seen.add(target)
                take(_read(target), target)

    seen.add(path.resolve())
    take(root, path)
    return merged
