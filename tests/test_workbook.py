"""The spreadsheet template, filled workbooks read back, and their pitfalls.

Workbooks are written by our writer and read back with openpyxl, an independent reader, to check
what a spreadsheet program sees; they are filled with openpyxl as a person would fill them.
"""

from __future__ import annotations

import json
import zipfile
from datetime import date

import openpyxl
import pytest
from conftest import EXAMPLES
from hostile import ods_package

from peer_schema import validate
from peer_schema.cli import main
from peer_schema.readers.datasets import read_datasets
from peer_schema.readers.errors import Notice, TableStart
from peer_schema.readers.workbook import iter_workbook
from peer_schema.table_layout import class_label, columns, sheet_classes
from peer_schema.sheets.writer import write_csv_template, write_workbook

TABLES = EXAMPLES / "tables"


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    return {lang: write_workbook(folder / f"template-{lang}.xlsx", lang) for lang in ("en", "fr")}


def fill(path, out, sheet, rows, start=3):
    """Type rows into a sheet of a workbook, from row 3 (under the two header rows), and save as `out`."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    book.save(out)
    return out


def letter(column):
    return openpyxl.utils.get_column_letter(column)


def header_positions(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    return {ws.cell(2, c).value: c for c in range(1, ws.max_column + 1)}


def dataset_row(path, out, lang="en"):
    """A valid dataset header typed into the Dataset sheet."""
    sheet = class_label("Dataset", lang)
    pos = header_positions(path, sheet)
    row = [None] * max(pos.values())
    values = {"id": "ex:dataset/test", "title.en": "Test registry", "access_rights": "restricted",
              "license": "https://creativecommons.org/licenses/by/4.0/", "created": date(2026, 11, 2),
              "publisher.id": "https://example.org/us", "publisher.name": "Us", "schema_version": "0.1.0",
              "dataset_version": "2026.1",
              "prefixes.ex": "https://example.org/id/"}
    for name, value in values.items():
        row[pos[name] - 1] = value
    return fill(path, out, sheet, [row])


# -- the template ------------------------------------------------------------------------------------------
def test_the_template_has_a_sheet_per_class_with_labels_field_names_notes_and_lists(template):
    book = openpyxl.load_workbook(template["en"])
    assert book.sheetnames[0] == "Read me" and book["Lists"].sheet_state == "hidden"
    assert [class_label(c, "en") for c in sheet_classes()] == book.sheetnames[1:-1]
    ws = book["Organisations"]
    cols = columns("Organisation")
    assert [ws.cell(2, i + 1).value for i in range(len(cols))] == [c.name for c in cols]
    assert ws.cell(1, 1).value == "Identifier *" and ws.cell(1, 1).comment.text.startswith("The record's identifier")
    country = next(i for i, c in enumerate(cols, 1) if c.name == "country")
    assert "Choose from the list" in ws.cell(1, country).comment.text
    rules = {str(v.sqref).split(":")[0]: v for v in ws.data_validations.dataValidation}
    letter = openpyxl.utils.get_column_letter(country)
    assert rules[f"{letter}3"].type == "list" and "Lists" in rules[f"{letter}3"].formula1
    assert ws.freeze_panes == "B3"
    never = " ".join(str(c.value) for c in book["Read me"]["A"])
    assert "Never enter" in never and "diagnoses" in never and "names of peer workers" in never


def test_the_french_template_speaks_french_in_labels_and_lists(template):
    book = openpyxl.load_workbook(template["fr"])
    assert book.sheetnames[0] == "À lire" and "Travailleurs pairs" in book.sheetnames
    ws = book["Organisations"]
    labels = [c.value for c in ws[1]]
    assert "Pays" in labels and "Identifiant *" in labels
    lists = book["Listes"]
    values = {c.value for col in lists.iter_cols() for c in col}
    assert "Belgique" in values and "Belgium" not in values


def test_the_template_is_made_from_the_model_and_the_same_each_time(tmp_path, template):
    again = write_workbook(tmp_path / "again.xlsx", "en")
    one, two = openpyxl.load_workbook(template["en"]), openpyxl.load_workbook(again)
    for name in one.sheetnames:
        assert [[c.value for c in r] for r in one[name].iter_rows()] == [[c.value for c in r] for r in two[name].iter_rows()]


def test_the_template_is_never_written_over_an_existing_file(tmp_path, capsys):
    out = tmp_path / "ours.xlsx"
    out.write_bytes(b"a filled workbook")
    assert main(["template", "-o", str(out), "--prefix", "ours"]) == 2
    assert out.read_bytes() == b"a filled workbook" and "already exists" in capsys.readouterr().err
    assert main(["template", "-o", str(out), "--force", "--prefix", "ours"]) == 0 and zipfile.is_zipfile(out)


def test_the_csv_template_is_a_folder_of_tables_the_validator_reads(tmp_path):
    folder = write_csv_template(tmp_path / "tables", "fr")
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{c}.csv" for c in sheet_classes()] + ["LISEZMOI.txt"])
    text = (folder / "Organisation.csv").read_text(encoding="utf-8-sig").splitlines()
    assert text[0].startswith("Identifiant *,Nom officiel *") and text[1].startswith("id,name,")
    (folder / "Organisation.csv").write_text("\n".join(text + ["ex:org/1,Un,ngo"]) + "\n", encoding="utf-8-sig")
    records = [i for i in iter_workbook_or_table(folder / "Organisation.csv") if isinstance(i, tuple) and i[0]]
    assert records[0][1] == {"@type": "Organisation", "id": "ex:org/1", "name": "Un", "organisation_kinds": ["ngo"]}
    assert records[0][0] == 3


def iter_workbook_or_table(path):
    from peer_schema.readers.table import iter_table

    return iter_table(path)


# -- a filled workbook -------------------------------------------------------------------------------------
def test_a_filled_template_validates_with_cell_level_findings_that_speak_of_labels(template, tmp_path):
    book = dataset_row(template["en"], tmp_path / "filled.xlsx")
    pos = header_positions(book, "Organisations")
    row = [None] * max(pos.values())
    row[pos["id"] - 1], row[pos["name"] - 1] = "ex:org/one", "One"
    row[pos["organisation_kinds"] - 1] = "Federation"  # a label, as the drop-down gives it
    row[pos["staff_count"] - 1] = "twelve"
    row[pos["country"] - 1] = "Belgique"  # the French label, in an English workbook
    fill(book, book, "Organisations", [row, [None] * 3, [None] * 3])  # and empty rows after it
    report = validate([book])
    [finding] = report.findings
    letter = openpyxl.utils.get_column_letter(pos["staff_count"])
    assert finding.code == "structure.wrong-type" and finding.cell == f"Organisations!{letter}3"
    assert finding.location().endswith(f"filled.xlsx:Organisations!{letter}3")
    assert '"Number of staff"' in finding.message("en") and "staff_count" not in finding.message("en")
    [dataset] = read_datasets([book])
    assert dataset["organisations"][0]["country"] == "BE" and dataset["organisations"][0]["organisation_kinds"] == ["federation"]


def test_a_missing_required_column_value_is_named_by_its_label_in_the_report_language(template, tmp_path):
    book = dataset_row(template["fr"], tmp_path / "rempli.xlsx", "fr")
    pos = header_positions(book, "Organisations")
    row = [None] * max(pos.values())
    row[pos["id"] - 1], row[pos["organisation_kinds"] - 1] = "ex:org/un", "ONG"
    fill(book, book, "Organisations", [row])
    report = validate([book], lang="fr")
    [finding] = report.findings
    assert finding.code == "structure.required" and finding.cell == f"Organisations!{letter(pos['name'])}3"
    assert "« Nom officiel »" in finding.message("fr")


def test_columns_are_matched_by_label_or_name_in_any_order_and_case(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "organisations"
    ws.append(["  COUNTRY ", "name", "Identifiant", "Organisation kinds", "Membership – Member count"])
    ws.append(["Belgium ", "One  ", "ex:org/1", "ngo", "48"])  # trailing spaces, a number typed as text
    book.save(tmp_path / "own.xlsx")
    [dataset] = read_datasets([tmp_path / "own.xlsx"])
    assert dataset["organisations"] == [{"country": "BE", "name": "One", "id": "ex:org/1", "organisation_kinds": ["ngo"],
                                         "membership": {"member_count": 48}}]


def test_spreadsheet_pitfalls_dates_as_numbers_merged_headers_and_formulas(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Memberships"
    ws["A1"], ws["B1"], ws["C1"] = "member", "federation", "Dates"
    ws.merge_cells("C1:D1")  # a group title over two columns
    ws["C2"], ws["D2"] = "start_date", "end_date"
    ws.append(["ex:org/a", "ex:org/f", 46000, date(2026, 1, 2)])  # a date typed as its day number
    ws.append(["=HYPERLINK(\"https://evil.example\")", "ex:org/f", None, None])
    ws["A4"].data_type = "s"  # kept as text, as a spreadsheet does for a cell marked as text
    ws.append([None, None, None, None])
    book.save(tmp_path / "pitfalls.xlsx")
    items = list(iter_workbook(tmp_path / "pitfalls.xlsx"))
    rows = [i for i in items if isinstance(i, tuple)]
    assert rows[0][1] == {"@type": "Membership", "member": "ex:org/a", "federation": "ex:org/f",
                          "start_date": "2025-12-09", "end_date": "2026-01-02"}
    assert rows[0][0] == 3 and rows[1][1]["member"].startswith("=HYPERLINK")  # text, never evaluated
    assert not [i for i in items if isinstance(i, Notice)]


def test_an_unknown_column_and_an_unknown_sheet_are_warnings(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Peer workers"
    ws.append(["Identifier", "Peer role", "Weekly hour", "Name"])
    ws.append(["ex:pw/1", "peer_support_worker", "12", "Somebody"])
    book.create_sheet("Sheet2").append(["notes", "to self"])
    book.create_sheet("Sheet3")  # empty: nothing to say
    book.save(tmp_path / "w.xlsx")
    report = validate([tmp_path / "w.xlsx"], profile="internal")
    by_code = {f.code: f for f in report.findings if f.code.startswith("table.")}
    hours = next(f for f in report.findings if f.params.get("column") == "Weekly hour")
    assert hours.params["column"] == "Weekly hour" and hours.params["closest"] == "Weekly hours"
    assert hours.message().endswith('(nearest known column: "Weekly hours")')
    assert hours.cell == "'Peer workers'!C1" and hours.severity.value == "warning"
    assert by_code["table.unknown-sheet"].params["sheet"] == "Sheet2"
    assert sum(f.code == "table.unknown-column" for f in report.findings) == 1
    # "Name" holding a value is never read, and is an error: names never belong there (issue 12)
    assert by_code["table.name-column"].severity.value == "error" and by_code["table.name-column"].cell == "'Peer workers'!D1"
    [dataset] = read_datasets([tmp_path / "w.xlsx"])
    assert dataset["peer_workers"] == [{"id": "ex:pw/1", "role": "peer_support_worker"}]


def test_broken_workbooks_exit_2_without_a_traceback(tmp_path, capsys):
    truncated = tmp_path / "truncated.xlsx"
    write_workbook(tmp_path / "whole.xlsx", "en")
    truncated.write_bytes((tmp_path / "whole.xlsx").read_bytes()[:3000])
    not_a_zip = tmp_path / "text.xlsx"
    not_a_zip.write_text("id,name\n")
    for path in (truncated, not_a_zip):
        assert main(["validate", str(path)]) == 2
        out = capsys.readouterr()
        assert "read.damaged-workbook" in out.out and "Traceback" not in out.err


def test_a_workbook_that_unpacks_to_far_more_than_the_limit_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    from peer_schema.readers import Limits

    [error] = list(iter_workbook(bomb, Limits(max_bytes=1024 * 1024)))
    assert error.code == "read.too-large"


# -- round trips: JSON -> workbook -> JSON -------------------------------------------------------------------
def test_export_to_a_workbook_and_import_give_back_the_same_records(tmp_path, capsys):
    for lang in ("en", "fr"):
        out = tmp_path / f"data-{lang}.xlsx"
        assert main(["export", str(TABLES), "--to", "xlsx", "-o", str(out), "--lang", lang]) == 0
        assert main(["import", str(out), "-o", str(tmp_path / lang)]) == 0
        [written] = (tmp_path / lang).glob("*.json")
        assert json.loads(written.read_text()) == read_datasets(sorted(TABLES.glob("*.csv")))[0]
    capsys.readouterr()


def test_text_that_looks_like_a_formula_is_written_as_text_and_read_back(tmp_path):
    dataset = {"id": "ex:dataset/x", "organisations": [{"id": "ex:org/1", "name": "=cmd|' /C calc'!A0",
                                                        "organisation_kinds": ["ngo"], "legal_form": "+32 2 555"}]}
    out = write_workbook(tmp_path / "x.xlsx", "en", dataset)
    with zipfile.ZipFile(out) as z:
        sheet_xml = b"".join(z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheet_xml  # no formula anywhere
    ws = openpyxl.load_workbook(out)["Organisations"]
    cell = next(c for c in ws[3] if c.value == "=cmd|' /C calc'!A0")
    assert cell.data_type == "s" and cell.quotePrefix
    [back] = read_datasets([out])
    assert back["organisations"] == dataset["organisations"]


def test_a_workbook_stream_starts_each_sheet_with_its_name_and_headers(tmp_path):
    out = tmp_path / "t.xlsx"
    assert main(["export", str(TABLES), "--to", "xlsx", "-o", str(out)]) == 0
    starts = [i for i in iter_workbook(out) if isinstance(i, TableStart)]
    assert starts[0].sheet == "Dataset" and [s.cls for s in starts] == sheet_classes()
    assert starts[1].labels[1] == "Identifier"  # as written, without the mark of a required column


def test_a_reference_to_a_missing_record_names_the_sheet_and_the_cell(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Memberships"
    ws.append(["Member organisation", "Federation"])
    ws.append(["ex:org/a", "ex:org/nowhere"])
    orgs = book.create_sheet("Organisations")  # after the memberships: the reference is resolved at the end
    orgs.append(["Identifier", "Registered name", "Organisation kinds"])
    orgs.append(["ex:org/a", "A", "ngo"])
    book.save(tmp_path / "refs.xlsx")
    [finding] = [f for f in validate([tmp_path / "refs.xlsx"]).findings if f.code == "refs.dangling"]
    assert finding.cell == "Memberships!B2" and type(finding.file) is str
    assert '"Federation"' in finding.message("en")


def test_a_federation_gives_each_member_its_own_prefix(tmp_path, capsys):
    out = tmp_path / "pen.xlsx"
    assert main(["template", "-o", str(out), "--prefix", "pen", "--lang", "fr"]) == 0
    book = openpyxl.load_workbook(out)
    assert "prefixes.pen" in [c.value for c in book["Jeu de données"][2]]
    assert "pen:org/notre-association" in " ".join(str(c.value) for c in book["À lire"]["A"])
    from peer_schema.file_modes import default_mode

    assert out.stat().st_mode & 0o777 == default_mode()  # a template holds no one: the usual mode
    assert main(["template", "-o", str(tmp_path / "bad.xlsx"), "--prefix", "a b"]) == 2
    assert not (tmp_path / "bad.xlsx").exists() and "a prefix is a short name" in capsys.readouterr().err


def test_a_required_columns_mark_is_not_part_of_its_name_in_messages(template, tmp_path):
    book = dataset_row(template["en"], tmp_path / "m.xlsx")
    pos = header_positions(book, "Memberships")
    row = [None] * max(pos.values())
    row[pos["member"] - 1], row[pos["federation"] - 1] = "ex:org/nobody", "ex:org/nowhere"
    fill(book, book, "Memberships", [row])
    messages = [f.message("en") for f in validate([book]).findings if f.code == "refs.dangling"]
    assert messages and all("*" not in m for m in messages)


def test_a_cell_far_away_is_refused_before_the_reader_makes_a_grid_of_it(tmp_path, capsys):
    sparse = tmp_path / "sparse.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Organisations"
    book.active["A1"] = "Identifier"
    book.active["XFD1048576"] = "x"  # calamine would allocate 17 billion cells for this sheet
    book.save(sparse)
    assert main(["validate", str(sparse)]) == 2
    out = capsys.readouterr().out
    assert "read.sheet-too-large" in out and "1,048,576" in out


def test_files_holding_peer_workers_are_their_owners_only(tmp_path):
    assert main(["export", str(TABLES), "--to", "xlsx", "-o", str(tmp_path / "w.xlsx")]) == 0
    assert main(["export", str(TABLES), "--to", "ttl", "-o", str(tmp_path / "w.ttl")]) == 0
    assert (tmp_path / "w.xlsx").stat().st_mode & 0o777 == 0o600  # the tables hold two peer workers
    assert (tmp_path / "w.ttl").stat().st_mode & 0o777 == 0o600
    compendium = EXAMPLES / "compendium"
    assert main(["export", str(compendium), "--to", "ttl", "-o", str(tmp_path / "c.ttl")]) == 0
    from peer_schema.file_modes import default_mode

    assert (tmp_path / "c.ttl").stat().st_mode & 0o777 == default_mode()  # no peer worker: the usual mode


def test_a_year_typed_in_a_date_column_is_not_taken_for_a_day_count(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Memberships"
    ws.append(["member", "federation", "start_date"])
    ws.append(["ex:org/a", "ex:org/f", 2021])
    book.save(tmp_path / "year.xlsx")
    [dataset] = read_datasets([tmp_path / "year.xlsx"])
    assert dataset["memberships"][0]["start_date"] == "2021"  # and the structure check says it is no date
    assert "structure.bad-format" in {f.code for f in validate([tmp_path / "year.xlsx"]).findings}


def test_a_value_merged_down_over_several_rows_is_each_rows_value(tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Organisations"
    ws.append(["id", "name", "organisation_kinds", "country"])
    for i in range(3):
        ws.append([f"ex:org/{i}", f"Org {i}", "ngo", "BE" if i == 0 else None])
    ws.merge_cells("D2:D4")
    book.save(tmp_path / "merged.xlsx")
    [dataset] = read_datasets([tmp_path / "merged.xlsx"])
    assert [o.get("country") for o in dataset["organisations"]] == ["BE", "BE", "BE"]


def test_import_never_replaces_an_earlier_file_unless_asked(tmp_path, capsys):
    out = tmp_path / "json"
    book = tmp_path / "d.xlsx"
    assert main(["export", str(TABLES), "--to", "xlsx", "-o", str(book)]) == 0
    assert main(["import", str(book), "-o", str(out)]) == 0
    [written] = out.glob("*.json")
    written.write_text('{"precious": true}')
    assert main(["import", str(book), "-o", str(out)]) == 2
    assert written.read_text() == '{"precious": true}' and "already exist" in capsys.readouterr().err
    assert main(["import", str(book), "-o", str(out), "--force"]) == 0 and "precious" not in written.read_text()


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Organisations">
<table:table-row><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>name</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>organisation_kinds</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>ex:org/1</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>One</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>ngo</text:p></table:table-cell></table:table-row>
{extra}<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"""


def ods(path, extra=""):
    # calamine reads OpenDocument XML without whitespace between the cells, as LibreOffice writes it
    return ods_package(path, ODS_CONTENT.format(extra=extra).replace("\n<", "<").replace("\n", " "))


def test_an_opendocument_sheet_is_read_and_one_repeated_into_millions_of_cells_is_refused(tmp_path, capsys):
    # trailing empty rows repeated a million times, as LibreOffice writes them, are fine
    [dataset] = read_datasets([ods(tmp_path / "ok.ods")])
    assert dataset["organisations"] == [{"id": "ex:org/1", "name": "One", "organisation_kinds": ["ngo"]}]
    bomb = ods(tmp_path / "bomb.ods", '<table:table-row table:number-rows-repeated="20000"><table:table-cell '
               'table:number-columns-repeated="3000" office:value-type="string"><text:p>x</text:p>'
               "</table:table-cell></table:table-row>")
    assert main(["validate", str(bomb)]) == 2  # 60 million cells: refused before calamine allocates them
    assert "read.sheet-too-large" in capsys.readouterr().out
