"""Write datasets read from workbooks or tables as the project's JSON (or YAML) files."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from ..file_modes import mode_for
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


def write_datasets(datasets: list[dict], out: Path, to: str = "json", force: bool = False) -> list[tuple[Path, int]]:
    """Write each dataset as DIR/<name>.json (or .yaml), each file atomically (temp, then rename).
    A file already there is never replaced unless `force`: nothing is written then."""
    out = Path(out)
    taken: set[str] = set()
    paths = [out / f"{_name(dataset, taken)}.{to}" for dataset in datasets]
    existing = [p for p in paths if p.exists()]
    if existing and not force:
        raise OutputExists(", ".join(str(p) for p in existing))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for dataset, path in zip(datasets, paths):
        if to == "yaml":
            import yaml

            text = yaml.safe_dump(dataset, allow_unicode=True, sort_keys=False, width=100)
        else:
            text = json.dumps(dataset, ensure_ascii=False, indent=2) + "\n"
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=out)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.chmod(temp, mode_for(bool(dataset.get("peer_workers"))))
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        written.append((path, _count(dataset)))
    return written
