"""The model's own rules: every slot described and labelled for privacy; no identifying fields."""

from __future__ import annotations

import pytest

SENSITIVITIES = {"public", "personal", "special_category"}
PROFILES = {"public", "research", "federation", "internal"}
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
            if slot.name in ("id", "in_dataset", "source_datasets") or slot.range == "Organisation":
                continue  # the identifier and links to organisations and datasets are public in themselves
            profiles = set(annotation(schema_view.get_slot(slot.name), "export_profiles").split())
            assert "public" not in profiles, f"{cls}.{slot.name} would be published"


def test_the_research_profile_carries_no_more_than_the_federation_and_no_free_text_of_a_peer_worker(schema_view):
    """A research bundle (docs/bundles.md) is restricted like a federation one, for fewer fields:
    no job title or certificate title, the free text in which a person could be recognised."""
    wider = [name for name, slot in schema_view.all_slots().items()
             if "research" in (annotation(slot, "export_profiles") or "").split()
             and "federation" not in (annotation(slot, "export_profiles") or "").split()]
    assert wider == []
    for name in ("role_title", "certifications", "certification_title", "year_awarded", "local_reference"):
        assert "research" not in annotation(schema_view.get_slot(name), "export_profiles").split(), name
    for name in ("peer_workers", "role", "employer", "disclosure_consents", "purposes", "audiences"):
        assert "research" in annotation(schema_view.get_slot(name), "export_profiles").split(), name


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


# Spreadsheet templates: a sheet per record class, a column per (possibly nested) slot, headed by
# a label in English or French, with the description in both languages as the cell comment.
SHEET_NAME_MAX = 31  # Excel's limit on a sheet name
SHEET_NAME_FORBIDDEN = set("[]:*?/\\")
LABEL_MAX = 40


def labels(element) -> dict[str, str]:
    return {"en": (element.title or "").strip(), "fr": (annotation(element, "label_fr") or "").strip()}


def test_every_slot_has_a_label_and_a_description_in_english_and_french(schema_view):
    problems = []
    for name, slot in schema_view.all_slots().items():
        for lang, label in labels(slot).items():
            if not label:
                problems.append(f"{name}: no {lang} label")
            elif len(label) > LABEL_MAX:
                problems.append(f"{name}: {lang} label longer than {LABEL_MAX} characters: {label!r}")
            elif label != " ".join(label.split()) or label.endswith("."):
                problems.append(f"{name}: {lang} label {label!r} has stray spaces or a trailing period")
        if not (annotation(slot, "description_fr") or "").strip():
            problems.append(f"{name}: no description_fr")
    assert not problems, "\n".join(problems)


def test_every_class_has_a_label_and_a_description_in_english_and_french(schema_view):
    problems = []
    for name, cls in schema_view.all_classes().items():
        for lang, label in labels(cls).items():
            if not label:
                problems.append(f"{name}: no {lang} label")
        if not (annotation(cls, "description_fr") or "").strip():
            problems.append(f"{name}: no description_fr")
    assert not problems, "\n".join(problems)


def container_classes(schema_view) -> set[str]:
    """Dataset and the classes of its lists: the sheets of a spreadsheet template."""
    return {"Dataset"} | {
        s.range for s in schema_view.class_induced_slots("Dataset")
        if s.multivalued and s.range in schema_view.all_classes() and s.range != "LanguageText"
    }


def test_container_class_labels_are_valid_sheet_names(schema_view):
    containers = container_classes(schema_view)
    assert {"Dataset", "Organisation", "Membership", "PeerWorker", "TrainingProgramme", "Practice",
            "CompendiumSection"} <= containers
    problems = []
    for name in sorted(containers):
        for lang, label in labels(schema_view.get_class(name)).items():
            if not label or len(label) > SHEET_NAME_MAX or set(label) & SHEET_NAME_FORBIDDEN:
                problems.append(f"{name}: {lang} label {label!r} is not a valid sheet name")
    assert not problems, "\n".join(problems)


def test_labels_are_unique_within_each_class(schema_view):
    """Two columns of one sheet (or one nested object) never share a header, in either language."""
    problems = []
    for cname in schema_view.all_classes():
        for lang in ("en", "fr"):
            seen: dict[str, str] = {}
            for slot in schema_view.class_induced_slots(cname):
                key = labels(schema_view.get_slot(slot.name))[lang].casefold()
                if key in seen:
                    problems.append(f"{cname}: {seen[key]} and {slot.name} share the {lang} label {key!r}")
                seen[key] = slot.name
    # Sheet names too: two containers never share a sheet.
    for lang in ("en", "fr"):
        sheets = [labels(schema_view.get_class(c))[lang].casefold() for c in container_classes(schema_view)]
        if len(sheets) != len(set(sheets)):
            problems.append(f"two sheets share a {lang} name: {sorted(sheets)}")
    assert not problems, "\n".join(problems)


def test_the_model_index_carries_labels_and_descriptions_in_both_languages():
    from dataclasses import replace

    from peer_schema.model import model

    m = model()
    worker = m.classes["PeerWorker"]
    assert worker.label == {"en": "Peer workers", "fr": "Travailleurs pairs"}
    assert set(worker.description) == {"en", "fr"}
    weekly = worker.slots["weekly_hours"]
    assert weekly.label == {"en": "Weekly hours", "fr": "Heures par semaine"}
    assert weekly.description["en"].startswith("Contracted hours per week")
    assert weekly.description["fr"]
    for cls in m.classes.values():
        assert cls.label.get("en") and cls.label.get("fr"), cls.name
        for slot in cls.slots.values():
            assert slot.label.get("en") and slot.label.get("fr"), f"{cls.name}.{slot.name}"
            assert slot.description.get("en") and slot.description.get("fr"), f"{cls.name}.{slot.name}"
    # The texts stay out of equality and hashing: a Slot is a cache key.
    assert weekly in {weekly} and replace(weekly, label={}, description={}) == weekly
