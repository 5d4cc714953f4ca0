"""The codes and word lists synthetic records are drawn from (fictional names and sources only)."""

from __future__ import annotations

import random
from datetime import date

from .. import artifacts


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
