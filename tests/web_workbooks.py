"""A filled template with known mistakes, for the web app's tests (form, API, browser)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from template_filling import DATASET, field_columns

from peer_schema.sheets.writer import write_workbook

ORGANISATION = {"id": "ex:org/one", "name": "One", "organisation_kinds": "Federation",
                "staff_count": "twelve",  # not a number
                "country": "Atlantis"}  # not a country of the list


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
