"""Valid synthetic records: the plan of the registry, identifiers, the header, organisations and
memberships (the later records: later_records.py)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta

from .. import SCHEMA_VERSION, artifacts
from .constants import CONTAINERS, DATASET_LICENSE, NAMESPACE
from .later_records import _LaterRecords
from .vocabulary import (ACCREDITOR_KINDS, AUTHORS, CORE_KINDS, GOVERNANCE_MODELS, KIND_DESCRIPTIONS, KIND_WEIGHTS,
                         KINDS, LEGAL_FORMS, MASK48, MEMBER_KINDS, OBSTACLES, PARTNER_KINDS, PROVIDER_KINDS, REGISTERS,
                         STRATEGIES, STUDY_TITLES, VENUES, _codes, _collection, _date_between)
from .writers import Stream


class _Generator(_LaterRecords):
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
