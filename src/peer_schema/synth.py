"""Synthetic registries: realistic, reproducible test data of any size, with known rule breaks.

`synthesize(records, seed, out)` writes a Dataset of `records` records of every record class
(organisations of every kind, federation memberships, training programmes, compendium sections,
practices and pseudonymous peer workers with their disclosure consents), in the proportions of
a real federation's registry: 20% organisations, 10% memberships, 10% training programmes, 10%
compendium sections and practices, 50% peer workers. Every reference points to a record of the
right class that comes earlier in the file; nothing in it names a real person or organisation.

With `invalid_rate` R, about R x records records carry exactly one injected rule break each;
a sidecar `<out>.expected.json` lists every break with the code the validator must report
for it, so the validator can be measured against a known answer at any scale.

Determinism: the same arguments give the same bytes. Three independent streams of
`random.Random` keep the valid records the same whatever R is: a record that carries no break
is byte-for-byte the record written with R = 0, and a broken one differs only where its break is.

Memory: `.json` and `.jsonl` are written record by record; what is kept is a few integers per
organisation (to draw references) and the list of breaks. `.yaml` is built in memory (for small
registries: examples and documentation).
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from . import SCHEMA_VERSION, artifacts
from .atomic_files import atomic_file, write_bytes

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


@dataclass
class SynthSummary:
    """What `synthesize` wrote."""

    out: Path
    #: the sidecar that lists the injected breaks
    expected: Path
    #: json, jsonl or yaml
    format: str
    seed: int
    invalid_rate: float
    #: records written, all classes together
    records: int
    #: records written per class, in the order of the containers
    counts: dict[str, int] = field(default_factory=dict)
    #: the injected breaks, as in the sidecar: {code, record_id, class, pointer | line, field}
    breaks: list[dict] = field(default_factory=list)


def expected_path(out: Path) -> Path:
    """Where the sidecar of `out` goes: `<out>.expected.json`."""
    out = Path(out)
    return out.with_name(out.name + ".expected.json")


def synthesize(records: int, seed: int, out: Path, invalid_rate: float = 0.0,
               today: date = REFERENCE_DATE) -> SynthSummary:
    """Write a synthetic registry of `records` records to `out` (.json, .jsonl or .yaml) and
    its sidecar `<out>.expected.json`; return what was written.

    About `invalid_rate` x `records` records get exactly one injected rule break each.
    Raises ValueError for an unknown suffix, too few records or a rate outside [0, 1].
    """
    out = Path(out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ValueError(f"{out.name}: the output must end in .json, .jsonl or .yaml "
                         f"(the suffix chooses the format), not {out.suffix or 'no suffix'!r}")
    if isinstance(records, bool) or not isinstance(records, int) or not MIN_RECORDS <= records <= MAX_RECORDS:
        raise ValueError(f"records must be a whole number from {MIN_RECORDS} (one of every record class and what "
                         f"they refer to) to {MAX_RECORDS:,} (the plan of a registry takes memory), not {records!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
    try:
        rate = float(invalid_rate)
    except (TypeError, ValueError):
        raise ValueError(f"invalid_rate must be a number between 0 and 1, not {invalid_rate!r}") from None
    if not 0.0 <= rate <= 1.0:  # also refuses NaN
        raise ValueError(f"invalid_rate must be between 0 and 1, not {invalid_rate!r}")

    gen = _Generator(records, seed, today)
    plan = _plan_breaks(gen.layout, round(rate * records), random.Random(f"peer_schema.synth.plan:{seed}"))
    injector = _Injector(plan, gen, random.Random(f"peer_schema.synth.inject:{seed}"), today)
    header = gen.header()

    with atomic_file(out) as raw:  # a temporary beside, renamed into place when complete
        f = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        stream = injector.apply(gen.records())
        if fmt == "json":
            _write_json(f, header, stream)
        elif fmt == "jsonl":
            _write_jsonl(f, header, stream)
        else:
            _write_yaml(f, header, stream)
        f.flush()
        f.detach()  # atomic_file closes the file itself, once renamed into place

    breaks = [_sidecar_entry(b, fmt) for b in injector.breaks]
    expected = expected_path(out)
    sidecar = {"records": records, "seed": seed, "invalid_rate": invalid_rate, "format": fmt,
               "file": out.name, "reference_date": today.isoformat(), "breaks": breaks}
    write_bytes(expected, (json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return SynthSummary(out=out, expected=expected, format=fmt, seed=seed, invalid_rate=invalid_rate,
                        records=records, counts={cls: gen.layout[cls][1] for _, cls in CONTAINERS},
                        breaks=breaks)


# --- writers --------------------------------------------------------------------------------------

Stream = Iterator[tuple[str, str, int, dict]]  # container, class, index in container, record


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_json(f, header: dict, stream: Stream) -> None:
    """One Dataset document, one record per line, written as the records come."""
    f.write(_dumps(header)[:-1])  # the header without its closing brace
    current = None
    for container, _cls, _i, record in stream:
        if container != current:
            f.write("\n]" if current is not None else "")
            f.write(f', "{container}": [\n')
            current = container
        else:
            f.write(",\n")
        f.write(_dumps(record))
    f.write("\n]}\n" if current is not None else "}\n")


def _write_jsonl(f, header: dict, stream: Stream) -> None:
    """JSON Lines: the Dataset header on line 1, then one record per line with its class."""
    f.write(_dumps({"@type": "Dataset", **header}) + "\n")
    for _container, cls, _i, record in stream:
        f.write(_dumps({"@type": cls, **record}) + "\n")


def _write_yaml(f, header: dict, stream: Stream) -> None:
    import yaml

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):  # the readers refuse aliases: write every value out
            return True

    doc = dict(header)
    for container, _cls, _i, record in stream:
        doc.setdefault(container, []).append(record)
    f.write("# Synthetic registry written by peer_schema.synth: fictional records only.\n")
    yaml.dump(doc, f, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _sidecar_entry(b: dict, fmt: str) -> dict:
    entry = {"code": b["code"], "record_id": b["record_id"], "class": b["class"]}
    if fmt == "jsonl":
        entry["line"] = b["ordinal"] + 2  # line 1 is the Dataset header
    else:
        entry["pointer"] = f"/{b['container']}/{b['index']}"
    entry["field"] = b["field"]
    return entry


# --- vocabularies and word lists ------------------------------------------------------------------

def _codes(enum: str) -> list[str]:
    return list(artifacts.vocabularies()[enum]["concepts"])


def _collection(enum: str, name: str) -> list[str]:
    return list(artifacts.vocabularies()[enum]["collections"][name])


#: The language a programme in each member state is most likely taught in (BCP 47).
LANGUAGE_OF = {
    "AD": "ca", "AL": "sq", "AM": "hy", "AT": "de", "AZ": "az", "BA": "bs", "BE": "fr", "BG": "bg",
    "CH": "de", "CY": "el", "CZ": "cs", "DE": "de", "DK": "da", "EE": "et", "ES": "es", "FI": "fi",
    "FR": "fr", "GB": "en", "GE": "ka", "GR": "el", "HR": "hr", "HU": "hu", "IE": "en", "IS": "is",
    "IT": "it", "LI": "de", "LT": "lt", "LU": "fr", "LV": "lv", "MC": "fr", "MD": "ro", "ME": "sr",
    "MK": "mk", "MT": "mt", "NL": "nl", "NO": "nb", "PL": "pl", "PT": "pt", "RO": "ro", "RS": "sr",
    "SE": "sv", "SI": "sl", "SK": "sk", "SM": "it", "TR": "tr", "UA": "uk",
}

#: Job titles as employers write them, by language (generic titles, never anyone's name).
ROLE_TITLES = {
    "en": ["peer support worker", "peer specialist", "lived experience practitioner"],
    "fr": ["pair aidant", "médiateur de santé pair", "pair aidant professionnel"],
    "de": ["Genesungsbegleitung", "Peer-Berater*in"],
    "nl": ["ervaringsdeskundige"],
    "it": ["esperto per esperienza", "operatore pari"],
    "es": ["agente de apoyo mutuo"],
}

LEGAL_FORMS = {"BE": "ASBL", "FR": "association loi 1901", "LU": "ASBL", "DE": "eingetragener Verein",
               "AT": "Verein", "CH": "Verein", "NL": "vereniging", "IT": "associazione di promozione sociale",
               "ES": "asociación", "GB": "registered charity", "IE": "company limited by guarantee"}
REGISTERS = {"BE": "BE-KBO", "FR": "FR-RNA", "LU": "LU-RCS", "NL": "NL-KVK", "GB": "GB-CHC", "IE": "IE-CRO"}

#: kind -> (identifier slug, name stem); every name says it is synthetic.
KINDS = {
    "federation": ("federation", "Synthetic Federation of Peer Workers"),
    "peer_worker_association": ("association", "Synthetic Peer Association"),
    "peer_operated_service": ("peer-service", "Synthetic Peer-Operated Service"),
    "placement_platform": ("platform", "Synthetic Peer Placement Platform"),
    "mental_health_service_provider": ("mh-service", "Synthetic Mental Health Service"),
    "university": ("university", "Synthetic University"),
    "ngo": ("ngo", "Synthetic Mental Health NGO"),
    "network": ("network", "Synthetic European Peer Network"),
    "public_body": ("public-body", "Synthetic Regional Health Authority"),
    "who_collaborating_centre": ("who-cc", "Synthetic WHO Collaborating Centre"),
    "research_group": ("research-group", "Synthetic Peer Research Group"),
    "funder": ("funder", "Synthetic Mental Health Foundation"),
}
#: The first organisations, so that a small registry still has every kind a reference needs
#: (a federation for memberships, a platform and a hospital for placements, a university to
#: accredit programmes).
CORE_KINDS = list(KINDS)
#: How common each kind is beyond the core ones.
KIND_WEIGHTS = {
    "federation": 6, "peer_worker_association": 24, "peer_operated_service": 10, "placement_platform": 6,
    "mental_health_service_provider": 22, "university": 7, "ngo": 8, "network": 2, "public_body": 5,
    "who_collaborating_centre": 2, "research_group": 4, "funder": 4,
}
MEMBER_KINDS = {"peer_worker_association", "peer_operated_service", "placement_platform", "ngo"}
PROVIDER_KINDS = {"peer_worker_association", "university", "ngo", "federation", "peer_operated_service"}
ACCREDITOR_KINDS = {"university", "public_body"}
PARTNER_KINDS = {"mental_health_service_provider", "public_body", "university"}

KIND_DESCRIPTIONS = {
    "federation": ("a federation of associations of peer support workers", "une fédération d'associations de pairs aidants"),
    "peer_worker_association": ("an association of peer support workers", "une association de pairs aidants"),
    "peer_operated_service": ("a service run and staffed by peers", "un service géré et animé par des pairs"),
    "placement_platform": ("a platform that employs peer workers and places them in services",
                           "une plateforme qui emploie des pairs aidants et les met à disposition de services"),
    "mental_health_service_provider": ("a provider of mental health services", "un prestataire de services de santé mentale"),
    "university": ("a university that trains peer workers", "une université qui forme des pairs aidants"),
    "ngo": ("a non-governmental organisation in mental health", "une organisation non gouvernementale en santé mentale"),
    "network": ("a European network of peer organisations", "un réseau européen d'organisations de pairs"),
    "public_body": ("a public health authority", "une autorité publique de santé"),
    "who_collaborating_centre": ("a WHO collaborating centre for mental health", "un centre collaborateur de l'OMS en santé mentale"),
    "research_group": ("a research group on peer support", "un groupe de recherche sur le soutien par les pairs"),
    "funder": ("a foundation that funds peer support", "une fondation qui finance le soutien par les pairs"),
}

GOVERNANCE_MODELS = [
    "General assembly and board; all board members are peers.",
    "Board with a majority of peers, and an advisory committee of professionals.",
    "Collective management by the peer team, with a general assembly once a year.",
    "Board elected by the member associations, one seat each.",
]
OBSTACLES = [
    ("Grants are renewed yearly, so contracts with services cannot run for several years.",
     ["Ask the funder for a multi-year agreement.", "Diversify revenue with training for hospital teams."]),
    ("The role of peer workers is unclear in some host teams.",
     ["Write a role description with each host team.", "Offer team support days before a placement starts."]),
    ("Few trainers have lived experience.", ["Train peer trainers with a partner university."]),
    ("Peer workers are paid less than other professions for similar tasks.",
     ["Negotiate a pay scale with employers.", "Publish the federation's salary survey."]),
    ("Peer workers feel isolated in their teams.", ["Start a monthly intervision group with other organisations."]),
]
STRATEGIES = [
    "Place peer workers in {n} more services by {year}.",
    "Double the number of trained peer workers by {year}.",
    "Open an intervision group in every region by {year}.",
    "Obtain accreditation of the basic training by {year}.",
]

PRACTICE_THEMES = [
    ("peer-run crisis house", "maison de crise gérée par des pairs", "community_based",
     ["independent_community_group"], ["service_users_reached", "sites"]),
    ("peer support on acute inpatient wards", "soutien par les pairs en unité d'hospitalisation aiguë",
     "hospital_based", ["inpatient_unit"], ["peer_workers", "sites"]),
    ("hearing voices groups", "groupes d'entendeurs de voix", "community_based",
     ["independent_community_group", "voluntary_sector_organisation"], ["groups", "participants"]),
    ("peer support in secure units", "soutien par les pairs en unité sécurisée", "hospital_based",
     ["secure_unit"], ["peer_workers", "positions"]),
    ("peer workers in community mental health teams", "pairs aidants dans les équipes de santé mentale de proximité",
     "hybrid", ["community_mental_health_service", "mental_health_team"], ["peer_workers", "regions"]),
    ("online peer support", "soutien par les pairs en ligne", "community_based", ["online"],
     ["participants", "service_users_reached"]),
    ("peer support in prisons", "soutien par les pairs en prison", "other", ["prison"], ["participants", "sites"]),
    ("recovery college co-produced with peers", "collège de rétablissement coproduit avec des pairs", "hybrid",
     ["university", "community_mental_health_service"], ["trainees", "programmes"]),
    ("peer-led workshops on advance statements", "ateliers de directives anticipées animés par des pairs",
     "community_based", ["voluntary_sector_organisation"], ["participants", "groups"]),
    ("peer support after discharge from hospital", "soutien par les pairs après une hospitalisation", "hybrid",
     ["inpatient_unit", "community_mental_health_service"], ["service_users_reached", "positions"]),
]
SECTION_THEMES = [
    ("Peer support in the community", "Le soutien par les pairs dans la communauté"),
    ("Peer support in hospitals", "Le soutien par les pairs à l'hôpital"),
    ("Developing the peer workforce", "Développer les pairs aidants"),
    ("Peer support in secure and forensic settings", "Le soutien par les pairs en milieu sécurisé"),
    ("Peer-led alternatives to coercion", "Alternatives à la contrainte menées par des pairs"),
]
DIRECTIVES = ["CRPD Article 4(3)", "CRPD Article 12", "CRPD Article 14", "CRPD Article 19", "CRPD Article 26"]

#: Obviously fictional authors and venues: citations that cannot be mistaken for real ones.
AUTHORS = ["Example, A.", "Sample, B.", "Placeholder, C.", "Specimen, D.", "Fictive, E.", "Dummy, F."]
VENUES = ["Journal of Synthetic Peer Support", "Synthetic Mental Health Review", "Example Reports in Recovery"]
STUDY_TITLES = [
    "A synthetic evaluation of {theme}",
    "Outcomes of {theme}: a fictional cohort",
    "What peer workers say about {theme}: a synthetic survey",
]

# The fields of a peer worker record, in the order of the model; each is a DisclosableField.
PEER_WORKER_FIELDS = ["role", "role_title", "employment_status", "weekly_hours", "contract_type", "employer",
                      "host_organisation", "work_settings", "completed_trainings", "certifications", "competencies",
                      "supervision", "intervision", "has_role_description", "has_career_pathway"]

MASK48 = (1 << 48) - 1


# --- the generator of valid records ------------------------------------------------------------

def _num(x: float) -> int | float:
    """A whole number as an int (19, not 19.0), as people write it."""
    return int(x) if float(x).is_integer() else x


def _date_between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return date.fromordinal(rng.randint(first.toordinal(), last.toordinal()))


class _Generator:
    """Valid records of every class, drawn from one `random.Random(seed)` in file order.

    What later records refer to is planned up front and kept as small integers: the kind,
    country and founding year of each organisation. Everything else is made when it is written.
    """

    def __init__(self, records: int, seed: int, today: date):
        self.rng = rng = random.Random(seed)
        self.seed = seed
        self.today = today
        self.last_year = today.year - 1  # founding years, so that nothing starts "this year or later"
        self.coe = _collection("Country", "coe-member-states")
        self.basic = _collection("TrainingElement", "basic")
        self.advanced = _collection("TrainingElement", "advanced")
        self.competencies = _codes("Competency")
        self.categories = [c for c in self.competencies if "." not in c]
        self.country_labels = {c: artifacts.vocabularies()["Country"]["concepts"][c]["label"]["en"] for c in self.coe}

        # Keys of the bijection that turns a peer worker's ordinal into its opaque identifier.
        self.pw_keys = (rng.getrandbits(48), rng.getrandbits(48) | 1, rng.getrandbits(48) | 1, rng.getrandbits(48))

        n_org = max(6, round(0.2 * records))
        self.kinds = self._plan_kinds(n_org)
        self.org_country = [rng.choice(self.coe) for _ in range(n_org)]
        self.org_year = [rng.randint(1985, self.last_year) for _ in range(n_org)]
        self.by_kind: dict[str, list[int]] = {k: [] for k in KINDS}
        for i, kind in enumerate(self.kinds):
            self.by_kind[kind].append(i)
        self.second_kind: set[int] = set()  # associations that are also placement platforms
        for i in self.by_kind["peer_worker_association"]:
            if rng.random() < 0.15:
                self.second_kind.add(i)
        self.members = [i for i in range(n_org) if self.kinds[i] in MEMBER_KINDS]
        self.federations = self.by_kind["federation"]
        self.networks = self.by_kind["network"]
        self.fed_by_country: dict[str, list[int]] = {}
        for i in self.federations:
            self.fed_by_country.setdefault(self.org_country[i], []).append(i)
        self.providers = [i for i in range(n_org) if self.kinds[i] in PROVIDER_KINDS]
        self.accreditors = [i for i in range(n_org) if self.kinds[i] in ACCREDITOR_KINDS]
        self.partners = [i for i in range(n_org) if self.kinds[i] in PARTNER_KINDS]
        self.employers = {
            "platform": self.by_kind["placement_platform"] + sorted(self.second_kind),
            "service": self.by_kind["mental_health_service_provider"],
            "peer": self.by_kind["peer_operated_service"] + self.by_kind["peer_worker_association"],
        }
        self.hosts = self.by_kind["mental_health_service_provider"]
        self.awarders = self.by_kind["university"] + self.by_kind["peer_worker_association"]

        capacity = len(self.members) * (len(self.federations) + len(self.networks)) + len(self.federations) * len(self.networks)
        n_mem = min(max(1, round(0.1 * records)), capacity)
        n_trn = max(1, round(0.1 * records))
        n_pr_all = max(2, round(0.1 * records))
        n_sec = max(1, round(n_pr_all / 25))
        n_pr = n_pr_all - n_sec
        n_pw = records - n_org - n_mem - n_trn - n_sec - n_pr
        counts = {"Organisation": n_org, "Membership": n_mem, "TrainingProgramme": n_trn,
                  "CompendiumSection": n_sec, "Practice": n_pr, "PeerWorker": n_pw}
        #: class -> (ordinal of its first record in the file, number of records)
        self.layout: dict[str, tuple[int, int]] = {}
        start = 0
        for _, cls in CONTAINERS:
            self.layout[cls] = (start, counts[cls])
            start += counts[cls]
        assert n_pw >= 1 and start == records

    def _plan_kinds(self, n: int) -> list[str]:
        """The core kinds first, then the others in their proportions (largest remainder), shuffled."""
        core = CORE_KINDS[:n]
        rest = n - len(core)
        total = sum(KIND_WEIGHTS.values())
        quota = {k: rest * w / total for k, w in KIND_WEIGHTS.items()}
        counts = {k: int(q) for k, q in quota.items()}
        for k in sorted(quota, key=lambda k: (counts[k] - quota[k], k))[: rest - sum(counts.values())]:
            counts[k] += 1
        tail = [k for k in KIND_WEIGHTS for _ in range(counts[k])]
        self.rng.shuffle(tail)
        return core + tail

    # -- identifiers, derived from ordinals, so nothing has to be remembered -------------------

    def org_id(self, i: int) -> str:
        return f"ex:org/{KINDS[self.kinds[i]][0]}-{i + 1}"

    def org_name(self, i: int) -> str:
        return f"{KINDS[self.kinds[i]][1]} {i + 1}"

    @staticmethod
    def training_id(i: int) -> str:
        return f"ex:training/{i + 1}"

    @staticmethod
    def section_id(i: int) -> str:
        return f"ex:section/{i + 1}"

    @staticmethod
    def practice_id(i: int) -> str:
        return f"ex:practice/{i + 1}"

    def peer_worker_id(self, i: int) -> str:
        """An opaque identifier: a keyed bijection of the ordinal (unique without a lookup table)."""
        k1, k2, k3, k4 = self.pw_keys
        x = (i ^ k1) & MASK48
        x = (x * k2) & MASK48
        x ^= x >> 23
        x = (x * k3) & MASK48
        x ^= x >> 29
        x ^= k4
        return f"ex:pw/{x:012x}"

    def record_id(self, cls: str, i: int) -> str:
        return {"Organisation": self.org_id, "TrainingProgramme": self.training_id,
                "CompendiumSection": self.section_id, "Practice": self.practice_id,
                "PeerWorker": self.peer_worker_id}[cls](i)

    # -- the dataset ------------------------------------------------------------------------------

    def header(self) -> dict:
        return {
            "id": f"ex:dataset/synthetic-{self.seed}",
            "title": {"en": f"Synthetic peer support registry (seed {self.seed})",
                      "fr": f"Registre synthétique du soutien par les pairs (graine {self.seed})"},
            "description": {
                "en": "Fictional records generated by peer_schema synth for testing; no real person or organisation.",
                "fr": "Enregistrements fictifs produits par peer_schema synth pour les tests ; aucune personne ni organisation réelle."},
            "publisher": {"id": "https://example.org/peer/synthetic-publisher",
                          "name": "Synthetic Registry Publisher (fictional)"},
            "dataset_version": "1.0.0",
            "schema_version": SCHEMA_VERSION,
            "license": DATASET_LICENSE,
            "access_rights": "restricted",
            "created": self.today.isoformat(),
            "languages": ["en", "fr"],
            "prefixes": {"ex": NAMESPACE},
        }

    def records(self) -> Stream:
        makers: dict[str, Callable[[int], dict]] = {
            "Organisation": self.organisation, "Membership": self.membership(),
            "TrainingProgramme": self.training, "CompendiumSection": self.section,
            "Practice": self.practice, "PeerWorker": self.peer_worker,
        }
        for container, cls in CONTAINERS:
            make = makers[cls]
            for i in range(self.layout[cls][1]):
                yield container, cls, i, make(i)

    # -- citations ------------------------------------------------------------------------------

    def citation(self, n: int, theme: str, since: int = 1995) -> dict:
        rng = self.rng
        authors = " & ".join(rng.sample(AUTHORS, rng.randint(1, 2)))
        year = rng.randint(since, self.today.year - 1)
        title = rng.choice(STUDY_TITLES).format(theme=theme)
        venue = rng.choice(VENUES)
        first = rng.randint(1, 300)
        last = first + rng.randint(5, 25)
        page = rng.randint(first, last)
        volume, issue = rng.randint(1, 20), rng.randint(1, 4)
        c = {
            "text": f"{authors} ({year}). {title}. {venue}, {volume}({issue}), {first}-{last}, p.{page}",
            "authors": authors,
            "year": year,
            "work_title": title,
            "container_title": venue,
            "pages": str(page),
        }
        if rng.random() < 0.6:
            c["doi"] = f"10.5555/synthetic.{self.seed}.{n}"
        c["peer_reviewed"] = rng.random() < 0.7
        return c

    # -- organisations ----------------------------------------------------------------------------

    def organisation(self, i: int) -> dict:
        rng, kind, country, year = self.rng, self.kinds[i], self.org_country[i], self.org_year[i]
        slug, _ = KINDS[kind]
        kinds = [kind] + (["placement_platform"] if i in self.second_kind else [])
        what_en, what_fr = KIND_DESCRIPTIONS[kind]
        org: dict = {
            "id": self.org_id(i),
            "name": self.org_name(i),
            "organisation_kinds": kinds,
            "description": {"en": f"A fictional organisation generated for testing: {what_en}.",
                            "fr": f"Une organisation fictive produite pour les tests : {what_fr}."},
            "country": country,
            "start_year": year,
        }
        peerish = kind in ("peer_worker_association", "federation", "network", "peer_operated_service", "placement_platform")
        if kind in ("public_body", "university", "who_collaborating_centre"):
            org["legal_status"] = "public_body"
        elif kind == "mental_health_service_provider":
            org["legal_status"] = rng.choice(["public_body", "non_profit", "for_profit"])
        elif kind == "funder":
            org["legal_status"] = rng.choice(["charity", "public_interest"])
        else:
            org["legal_status"] = rng.choice(["non_profit", "non_profit", "non_profit", "charity", "public_interest"])
        if peerish or kind == "ngo":
            org["legal_form"] = LEGAL_FORMS.get(country, "association")
            scheme = REGISTERS.get(country, f"{country}-REG")
            org["identifiers"] = [{"scheme": scheme, "value": f"{rng.randint(0, 10**9 - 1):09d}"}]
            org["focus_areas"] = ["mental_health"] + rng.sample(["addictions", "homelessness", "autism",
                                                                  "neurodevelopmental_disorders"], rng.randint(0, 2))
        if kind in ("peer_worker_association", "federation", "network"):
            membership = {"member_count": rng.randint(5, 400),
                          "member_kinds": (["organisations"] if kind != "peer_worker_association"
                                           else ["peer_support_workers"] + rng.sample(
                                               ["other_professionals", "people_with_lived_experience", "relatives"],
                                               rng.randint(0, 2))),
                          "membership_fee": rng.choice(["free", "paid", "sliding_scale"])}
            org["membership"] = membership
        big = kind in ("mental_health_service_provider", "university", "public_body")
        org["staff_count"] = rng.randint(50, 3000) if big else rng.randint(0, 40)
        if peerish or kind == "ngo":
            org["volunteer_count"] = rng.randint(0, 60)
        if peerish or kind == "mental_health_service_provider":
            org["peer_worker_count"] = rng.randint(0, 80)
        if kind != "funder":
            org["funding_sources"] = rng.sample(_codes("FundingSource")[:10], rng.randint(1, 3))
        if peerish or kind == "ngo":
            org["governance_model"] = rng.choice(GOVERNANCE_MODELS)
            org["governance_bodies"] = ["general_assembly", "board"] + rng.sample(["executive_committee", "advisory_committee"],
                                                                                    rng.randint(0, 1))
        if kind == "peer_operated_service":
            org["peer_governance_share"] = rng.choice([51, 60, 66.7, 75, 80, 100])
            if rng.random() < 0.6:
                org["staffed_and_managed_by_peers"] = True
        elif peerish:
            org["peer_governance_share"] = rng.choice([40, 50, 60, 75, 100])
        activities = {
            "peer_worker_association": ["advocacy", "support_to_peer_workers", "training", "intervision_groups",
                                        "peer_support_groups", "awareness_raising"],
            "federation": ["advocacy", "support_to_public_authorities", "training", "awareness_raising"],
            "network": ["advocacy", "research", "awareness_raising"],
            "peer_operated_service": ["support_to_individuals", "peer_support_groups"],
            "placement_platform": ["placement_of_peer_workers", "support_to_peer_workers",
                                   "support_to_institutions_and_teams"],
            "ngo": ["advocacy", "support_to_individuals", "awareness_raising"],
            "university": ["training", "research"],
            "research_group": ["research"],
            "who_collaborating_centre": ["research", "training", "support_to_public_authorities"],
        }.get(kind)
        if activities:
            acts = rng.sample(activities, rng.randint(1, len(activities)))
            if i in self.second_kind:
                acts.append("placement_of_peer_workers")
            org["activities"] = [a for a in _codes("Activity") if a in acts]
        if kind in ("peer_worker_association", "federation"):
            org["development_strategy"] = rng.choice(STRATEGIES).format(n=rng.randint(2, 6), year=self.today.year + rng.randint(1, 4))
            text, solutions = rng.choice(OBSTACLES)
            org["obstacles"] = [{"obstacle": text, "potential_solutions": list(solutions)}]
        if kind in ("who_collaborating_centre", "research_group"):
            hosts = self.hosts if kind == "who_collaborating_centre" else self.by_kind["university"]
            if hosts:
                org["part_of"] = self.org_id(rng.choice(hosts))
        org["homepage"] = f"{NAMESPACE}org/{slug}-{i + 1}"
        if rng.random() < 0.2:
            org["sources"] = [self.citation(i, "peer support organisations")]
        return org

    # -- memberships: members -> national federations -> European networks, never a cycle ---------

    def membership(self) -> Callable[[int], dict]:
        used: set[int] = set()
        n_org = len(self.kinds)
        rng = self.rng

        targets = self.federations + self.networks
        n_low = len(self.members) * len(targets)
        n_all = n_low + len(self.federations) * len(self.networks)

        def pairs_from(start: int) -> Iterator[tuple[int, int]]:
            """Every allowed pair, computed one at a time in a fixed order from `start` (for when
            random draws keep finding pairs already used: a small registry near saturation)."""
            for k in range(n_all):
                x = (start + k) % n_all
                if x < n_low:
                    yield self.members[x // len(targets)], targets[x % len(targets)]
                else:
                    x -= n_low
                    yield self.federations[x // len(self.networks)], self.networks[x % len(self.networks)]

        def draw() -> tuple[int, int]:
            if self.networks and self.federations and rng.random() < 0.1:
                return rng.choice(self.federations), rng.choice(self.networks)
            member = rng.choice(self.members)
            if self.networks and (not self.federations or rng.random() < 0.1):
                return member, rng.choice(self.networks)
            local = self.fed_by_country.get(self.org_country[member])
            return member, rng.choice(local if local and rng.random() < 0.8 else self.federations)

        def make(_i: int) -> dict:
            for _ in range(30):
                member, target = draw()
                if member * n_org + target not in used:
                    break
            else:
                member, target = next(p for p in pairs_from(rng.randrange(1 << 30))
                                      if p[0] * n_org + p[1] not in used)
            used.add(member * n_org + target)
            since = max(self.org_year[member], self.org_year[target])
            role = rng.choices(["member", "founding_member", "observer"], [77, 15, 8])[0]
            if role == "founding_member" and self.org_year[member] <= self.org_year[target]:
                start = _date_between(rng, date(self.org_year[target], 1, 1), date(self.org_year[target], 12, 31))
            else:
                role = "member" if role == "founding_member" else role
                start = _date_between(rng, date(since, 1, 1), self.today - timedelta(days=60))
            m = {"member": self.org_id(member), "federation": self.org_id(target),
                 "membership_role": role, "start_date": start.isoformat()}
            if rng.random() < 0.1 and start < self.today - timedelta(days=90):
                m["end_date"] = _date_between(rng, start + timedelta(days=30), self.today - timedelta(days=1)).isoformat()
            return m

        return make

    # -- training programmes ---------------------------------------------------------------------

    def training(self, i: int) -> dict:
        rng = self.rng
        level = "basic" if rng.random() < 0.7 else "advanced"
        providers = rng.sample(self.providers, min(len(self.providers), rng.choice([1, 1, 1, 2])))
        country = self.org_country[providers[0]]
        length = rng.choice([2, 2.5, 3, 3, 3.5, 3.5, 4])
        count = rng.randint(8, 30) if level == "basic" else rng.randint(4, 16)
        t: dict = {
            "id": self.training_id(i),
            "name": f"Synthetic {level} peer support course {i + 1}",
            "programme_kind": "programme",
            "description": {
                "en": f"A fictional {level} course for peer workers: {count} sessions of {_num(length)} hours.",
                "fr": f"Une formation fictive de niveau {'de base' if level == 'basic' else 'avancé'} pour pairs aidants : "
                      f"{count} séances de {_num(length)} heures."},
            "providers": [self.org_id(p) for p in providers],
        }
        if self.partners and rng.random() < 0.4:
            t["partners"] = [self.org_id(p) for p in rng.sample(self.partners, min(len(self.partners), rng.randint(1, 2)))]
        t["country"] = country
        t["languages"] = [LANGUAGE_OF.get(country, "en")]
        t["start_year"] = rng.randint(2005, self.last_year)
        t["level"] = level
        if level == "basic":
            t["training_elements"] = list(self.basic)
        else:
            t["training_elements"] = list(self.advanced) + rng.sample(self.basic, rng.randint(0, 3))
        t["competencies_covered"] = sorted(rng.sample(self.categories, rng.randint(2, 6)))
        t["session_count"] = count
        t["session_length_hours"] = _num(length)
        t["total_hours"] = _num(count * length)
        t["delivery_modes"] = [rng.choice(["face_to_face", "face_to_face", "blended", "online"])]
        if self.accreditors and rng.random() < 0.6:
            body = rng.choice(self.accreditors)
            status = rng.choices(["accredited", "in_progress", "expired"], [75, 15, 10])[0]
            acc: dict = {"accreditation_status": status, "accrediting_body": self.org_id(body)}
            if status != "in_progress":
                acc["accreditation_reference"] = f"SYN-ACC-{rng.randint(1000, 9999)}"
                since = _date_between(rng, date(t["start_year"], 1, 1), self.today - timedelta(days=400))
                acc["valid_from"] = since.isoformat()
                if status == "expired":
                    acc["valid_until"] = _date_between(rng, since + timedelta(days=180), self.today - timedelta(days=1)).isoformat()
                elif rng.random() < 0.7:
                    acc["valid_until"] = _date_between(rng, self.today + timedelta(days=30), self.today + timedelta(days=1500)).isoformat()
            t["accreditation"] = acc
        t["admission_criteria"] = ["lived_experience_of_crisis", "lived_experience_of_recovery"] + \
            rng.sample(["empathetic_personality", "recruitment_by_employer"], rng.randint(0, 2))
        if self.awarders and rng.random() < 0.5:
            t["qualification_awarded"] = {
                "title": {"en": f"Certificate in peer support (synthetic) {i + 1}",
                          "fr": f"Certificat de pair aidant (fictif) {i + 1}"},
                "eqf_level": rng.randint(4, 6),
                "awarding_body": t["accreditation"]["accrediting_body"] if "accreditation" in t
                else self.org_id(rng.choice(self.awarders)),
            }
        if rng.random() < 0.15:
            t["employment_tie"] = {"registration_requires_employment": True,
                                   "trainee_contract_type": "professional_contract",
                                   "employing_sites": rng.randint(2, 40),
                                   "employment_description": "Trainees are hired by an employing site for the length of the course."}
        t["homepage"] = f"{NAMESPACE}training/{i + 1}"
        return t

    # -- compendium sections and practices ---------------------------------------------------------

    def section(self, i: int) -> dict:
        rng = self.rng
        en, fr = SECTION_THEMES[i % len(SECTION_THEMES)]
        return {
            "id": self.section_id(i),
            "title": {"en": f"Synthetic section {i + 1}: {en}", "fr": f"Section fictive {i + 1} : {fr}"},
            "description": {"en": f"A fictional compendium section generated for testing ({en.lower()}).",
                            "fr": f"Une section de recueil fictive produite pour les tests ({fr.lower()})."},
            "directives": rng.sample(DIRECTIVES, rng.randint(1, 2)),
            "evidence": [self.citation(i, en.lower())],
        }

    def practice(self, i: int) -> dict:
        rng = self.rng
        en, fr, category, settings, units = rng.choice(PRACTICE_THEMES)
        n_org = len(self.kinds)
        orgs = rng.sample(range(n_org), min(n_org, rng.choice([1, 1, 2, 3])))
        scope = rng.choices(["local", "regional", "national", "international"], [25, 30, 30, 15])[0]
        home = self.org_country[orgs[0]]
        if scope == "international":
            countries = [home] + [c for c in rng.sample(self.coe, rng.randint(2, 5)) if c != home]
        else:
            countries = [home]
        start = rng.randint(1990, self.last_year)
        p: dict = {
            "id": self.practice_id(i),
            "title": {"en": f"Synthetic practice {i + 1}: {en}", "fr": f"Pratique fictive {i + 1} : {fr}"},
            "description": {"en": f"A fictional good practice generated for testing: {en}, with peer workers "
                                  "involved from the start.",
                            "fr": f"Une bonne pratique fictive produite pour les tests : {fr}, avec des pairs "
                                  "aidants impliqués dès le départ."},
            "countries": countries,
            "geographic_scope": scope,
            "setting_category": category,
            "settings": list(settings),
            "group_membership": [rng.choice(_codes("GroupMembership"))],
            "facilitation": [rng.choice(["fully_peer_led", "fully_peer_led", "mixed_experience"])],
            "peer_support_models": [rng.choice(_codes("PeerSupportModel"))],
            "ips_tasks": rng.sample(_codes("IpsTask"), rng.randint(1, 4)),
            "aims": rng.sample(_codes("PracticeAim"), rng.randint(1, 2)),
            "aim_directness": rng.choice(["direct", "indirect"]),
            "organisations_involved": [self.org_id(o) for o in orgs],
            "section": self.section_id(rng.randrange(self.layout["CompendiumSection"][1])),
            "start_year": start,
            "scale": [],
            "evaluation_status": [rng.choice(_codes("EvaluationStatus"))],
        }
        for unit in rng.sample(units, rng.randint(1, 2)):
            fig = {"quantity": rng.randint(2, 1500), "qualifier": rng.choice(_codes("QuantityQualifier")), "unit": unit,
                   "scale_year": rng.randint(start, self.last_year)}
            if scope == "international":
                fig["scale_country"] = rng.choice(countries)
            p["scale"].append(fig)
        if rng.random() < 0.5:
            p["evaluation_summary"] = {"en": "Participants reported feeling heard (synthetic finding).",
                                       "fr": "Les participants disent s'être sentis écoutés (résultat fictif)."}
        p["evidence"] = [self.citation(10_000 + i * 3 + k, en, since=max(1995, start)) for k in range(rng.randint(1, 2))]
        p["links"] = [{"url": f"{NAMESPACE}practice/{i + 1}", "label": f"Synthetic practice {i + 1} (fictional web page)"}]
        p["submissions"] = [f"Submitted by {self.org_name(orgs[0])}"]
        return p

    # -- peer workers and their consents ------------------------------------------------------------

    def peer_worker(self, i: int) -> dict:
        rng = self.rng
        status = rng.choices(["paid", "unpaid", "volunteer"], [65, 10, 25])[0]
        role = rng.choices(["peer_support_worker", "peer_health_mediator", "peer_specialist", "consumer_consultant",
                            "peer_trainer", "other"], [45, 15, 12, 8, 12, 8])[0]
        pw: dict = {"id": self.peer_worker_id(i), "role": role}
        employer = host = None
        contract = None
        if status == "paid":
            route = rng.choices(["platform", "service", "peer"], [30, 40, 30])[0]
            if not self.employers[route]:
                route = "service" if self.employers["service"] else "peer"
            employer = rng.choice(self.employers[route])
            if route == "platform":
                contract = "platform_placement"
                host = rng.choice(self.hosts) if self.hosts else None
            else:
                contract = rng.choices(["permanent", "fixed_term", "professional_contract", "freelance"], [45, 35, 15, 5])[0]
        else:
            volunteer_at = self.employers["peer"] or self.employers["service"]
            host = rng.choice(volunteer_at)
            contract = "internship" if status == "unpaid" and rng.random() < 0.5 else None
        where = employer if employer is not None else host
        lang = LANGUAGE_OF.get(self.org_country[where], "en")
        if rng.random() < 0.8:
            pw["role_title"] = rng.choice(ROLE_TITLES.get(lang, ROLE_TITLES["en"]))
        pw["employment_status"] = status
        if rng.random() < 0.85:
            pw["weekly_hours"] = rng.choice([8, 10, 12, 16, 17.5, 19, 20, 24, 28, 30, 32, 35, 38]) if status == "paid" \
                else rng.choice([2, 3, 4, 6, 8, 10])
        if contract:
            pw["contract_type"] = contract
        if employer is not None:
            pw["employer"] = self.org_id(employer)
        if host is not None:
            pw["host_organisation"] = self.org_id(host)
        settings = _codes("ServiceSetting")
        pw["work_settings"] = rng.sample(settings[:8], rng.randint(1, 2))
        n_trn = self.layout["TrainingProgramme"][1]
        k = rng.choices([0, 1, 2, 3], [15, 55, 22, 8])[0]
        if k:
            pw["completed_trainings"] = [self.training_id(t) for t in sorted(rng.sample(range(n_trn), min(k, n_trn)))]
        if self.awarders and rng.random() < 0.3:
            pw["certifications"] = [{"certification_title": "Certificate in peer support (synthetic)",
                                     "awarding_body": self.org_id(rng.choice(self.awarders)),
                                     "year_awarded": rng.randint(2010, self.today.year - 1)}]
        if rng.random() < 0.7:
            picked = set(rng.sample(self.competencies, rng.randint(1, 6)))
            pw["competencies"] = [c for c in self.competencies if c in picked]
        if rng.random() < 0.8:
            pw["supervision"] = rng.sample(["individual_supervision", "peer_supervision", "intervision_group",
                                            "mentoring", "team_supervision"], rng.randint(1, 2))
        if rng.random() < 0.7:
            pw["intervision"] = rng.choice(["weekly", "fortnightly", "monthly", "monthly", "quarterly", "irregular", "none"])
        if rng.random() < 0.6:
            pw["has_role_description"] = rng.random() < 0.7
        if rng.random() < 0.4:
            pw["has_career_pathway"] = rng.random() < 0.4
        given = _date_between(rng, date(2020, 1, 1), self.today - timedelta(days=30))
        # at least a year ahead, so the registry stays valid for a year against the real clock
        review = _date_between(rng, self.today + timedelta(days=365), max(given + timedelta(days=3 * 365),
                                                                          self.today + timedelta(days=730)))
        audiences = ["federation"] + (["researchers"] if rng.random() < 0.3 else [])
        purposes = ["registry_exchange", "workforce_statistics"] + (["research"] if "researchers" in audiences else [])
        pw["disclosure_consents"] = [{
            "disclosed_fields": _disclosable(pw),
            "audiences": audiences,
            "purposes": purposes,
            "given_date": given.isoformat(),
            "review_date": review.isoformat(),
        }]
        return pw


def _disclosable(pw: dict) -> list[str]:
    """What a consent must cover for this record: being a peer worker, and every field present."""
    return ["peer_status"] + [f for f in PEER_WORKER_FIELDS if f in pw]


# --- the breaks --------------------------------------------------------------------------------

DUPLICATE = "refs.duplicate-id"


def _plan_breaks(layout: dict[str, tuple[int, int]], wanted: int, rng: random.Random) -> dict[int, str]:
    """Which records get which break: ordinal in the file -> code.

    The codes take turns (every code appears once there are as many breaks as codes); each
    break goes to a class the injector applies to, drawn in proportion to the room left in it.
    """
    room = {cls: n for cls, (_, n) in layout.items() if cls != "Membership"}
    wanted = min(wanted, sum(room.values()))
    if wanted <= 0:
        return {}
    order = list(INJECTORS)
    rng.shuffle(order)
    wanted_by_class: dict[str, list[str]] = {cls: [] for cls in room}
    for j in range(wanted):
        for step in range(len(order)):
            code = order[(j + step) % len(order)]
            classes = [c for c in INJECTORS[code] if room[c] > (1 if code == DUPLICATE else 0)]
            if classes:
                cls = rng.choices(classes, [room[c] for c in classes])[0]
                wanted_by_class[cls].append(code)
                room[cls] -= 1
                break
    plan: dict[int, str] = {}
    for cls, codes in wanted_by_class.items():
        if not codes:
            continue
        start, n = layout[cls]
        where = rng.sample(range(n), len(codes))
        rng.shuffle(codes)
        # A duplicate copies the identifier of an earlier record: never on the first record.
        if 0 in where and codes[where.index(0)] == DUPLICATE:
            k = where.index(0)
            swap = next((m for m, c in enumerate(codes) if c != DUPLICATE), None)
            if swap is None:
                codes[k] = "structure.unknown-field"
            else:
                codes[k], codes[swap] = codes[swap], codes[k]
        for local, code in zip(where, codes):
            plan[start + local] = code
    return plan


class _Injector:
    """Applies the planned breaks to the records as they stream past, and records each one."""

    def __init__(self, plan: dict[int, str], gen: _Generator, rng: random.Random, today: date):
        self.plan = plan
        self.gen = gen
        self.rng = rng
        self.today = today
        self.breaks: list[dict] = []
        self.missing = 0

    def apply(self, stream: Stream) -> Stream:
        ordinal = 0
        for container, cls, i, record in stream:
            code = self.plan.get(ordinal)
            if code is not None:
                where = getattr(self, "_" + code.replace(".", "_").replace("-", "_"))(cls, i, record)
                self.breaks.append({"code": code, "record_id": record.get("id"), "class": cls,
                                    "container": container, "index": i, "ordinal": ordinal, "field": where})
            yield container, cls, i, record
            ordinal += 1

    # Each injector breaks exactly one rule and returns where, relative to the record
    # (`weekly_hours`, `disclosure_consents/0/review_date`).

    def _structure_required(self, cls: str, i: int, r: dict) -> str:
        name = {"Organisation": "name", "TrainingProgramme": "name", "CompendiumSection": "title",
                "Practice": "setting_category", "PeerWorker": "role"}[cls]
        del r[name]
        if cls == "PeerWorker":
            _cover(r)
        return name

    def _structure_unknown_field(self, cls: str, i: int, r: dict) -> str:
        if cls == "PeerWorker":
            # what people try to add to a peer worker; the values are as fictional as the rest
            key, value = self.rng.choice([("name", f"Synthetic Person {i + 1}"), ("birth_date", "1970-01-01"),
                                          ("diagnosis", "synthetic diagnosis (fictional)")])
        else:
            key, value = {"Organisation": lambda: ("founded", r.get("start_year", 2000)),
                          "TrainingProgramme": lambda: ("duration_hours", r.get("total_hours", 40)),
                          "CompendiumSection": lambda: ("chapter", i + 1),
                          "Practice": lambda: ("country", r["countries"][0])}[cls]()
        r[key] = value
        return key

    def _vocab_unknown_code(self, cls: str, i: int, r: dict) -> str:
        if cls == "Organisation":
            r["country"] = self.gen.country_labels[r["country"]]  # "Belgium" for BE: the usual slip
            return "country"
        if cls == "TrainingProgramme":
            r["delivery_modes"] = ["in_person"]
            return "delivery_modes/0"
        if cls == "Practice":
            r["setting_category"] = "community"
            return "setting_category"
        r["role"] = "peer_mentor"
        return "role"

    def _structure_out_of_range(self, cls: str, i: int, r: dict) -> str:
        if cls == "Organisation":
            if "peer_governance_share" in r:
                r["peer_governance_share"] = 150
                return "peer_governance_share"
            r["staff_count"] = -3
            return "staff_count"
        if cls == "TrainingProgramme":
            if "qualification_awarded" in r:
                r["qualification_awarded"]["eqf_level"] = 9
                return "qualification_awarded/eqf_level"
            r["session_count"] = 0
            return "session_count"
        if cls == "Practice":
            r["scale"][0]["quantity"] = -5
            return "scale/0/quantity"
        r["weekly_hours"] = 95
        _cover(r)
        return "weekly_hours"

    def _structure_wrong_type(self, cls: str, i: int, r: dict) -> str:
        if cls == "Organisation":
            r["staff_count"] = f"about {r['staff_count']}"
            return "staff_count"
        if cls == "TrainingProgramme":
            r["total_hours"] = f"{r['total_hours']} hours"
            return "total_hours"
        if cls == "Practice":
            r["scale"][0]["quantity"] = f"about {r['scale'][0]['quantity']}"
            return "scale/0/quantity"
        r["weekly_hours"] = f"{r.get('weekly_hours', 19)} hours"
        _cover(r)
        return "weekly_hours"

    def _refs_duplicate_id(self, cls: str, i: int, r: dict) -> str:
        start = self.gen.layout[cls][0]
        for _ in range(20):  # an earlier record that kept its own identifier
            j = self.rng.randrange(i)
            if self.plan.get(start + j) != DUPLICATE:
                break
        else:
            j = 0
        r["id"] = self.gen.record_id(cls, j)
        return "id"

    def _refs_dangling(self, cls: str, i: int, r: dict) -> str:
        self.missing += 1
        target = f"ex:org/missing-{self.missing}-{self.rng.getrandbits(24):06x}"
        if cls == "TrainingProgramme":
            r["providers"][0] = target
            return "providers/0"
        if cls == "Practice":
            r["organisations_involved"][0] = target
            return "organisations_involved/0"
        r["employer"] = target
        _cover(r)
        return "employer"

    def _rules_peer_operated_share(self, cls: str, i: int, r: dict) -> str:
        if "peer_operated_service" not in r["organisation_kinds"]:
            r["organisation_kinds"].append("peer_operated_service")
        r["peer_governance_share"] = 30
        r.pop("staffed_and_managed_by_peers", None)
        return "peer_governance_share"

    def _rules_year_in_future(self, cls: str, i: int, r: dict) -> str:
        r["start_year"] = 2150
        return "start_year"

    def _rules_year_too_early(self, cls: str, i: int, r: dict) -> str:
        r["start_year"] = 1650
        return "start_year"

    def _rules_session_too_long(self, cls: str, i: int, r: dict) -> str:
        r["session_length_hours"] = 6
        r["total_hours"] = r["session_count"] * 6  # the programme stays consistent with itself
        return "session_length_hours"

    def _rules_accreditation_without_body(self, cls: str, i: int, r: dict) -> str:
        since = _date_between(self.rng, date(min(r["start_year"], self.today.year - 2), 1, 1), self.today - timedelta(days=400))
        r["accreditation"] = {"accreditation_status": "accredited", "valid_from": since.isoformat()}
        return "accreditation"

    def _consent_field_not_covered(self, cls: str, i: int, r: dict) -> str:
        present = [f for f in PEER_WORKER_FIELDS if f in r]
        dropped = self.rng.choice(present)
        for consent in r["disclosure_consents"]:
            consent["disclosed_fields"] = [f for f in consent["disclosed_fields"] if f != dropped]
        return dropped

    def _consent_withdrawn(self, cls: str, i: int, r: dict) -> str:
        consent = r["disclosure_consents"][0]
        given = date.fromisoformat(consent["given_date"])
        consent["withdrawn_date"] = _date_between(self.rng, given + timedelta(days=1), self.today - timedelta(days=1)).isoformat()
        return "disclosure_consents/0/withdrawn_date"

    def _consent_review_overdue(self, cls: str, i: int, r: dict) -> str:
        consent = r["disclosure_consents"][0]
        given = date.fromisoformat(consent["given_date"])
        consent["review_date"] = _date_between(self.rng, given + timedelta(days=1), self.today - timedelta(days=1)).isoformat()
        return "disclosure_consents/0/review_date"


def _cover(pw: dict) -> None:
    """Keep a peer worker's consents exactly in step with its fields after a change."""
    fields = _disclosable(pw)
    for consent in pw["disclosure_consents"]:
        consent["disclosed_fields"] = list(fields)


__all__ = ["FORMATS", "INJECTORS", "MAX_RECORDS", "MIN_RECORDS", "REFERENCE_DATE", "SynthSummary", "expected_path", "synthesize"]
