"""What the checks need to know of the model, read from the generated model index (no linkml)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from . import artifacts

#: export profile -> the consent audience it discloses to (internal data stays in the organisation)
PROFILE_AUDIENCE = {"public": "public", "research": "researchers", "federation": "federation", "internal": None}
#: export profile -> the consent purpose it discloses for unless --purpose says otherwise; None: it
#: discloses no peer worker's field (public: no peer worker at all; internal: it stays in the organisation)
PROFILE_PURPOSE = {"public": None, "research": "research", "federation": "registry_exchange", "internal": None}
#: the codes of the ConsentPurpose vocabulary (vocab/workforce.yaml; a test keeps them equal)
CONSENT_PURPOSES = ("registry_exchange", "workforce_statistics", "research", "service_directory", "certification",
                    "funding_reporting")
#: strictest first; research is restricted data like federation, for fewer fields and the researchers
PROFILES = ("public", "research", "federation", "internal")
#: prefixes every dataset may use without declaring them: the vocabularies' and the model's
BUILTIN_PREFIXES = {"pv": "https://w3id.org/peer-schema/vocab/", "peer": "https://w3id.org/peer-schema/"}
#: the model; one version of it is <SCHEMA_IRI>/<version>/, what a dataset `conforms_to`
SCHEMA_IRI = "https://w3id.org/peer-schema"


def schema_version_iri(version: str) -> str:
    """The IRI of one version of the model (`https://w3id.org/peer-schema/0.2.0/`)."""
    return f"{SCHEMA_IRI}/{version}/"


@dataclass(frozen=True)
class Slot:
    name: str
    range: str
    kind: str  # "type", "enum" or "class"
    reference: bool
    multivalued: bool
    required: bool
    sensitivity: str
    profiles: tuple[str, ...]
    #: the property in RDF (`slot_uri`, expanded)
    uri: str = ""
    #: for a code: the namespace of its vocabulary's concepts
    enum_uri: str | None = None
    # Texts for people (spreadsheet headers and their comments): {"en": ..., "fr": ...}. Last, and
    # out of __eq__/__hash__: a Slot is an lru_cache key, and a dict is not hashable.
    #: the slot's label (its `title`, and the `label_fr` annotation)
    label: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    #: the slot's description (its `description`, and the `description_fr` annotation)
    description: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, eq=False)  # one object per class: compared and hashed by identity
class ModelClass:
    name: str
    uri: str
    sensitivity: str
    slots: dict[str, Slot]
    #: the class's label, a plural fit for a sheet name (`{"en": "Peer workers", "fr": "Travailleurs pairs"}`)
    label: dict[str, str] = field(default_factory=dict)
    #: the class's description in English and French
    description: dict[str, str] = field(default_factory=dict)

    @property
    def references(self) -> list[Slot]:
        return [s for s in self.slots.values() if s.reference]


@dataclass(frozen=True)
class Model:
    schema_version: str
    classes: dict[str, ModelClass]
    #: Dataset slot -> record class (`organisations` -> `Organisation`)
    containers: dict[str, str]

    def container_of(self, cls: str) -> str:
        return next(c for c, k in self.containers.items() if k == cls)


@cache
def model() -> Model:
    raw = json.loads(artifacts.read_text("model_index.json"))
    classes = {
        name: ModelClass(
            name=name,
            uri=c["uri"],
            sensitivity=c["sensitivity"],
            slots={
                s: Slot(s, d["range"], d["kind"], d["reference"], d["multivalued"], d["required"],
                        d["sensitivity"] or "public", tuple(d["profiles"]), d["uri"], d["enum_uri"],
                        label=d["label"], description=d["description"])
                for s, d in c["slots"].items()
            },
            label=c["label"],
            description=c["description"],
        )
        for name, c in raw["classes"].items()
    }
    return Model(raw["schema_version"], classes, raw["containers"])
