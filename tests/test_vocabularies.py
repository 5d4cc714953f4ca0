"""The reference vocabularies: valid data, complete in English and French, exported as SKOS."""

from __future__ import annotations

import pytest
import yaml
from conftest import VOCAB, files_in

from peer_schema import artifacts, validate

PV = "https://w3id.org/peer-schema/vocab/"


@pytest.fixture(scope="module")
def skos():
    from rdflib import Graph

    return Graph().parse(data=artifacts.read_text("vocabularies.ttl"), format="turtle")


def scheme(name: str) -> dict:
    return artifacts.vocabularies()[name]


@pytest.mark.parametrize("path", files_in(VOCAB), ids=lambda p: p.name)
def test_vocabulary_file_is_valid_data(path):
    assert validate([path]).findings == []


def test_every_concept_has_english_and_french_labels():
    for name, s in artifacts.vocabularies().items():
        for code, concept in s["concepts"].items():
            assert concept["label"].get("en", "").strip(), f"{name}/{code} has no English label"
            assert concept["label"].get("fr", "").strip(), f"{name}/{code} has no French label"


def test_required_vocabularies_are_all_there():
    assert {
        "Competency", "TrainingElement", "Country", "SettingCategory", "PeerSupportModel", "IpsTask",
        "OrganisationKind", "Activity", "FundingSource",
    } <= set(artifacts.vocabularies())


def test_competency_framework_as_printed():
    concepts = scheme("Competency")["concepts"]
    categories = [c for c in concepts if "broader" not in concepts[c]]
    items = [c for c in concepts if "broader" in concepts[c]]
    assert categories == [f"C{n:02d}" for n in range(1, 13)]
    per_category = {cat: sum(concepts[i]["broader"] == cat for i in items) for cat in categories}
    assert list(per_category.values()) == [4, 4, 4, 4, 6, 6, 5, 5, 7, 5, 8, 6]
    # The source says 63 items; 64 are printed, one of them twice (C04.4 and C07.5).
    assert len(items) == 64
    assert concepts["C04.4"]["label"]["en"] == concepts["C07.5"]["label"]["en"]
    assert concepts["C01.1"]["label"]["en"] == "Initiates, maintain and restores contact with peers."


def test_competency_data_states_the_item_count_finding():
    data = yaml.safe_load((VOCAB / "competencies.yaml").read_text(encoding="utf-8"))
    note = data["concept_schemes"][0]["editorial_note"]
    assert "63" in note and "64" in note
    third = next(c for c in data["concept_schemes"][0]["concepts"] if c["notation"] == "C03")
    assert "02" in third["editorial_note"]


def test_training_elements_split_basic_and_advanced():
    s = scheme("TrainingElement")
    assert len(s["concepts"]) == 15
    assert len(s["collections"]["basic"]) == 12
    assert set(s["collections"]["advanced"]) == {"psychoeducation_and_knowledge", "assessment", "workplace_training"}
    assert set(s["collections"]["basic"]) | set(s["collections"]["advanced"]) == set(s["concepts"])


def test_council_of_europe_has_46_member_states():
    s = scheme("Country")
    members = set(s["collections"]["coe-member-states"])
    assert len(members) == 46
    assert {"FR", "BE", "NO", "NL", "TR", "UA", "GB", "MD"} <= members
    assert not {"RU", "BY", "CA", "US"} & members
    assert s["concepts"]["NO"]["label"] == {"en": "Norway", "fr": "Norvège"}
    assert s["concepts"]["NL"]["label"]["fr"] == "Pays-Bas"
    assert {"CA", "AU", "US", "UG", "JP"} <= set(s["concepts"])  # named in the sources


def test_ips_tasks_and_peer_support_models():
    assert list(scheme("IpsTask")["concepts"]) == ["connection", "worldview", "mutuality", "moving_towards"]
    assert set(scheme("PeerSupportModel")["concepts"]) == {"remedial", "partnership_interactional", "socio_political"}
    assert list(scheme("SettingCategory")["concepts"]) == ["community_based", "hospital_based", "hybrid", "other"]


def test_skos_structure(skos):
    from rdflib import RDF, SKOS, URIRef

    concepts = set(skos.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) > 400
    for c in concepts:
        langs = {label.language for label in skos.objects(c, SKOS.prefLabel)}
        assert {"en", "fr"} <= langs, c
        assert skos.value(c, SKOS.inScheme) is not None, c
        assert skos.value(c, SKOS.notation) is not None, c
    item = URIRef(PV + "competency/C03.2")
    assert skos.value(item, SKOS.broader) == URIRef(PV + "competency/C03")
    assert (URIRef(PV + "country/FR"), SKOS.exactMatch,
            URIRef("http://publications.europa.eu/resource/authority/country/FRA")) in skos
    assert (URIRef(PV + "country"), RDF.type, SKOS.ConceptScheme) in skos


def test_enumerations_match_the_vocabularies():
    """The enums in the schema are generated from the vocabularies; their codes agree."""
    schema = artifacts.json_schema()
    for name, s in artifacts.vocabularies().items():
        assert set(schema["$defs"][name]["enum"]) == set(s["concepts"]), name


def test_disclosable_fields_are_the_fields_of_a_peer_worker():
    schema = artifacts.json_schema()
    from peer_schema.checks.consent import NOT_DISCLOSED

    fields = set(schema["$defs"]["PeerWorker"]["properties"]) - NOT_DISCLOSED
    assert set(scheme("DisclosableField")["concepts"]) == fields | {"peer_status"}
