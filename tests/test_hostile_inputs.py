"""Hostile inputs, made in code: each is refused with a read.* finding and exit code 2, without a
traceback, and without the memory that the file asks for (docs/limits.md, "Reading files")."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import codes_by_file, lie_about_sizes, ods_package, run_cli, text_cell, xlsx

from peer_schema.readers import Limits
from peer_schema.readers.workbook import iter_workbook
from peer_schema.readers.workbook_guard import MAX_MERGED_RANGES

def _cap(limit: int):
    return lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


HEADER = '<row r="1">' + text_cell("A1", "Identifier") + text_cell("B1", "Name") + "</row>"


def _codes(path, limits=None) -> set[str]:
    return {getattr(item, "code", None) for item in iter_workbook(path, limits or Limits())} - {None}


# -- workbooks: the extent of a sheet ---------------------------------------------------------------------
def far_workbooks(folder):
    """Workbooks of about a kilobyte whose sheet spans a million rows and 16,384 columns, each
    written in a way the old regular expression did not see."""
    far = '<row r="1048576">' + text_cell(None, "x") + "</row>"
    return {
        "attribute-order.xlsx": xlsx(folder / "attribute-order.xlsx", HEADER + far.replace(
            "<c t", '<c s="0" t').replace('t="inlineStr"', 't="inlineStr" r="XFD1048576"', 1)),
        "single-quotes.xlsx": xlsx(folder / "single-quotes.xlsx", HEADER + "<row r='1048576'>" + text_cell(
            "XFD1048576", "x", quote="'") + "</row>"),
        "outside-worksheets.xlsx": xlsx(folder / "outside-worksheets.xlsx", HEADER + '<row r="2">' + text_cell(
            "XFD1048576", "x") + "</row>", sheet="xl/media/data.bin", target="media/data.bin"),
        "row-without-cell-refs.xlsx": xlsx(folder / "row-without-cell-refs.xlsx", '<row r="1">' + text_cell(
            "XFD1", "x") + "</row>" + far),
        "implicit-rows.xlsx": xlsx(folder / "implicit-rows.xlsx", '<row>' + text_cell("XFD1", "x") + "</row>"
                                   + "<row/>" * 1_048_574 + "<row>" + text_cell(None, "x") + "</row>"),
        "lowercase-dollar-ref.xlsx": xlsx(folder / "lowercase-dollar-ref.xlsx", HEADER + '<row r="9">'
                                          + text_cell("$xfd$1048576", "x") + "</row>"),
        "prefixed.xlsx": xlsx(folder / "prefixed.xlsx", HEADER.replace("<c ", "<x:c xmlns:x='urn:x' ").replace(
            "</c>", "</x:c>") + '<row r="1048576"><x:c xmlns:x="urn:x" r="XFD1048576"><x:v>1</x:v></x:c></row>'),
    }


def test_every_far_reaching_sheet_is_refused_before_calamine_makes_its_grid(tmp_path):
    files = far_workbooks(tmp_path)
    assert all(path.stat().st_size < 20_000 for path in files.values())
    rc, report, err, peak = run_cli(*map(str, files.values()), memory=2 << 30)
    assert rc == 2 and "Traceback" not in err, err
    found = codes_by_file(report)
    for name in files:
        assert found.get(name) == {"read.sheet-too-large"}, (name, found.get(name))
    assert peak < 400 << 20


def test_shared_strings_of_one_huge_string_are_refused_from_the_parts_real_size(tmp_path):
    big = b'<?xml version="1.0"?><sst xmlns="x"><si><t>' + b"a" * 3_000_000 + b"</t></si></sst>"
    long_string = xlsx(tmp_path / "long-string.xlsx", HEADER, strings=big)
    assert _codes(long_string) == {"read.field-too-large"}
    many = b'<?xml version="1.0"?><sst xmlns="x">' + b"<si><t>ab</t></si>" * 200_000 + b"</sst>"
    over_size = xlsx(tmp_path / "many-strings.xlsx", HEADER, strings=many)
    assert _codes(over_size, Limits(max_bytes=1_000_000)) == {"read.too-large"}
    # the zip declares 100 bytes: the real size counts, never the declared one
    lying = lie_about_sizes(xlsx(tmp_path / "lying.xlsx", HEADER, strings=many), "xl/sharedStrings.xml", 100)
    assert _codes(lying, Limits(max_bytes=1_000_000)) == {"read.too-large"}


def test_a_doctype_in_any_part_is_refused(tmp_path):
    laughs = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
    assert _codes(xlsx(tmp_path / "laughs.xlsx", HEADER, doctype=laughs)) == {"read.xml-doctype"}


def test_a_part_that_is_not_xml_or_a_zip_that_is_not_one_is_a_damaged_workbook_in_its_own_format(tmp_path):
    broken = xlsx(tmp_path / "broken.xlsx", HEADER + "<row><c>")
    [error] = list(iter_workbook(broken))
    assert error.code == "read.damaged-workbook" and error.params["format"] == "xlsx"
    not_ods = tmp_path / "not.ods"
    not_ods.write_bytes(b"PK\x03\x04 not really a zip")
    [error] = list(iter_workbook(not_ods))
    assert error.code == "read.damaged-workbook" and error.params["format"] == "ODS"


# -- workbooks: merged cells ------------------------------------------------------------------------------
def test_merged_ranges_down_a_million_rows_cost_only_the_rows_that_exist(tmp_path):
    merges = "".join(f'<mergeCell ref="{col}2:{col}1048576"/>' for col in ("C", "D", "E") * 100)
    rows = (HEADER + '<row r="2">' + text_cell("A2", "ex:org/1") + text_cell("B2", "One")
            + "".join(text_cell(f"{col}2", "x") for col in "CDE") + "</row>")
    book = xlsx(tmp_path / "merged.xlsx", rows, extra=f'<mergeCells count="300">{merges}</mergeCells>')
    rc, report, err, peak = run_cli(str(book), memory=2 << 30, timeout=60)
    assert rc in (0, 1) and "Traceback" not in err
    assert "read.sheet-too-large" not in codes_by_file(report).get("merged.xlsx", set())
    assert peak < 400 << 20


def test_too_many_merged_ranges_are_refused(tmp_path):
    merges = '<mergeCell ref="A2:A3"/>' * (MAX_MERGED_RANGES + 1)
    book = xlsx(tmp_path / "merges.xlsx", HEADER, extra=f"<mergeCells>{merges}</mergeCells>")
    [error] = list(iter_workbook(book))
    assert error.code == "read.sheet-too-large" and "merged" in error.params["where"]


def test_a_value_merged_down_fills_the_rows_under_it_and_a_group_title_names_its_columns(tmp_path):
    rows = (HEADER + '<row r="2">' + text_cell("A2", "ex:org/1") + text_cell("B2", "Shared name") + "</row>"
            + '<row r="3">' + text_cell("A3", "ex:org/2") + "</row>")
    book = xlsx(tmp_path / "down.xlsx", rows, extra='<mergeCells><mergeCell ref="B2:B1048576"/></mergeCells>')
    records = [item[1] for item in iter_workbook(book) if isinstance(item, tuple)]
    assert [r.get("name") for r in records] == ["Shared name", "Shared name"]


# -- OpenDocument ---------------------------------------------------------------------------------------
ODS = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
       'xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:'
       'tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table '
       "table:name='Organisations'><table:table-row><table:table-cell office:value-type='string'><text:p>Identifier"
       "</text:p></table:table-cell></table:table-row>{rows}</table:table></office:spreadsheet></office:body>"
       "</office:document-content>")


def ods(path, rows):
    return ods_package(path, ODS.format(rows=rows))


@pytest.mark.parametrize("quote", ['"', "'"])
def test_opendocument_repeat_counts_in_either_quote_are_multiplied_out(tmp_path, quote):
    rows = (f"<table:table-row table:number-rows-repeated={quote}1000000{quote}><table:table-cell "
            f"table:number-columns-repeated={quote}16000{quote}/><table:table-cell><text:p>x</text:p>"
            "</table:table-cell></table:table-row>")
    book = ods(tmp_path / "repeated.ods", rows)
    assert _codes(book) == {"read.sheet-too-large"}
    small = ods(tmp_path / "small.ods", rows.replace("1000000", "2").replace("16000", "3"))
    assert "read.sheet-too-large" not in _codes(small) and "read.syntax" not in _codes(small)


# -- inputs whose size the file system does not give --------------------------------------------------------
def test_a_device_is_refused_and_a_fifo_without_a_writer_reads_as_empty_without_waiting(tmp_path):
    fifo = tmp_path / "Organisation.csv"
    os.mkfifo(fifo)
    fifo_json = tmp_path / "waiting.json"
    os.mkfifo(fifo_json)
    started = time.monotonic()
    rc, report, err, _ = run_cli("/dev/zero", str(fifo), str(fifo_json), "--input-format", "json", timeout=60)
    assert time.monotonic() - started < 30 and rc == 2 and "Traceback" not in err
    found = codes_by_file(report)
    assert found["zero"] == {"read.unreadable"} and "device" in json.dumps(report)
    assert found["Organisation.csv"] == found["waiting.json"] == {"read.empty"}


@pytest.mark.parametrize("fmt", ["json", "jsonl", "yaml"])
def test_max_bytes_holds_for_a_pipe(tmp_path, fmt):
    big = tmp_path / "big"
    line = b'{"@type": "Organisation", "id": "ex:org/1", "name": "x"}\n'
    big.write_bytes(line * (3_000_000 // len(line)))
    with big.open("rb") as stdin:
        rc, report, err, _ = run_cli("/dev/stdin", "--input-format", fmt, "--max-bytes", "1000000", stdin=stdin)
    assert rc == 2 and "Traceback" not in err
    assert codes_by_file(report)["stdin"] == {"read.too-large"}


def test_a_whole_document_may_be_a_sixteenth_of_max_bytes_a_stream_all_of_it(tmp_path):
    from peer_schema.readers import open_source
    from peer_schema.readers.errors import ReadError

    document = tmp_path / "d.json"
    document.write_text('{"id": "ex:d", "title": {"en": "' + "x" * 200 + '"}}')
    with pytest.raises(ReadError) as refused:
        open_source(document, Limits(max_bytes=16 * 200))
    assert refused.value.code == "read.too-large"
    assert open_source(document, Limits(max_bytes=16 * 400)).data["id"] == "ex:d"
    assert open_source(document, Limits(max_bytes=300, max_document_bytes=300)).data["id"] == "ex:d"


# -- text that is not text, keys that are not names ------------------------------------------------------
@pytest.mark.parametrize("name, content", [
    ("value.json", '{"id": "ex:d\\ud800", "title": {"en": "x"}}'),
    ("key.json", '{"id": "ex:d", "title": {"\\udc00en": "x"}}'),
    ("line.jsonl", '{"@type": "Organisation", "id": "ex:org/\\ud800"}\n'),
    ("value.yaml", 'id: "ex:d\\ud800"\n'),
    ("key.yaml", '"\\ud800": x\n'),
])
def test_a_lone_surrogate_is_refused_on_reading_so_no_command_meets_it(tmp_path, name, content):
    from peer_schema.readers.datasets import read_datasets
    from peer_schema.readers.errors import ReadError

    path = tmp_path / name
    path.write_text(content)
    rc, report, err, _ = run_cli(str(path))
    assert rc == 2 and "Traceback" not in err
    [finding] = [f for f in report["findings"] if f["code"].startswith("read.")]
    assert finding["code"] == "read.surrogate" and finding["line"] == 1
    with pytest.raises(ReadError) as refused:  # what export, bundle, import and merge read through
        read_datasets([path])
    assert refused.value.code == "read.surrogate"


def test_a_pair_of_surrogates_is_one_character_and_is_read(tmp_path):
    from peer_schema.readers import read_document

    path = tmp_path / "pair.json"
    path.write_text('{"id": "ex:d", "title": {"en": "\\ud83d\\ude00"}}')
    assert read_document(path)["title"]["en"] == "\U0001F600"


@pytest.mark.parametrize("content", ["? {a: 1}\n: b\n", "? [a]\n: b\n", "1: a\n", "null: a\nid: x\n", "true: a\n"])
def test_a_yaml_key_that_is_not_text_is_a_syntax_finding(tmp_path, content):
    path = tmp_path / "keys.yaml"
    path.write_text(content)
    rc, report, err, _ = run_cli(str(path))
    assert rc == 2 and "Traceback" not in err
    assert codes_by_file(report)["keys.yaml"] == {"read.syntax"}


# -- tables ---------------------------------------------------------------------------------------------
def test_a_csv_of_a_million_columns_is_read_with_bounded_work_and_one_notice_counting_the_rest(tmp_path):
    path = tmp_path / "Organisation.csv"
    columns = 1_000_000
    path.write_text("id,name," + ",".join(f"col{i}" for i in range(columns)) + "\nex:org/1,One," + "x," * columns + "\n")
    started = time.monotonic()
    rc, report, err, peak = run_cli(str(path))
    assert time.monotonic() - started < 20 and rc in (0, 1) and "Traceback" not in err
    by_code = report["summary"]["by_code"]
    assert by_code["table.unknown-column"] == 50 and by_code["table.columns-ignored"] == 1
    [notice] = [f for f in report["findings"] if f["code"] == "table.columns-ignored"]
    assert notice["message"].startswith(f"{columns - 50:,} more columns")
    assert peak < 500 << 20


# -- RDF ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("length", [2_000_000, 20_000_000])  # the second is over pyoxigraph's 16 MiB buffer
def test_a_huge_turtle_literal_is_a_field_over_the_limit_not_a_syntax_error(tmp_path, length):
    from peer_schema.readers import open_source
    from peer_schema.readers.errors import ReadError

    path = tmp_path / "big.ttl"
    path.write_text('@prefix ex: <https://example.org/> .\nex:a ex:b "' + "x" * length + '" .\n')
    with pytest.raises(ReadError) as refused:
        open_source(path)
    assert refused.value.code == "read.field-too-large"


def test_a_cell_without_a_reference_is_in_the_row_its_row_element_says(tmp_path):
    # found by tests/fuzz_readers.py: the previous cell said row 2, the row element 1,048,576
    rows = '<row r="1048576">' + text_cell("XFD2", "x") + text_cell(None, "y") + "</row>"
    assert _codes(xlsx(tmp_path / "rowless.xlsx", HEADER + rows)) == {"read.sheet-too-large"}


# -- a property test of the readers -------------------------------------------------------------------------
def test_the_readers_never_fail_other_than_by_a_finding_and_stay_within_their_memory_bound():
    """tests/fuzz_readers.py, 60 examples of four files each, in a child whose address space is
    capped at 3 GiB: exit 0, 1 or 2 on each, no exception, nothing on stderr, peak memory under
    the documented bound for a workbook (docs/limits.md: about 1.2 GB)."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, str(Path(__file__).parent / "fuzz_readers.py"), "60"],
                          capture_output=True, text=True, timeout=300, preexec_fn=_cap(3 << 30))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    peak = int(done.stdout.rsplit("PEAK ", 1)[1])
    assert peak < 1_200_000_000
    assert time.monotonic() - started < 60


def test_a_csv_line_longer_than_a_sixteenth_of_max_bytes_is_refused_before_the_csv_module_splits_it(tmp_path):
    from peer_schema.readers.table import iter_table

    path = tmp_path / "Organisation.csv"
    path.write_text("id,name\n" + "ab," * 10_000 + "\n")
    limits = Limits(max_bytes=160_000, max_field_chars=1_000)  # lines up to max(4 x 1,000, 160,000 / 16) bytes
    errors = [item for item in iter_table(path, limits) if hasattr(item, "code") and item.code.startswith("read.")]
    assert [(e.code, e.line) for e in errors] == [("read.field-too-large", 2)]


def test_rows_keep_their_number_in_a_sheet_whose_first_rows_are_empty(tmp_path):
    # calamine's iter_rows gives the empty rows above the first one used; merged ranges count from the top
    rows = ('<row r="3">' + text_cell("A3", "Identifier") + text_cell("B3", "Name") + "</row>"
            + '<row r="4">' + text_cell("A4", "ex:org/1") + text_cell("B4", "One") + "</row>"
            + '<row r="5">' + text_cell("A5", "ex:org/2") + "</row>")
    book = xlsx(tmp_path / "low.xlsx", rows, extra='<mergeCells><mergeCell ref="B4:B5"/></mergeCells>')
    records = [(item[0], item[1]["name"]) for item in iter_workbook(book) if isinstance(item, tuple)]
    assert records == [(4, "One"), (5, "One")]


# -- the quick pass over usual worksheets ---------------------------------------------------------------------
PLAIN = '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>2</v></c></row></sheetData></worksheet>'


@pytest.mark.parametrize("variant", [
    PLAIN.replace('<c r="C1">', "<c r='C1'>"),  # single quotes
    PLAIN.replace('<c r="C1">', '<c s="1" r="C1">'),  # r in second place
    PLAIN.replace('<c r="C1">', '<c r="c1">'),  # lowercase
    PLAIN.replace('<c r="C1">', "<c>"),  # no reference
    PLAIN.replace('<c r="C1">', '<c r="C1" t="n"r="XFD1048576">'),  # a second r
    PLAIN.replace('<c r="C1">', '<x:c r="C1">').replace("</c></row>", "</x:c></row>"),  # a prefix
    PLAIN.replace("<sheetData>", "<!-- --><sheetData>"),  # a comment
    PLAIN.replace('<c r="C1">', '<c\nr="C1">'),  # a line break for a space
    PLAIN.replace('<row r="1">', '<row r="1"><c r="XFD1048576"/>'),  # within the form, over the extent
])
def test_the_quick_pass_answers_only_for_cells_written_the_usual_way(variant):
    from peer_schema.readers.workbook_fast import plain_sheet_extent

    assert plain_sheet_extent(PLAIN.encode(), Limits(), 25_000_000, 10) == (1, 3)
    assert plain_sheet_extent(variant.encode(), Limits(), 25_000_000, 10) is None
