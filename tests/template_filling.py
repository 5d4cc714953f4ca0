"""Filling the workbook template in tests as an association would: the dataset row every filled
template needs, and cells typed by field name (the template's second row holds the field names)."""

from __future__ import annotations

from datetime import date

DATASET = {"id": "ex:dataset/test", "title.en": "Test registry", "access_rights": "restricted",
           "license": "https://creativecommons.org/licenses/by/4.0/", "created": date(2026, 11, 2),
           "publisher.id": "https://example.org/us", "publisher.name": "Us", "schema_version": "0.2.0",
           "dataset_version": "2026.1", "prefixes.ex": "https://example.org/id/"}


def field_columns(ws) -> dict[str, int]:
    """The template's second row: field name -> column number."""
    return {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}


def type_row(ws, values: dict, row: int = 3) -> None:
    columns = field_columns(ws)
    for name, value in values.items():
        ws.cell(row, columns[name], value)
