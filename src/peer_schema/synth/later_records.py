"""Valid synthetic training programmes, compendium sections, practices and peer workers."""

from __future__ import annotations

from datetime import date, timedelta

from .constants import NAMESPACE
from .vocabulary import (DIRECTIVES, LANGUAGE_OF, PEER_WORKER_FIELDS, PRACTICE_THEMES, ROLE_TITLES, SECTION_THEMES,
                         _codes, _date_between, _num)


class _LaterRecords:
    """The records written after the organisations and memberships (training programmes, compendium
    sections, practices, peer workers): part of `_Generator`, which holds the state they draw from."""

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
