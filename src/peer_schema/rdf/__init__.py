"""The model's data as RDF: `export()` writes valid data files as one graph (Turtle, N-Triples,
JSON-LD, RDF/XML) with pyoxigraph, atomically and streamed. See docs/rdf-export.md."""

from .export import FORMATS, SUFFIXES, ExportError, ExportRefused, ExportSummary, export

__all__ = ["FORMATS", "SUFFIXES", "ExportError", "ExportRefused", "ExportSummary", "export"]
