"""The rules on periods, repeated memberships, federations and training hours (issue 12), in
documents and in streams, with the cases that must stay silent next to the ones that fire."""

from __future__ import annotations

import json

import pytest

from peer_schema import validate

HEADER = {"id": "ex:d", "title": {"en": "t"}, "publisher": {"id": "https://example.org", "name": "x"},
          "dataset_version": "1", "schema_version": "0.2.0", "license": "https://example.org/l",
          "access_rights": "public", "created": "2026-01-01", "prefixes": {"ex": "https://example.org/"}}
MEMBER = {"id": "ex:org/member", "name": "Member", "organisation_kinds": ["peer_worker_association"], "country": "BE"}
FEDERATION = {"id": "ex:org/fed", "name": "Federation", "organisation_kinds": ["federation"], "country": "BE"}


def _run(tmp_path, lang="en", **records):
    path = tmp_path / "data.json"
    path.write_text(json.dumps({**HEADER, **records}), encoding="utf-8")
    return validate([path], lang=lang)


def _codes(report):
    return sorted(f.code for f in report.findings)


def _membership(start=None, end=None, federation="ex:org/fed", member="ex:org/member"):
    m = {"member": member, "federation": federation}
    if start:
        m["start_date"] = start
    if end:
        m["end_date"] = end
    return m


def test_membership_ending_before_its_start(tmp_path):
    report = _run(tmp_path, organisations=[MEMBER, FEDERATION], memberships=[_membership("2024-09-01", "2021-03-15")])
    assert _codes(report) == ["rules.membership-ends-before-start"]
    finding = report.findings[0]
    assert finding.pointer == "/memberships/0/end_date"
    assert "2021-03-15" in finding.message() and "2024-09-01" in finding.message("fr")


def test_membership_ending_on_its_start_day_is_fine(tmp_path):
    report = _run(tmp_path, organisations=[MEMBER, FEDERATION], memberships=[_membership("2024-09-01", "2024-09-01")])
    assert report.findings == []


@pytest.mark.parametrize("periods, repeated", [
    ([(None, None), (None, None)], [1]),                                   # identical, no dates at all
    ([("2020-06-15", None), ("2022-01-01", "2023-12-31")], [1]),          # open membership covers a later one
    ([("2022-01-01", "2023-12-31"), ("2020-06-15", None)], [0]),          # order in the file does not matter
    ([("2020-01-01", "2021-12-31"), ("2021-12-31", None)], []),           # a renewal the day it ended
    ([("2020-01-01", "2020-12-31"), ("2022-01-01", None)], []),           # left, and joined again later
    ([("2020-01-01", "2030-01-01"), ("2021-01-01", "2022-01-01"), ("2025-01-01", None)], [1, 2]),
])
def test_the_same_membership_twice(tmp_path, periods, repeated):
    memberships = [_membership(s, e) for s, e in periods]
    report = _run(tmp_path, organisations=[MEMBER, FEDERATION], memberships=memberships)
    found = [f for f in report.findings if f.code == "rules.membership-twice"]
    assert sorted(f.pointer for f in found) == [f"/memberships/{i}" for i in repeated]
    assert [f.code for f in report.findings if f.code != "rules.membership-twice"] == []
    for f in found:
        assert f.line is not None  # found once every file was read, still on its line
        assert "data.json#/memberships/" in f.message() or "data.json:" in f.message()


def test_same_member_in_two_federations_is_not_a_repeat(tmp_path):
    other = {**FEDERATION, "id": "ex:org/fed2", "name": "Network", "organisation_kinds": ["network"]}
    report = _run(tmp_path, organisations=[MEMBER, FEDERATION, other],
                  memberships=[_membership(), _membership(federation="ex:org/fed2")])
    assert report.findings == []


def test_membership_of_an_organisation_that_is_no_federation(tmp_path):
    hospital = {**FEDERATION, "id": "ex:org/hospital", "organisation_kinds": ["mental_health_service_provider"]}
    unknown = {"id": "ex:org/unknown", "name": "Kinds not said"}  # no kinds (the structure check's error): no guess
    both = {**FEDERATION, "id": "ex:org/both", "organisation_kinds": ["ngo", "network"]}
    report = _run(tmp_path, organisations=[MEMBER, hospital, unknown, both],
                  memberships=[_membership(federation=f) for f in ("ex:org/hospital", "ex:org/unknown", "ex:org/both")])
    found = [(f.code, f.pointer, f.severity.value) for f in report.findings if f.code.startswith("rules.")]
    assert found == [("rules.federation-not-a-federation", "/memberships/0/federation", "warning")]
    assert _run(tmp_path, organisations=[MEMBER, hospital], memberships=[_membership(federation="ex:org/hospital")]).valid


def test_membership_rules_across_a_stream_and_a_document(tmp_path):
    """Forward references in a stream: the federation's kinds and the repeat come on later lines."""
    lines = [{"@type": "Dataset", **HEADER},
             {"@type": "Membership", **_membership("2020-01-01", federation="ex:org/ngo")},
             {"@type": "Membership", **_membership("2021-01-01", "2022-01-01", federation="ex:org/ngo")},
             {"@type": "Organisation", **MEMBER},
             {"@type": "Organisation", **{**FEDERATION, "id": "ex:org/ngo", "organisation_kinds": ["ngo"]}}]
    path = tmp_path / "registry.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    report = validate([path], lang="fr")
    found = sorted((f.code, f.line) for f in report.findings)
    assert found == [("rules.federation-not-a-federation", 2), ("rules.federation-not-a-federation", 3),
                     ("rules.membership-twice", 3)]
    twice = next(f for f in report.findings if f.code == "rules.membership-twice")
    assert "registry.jsonl:2" in twice.message("fr")


def test_accreditation_valid_until_before_valid_from(tmp_path):
    body = {"id": "ex:org/body", "name": "Body", "organisation_kinds": ["public_body"], "country": "BE"}
    programme = {"id": "ex:training/t", "name": "T", "accreditation": {
        "accreditation_status": "accredited", "accrediting_body": "ex:org/body",
        "valid_from": "2025-01-01", "valid_until": "2024-12-31"}}
    report = _run(tmp_path, organisations=[body], training_programmes=[programme])
    assert [(f.code, f.pointer) for f in report.findings] == [
        ("rules.accreditation-ends-before-start", "/training_programmes/0/accreditation/valid_until")]
    programme["accreditation"]["valid_until"] = "2025-01-01"
    assert _run(tmp_path, organisations=[body], training_programmes=[programme]).findings == []


@pytest.mark.parametrize("count, length, total, fires", [
    (12, 3, 30, True),
    (12, 3, 36, False),       # exactly the total
    (12, 3, 40, False),       # practice on top of the sessions
    (7, 1.3, 9.1, False),     # 7 x 1.3 is 9.100000000000001 in floating point: not an excess
    (7, 1.3, 9, True),
])
def test_sessions_above_total_hours(tmp_path, count, length, total, fires):
    programme = {"id": "ex:training/t", "name": "T", "session_count": count, "session_length_hours": length,
                 "total_hours": total}
    report = _run(tmp_path, lang="fr", training_programmes=[programme])
    assert _codes(report) == (["rules.sessions-exceed-total-hours"] if fires else [])
    if fires and length == 1.3:
        assert report.findings[0].message("fr") == (
            "7 séances de 1,3 heures font 9,1 heures, plus que le total de 9 heures du programme")


@pytest.mark.parametrize("share, en, fr", [
    (40, "peers hold 40% of its", "les pairs occupent 40 % de ses"),
    (None, "peers hold an unknown share of its", "les pairs occupent une part inconnue de ses"),
])
def test_governance_share_message_in_each_language(tmp_path, share, en, fr):
    service = {"id": "ex:org/pos", "name": "POS", "organisation_kinds": ["peer_operated_service"], "country": "BE"}
    if share is not None:
        service["peer_governance_share"] = share
    report = _run(tmp_path, organisations=[service])
    (finding,) = report.findings
    assert en in finding.message("en")
    assert fr in finding.message("fr") and "unknown" not in finding.message("fr")


def test_repeated_membership_in_a_workbook_names_the_other_row_by_its_cell(tmp_path):
    """In a workbook the other membership is named as a person finds it: its sheet and row."""
    import openpyxl
    from conftest import EXAMPLES

    from peer_schema.cli import main

    book_path = tmp_path / "registry.xlsx"
    assert main(["export", str(EXAMPLES / "tables"), "--to", "xlsx", "--lang", "fr", "-o", str(book_path)]) == 0
    book = openpyxl.load_workbook(book_path)
    sheet = book["Adhésions"]
    sheet.append([cell.value for cell in sheet[3]])  # the first membership, entered again on row 4
    book.save(book_path)
    report = validate([book_path], lang="fr")
    (finding,) = report.findings
    assert (finding.code, finding.sheet, finding.line) == ("rules.membership-twice", "Adhésions", 4)
    assert finding.message("fr").endswith("(l'autre adhésion : Adhésions!A3)")
