"""Whole datasets from any files the validator reads: what `import`, `bundle` and `merge` work on.

A JSON or YAML file is a dataset as it stands. The rows of tables (CSV, TSV, a workbook's
sheets) and the lines of a JSON Lines stream are gathered into the dataset whose header they
follow (`Dataset.csv`, the Dataset sheet, a `{"@type": "Dataset"}` line); records with no header
are gathered into one dataset without one. RDF is read back into records the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import model
from . import Document, Limits, RdfGraph, ReadError, Stream, open_source
from .errors import Notice, TableStart
from .jsonl_reader import TYPE_KEY


def _key(header: dict | None) -> str:
    return str(header.get("id")) if header and header.get("id") else ""


def read_datasets(files: Iterable[Path], limits: Limits | None = None,
                  input_format: str | None = None) -> list[dict]:
    """The datasets of these files, in the order first met, each as its JSON document (the
    header's fields and one list per kind of record). Raises ReadError on what cannot be read:
    validate first to have every problem reported."""
    containers = {cls: container for container, cls in model().containers.items()}
    datasets: dict[str, dict] = {}

    def dataset(header: dict | None) -> dict:
        key = _key(header)
        found = datasets.get(key)
        if found is None:
            found = datasets[key] = {k: v for k, v in (header or {}).items() if k != TYPE_KEY}
        return found

    for path in files:
        source = open_source(path, limits, input_format)
        if isinstance(source, Document):
            data = source.data
            if not isinstance(data, dict):
                raise ReadError("read.syntax", f"{path.name}: not a dataset",
                                params={"format": "JSON", "problem": "the file holds no dataset object"})
            target = dataset({k: v for k, v in data.items() if k not in containers.values()})
            for container in containers.values():
                if data.get(container):
                    target.setdefault(container, []).extend(data[container])
            continue
        if isinstance(source, RdfGraph):
            from .rdf_records import records_from_graph

            items = ((cls, rec) for cls, rec, _ in records_from_graph(source.graph, source.prefixes))
        elif isinstance(source, Stream):
            items = _stream(source)
        else:  # pragma: no cover - open_source gives one of the three
            raise TypeError(source)
        target = None
        for cls, rec in items:
            if cls == "Dataset":
                target = dataset(rec)
                continue
            container = containers.get(cls)
            if container is None:
                continue
            if target is None:
                target = dataset(None)
            target.setdefault(container, []).append({k: v for k, v in rec.items() if k != TYPE_KEY})
    return list(datasets.values())


def _stream(stream: Stream):
    for item in stream.items:
        if isinstance(item, ReadError):
            raise item
        if isinstance(item, (Notice, TableStart)):
            continue
        rec = item[1]
        yield rec.get(TYPE_KEY), rec


__all__ = ["read_datasets"]
