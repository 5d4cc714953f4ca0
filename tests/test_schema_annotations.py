"""The model's own rules: every slot described and labelled for privacy; no identifying fields."""

from __future__ import annotations

import pytest

SENSITIVITIES = {"public", "personal", "special_category"}
PROFILES = {"public", "federation", "internal"}
# Fields that identify a person or reveal health details; none may exist on a peer worker.
FORBIDDEN_ON_PEER_WORKER = {
    "name", "first_name", "last_name", "full_name", "given_name", "family_name", "email", "phone",
    "telephone", "address", "birth_date", "date_of_birth", "age", "gender", "photo", "diagnosis",
    "condition", "personal_story", "story", "notes", "comment", "description",
}


def annotation(element, key):
    ann = element.annotations.get(key)
    return None if ann is None else str(ann.value)


def test_every_slot_has_description_and_privacy_annotations(schema_view):
    problems = []
    for name, slot in schema_view.all_slots().items():
        if not (slot.description or "").strip():
            problems.append(f"{name}: no description")
        sensitivity = annotation(slot, "sensitivity")
        if sensitivity not in SENSITIVITIES:
            problems.append(f"{name}: sensitivity is {sensitivity!r}")
        profiles = set((annotation(slot, "export_profiles") or "").split())
        if not profiles or not profiles <= PROFILES:
            problems.append(f"{name}: export_profiles is {profiles!r}")
        if sensitivity in {"personal", "special_category"} and "public" in profiles:
            problems.append(f"{name}: {sensitivity} data may not appear in the public profile")
    assert len(schema_view.all_slots()) > 100
    assert not problems, "\n".join(problems)


def test_every_slot_of_a_peer_worker_stays_out_of_public_exports(schema_view):
    for cls in ("PeerWorker", "DisclosureConsent", "Certification"):
        for slot in schema_view.class_induced_slots(cls):
            if slot.name == "id" or slot.range == "Organisation":
                continue  # the identifier and links to organisations are public in themselves
            profiles = set(annotation(schema_view.get_slot(slot.name), "export_profiles").split())
            assert "public" not in profiles, f"{cls}.{slot.name} would be published"


def test_peer_worker_has_no_identifying_or_health_fields(schema_view):
    names = {s.name for s in schema_view.class_induced_slots("PeerWorker")}
    assert not names & FORBIDDEN_ON_PEER_WORKER
    assert {"role", "employment_status", "employer", "host_organisation", "disclosure_consents"} <= names


def test_free_text_on_a_peer_worker_is_limited_to_the_job_title(schema_view):
    """A free-text field is where a diagnosis or a story would end up."""
    text_slots = {
        s.name for s in schema_view.class_induced_slots("PeerWorker") if s.range == "string"
    }
    assert text_slots == {"role_title", "local_reference"}


def test_sensitive_classes_are_labelled(schema_view):
    assert annotation(schema_view.get_class("PeerWorker"), "sensitivity") == "special_category"
    assert annotation(schema_view.get_class("DisclosureConsent"), "sensitivity") == "personal"


def test_every_class_maps_to_a_vocabulary_term(schema_view):
    unmapped = [
        name for name, cls in schema_view.all_classes().items()
        if not cls.abstract and not cls.class_uri
        and name not in {"LanguageText", "PrefixDeclaration", "MembershipProfile", "Obstacle", "EmploymentTie"}
    ]
    assert not unmapped


def test_every_permissible_value_carries_its_concept_uri(schema_view):
    missing = [
        f"{enum_name}.{pv_name}"
        for enum_name, enum in schema_view.all_enums().items()
        for pv_name, pv in enum.permissible_values.items()
        if not pv.meaning
    ]
    assert not missing


def test_schema_has_a_stable_uri_and_a_version(schema_view):
    import peer_schema

    assert schema_view.schema.id == "https://w3id.org/peer-schema"
    assert schema_view.schema.version == peer_schema.SCHEMA_VERSION


@pytest.mark.parametrize("slot", ["title", "description", "pref_label"])
def test_multilingual_slots_are_language_maps(schema_view, slot):
    s = schema_view.get_slot(slot)
    assert s.range == "LanguageText" and s.multivalued and s.inlined and not s.inlined_as_list
