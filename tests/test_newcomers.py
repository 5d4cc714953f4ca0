"""What a new association, a pipeline developer and a researcher hit in their first hour (issue 12).

Each test runs the real command on real files made in tmp_path, as a newcomer would.
"""

from __future__ import annotations

import csv
import json
import re
import shlex
import subprocess
import sys

import openpyxl
import pytest
from template_filling import DATASET, field_columns, type_row


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("template")
    result = run("template", "-o", str(folder / "template.xlsx"), "--prefix", "ex")
    assert result.returncode == 0, result.stderr
    return folder / "template.xlsx"


def filled(template, out, sheet: str, values: dict, extra: dict | None = None):
    """The template with a dataset row, one record typed into `sheet`, and columns the association
    added at the end of that sheet (label in row 1 -> cells of rows 2 and 3)."""
    book = openpyxl.load_workbook(template)
    type_row(book["Dataset"], DATASET)
    ws = book[sheet]
    type_row(ws, values)
    for label, cells in (extra or {}).items():
        column = ws.max_column + 1
        ws.cell(1, column, label)
        for row, value in enumerate(cells, start=2):
            ws.cell(row, column, value)
    book.save(out)
    return out


# -- 1. an added column does not turn the field-name row into a record -----------------------------------
@pytest.mark.parametrize("label", ["Notes", "notes"])
def test_a_word_under_an_added_column_in_the_field_name_row_is_not_a_record(template, tmp_path, label):
    book = filled(template, tmp_path / "filled.xlsx", "Organisations",
                  {"id": "ex:org/one", "name": "One", "organisation_kinds": "Federation", "staff_count": "twelve"},
                  {label: ["internal", "call back in May"]})
    result = run("validate", "--format", "json", str(book))
    report = json.loads(result.stdout)
    found = sorted((f["code"], f.get("cell")) for f in report["findings"])
    staff = openpyxl.utils.get_column_letter(field_columns(openpyxl.load_workbook(book)["Organisations"])["staff_count"])
    # the real mistake on row 3 stands alone; no column reports the field names of row 2 as values
    assert ("structure.wrong-type", f"Organisations!{staff}3") in found
    assert [c for c, _ in found] == sorted(["structure.wrong-type", "table.unknown-column"]), found
    assert "(record id)" not in run("validate", str(book)).stdout
    assert result.returncode == 1 and report["summary"]["records"] == 1  # the organisation (the dataset is its header)


def test_the_same_added_column_in_a_csv_table_of_the_template(tmp_path):
    folder = tmp_path / "tables"
    assert run("template", "--prefix", "ex", "--format", "csv", "-o", str(folder)).returncode == 0

    def fill(name: str, values: dict, extra: dict) -> None:
        path = folder / name
        with path.open(encoding="utf-8-sig", newline="") as f:
            labels, names = list(csv.reader(f))[:2]
        row = [str(values.get(n, "")) for n in names]
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(labels + list(extra))
            writer.writerow(names + [cells[0] for cells in extra.values()])
            writer.writerow(row + [cells[1] for cells in extra.values()])

    fill("Dataset.csv", DATASET, {})
    fill("Organisation.csv", {"id": "ex:org/one", "name": "One", "organisation_kinds": "federation"},
         {"Notes": ["internal", "call back"]})
    for other in ("Membership", "TrainingProgramme", "PeerWorker", "Practice", "CompendiumSection"):
        (folder / f"{other}.csv").unlink()
    result = run("validate", "--format", "json", str(folder))
    report = json.loads(result.stdout)
    assert [f["code"] for f in report["findings"]] == ["table.unknown-column"], report["findings"]
    assert result.returncode == 0 and report["summary"]["records"] == 1


def test_a_table_without_the_field_name_row_still_reads_its_second_row_as_a_record(tmp_path):
    """The other side of the rule: labels, then a record whose cells are values (not field names)."""
    table = tmp_path / "Organisation.csv"
    table.write_text("Identifier,Official name,Kinds of organisation,Notes\nex:org/one,One,federation,internal\n",
                     encoding="utf-8")
    report = json.loads(run("validate", "--format", "json", str(table)).stdout)
    assert report["summary"]["records"] == 1
    assert [f["code"] for f in report["findings"]] == ["table.unknown-column"]


# -- 2. names, contact details and birth dates of peer workers ---------------------------------------------
def peer_worker_row(extra_cells: dict | None = None) -> dict:
    return {"id": "ex:pw/7f3a9c", "role": "peer_support_worker", **(extra_cells or {})}


@pytest.mark.parametrize("label", ["Name", "Nom", "Prénom", "Surname", "First name", "Nachname"])
def test_a_column_of_names_on_the_peer_workers_sheet_is_an_error_that_says_what_to_do(template, tmp_path, label):
    book = filled(template, tmp_path / "names.xlsx", "Peer workers", peer_worker_row(), {label: [None, "Camille Example"]})
    result = run("validate", "--format", "json", str(book))
    report = json.loads(result.stdout)
    [found] = [f for f in report["findings"] if f["code"].startswith("table.")]
    assert found["code"] == "table.name-column" and found["severity"] == "error", found
    assert result.returncode == 1
    assert "Camille" not in result.stdout  # the name itself is never repeated
    assert "Delete the column and its values" in found["hint"] and "nearest" not in found["message"] + found["hint"]
    french = run("validate", "--lang", "fr", str(book)).stdout
    assert "Supprimez la colonne et ses valeurs" in french and "Camille" not in french


def test_an_empty_name_column_and_a_name_column_elsewhere_stay_warnings(template, tmp_path):
    book = filled(template, tmp_path / "empty.xlsx", "Peer workers", peer_worker_row(), {"Name": [None, None]})
    codes = [f["code"] for f in json.loads(run("validate", "--format", "json", str(book)).stdout)["findings"]]
    assert "table.name-column" not in codes and "table.unknown-column" in codes


@pytest.mark.parametrize(("first_id", "en", "fr"), [
    ("pen:pw/7f3a9c", "(pen:pw/ followed by a random code)", "(pen:pw/ suivi d'un code au hasard)"),
    ("7f3a9c", '(your prefix, then ":pw/" followed by a random code)', "(votre préfixe, puis « :pw/ » suivi"),
])
def test_the_hint_of_a_names_column_shows_the_workbooks_own_prefix(tmp_path, first_id, en, fr):
    table = tmp_path / "PeerWorker.csv"
    table.write_text(f"id,role,Nom\n{first_id},peer_support_worker,Dupont\n", encoding="utf-8")
    for lang, words in (("en", en), ("fr", fr)):
        result = run("validate", "--format", "json", "--lang", lang, str(table))
        [hint] = [f["hint"] for f in json.loads(result.stdout)["findings"] if f["code"] == "table.name-column"]
        assert words in hint and "ex:pw/" not in hint, hint


@pytest.mark.parametrize(("label", "value", "what"), [
    ("Email", "camille@example.org", "contact details"),
    ("Work e-mail", "camille@example.org", "contact details"),
    ("Téléphone", "06 12 34 56 78", "contact details"),
    ("Phone", "+44 20 7946 0958", "contact details"),
    ("Mobile", 612345678, "contact details"),
    ("Adresse", "3 rue des Lilas, Lyon", "contact details"),
    ("Address", "3 Lilac Street", "contact details"),
    ("Date of birth", "1985-03-12", "dates of birth"),
    ("Date de naissance", "12/03/1985", "dates of birth"),
    ("Geburtsdatum", "12.03.1985", "dates of birth"),
])
def test_a_column_of_contact_details_or_birth_dates_on_the_peer_workers_sheet_is_an_error(template, tmp_path, label,
                                                                                         value, what):
    book = filled(template, tmp_path / "contacts.xlsx", "Peer workers", peer_worker_row(), {label: [None, value]})
    result = run("validate", "--format", "json", str(book))
    [found] = [f for f in json.loads(result.stdout)["findings"] if f["code"].startswith("table.")]
    assert found["code"] == "table.personal-column" and found["severity"] == "error", found
    assert found["message"] == f'the column "{label}" holds {what} of peer workers: they never belong in the registry'
    assert "Delete the column's values" in found["hint"] and "private records" in found["hint"]
    assert result.returncode == 1 and found["cell"].endswith("1")  # the header's cell, not the value's
    assert str(value) not in result.stdout.replace(str(book), "<book>")  # the value is never repeated
    french = run("validate", "--lang", "fr", str(book)).stdout
    assert "Effacez les valeurs de la colonne" in french and str(value) not in french.replace(str(book), "<book>")


def test_the_bundle_of_a_workbook_with_an_email_column_is_refused(template, tmp_path):
    from datetime import date

    consented = peer_worker_row({"disclosure_consents.1.disclosed_fields": "peer_status | role",
                                 "disclosure_consents.1.audiences": "federation",
                                 "disclosure_consents.1.purposes": "registry_exchange",
                                 "disclosure_consents.1.given_date": date(2026, 9, 1)})
    for extra, code in (({"Notes": [None, "ok"]}, 0), ({"Email": [None, "camille@example.org"]}, 1)):
        book = filled(template, tmp_path / "emails.xlsx", "Peer workers", consented, extra)
        out = tmp_path / f"out{code}.zip"
        result = run("bundle", str(book), "-o", str(out), "--profile", "federation")
        assert result.returncode == code and out.exists() == (code == 0), result.stdout + result.stderr


def test_an_empty_contact_column_and_contact_columns_on_other_sheets_stay_warnings(template, tmp_path):
    book = filled(template, tmp_path / "empty.xlsx", "Peer workers", peer_worker_row(), {"Email": [None, None]})
    codes = [f["code"] for f in json.loads(run("validate", "--format", "json", str(book)).stdout)["findings"]]
    assert "table.personal-column" not in codes and "table.unknown-column" in codes
    # an organisation's contact address is not a person's: the model has no field for it, nothing more
    book = filled(template, tmp_path / "org.xlsx", "Organisations",
                  {"id": "ex:org/one", "name": "One", "organisation_kinds": "federation"},
                  {"Email": [None, "contact@example.org"], "Address": [None, "1 Main Street"]})
    result = run("validate", "--format", "json", str(book))
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["table.unknown-column"] * 2
    assert result.returncode == 0


def test_which_headers_say_a_column_holds_names_contacts_or_birth_dates():
    from peer_schema.name_headers import personal_header

    for header, kind in [("Nom", "name"), ("E-mail", "contact"), ("Courriel", "contact"), ("Tél.", "contact"),
                         ("Téléphone portable", "contact"), ("Email (work)", "contact"), ("Handy", "contact"),
                         ("Code postal", "contact"), ("DOB", "birth-date"), ("Né le", "birth-date"),
                         ("Date of birth (dd/mm/yyyy)", "birth-date"), ("Année de naissance", "birth-date")]:
        assert personal_header(header) == kind, header
    for header in ("Notes", "Weekly hours", "Start date", "Team", "Mail merge done", "Phone support hours"):
        assert personal_header(header) is None, header


def test_a_names_column_in_a_csv_table_of_peer_workers(tmp_path):
    table = tmp_path / "PeerWorker.csv"
    table.write_text("id,role,Nom\nex:pw/7f3a9c,peer_support_worker,\nex:pw/8e2b1d,peer_support_worker,Dupont\n",
                     encoding="utf-8")
    result = run("validate", "--format", "json", str(table))
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "table.name-column"]
    assert [(f["line"], f["column"]) for f in found] == [(1, 3)] and "Dupont" not in result.stdout


@pytest.mark.parametrize(("column", "text", "what"), [
    ("role_title", "Pair aidant, joindre au 06 12 34 56 78", "a phone number"),
    ("role_title", "Peer worker +44 20 7946 0958", "a phone number"),
    ("certifications.1.certification_title", "Certificat (né le 12/03/1985)", "date of birth"),
    ("role_title", "camille@example.org", "an e-mail address"),
])
def test_contact_details_or_a_birth_date_in_a_peer_workers_text_are_errors(template, tmp_path, column, text, what):
    book = filled(template, tmp_path / "texts.xlsx", "Peer workers", peer_worker_row({column: text}))
    result = run("validate", "--format", "json", str(book))
    [found] = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "personal.value-in-text"]
    assert found["severity"] == "error" and what in found["message"]
    letter = openpyxl.utils.get_column_letter(field_columns(openpyxl.load_workbook(book)["Peer workers"])[column])
    assert found["cell"] == f"'Peer workers'!{letter}3"
    shown = result.stdout.replace(str(book), "<book>")  # the temporary path may hold the digits too (pytest-478)
    assert text not in shown and text.split()[-1] not in shown


def test_ordinary_texts_and_random_identifiers_raise_nothing():
    from datetime import date as day

    from peer_schema.checks.personal import looks_like_name_and_date, what_it_holds

    today = day(2026, 12, 6)
    for text in ("Pair aidant 2019-2023", "ISO 9001:2015 certificate", "Médiateur de santé pair (DU 2021)",
                 "Certificate awarded 2024-03-01", "Peer worker, 17.5 hours"):
        assert what_it_holds(text, today) is None, text
    for identifier in ("ex:pw/7f3a9c", "ex:pw/00000000002a", "HR-2291", "ex:pw/pw-2024-001",
                       # hexadecimal codes whose letters and digits read like a word and a year (synth, seed 1)
                       "ex:pw/21c8efad1934", "ex:pw/f1928c8fec1b", "ex:pw/447fbc1944fd", "ex:pw/efdc1935b53c",
                       "ex:pw/DEADBEEF1985", "ex:pw/3f2a9c1e-1985-4bed-acde-00c04fd430c8"):
        assert not looks_like_name_and_date(identifier, today), identifier
    for identifier in ("ex:pw/camille-dupont-1985", "ex:pw/dupont12031985", "jdupont_1979", "pen:pw/jdupont1985",
                       "ex:pw/Élodie.1990", "ex:pw/marie-1985-03-12"):
        assert looks_like_name_and_date(identifier, today), identifier


def test_no_random_hexadecimal_identifier_looks_like_a_name_and_a_date():
    import random
    import uuid
    from datetime import date as day

    from peer_schema.checks.personal import looks_like_name_and_date

    rng = random.Random(12)
    today = day(2026, 12, 6)
    codes = [f"ex:pw/{rng.getrandbits(48):012x}" for _ in range(10000)]
    codes += [f"pen:pw/{uuid.UUID(int=rng.getrandbits(128), version=4)}" for _ in range(3000)]
    codes += [f"ex:pw/{rng.getrandbits(64):016X}" for _ in range(3000)]
    # some hold a run of letters and a year, as the false alarms did (`efad` and 1934 in 21c8efad1934)
    word_and_year = re.compile(r"[a-fA-F]{3}.*(?<!\d)(19[3-9]\d|200\d)(?!\d)|(?<!\d)(19[3-9]\d|200\d)(?!\d).*[a-fA-F]{3}")
    assert sum(bool(word_and_year.search(c.rsplit("/", 1)[1])) for c in codes) >= 5
    assert [c for c in codes if looks_like_name_and_date(c, today)] == []


def test_the_tools_own_synthetic_registry_raises_no_name_in_an_identifier(tmp_path):
    registry = tmp_path / "reg.json"
    assert run("synth", "--records", "20000", "--seed", "1", "-o", str(registry)).returncode == 0
    result = run("validate", "--format", "json", str(registry))
    assert result.returncode == 0 and json.loads(result.stdout)["summary"]["by_code"] == {}


def test_a_name_in_an_identifier_is_located_without_repeating_the_identifier(tmp_path):
    from conftest import EXAMPLES

    data = (EXAMPLES / "invalid" / "PeerWorker-identifier-name-and-date.yaml").read_text(encoding="utf-8")
    path = tmp_path / "pen.yaml"
    path.write_text(data.replace("ex:", "pen:").replace("  ex: https", "  pen: https"), encoding="utf-8")
    for lang in ("en", "fr"):
        text = run("validate", "--lang", lang, str(path))
        report = json.loads(run("validate", "--format", "json", "--lang", lang, str(path)).stdout)
        [found] = report["findings"]
        assert found["code"] == "personal.name-in-identifier" and "record_id" not in found
        assert (found["pointer"], found["line"]) == ("/peer_workers/0/id", 17)
        assert "camille" not in text.stdout + json.dumps(report) and "pen:pw/7f3a9c" in found["hint"]


# -- 3. a refused check still prints a report in the chosen format ------------------------------------------
def restricted_dataset(tmp_path):
    data = tmp_path / "data.yaml"
    data.write_text("id: ex:dataset/d\ntitle: {en: D}\npublisher: {id: 'https://example.org/us', name: Us}\n"
                    "dataset_version: '1'\nschema_version: 0.2.0\nlicense: https://creativecommons.org/licenses/by/4.0/\n"
                    "access_rights: restricted\ncreated: '2026-11-02'\nprefixes: {ex: 'https://example.org/id/'}\n",
                    encoding="utf-8")
    return data


def refusals(tmp_path):
    bad_config = tmp_path / "peer-schema.toml"
    bad_config.write_text("nonsense = [\n", encoding="utf-8")
    data = restricted_dataset(tmp_path)
    return [
        ("read.no-such-path", ["validate", str(tmp_path / "missing-file.yaml")]),
        ("read.profile-refused", ["validate", "--profile", "public", str(data)]),
        ("read.refused", ["validate", "--config", str(bad_config), str(data)]),
    ]


def test_every_refusal_of_validate_prints_a_json_report_with_its_reason(tmp_path):
    for code, args in refusals(tmp_path):
        result = run(*args, "--format", "json")
        assert result.returncode == 2, (code, result.stderr)
        report = json.loads(result.stdout)
        assert report["valid"] is False and report["summary"]["by_code"] == {code: 1}
        [finding] = report["findings"]
        assert finding["code"] == code and finding["severity"] == "error" and finding["message"] and finding["hint"]
        assert result.stderr.startswith("peer-schema validate: ")  # and one line for people, as before
    missing = json.loads(run(*refusals(tmp_path)[0][1], "--format", "json").stdout)["findings"][0]
    assert missing["file"].endswith("missing-file.yaml")


def test_a_refusal_is_a_valid_junit_and_sarif_document_in_the_reports_language(tmp_path):
    import xml.etree.ElementTree as ET

    for code, args in refusals(tmp_path):
        junit = run(*args, "--format", "junit")
        suites = ET.fromstring(junit.stdout)
        assert suites.get("failures") == "1" and suites.find(".//failure").get("type") == code
        sarif = json.loads(run(*args, "--format", "sarif").stdout)
        assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == [code]
    french = json.loads(run(*refusals(tmp_path)[1][1], "--format", "json", "--lang", "fr").stdout)
    assert "droits d'accès restricted" in french["findings"][0]["message"]


# -- 4. one vocabulary as a table people can read --------------------------------------------------------
def test_vocab_lists_one_vocabulary_as_a_table_or_csv_in_the_chosen_language():
    table = run("vocab", "consent-purpose")
    assert table.returncode == 0
    lines = table.stdout.splitlines()
    assert lines[0] == "Consent purposes" and lines[2].split() == ["code", "label"]
    assert any(line.split(None, 1) == ["registry_exchange", "Exchange of registry data"] for line in lines)
    french = run("vocab", "ConsentPurpose", "--lang", "fr", "--format", "csv")
    rows = list(csv.reader(french.stdout.splitlines()))
    assert rows[0] == ["code", "libellé"] and ["research", "Recherche"] in rows
    assert run("vocab", "finalités du consentement", "--format", "csv").stdout.splitlines()[0] == "code,label"
    one = json.loads(run("vocab", "country", "--format", "json").stdout)
    assert list(one) == ["Country"] and one["Country"]["concepts"]["BE"]["label"]["fr"] == "Belgique"


def test_vocab_without_a_name_keeps_its_formats_and_a_wrong_name_says_the_nearest():
    assert run("vocab").stdout.startswith("@prefix")
    assert "ConsentPurpose" in json.loads(run("vocab", "--format", "json").stdout)
    names = run("vocab", "--format", "table").stdout
    assert "ConsentPurpose" in names and "Consent purposes" in names
    wrong = run("vocab", "countri")
    assert wrong.returncode == 2 and '"Countries"' in wrong.stderr and not wrong.stdout
    assert run("vocab", "country", "--format", "ttl").returncode == 2


def test_the_hint_of_an_unknown_code_names_a_command_that_lists_that_vocabulary(tmp_path):
    from conftest import EXAMPLES

    report = json.loads(run("validate", "--format", "json", str(EXAMPLES / "invalid" / "Organisation-unknown-kind.yaml")).stdout)
    hint = report["findings"][0]["hint"]
    assert "docs/elements" not in hint and hint.endswith('peer-schema vocab "Organisation kinds"')
    command = shlex.split(hint.rsplit(": ", 1)[1])[1:]
    listed = run(*command)
    assert listed.returncode == 0 and "federation" in listed.stdout


# -- 5. a mistyped code on the Peer workers sheet is quoted with the code it meant -------------------------
def test_a_mistyped_code_of_a_peer_worker_is_quoted_with_the_nearest_code_and_the_lists_own_name(template, tmp_path):
    book = filled(template, tmp_path / "codes.xlsx", "Peer workers",
                  peer_worker_row({"role": "peer_suport_worker", "contract_type": "Schizophrenia"}))
    english = [f for f in json.loads(run("validate", "--format", "json", str(book)).stdout)["findings"]
               if f["code"] == "vocab.unknown-code"]
    by_pointer = {f["pointer"]: f["message"] for f in english}
    assert by_pointer["/role"] == '"peer_suport_worker" is not a code of the list "Peer roles"; ' \
                                  'did you mean "peer_support_worker" (code "peer_support_worker")?'
    # a value far from every code may be the person's own: never quoted
    assert by_pointer["/contract_type"] == 'this value is not a code of the list "Contract types"'
    french = run("validate", "--format", "json", "--lang", "fr", str(book)).stdout
    assert "« Rôles de pair »" in french and "PeerRole vocab" not in french and "Schizophrenia" not in french
    assert "vocabulaire PeerRole" not in french


def test_an_unknown_column_with_no_near_name_says_no_empty_nearest_column(template, tmp_path):
    book = filled(template, tmp_path / "notes.xlsx", "Organisations", {"id": "ex:org/one", "name": "One",
                  "organisation_kinds": "federation"}, {"Zzyzx": [None, "x"]})
    for lang in ("en", "fr"):
        [found] = json.loads(run("validate", "--format", "json", "--lang", lang, str(book)).stdout)["findings"]
        assert found["code"] == "table.unknown-column" and '""' not in found["message"] and "« »" not in found["message"]
        assert "nearest" not in found["message"] and "proche" not in found["message"]
