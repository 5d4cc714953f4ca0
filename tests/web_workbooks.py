"""A filled template with known mistakes, for the web app's tests (form, API, browser)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl

from peer_schema.sheets.writer import write_workbook

DATASET = {"id": "ex:dataset/test", "title.en": "Test registry", "access_rights": "restricted",
           "license": "https://creativecommons.org/licenses/by/4.0/", "created": date(2026, 11, 2),
           "publisher.id": "https://example.org/us", "publisher.name": "Us", "schema_version": "0.2.0",
           "dataset_version": "2026.1", "prefixes.ex": "https://example.org/id/"}
ORGANISATION = {"id": "ex:org/one", "name": "One", "organisation_kinds": "Federation",
                "staff_count": "twelve",  # not a number
                "country": "Atlantis"}  # not a country of the list


def field_columns(ws) -> dict[str, int]:
    """The template's second row: field name -> column number."""
    return {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}


def workbook_with_mistakes(folder: Path, name: str = "registry.xlsx") -> tuple[Path, dict[str, str]]:
    """The English template with a dataset row and one organisation holding two mistakes; also
    the cells where they are: {"vocab.unknown-code": "E3", "structure.wrong-type": "AB3"}."""
    template = write_workbook(folder / "template.xlsx", "en")
    book = openpyxl.load_workbook(template)
    for sheet, values in (("Dataset", DATASET), ("Organisations", ORGANISATION)):
        ws = book[sheet]
        columns = field_columns(ws)
        for field, value in values.items():
            ws.cell(3, columns[field], value)
    columns = field_columns(book["Organisations"])
    letter = openpyxl.utils.get_column_letter
    out = folder / name
    book.save(out)
    return out, {"vocab.unknown-code": f"{letter(columns['country'])}3",
                 "structure.wrong-type": f"{letter(columns['staff_count'])}3"}
