"""The workbook an association fills, and what it tells them (issue 12, "Associations").

Each test runs the real command (or library function) on real files made in tmp_path.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import openpyxl
import pytest
from template_filling import DATASET, field_columns, type_row


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "peer_schema.cli", *args], capture_output=True, text=True)


def report(path, lang: str = "en") -> dict:
    """What `validate --format json` prints, made in this process (faster than a command)."""
    from peer_schema import validate

    return validate([path], lang=lang).to_dict()


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    out = tmp_path_factory.mktemp("template") / "template.xlsx"
    result = run("template", "-o", str(out), "--prefix", "ex")
    assert result.returncode == 0, result.stderr
    return out


# -- 1. the prefix: asked for, and renamed safely ---------------------------------------------------------
def test_the_template_asks_for_a_prefix_and_suggests_one_from_the_file_name(tmp_path):
    out = tmp_path / "Pairs du Sud.xlsx"
    result = run("template", "-o", str(out))
    assert result.returncode == 2 and not out.exists()
    [line] = result.stderr.splitlines()
    assert "--prefix pairs_du_sud" in line
    generic = run("template", "-o", str(tmp_path / "template.xlsx")).stderr
    assert "--prefix our_assoc" in generic
    assert run("template", "-o", str(out), "--prefix", "sud").returncode == 0
    assert field_columns(openpyxl.load_workbook(out)["Dataset"]).get("prefixes.sud")


def filled_workbook(template, out):
    book = openpyxl.load_workbook(template)
    type_row(book["Dataset"], DATASET)
    type_row(book["Organisations"], {"id": "ex:org/one", "name": "One", "organisation_kinds": "federation"})
    type_row(book["Organisations"], {"id": "ex:org/two", "name": "Two ex:org/one", "organisation_kinds": "ngo",
                                     "part_of": "ex:org/one"}, row=4)
    type_row(book["Training programmes"], {"id": "ex:training/basic", "name": "Basic course",
                                           "providers": "ex:org/one | ex:org/two"})
    notes = book["Organisations"].max_column + 1
    book["Organisations"].cell(1, notes, "Notes")
    book["Organisations"].cell(3, notes, "ex:org/one is our federation")
    book.save(out)
    return out


def test_rename_prefix_in_a_workbook_renames_every_identifier_and_reference_and_nothing_else(template, tmp_path):
    book = filled_workbook(template, tmp_path / "ours.xlsx")
    before = run("validate", "--format", "json", str(book))
    result = run("rename-prefix", str(book), "--from", "ex", "--to", "pen")
    assert result.returncode == 0, result.stderr
    assert "(7 identifiers)" in result.stderr  # dataset, 2 organisations, part_of, training, 2 providers
    wb = openpyxl.load_workbook(book)
    orgs, dataset = wb["Organisations"], wb["Dataset"]
    columns = field_columns(orgs)
    assert orgs.cell(3, columns["id"]).value == "pen:org/one" and orgs.cell(4, columns["part_of"]).value == "pen:org/one"
    assert orgs.cell(4, columns["name"]).value == "Two ex:org/one"  # free text is never touched
    assert orgs.cell(3, orgs.max_column).value == "ex:org/one is our federation"
    assert wb["Training programmes"].cell(3, field_columns(wb["Training programmes"])["providers"]).value == \
        "pen:org/one | pen:org/two"
    assert "prefixes.pen" in field_columns(dataset) and "prefixes.ex" not in field_columns(dataset)
    assert "(pen)" in dataset.cell(1, field_columns(dataset)["prefixes.pen"]).value
    assert orgs.data_validations.dataValidation, "the drop-downs are kept"
    note = orgs.cell(1, columns["id"]).comment.text  # the examples of the notes and the read-me follow
    assert "pen:org/our-association" in note and "ex:org/" not in note
    read_me = " ".join(str(c.value) for row in wb["Read me"].iter_rows() for c in row if c.value)
    assert "pen:org/our-association" in read_me and "ex:org/" not in read_me
    after = json.loads(run("validate", "--format", "json", str(book)).stdout)
    assert after["valid"] and json.loads(before.stdout)["summary"]["records"] == after["summary"]["records"]
    assert not any(f["code"] == "refs.undeclared-prefix" for f in after["findings"])


def test_rename_prefix_refuses_a_prefix_already_in_the_data_and_writes_nothing(template, tmp_path):
    book = filled_workbook(template, tmp_path / "ours.xlsx")
    wb = openpyxl.load_workbook(book)
    type_row(wb["Organisations"], {"id": "pen:org/three", "name": "Three"}, row=5)
    wb.save(book)
    original = book.read_bytes()
    for new, what in (("pen", "already in the workbook"), ("ex", "are the same"), ("p n", "not a prefix")):
        result = run("rename-prefix", str(book), "--from", "ex", "--to", new)
        assert result.returncode == 2 and what in result.stderr and len(result.stderr.splitlines()) == 1
        assert book.read_bytes() == original
    taken = tmp_path / "taken.xlsx"
    taken.write_bytes(b"someone's file")
    result = run("rename-prefix", str(book), "--from", "ex", "--to", "sud", "-o", str(taken))
    assert result.returncode == 2 and "already exists" in result.stderr and taken.read_bytes() == b"someone's file"
    taken.unlink()
    missing = run("rename-prefix", str(book), "--from", "zz", "--to", "qq")
    assert missing.returncode == 2 and "neither declared nor used" in missing.stderr
    assert book.read_bytes() == original and sorted(p.name for p in tmp_path.iterdir()) == ["ours.xlsx"]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_rename_prefix_in_a_dataset_keeps_the_file_as_it_was_written(tmp_path, suffix):
    import yaml
    from conftest import EXAMPLES

    from peer_schema.sheets.prefix_rename import rename_prefix

    source = EXAMPLES / "valid" / "PeerWorker-with-consent.yaml"
    path = tmp_path / f"data{suffix}"
    if suffix == ".yaml":
        path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        path.write_text(json.dumps(yaml.safe_load(source.read_text(encoding="utf-8")), indent=2), encoding="utf-8")
    out = tmp_path / f"renamed{suffix}"
    done = rename_prefix(path, "ex", "pen", out)
    text = out.read_text(encoding="utf-8")
    assert done.identifiers == 6 and "ex:" not in text and "pen:pw/7f3a9c" in text
    assert out.stat().st_mode & 0o077 == 0  # it holds peer workers: its owner's only, as every writer makes it
    if suffix == ".yaml":
        assert text.startswith("# Pseudonymous peer workers")  # comments stay
    data = yaml.safe_load(text)
    assert list(data["prefixes"]) == ["pen"] and data["peer_workers"][0]["employer"] == "pen:org/pairs-ensemble"
    again = run("rename-prefix", str(out), "--from", "ex", "--to", "other")
    assert again.returncode == 2 and "neither declared nor used" in again.stderr


def test_rename_prefix_never_touches_free_text_even_when_it_looks_like_an_identifier(tmp_path):
    import yaml

    from peer_schema.sheets.prefix_rename import rename_prefix

    path = tmp_path / "d.yaml"
    path.write_text("# ours\nid: ex:dataset/d\nprefixes: {ex: 'https://example.org/id/'}\n"
                    "organisations:\n- {id: ex:org/1, name: One, organisation_kinds: [ngo]}\n", encoding="utf-8")
    rename_prefix(path, "ex", "pen")
    assert path.read_text(encoding="utf-8").startswith("# ours\n")  # written by replacing, so the comment stays
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["prefixes"] == {"pen": "https://example.org/id/"} and data["organisations"][0]["id"] == "pen:org/1"
    path.write_text("id: ex:dataset/d\nprefixes: {ex: 'https://example.org/id/'}\n"
                    "organisations:\n- {id: ex:org/1, name: 'see ex:org/1'}\n", encoding="utf-8")
    rename_prefix(path, "ex", "pen")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["organisations"][0] == {"id": "pen:org/1", "name": "see ex:org/1"}


def test_rename_prefix_in_a_workbook_of_labels_only_renames_its_second_row_too(tmp_path):
    from peer_schema.sheets.prefix_rename import rename_prefix

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Organisations"
    ws.append(["Identifier", "Official name", "Kinds of organisation", "Parent organisation"])
    ws.append(["ex:org/one", "One", "federation", None])
    ws.append(["ex:org/two", "Two", "ngo", "ex:org/one"])
    book.save(tmp_path / "labels.xlsx")
    assert rename_prefix(tmp_path / "labels.xlsx", "ex", "pen").identifiers == 3
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "labels.xlsx")["Organisations"].iter_rows()]
    assert rows[1][0] == "pen:org/one" and rows[2][::3] == ["pen:org/two", "pen:org/one"]


def test_rename_prefix_in_place_is_atomic_and_refuses_other_kinds_of_file(tmp_path):
    table = tmp_path / "Organisation.csv"
    table.write_text("id,name\nex:org/one,One\n", encoding="utf-8")
    result = run("rename-prefix", str(table), "--from", "ex", "--to", "pen")
    assert result.returncode == 2 and "peer-schema import" in result.stderr
    assert table.read_text(encoding="utf-8") == "id,name\nex:org/one,One\n"


# -- 2. the country drop-down, and an empty template read back ---------------------------------------------
def list_column(book, enum: str) -> list[str]:
    ws = book[book.sheetnames[-1]]  # the hidden sheet of lists
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == enum)
    return [ws.cell(r, column).value for r in range(2, ws.max_row + 1) if ws.cell(r, column).value]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_country_list_is_alphabetical_in_the_language_with_the_46_member_states_first(tmp_path, lang):
    from peer_schema import artifacts
    from peer_schema.sheets.list_order import sort_key

    out = tmp_path / "t.xlsx"
    assert run("template", "-o", str(out), "--prefix", "ex", "--lang", lang).returncode == 0
    shown = list_column(openpyxl.load_workbook(out), "Country")
    country = artifacts.vocabularies()["Country"]
    label = {c["label"][lang]: code for code, c in country["concepts"].items()}
    members = set(country["collections"]["coe-member-states"])
    assert len(members) == 46 and {label[name] for name in shown[:46]} == members
    assert not members & {label[name] for name in shown[46:]} and len(shown) == len(country["concepts"])
    for part in (shown[:46], shown[46:]):
        assert part == sorted(part, key=sort_key)
    if lang == "fr":  # accents do not send a name to the end of the list
        assert shown.index("Allemagne") < shown.index("Autriche") < shown.index("Belgique")
        assert shown.index("Égypte") < shown.index("Émirats arabes unis") < shown.index("Équateur") < shown.index("Érythrée")
        assert shown.index("Érythrée") < shown.index("Éthiopie") < shown.index("Fidji")
    else:
        assert shown[:3] == ["Albania", "Andorra", "Armenia"]


@pytest.mark.parametrize(("lang", "words"), [("en", "the workbook has no records yet: fill the sheets"),
                                             ("fr", "le classeur ne contient encore aucun enregistrement : remplissez les feuilles")])
def test_an_empty_template_read_back_says_to_fill_the_sheets_without_mentioning_an_export(template, lang, words):
    result = run("validate", "--format", "json", "--lang", lang, str(template))
    [finding] = json.loads(result.stdout)["findings"]
    assert finding["code"] == "read.empty-workbook" and finding["message"] == words
    assert "export" not in (finding["message"] + finding["hint"]).casefold()
    assert "sheet" not in finding or finding.get("sheet") is None
    imported = run("import", str(template), "-o", str(template.parent / "out"), "--lang", lang)
    assert imported.returncode == 2 and words in imported.stderr and "nothing to import yet" in imported.stderr
    assert not (template.parent / "out").exists()


def test_the_csv_template_read_back_empty_says_to_fill_the_tables(tmp_path):
    folder = tmp_path / "tables"
    assert run("template", "--prefix", "ex", "--format", "csv", "-o", str(folder)).returncode == 0
    for lang, words in (("en", "the tables have no records yet: fill them"),
                        ("fr", "les tables ne contiennent encore aucun enregistrement : remplissez-les")):
        [finding] = report(folder, lang)["findings"]
        assert finding["code"] == "read.empty-tables" and finding["message"] == words
        assert "export" not in finding["hint"]
    imported = run("import", str(folder), "-o", str(tmp_path / "out"))
    assert imported.returncode == 2 and "nothing to import yet" in imported.stderr
    with (folder / "Organisation.csv").open("a", encoding="utf-8") as f:  # one record: the dataset row is what is missing
        f.write("ex:org/one,One,federation\n")
    assert [f["code"] for f in report(folder)["findings"] if f["code"].startswith("read.")] == ["read.empty"]


def test_a_filled_sheet_with_an_empty_dataset_sheet_still_asks_for_the_dataset_row(template, tmp_path):
    book = openpyxl.load_workbook(template)
    type_row(book["Organisations"], {"id": "ex:org/one", "name": "One", "organisation_kinds": "federation"})
    book.save(tmp_path / "no-dataset.xlsx")
    found = [f for f in report(tmp_path / "no-dataset.xlsx")["findings"] if f["code"].startswith("read.")]
    assert [(f["code"], f["sheet"]) for f in found] == [("read.empty", "Dataset")]
    assert "export" not in found[0]["hint"]


# -- 3. a licence by its name ---------------------------------------------------------------------------------
def test_the_licence_is_chosen_by_name_and_read_as_its_web_address(template, tmp_path):
    from peer_schema.readers.datasets import read_datasets

    dataset = openpyxl.load_workbook(template)["Dataset"]
    column = openpyxl.utils.get_column_letter(field_columns(dataset)["license"])
    [offer] = [v for v in dataset.data_validations.dataValidation if column in str(v.sqref)]
    names = offer.formula1.strip('"').split(",")
    assert {"CC BY 4.0", "CC BY-SA 4.0", "CC0 1.0", "ODbL 1.0"} <= set(names) and offer.errorStyle == "information"
    assert not any(name.startswith("http") for name in names)
    for typed, url in (("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/"),
                       ("cc0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"),
                       ("https://example.org/our-licence", "https://example.org/our-licence")):
        book = openpyxl.load_workbook(template)
        type_row(book["Dataset"], {**DATASET, "license": typed})
        book.save(tmp_path / "licence.xlsx")
        [read] = read_datasets([tmp_path / "licence.xlsx"])
        assert read["license"] == url, typed
        assert report(tmp_path / "licence.xlsx")["valid"]


@pytest.mark.parametrize(("typed", "meant"), [("CC0", "CC0 1.0"), ("CC BY-SA", "CC BY-SA 4.0"),
                                              ("cc-by", "CC BY 4.0"), ("ODbL", "ODbL 1.0")])
def test_a_licence_typed_close_to_a_name_of_the_list_is_said_so_with_the_name_meant(template, tmp_path, typed, meant):
    book = openpyxl.load_workbook(template)
    type_row(book["Dataset"], {**DATASET, "license": typed})
    book.save(tmp_path / "licence.xlsx")
    column = openpyxl.utils.get_column_letter(field_columns(book["Dataset"])["license"])
    english, french = (report(tmp_path / "licence.xlsx", lang)["findings"] for lang in ("en", "fr"))
    [found] = english
    assert found["code"] == "structure.unknown-licence" and found["cell"] == f"Dataset!{column}3"
    assert found["message"] == f'"{typed}" is not a licence of the list; did you mean "{meant}"?'
    assert "web address" not in found["message"] and f'drop-down list ("{meant}")' in found["hint"]
    assert french[0]["message"] == f"« {typed} » n'est pas une licence de la liste ; vouliez-vous dire « {meant} » ?"


def test_a_licence_far_from_every_name_keeps_the_web_address_message(template, tmp_path):
    from peer_schema import validate

    book = openpyxl.load_workbook(template)
    type_row(book["Dataset"], {**DATASET, "license": "our own licence"})
    book.save(tmp_path / "licence.xlsx")
    assert [f["code"] for f in report(tmp_path / "licence.xlsx")["findings"]] == ["structure.bad-format"]
    # in a text file, a licence's name is not read as its address: the hint gives the address to write
    data = tmp_path / "data.yaml"
    data.write_text("id: ex:dataset/d\ntitle: {en: D}\npublisher: {id: 'https://example.org/us', name: Us}\n"
                    "dataset_version: '1'\nschema_version: 0.2.0\nlicense: CC0\naccess_rights: restricted\n"
                    "created: '2026-11-02'\nprefixes: {ex: 'https://example.org/id/'}\n", encoding="utf-8")
    [found] = validate([data]).findings
    assert found.code == "structure.unknown-licence" and found.line == 6
    assert "https://creativecommons.org/publicdomain/zero/1.0/" in found.hint()


def test_export_to_a_workbook_writes_the_licences_name_and_import_gives_its_address_back(tmp_path):
    from conftest import EXAMPLES

    source = EXAMPLES / "valid" / "Organisation-association.yaml"
    out = tmp_path / "ours.xlsx"
    assert run("export", str(source), "--to", "xlsx", "-o", str(out)).returncode == 0
    dataset = openpyxl.load_workbook(out)["Dataset"]
    assert dataset.cell(3, field_columns(dataset)["license"]).value == "CC BY 4.0"
    assert run("import", str(out), "-o", str(tmp_path / "back")).returncode == 0
    [back] = (tmp_path / "back").iterdir()
    assert json.loads(back.read_text(encoding="utf-8"))["license"] == "https://creativecommons.org/licenses/by/4.0/"


# -- a workbook saved in a format not read, or damaged ------------------------------------------------------
@pytest.mark.parametrize("name", ["old.xls", "registry.numbers", "registry.xlsb", "flat.fods"])
def test_a_workbook_in_a_format_not_read_is_told_to_be_saved_as_xlsx_or_ods(template, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(template.read_bytes())
    result = run("validate", "--format", "json", str(path))
    [found] = json.loads(result.stdout)["findings"]
    assert result.returncode == 2 and found["code"] == "read.workbook-format"
    assert found["message"] == f"a workbook saved as {path.suffix} is not read: save it as .xlsx or .ods"
    assert "spreadsheet program" in found["hint"] and "JSON" not in found["message"] + found["hint"]
    [french] = report(path, "fr")["findings"]
    assert french["message"] == f"un classeur enregistré en {path.suffix} n'est pas lu : enregistrez-le en .xlsx ou .ods"


def test_another_kind_of_file_lists_the_formats_read_workbooks_first(tmp_path):
    path = tmp_path / "registry.docx"
    path.write_bytes(b"PK\x03\x04 a text document")
    [found] = report(path)["findings"]
    assert found["code"] == "read.unsupported-format"
    assert "(use .xlsx, .xlsm, .ods, .csv, .tsv, .json," in found["message"] and found["hint"].startswith(
        "Save the data as a workbook (.xlsx or .ods)")


@pytest.mark.parametrize("kept", [0.5, 0.05])
def test_a_workbook_cut_short_says_to_save_it_again_not_to_look_at_a_line(template, tmp_path, kept):
    data = template.read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[:int(len(data) * kept)])
    for lang, message, hint in (("en", "the workbook cannot be read: the file looks damaged or incomplete",
                                 "Open it in your spreadsheet program and save it again as .xlsx or .ods."),
                                ("fr", "le classeur ne peut pas être lu : le fichier semble abîmé ou incomplet",
                                 "Ouvrez-le dans votre tableur et enregistrez-le à nouveau en .xlsx ou .ods.")):
        [found] = report(path, lang)["findings"]
        assert found["code"] == "read.damaged-workbook" and found["message"] == message
        assert found["hint"].startswith(hint) and "line" not in found["hint"] and "zip" not in found["message"]
    assert run("validate", str(path)).returncode == 2


# -- 4. plain words -----------------------------------------------------------------------------------------
JARGON = re.compile(r"\b(CURIEs?|URIs?|IRIs?|YAML)\b")
#: codes no workbook can produce (other formats' own problems): their words may be technical
NOT_FROM_A_WORKBOOK = {"read.bad-iri", "read.yaml-alias", "read.yaml-tag", "read.remote-context", "read.xml-doctype",
                       "read.not-a-number", "read.surrogate", "read.too-deep", "read.huge-number",
                       "read.unsupported-format", "read.binary", "read.encoding"}


def workbook_texts(path) -> list[str]:
    """Every text of a workbook an association reads: cells, notes, the messages of the drop-downs."""
    book = openpyxl.load_workbook(path)
    found = []
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                found += [str(cell.value)] if cell.value is not None else []
                found += [cell.comment.text] if cell.comment else []
        found += [v.error or "" for v in ws.data_validations.dataValidation]
    return found


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_template_speaks_in_plain_words(tmp_path, lang):
    from peer_schema.sheets.writer import csv_template_files

    out = tmp_path / "t.xlsx"
    assert run("template", "-o", str(out), "--prefix", "pen", "--lang", lang).returncode == 0
    texts = workbook_texts(out) + [data.decode("utf-8-sig") for data in csv_template_files(lang, "pen").values()]
    assert len(texts) > 100
    assert [t for t in texts if JARGON.search(t)] == []
    notes = [t for t in texts if t.startswith(("The record's identifier", "L'identifiant de l'enregistrement"))]
    assert notes and all("pen:org/" in t for t in notes)  # examples with the association's own prefix


def test_the_messages_and_hints_a_workbook_can_produce_speak_in_plain_words():
    from peer_schema.report.catalogue import CATALOGUE

    checked = 0
    for code, entry in CATALOGUE.items():
        if code in NOT_FROM_A_WORKBOOK or code.startswith("shacl."):
            continue
        for text in (entry.message_en, entry.message_fr, entry.hint_en, entry.hint_fr):
            assert not JARGON.search(text), (code, text)
        checked += 1
    assert checked > 40


@pytest.mark.parametrize(("field", "typed", "en", "fr"), [
    ("created", "31/05/2024", "a date like 2024-05-31", "une date comme 2024-05-31"),
    ("schema_version", "v0.2", "a version like 1.2.0", "une version comme 1.2.0"),
    ("license", "our licence", "a web address", "une adresse web"),
    ("id", "dataset test", "your prefix, a colon and a short name", "votre préfixe, deux-points"),
])
def test_bad_format_says_what_the_column_expects(template, tmp_path, field, typed, en, fr):
    book = openpyxl.load_workbook(template)
    type_row(book["Dataset"], {**DATASET, field: typed})
    book.save(tmp_path / "bad.xlsx")
    for lang, words in (("en", en), ("fr", fr)):
        [found] = [f for f in report(tmp_path / "bad.xlsx", lang)["findings"] if f["code"] == "structure.bad-format"]
        assert words in found["message"] and words in found["hint"]
        others = {"en": ["a date like", "a version like", "a web address", "a language code"],
                  "fr": ["une date comme", "une version comme", "une adresse web", "un code de langue"]}[lang]
        assert sum(o in found["message"] for o in others) <= 1  # this column's form, not a list of every form


# -- 5. one language per workbook and report --------------------------------------------------------------
SHEETS = {"en": {"dataset": "Dataset", "memberships": "Memberships", "peer_workers": "Peer workers"},
          "fr": {"dataset": "Jeu de données", "memberships": "Adhésions", "peer_workers": "Travailleurs pairs"}}


def workbook_with_mistakes(tmp_path, lang: str):
    out = tmp_path / f"ours-{lang}.xlsx"
    assert run("template", "-o", str(out), "--prefix", "ex", "--lang", lang).returncode == 0
    book = openpyxl.load_workbook(out)
    names = SHEETS[lang]
    type_row(book[names["dataset"]], DATASET)
    type_row(book["Organisations"], {"id": "ex:org/one", "organisation_kinds": "federation"})  # no name
    type_row(book[names["memberships"]], {"member": "ex:org/one", "federation": "ex:org/missing"})
    type_row(book[names["peer_workers"]], {"id": "ex:pw/7f3a9c", "role": "peer_support_worker", "weekly_hours": 10})
    book.save(out)
    headers = {ws.title: {str(c.value).rstrip(" *") for c in ws[1] if c.value} for ws in book.worksheets}
    return out, headers


@pytest.mark.parametrize(("workbook_lang", "report_lang"), [("en", "fr"), ("fr", "en")])
def test_a_workbook_read_in_the_other_language_quotes_its_own_headers(tmp_path, workbook_lang, report_lang):
    book, headers = workbook_with_mistakes(tmp_path, workbook_lang)
    findings = report(book, report_lang)["findings"]
    by_code = {f["code"]: f for f in findings}
    required, dangling, consent = by_code["structure.required"], by_code["refs.dangling"], \
        by_code["consent.field-not-covered"]
    official = {"en": "Official name", "fr": "Nom officiel"}
    # the sentence in the report's language, the column as the workbook has it
    assert official[workbook_lang] in required["message"] and official[report_lang] not in required["message"]
    assert required["message"].startswith({"en": 'the field "', "fr": "le champ « "}[report_lang])
    assert official[workbook_lang] in headers["Organisations"] and required["cell"] == "Organisations!B3"
    federation = {"en": "Federation or network", "fr": "Fédération ou réseau"}[workbook_lang]
    assert federation in dangling["message"] and federation in headers[SHEETS[workbook_lang]["memberships"]]
    kind = {"en": "(kind: Organisations)", "fr": "(type : Organisations)"}[report_lang]
    assert kind in dangling["hint"] and "Organisation)" not in dangling["hint"]
    own = {"en": ["Weekly hours", "Peer status", "Employer"], "fr": ["Heures par semaine", "Statut de pair"]}
    other = {"en": ["Heures par semaine", "weekly_hours", "peer_status"], "fr": ["Weekly hours", "weekly_hours", "peer_status"]}
    assert all(w in consent["message"] for w in own[workbook_lang][:2]), consent["message"]
    assert not any(w in consent["message"] for w in other[workbook_lang]), consent["message"]
    for finding in findings:  # no class name of the model in any sentence
        for name in ("TrainingProgramme", "PeerWorker", "Membership "):
            assert name not in finding["message"] + finding["hint"], finding


def test_a_table_of_field_names_is_spoken_of_in_the_reports_language(tmp_path):
    table = tmp_path / "Organisation.csv"
    table.write_text("id,organisation_kinds\nex:org/one,federation\n", encoding="utf-8")
    for lang, label in (("en", "Official name"), ("fr", "Nom officiel")):
        [found] = [f for f in report(table, lang)["findings"] if f["code"] == "structure.required"]
        assert label in found["message"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_unknown_sheet_lists_the_sheets_as_the_workbook_names_them(template, tmp_path, lang):
    from peer_schema.sheets.writer import write_workbook

    out = write_workbook(tmp_path / "t.xlsx", lang, prefix="ex")
    book = openpyxl.load_workbook(out)
    book.create_sheet("Feuil2")["A1"] = "x"
    book.save(out)
    other = "en" if lang == "fr" else "fr"
    [found] = [f for f in report(out, other)["findings"] if f["code"] == "table.unknown-sheet"]
    assert {"en": "Peer workers", "fr": "Travailleurs pairs"}[lang] in found["message"]
    assert {"fr": "Peer workers", "en": "Travailleurs pairs"}[lang] not in found["message"]
