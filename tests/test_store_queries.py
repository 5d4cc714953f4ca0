"""The embedded store, the saved research questions and read-only free-form SPARQL
(`peer_schema.rdf.store`, `.queries`, `.sparql_guard`).

The expected answers were derived by reading examples/compendium/compendium.yaml (and, where the
compendium has nothing to show, the fictional registry in examples/valid/), not by running the
queries: each comment says where the rows come from.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

pyoxigraph = pytest.importorskip("pyoxigraph")

from peer_schema.rdf import ExportRefused  # noqa: E402
from peer_schema.rdf import queries, sparql_guard, store, store_files  # noqa: E402
from peer_schema.rdf.queries import (  # noqa: E402
    ParameterError,
    Result,
    UnknownQuestion,
    as_csv,
    as_json,
    as_table,
    list_questions,
    run_question,
    run_sparql,
    with_values,
)
from peer_schema.rdf.sparql_guard import UnsafeQuery, check_read_only  # noqa: E402
from peer_schema.rdf.store import StoreError  # noqa: E402

from conftest import EXAMPLES, ROOT  # noqa: E402

COE = "https://w3id.org/peer-schema/compendium/"
EX = "https://example.org/peer/"
HVN = "Hearing Voices Network – International"
IPS = "Intentional Peer Support – the United Kingdom and Internationally"
MSP = "Médiateur de santé pair (peer health mediator) – France"
TOGETHER = "Peer support in secure settings: consultation project – Together, United Kingdom, 2014"
BET = "Basal Exposure Therapy (BET) combined with Complementary External Control (CER) – Norway"
DGPPN = "Guidelines on Prevention of Coercion and Therapy for Aggressive Behaviour – Germany"
HIC = "High and Intensive Care Units – The Netherlands"
NO_FORCE = "No Force First – United Kingdom"
OPEN_DIALOGUE = ("Open Dialogue in a High Security Psychiatric Ward: ‘Reflecting Processes in the Care of Persons "
                 "with Severe Mental Disorders’ – Norway")
RESTRAINT = "Reducing mechanical restraint and seclusion in acute mental health inpatient wards"
WEDDING = "Weddinger Modell – Germany"
LILLE = "‘Citizen Psychiatry’ – East Lille mental health service network – France"
NOVARA = "Community mental health initiative – Novara, Italy"
OMBUD = "Personal Ombud Programme – Sweden"
EKSJO = ("‘Improved cooperation between psychiatry and home care - reducing the number of compulsory admissions’ "
         "– Sweden")
ACTION_PLAN = "‘Patient-led action plan’ to appeal compulsory treatment orders – The Netherlands"
HUGARAFL = "Hugarafl – Iceland"
TRIESTE = "Trieste Model – ‘Open Door—No Restraint System of Care for Recovery and Citizenship’ – Italy"
CZECH = ("Activity quality of care - project Deinstitutionalization of care for the mentally ill of the Ministry of "
         "Health of the Czech Republic paid from the European Social Fund’")
OPEN_DOOR = "‘Open door policy’ – Germany, Switzerland and elsewhere"
SAFEWARDS = "Safewards – International"
FGC = "Family Group Conferencing – Netherlands"
MOBILE_UNITS = "Mental Health Mobile Units – Greece"
OPEN_DIALOGUE_FI = "Open Dialogue Model – Finland and Internationally"
BE_RIGHT = ("BE RIGHT – Multinational Training Initiative for Health and Social Care Professionals in Mental Health "
            "Settings")
BINDINGS = ["substitutions", "values"]


# -- stores ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def compendium_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stores") / "compendium"
    store.load([EXAMPLES / "compendium"], folder)
    return folder


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("stores") / "valid"
    store.load([EXAMPLES / "valid"], folder)
    return folder


# -- the expected answers, from the YAML ----------------------------------------------------------------
def titles(cell: str) -> set[str]:
    return set(cell.split(" | ")) if cell else set()


#: practices-by-setting-and-country, no parameters: (setting_category, setting_label, country,
#: country_label, practices, titles). compendium.yaml: Hearing Voices Network (other; GR DK GB UG
#: JP AU US), Intentional Peer Support (other; GB), médiateur de santé pair (other; FR), Together's
#: secure settings consultation (hospital_based; GB). hospital-based.yaml: BET/CER (NO), DGPPN
#: guidelines (DE), HIC units (NL), No Force First (GB), Open Dialogue in a secure ward (NO),
#: restraint and seclusion reduction (NO), Weddinger Modell (DE), open door policy (DE CH),
#: Safewards (no country). community-hybrid-other.yaml: East Lille (community_based; FR), Novara
#: (community_based; IT), Personal Ombud (community_based; SE), Hugarafl (community_based; IS),
#: Family Group Conferencing (community_based; NL), Mobile Units (community_based; GR), Czech
#: deinstitutionalisation (hybrid; CZ), Eksjö home care (hybrid; SE), Trieste (hybrid; IT),
#: patient-led action plan (other; NL), BE RIGHT (other; no country). Labels from
#: vocab/practices.yaml and vocab/countries.yaml.
PRACTICES_BY_SETTING = [
    ("community_based", "Community-Based", "FI", "Finland", 1, {OPEN_DIALOGUE_FI}),
    ("community_based", "Community-Based", "FR", "France", 1, {LILLE}),
    ("community_based", "Community-Based", "GR", "Greece", 1, {MOBILE_UNITS}),
    ("community_based", "Community-Based", "IS", "Iceland", 1, {HUGARAFL}),
    ("community_based", "Community-Based", "IT", "Italy", 1, {NOVARA}),
    ("community_based", "Community-Based", "NL", "Netherlands", 1, {FGC}),
    ("community_based", "Community-Based", "SE", "Sweden", 1, {OMBUD}),
    ("hospital_based", "Hospital-Based", "", None, 1, {SAFEWARDS}),  # international, no country
    ("hospital_based", "Hospital-Based", "CH", "Switzerland", 1, {OPEN_DOOR}),
    ("hospital_based", "Hospital-Based", "DE", "Germany", 3, {DGPPN, WEDDING, OPEN_DOOR}),
    ("hospital_based", "Hospital-Based", "GB", "United Kingdom", 2, {TOGETHER, NO_FORCE}),
    ("hospital_based", "Hospital-Based", "NL", "Netherlands", 1, {HIC}),
    ("hospital_based", "Hospital-Based", "NO", "Norway", 3, {BET, OPEN_DIALOGUE, RESTRAINT}),
    ("hybrid", "Hybrid", "CZ", "Czech Republic", 1, {CZECH}),
    ("hybrid", "Hybrid", "IT", "Italy", 1, {TRIESTE}),
    ("hybrid", "Hybrid", "SE", "Sweden", 1, {EKSJO}),
    ("other", "Other", "", None, 1, {BE_RIGHT}),  # an international training with no country
    ("other", "Other", "AU", "Australia", 1, {HVN}),
    ("other", "Other", "DK", "Denmark", 1, {HVN}),
    ("other", "Other", "FR", "France", 1, {MSP}),
    ("other", "Other", "GB", "United Kingdom", 2, {HVN, IPS}),
    ("other", "Other", "GR", "Greece", 1, {HVN}),
    ("other", "Other", "JP", "Japan", 1, {HVN}),
    ("other", "Other", "NL", "Netherlands", 1, {ACTION_PLAN}),
    ("other", "Other", "UG", "Uganda", 1, {HVN}),
    ("other", "Other", "US", "United States", 1, {HVN}),
]

#: organisations-by-kind-and-country, no parameters: (kind, country, organisation) in the
#: question's order (kind, country, name). The 33 organisations of the compendium's files, each
#: with its one organisation_kinds value; Intervoice, Intentional Peer Support and FAPAF have no
#: country. None of them is a peer-operated service.
ORGANISATIONS = [
    ("federation", "", "fapaf"),
    ("funder", "GB", "forensic-partnership"),
    ("mental_health_service_provider", "BE", "cnp-st-martin"),
    ("mental_health_service_provider", "CA", "ciusss-est-montreal"),
    ("mental_health_service_provider", "CH", "upk-basel"),  # "Universitäre Psychiatrische Kliniken Basel"
    ("mental_health_service_provider", "DE", "charite-berlin"),  # "Charité – Universitätsmedizin Berlin"
    ("mental_health_service_provider", "FR", "epsm-lille-metropole"),
    ("mental_health_service_provider", "IT", "trieste-department-of-mental-health"),  # "Department..." < "South..."
    ("mental_health_service_provider", "IT", "novara-south-unit-area"),
    ("mental_health_service_provider", "NO", "akershus-university-hospital"),  # "Akershus" < "Lovisenberg"
    ("mental_health_service_provider", "NO", "lovisenberg-diaconal-hospital"),
    ("network", "", "intervoice"),
    ("network", "GB", "hearing-voices-network-england"),  # "Hearing Voices Network (England)"
    ("network", "GB", "nsun"),  # "National Survivor User Network"
    ("ngo", "", "intentional-peer-support"),
    ("ngo", "DE", "dgppn"),
    ("ngo", "GB", "mind"),
    ("ngo", "GB", "together"),
    ("ngo", "IS", "hugarafl"),
    ("ngo", "SE", "po-skane"),
    ("peer_worker_association", "BE", "pat-asbl"),
    ("peer_worker_association", "FR", "espairs"),
    ("public_body", "CZ", "ministry-of-health-czech-republic"),
    ("public_body", "SE", "eksjo-municipality"),
    ("research_group", "ES", "salud-mental-primera-persona"),
    ("university", "BE", "hepn"),
    ("university", "DE", "universitaet-ulm"),
    ("university", "ES", "andalusian-school-of-public-health"),
    ("university", "FR", "universite-paris-13"),  # "Université Paris 13" < "Université Paris 8"
    ("university", "FR", "universite-paris-8"),
    ("university", "NO", "inland-norway-university"),
    ("university", "RO", "uav-arad"),
    ("who_collaborating_centre", "FR", "ccoms"),
]

#: the training elements of the two Tuto3 PAT reference profiles of compendium.yaml
BASIC_ELEMENTS = ["advocacy_and_rights", "communication", "group_setting", "health_and_wellbeing",
                  "inclusion_and_support_from_family_and_community", "peer_support_and_use_of_experience",
                  "planning", "principles_and_values", "recovery", "relationship_and_roles", "skills", "stigma"]
ADVANCED_ELEMENTS = ["assessment", "psychoeducation_and_knowledge", "workplace_training"]
BASIC = "Tuto3 PAT standardised training profile for peer support workers – basic training elements"
ADVANCED = ("Tuto3 PAT standardised training profile for peer support workers – advanced / specialised "
            "training elements")
LICENCE = "Licence (Bachelor of Health and Social Sciences) – médiateur de santé pair training"
TOGETHER_TRAINING = "Together's Peer Support Training programme"

#: training-programmes-by-elements-and-accreditation, no parameters, by name: (name,
#: programme_kind, level, accreditation, accredited_by, elements, basic_elements,
#: advanced_elements, element codes). No programme of the compendium records an accreditation
#: (the Tuto3 PAT profile only recommends one); the licence and Together's programme record no
#: training element and no level.
TRAINING = [
    (LICENCE, "programme", None, "", None, 0, 0, 0, set()),
    (TOGETHER_TRAINING, "programme", None, "", None, 0, 0, 0, set()),
    (ADVANCED, "reference_profile", "advanced", "", None, 3, 0, 3, set(ADVANCED_ELEMENTS)),
    (BASIC, "reference_profile", "basic", "", None, 12, 12, 0, set(BASIC_ELEMENTS)),
]


def training_rows(result: Result) -> list[tuple]:
    return [r[1:9] + (set(r[9].split()),) for r in result.rows]


#: the 12 categories of the competency framework (vocab/competencies.yaml)
CATEGORIES = [f"C{i:02d}" for i in range(1, 13)]

LONGDEN = ("Longden, E., Read, J. & Dillon, J. (2018). Assessing the Impact and Effectiveness of Hearing Voices "
           "Network Self-Help Groups. Community Mental Health Journal 54, 184–188, p.184")


def run(name, params=None, where=None, binding="auto", **kw) -> Result:
    return run_question(name, params or {}, where, binding=binding, **kw)


# -- loading --------------------------------------------------------------------------------------------
def test_load_returns_the_triples_loaded_and_the_store_holds_them(tmp_path):
    from peer_schema.rdf import export

    summary = export([EXAMPLES / "compendium"], tmp_path / "c.nt", "nt")
    n = store.load([EXAMPLES / "compendium"], tmp_path / "store")
    assert n == summary.triples + store.vocabulary_triples()
    count = run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", tmp_path / "store")
    assert count.rows == [(n,)]  # no triple of the export is also one of the vocabularies'
    assert not list(tmp_path.glob(".store.loading-*"))  # the scratch N-Triples and new folder are gone


def test_labels_are_queryable_in_english_and_french(compendium_store):
    result = run_sparql("""
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?lang ?label WHERE {
          <https://w3id.org/peer-schema/vocab/organisation-kind/peer_operated_service> skos:prefLabel ?label
          BIND(lang(?label) AS ?lang)
        } ORDER BY ?lang""", compendium_store)
    assert result.rows == [("en", "Peer-operated service"), ("fr", "Service géré par des pairs")]


def test_replace_empties_the_store_first(tmp_path):
    folder = tmp_path / "store"
    store.load([EXAMPLES / "compendium"], folder)
    store.load([EXAMPLES / "valid"], folder, replace=True)
    orgs = run("organisations-by-kind-and-country", where=folder)
    assert {row[4].rsplit("/", 1)[0] + "/" for row in orgs.rows} == {EX + "org/"}


def test_a_refused_export_loads_nothing(tmp_path):
    folder = tmp_path / "store"
    with pytest.raises(ExportRefused) as refused:  # peer workers in a public export
        store.load([EXAMPLES / "invalid" / "Dataset-public-with-peer-worker.yaml"], folder, profile="public")
    assert refused.value.privacy
    assert not folder.exists() and not list(tmp_path.glob(".store.loading-*"))


def test_store_errors_are_clear(tmp_path):
    with pytest.raises(StoreError, match="no store here"):
        run("practices-by-setting-and-country", where=tmp_path / "missing")
    other = tmp_path / "papers"
    other.mkdir()
    (other / "notes.txt").write_text("not a store")
    with pytest.raises(StoreError, match="not a store"):
        store.load([EXAMPLES / "compendium"], other)
    with pytest.raises(ValueError, match="not both"):
        run("practices-by-setting-and-country", where=tmp_path, endpoint="http://127.0.0.1:9/")


@pytest.mark.parametrize("folder", ["compendium", "valid", "tables", "rdf"])
def test_every_example_loads_and_answers_every_question(tmp_path, folder):
    where = tmp_path / "store"
    assert store.load([EXAMPLES / folder], where) > store.vocabulary_triples()
    for question in list_questions():
        for binding in BINDINGS:
            result = run(question.name, where=where, binding=binding)
            assert result.columns and all(len(row) == len(result.columns) for row in result.rows)


# -- the saved questions ---------------------------------------------------------------------------------
def test_the_saved_questions():
    questions = {q.name: q for q in list_questions()}
    assert set(questions) == {
        "practices-by-setting-and-country", "practices-with-peer-reviewed-evidence",
        "organisations-by-kind-and-country", "training-programmes-by-elements-and-accreditation",
        "competencies-covered-by-training", "practice-profile", "practices-by-model-facilitation-aim-and-evaluation",
        "evidence-with-pages", "scale-figures", "coe-states-without-practice", "practices-by-start-year",
        "organisations-and-their-practices", "federation-memberships"}
    for q in questions.values():
        assert q.title and q.description and q.columns_doc, q.name
        if "lang(" in q.sparql:  # labels or titles: in the language asked for, English by default
            assert q.parameters[-1].name == "lang" and q.parameters[-1].default == "en"
        for p in q.parameters:
            assert p.description, (q.name, p.name)
            assert not p.required, "every parameter is optional: unset = all rows"
    params = {q.name: [(p.name, p.type_text) for p in q.parameters] for q in questions.values()}
    assert params["practices-by-setting-and-country"][:2] == [("setting_category", "SettingCategory"),
                                                              ("country", "Country+none")]
    assert params["competencies-covered-by-training"][0] == ("competency", "Competency:top")


@pytest.mark.parametrize("question", [q.name for q in list_questions()])
def test_every_parameter_is_a_projected_column(question):
    """SEP-0007 substitutes only projected variables, and a VALUES block only equals a substitution
    when the variable is bound outside OPTIONAL: the rules the questions are written to."""
    q = queries.get_question(question)
    toks = list(sparql_guard.tokens(q.sparql))
    select = next(i for i, t in enumerate(toks) if t.kind == "WORD" and t.text.upper() == "SELECT")
    where = next(i for i, t in enumerate(toks) if t.kind == "WORD" and t.text.upper() == "WHERE")
    projected = {t.text for t in toks[select:where] if t.kind == "VAR"}
    for p in q.parameters:
        assert p.name in projected, (question, p.name)


@pytest.mark.parametrize("binding", BINDINGS)
def test_practices_by_setting_and_country(compendium_store, binding):
    result = run("practices-by-setting-and-country", where=compendium_store, binding=binding)
    assert result.columns == ["setting_category", "setting_label", "country", "country_label", "practices", "titles"]
    assert [row[:5] + (titles(row[5]),) for row in result.rows] == PRACTICES_BY_SETTING


@pytest.mark.parametrize("binding", BINDINGS)
@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "GB"}, [r for r in PRACTICES_BY_SETTING if r[2] == "GB"]),
    ({"setting_category": "other", "country": "GB"}, [r for r in PRACTICES_BY_SETTING if r[0] == "other" and r[2] == "GB"]),
    ({"setting_category": "hospital_based"}, [r for r in PRACTICES_BY_SETTING if r[0] == "hospital_based"]),
    ({"setting_category": "hybrid"}, [r for r in PRACTICES_BY_SETTING if r[0] == "hybrid"]),
    ({"country": "none"}, [r for r in PRACTICES_BY_SETTING if r[2] == ""]),  # Safewards, BE RIGHT
    ({"country": "BE"}, []),
])
def test_practices_by_setting_and_country_with_parameters(compendium_store, binding, params, expected):
    result = run("practices-by-setting-and-country", params, compendium_store, binding)
    assert [row[:5] + (titles(row[5]),) for row in result.rows] == expected


@pytest.mark.parametrize("binding", BINDINGS)
def test_practices_by_setting_and_country_in_french(compendium_store, binding):
    result = run("practices-by-setting-and-country", {"lang": "fr", "country": "GB"}, compendium_store, binding)
    assert [row[:5] + (titles(row[5]),) for row in result.rows] == [
        # No Force First has no French title: its English one stands in, and Together's French
        # title is still listed (an unbound title used to empty the whole group's cell)
        ("hospital_based", "En milieu hospitalier", "GB", "Royaume-Uni", 2,
         {"Le soutien par les pairs en milieu sécurisé : projet de consultation – Together, Royaume-Uni, 2014",
          "No Force First – United Kingdom"}),
        ("other", "Autre", "GB", "Royaume-Uni", 2,
         {"Réseau des entendeurs de voix (Hearing Voices Network) – International",
          "Soutien intentionnel par les pairs (Intentional Peer Support) – Royaume-Uni et international"}),
    ]


@pytest.mark.parametrize("binding", BINDINGS)
def test_practices_with_peer_reviewed_evidence(compendium_store, binding):
    # Of the practices, only the Hearing Voices Network cites peer-reviewed evidence
    # (Longden et al. 2018, peer_reviewed: true); McGregor 2014 is not marked peer-reviewed, and
    # Repper & Carter 2011 is the section's evidence, not a practice's.
    result = run("practices-with-peer-reviewed-evidence", where=compendium_store, binding=binding)
    assert result.columns == ["practice", "title", "setting_category", "citation", "year", "journal", "doi"]
    assert result.rows == [(COE + "practice/hearing-voices-network-international", HVN, "other", LONGDEN, 2018,
                            "Community Mental Health Journal", None)]
    assert run("practices-with-peer-reviewed-evidence", {"setting_category": "hospital_based"},
               compendium_store, binding).rows == []
    french = run("practices-with-peer-reviewed-evidence", {"lang": "fr"}, compendium_store, binding)
    assert french.rows[0][1] == "Réseau des entendeurs de voix (Hearing Voices Network) – International"


@pytest.mark.parametrize("binding", BINDINGS)
def test_organisations_by_kind_and_country(compendium_store, binding):
    result = run("organisations-by-kind-and-country", where=compendium_store, binding=binding)
    assert result.columns == ["kind", "kind_label", "country", "country_label", "organisation", "name",
                              "peer_operated"]
    assert [(r[0], r[2], r[4]) for r in result.rows] == [(k, c, COE + "org/" + o) for k, c, o in ORGANISATIONS]
    assert {r[6] for r in result.rows} == {False}
    by_id = {r[4].rsplit("/", 1)[1]: r for r in result.rows}
    assert by_id["pat-asbl"][1] == "Association of peer support workers"
    assert by_id["pat-asbl"][3] == "Belgium" and by_id["pat-asbl"][5] == "Peer and Team Support ASBL"
    assert by_id["fapaf"][3] is None  # no country, no country label
    assert by_id["ccoms"][1] == "WHO collaborating centre"


@pytest.mark.parametrize("binding", BINDINGS)
@pytest.mark.parametrize(("params", "expected"), [
    ({"country": "GB"}, [o for o in ORGANISATIONS if o[1] == "GB"]),
    ({"country": "none"}, [o for o in ORGANISATIONS if o[1] == ""]),
    ({"kind": "university"}, [o for o in ORGANISATIONS if o[0] == "university"]),
    ({"kind": "university", "country": "FR"}, [o for o in ORGANISATIONS if o[:2] == ("university", "FR")]),
    ({"kind": "ngo", "country": "none"}, [("ngo", "", "intentional-peer-support")]),
    ({"kind": "peer_operated_service"}, []),
])
def test_organisations_with_parameters(compendium_store, binding, params, expected):
    result = run("organisations-by-kind-and-country", params, compendium_store, binding)
    assert [(r[0], r[2], r[4]) for r in result.rows] == [(k, c, COE + "org/" + o) for k, c, o in expected]


@pytest.mark.parametrize("binding", BINDINGS)
def test_organisations_in_french(compendium_store, binding):
    result = run("organisations-by-kind-and-country", {"lang": "fr", "kind": "peer_worker_association"},
                 compendium_store, binding)
    assert [(r[1], r[3]) for r in result.rows] == [("Association de pairs aidants", "Belgique"),
                                                   ("Association de pairs aidants", "France")]


@pytest.mark.parametrize("binding", BINDINGS)
def test_training_programmes_by_elements_and_accreditation(compendium_store, binding):
    result = run("training-programmes-by-elements-and-accreditation", where=compendium_store, binding=binding)
    assert result.columns == ["programme", "name", "programme_kind", "level", "accreditation", "accredited_by",
                              "elements", "basic_elements", "advanced_elements", "element_codes"]
    assert training_rows(result) == TRAINING
    assert result.rows[3][0] == COE + "training/tuto3-pat-profile-basic"


@pytest.mark.parametrize("binding", BINDINGS)
@pytest.mark.parametrize(("params", "expected"), [
    ({"element": "recovery"}, [BASIC]),
    ({"element": "assessment"}, [ADVANCED]),
    ({"element": "none"}, [LICENCE, TOGETHER_TRAINING]),
    ({"accreditation": "accredited"}, []),
    ({"accreditation": "none", "element": "workplace_training"}, [ADVANCED]),
    ({"accreditation": "none"}, [LICENCE, TOGETHER_TRAINING, ADVANCED, BASIC]),
])
def test_training_programmes_with_parameters(compendium_store, binding, params, expected):
    result = run("training-programmes-by-elements-and-accreditation", params, compendium_store, binding)
    assert [r[1] for r in result.rows] == expected
    assert "element" not in result.columns  # a filter, not a column


@pytest.mark.parametrize("binding", BINDINGS)
def test_competencies_covered_by_training(compendium_store, binding):
    # compendium.yaml: 4 programmes; the two Tuto3 PAT profiles record training elements, the
    # licence and Together's programme neither elements nor competencies: no programme records a
    # competency, so every category is "not_recorded" (0 of 0 recording, 4 programmes), not a gap.
    result = run("competencies-covered-by-training", where=compendium_store, binding=binding)
    assert result.columns == ["competency", "competency_label", "programmes", "codes", "coverage",
                              "programmes_recording", "programmes_in_data"]
    assert [(r[0],) + r[2:] for r in result.rows] == [(c, 0, "", "not_recorded", 0, 4) for c in CATEGORIES]
    assert result.rows[7][1] == "Helps peers to manage crisis"
    french = run("competencies-covered-by-training", {"competency": "C08", "lang": "fr"}, compendium_store, binding)
    assert french.rows == [("C08", "Aide les pairs à gérer une crise", 0, "", "not_recorded", 0, 4)]


# -- the researchers' questions on the whole compendium (issue 13) ---------------------------------------
#: every practice title of the compendium's four files (25 practices)
ALL_PRACTICES = {HVN, IPS, MSP, TOGETHER, BET, DGPPN, HIC, NO_FORCE, OPEN_DIALOGUE, RESTRAINT, WEDDING, OPEN_DOOR,
                 SAFEWARDS, LILLE, NOVARA, OMBUD, HUGARAFL, FGC, MOBILE_UNITS, OPEN_DIALOGUE_FI, CZECH, EKSJO, TRIESTE,
                 ACTION_PLAN, BE_RIGHT}
UPK = "Universitäre Psychiatrische Kliniken Basel"
CHARITE = "Charité – Universitätsmedizin Berlin"


def words(cell: str) -> set[str]:
    return set(cell.split()) if cell else set()


@pytest.mark.parametrize("binding", BINDINGS)
def test_practice_profile(compendium_store, binding):
    # community-hybrid-other.yaml, Hugarafl: community-based, Iceland, local, a voluntary sector
    # organisation, run by Hugarafl since 2003, Submission 22, no evidence, no figure.
    result = run("practice-profile", {"country": "IS"}, compendium_store, binding)
    assert result.columns == ["practice", "title", "section", "setting_category", "settings", "countries",
                              "geographic_scope", "aims", "aim_directness", "organisations", "start_year",
                              "evaluation_status", "submissions", "evidence", "scale", "sources"]
    assert result.rows == [(COE + "practice/hugarafl-iceland", HUGARAFL, "community-based-initiatives",
                            "community_based", "voluntary_sector_organisation", "IS", "local", "promote_voluntary_care",
                            None, "Hugarafl", 2003, "", "Submission 22", 0, "",
                            "https://coe.int/rom/web/bioethics/compendium-report-good-practices-in-the-council-of-europe-"
                            "to-promote-voluntary-measures-in-mental-health-services/-/asset_publisher/a2jyXoYCQgvL/"
                            "content/hugarafl-iceland")]
    # hospital-based.yaml, the open door policy: DE and CH, two organisations, nine citations,
    # one figure (21 German hospitals), a completed quantitative evaluation, no submission number.
    (door,) = [r for r in run("practice-profile", {"country": "CH"}, compendium_store, binding).rows]
    assert (door[1], door[3], words(door[5]), door[6], words(door[7])) == (
        OPEN_DOOR, "hospital_based", {"DE", "CH"}, "international", {"reduce_coercion", "promote_voluntary_care"})
    assert (set(door[9].split(" | ")), door[11], door[12], door[13], door[14]) == (
        {UPK, CHARITE}, "quantitative_completed", "", 9, "exact 21 sites (DE)")
    every = run("practice-profile", where=compendium_store, binding=binding)
    assert {r[1] for r in every.rows} == ALL_PRACTICES and len(every.rows) == 25
    hvn = next(r for r in every.rows if r[1] == HVN)  # compendium.yaml: seven countries, two figures
    assert words(hvn[5]) == {"GR", "DK", "GB", "UG", "JP", "AU", "US"} and hvn[13] == 2
    assert set(hvn[14].split(" | ")) == {"more_than 180 groups (GB)", "exact 62 groups_assessed (GB)"}
    assert {r[1] for r in run("practice-profile", {"country": "none"}, compendium_store, binding).rows} == {
        SAFEWARDS, BE_RIGHT}
    assert {r[1] for r in run("practice-profile", {"setting_category": "hybrid"}, compendium_store, binding).rows} == {
        CZECH, EKSJO, TRIESTE}
    assert run("practice-profile", {"country": "PT"}, compendium_store, binding).rows == []


BE_RIGHT_FR = ("BE RIGHT – Initiative multinationale pour la formation des professionnels de la santé et des services "
               "sociaux dans les établissements de santé mentale")
BE_RIGHT_SOURCES = {
    "https://www.coe.int/en/web/bioethics/other-initiatives-toward-reduction-of-coercion/-/highest_rated_assets/"
    "ZaFHEPWjPcNI/content/training",
    "https://www.coe.int/fr/web/bioethics/other-initiatives-toward-reduction-of-coercion/-/highest_rated_assets/"
    "ZaFHEPWjPcNI/content/formation"}


@pytest.mark.parametrize("binding", BINDINGS)
@pytest.mark.parametrize("name", ["be-right-training", "coe:practice/be-right-training",
                                  COE + "practice/be-right-training", " BE-RIGHT-Training "])
def test_the_profile_of_one_practice(compendium_store, binding, name):
    # community-hybrid-other.yaml, BE RIGHT, read by hand: section training, other, online, no
    # country, international, one aim (indirect), the Andalusian School of Public Health, no start
    # year, evaluation or submission, no citation, 75 trainees, two source pages (en, fr).
    result = run("practice-profile", {"practice": name, "lang": "fr"}, compendium_store, binding)
    assert result.columns[0] == "practice" and len(result.rows) == 1
    (row,) = result.rows
    assert row[:15] == (COE + "practice/be-right-training", BE_RIGHT_FR, "training", "other", "online", "",
                        "international", "promote_voluntary_care", "indirect", "Andalusian School of Public Health",
                        None, "", "", 0, "exact 75 trainees")
    assert set(row[15].split(" ")) == BE_RIGHT_SOURCES


@pytest.mark.parametrize("binding", BINDINGS)
def test_the_practice_parameter_keeps_the_other_filters(compendium_store, binding):
    one = run("practice-profile", {"practice": "hugarafl-iceland"}, compendium_store, binding).rows
    assert one == run("practice-profile", {"country": "IS"}, compendium_store, binding).rows  # the only one in IS
    assert one[0][1] == HUGARAFL and one[0][12] == "Submission 22"
    # the filters still apply: Hugarafl is community-based and in IS, so these answer no rows
    assert run("practice-profile", {"practice": "hugarafl-iceland", "country": "NO"}, compendium_store, binding).rows == []
    assert run("practice-profile", {"practice": "hugarafl-iceland", "setting_category": "hybrid"},
               compendium_store, binding).rows == []
    # a well-formed name of no practice the store holds: no rows, and not another practice's row
    for absent in ["hugarafl-portugal", "https://example.org/peer/practice/crisis-house",
                   COE + "org/hugarafl"]:  # an organisation's IRI is not a practice
        assert run("practice-profile", {"practice": absent}, compendium_store, binding).rows == []


def test_the_practice_parameter_is_a_text_field_of_the_question_form():
    from peer_schema.rdf.question_forms import form_params, question_form

    field = question_form("practice-profile", "fr").fields[0]
    assert (field.name, field.kind, field.label, field.choices) == ("practice", "Practice", "Pratique (sa clé)", ())
    assert form_params("practice-profile", {"practice": " hugarafl-iceland ", "country": ""}) == {
        "practice": "hugarafl-iceland"}


@pytest.mark.parametrize(("value", "message"), [
    ("Hugarafl – Iceland", r"not a practice's key .*did you mean hugarafl-iceland\?"),
    ("hugarafl-iceland> } DROP ALL #", r"not a practice's key"),
    ('x" } ; DROP ALL ; #', r"not a practice's key"),
    ("ex:practice/crisis-house", r"compact name \(coe:practice/KEY\)"),  # a prefix the parameter cannot expand
    ("coe:practice/a/b", r"not a practice's key"),
    ("https://example.org/a b", r"not a practice's key"),
    ("ftp://example.org/practice/x", r"not a practice's key"),
    ("x" * 201, r"not a practice's key"),
])
def test_a_practice_parameter_is_checked_strictly(compendium_store, value, message):
    with pytest.raises(ParameterError, match=message):
        run("practice-profile", {"practice": value}, compendium_store)


@pytest.mark.parametrize("binding", BINDINGS)
@pytest.mark.parametrize(("params", "expected"), [
    # compendium.yaml: Hearing Voices Network and Intentional Peer Support follow the
    # socio-political model; only the Hearing Voices Network records facilitation (all three ways)
    ({"peer_support_model": "socio_political"}, {HVN, IPS}),
    ({"facilitation": "fully_peer_led"}, {HVN}),
    ({"facilitation": "professional_only", "peer_support_model": "remedial"}, set()),
    # evaluation_status: HVN (systematic_assessment), IPS (no_peer_reviewed_research,
    # measure_developed), médiateur (qualitative_positive, quantitative_underway), Weddinger Modell
    # and open door policy (quantitative_completed); the 20 others record none
    ({"evaluation_status": "quantitative_completed"}, {WEDDING, OPEN_DOOR}),
    ({"evaluation_status": "none"}, ALL_PRACTICES - {HVN, IPS, MSP, WEDDING, OPEN_DOOR}),
    # aims: of the hospital-based practices, the DGPPN guidelines and the Weddinger Modell aim to prevent coercion
    ({"aim": "prevent_coercion", "setting_category": "hospital_based"}, {DGPPN, WEDDING}),
    ({"aim": "none"}, {TOGETHER}),  # Together's consultation records no aim
])
def test_practices_by_model_facilitation_aim_and_evaluation(compendium_store, binding, params, expected):
    result = run("practices-by-model-facilitation-aim-and-evaluation", params, compendium_store, binding)
    assert {r[1] for r in result.rows} == expected
    assert len(result.rows) == len(expected)


@pytest.mark.parametrize("binding", BINDINGS)
def test_practices_by_model_facilitation_aim_and_evaluation_columns(compendium_store, binding):
    result = run("practices-by-model-facilitation-aim-and-evaluation", where=compendium_store, binding=binding)
    assert result.columns == ["practice", "title", "setting_category", "peer_support_models", "facilitations", "aims",
                              "aim_directness", "evaluation_statuses"]
    rows = {r[1]: (r[2], words(r[3]), words(r[4]), words(r[5]), r[6], words(r[7])) for r in result.rows}
    assert rows[HVN] == ("other", {"socio_political"}, {"fully_peer_led", "mixed_experience", "professional_only"},
                         {"promote_voluntary_care", "reduce_coercion"}, "indirect", {"systematic_assessment"})
    assert rows[MOBILE_UNITS] == ("community_based", set(), set(), {"reduce_coercion"}, "direct", set())


#: evidence-with-pages, cited for a whole section (setting_category ""): (citation's authors, year,
#: pages, peer_reviewed). compendium.yaml: Repper & Carter for Peer Support and the Peer
#: Workforce; part-ii-sections.yaml: four citations of Advance Planning.
SECTION_EVIDENCE = {("Repper, J. & Carter, T.", 2011, "392", True), ("Weller", 2013, "", False),
                    ("Barbui et al.", 2020, "5", False), ("de Jong et al.", 2016, "", False),
                    ("Maylea, C. et al.", 2018, "", False)}


@pytest.mark.parametrize("binding", BINDINGS)
def test_evidence_with_pages(compendium_store, binding):
    result = run("evidence-with-pages", where=compendium_store, binding=binding)
    assert result.columns == ["cited_for", "cited_for_title", "setting_category", "citation", "authors", "year", "pages",
                              "peer_reviewed"]
    # 29 citations of practices (open door policy 9, Intentional Peer Support 4, two each for the
    # Hearing Voices Network, Family Group Conferencing, Trieste, the restraint reduction and the
    # Weddinger Modell, one each for East Lille, the Mobile Units, Open Dialogue (Finland), BET,
    # DGPPN and HIC units) and 5 of sections; two are peer-reviewed (Longden et al. 2018, Repper &
    # Carter 2011)
    assert len(result.rows) == 34
    assert sum(1 for r in result.rows if r[7]) == 2
    sections = run("evidence-with-pages", {"setting_category": "none"}, compendium_store, binding)
    assert {r[4:] for r in sections.rows} == SECTION_EVIDENCE
    hybrid = run("evidence-with-pages", {"setting_category": "hybrid"}, compendium_store, binding)
    assert [(r[1], r[4], r[5], r[6]) for r in hybrid.rows] == [
        (TRIESTE, "Mezzina, R.", 2014, "440", ), (TRIESTE, "Portacolone et al.", 2015, "")]
    pages = {(r[1], r[6]) for r in result.rows if r[6]}
    assert (HIC, "3-4") in pages and (MOBILE_UNITS, "7") in pages and (OPEN_DOOR, "33") in pages
    assert (OPEN_DIALOGUE_FI, "17") in pages


#: scale-figures, no parameters: (title, quantity, qualifier, unit, country), from the scale of
#: each practice in the four files
FIGURES = sorted([
    (HVN, 180, "more_than", "groups", "GB"), (HVN, 62, "exact", "groups_assessed", "GB"),
    (MSP, 30, "exact", "peer_workers", "FR"), (MSP, 3, "exact", "regions", "FR"), (MSP, 35, "exact", "positions", "FR"),
    (MSP, 6, "exact", "regions", "FR"), (MSP, 15, "exact", "sites", "FR"),
    (TOGETHER, 220, "more_than", "service_users_reached", "GB"), (EKSJO, 170, "exact", "participants", "SE"),
    (BE_RIGHT, 75, "exact", "trainees", ""), (FGC, 3, "exact", "regions", "NL"),
    (MOBILE_UNITS, 25, "more_than", "sites", "GR"), (OPEN_DOOR, 21, "exact", "sites", "DE"),
])


@pytest.mark.parametrize("binding", BINDINGS)
def test_scale_figures(compendium_store, binding):
    result = run("scale-figures", where=compendium_store, binding=binding)
    assert result.columns == ["of", "title", "quantity", "qualifier", "unit", "unit_label", "country", "note"]
    assert sorted((r[1], r[2], r[3], r[4], r[6]) for r in result.rows) == FIGURES
    sites = run("scale-figures", {"unit": "sites"}, compendium_store, binding)
    assert [(r[1], r[2]) for r in sites.rows] == [(MOBILE_UNITS, 25), (MSP, 15), (OPEN_DOOR, 21)]  # by title
    nowhere = run("scale-figures", {"country": "none", "lang": "fr"}, compendium_store, binding)
    assert [(r[1], r[2], r[5]) for r in nowhere.rows] == [  # BE RIGHT's French title and the unit's French label
        ("BE RIGHT – Initiative multinationale pour la formation des professionnels de la santé et des services sociaux "
         "dans les établissements de santé mentale", 75, "personnes en formation")]


#: the 46 member states of vocab/countries.yaml's collection, less the 13 where a practice of the
#: compendium is carried out (CH CZ DE DK FI FR GB GR IS IT NL NO SE)
STATES_WITHOUT_PRACTICE = ["AD", "AL", "AM", "AT", "AZ", "BA", "BE", "BG", "CY", "EE", "ES", "GE", "HR", "HU",
                           "IE", "LI", "LT", "LU", "LV", "MC", "MD", "ME", "MK", "MT", "PL", "PT", "RO", "RS", "SI",
                           "SK", "SM", "TR", "UA"]


@pytest.mark.parametrize("binding", BINDINGS)
def test_coe_states_without_practice(compendium_store, binding):
    result = run("coe-states-without-practice", where=compendium_store, binding=binding)
    assert result.columns == ["country", "country_label"]
    assert [r[0] for r in result.rows] == STATES_WITHOUT_PRACTICE
    assert ("BE", "Belgium") in result.rows
    # hospital-based practices are carried out in CH DE GB NL NO only
    hospital = run("coe-states-without-practice", {"setting_category": "hospital_based"}, compendium_store, binding)
    assert [r[0] for r in hospital.rows] == sorted(STATES_WITHOUT_PRACTICE + ["CZ", "DK", "FI", "FR", "GR", "IS", "IT", "SE"])
    french = run("coe-states-without-practice", {"lang": "fr"}, compendium_store, binding)
    assert ("BE", "Belgique") in french.rows


@pytest.mark.parametrize("binding", BINDINGS)
def test_practices_by_start_year(compendium_store, binding):
    # start_year in the YAML: Mobile Units 1981, Personal Ombud 1995, Hugarafl 2003, Weddinger
    # Modell 2010, médiateur de santé pair 2012, HIC units 2013, DGPPN guidelines 2018
    result = run("practices-by-start-year", where=compendium_store, binding=binding)
    assert result.columns == ["start_year", "setting_category", "practices", "titles"]
    assert result.rows == [(1981, "community_based", 1, MOBILE_UNITS), (1995, "community_based", 1, OMBUD),
                           (2003, "community_based", 1, HUGARAFL), (2010, "hospital_based", 1, WEDDING),
                           (2012, "other", 1, MSP), (2013, "hospital_based", 1, HIC), (2018, "hospital_based", 1, DGPPN)]
    french = run("practices-by-start-year", {"setting_category": "other", "lang": "fr"}, compendium_store, binding)
    assert french.rows == [(2012, "other", 1, "Médiateur de santé pair – France")]


@pytest.mark.parametrize("binding", BINDINGS)
def test_organisations_and_their_practices(compendium_store, binding):
    result = run("organisations-and-their-practices", where=compendium_store, binding=binding)
    assert result.columns == ["organisation", "name", "country", "practices", "titles"]
    # 21 organisations are involved in one practice each (HVN 2, médiateur 3, Together 2, open
    # door 2, 12 others 1); the 12 others (Tuto3 PAT partners, FAPAF, Mind, NSUN) in none
    assert len(result.rows) == 33
    assert sorted(r[3] for r in result.rows) == [0] * 12 + [1] * 21
    assert all(r[4] == "" for r in result.rows if r[3] == 0)
    norway = run("organisations-and-their-practices", {"country": "NO"}, compendium_store, binding)
    assert [(r[1], r[3], r[4]) for r in norway.rows] == [
        ("Akershus University Hospital", 1, OPEN_DIALOGUE), ("Lovisenberg Diaconal Hospital", 1, RESTRAINT),
        ("Inland Norway University of Applied Sciences", 0, "")]
    nowhere = run("organisations-and-their-practices", {"country": "none"}, compendium_store, binding)
    assert {(r[1], r[3]) for r in nowhere.rows} == {
        ("Intervoice", 1), ("Intentional Peer Support", 1),
        ("FAPAF: Federation of French Speaking Peer Support Workers' Organizations", 0)}


@pytest.mark.parametrize("binding", BINDINGS)
def test_federation_memberships(compendium_store, examples_store, binding):
    # compendium.yaml: PAT ASBL (BE) is a founding member of FAPAF (no country), no date
    result = run("federation-memberships", where=compendium_store, binding=binding)
    assert result.columns == ["member", "member_name", "country", "federation", "federation_name",
                              "federation_country", "role", "role_label", "start_date"]
    assert result.rows == [(COE + "org/pat-asbl", "Peer and Team Support ASBL", "BE", COE + "org/fapaf",
                            "FAPAF: Federation of French Speaking Peer Support Workers' Organizations", None,
                            "founding_member", "Founding member", None)]
    assert run("federation-memberships", {"role": "member"}, compendium_store, binding).rows == []
    assert run("federation-memberships", {"country": "none"}, compendium_store, binding).rows == []
    assert run("federation-memberships", {"lang": "fr"}, compendium_store, binding).rows[0][7] == "Membre fondateur"
    # examples/valid/Organisation-association.yaml: Pairs Ensemble (BE) joined the fictional
    # federation (FR) as a founding member on 2021-03-15
    fictional = run("federation-memberships", {"country": "BE"}, examples_store, binding)
    assert [(r[1], r[4], r[5], r[6], r[8]) for r in fictional.rows] == [
        ("Pairs Ensemble (fictional)", "Fédération fictive des pairs aidants", "FR", "founding_member", "2021-03-15")]


# -- the same questions on the fictional registry of examples/valid --------------------------------------------
@pytest.mark.parametrize("binding", BINDINGS)
def test_examples_peer_operated_services_are_marked(examples_store, binding):
    # Organisation-association.yaml: Pairs Ensemble is an association, a placement platform and a
    # peer-operated service (BE); its federation (FR), a hospital and a university (BE) are not.
    result = run("organisations-by-kind-and-country", where=examples_store, binding=binding)
    assert [(r[0], r[2], r[4].rsplit("/", 1)[1], r[6]) for r in result.rows] == [
        ("federation", "FR", "federation-fictive", False),
        ("mental_health_service_provider", "BE", "hopital-fictif", False),
        ("peer_operated_service", "BE", "pairs-ensemble", True),
        ("peer_worker_association", "BE", "pairs-ensemble", True),
        ("placement_platform", "BE", "pairs-ensemble", True),
        ("university", "BE", "universite-fictive", False),
    ]
    only = run("organisations-by-kind-and-country", {"kind": "peer_operated_service"}, examples_store, binding)
    assert [(r[5], r[6]) for r in only.rows] == [("Pairs Ensemble (fictional)", True)]


@pytest.mark.parametrize("binding", BINDINGS)
def test_examples_accredited_programme(examples_store, binding):
    # TrainingProgramme-accredited.yaml: a basic programme covering the 12 basic elements,
    # accredited by ex:org/universite-fictive ("Université fictive", described in another file).
    expected = [("Basic peer support course (fictional)", "programme", "basic", "accredited", "Université fictive",
                 12, 12, 0, set(BASIC_ELEMENTS))]
    for params in ({}, {"accreditation": "accredited"}, {"accreditation": "accredited", "element": "stigma"}):
        result = run("training-programmes-by-elements-and-accreditation", params, examples_store, binding)
        assert training_rows(result) == expected, params
    for params in ({"accreditation": "none"}, {"element": "assessment"}, {"element": "none"}):
        assert run("training-programmes-by-elements-and-accreditation", params, examples_store, binding).rows == []


@pytest.mark.parametrize("binding", BINDINGS)
def test_examples_competencies(examples_store, binding):
    # The same programme lists competencies_covered: [C01, C02, C09].
    # It is the only programme, and it records competencies: the other nine categories are gaps.
    result = run("competencies-covered-by-training", where=examples_store, binding=binding)
    assert [(r[0],) + r[2:] for r in result.rows] == [
        (c, 1, c, "taught", 1, 1) if c in ("C01", "C02", "C09") else (c, 0, "", "gap", 1, 1) for c in CATEGORIES]
    c09 = run("competencies-covered-by-training", {"competency": "C09"}, examples_store, binding)
    assert c09.rows == [("C09", "Values communication", 1, "C09", "taught", 1, 1)]


@pytest.mark.parametrize("binding", BINDINGS)
def test_examples_practice_with_evidence(examples_store, binding):
    # Practice-community.yaml: a community-based practice in BE, with Repper & Carter (2011).
    result = run("practices-with-peer-reviewed-evidence", where=examples_store, binding=binding)
    assert [r[1:] for r in result.rows] == [(
        "Peer-run crisis house (fictional)", "community_based",
        "Repper, J. & Carter, T. (2011). A review of the literature on peer support in mental health services. "
        "Journal of Mental Health, 20(4), 392-411, p.392", 2011, "Journal of Mental Health",
        "10.3109/09638237.2011.583947")]
    by_setting = run("practices-by-setting-and-country", where=examples_store, binding=binding)
    assert [r[:5] for r in by_setting.rows] == [("community_based", "Community-Based", "BE", "Belgium", 1)]


# -- parameters -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "params", "message"), [
    ("organisations-by-kind-and-country", {"country": "XX"}, r"country='XX': not a code .*Countries"),
    ("organisations-by-kind-and-country", {"country": "G-B"}, r"did you mean GB\?"),
    ("organisations-by-kind-and-country", {"kind": "peer_operated"}, r"did you mean peer_operated_service"),
    ("organisations-by-kind-and-country", {"city": "Namur"}, r"has no parameter 'city' \(its parameters: kind, "),
    ("organisations-by-kind-and-country", {"country": ""}, r"empty value"),
    ("organisations-by-kind-and-country", {"lang": "de"}, r"language must be one of en, fr"),
    ("practices-with-peer-reviewed-evidence", {"setting_category": "none"}, r"not a code"),  # no +none here
    ("competencies-covered-by-training", {"competency": "C08.1"}, r"not a category code"),
    ("organisations-by-kind-and-country", {"country": 'GB" } DROP ALL ; SELECT * { "'}, r"not a code"),
])
def test_parameter_errors(compendium_store, name, params, message):
    with pytest.raises(ParameterError, match=message):
        run(name, params, compendium_store)


def test_unknown_question():
    with pytest.raises(UnknownQuestion, match="did you mean organisations-by-kind-and-country"):
        run("organisations-by-kind")


def test_values_block_holds_escaped_terms_only():
    sparql = "PREFIX x: <http://x/>\nSELECT ?a ?b WHERE {\n  ?s x:p ?a ; x:q ?b .\n}"
    text = with_values(sparql, {"a": pyoxigraph.Literal("GB"), "b": pyoxigraph.Literal('x" } DROP ALL #')})
    assert text == ('PREFIX x: <http://x/>\nSELECT ?a ?b WHERE { VALUES (?a ?b) { ("GB" "x\\" } DROP ALL #") } \n'
                    '  ?s x:p ?a ; x:q ?b .\n}')
    assert check_read_only(text).form == "SELECT"  # the quote is escaped: DROP stays inside the string
    with pytest.raises(ParameterError):
        with_values(sparql, {"a": "GB"})  # a bare string is not a term
    with pytest.raises(ParameterError):
        with_values(sparql, {"a) {} } DROP ALL #": pyoxigraph.Literal("x")})


def test_a_values_binding_with_a_quote_runs_as_a_query(compendium_store):
    text = with_values("SELECT ?name WHERE { ?org <http://schema.org/name> ?name }",
                       {"name": pyoxigraph.Literal('Together" } ; DROP ALL ; #')})
    assert run_sparql(text, compendium_store).rows == []
    text = with_values("SELECT ?name WHERE { ?org <http://schema.org/name> ?name }",
                       {"name": pyoxigraph.Literal("Together")})
    assert run_sparql(text, compendium_store).rows == [("Together",)]


# -- free-form SPARQL is read-only ----------------------------------------------------------------------------
ALLOWED = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3",
    "DESCRIBE <https://w3id.org/peer-schema/compendium/org/together>",
    # keywords in strings, IRIs, comments, variables and prefixed names are not keywords
    'SELECT * WHERE { ?s ?p "INSERT DATA { <a> <b> <c> }" } # DROP ALL',
    "SELECT * WHERE { ?s ?p '''SERVICE <http://evil.example/> { ?a ?b ?c }''' }",
    'SELECT * WHERE { ?s ?p "a \\" SERVICE <http://evil.example/> { } \\"" }',
    "SELECT ?service ?load WHERE { ?service <http://example.org/SERVICE> ?load }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:load ex:drop ; ex:service ?o }",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o < 3 && ?o > 1) }",
    'SELECT * WHERE { ?s ?p ?o FILTER(lang(?o) = "fr") } # FROM <http://evil.example/>',
    "SELECT * # SERVICE <http://evil.example/> {\nWHERE { ?s ?p ?o }",
]

REFUSED = [
    ("INSERT DATA { <http://a/> <http://b/> <http://c/> }", "INSERT is refused: this is an update"),
    ("DELETE WHERE { ?s ?p ?o }", "DELETE is refused"),
    ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE is refused"),
    ("WITH <http://g/> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "WITH is refused"),
    ("LOAD <http://evil.example/data.ttl>", "LOAD is refused"),
    ("CLEAR ALL", "CLEAR is refused"),
    ("CREATE GRAPH <http://g/>", "CREATE is refused"),
    ("DROP ALL", "DROP is refused"),
    ("COPY DEFAULT TO <http://g/>", "COPY is refused"),
    ("MOVE DEFAULT TO <http://g/>", "MOVE is refused"),
    ("ADD DEFAULT TO <http://g/>", "ADD is refused"),
    ("# just a query\nSELECT * WHERE { ?s ?p ?o } ;\ndrop all", "DROP is refused"),
    ('PREFIX ex: <http://ex/> # "\ninsert data { ex:a ex:b "SELECT" }', "INSERT is refused"),
    ("SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ("SELECT * WHERE { service silent <http://evil.example/sparql> { ?s ?p ?o } }", "SERVICE is refused"),
    ('SELECT * WHERE { ?s ?p "x" . SERVICE ?endpoint { ?s ?p ?o } }', "SERVICE is refused"),
    ("SELECT * FROM <http://evil.example/data.ttl> WHERE { ?s ?p ?o }",
     "FROM <http://evil.example/data.ttl> is refused"),
    ("SELECT * FROM NAMED <http://evil.example/data.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
     "FROM NAMED <http://evil.example/data.ttl> is refused"),
    ("PREFIX e: <http://evil.example/> SELECT * FROM e:data WHERE { ?s ?p ?o }",
     "FROM <http://evil.example/data> is refused"),
    ("BASE <http://evil.example/> SELECT * FROM <data.ttl> WHERE { ?s ?p ?o }",
     "FROM <http://evil.example/data.ttl> is refused"),
]


@pytest.mark.parametrize("text", ALLOWED)
def test_read_only_queries_run(compendium_store, text):
    result = run_sparql(text, compendium_store)
    assert result.kind in ("select", "ask", "graph")


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_updates_service_and_remote_from_are_refused(compendium_store, text, message):
    before = run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", compendium_store).rows
    with pytest.raises(UnsafeQuery) as refused:
        run_sparql(text, compendium_store)
    assert message in str(refused.value)
    assert run_sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", compendium_store).rows == before


@pytest.mark.parametrize(("text", "message"), REFUSED[:16])
def test_the_token_analysis_alone_refuses(monkeypatch, text, message):
    """Without rdflib (the grammar analysis), the tokens still decide."""
    monkeypatch.setattr(sparql_guard, "_grammar_analysis", lambda text: None)
    with pytest.raises(UnsafeQuery, match=re.escape(message.split(" is refused")[0])):
        check_read_only(text)


@pytest.mark.parametrize("text", [
    "INSERT DATA { <http://a/> <http://b/> <http://c/> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://evil.example/data.ttl>",
    "DROP ALL",
    "SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }",
])
def test_the_grammar_analysis_alone_refuses(text):
    """rdflib's parser, on its own, sees updates and SERVICE (the second line of defence)."""
    pytest.importorskip("rdflib")
    with pytest.raises(UnsafeQuery, match="update|SERVICE"):
        sparql_guard._grammar_analysis(text)


@pytest.mark.parametrize("text", ALLOWED)
def test_the_grammar_analysis_accepts_the_read_only_queries(text):
    pytest.importorskip("rdflib")
    shape = sparql_guard._grammar_analysis(text)
    assert shape is not None and shape.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
    assert check_read_only(text).checked_by == "grammar"


def test_from_a_graph_of_the_store_is_allowed(tmp_path):
    folder = tmp_path / "store"
    db = pyoxigraph.Store(str(folder))
    graph = pyoxigraph.NamedNode("https://w3id.org/peer-schema/compendium/graph")
    db.add(pyoxigraph.Quad(pyoxigraph.NamedNode("http://a/"), pyoxigraph.NamedNode("http://b/"),
                           pyoxigraph.Literal("c"), graph))
    db.flush()
    del db
    store_files.write_manifest(folder, 1)  # a store made by another tool, marked complete
    assert run_sparql(f"SELECT ?o FROM {graph} WHERE {{ ?s ?p ?o }}", folder).rows == [("c",)]
    assert run_sparql(f"SELECT ?o FROM NAMED {graph} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}", folder).rows == [("c",)]
    with pytest.raises(UnsafeQuery, match="not a graph of this store"):
        run_sparql("SELECT ?o FROM <https://w3id.org/peer-schema/compendium/other> WHERE { ?s ?p ?o }", folder)


def test_tokens():
    toks = list(sparql_guard.tokens('PREFIX e: <http://e/> SELECT ?x WHERE { ?x e:p "a\\"b", \'\'\'c\nd\'\'\'@fr . '
                                    'FILTER(?x<3) } # INSERT'))
    assert [(t.kind, t.text) for t in toks] == [
        ("WORD", "PREFIX"), ("PNAME", "e:"), ("IRI", "http://e/"), ("WORD", "SELECT"), ("VAR", "x"),
        ("WORD", "WHERE"), ("PUNCT", "{"), ("VAR", "x"), ("PNAME", "e:p"), ("STRING", '"a\\"b"'), ("PUNCT", ","),
        ("STRING", "'''c\nd'''"), ("LANGTAG", "fr"), ("PUNCT", "."), ("WORD", "FILTER"), ("PUNCT", "("),
        ("VAR", "x"), ("PUNCT", "<"), ("NUMBER", "3"), ("PUNCT", ")"), ("PUNCT", "}")]
    with pytest.raises(UnsafeQuery, match="unterminated string"):
        list(sparql_guard.tokens('SELECT * WHERE { ?s ?p "open } '))


def test_a_syntax_error_is_a_query_error(compendium_store):
    with pytest.raises(queries.QueryError, match="syntax"):
        run_sparql("SELECT * WHERE { ?s ?p }", compendium_store)


# -- output ----------------------------------------------------------------------------------------------------
SAMPLE = Result(["code", "label", "n", "ok"], [("GB", "United Kingdom", 2, True), ("FR", None, 10, False)])


def test_as_table():
    assert as_table(SAMPLE) == (
        "code  label            n  ok\n"
        "----  --------------  --  -----\n"
        "GB    United Kingdom   2  true\n"
        "FR                    10  false\n"
        "(2 rows)\n")
    assert "United Ki…" in as_table(SAMPLE, max_width=10)


def test_as_csv_reads_back():
    rows = list(csv.reader(io.StringIO(as_csv(Result(["a", "b"], [('say "hi", then go', None), ("x\ny", 1.5)])))))
    assert rows == [["a", "b"], ['say "hi", then go', ""], ["x\ny", "1.5"]]


def test_as_json_reads_back():
    assert json.loads(as_json(SAMPLE)) == {"columns": ["code", "label", "n", "ok"], "rows": [
        {"code": "GB", "label": "United Kingdom", "n": 2, "ok": True},
        {"code": "FR", "label": None, "n": 10, "ok": False}]}


def test_renderers_on_a_real_answer(compendium_store):
    result = run("organisations-by-kind-and-country", {"country": "none"}, compendium_store)
    table = as_table(result)
    assert table.splitlines()[0].split() == result.columns and table.endswith("(3 rows)\n")
    assert [r["name"] for r in json.loads(as_json(result))["rows"]] == [
        "FAPAF: Federation of French Speaking Peer Support Workers' Organizations", "Intervoice",
        "Intentional Peer Support"]
    assert list(csv.reader(io.StringIO(as_csv(result))))[1][6] == "false"


# -- the researcher's guide shows every saved question --------------------------------------------------------
def test_the_guide_shows_every_question_and_its_sparql():
    guide = (ROOT / "docs" / "guide-researchers.md").read_text(encoding="utf-8")
    for q in list_questions():
        body = q.sparql[q.sparql.index("PREFIX"):].strip()
        assert q.name in guide, q.name
        assert body in guide, f"docs/guide-researchers.md: the SPARQL of {q.name} is not the one in {q.path}"
