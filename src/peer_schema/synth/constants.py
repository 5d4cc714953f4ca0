"""The shape of a synthetic registry: its formats, size bounds, record containers and the
rule breaks that can be injected."""

from __future__ import annotations

from datetime import date


#: The date the synthetic registry is "created" on: consents are given before it and
#: reviewed after it. A parameter of `synthesize`, so that the output never depends on the clock.
REFERENCE_DATE = date(2026, 11, 23)

#: Output suffix -> format name.
FORMATS = {".json": "json", ".jsonl": "jsonl", ".yaml": "yaml", ".yml": "yaml"}

#: Below this there is no room for one record of every class and the references they need.
MIN_RECORDS = 12
#: the most records one file may have: the plan of the registry takes about 36 bytes a record and
#: a second per 500,000 records before the first is written (10 million: 360 MB, 20 s)
MAX_RECORDS = 10_000_000

#: The record containers of a Dataset, in the order they are written (every reference points
#: backwards: organisations first, peer workers last), with the class of their records.
CONTAINERS = (
    ("organisations", "Organisation"),
    ("memberships", "Membership"),
    ("training_programmes", "TrainingProgramme"),
    ("compendium_sections", "CompendiumSection"),
    ("practices", "Practice"),
    ("peer_workers", "PeerWorker"),
)
CLASS_OF = dict(CONTAINERS)

#: Every injector: the code the validator must report, and the record classes it is applied to.
#: Memberships are never broken (they have no identifier to report a break against).
INJECTORS: dict[str, tuple[str, ...]] = {
    "structure.required": ("Organisation", "TrainingProgramme", "CompendiumSection", "Practice", "PeerWorker"),
    "structure.unknown-field": ("Organisation", "TrainingProgramme", "CompendiumSection", "Practice", "PeerWorker"),
    "vocab.unknown-code": ("Organisation", "TrainingProgramme", "Practice", "PeerWorker"),
    "structure.out-of-range": ("Organisation", "TrainingProgramme", "Practice", "PeerWorker"),
    "structure.wrong-type": ("Organisation", "TrainingProgramme", "Practice", "PeerWorker"),
    "refs.duplicate-id": ("Practice", "PeerWorker"),  # records nothing refers to: no knock-on breaks
    "refs.dangling": ("TrainingProgramme", "Practice", "PeerWorker"),
    "rules.peer-operated-share": ("Organisation",),
    "rules.year-in-future": ("Organisation", "TrainingProgramme", "Practice"),
    "rules.year-too-early": ("Organisation", "TrainingProgramme", "Practice"),
    "rules.session-too-long": ("TrainingProgramme",),
    "rules.accreditation-without-body": ("TrainingProgramme",),
    "consent.field-not-covered": ("PeerWorker",),
    "consent.withdrawn": ("PeerWorker",),
    "consent.review-overdue": ("PeerWorker",),
}

DATASET_LICENSE = "https://creativecommons.org/licenses/by/4.0/"
NAMESPACE = "https://example.org/peer/"
