"""Write datasets read from workbooks or tables as the project's JSON (or YAML) files."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..atomic_files import output_clash, utf8, write_bytes
from ..model import model


class OutputExists(Exception):
    """A file the import would write is already there (and --force was not given)."""


def _name(dataset: dict, taken: set[str]) -> str:
    """A file name from the dataset's identifier (`ex:dataset/entre-pairs-2026` -> entre-pairs-2026)."""
    ident = str(dataset.get("id") or "dataset")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", re.split(r"[:/#]", ident.rstrip("/#"))[-1]).strip(".-") or "dataset"
    name, n = stem, 1
    while name.casefold() in taken:  # names that differ only in case are one file on some systems
        n += 1
        name = f"{stem}-{n}"
    taken.add(name.casefold())
    return name


def _count(dataset: dict) -> int:
    return sum(len(dataset.get(c) or ()) for c in model().containers)


def write_datasets(datasets: list[dict], out: Path, to: str = "json", force: bool = False,
                   inputs: list[Path] = ()) -> list[tuple[Path, int]]:
    """Write each dataset as DIR/<name>.json (or .yaml), each file atomically (temp, then rename).
    A file already there is never replaced unless `force`: nothing is written then. Raises
    OutputExists, ValueError (a value no UTF-8 file can hold: a lone surrogate), OSError."""
    out = Path(out)
    taken: set[str] = set()
    paths = [out / f"{_name(dataset, taken)}.{to}" for dataset in datasets]
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise OutputExists(", ".join(str(p) for p in existing))
    for path in existing:  # --force never replaces the file being imported
        if clash := output_clash(path, inputs, "an input file"):
            raise ValueError(clash)
    out.mkdir(parents=True, exist_ok=True)
    texts = []
    for dataset, path in zip(datasets, paths):
        if to == "yaml":
            import yaml

            text = yaml.safe_dump(dataset, allow_unicode=True, sort_keys=False, width=100)
        else:
            text = json.dumps(dataset, ensure_ascii=False, indent=2) + "\n"
        texts.append(utf8(text, path.name))  # ValueError for a lone surrogate, before any file is written
    written = []
    for dataset, path, data in zip(datasets, paths, texts):
        write_bytes(path, data, private=bool(dataset.get("peer_workers")))
        written.append((path, _count(dataset)))
    return written


def read_validated(paths, *, require_valid: bool = False, progress=None, **options):
    """Validate the files or folders in `paths` (`options` as for `validate`), then read their
    datasets whole: (report, datasets), or (report, None) when the input cannot be read, or, with
    `require_valid`, has errors. Raises UsageError (a wrong path), ReadError, OSError (a file
    changed or deleted since it was validated)."""
    from ..readers.datasets import read_datasets
    from ..validation import _expand, validate

    report = validate(paths, progress=progress, **options)
    if report.unreadable or (require_valid and not report.valid):
        return report, None
    return report, read_datasets(_expand(paths))
