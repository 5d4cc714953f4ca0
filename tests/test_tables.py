"""CSV and TSV tables: one table per class, a pipe between the values of a cell (docs/tables.md).

Each row must become exactly the object it would be in JSON, so every check applies unchanged,
and each finding must say the row's line and the cell's column.
"""

from __future__ import annotations

import tracemalloc

import pytest
from conftest import EXAMPLES, ROOT, files_in

from peer_schema import artifacts, validate
from peer_schema.model import model
from peer_schema.readers.errors import Notice
from peer_schema.readers import Limits, ReadError, open_source
from peer_schema.readers.table import cell_to_value, class_of_file, code_for_label, iter_table

DATA = ROOT / "tests" / "data" / "tables"
TABLES = EXAMPLES / "tables"


def write(folder, name, content):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def rows(path, limits=None):
    """The items of a table, the dataset header of the folder (if any) and the table's start left out."""
    return [item for item in iter_table(path, limits)
            if isinstance(item, ReadError) or (isinstance(item, tuple) and item[0] is not None)]


def records(path):
    return [item[1] for item in rows(path)]


def slot(cls, name):
    return model().classes[cls].slots[name]


# -- the example set ------------------------------------------------------------------------------
def test_example_tables_are_a_valid_dataset():
    files_in(TABLES, "*.csv")
    report = validate([TABLES])
    assert report.findings == [], [f.message() for f in report.findings]
    assert report.records == 8


def test_example_tables_are_checked_as_the_dataset_their_header_describes():
    # Dataset.csv says "restricted": the peer workers are checked for the federation, and
    # the ids use the prefix it declares. The organisations are in the table beside it.
    alone = validate([TABLES / "PeerWorker.csv"])
    assert {f.code for f in alone.findings} == {"refs.dangling-private"}  # a peer worker's cell: not quoted
    assert {f.line for f in alone.findings} == {2}


def test_example_tables_hold_the_same_kind_of_data_as_the_yaml_examples():
    worker = records(TABLES / "PeerWorker.csv")[0]
    assert worker["weekly_hours"] == 17.5
    assert worker["competencies"] == ["C01", "C03.2", "C09.5"]
    assert [c["given_date"] for c in worker["disclosure_consents"]] == ["2026-09-01", "2026-10-05"]
    programme = records(TABLES / "TrainingProgramme.csv")[0]
    assert programme["qualification_awarded"]["title"] == {"en": "Certificate in peer support (fictional)",
                                                           "fr": "Certificat de pair aidant (fictif)"}
    assert programme["accreditation"]["accrediting_body"] == "ex:org/ecole-imaginaire"


def test_dataset_table_gives_the_dataset_header():
    [(line, header, columns)] = rows(TABLES / "Dataset.csv")
    assert line == 2
    assert header["@type"] == "Dataset"
    assert header["title"]["fr"].startswith("Entre Pairs Nord")
    assert header["publisher"] == {"id": "https://example.org/entre-pairs-nord", "name": "Entre Pairs Nord (fictional)"}
    assert header["prefixes"] == {"ex": "https://example.org/peer/"}
    assert header["languages"] == ["en", "fr"]
    assert columns["/prefixes/ex"] == 12


def test_a_table_without_its_dataset_header_is_checked_as_public(tmp_path):
    write(tmp_path, "PeerWorker.csv", "id,role\nex:pw/1,peer_support_worker\n")
    assert "privacy.record-not-allowed" in {f.code for f in validate([tmp_path]).findings}
    write(tmp_path, "Dataset.csv", (TABLES / "Dataset.csv").read_text(encoding="utf-8"))
    codes = {f.code for f in validate([tmp_path]).findings}
    assert "privacy.record-not-allowed" not in codes


def test_a_dataset_header_with_problems_is_reported_once_and_not_applied(tmp_path):
    write(tmp_path, "Dataset.csv", "id,access_rights\nex:dataset/x,restricted\n")
    write(tmp_path, "Organisation.csv", "id,name,organisation_kinds\nex:org/1,One,federation\n")
    report = validate([tmp_path])
    assert {(f.code, f.file.rsplit("/", 1)[-1]) for f in report.findings} == {("structure.required", "Dataset.csv")}


def test_a_dataset_table_has_one_row(tmp_path):
    text = (TABLES / "Dataset.csv").read_text(encoding="utf-8")
    path = write(tmp_path, "Dataset.csv", text + text.splitlines()[1] + "\n")
    items = rows(path)
    assert isinstance(items[1], ReadError) and (items[1].code, items[1].line) == ("read.syntax", 3)


# -- cells ------------------------------------------------------------------------------------------
def test_vocabulary_cells_take_the_code_or_the_english_or_french_label():
    assert code_for_label("Country", "Belgique") == "BE"
    assert code_for_label("Country", " belgium ") == "BE"
    assert code_for_label("Country", "be") == "BE"
    assert code_for_label("OrganisationKind", "ASSOCIATION DE PAIRS AIDANTS") == "peer_worker_association"
    assert code_for_label("OrganisationKind", "peer worker association") == "peer_worker_association"
    assert code_for_label("OrganisationKind", "Fédération d’organisations de pairs aidants") == "federation"
    assert code_for_label("Country", "Atlantis") is None
    # two competencies share a label: only their codes name them
    shared = "Uses approaches that match the preferences and needs of peers."
    assert code_for_label("Competency", shared) is None
    assert code_for_label("Competency", "C04.4") == "C04.4"


def test_cell_values_are_typed_by_the_field():
    assert cell_to_value(slot("Organisation", "organisation_kinds"), " federation |Université ou organisme de formation| ") \
        == ["federation", "university"]
    assert cell_to_value(slot("Organisation", "alternative_names"), "Pairs, Nord; Lille | PN") == ["Pairs, Nord; Lille", "PN"]
    assert cell_to_value(slot("Organisation", "staff_count"), "12") == 12
    assert cell_to_value(slot("Organisation", "staff_count"), " 12.0 ") == 12
    assert cell_to_value(slot("Organisation", "staff_count"), "-3") == -3
    assert cell_to_value(slot("Organisation", "staff_count"), "12.5") == 12.5  # the structure check: not whole
    assert cell_to_value(slot("Organisation", "staff_count"), "twelve") == "twelve"
    assert cell_to_value(slot("Organisation", "peer_governance_share"), "3,5") == 3.5
    assert cell_to_value(slot("Organisation", "peer_governance_share"), "1.5E1") == 15.0
    assert cell_to_value(slot("Organisation", "peer_governance_share"), "nan") == "nan"
    assert cell_to_value(slot("Organisation", "peer_governance_share"), "1e999") == "1e999"
    assert cell_to_value(slot("Organisation", "staff_count"), "9" * 200) == "9" * 200
    for text, value in [("oui", True), ("Yes", True), ("VRAI", True), ("1", True), ("non", False), ("FALSE", False),
                        ("0", False), ("maybe", "maybe")]:
        assert cell_to_value(slot("Organisation", "staffed_and_managed_by_peers"), text) == value
    assert cell_to_value(slot("Organisation", "name"), "  ") is None
    assert cell_to_value(slot("Organisation", "start_year"), "2019") == 2019
    assert cell_to_value(slot("Membership", "start_date"), "2021-03-15") == "2021-03-15"


@pytest.mark.parametrize("text", ["=1+1", "+33 1 23 45 67 89", "-", "-x", "@SUM(A1:A2)", '=HYPERLINK("http://x")'])
def test_a_formula_looking_cell_stays_text(text):
    assert cell_to_value(slot("Organisation", "staff_count"), text) == text
    assert cell_to_value(slot("Organisation", "name"), text) == text


def test_the_cell_reader_gives_every_number_and_boolean_the_json_schema_type():
    """What cell_to_value makes of "12" is what the JSON Schema wants for the field."""
    defs = artifacts.json_schema()["$defs"]
    expected = {"integer": 12, "number": 12, "boolean": True}
    for cls in model().classes.values():
        for s in cls.slots.values():
            prop = defs[cls.name]["properties"].get(s.name, {})
            types = prop.get("type", [])
            types = prop.get("items", {}).get("type", []) if "array" in types else types
            json_type = next((t for t in ([types] if isinstance(types, str) else types) if t != "null"), None)
            if s.kind == "type" and json_type in expected:
                value = cell_to_value(s, "1" if json_type == "boolean" else "12")
                assert (value[0] if s.multivalued else value) == expected[json_type], (cls.name, s.name)


# -- tables -----------------------------------------------------------------------------------------
def test_rows_become_the_records_they_would_be_in_json(tmp_path):
    path = write(tmp_path, "organisations.csv",
                 "\ufeffID , Name,Organisation kinds,country,membership.member_count,title.en,identifiers.1.scheme,"
                 "identifiers.1.value,staffed_and_managed_by_peers\n"
                 'ex:org/1,"One, fictional",Federation | ngo,Belgique,48,,BE-KBO,0000.000.000,oui\n'
                 ",,,,,,,,\n\n\n")
    [(line, record, columns)] = rows(path)
    assert line == 2
    assert record == {"@type": "Organisation", "id": "ex:org/1", "name": "One, fictional",
                      "organisation_kinds": ["federation", "ngo"], "country": "BE", "membership": {"member_count": 48},
                      "identifiers": [{"scheme": "BE-KBO", "value": "0000.000.000"}],
                      "staffed_and_managed_by_peers": True}
    assert columns["/id"] == 1 and columns["/membership/member_count"] == 5 and columns["/identifiers/0/value"] == 8


def test_lists_of_objects_leave_out_empty_groups(tmp_path):
    path = write(tmp_path, "PeerWorker.csv",
                 "id,role,disclosure_consents.1.audiences,disclosure_consents.2.audiences,"
                 "disclosure_consents.3.audiences,disclosure_consents.3.given_date\n"
                 "ex:pw/1,peer_support_worker,Le public|federation,,Chercheurs,2026-01-02\n")
    [(_, record, columns)] = rows(path)
    assert record["disclosure_consents"] == [{"audiences": ["public", "federation"]},
                                             {"audiences": ["researchers"], "given_date": "2026-01-02"}]
    assert columns["/disclosure_consents/1/given_date"] == 6
    assert columns["/disclosure_consents/1"] == 5  # a finding about the consent: its first column


def test_a_cell_over_several_lines_keeps_the_line_of_its_row(tmp_path):
    path = write(tmp_path, "Organisation.csv",
                 'id,name,organisation_kinds,development_strategy\nex:org/1,One,ngo,"Grow.\nThen grow more."\n'
                 "ex:org/2,Two,ngo,\n")
    assert [(line, record.get("development_strategy")) for line, record, _ in rows(path)] == \
        [(2, "Grow.\nThen grow more."), (4, None)]


def test_tsv_and_semicolon_csv_are_read(tmp_path):
    [(_, tsv, _)] = rows(DATA / "organisations.tsv")
    assert tsv["organisation_kinds"] == ["federation", "ngo"] and tsv["country"] == "BE" and tsv["start_year"] == 2019
    path = write(tmp_path, "Organisation.csv", 'id;name;organisation_kinds;peer_governance_share\nex:org/1;One;ngo;"55,5"\n')
    [(_, record, _)] = rows(path)
    assert record["peer_governance_share"] == 55.5
    assert validate([DATA / "organisations.tsv"]).findings == []


def test_excel_separator_line_and_type_column(tmp_path):
    path = write(tmp_path, "Organisation.csv",
                 "sep=;\nid;name;organisation_kinds;@type\nex:org/1;One;ngo;organisation\nex:org/2;Two;ngo;PeerWorker\n")
    [(line, record, _), error] = rows(path)
    assert line == 3 and record == {"@type": "Organisation", "id": "ex:org/1", "name": "One", "organisation_kinds": ["ngo"]}
    assert (error.code, error.line, error.column) == ("read.syntax", 4, 4)  # a row cannot change its class


def test_a_group_without_its_part_is_the_field_given_as_text(tmp_path):
    path = write(tmp_path, "Organisation.csv", "id,name,organisation_kinds,membership\nex:org/1,One,ngo,48 members\n")
    [finding] = validate([path]).findings
    assert (finding.code, finding.pointer, finding.column) == ("structure.wrong-type", "/membership", 4)
    clash = write(tmp_path, "organisations.csv", "id,description,description.en\n")
    [error] = rows(clash)
    assert (error.code, error.column) == ("read.duplicate-key", 3)


def test_the_file_name_says_which_records_it_holds(tmp_path):
    names = {"Organisation.csv": "Organisation", "organisations.csv": "Organisation", "PeerWorker.tsv": "PeerWorker",
             "peer_workers.csv": "PeerWorker", "Peer-Workers.csv": "PeerWorker", "TRAININGPROGRAMME.CSV": "TrainingProgramme",
             "Organisation-2026.csv": "Organisation", "practices.csv": "Practice", "Dataset.csv": "Dataset",
             "export.csv": None, "Organisations2.csv": None}
    for name, cls in names.items():
        assert class_of_file(tmp_path / name) == cls, name
    [error] = rows(write(tmp_path, "export.csv", "id,name\nex:org/1,One\n"))
    assert error.code == "read.syntax"


# -- findings with line and column ----------------------------------------------------------------------
def test_an_unknown_column_is_a_warning_naming_the_nearest_column_and_its_cells_are_not_read():
    report = validate([DATA / "Organisation-unknown-column.csv"])
    [finding] = report.findings
    assert (finding.code, finding.severity.value, finding.line, finding.column) == ("table.unknown-column", "warning", 1, 5)
    assert finding.params["column"] == "favourite_colour"
    [(_, record, _)] = rows(DATA / "Organisation-unknown-column.csv")
    assert "favourite_colour" not in record
    [notice] = [i for i in iter_table(DATA / "Organisation-unknown-column.csv") if isinstance(i, Notice)]
    assert notice.code == "table.unknown-column"


def test_an_unknown_column_names_the_closest_known_one(tmp_path):
    path = write(tmp_path, "PeerWorker.csv", "id,Weekly hour,role\nex:pw/1,12,peer_support_worker\n")
    [finding] = [f for f in validate([path]).findings if f.code == "table.unknown-column"]
    assert finding.params == {"column": "Weekly hour", "closest": "Weekly hours"} or \
        finding.params["closest"].casefold().startswith("weekly")
    assert "Weekly hour" in finding.message("en") and "nearest known column" in finding.message("en")


def test_a_wrong_number_is_reported_with_line_and_column():
    report = validate([DATA / "Organisation-wrong-number.csv"])
    [finding] = report.findings
    assert (finding.code, finding.line, finding.column, finding.pointer) == ("structure.wrong-type", 3, 4, "/staff_count")


def test_a_formula_is_kept_as_text_and_checked_as_text():
    [(_, record, _)] = rows(DATA / "Organisation-formula.csv")
    assert record["name"] == '=HYPERLINK("https://example.org","click")'
    assert record["legal_form"] == "@SUM(A1:A2)" and record["staff_count"] == "=1+1"
    [finding] = validate([DATA / "Organisation-formula.csv"]).findings
    assert (finding.code, finding.column) == ("structure.wrong-type", 5)


def test_a_vocabulary_cell_that_names_no_concept_is_reported_with_its_column(tmp_path):
    path = write(tmp_path, "Organisation.csv", "id,name,country,organisation_kinds\nex:org/1,One,Atlantis,ngo\n")
    [finding] = validate([path]).findings
    assert (finding.code, finding.line, finding.column) == ("vocab.unknown-code", 2, 3)


def test_a_finding_inside_a_list_of_objects_has_the_column(tmp_path):
    path = write(tmp_path, "Organisation.csv",
                 "id,name,organisation_kinds,identifiers.1.scheme,identifiers.2.scheme,identifiers.2.value\n"
                 "ex:org/1,One,ngo,,KBO,1\nex:org/2,Two,ngo,KBO,,\n")
    found = {(f.code, f.line, f.column) for f in validate([path]).findings}
    assert found == {("structure.required", 3, 4)}  # identifier 1 of ex:org/2 has no value


# -- what cannot be read ------------------------------------------------------------------------------
def test_a_latin1_file_is_refused_row_by_row():
    items = rows(DATA / "organisations-latin1.csv")
    assert isinstance(items[0], ReadError) and (items[0].code, items[0].line) == ("read.encoding", 2)
    assert items[1][1]["id"] == "ex:org/utf"  # the other rows are still checked
    assert {(f.code, f.line) for f in validate([DATA / "organisations-latin1.csv"]).findings} == {("read.encoding", 2)}


def test_a_huge_cell_is_refused(tmp_path):
    path = write(tmp_path, "Organisation.csv", "id,name,organisation_kinds\nex:org/1,One,ngo\nex:org/2," + "x" * 2000 + ",ngo\n")
    report = validate([path], limits=Limits(max_field_chars=1000))
    assert {(f.code, f.line) for f in report.findings} == {("read.field-too-large", 3)}
    big = write(tmp_path, "organisations.csv", "id,name\nex:org/1," + "x" * 1_000_001 + "\n")
    assert [i.code for i in rows(big) if isinstance(i, ReadError)] == ["read.field-too-large"]


@pytest.mark.parametrize(
    ("content", "code", "line"),
    [
        (b"", "read.empty", None),
        (b"\n \n", "read.empty", None),
        (b"id,name\x00\n", "read.binary", 1),
        (b"id,name\nex:org/1,One\x00\n", "read.binary", 2),
        (b'id,name\nex:org/1,"One"x\n', "read.syntax", 2),
        (b'id,name\nex:org/1,"One\n', "read.syntax", 2),
        (b"id,name,Name\nex:org/1,One,Two\n", "read.duplicate-key", 1),
        (b"id,n\xe4me\nex:org/1,One\n", "read.encoding", 1),
    ],
)
def test_what_cannot_be_read_has_a_code(tmp_path, content, code, line):
    items = rows(write(tmp_path, "Organisation.csv", content))
    errors = [i for i in items if isinstance(i, ReadError)]
    assert [(e.code, e.line) for e in errors] == [(code, line)]


def test_a_table_is_too_large_over_the_size_limit(tmp_path):
    path = write(tmp_path, "Organisation.csv", "id,name\n" + "ex:org/1,One\n" * 10)
    [error] = rows(path, Limits(max_bytes=50))
    assert error.code == "read.too-large"


def test_tables_are_streams():
    source = open_source(TABLES / "Organisation.csv")
    assert source.file.endswith("Organisation.csv") and not isinstance(source.items, list)


def test_reading_a_long_table_does_not_grow_memory(tmp_path):
    path = tmp_path / "Organisation.csv"
    with path.open("w", encoding="utf-8") as out:
        out.write("id,name,organisation_kinds,peer_governance_share\n")
        out.writelines(f'ex:org/{i},Organisation {i},ngo,"{i % 100},5"\n' for i in range(200_000))
    next(iter_table(path))  # the model and the vocabularies, read once for the whole process
    tracemalloc.start()
    try:
        count = sum(1 for item in iter_table(path) if isinstance(item, tuple))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 200_000
    assert peak < 2 * 1024 * 1024, f"peak {peak:,} bytes"


def test_a_mistyped_label_suggests_the_concept_it_most_likely_means(tmp_path):
    path = write(tmp_path, "Organisation.csv",
                 "id,name,organisation_kinds,country\nex:org/1,One,Asociation of peer support workers,Belgum\n")
    findings = validate([path]).findings
    assert [f.code for f in findings] == ["vocab.unknown-code"] * 2
    assert 'did you mean "Association of peer support workers" (code "peer_worker_association")' in findings[0].message("en")
    assert "« Belgium » (code « BE »)" in findings[1].message("fr")


def test_a_table_without_its_header_row_is_refused_and_its_cells_are_not_repeated(tmp_path):
    path = write(tmp_path, "PeerWorker.csv", "ex:pw/abc123,peer_support_worker,Somebody - a diagnosis\n"
                                             "ex:pw/def456,peer_support_worker,Other\n")
    report = validate([path])
    assert [f.code for f in report.findings] == ["read.syntax"] and report.unreadable
    text = " ".join(f.message("en") + f.message("fr") for f in report.findings)
    assert "Somebody" not in text and "diagnosis" not in text and "row of column names is missing" in text
