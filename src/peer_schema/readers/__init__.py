"""Readers turn a file into plain Python data, or a `ReadError` that says what is wrong.

Every reader refuses what could hurt or mislead: oversized files, deep nesting, YAML aliases
and tags, duplicate keys, NaN, Infinity and huge numbers. None of them ever reaches the network.

A reader gives a `Document` (a whole dataset: JSON, YAML) or a `Stream` of records (JSON Lines),
each with the way back from a JSON Pointer to a line and column where the format has them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import ReadError
from .json_positions import locator as json_locator
from .json_reader import read_json
from .jsonl_reader import TYPE_KEY, iter_jsonl
from .limits import Limits, size_problem
from .rdf import RDF_FORMATS, RdfGraph, read_rdf
from .source import read_bounded
from .table import iter_table
from .yaml_reader import locate, read_yaml, read_yaml_with_nodes

FORMATS = {".json": "json", ".yaml": "yaml", ".yml": "yaml", ".jsonl": "jsonl", ".ndjson": "jsonl",
           ".csv": "csv", ".tsv": "tsv"}
FORMATS.update(RDF_FORMATS)  # RDF (.ttl, .nt, .jsonld, .rdf, .xml): readers/rdf.py, checked with SHACL
FORMATS.update({".xlsx": "xlsx", ".xlsm": "xlsx", ".ods": "ods"})  # workbooks: readers/workbook.py


@dataclass
class Document:
    file: str
    data: object
    locate: Callable[[str], tuple[int, int] | None]


@dataclass
class Stream:
    file: str
    items: Iterator[tuple[int, dict] | ReadError]


#: spreadsheets saved in a format not read (old Excel, Numbers, flat or template OpenDocument,
#: WPS, Lotus...): people are told to save them as .xlsx or .ods from their spreadsheet program
SPREADSHEET_SUFFIXES = frozenset({".xls", ".xlsb", ".xlt", ".xltx", ".xltm", ".xlw", ".numbers", ".fods", ".ots",
                                  ".sxc", ".stc", ".gsheet", ".et", ".ett", ".wks", ".wk1", ".123", ".slk", ".uos"})
#: the formats read, as the message lists them: workbooks first (what associations fill), then tables
_LISTED_FIRST = (".xlsx", ".xlsm", ".ods", ".csv", ".tsv")


def detect_format(path: Path, override: str | None = None) -> str:
    fmt = override or FORMATS.get(path.suffix.lower())
    if fmt is None and path.suffix.lower() in SPREADSHEET_SUFFIXES:
        raise ReadError("read.workbook-format", f"{path.name}: a workbook in this format is not read",
                        params={"suffix": path.suffix})
    if fmt is None:
        listed = [*_LISTED_FIRST, *sorted(set(FORMATS) - set(_LISTED_FIRST))]
        raise ReadError("read.unsupported-format", f"{path.name}: this kind of file is not read",
                        params={"supported": ", ".join(listed)})
    return fmt


def _text(path: Path, limits: Limits) -> str:
    """The text of a whole document, read through a counter (a pipe says nothing of its size):
    at most `limits.document_bytes`, since the whole of it is held in memory at once."""
    raw = read_bounded(path, limits.document_bytes)
    if not raw.strip():
        raise ReadError("read.empty", "the file holds no data")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # a UTF-8 byte order mark, as spreadsheet programs write it
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReadError("read.encoding", f"not UTF-8 text (byte {exc.start})", params={"offset": exc.start}) from None
    if "\x00" in text:
        raise ReadError("read.binary", "the file looks like a binary file, not text")
    return text


def open_source(path: Path, limits: Limits | None = None,
                input_format: str | None = None) -> Document | Stream | RdfGraph:
    limits = limits or Limits()
    fmt = detect_format(path, input_format)
    if fmt == "jsonl":
        problem = size_problem(path, limits)
        if problem is not None:
            raise problem
        return Stream(str(path), iter_jsonl(path, limits))
    if fmt in ("csv", "tsv"):  # one table per class: readers/table.py, docs/tables.md
        return Stream(str(path), iter_table(path, limits, fmt))
    if fmt in ("xlsx", "ods"):  # one sheet per class, read as tables are
        from .workbook import iter_workbook

        return Stream(str(path), iter_workbook(path, limits))
    text = _text(path, limits)
    if fmt in RDF_FORMATS.values():
        return read_rdf(text, fmt, str(path), limits)
    if fmt == "yaml":
        data, root = read_yaml_with_nodes(text, limits)
        return Document(str(path), data, lambda pointer: locate(root, pointer))
    return Document(str(path), read_json(text, limits), json_locator(text))


def read_document(path: Path, limits: Limits | None = None) -> object:
    """Read one JSON or YAML file into plain data (dicts, lists, strings, numbers, booleans)."""
    source = open_source(path, limits)
    if isinstance(source, Stream):
        raise ReadError("read.unsupported-format", "JSON Lines is read as a stream, not a document",
                        params={"supported": ".json, .yaml"})
    if isinstance(source, RdfGraph):
        raise ReadError("read.unsupported-format", "RDF is read as a graph, not a document",
                        params={"supported": ".json, .yaml"})
    return source.data


__all__ = ["TYPE_KEY", "Document", "Limits", "RdfGraph", "ReadError", "Stream", "detect_format", "open_source",
           "read_document", "read_json", "read_yaml"]
