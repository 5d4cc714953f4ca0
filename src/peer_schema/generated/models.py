from __future__ import annotations

import re
import sys
from datetime import (
    date,
    datetime,
    time
)
from decimal import Decimal
from enum import Enum
from typing import (
    Any,
    ClassVar,
    Literal,
    Optional,
    Union
)

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer
)


metamodel_version = "1.12.0"
version = "0.2.0"


class ConfiguredBaseModel(BaseModel):
    model_config = ConfigDict(
        serialize_by_alias = True,
        validate_by_name = True,
        validate_assignment = True,
        validate_default = True,
        extra = "forbid",
        arbitrary_types_allowed = True,
        use_enum_values = True,
        strict = False,
    )





class LinkMLMeta(RootModel):
    root: dict[str, Any] = {}
    model_config = ConfigDict(frozen=True)

    def __getattr__(self, key:str):
        return getattr(self.root, key)

    def __getitem__(self, key:str):
        return self.root[key]

    def __setitem__(self, key:str, value):
        self.root[key] = value

    def __contains__(self, key:str) -> bool:
        return key in self.root


linkml_meta = None

class AccessRight(str, Enum):
    """
    Who may see a dataset (the dataset's access_rights). The access right decides which export profile the dataset is checked against. The three levels are those of the EU Publications Office access right authority table that apply to peer support datasets. Codes of the concept scheme pv:access-right (vocab/metadata.yaml).
    """
    Public = "public"
    """
    Anyone may see the dataset: it may be published openly.
    """
    Restricted = "restricted"
    """
    Only the federation and the recipients named in an agreement with the publisher may see the dataset.
    """
    Non_public = "non_public"
    """
    The dataset stays inside the organisation that publishes it; no one outside it may see it.
    """


class AccreditationStatus(str, Enum):
    """
    Whether a training programme is officially accredited. The Tuto3 PAT profile recommends that peer support training programmes be officially accredited, and that educational institutions are suitable institutions for accrediting them. Codes of the concept scheme pv:accreditation-status (vocab/training.yaml).
    """
    Accredited = "accredited"
    """
    The programme is currently accredited by the accrediting body named.
    """
    Accreditation_in_progress = "in_progress"
    """
    The programme has applied for accreditation and awaits the decision.
    """
    Accreditation_expired = "expired"
    """
    The programme was accredited, but the accreditation has ended and has not been renewed.
    """
    Not_accredited = "not_accredited"
    """
    The programme is not accredited.
    """


class Activity(str, Enum):
    """
    What an organisation does (the Tuto3 PAT template's "Activities"). The associations' activities are mainly advocacy and support to individuals, to peer support workers, to institutions or teams working with peer support workers, and to public authorities; the other codes name activities the same report describes under these headings. Codes of the concept scheme pv:activity (vocab/organisations.yaml).
    """
    Advocacy = "advocacy"
    """
    Working to improve mental health services, reduce stigma and influence policy: promoting the recognition and integration of peer support roles, recovery-oriented values and practices, and sustainable funding for peer support (Tuto3 PAT Result 4).
    """
    Support_to_individuals = "support_to_individuals"
    """
    Support to individuals living with mental health difficulties, from direct support to activities such as therapeutic gardens (Tuto3 PAT Result 4).
    """
    Support_to_peer_support_workers = "support_to_peer_workers"
    """
    Support to peer support workers: being part of a network, vocational training and continuing education, mentorship and intervision (Tuto3 PAT Result 4).
    """
    Support_to_institutions_and_teams = "support_to_institutions_and_teams"
    """
    Support to institutions and teams working with peer support workers, mainly training in recovery practices and in how peer support workers may contribute, and preparing the hiring of peer support workers (Tuto3 PAT Result 4, see Result 3).
    """
    Support_to_public_authorities = "support_to_public_authorities"
    """
    Helping public authorities design policies that support recovery-oriented practices and peer support, for example in governmental advisory committees, stakeholder meetings or national working parties (Tuto3 PAT Result 4).
    """
    Training = "training"
    """
    Running training or continuing education, for peer support workers or for others such as teams and students.
    """
    Placement_of_peer_workers = "placement_of_peer_workers"
    """
    Hiring peer support workers and placing them in hospitals and community organisations, according to the platform model (Tuto3 PAT Result 4).
    """
    Peer_support_groups = "peer_support_groups"
    """
    Running peer support or self-help groups, for people with lived experience or for their relatives (Tuto3 PAT Result 4).
    """
    Intervision_groups = "intervision_groups"
    """
    Running intervision groups, in which peer support workers from different organisations, facilitated by peers, reflect together on concrete situations met in their work (Tuto3 PAT Result 4).
    """
    Research = "research"
    """
    Carrying out research on peer support, or taking part in it.
    """
    Awareness_raising_and_fighting_stigma = "awareness_raising"
    """
    Raising awareness of mental health and peer support and fighting stigma, through testimonials, publications, events and workshops in schools, health services and elsewhere, or sessions led by peer support workers for professionals and students (Tuto3 PAT Results 3 and 4).
    """


class AdmissionCriterion(str, Enum):
    """
    What candidates need to be admitted to a training programme. In the Tuto3 PAT Delphi survey there was a consensus that peer support workers should have lived experience of mental health crisis and of recovery from a crisis, as well as an empathetic personality; there was no consensus on other admission criteria. In the French peer health mediator programme, registration was conditional on recruitment at one of the employing sites. Codes of the concept scheme pv:admission-criterion (vocab/training.yaml).
    """
    Lived_experience_of_a_mental_health_crisis = "lived_experience_of_crisis"
    """
    The candidate has lived through a mental health crisis; a consensus admission criterion of the Tuto3 PAT Delphi survey (Result 2).
    """
    Lived_experience_of_recovery_from_a_crisis = "lived_experience_of_recovery"
    """
    The candidate has lived experience of recovery from a crisis; a consensus admission criterion of the Tuto3 PAT Delphi survey (Result 2).
    """
    Empathetic_personality = "empathetic_personality"
    """
    The candidate has an empathetic personality; a consensus admission criterion of the Tuto3 PAT Delphi survey (Result 2).
    """
    Recruited_by_an_employing_site = "recruitment_by_employer"
    """
    Registration is conditional on recruitment by one of the programme's employing sites, as in the French peer health mediator programme, where trainees recruited at one of 15 sites were hired under a professional contract (compendium, Submission 15).
    """
    Other = "other"
    """
    Another admission criterion, described in the programme's admission notes; the Tuto3 PAT survey found no consensus on other criteria.
    """


class AimDirectness(str, Enum):
    """
    Whether a practice aims at its aims directly, or is expected to reach them indirectly. The compendium notes, for instance, an implicit belief that the improvements associated with a larger peer workforce will improve service provision such that, indirectly, coercion will be reduced. Codes of the concept scheme pv:aim-directness (vocab/practices.yaml).
    """
    Direct = "direct"
    """
    The practice aims directly at its aims, such as reducing, preventing or eliminating coercive practices.
    """
    Indirect = "indirect"
    """
    The practice is expected to reach its aims indirectly, by advancing the general aim to promote voluntary mental health care and support; peer support workers, for example, are likely to indirectly drive down the use of coercive practices (compendium, after Repper & Carter, 2011, p. 392).
    """


class Competency(str, Enum):
    """
    The competency framework for peer support workers (PSW) in mental health developed in Result 1 of the Tuto3 PAT (Peer And Team support) Erasmus+ project: 12 categories and the items (competences and attitudes) listed under each. The framework was adapted from the peer worker core competencies of the Substance Abuse and Mental Health Services Administration (SAMHSA, USA) by project partners from Belgium, Romania, Germany, Norway, Spain, France and Canada. Each category is a concept (C01-C12); each item is a narrower concept of its category (C01.1...). Codes of the concept scheme pv:competency (vocab/competencies.yaml).
    """
    Encourages_peers_to_play_active_part_in_relationships_collaboration_and_empowerment = "C01"
    Initiates_maintain_and_restores_contact_with_peersFULL_STOP = "C01.1"
    Reach_out_to_engage_peers_across_the_whole_continuum_of_the_recovery_processFULL_STOP = "C01.2"
    Demonstrates_genuine_unconditional_acceptance_and_respectFULL_STOP = "C01.3"
    Allows_a_mutual_role_to_the_peer_so_they_can_facilitate_the_workersAPOSTROPHE_recovery_process_tooFULL_STOP = "C01.4"
    Shared_lived_experiences_of_recovery = "C02"
    Relates_their_own_recovery_stories_and_with_permission_the_recovery_stories_of_othersAPOSTROPHE_to_inspire_hopeFULL_STOP = "C02.1"
    Discusses_ongoing_personal_efforts_to_enhance_health_wellness_and_recoveryFULL_STOP = "C02.2"
    Recognizes_when_to_share_experiences_and_when_to_listenFULL_STOP = "C02.3"
    Describes_personal_recovery_practices_and_helps_peers_discover_recovery_practices_that_work_for_themFULL_STOP = "C02.4"
    Provides_support = "C03"
    Validates_peersAPOSTROPHE_experiences_and_feelingsFULL_STOP = "C03.1"
    Conveys_hope_to_peers_about_their_recoveryFULL_STOP = "C03.2"
    Celebrates_peersAPOSTROPHE_efforts_and_accomplishmentsFULL_STOP = "C03.3"
    Accompany_peers_to_community_activities_and_appointments_when_requestedFULL_STOP = "C03.4"
    Personalizes_peer_support = "C04"
    Understands_hisSOLIDUShers_own_personal_values_and_culture_and_how_these_may_contribute_to_biases_judgements_and_beliefsFULL_STOP = "C04.1"
    Appreciates_and_respects_the_cultural_and_spiritual_beliefs_and_practices_of_peers_and_their_familiesFULL_STOP = "C04.2"
    Tailors_services_and_support_to_meet_the_preferences_and_unique_needs_of_peers_and_their_familiesFULL_STOP = "C04.3"
    Uses_approaches_that_match_the_preferences_and_needs_of_peersFULL_STOP = "C07.5"
    Supports_recovery_planning_and_supports_recovery_in_a_non_directive_way = "C05"
    Assists_and_supports_peers_to_set_goals_and_to_dream_of_future_possibilitiesFULL_STOP = "C05.1"
    Proposes_strategies_to_help_a_peer_accomplish_tasks_or_goalsFULL_STOP = "C05.2"
    Encourages_peers_to_use_decision_making_strategies_when_choosing_services_and_supportFULL_STOP = "C05.3"
    Helps_peers_to_function_as_members_of_their_treatmentSOLIDUSrecovery_support_teamFULL_STOP = "C05.4"
    Provides_concrete_assistance_to_help_peers_accomplish_tasks_and_goalsFULL_STOP = "C05.5"
    Encourages_peers_to_embrace_responsibilities_according_to_their_own_capacityFULL_STOP = "C05.6"
    Links_to_resources_services_and_supports = "C06"
    Develops_and_maintains_up_to_date_information_about_community_resources_and_servicesFULL_STOP = "C06.1"
    Assists_peers_to_investigate_select_and_use_needed_and_desired_resources_and_servicesFULL_STOP = "C06.2"
    Helps_peers_find_and_use_health_services_and_supportsFULL_STOP = "C06.3"
    Participates_in_community_activities_with_peers_when_requestedFULL_STOP = "C06.4"
    Encourages_the_exploration_and_pursuit_of_community_roles_in_developing_a_resource_networkFULL_STOP = "C06.5"
    Helps_peers_find_resources_in_their_own_network_including_money_housing_education_and_health_careFULL_STOP = "C06.6"
    Provides_information_about_skills_related_to_health_wellness_and_recovery = "C07"
    Promotes_wellness_recovery_and_recovery_support_towards_peersFULL_STOP = "C07.1"
    Coaches_peers_about_how_to_access_treatment_and_services_and_navigate_systems_of_careFULL_STOP = "C07.2"
    Coaches_peers_in_desired_skills_and_strategies = "C07.3"
    Promotes_recovery_and_recovery_supports_towards_family_members_and_other_supportive_individualsFULL_STOP = "C07.4"
    Helps_peers_to_manage_crisis = "C08"
    Recognizes_signs_of_distress_and_threats_to_safety_among_peers_and_in_their_environmentsFULL_STOP = "C08.1"
    Provides_reassurance_to_peers_in_distress = "C08.2"
    Strives_to_create_safe_spaces_when_meeting_with_peersFULL_STOP = "C08.3"
    Takes_action_to_address_distress_or_a_crisis_by_using_knowledge_of_local_resources_treatment_services_and_support_preferences_of_peersFULL_STOP = "C08.4"
    Assists_peers_in_developing_advance_directives_and_other_crisis_prevention_toolsFULL_STOP = "C08.5"
    Values_communication = "C09"
    Uses_respectful_person_centered_recovery_oriented_language_in_written_and_verbal_communications_with_peers_family_members_community_members_and_othersFULL_STOP = "C09.1"
    Listens_to_peers_with_careful_attention_to_the_content_and_emotion_being_communicatedFULL_STOP = "C09.2"
    Clarifies_their_understanding_of_information_when_in_doubt_of_its_meaningFULL_STOP = "C09.3"
    Documents_information_as_required_by_program_policies_and_proceduresFULL_STOP = "C09.4"
    Follows_laws_and_rules_concerning_confidentiality_and_respects_othersAPOSTROPHE_rights_for_privacyFULL_STOP = "C09.5"
    Demonstrates_understanding_of_peersAPOSTROPHE_experiences_and_feelingsFULL_STOP = "C09.6"
    Recognizes_and_responds_to_the_complexities_and_uniqueness_of_each_peerAPOSTROPHEs_process_of_recoveryFULL_STOP = "C09.7"
    Supports_collaboration_and_teamwork = "C10"
    Works_together_with_other_colleagues_to_enhance_the_provision_of_services_and_supportsFULL_STOP = "C10.1"
    Assertively_engages_providers_from_mental_health_services_addiction_services_and_physical_medicine_to_meet_the_needs_of_peersFULL_STOP = "C10.2"
    Coordinate_and_partner_with_relevant_health_care_providers_family_members_or_other_community_members_or_natural_support_groups_to_enhance_wellness_and_strengthen_opportunities_for_peersFULL_STOP = "C10.3"
    Strives_to_resolve_conflicts_in_relationships_with_peers_and_others_in_their_support_networkFULL_STOP = "C10.4"
    Conveys_their_point_of_view_when_working_with_colleaguesFULL_STOP = "C10.5"
    Promotes_leadership_and_advocacy = "C11"
    Uses_knowledge_of_relevant_rights_and_laws_to_ensure_that_peersAPOSTROPHE_rights_are_respectedFULL_STOP = "C11.1"
    Advocates_for_the_needs_and_desires_of_peers_in_treatment_team_meetings_community_services_living_situations_and_with_familyFULL_STOP = "C11.2"
    Uses_knowledge_of_legal_resources_and_advocacy_organizations_to_build_an_advocacy_planFULL_STOP = "C11.3"
    Participates_in_efforts_to_eliminate_prejudice_and_discrimination_against_people_who_have_behavioral_health_conditions_and_their_familiesFULL_STOP = "C11.4"
    Encourages_colleagues_towards_the_process_of_recovery_and_the_use_of_recovery_support_servicesFULL_STOP = "C11.5"
    Actively_participates_in_efforts_to_improve_the_organizationFULL_STOP = "C11.6"
    Maintains_involvement_and_engagement_in_peerSOLIDUSprofessional_communitiesFULL_STOP = "C11.7"
    Researches_and_identifies_credible_information_and_options_from_various_resourcesFULL_STOP = "C11.8"
    Promotes_professional_development = "C12"
    Recognizes_the_limits_of_their_knowledge_and_seeks_assistance_from_others_when_neededFULL_STOP = "C12.1"
    Uses_supervision_LEFT_PARENTHESISmentoring_reflectionRIGHT_PARENTHESIS_effectively_by_monitoring_self_and_relationships_preparing_for_meetings_and_engaging_in_problem_solving_strategies_with_the_supervisor_LEFT_PARENTHESISmentor_peerRIGHT_PARENTHESISFULL_STOP = "C12.2"
    Reflects_on_own_personal_motivations_judgements_and_feelings_that_may_be_activated_by_the_peer_work_recognizing_signs_of_distress_and_knowing_when_to_seek_supportFULL_STOP = "C12.3"
    Seeks_opportunities_to_increase_knowledge_and_skills_of_peer_supportFULL_STOP = "C12.4"
    Understands_the_job_as_a_way_to_have_a_role_in_society_and_embrace_responsibilities_towards_others_which_are_foundations_for_citizenshipFULL_STOP = "C12.5"
    Promote_own_professional_development_and_welfareFULL_STOP = "C12.6"


class ConsentAudience(str, Enum):
    """
    Who may receive the fields a peer worker consents to disclose. Codes of the concept scheme pv:consent-audience (vocab/workforce.yaml).
    """
    The_federation = "federation"
    """
    The federation of peer support workers' organisations the employer or association belongs to.
    """
    Funders = "funders"
    """
    The organisations that fund or commission the peer worker's position or organisation.
    """
    Researchers = "researchers"
    """
    Researchers studying peer support or the peer workforce.
    """
    Employers = "employers"
    """
    Employers and host organisations, present or prospective.
    """
    The_public = "public"
    """
    Anyone, through a public dataset or publication.
    """


class ConsentPurpose(str, Enum):
    """
    What the fields a peer worker consents to disclose may be used for. Codes of the concept scheme pv:consent-purpose (vocab/workforce.yaml).
    """
    Exchange_of_registry_data = "registry_exchange"
    """
    Exchanging the record between the registries of organisations and their federation.
    """
    Workforce_statistics = "workforce_statistics"
    """
    Counting and describing the peer workforce in aggregate figures.
    """
    Research = "research"
    """
    Research on peer support or the peer workforce.
    """
    Service_directory = "service_directory"
    """
    Listing the peer worker's service in a directory that helps people find peer support.
    """
    Certification = "certification"
    """
    Checking or awarding a certification or qualification.
    """
    Reporting_to_funders = "funding_reporting"
    """
    Reporting on the use of funds to the organisations that fund the work.
    """


class ContractType(str, Enum):
    """
    The kind of contract a peer worker works under, or a training programme's trainees are hired under: permanent, fixed-term, a professional contract tied to a training programme, a placement through a platform, freelance work or an internship. Codes of the concept scheme pv:contract-type (vocab/workforce.yaml).
    """
    Permanent_contract = "permanent"
    """
    An employment contract without an end date.
    """
    Fixed_term_contract = "fixed_term"
    """
    An employment contract that ends on a set date or at the end of a project.
    """
    Professional_contract_LEFT_PARENTHESIStraining_and_workRIGHT_PARENTHESIS = "professional_contract"
    """
    A work-study contract that combines training with employment: peer health mediator trainees were hired under a professional contract covering the year of training and internship and the year of service placement (compendium, Submission 15).
    """
    Placement_through_a_platform = "platform_placement"
    """
    The peer worker is employed by a platform, an association run by peer support workers, and lent to an institution such as a mental health hospital (Tuto3 PAT Result 4, the platform model).
    """
    Freelance = "freelance"
    """
    Self-employed work, paid by the assignment.
    """
    Internship = "internship"
    """
    A training placement under an internship agreement rather than an employment contract.
    """
    Other = "other"
    """
    Another kind of contract or arrangement.
    """


class Country(str, Enum):
    """
    Countries and territories of ISO 3166-1, identified by their alpha-2 code, with the Council of Europe member states as a collection. Codes of the concept scheme pv:country (vocab/countries.yaml).
    """
    Andorra = "AD"
    United_Arab_Emirates = "AE"
    Afghanistan = "AF"
    Antigua_and_Barbuda = "AG"
    Anguilla = "AI"
    Albania = "AL"
    Armenia = "AM"
    Angola = "AO"
    Antarctica = "AQ"
    Argentina = "AR"
    American_Samoa = "AS"
    Austria = "AT"
    Australia = "AU"
    Aruba = "AW"
    Åland_Islands = "AX"
    Azerbaijan = "AZ"
    Bosnia_and_Herzegovina = "BA"
    Barbados = "BB"
    Bangladesh = "BD"
    Belgium = "BE"
    Burkina_Faso = "BF"
    Bulgaria = "BG"
    Bahrain = "BH"
    Burundi = "BI"
    Benin = "BJ"
    Saint_Barthélemy = "BL"
    Bermuda = "BM"
    Brunei_Darussalam = "BN"
    Bolivia = "BO"
    Bonaire_Sint_Eustatius_and_Saba = "BQ"
    Brazil = "BR"
    Bahamas = "BS"
    Bhutan = "BT"
    Bouvet_Island = "BV"
    Botswana = "BW"
    Belarus = "BY"
    Belize = "BZ"
    Canada = "CA"
    Cocos_LEFT_PARENTHESISKeelingRIGHT_PARENTHESIS_Islands = "CC"
    Democratic_Republic_of_the_Congo = "CD"
    Central_African_Republic = "CF"
    Congo = "CG"
    Switzerland = "CH"
    Côte_dAPOSTROPHEIvoire = "CI"
    Cook_Islands = "CK"
    Chile = "CL"
    Cameroon = "CM"
    China = "CN"
    Colombia = "CO"
    Costa_Rica = "CR"
    Cuba = "CU"
    Cabo_Verde = "CV"
    Curaçao = "CW"
    Christmas_Island = "CX"
    Cyprus = "CY"
    Czech_Republic = "CZ"
    Germany = "DE"
    Djibouti = "DJ"
    Denmark = "DK"
    Dominica = "DM"
    Dominican_Republic = "DO"
    Algeria = "DZ"
    Ecuador = "EC"
    Estonia = "EE"
    Egypt = "EG"
    Western_Sahara = "EH"
    Eritrea = "ER"
    Spain = "ES"
    Ethiopia = "ET"
    Finland = "FI"
    Fiji = "FJ"
    Falkland_Islands_LEFT_PARENTHESISMalvinasRIGHT_PARENTHESIS = "FK"
    Micronesia = "FM"
    Faroe_Islands = "FO"
    France = "FR"
    Gabon = "GA"
    United_Kingdom = "GB"
    Grenada = "GD"
    Georgia = "GE"
    French_Guiana = "GF"
    Guernsey = "GG"
    Ghana = "GH"
    Gibraltar = "GI"
    Greenland = "GL"
    Gambia = "GM"
    Guinea = "GN"
    Guadeloupe = "GP"
    Equatorial_Guinea = "GQ"
    Greece = "GR"
    South_Georgia_and_the_South_Sandwich_Islands = "GS"
    Guatemala = "GT"
    Guam = "GU"
    Guinea_Bissau = "GW"
    Guyana = "GY"
    Hong_Kong = "HK"
    Heard_Island_and_McDonald_Islands = "HM"
    Honduras = "HN"
    Croatia = "HR"
    Haiti = "HT"
    Hungary = "HU"
    Indonesia = "ID"
    Ireland = "IE"
    Israel = "IL"
    Isle_of_Man = "IM"
    India = "IN"
    British_Indian_Ocean_Territory = "IO"
    Iraq = "IQ"
    Iran = "IR"
    Iceland = "IS"
    Italy = "IT"
    Jersey = "JE"
    Jamaica = "JM"
    Jordan = "JO"
    Japan = "JP"
    Kenya = "KE"
    Kyrgyzstan = "KG"
    Cambodia = "KH"
    Kiribati = "KI"
    Comoros = "KM"
    Saint_Kitts_and_Nevis = "KN"
    North_Korea = "KP"
    South_Korea = "KR"
    Kuwait = "KW"
    Cayman_Islands = "KY"
    Kazakhstan = "KZ"
    Laos = "LA"
    Lebanon = "LB"
    Saint_Lucia = "LC"
    Liechtenstein = "LI"
    Sri_Lanka = "LK"
    Liberia = "LR"
    Lesotho = "LS"
    Lithuania = "LT"
    Luxembourg = "LU"
    Latvia = "LV"
    Libya = "LY"
    Morocco = "MA"
    Monaco = "MC"
    Republic_of_Moldova = "MD"
    Montenegro = "ME"
    Saint_Martin_LEFT_PARENTHESISFrench_partRIGHT_PARENTHESIS = "MF"
    Madagascar = "MG"
    Marshall_Islands = "MH"
    North_Macedonia = "MK"
    Mali = "ML"
    Myanmar = "MM"
    Mongolia = "MN"
    Macao = "MO"
    Northern_Mariana_Islands = "MP"
    Martinique = "MQ"
    Mauritania = "MR"
    Montserrat = "MS"
    Malta = "MT"
    Mauritius = "MU"
    Maldives = "MV"
    Malawi = "MW"
    Mexico = "MX"
    Malaysia = "MY"
    Mozambique = "MZ"
    Namibia = "NA"
    New_Caledonia = "NC"
    Niger = "NE"
    Norfolk_Island = "NF"
    Nigeria = "NG"
    Nicaragua = "NI"
    Netherlands = "NL"
    Norway = "NO"
    Nepal = "NP"
    Nauru = "NR"
    Niue = "NU"
    New_Zealand = "NZ"
    Oman = "OM"
    Panama = "PA"
    Peru = "PE"
    French_Polynesia = "PF"
    Papua_New_Guinea = "PG"
    Philippines = "PH"
    Pakistan = "PK"
    Poland = "PL"
    Saint_Pierre_and_Miquelon = "PM"
    Pitcairn = "PN"
    Puerto_Rico = "PR"
    Palestine = "PS"
    Portugal = "PT"
    Palau = "PW"
    Paraguay = "PY"
    Qatar = "QA"
    Réunion = "RE"
    Romania = "RO"
    Serbia = "RS"
    Russian_Federation = "RU"
    Rwanda = "RW"
    Saudi_Arabia = "SA"
    Solomon_Islands = "SB"
    Seychelles = "SC"
    Sudan = "SD"
    Sweden = "SE"
    Singapore = "SG"
    Saint_Helena_Ascension_and_Tristan_da_Cunha = "SH"
    Slovenia = "SI"
    Svalbard_and_Jan_Mayen = "SJ"
    Slovak_Republic = "SK"
    Sierra_Leone = "SL"
    San_Marino = "SM"
    Senegal = "SN"
    Somalia = "SO"
    Suriname = "SR"
    South_Sudan = "SS"
    Sao_Tome_and_Principe = "ST"
    El_Salvador = "SV"
    Sint_Maarten_LEFT_PARENTHESISDutch_partRIGHT_PARENTHESIS = "SX"
    Syria = "SY"
    Eswatini = "SZ"
    Turks_and_Caicos_Islands = "TC"
    Chad = "TD"
    French_Southern_Territories = "TF"
    Togo = "TG"
    Thailand = "TH"
    Tajikistan = "TJ"
    Tokelau = "TK"
    Timor_Leste = "TL"
    Turkmenistan = "TM"
    Tunisia = "TN"
    Tonga = "TO"
    Türkiye = "TR"
    Trinidad_and_Tobago = "TT"
    Tuvalu = "TV"
    Taiwan = "TW"
    Tanzania = "TZ"
    Ukraine = "UA"
    Uganda = "UG"
    United_States_Minor_Outlying_Islands = "UM"
    United_States = "US"
    Uruguay = "UY"
    Uzbekistan = "UZ"
    Holy_See_LEFT_PARENTHESISVatican_City_StateRIGHT_PARENTHESIS = "VA"
    Saint_Vincent_and_the_Grenadines = "VC"
    Venezuela = "VE"
    British_Virgin_Islands = "VG"
    United_States_Virgin_Islands = "VI"
    Vietnam = "VN"
    Vanuatu = "VU"
    Wallis_and_Futuna = "WF"
    Samoa = "WS"
    Yemen = "YE"
    Mayotte = "YT"
    South_Africa = "ZA"
    Zambia = "ZM"
    Zimbabwe = "ZW"


class DeliveryMode(str, Enum):
    """
    How a training programme is delivered: face to face, online, blended, or as a MOOC (massive open online course). Codes of the concept scheme pv:delivery-mode (vocab/training.yaml).
    """
    Face_to_face = "face_to_face"
    """
    Trainers and trainees meet in the same place; the nursing students of Tuto3 PAT Result 3 preferred face-to-face exchanges with peer helpers.
    """
    Online = "online"
    """
    Delivered at a distance, live or self-paced, to enrolled trainees.
    """
    Blended = "blended"
    """
    A mix of face-to-face and online sessions.
    """
    MOOC = "mooc"
    """
    A massive open online course, accessible to all, such as the MOOC for peer support workers and mental health professionals of Tuto3 PAT Result 5.
    """


class DisclosableField(str, Enum):
    """
    The fields of a peer worker record that a disclosure consent may cover. The codes are the field names of the peer worker record, plus peer_status, which stands for the fact of being a peer worker at all. Every field of a peer worker is special-category data, because the role itself reveals lived experience of mental ill-health; a field not listed in a consent is not disclosed. Codes of the concept scheme pv:disclosable-field (vocab/workforce.yaml).
    """
    Peer_status = "peer_status"
    """
    The fact of being a peer worker at all, which reveals lived experience of mental ill-health.
    """
    Role = "role"
    """
    The kind of peer role held (field role).
    """
    Role_title = "role_title"
    """
    The job title as the employer writes it (field role_title).
    """
    Employment_status = "employment_status"
    """
    Whether the position is paid, unpaid or voluntary (field employment_status).
    """
    Weekly_hours = "weekly_hours"
    """
    Contracted hours per week (field weekly_hours).
    """
    Contract_type = "contract_type"
    """
    The kind of contract (field contract_type).
    """
    Employer = "employer"
    """
    The organisation that employs the peer worker (field employer).
    """
    Host_organisation = "host_organisation"
    """
    Where the peer worker works when it is not the employer, such as the hospital a platform places them in (field host_organisation).
    """
    Work_settings = "work_settings"
    """
    The settings the peer worker works in (field work_settings).
    """
    Completed_trainings = "completed_trainings"
    """
    The training programmes the peer worker has completed (field completed_trainings).
    """
    Certifications = "certifications"
    """
    The certificates and qualifications the peer worker holds (field certifications).
    """
    Competencies = "competencies"
    """
    The competencies of the Tuto3 PAT framework the peer worker holds (field competencies).
    """
    Supervision = "supervision"
    """
    The supervision the peer worker receives (field supervision).
    """
    Intervision = "intervision"
    """
    How often the peer worker takes part in an intervision group (field intervision).
    """
    Role_description = "has_role_description"
    """
    Whether the peer worker has a written role description (field has_role_description).
    """
    Career_pathway = "has_career_pathway"
    """
    Whether the position offers a career pathway (field has_career_pathway).
    """


class EmploymentStatus(str, Enum):
    """
    Whether a peer worker's position is paid, unpaid or voluntary. Peer workers are recruited into paid and/or unpaid positions, and are frequently employed in part-time, low-paid positions. Codes of the concept scheme pv:employment-status (vocab/workforce.yaml).
    """
    Paid = "paid"
    """
    The position is paid, by salary or fees.
    """
    Unpaid = "unpaid"
    """
    The position is a post in the organisation's structure, with duties, but without pay, such as an unpaid internship.
    """
    Volunteer = "volunteer"
    """
    The peer worker gives their time freely as a volunteer.
    """


class EvaluationStatus(str, Enum):
    """
    How far a practice has been evaluated, as the compendium reports it. Several statuses may apply at once: the peer health mediator programme has a positive qualitative evaluation and a quantitative study under way. Codes of the concept scheme pv:evaluation-status (vocab/practices.yaml).
    """
    Not_evaluated = "not_evaluated"
    """
    No evaluation of the practice is reported.
    """
    No_peer_reviewed_research_yet = "no_peer_reviewed_research"
    """
    There is no peer-reviewed empirical research into the practice yet, as the compendium says of Intentional Peer Support.
    """
    Outcome_measure_developed = "measure_developed"
    """
    An outcome measure for the practice has been developed and tested, a foundation for future research, as Penney and colleagues (2021) did for the IPS core competencies.
    """
    Qualitative_evaluation_positive = "qualitative_positive"
    """
    A qualitative evaluation has reported positive results, as for the peer health mediator programme (Submission 15).
    """
    Quantitative_study_under_way = "quantitative_underway"
    """
    A quantitative study is under way, as for the peer health mediator programme at the time of writing (Submission 15).
    """
    Quantitative_study_completed = "quantitative_completed"
    """
    A quantitative study of the practice has been completed.
    """
    Systematic_assessment_published = "systematic_assessment"
    """
    A systematic assessment of the practice's impact and effectiveness has been published, such as Longden et al. (2018) on 62 groups affiliated with the English Hearing Voices Network.
    """


class Facilitation(str, Enum):
    """
    Who facilitates a peer support group. Some Hearing Voices Network groups are 100% user-led, with all facilitators having personal experience of voice-hearing; some are facilitated by people with a combination of personal and professional experience; in some settings, groups may be facilitated completely by people with professional, but not personal, experience, and the network encourages these groups to involve people with personal experience more actively. Codes of the concept scheme pv:facilitation (vocab/practices.yaml).
    """
    Fully_peer_led = "fully_peer_led"
    """
    All facilitators have personal experience of what the group is about ("100% user-led" in the compendium).
    """
    Mixed_personal_and_professional_experience = "mixed_experience"
    """
    Facilitated by people with a combination of personal and professional experience.
    """
    Professionals_only = "professional_only"
    """
    Facilitated completely by people with professional, but not personal, experience.
    """


class FocusArea(str, Enum):
    """
    The fields an organisation works in (the Tuto3 PAT template's "Focus areas"). The associations' area of focus is mainly mental health; some also cover other fields linked to mental health: neurodevelopmental disorders, addictions, autism and homelessness. Codes of the concept scheme pv:focus-area (vocab/organisations.yaml).
    """
    Mental_health = "mental_health"
    """
    Mental health and recovery from mental health difficulties; the main focus of the Tuto3 PAT associations.
    """
    Addictions = "addictions"
    """
    Alcohol and drug use and other addictions.
    """
    Neurodevelopmental_disorders = "neurodevelopmental_disorders"
    """
    Neurodevelopmental conditions such as attention deficit hyperactivity disorder; autism has its own code.
    """
    Autism = "autism"
    """
    Autism and the autism spectrum.
    """
    Homelessness = "homelessness"
    """
    Homelessness and housing exclusion.
    """
    Other = "other"
    """
    Another field, to be described in the organisation's description.
    """


class FundingSource(str, Enum):
    """
    Where an organisation's money, and the volunteer time it relies on, comes from (the Tuto3 PAT template's "Funding"). The associations' funding is mainly public and specific to peer support, often government grants from local, regional or national agencies; some benefit from social security tax rebates for their staff; other modes include foundations, membership fees and profit from services, as in the platform model; volunteer working time is crucial to many. Codes of the concept scheme pv:funding-source (vocab/organisations.yaml).
    """
    Public_grant_LEFT_PARENTHESISlocalRIGHT_PARENTHESIS = "public_grant_local"
    """
    A grant from a local authority, such as a municipality.
    """
    Public_grant_LEFT_PARENTHESISregionalRIGHT_PARENTHESIS = "public_grant_regional"
    """
    A grant from a regional authority or agency, such as a region, province or regional health agency.
    """
    Public_grant_LEFT_PARENTHESISnationalRIGHT_PARENTHESIS = "public_grant_national"
    """
    A grant from a national government department or agency.
    """
    Public_grant_LEFT_PARENTHESISEuropeanRIGHT_PARENTHESIS = "public_grant_european"
    """
    A grant from a European programme, such as the Erasmus+ programme of the European Union that co-funds Tuto3 PAT.
    """
    Foundation = "foundation"
    """
    A grant from a foundation.
    """
    Membership_fees = "membership_fees"
    """
    Fees paid by the organisation's members.
    """
    Revenue_from_services = "service_revenue"
    """
    Income from services the organisation sells, such as contracts with institutions for the peer support workers it places in the platform model (Tuto3 PAT Result 4).
    """
    Social_security_rebates = "social_security_rebate"
    """
    Reductions of the social security contributions due on the organisation's staff ("social security tax rebates", Tuto3 PAT Result 4).
    """
    Donations = "donations"
    """
    Gifts of money from individuals or companies.
    """
    Volunteer_time = "volunteer_time"
    """
    Working time given by volunteers, crucial for the sustainability of many peer support organisations (Tuto3 PAT Result 4).
    """
    Other = "other"
    """
    Another source of funding.
    """


class GeographicScope(str, Enum):
    """
    How far a practice reaches geographically. "International" is the compendium's own value in its country filter, used for practices that span many countries (such as the Hearing Voices Network and Intentional Peer Support); the other values are our own. Codes of the concept scheme pv:geographic-scope (vocab/metadata.yaml).
    """
    Local = "local"
    """
    The practice runs in one town, city or district, or in one service.
    """
    Regional = "regional"
    """
    The practice runs across one or more regions of a country (a province, county or health region), but not the whole country.
    """
    National = "national"
    """
    The practice runs across one country, or is organised at national level.
    """
    International = "international"
    """
    The practice spans many countries; the compendium's filter value for such practices (Council of Europe compendium, 'Peer Support and the Peer Workforce, International').
    """


class GovernanceBody(str, Enum):
    """
    The bodies that govern an organisation (part of the Tuto3 PAT template's "Governance model"). The associations' governance model is based on a General Assembly and a Board; larger organisations have an executive committee. Codes of the concept scheme pv:governance-body (vocab/organisations.yaml).
    """
    General_assembly = "general_assembly"
    """
    The meeting of all members, which elects the board and takes the main decisions.
    """
    Board = "board"
    """
    The body, elected by the members, that runs the organisation between general assemblies.
    """
    Executive_committee = "executive_committee"
    """
    A smaller body that manages day-to-day business on the board's behalf; found in larger organisations (Tuto3 PAT Result 4).
    """
    Advisory_committee = "advisory_committee"
    """
    A body that advises the organisation without deciding for it, such as a scientific or users' advisory committee.
    """
    Other = "other"
    """
    Another governance body, to be described in the governance model.
    """


class GroupMembership(str, Enum):
    """
    Who a peer support group is for. Membership is one of the ways in which Hearing Voices Network groups differ, even as they share basic values: most groups are purely made up of people with lived experience; some have open sessions that welcome family members and/or supporters too; some focus on a particular group; others are open to all. Codes of the concept scheme pv:group-membership (vocab/practices.yaml).
    """
    People_with_lived_experience_only = "lived_experience_only"
    """
    Members are purely people with lived experience (for Hearing Voices groups, of voices, visions and other unusual sensory perceptions); the case of most groups.
    """
    Open_sessions_for_family_and_supporters = "open_to_family_and_supporters"
    """
    The group has open sessions that welcome family members and/or supporters too.
    """
    A_particular_population = "specific_population"
    """
    The group focuses on a particular population, such as people from specific cultural groups, genders or ages; in the United Kingdom there are groups for young people, people in prison, women and people from Black and Minority Ethnic communities.
    """
    Open_to_all = "open_to_all"
    """
    Anyone may join the group.
    """


class IntervisionFrequency(str, Enum):
    """
    How often a peer worker takes part in an intervision group of peers from other organisations. The group decides on the frequency of its meetings: once a month can be suitable for a start, and meetings may be organised more frequently if necessary. Codes of the concept scheme pv:intervision-frequency (vocab/workforce.yaml).
    """
    Weekly = "weekly"
    """
    Once a week.
    """
    Every_two_weeks = "fortnightly"
    """
    Once every two weeks.
    """
    Monthly = "monthly"
    """
    Once a month, the frequency Tuto3 PAT suggests for a start.
    """
    Quarterly = "quarterly"
    """
    Once every three months.
    """
    Irregularly = "irregular"
    """
    From time to time, without a fixed rhythm.
    """
    None_ = "none"
    """
    The peer worker takes part in no intervision group.
    """


class IpsTask(str, Enum):
    """
    The four central tasks through which Shery Mead's model explains the process and philosophy of Intentional Peer Support (IPS), "a system of giving and receiving help founded on key principles of respect, shared responsibility, and mutual agreement of what is helpful": connection, worldview, mutuality and moving towards. Codes of the concept scheme pv:ips-task (vocab/practices.yaml).
    """
    Connection = "connection"
    """
    Deliberately nurturing the connection provided by shared experience to develop intentional relationships: being open, interested and curious; sharing relevant stories; being aware when and why you disconnect; being able to reconnect; and valuing self-reflection (Task 1).
    """
    Worldview = "worldview"
    """
    Starting from the assumption that meaning and perception are created within culture and relationships: listening from a position of 'not knowing', generating good questions and creating safe spaces where people can examine assumptions and explore new possibilities (Task 2).
    """
    Mutuality = "mutuality"
    """
    Sharing experiences, both giving and receiving support, to encourage new ways of making meaning: sharing worldviews and experiences, making sure the needs of both people are met, and offering and receiving reflective or critical feedback; support given and received as equals (Task 3).
    """
    Moving_towards = "moving_towards"
    """
    Identifying and moving towards a vision of a desired life goal, rather than helping each other find solutions to problems: co-creating a vision of where you want to go, planning the steps to get there, and learning and growing together (Task 4).
    """


class LegalStatus(str, Enum):
    """
    An organisation's legal status in broad categories that cross national legal forms (the Tuto3 PAT template's "Legal status"). The national legal form itself (ASBL, association loi 1901, registered charity) is written in the organisation's legal_form. Codes of the concept scheme pv:legal-status (vocab/organisations.yaml).
    """
    Non_profit_organisation = "non_profit"
    """
    An organisation that does not distribute profits to its members, such as an association (an ASBL in Belgium, an association loi 1901 in France); all the associations described in Tuto3 PAT Result 4 are non-profit.
    """
    Registered_charity = "charity"
    """
    A non-profit organisation registered as a charity with a charity regulator, as in the United Kingdom.
    """
    Organisation_of_public_interest = "public_interest"
    """
    A non-profit organisation recognised by the state as serving the public interest, such as an association reconnue d'utilité publique in France or a fondation d'utilité publique in Belgium.
    """
    Public_body = "public_body"
    """
    An organisation established under public law, such as a public authority, a public agency or a public hospital.
    """
    Company = "for_profit"
    """
    A company that operates for profit.
    """
    Unincorporated_group = "unincorporated"
    """
    A group without legal personality, such as an informal self-help group or a group hosted by another organisation.
    """
    Other = "other"
    """
    Another legal status, to be described in the organisation's legal form.
    """


class MemberKind(str, Enum):
    """
    Who can be a member of an association (part of the Tuto3 PAT template's "Membership"). Membership mainly involves individuals: peer support workers and, sometimes, other professionals; federations have organisations as members. Codes of the concept scheme pv:member-kind (vocab/organisations.yaml).
    """
    Peer_support_workers = "peer_support_workers"
    """
    Peer support workers, paid or volunteer, trained or not.
    """
    Other_professionals = "other_professionals"
    """
    Professionals who are not peer support workers, such as mental health professionals, trainers or researchers.
    """
    People_with_lived_experience = "people_with_lived_experience"
    """
    People with lived experience of mental health difficulties or of using mental health services who do not work as peer support workers.
    """
    Relatives_and_supporters = "relatives"
    """
    Family members, friends and other supporters of people with lived experience.
    """
    Organisations = "organisations"
    """
    Organisations, as members of a federation or network.
    """


class MembershipFee(str, Enum):
    """
    Whether membership of an association costs anything. In the Tuto3 PAT associations, membership is mostly free. Codes of the concept scheme pv:membership-fee (vocab/organisations.yaml).
    """
    Free = "free"
    """
    Members pay no fee.
    """
    Paid = "paid"
    """
    Members pay a fixed fee.
    """
    Sliding_scale = "sliding_scale"
    """
    The fee depends on the member's means, and may be waived.
    """


class MembershipRole(str, Enum):
    """
    An organisation's role in a federation or network it belongs to, for a period of membership. Codes of the concept scheme pv:membership-role (vocab/organisations.yaml).
    """
    Founding_member = "founding_member"
    """
    A member that took part in founding the federation or network, as PAT asbl did for FAPAF; its membership runs from the federation's start.
    """
    Member = "member"
    """
    A full member that joined after the federation or network was founded.
    """
    Observer = "observer"
    """
    An organisation that follows the federation's work without the full rights of a member, such as voting.
    """


class OrganisationKind(str, Enum):
    """
    The kinds of organisation that take part in peer support: associations of peer support workers and their federations, peer-operated services, employers and placement platforms, mental health service providers, universities, NGOs, networks, public bodies, WHO collaborating centres, research groups and funders. Several kinds may apply to one organisation (an association of peer support workers that is also a placement platform). Codes of the concept scheme pv:organisation-kind (vocab/organisations.yaml).
    """
    Association_of_peer_support_workers = "peer_worker_association"
    """
    An association run by and for peer support workers that represents, networks and supports them; in Tuto3 PAT Result 4 these associations are young, non-profit and small (2 to 10 staff).
    """
    Federation_of_peer_support_workersAPOSTROPHE_organisations = "federation"
    """
    A federation whose members are organisations of peer support workers, such as FAPAF, the Federation of French Speaking Peer Support Workers' Organizations, of which PAT asbl is a founder and member (Tuto3 PAT Result 4).
    """
    Peer_operated_service = "peer_operated_service"
    """
    A service with at least 51% peer participation in its management structures and/or staffed and managed by peer workers (McGregor 2014, citing Queensland Government 2009).
    """
    Employer_or_placement_platform = "placement_platform"
    """
    An organisation that hires peer support workers and places them in hospital teams and other institutions: the platform model, in which an association run by peer support workers employs them and lends them to institutions such as mental health hospitals (Tuto3 PAT Result 4; seen in France and Québec).
    """
    Mental_health_service_provider = "mental_health_service_provider"
    """
    An organisation that provides mental health care and support, such as a hospital, a psychiatric centre or a community mental health service.
    """
    University_or_training_institution = "university"
    """
    A university, college or training centre that teaches or studies peer support, such as the universities of the Tuto3 PAT partnership or the universities that host the French peer health mediator degree (compendium, Submission 15).
    """
    NGO = "ngo"
    """
    A non-governmental, non-profit organisation working in mental health that is not itself an association of peer support workers, such as the UK charity Together (Together 2014).
    """
    Network = "network"
    """
    A network of groups or organisations that share values and practices, such as the Hearing Voices Network, with groups in many countries (compendium, Submission 27).
    """
    Public_body = "public_body"
    """
    A government department, public authority or public agency, such as a regional health agency.
    """
    WHO_collaborating_centre = "who_collaborating_centre"
    """
    An institution designated by the World Health Organization to support its programmes, such as the French WHO Collaborating Centre for Research and Training in Mental Health (CCOMS), which developed the peer health mediator programme (compendium, Submission 15).
    """
    Research_group = "research_group"
    """
    A research team or department, such as the Section Process-Outcome Research of Ulm University's Department of Psychiatry II, which produced the Tuto3 PAT training profile (Result 2).
    """
    Funder_or_commissioner = "funder"
    """
    An organisation that funds or commissions peer support work, such as a foundation, or the Forensic Partnership, which commissioned Together's consultation on peer support in secure settings (Together 2014).
    """


class PeerRole(str, Enum):
    """
    The kind of peer role a peer worker holds. A peer worker is recruited into a paid or unpaid position for which an acknowledged lived experience of using mental health services is an essential criterion; the titles of such positions vary between countries and employers. Codes of the concept scheme pv:peer-role (vocab/workforce.yaml).
    """
    Peer_support_worker = "peer_support_worker"
    """
    A worker who uses their own lived experience of mental health difficulties and recovery to support peers going through similar situations; the generic title used by Tuto3 PAT.
    """
    Peer_health_mediator = "peer_health_mediator"
    """
    A peer worker trained and employed under the French médiateur de santé pair programme, developed by the French WHO Collaborating Centre for Research and Training in Mental Health (CCOMS) to integrate former or current service users into mental health care teams with a tertiary qualification (compendium, Submission 15).
    """
    Consumer_consultant = "consumer_consultant"
    """
    A peer worker, under a title used in Australian mental health services, who brings the consumer perspective into a service; McGregor (2014), writing as Consumer Consultant of Wide Bay Mental Health Alcohol Other Drugs Services, notes that 'consumer' and 'peer' are used interchangeably.
    """
    Peer_specialist = "peer_specialist"
    """
    A peer worker with specialised training and often certification, as in the certified peer specialist workforce of Australian mental health policy (McGregor 2014).
    """
    Peer_trainer = "peer_trainer"
    """
    A peer worker who trains others (peer support workers, mental health teams or students) drawing on lived experience, as in the awareness-raising sessions led by peer helpers for nursing students (Tuto3 PAT Result 3).
    """
    Other = "other"
    """
    Another peer role; the employer's title goes in the role title.
    """


class PeerSupportModel(str, Enum):
    """
    Models of peer support, distinguished by their focus on the personal, interpersonal and/or socio-political elements of recovery. Different underlying assumptions and values affect how peer support is practised, and may explain the variance in research results on its efficacy. Codes of the concept scheme pv:peer-support-model (vocab/practices.yaml).
    """
    Remedial = "remedial"
    """
    Support that motivates individual change to overcome some form of social maladaptation or dysfunctional behaviour, without seeking change in the broader mental health or social systems; Alcoholics Anonymous could be considered an example (McGregor 2014).
    """
    Partnership_or_interactional = "partnership_interactional"
    """
    Support that also remedies 'defects' in the individual through psycho-social support (help with daily living tasks, skills training, social connection activities, individual advocacy) and commonly seeks some reform of the mental health system, while leaving the predominant medical model and the power imbalance between professionals and people with lived experience largely unchallenged; the Queensland Health Consumer Companion Program is an example (McGregor 2014).
    """
    Socio_political = "socio_political"
    """
    Support grown out of shared dissatisfaction with mainstream mental health services, a desire for mutual support and/or a motivation to agitate collectively for social change: it supports individuals in day-to-day living while raising awareness of the socio-political contexts of psychological suffering, and advocates social reform and alternatives outside the mainstream system; the Hearing Voices Network and Intentional Peer Support are examples (McGregor 2014).
    """


class PracticeAim(str, Enum):
    """
    What a good practice of the compendium aims at. The practices may directly aim to reduce, prevent, or even eliminate coercive practices in mental health settings; others will indirectly result in similar outcomes by advancing the general aim to promote voluntary mental health care and support. Codes of the concept scheme pv:practice-aim (vocab/practices.yaml).
    """
    Reduce_coercion = "reduce_coercion"
    """
    The practice aims to reduce, or even eliminate, coercive practices in mental health settings.
    """
    Prevent_coercion = "prevent_coercion"
    """
    The practice aims to prevent coercive interventions before they arise, at a preventive level or in situations of crisis.
    """
    Promote_voluntary_mental_health_care = "promote_voluntary_care"
    """
    The practice advances the general aim to promote voluntary mental health care and support.
    """


class ProgrammeKind(str, Enum):
    """
    Whether a training programme record describes a programme that people take, or a reference profile that says what such programmes should contain (the Tuto3 PAT standardised training profile). Codes of the concept scheme pv:programme-kind (vocab/training.yaml).
    """
    Training_programme = "programme"
    """
    A training programme that people enrol in and complete, such as the French peer health mediator programme.
    """
    Reference_training_profile = "reference_profile"
    """
    A profile that says what peer support training should contain, with recommendations, such as the Tuto3 PAT standardised training profile (Result 2); no one enrols in it.
    """


class QuantityQualifier(str, Enum):
    """
    How a figure given for a practice relates to the true number: exact, a lower or upper bound, or an approximation. Sources often give bounds, as in "over 180 groups" or "more than 220 service users". Codes of the concept scheme pv:quantity-qualifier (vocab/metadata.yaml).
    """
    exactly = "exact"
    """
    The figure is the exact number (30 peer health mediators in the French pilot of 2012).
    """
    more_than = "more_than"
    """
    The true number is greater than the figure ("over 180 groups" in the United Kingdom).
    """
    at_least = "at_least"
    """
    The true number is equal to or greater than the figure.
    """
    approximately = "approximately"
    """
    The figure is an estimate or a rounded number.
    """
    fewer_than = "fewer_than"
    """
    The true number is smaller than the figure.
    """


class ScaleUnit(str, Enum):
    """
    What a figure about the scale of a practice counts: groups, peer workers, positions, sites, regions, countries, people reached, trainees, experts or programmes. The examples come from the seed sources. Codes of the concept scheme pv:scale-unit (vocab/metadata.yaml).
    """
    groups = "groups"
    """
    Groups that exist or take part (over 180 Hearing Voices Network groups in the United Kingdom; compendium, Submission 27).
    """
    groups_assessed = "groups_assessed"
    """
    Groups included in an evaluation (62 groups affiliated with the English Hearing Voices Network in the systematic assessment by Longden et al., 2018).
    """
    peer_workers = "peer_workers"
    """
    Peer workers counted (30 peer health mediators in the French pilot begun in 2012).
    """
    positions_filled = "positions"
    """
    Positions filled (35 peer health mediator positions filled in 6 regions from December 2017).
    """
    sites = "sites"
    """
    Sites or institutions taking part (15 adult psychiatry institutions, 5 per region, in the peer health mediator programme).
    """
    regions = "regions"
    """
    Regions of a country where the practice runs (3 pilot regions in 2012, 6 regions from 2017).
    """
    countries = "countries"
    """
    Countries where the practice runs.
    """
    service_users_reached = "service_users_reached"
    """
    Service users reached by a project or service (more than 220 service users in secure units; Together, 2014).
    """
    participants = "participants"
    """
    People taking part in an activity, a group, a survey or an evaluation.
    """
    trainees = "trainees"
    """
    People enrolled in a training programme.
    """
    experts_consulted = "experts"
    """
    Experts and stakeholders consulted (73 international experts and stakeholders in the Tuto3 PAT Delphi survey, Result 2).
    """
    programmes_compared = "programmes"
    """
    Programmes compared in a review (over 60 peer support training programmes from around the globe, Tuto3 PAT Result 2).
    """


class ServiceSetting(str, Enum):
    """
    The concrete settings where a peer worker works or a practice runs. Most come from the range of settings of Hearing Voices Network groups: independent community groups, voluntary sector organisations, mental health teams, inpatient units, secure mental health units, prisons, and online groups. Codes of the concept scheme pv:service-setting (vocab/workforce.yaml).
    """
    Independent_community_group = "independent_community_group"
    """
    A group in the community that is independent of services and organisations (compendium, Hearing Voices Network).
    """
    Voluntary_sector_organisation = "voluntary_sector_organisation"
    """
    A non-profit, non-governmental organisation of the voluntary sector (compendium, Hearing Voices Network).
    """
    Mental_health_team = "mental_health_team"
    """
    A multidisciplinary mental health team, in hospital or in the community (compendium, Hearing Voices Network).
    """
    Community_mental_health_service = "community_mental_health_service"
    """
    A mental health service outside hospital, such as a community mental health centre or an outreach service.
    """
    Inpatient_unit = "inpatient_unit"
    """
    A hospital ward where people stay as inpatients (compendium, Hearing Voices Network).
    """
    Secure_mental_health_unit = "secure_unit"
    """
    A secure (forensic) mental health unit (compendium, Hearing Voices Network); Together's consultation on peer support in secure settings reached more than 220 service users in secure units (Together 2014).
    """
    Prison = "prison"
    """
    A prison or other place of detention (compendium, Hearing Voices Network).
    """
    Online = "online"
    """
    Online, by video, chat or forum; the Hearing Voices Network aims to provide support groups that are also available online.
    """
    University = "university"
    """
    A university or other higher education setting, where peer workers train, teach or take part in research.
    """
    Other = "other"
    """
    Another setting.
    """


class SettingCategory(str, Enum):
    """
    The compendium's setting categories, the filter its website offers on its examples of practices: Community-Based, Hospital-Based, Hybrid and Other. Every practice has exactly one. Codes of the concept scheme pv:setting-category (vocab/practices.yaml).
    """
    Community_Based = "community_based"
    """
    A practice based in the community, outside hospital (the compendium's 'community'-based or non-hospital practices).
    """
    Hospital_Based = "hospital_based"
    """
    A practice based in hospital settings.
    """
    Hybrid = "hybrid"
    """
    A practice that better integrates hospital and non-hospital initiatives, or acute and non-acute services.
    """
    Other = "other"
    """
    Other initiatives to reduce coercion and promote voluntary practices, such as advance planning mechanisms, peer support and the peer workforce, and training for mental health practitioners and others.
    """


class SupervisionKind(str, Enum):
    """
    The supervision and support for practice a peer worker receives. Some peer supporters benefit from individual supervision with a psychologist trained in this practice, but most do not; peer supervision and intervision are different and complementary tools; regular mentorship is widely implemented. Codes of the concept scheme pv:supervision-kind (vocab/workforce.yaml).
    """
    Individual_supervision = "individual_supervision"
    """
    One-to-one supervision, for example with a psychologist trained in this practice (Tuto3 PAT Result 4).
    """
    Peer_supervision = "peer_supervision"
    """
    Supervision by, or co-supervision with, other peer workers who know the complexities of the role (McGregor 2014).
    """
    Intervision_group = "intervision_group"
    """
    A stable group of peer support workers from different organisations, facilitated by two peer support workers, that reflects on concrete situations from its members' work following a set method, in confidence (Tuto3 PAT Result 4).
    """
    Mentoring = "mentoring"
    """
    Regular mentorship offering ongoing guidance, professional development and opportunities to reflect on experience (Tuto3 PAT Result 4).
    """
    Team_supervision = "team_supervision"
    """
    Supervision of the team the peer worker belongs to, together with non-peer colleagues.
    """
    None_ = "none"
    """
    The peer worker receives no supervision.
    """


class TrainingElement(str, Enum):
    """
    General training elements of peer support worker training, identified by Ulm University (Tuto3 PAT Result 2) after comparing over 60 peer support training programmes from around the globe: 15 elements found in the majority of the programmes. In a two-step Delphi survey, 73 international experts and stakeholders in mental health peer support (e.g. peer support workers, policy makers) then split them into 12 basic elements, essential for basic peer support training, and 3 advanced or specialised elements, more relevant at an advanced stage (ongoing professional development) or for a special group of peer support clients. Codes of the concept scheme pv:training-element (vocab/training_elements.yaml).
    """
    Peer_Support_and_Use_of_Experience = "peer_support_and_use_of_experience"
    """
    Introducing theories and concepts of peer support, exploring peer relationships, and utilizing personal experiences to support others effectively.
    """
    Recovery = "recovery"
    """
    Trainees are introduced to the concept of personal recovery, focusing on experiences of recovery and recovery-oriented support.
    """
    Relationship_and_Roles = "relationship_and_roles"
    """
    Role descriptions for peer supporters, the dynamics of interpersonal and therapeutic relationships, and the importance of role modeling.
    """
    Communication = "communication"
    """
    Principles such as active and reflective listening, understanding, conflict resolution, feedback, probing, and motivational interviewing.
    """
    Stigma = "stigma"
    """
    Impact of stigma on mental health, including internalized self-stigma, and the socio-emotional consequences of stigma.
    """
    Principles_and_Values = "principles_and_values"
    """
    The principles and values of peer support, such as mutuality, reciprocity, a non-directive and strength-based approach, inclusion and diversity, validation, acceptance, hope, confidentiality, empathy, empowerment and safety, and the ethical questions they raise.
    """
    Inclusion_and_Support_from_Family_and_Community = "inclusion_and_support_from_family_and_community"
    """
    Importance of building support systems within families and communities and promoting inclusion through networking, connection, and dialogue.
    """
    Health_and_Wellbeing = "health_and_wellbeing"
    """
    Stress management, self-care, prevention of relapses and a healthy lifestyle with healthy practices (e.g. eating, physical activity, sleep and relaxation), for peer supporters and the people they support.
    """
    Advocacy_and_Rights = "advocacy_and_rights"
    """
    Advocacy strategies, patient rights and the role of peer supporters in advocating for change.
    """
    Skills = "skills"
    """
    Trainees learn a variety of skills essential for peer support, including problem-solving, coping strategies, technological skills, letter writing, presentation skills, organizational abilities, and crisis intervention.
    """
    Planning = "planning"
    """
    Planning with and for the people supported, including advanced planning, planning with people in crisis, activity planning, health care visits and meaningful activities in everyday life, using tools such as WRAP (Wellness Recovery Action Plan) for goal setting and crisis management.
    """
    Group_Setting = "group_setting"
    """
    Designing and implementing groups, understanding group dynamics, and leading effective group discussions.
    """
    Psychoeducation_and_Knowledge = "psychoeducation_and_knowledge"
    """
    Knowledge of mental health topics, conveyed through comprehensive, interactive training materials relevant to the specific populations served.
    """
    Assessment = "assessment"
    """
    Recovery-based assessments, needs assessments, personal health evaluations, and conducting interviews for reviews and evaluations.
    """
    Workplace_Training = "workplace_training"
    """
    Prepares participants for working in professional settings, such as mental health wards, including work preparation and role-specific training.
    """


class TrainingLevel(str, Enum):
    """
    Basic or advanced training. In the Tuto3 PAT Delphi survey, 73 international experts and stakeholders split the 15 training elements into 12 basic elements, essential for basic peer support training, and 3 advanced or specialised elements, more relevant at an advanced stage (ongoing professional development) or for a special group of peer support clients. Codes of the concept scheme pv:training-level (vocab/training.yaml).
    """
    Basic = "basic"
    """
    Initial peer support training, expected to cover the 12 basic training elements of the Tuto3 PAT profile.
    """
    Advanced_or_specialised = "advanced"
    """
    Training at an advanced stage (ongoing professional development) or for a special group of peer support clients; the 3 advanced or specialised elements of the Tuto3 PAT profile belong here.
    """



class Record(ConfiguredBaseModel):
    """
    Anything that has its own identifier in a dataset and can be referred to.
    """
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class Agent(ConfiguredBaseModel):
    """
    The person-independent body that publishes a dataset (never a natural person's name).
    """
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    name: str = Field(default=..., title="Official name", description="""The official name of an organisation or body.""")
    homepage: Optional[str] = Field(default=None, title="Home page", description="""The home page of the body on the web.""")


class PrefixDeclaration(ConfiguredBaseModel):
    """
    A prefix the dataset uses in its CURIEs, bound to the publisher's own namespace (`pat: https://pat.support/id/`).
    """
    prefix: str = Field(default=..., title="Prefix", description="""The prefix as written in CURIEs (`pat`).""")
    namespace: str = Field(default=..., title="Namespace URI", description="""The namespace URI the prefix stands for.""")

    @field_validator('prefix')
    def pattern_prefix(cls, v):
        pattern=re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid prefix format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid prefix format: {v}"
            raise ValueError(err_msg)
        return v


class LanguageText(ConfiguredBaseModel):
    """
    Text in one language. A slot of this range holds a map from language tag to text (`{en: \"...\", fr: \"...\"}`) and becomes language-tagged literals in RDF.
    """
    language: str = Field(default=..., title="Language", description="""The language of the text.""")
    text: Optional[str] = Field(default=None, title="Text", description="""The text itself; for a citation, the citation as it would be printed.""")


class Citation(ConfiguredBaseModel):
    """
    A reference to a published source, with the page cited (`Repper & Carter, 2011, p.392`).
    """
    text: str = Field(default=..., title="Text", description="""The text itself; for a citation, the citation as it would be printed.""")
    authors: Optional[str] = Field(default=None, title="Authors", description="""The authors of a cited work, as printed (`Repper, J. & Carter, T.`).""")
    year: Optional[int] = Field(default=None, title="Year", description="""The year a cited work was published.""")
    work_title: Optional[str] = Field(default=None, title="Title of the work", description="""The title of a cited work.""")
    container_title: Optional[str] = Field(default=None, title="Published in", description="""The journal, book or report a cited work appeared in.""")
    pages: Optional[str] = Field(default=None, title="Pages", description="""The page or pages cited (`392`, `184`, `24-25`).""")
    doi: Optional[str] = Field(default=None, title="DOI", description="""The DOI of a cited work, without the resolver prefix (`10.3109/09638237.2011.583947`).""")
    url: Optional[str] = Field(default=None, title="Web address", description="""A web address.""")
    peer_reviewed: Optional[bool] = Field(default=None, title="Peer reviewed", description="""True when the cited work was published after peer review.""")

    @field_validator('doi')
    def pattern_doi(cls, v):
        pattern=re.compile(r"^10\.\d{4,9}/\S+$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid doi format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid doi format: {v}"
            raise ValueError(err_msg)
        return v


class Link(ConfiguredBaseModel):
    """
    A web page where more information can be found.
    """
    url: str = Field(default=..., title="Web address", description="""A web address.""")
    label: Optional[str] = Field(default=None, title="Link label", description="""A short human-readable label for a link (`Hearing Voices Network website`).""")


class ExternalIdentifier(ConfiguredBaseModel):
    """
    An identifier the same thing has in another scheme: a national register of associations, a company number, an Erasmus+ organisation ID.
    """
    scheme: str = Field(default=..., title="Identifier scheme", description="""The identifier scheme or register (`BE-KBO` for the Belgian Crossroads Bank for Enterprises, `FR-RNA` for the French register of associations, `ERASMUS-OID`).""")
    value: str = Field(default=..., title="Identifier value", description="""The identifier as the scheme writes it.""")
    identifier_uri: Optional[str] = Field(default=None, title="Identifier URI", description="""A URI for the identifier in its register, where the register has one.""")


class ConceptScheme(Record):
    """
    A reference vocabulary (code list) such as the competency framework or the countries.
    """
    notation: Optional[str] = Field(default=None, title="Code", description="""The code of a concept or scheme, as data files write it (`C03.2`, `FR`, `community_based`).""")
    title: dict[str, Union[str, LanguageText]] = Field(default=..., title="Title", description="""The title, in one or more languages (`{en: \"...\", fr: \"...\"}`).""")
    pref_label: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Preferred label", description="""The preferred label of a concept, in English and French at least.""")
    description: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Description", description="""A description, in one or more languages.""")
    license: Optional[str] = Field(default=None, title="Licence", description="""The URI of the licence the dataset is shared under.""")
    sources: Optional[list[Citation]] = Field(default=None, title="Sources", description="""The published sources that the record's facts are taken from.""")
    editorial_note: Optional[str] = Field(default=None, title="Editorial note", description="""A note for maintainers and careful readers (printing slips, counts checked, translation status).""")
    concepts: list[Concept] = Field(default=..., title="Concepts", description="""The concepts of the scheme. In SKOS every concept gets `skos:inScheme`; those without a broader concept are also its top concepts.""")
    collections: Optional[list[ConceptCollection]] = Field(default=None, title="Collections", description="""Labelled groups of the scheme's concepts.""")
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class Concept(Record):
    """
    One code of a reference vocabulary, with its labels in English and French.
    """
    notation: str = Field(default=..., title="Code", description="""The code of a concept or scheme, as data files write it (`C03.2`, `FR`, `community_based`).""")
    pref_label: dict[str, Union[str, LanguageText]] = Field(default=..., title="Preferred label", description="""The preferred label of a concept, in English and French at least.""")
    definition: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Definition", description="""What the concept means.""")
    scope_note: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Scope note", description="""How the concept is to be used, or the recommendation attached to it in the source.""")
    broader: Optional[str] = Field(default=None, title="Broader concept", description="""The broader concept in the same scheme (a competency item's category).""")
    narrower: Optional[list[str]] = Field(default=None, title="Narrower concepts", description="""The concepts whose broader concept this one is (the inverse of `broader`). Files need not say it: the exporter writes it from each concept's `broader`.""")
    in_scheme: Optional[str] = Field(default=None, title="In scheme", description="""The vocabulary a concept belongs to. Files need not say it: a concept is listed inside its vocabulary, and the exporter writes the link.""")
    top_concept_of: Optional[str] = Field(default=None, title="Top concept of", description="""The vocabulary of which a concept without a broader concept is a top concept. Files need not say it: the exporter writes it.""")
    exact_match: Optional[list[str]] = Field(default=None, title="Exact matches", description="""The same concept in an external authority (the EU Publications Office country URI).""")
    close_match: Optional[list[str]] = Field(default=None, title="Close matches", description="""A close but not identical concept in an external vocabulary.""")
    editorial_note: Optional[str] = Field(default=None, title="Editorial note", description="""A note for maintainers and careful readers (printing slips, counts checked, translation status).""")
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class ConceptCollection(Record):
    """
    A labelled group of concepts without a hierarchy (the basic training elements; the Council of Europe member states among all countries).
    """
    pref_label: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Preferred label", description="""The preferred label of a concept, in English and French at least.""")
    members: list[str] = Field(default=..., title="Member concepts", description="""The concepts in a collection, by identifier.""")
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class Organisation(Record):
    """
    An organisation that takes part in peer support: an association of peer support workers, a federation of them, a peer-operated service, an employer or placement platform, a mental health service provider, a university or training institution, an NGO or network, a public body, a WHO collaborating centre.
    """
    name: str = Field(default=..., title="Official name", description="""The official name of an organisation or body.""")
    alternative_names: Optional[list[str]] = Field(default=None, title="Other names", description="""Acronyms and other names the organisation is known by (`PAT asbl`, `FAPAF`, `CCOMS`).""")
    organisation_kinds: list[OrganisationKind] = Field(default=..., title="Kinds of organisation", description="""What kind of organisation it is; several may apply (an association of peer support workers that is also a placement platform).""")
    description: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Description", description="""A description, in one or more languages.""")
    country: Optional[Country] = Field(default=None, title="Country", description="""The country where the organisation is registered or the programme is run (ISO 3166-1 alpha-2 code, `BE`). A country outside the Council of Europe is accepted and reported as a warning.""")
    start_year: Optional[int] = Field(default=None, title="Start year", description="""The year the organisation was founded or the practice or programme started.""")
    legal_status: Optional[LegalStatus] = Field(default=None, title="Legal status", description="""The organisation's legal status (non-profit, public body, company...).""")
    legal_form: Optional[str] = Field(default=None, title="Legal form", description="""The national legal form as the country names it (`ASBL`, `association loi 1901`, `registered charity`).""")
    identifiers: Optional[list[ExternalIdentifier]] = Field(default=None, title="External identifiers", description="""The organisation's identifiers in other schemes (national registers, company numbers, Erasmus+ organisation ID), used to recognise the same organisation across datasets.""")
    focus_areas: Optional[list[FocusArea]] = Field(default=None, title="Fields of work", description="""The fields the organisation works in (mental health; also addictions, autism...).""")
    membership: Optional[MembershipProfile] = Field(default=None, title="Membership", description="""Who the organisation's members are and on what terms.""")
    staff_count: Optional[int] = Field(default=None, title="Number of staff", description="""The number of paid staff (the template's \"Number of staff\").""", ge=0)
    volunteer_count: Optional[int] = Field(default=None, title="Number of volunteers", description="""The number of regular volunteers.""", ge=0)
    peer_worker_count: Optional[int] = Field(default=None, title="Number of peer workers", description="""The number of peer workers the organisation employs or places. An aggregate: in the public profile a count below the suppression threshold is withheld.""", ge=0)
    funding_sources: Optional[list[FundingSource]] = Field(default=None, title="Funding sources", description="""Where the organisation's money (and volunteer time) comes from.""")
    governance_model: Optional[str] = Field(default=None, title="Governance model", description="""The governance model in plain words (the template's \"Governance model\").""")
    governance_bodies: Optional[list[GovernanceBody]] = Field(default=None, title="Governing bodies", description="""The bodies that govern the organisation (general assembly, board, executive committee).""")
    peer_governance_share: Optional[float] = Field(default=None, title="Peer share of governance (%)", description="""The percentage of seats in the management structures held by peers (people with lived experience). A peer-operated service has at least 51.""", ge=0, le=100)
    staffed_and_managed_by_peers: Optional[bool] = Field(default=None, title="Staffed and managed by peers", description="""True when the service is staffed and managed by peer workers, the other way to be a peer-operated service (McGregor 2014, after Queensland Government 2009).""")
    activities: Optional[list[Activity]] = Field(default=None, title="Activities", description="""What the organisation does (advocacy, support to peer workers, training, placement...).""")
    development_strategy: Optional[str] = Field(default=None, title="Development strategy", description="""The organisation's development strategy and business model, in plain words.""")
    obstacles: Optional[list[Obstacle]] = Field(default=None, title="Obstacles", description="""Obstacles to the organisation's development and their potential solutions.""")
    part_of: Optional[str] = Field(default=None, title="Parent organisation", description="""The organisation this one is a unit of (a WHO collaborating centre hosted by a hospital). Not for federation membership: use a membership.""")
    homepage: Optional[str] = Field(default=None, title="Home page", description="""The home page of the body on the web.""")
    sources: Optional[list[Citation]] = Field(default=None, title="Sources", description="""The published sources that the record's facts are taken from.""")
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class MembershipProfile(ConfiguredBaseModel):
    """
    Who the members of an association are, and on what terms (the template's \"Membership\").
    """
    member_count: Optional[int] = Field(default=None, title="Member count", description="""The number of members. In the public profile a count below the suppression threshold is withheld.""", ge=0)
    member_kinds: Optional[list[MemberKind]] = Field(default=None, title="Who can be a member", description="""Who can be a member (peer support workers, other professionals, organisations...).""")
    membership_fee: Optional[MembershipFee] = Field(default=None, title="Membership fee", description="""Whether membership is free, paid, or paid on a sliding scale.""")
    membership_description: Optional[str] = Field(default=None, title="About membership", description="""Anything else about membership, in plain words. Never a list of members' names.""")


class Obstacle(ConfiguredBaseModel):
    """
    An obstacle to the organisation's development and the solutions it sees (the template's \"Obstacles to the development identified and potential solutions\").
    """
    obstacle: str = Field(default=..., title="Obstacle", description="""The obstacle, in plain words (`lack of stable funding`).""")
    potential_solutions: Optional[list[str]] = Field(default=None, title="Potential solutions", description="""Solutions the organisation sees to the obstacle.""")


class Membership(ConfiguredBaseModel):
    """
    An organisation's membership of a federation or network over a period (a founding member keeps its membership from the federation's start).
    """
    member: str = Field(default=..., title="Member organisation", description="""The member organisation.""")
    federation: str = Field(default=..., title="Federation or network", description="""The federation or network the member belongs to.""")
    membership_role: Optional[MembershipRole] = Field(default=None, title="Role in the federation", description="""The member's role in the federation (founding member, member, observer).""")
    start_date: Optional[date] = Field(default=None, title="Start date", description="""The date a membership, placement or consent period began.""")
    end_date: Optional[date] = Field(default=None, title="End date", description="""The date it ended; empty while it lasts.""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class TrainingProgramme(Record):
    """
    A training programme for peer support workers, or a reference profile that says what such a programme should contain (the Tuto3 PAT standardised training profile).
    """
    name: str = Field(default=..., title="Official name", description="""The official name of an organisation or body.""")
    programme_kind: Optional[ProgrammeKind] = Field(default=None, title="Kind of programme", description="""Whether this is a programme people take or a reference profile for programmes.""")
    description: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Description", description="""A description, in one or more languages.""")
    providers: Optional[list[str]] = Field(default=None, title="Providers", description="""The organisations that run the programme, by identifier.""")
    partners: Optional[list[str]] = Field(default=None, title="Partners", description="""Organisations that take part without running it (placement sites, partner universities).""")
    country: Optional[Country] = Field(default=None, title="Country", description="""The country where the organisation is registered or the programme is run (ISO 3166-1 alpha-2 code, `BE`). A country outside the Council of Europe is accepted and reported as a warning.""")
    languages: Optional[list[str]] = Field(default=None, title="Languages", description="""The languages the dataset's texts are written in.""")
    start_year: Optional[int] = Field(default=None, title="Start year", description="""The year the organisation was founded or the practice or programme started.""")
    training_elements: Optional[list[TrainingElement]] = Field(default=None, title="Training elements", description="""The Tuto3 PAT training elements the programme covers.""")
    level: Optional[TrainingLevel] = Field(default=None, title="Level", description="""Basic or advanced. A basic programme is expected to cover the basic training elements of the Tuto3 PAT profile; the validator lists those it leaves out.""")
    competencies_covered: Optional[list[Competency]] = Field(default=None, title="Competencies taught", description="""The competencies of the Tuto3 PAT framework the programme teaches (item or category codes).""")
    session_count: Optional[int] = Field(default=None, title="Number of sessions", description="""The number of training sessions.""", ge=1)
    session_length_hours: Optional[float] = Field(default=None, title="Session length (hours)", description="""The length of one session in hours. The Tuto3 PAT profile recommends no more than 4; longer sessions are reported as a warning.""", ge=0, le=24)
    total_hours: Optional[float] = Field(default=None, title="Total hours", description="""The total length of the programme in hours, practice included.""", ge=0)
    delivery_modes: Optional[list[DeliveryMode]] = Field(default=None, title="Delivery modes", description="""How the programme is delivered (face to face, online, blended, MOOC).""")
    accreditation: Optional[Accreditation] = Field(default=None, title="Accreditation", description="""The programme's accreditation, if it claims one.""")
    admission_criteria: Optional[list[AdmissionCriterion]] = Field(default=None, title="Admission criteria", description="""What candidates need to be admitted (the Tuto3 PAT consensus: lived experience of a mental health crisis and of recovery, and an empathetic personality).""")
    admission_notes: Optional[str] = Field(default=None, title="Other admission conditions", description="""Other admission conditions, in plain words.""")
    qualification_awarded: Optional[Qualification] = Field(default=None, title="Qualification awarded", description="""The qualification the programme leads to.""")
    employment_tie: Optional[EmploymentTie] = Field(default=None, title="Tie to employment", description="""How the programme is tied to employment, if it is.""")
    homepage: Optional[str] = Field(default=None, title="Home page", description="""The home page of the body on the web.""")
    sources: Optional[list[Citation]] = Field(default=None, title="Sources", description="""The published sources that the record's facts are taken from.""")
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class Accreditation(ConfiguredBaseModel):
    """
    A claim that the programme is accredited (or on its way): by whom, with what status. The Tuto3 PAT profile recommends official accreditation by educational institutions.
    """
    accreditation_status: AccreditationStatus = Field(default=..., title="Accreditation status", description="""Accredited, being accredited, expired, or not accredited.""")
    accrediting_body: Optional[str] = Field(default=None, title="Accrediting body", description="""The organisation that accredits the programme, by identifier. An accreditation claim must name it.""")
    accreditation_reference: Optional[str] = Field(default=None, title="Accreditation reference", description="""The accreditation's number or reference at the accrediting body.""")
    valid_from: Optional[date] = Field(default=None, title="Valid from", description="""The date the accreditation took effect.""")
    valid_until: Optional[date] = Field(default=None, title="Valid until", description="""The date the accreditation ends.""")


class Qualification(ConfiguredBaseModel):
    """
    The qualification a programme leads to (a bachelor's degree, a certificate).
    """
    title: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Title", description="""The title, in one or more languages (`{en: \"...\", fr: \"...\"}`).""")
    eqf_level: Optional[int] = Field(default=None, title="EQF level", description="""The level of the qualification in the European Qualifications Framework (a bachelor's is 6).""", ge=1, le=8)
    awarding_body: Optional[str] = Field(default=None, title="Awarding body", description="""The organisation that awarded it, by identifier.""")


class EmploymentTie(ConfiguredBaseModel):
    """
    How a programme is tied to employment: in the French peer health mediator programme, registration was conditional on recruitment at one of 15 sites, under a professional contract covering the training year and the placement year.
    """
    registration_requires_employment: Optional[bool] = Field(default=None, title="Registration requires employment", description="""True when a trainee can only register once recruited by an employing site.""")
    trainee_contract_type: Optional[ContractType] = Field(default=None, title="Trainees' contract type", description="""The contract trainees are hired under (a professional contract, in the French programme).""")
    employing_sites: Optional[int] = Field(default=None, title="Number of employing sites", description="""The number of sites that recruit the trainees.""", ge=0)
    employment_description: Optional[str] = Field(default=None, title="About the tie to employment", description="""The tie to employment in plain words (what the contract covers).""")


class PeerWorker(Record):
    """
    A person in a paid or unpaid position for which acknowledged lived experience of using mental health services is an essential criterion, known only by an opaque pseudonymous identifier. Never appears in a public dataset.
    """
    role: PeerRole = Field(default=..., title="Peer role", description="""The kind of peer role (peer support worker, peer health mediator, consumer consultant, peer specialist).""")
    role_title: Optional[str] = Field(default=None, title="Job title", description="""The job title as the employer writes it (`médiateur de santé pair`).""")
    employment_status: Optional[EmploymentStatus] = Field(default=None, title="Employment status", description="""Whether the position is paid, unpaid or voluntary.""")
    weekly_hours: Optional[float] = Field(default=None, title="Weekly hours", description="""Contracted hours per week (peer work is often part time).""", ge=0, le=80)
    contract_type: Optional[ContractType] = Field(default=None, title="Contract type", description="""The kind of contract (permanent, fixed-term, professional contract tied to a training programme, placement through a platform...).""")
    employer: Optional[str] = Field(default=None, title="Employer", description="""The organisation that employs the peer worker (a placement platform, a hospital).""")
    host_organisation: Optional[str] = Field(default=None, title="Host organisation", description="""Where the peer worker works when it is not the employer: the hospital or team a platform places them in.""")
    work_settings: Optional[list[ServiceSetting]] = Field(default=None, title="Work settings", description="""The settings the peer worker works in (inpatient unit, community team, secure unit...).""")
    completed_trainings: Optional[list[str]] = Field(default=None, title="Completed trainings", description="""The training programmes the peer worker has completed, by identifier.""")
    certifications: Optional[list[Certification]] = Field(default=None, title="Certificates", description="""Certificates and qualifications the peer worker holds.""")
    competencies: Optional[list[Competency]] = Field(default=None, title="Competencies", description="""The competencies of the Tuto3 PAT framework the peer worker holds (item codes such as `C03.2`, or a category code such as `C08` for the whole category).""")
    supervision: Optional[list[SupervisionKind]] = Field(default=None, title="Supervision", description="""The supervision the peer worker receives (individual supervision, mentoring...).""")
    intervision: Optional[IntervisionFrequency] = Field(default=None, title="Intervision frequency", description="""How often the peer worker takes part in an intervision group of peers from other organisations (Tuto3 PAT Result 4: once a month is suggested to start).""")
    has_role_description: Optional[bool] = Field(default=None, title="Written role description", description="""True when the peer worker has a written role description; unclear roles are a known obstacle to integrating peer workers (McGregor 2014).""")
    has_career_pathway: Optional[bool] = Field(default=None, title="Career pathway", description="""True when the position offers a career pathway (a workforce need named by McGregor 2014).""")
    disclosure_consents: Optional[list[DisclosureConsent]] = Field(default=None, title="Disclosure consents", description="""The peer worker's disclosure consents, newest last.""")
    local_reference: Optional[str] = Field(default=None, title="Local reference", description="""The organisation's own reference for the worker (an HR number), to re-link records inside the organisation. Internal only: it never leaves in a federation or public export.""")
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class Certification(ConfiguredBaseModel):
    """
    A certificate or qualification the peer worker holds.
    """
    certification_title: str = Field(default=..., title="Certificate name", description="""The name of the certificate or qualification.""")
    awarding_body: Optional[str] = Field(default=None, title="Awarding body", description="""The organisation that awarded it, by identifier.""")
    year_awarded: Optional[int] = Field(default=None, title="Year awarded", description="""The year it was awarded.""")


class DisclosureConsent(ConfiguredBaseModel):
    """
    The peer worker's consent to disclose some fields of their record to an audience for a purpose, with the date it was given and, when they apply, the dates it was withdrawn or must be reviewed. Consent is explicit: a field not listed is not disclosed.
    """
    disclosed_fields: list[DisclosableField] = Field(default=..., title="Disclosed fields", description="""The fields of the peer worker's record the consent covers (`role`, `employer`...); `peer_status` stands for the fact of being a peer worker at all.""")
    audiences: list[ConsentAudience] = Field(default=..., title="Audiences", description="""Who may receive the disclosed fields (the federation, funders, researchers, the public). A federation export or bundle discloses to the federation, a research bundle to researchers; a consent covers only the audiences it names.""")
    purposes: list[ConsentPurpose] = Field(default=..., title="Purposes", description="""What the disclosed fields may be used for. Every export names its purpose (a federation bundle: registry_exchange unless --purpose says otherwise; a research bundle: research), and a field is disclosed only where a consent in force names both the audience and the purpose. A consent covers only the purposes it names: one that names none covers none.""")
    given_date: date = Field(default=..., title="Date given", description="""The date consent was given.""")
    withdrawn_date: Optional[date] = Field(default=None, title="Date withdrawn", description="""The date consent was withdrawn; from then on nothing it covered may be disclosed.""")
    review_date: Optional[date] = Field(default=None, title="Review date", description="""The date by which consent must be confirmed again; past it, consent no longer holds.""")


class CompendiumSection(Record):
    """
    A section of the compendium (`Peer Support and the Peer Workforce, International`), with its introduction, the evidence it cites and the legal directives it invokes.
    """
    title: dict[str, Union[str, LanguageText]] = Field(default=..., title="Title", description="""The title, in one or more languages (`{en: \"...\", fr: \"...\"}`).""")
    description: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Description", description="""A description, in one or more languages.""")
    evidence: Optional[list[Citation]] = Field(default=None, title="Evidence", description="""The published evidence cited for the practice, with page numbers.""")
    directives: Optional[list[str]] = Field(default=None, title="Legal directives", description="""Legal instruments cited as directives (`CRPD Art. 4(3)`).""")
    sources: Optional[list[Citation]] = Field(default=None, title="Sources", description="""The published sources that the record's facts are taken from.""")
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class Practice(Record):
    """
    A good practice submitted to the compendium by a member state's delegation or by civil society, which directly or indirectly reduces or prevents coercion and promotes voluntary mental health care.
    """
    title: dict[str, Union[str, LanguageText]] = Field(default=..., title="Title", description="""The title, in one or more languages (`{en: \"...\", fr: \"...\"}`).""")
    description: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Description", description="""A description, in one or more languages.""")
    section: Optional[str] = Field(default=None, title="Compendium section", description="""The compendium section the practice appears in, by identifier.""")
    countries: Optional[list[Country]] = Field(default=None, title="Countries", description="""The countries where the practice runs (ISO 3166-1 alpha-2 codes). A country outside the Council of Europe is a warning unless the geographic scope is international.""")
    geographic_scope: Optional[GeographicScope] = Field(default=None, title="Geographic scope", description="""Local, regional, national or international; \"International\" is the compendium's own filter value for practices that span many countries.""")
    setting_category: SettingCategory = Field(default=..., title="Setting category", description="""The compendium's setting category (Community-Based, Hospital-Based, Hybrid, Other).""")
    settings: Optional[list[ServiceSetting]] = Field(default=None, title="Service settings", description="""The concrete settings the practice runs in (independent community groups, inpatient units, secure units, prisons, online...).""")
    group_membership: Optional[list[GroupMembership]] = Field(default=None, title="Who the groups are for", description="""Who the groups are for (people with lived experience only, open sessions for families, a particular population, open to all).""")
    facilitation: Optional[list[Facilitation]] = Field(default=None, title="Facilitation", description="""Who facilitates (fully peer-led, a mix of personal and professional experience, professionals only).""")
    peer_support_models: Optional[list[PeerSupportModel]] = Field(default=None, title="Peer support models", description="""The model of peer support practised (remedial, partnership or interactional, socio-political).""")
    ips_tasks: Optional[list[IpsTask]] = Field(default=None, title="IPS tasks", description="""For Intentional Peer Support, the tasks the practice works on (connection, worldview, mutuality, moving towards).""")
    aims: Optional[list[PracticeAim]] = Field(default=None, title="Aims", description="""What the practice aims at (reducing or preventing coercion, promoting voluntary care).""")
    aim_directness: Optional[AimDirectness] = Field(default=None, title="Directness of aims", description="""Whether the practice aims at its aims directly or reaches them indirectly.""")
    organisations_involved: Optional[list[str]] = Field(default=None, title="Organisations involved", description="""The organisations behind the practice, by identifier.""")
    start_year: Optional[int] = Field(default=None, title="Start year", description="""The year the organisation was founded or the practice or programme started.""")
    scale: Optional[list[ScaleFigure]] = Field(default=None, title="Scale figures", description="""Figures that show how large the practice is.""")
    evaluation_status: Optional[list[EvaluationStatus]] = Field(default=None, title="Evaluation status", description="""How far the practice has been evaluated (qualitative evaluation positive, quantitative study under way...).""")
    evaluation_summary: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Evaluation findings", description="""What the evaluations found, in one or more languages.""")
    evidence: Optional[list[Citation]] = Field(default=None, title="Evidence", description="""The published evidence cited for the practice, with page numbers.""")
    submissions: Optional[list[str]] = Field(default=None, title="Submissions", description="""The submissions to the compendium the entry came from (`Submission 27`).""")
    links: Optional[list[Link]] = Field(default=None, title="Links", description="""Web pages with more information.""")
    sources: Optional[list[Citation]] = Field(default=None, title="Sources", description="""The published sources that the record's facts are taken from.""")
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    in_dataset: Optional[str] = Field(default=None, title="In dataset", description="""The dataset the record belongs to (DCAT). Files need not say it: the exporter writes it from the dataset that holds the record, and the RDF reader leaves it out again when it is that dataset.""")
    source_datasets: Optional[list[str]] = Field(default=None, title="Source datasets", description="""The datasets the record's facts come from (PROV-O lineage): its own dataset, and after a federation merge each dataset it was merged from. Files need not say it: the exporter writes the record's own dataset.""")


class ScaleFigure(ConfiguredBaseModel):
    """
    A figure that shows a practice's scale (`over 180 groups in the United Kingdom`, `35 positions in 6 regions from December 2017`).
    """
    quantity: float = Field(default=..., title="Number", description="""The number.""", ge=0)
    qualifier: Optional[QuantityQualifier] = Field(default=None, title="Exact or approximate", description="""Whether the number is exact, a lower bound (\"over 180\") or an approximation.""")
    unit: ScaleUnit = Field(default=..., title="What is counted", description="""What is counted (groups, positions, sites, regions, service users reached...).""")
    scale_country: Optional[Country] = Field(default=None, title="Country", description="""The country the figure is about, if it is about one.""")
    scale_year: Optional[int] = Field(default=None, title="Year", description="""The year the figure is for.""")
    scale_note: Optional[str] = Field(default=None, title="Note", description="""What the figure means, in plain words (`in 3 pilot regions`).""")


class Dataset(ConfiguredBaseModel):
    """
    One exchange file or folder: the records an organisation shares, with who publishes them, under which licence and access rights, and which version of this schema they follow.
    """
    id: str = Field(default=..., title="Identifier", description="""The record's identifier: a CURIE under the publisher's own namespace or an absolute URI. Opaque for peer workers (it must not encode a name or initials).""")
    title: dict[str, Union[str, LanguageText]] = Field(default=..., title="Title", description="""The title, in one or more languages (`{en: \"...\", fr: \"...\"}`).""")
    description: Optional[dict[str, Union[str, LanguageText]]] = Field(default=None, title="Description", description="""A description, in one or more languages.""")
    publisher: Agent = Field(default=..., title="Publisher", description="""The organisation that publishes the dataset and answers for it.""")
    dataset_version: str = Field(default=..., title="Dataset version", description="""The version of this dataset, chosen by its publisher (`2024.1`, `1.0.0`).""")
    schema_version: str = Field(default=..., title="Schema version", description="""The version of the peer_schema model the dataset follows (`0.2.0`); a consumer refuses a dataset of another major version.""")
    conforms_to: Optional[str] = Field(default=None, title="Conforms to", description="""The IRI of the standard the dataset follows: this model's IRI for its version (`https://w3id.org/peer-schema/0.2.0/`). Files need not say it: the exporter writes it from `schema_version`.""")
    license: str = Field(default=..., title="Licence", description="""The URI of the licence the dataset is shared under.""")
    access_rights: AccessRight = Field(default=..., title="Access rights", description="""Who may see the dataset: public, restricted (the federation and named recipients) or non-public (inside the organisation only). Decides which export profile it is checked against.""")
    created: date = Field(default=..., title="Date created", description="""The date the dataset was created.""")
    modified: Optional[date] = Field(default=None, title="Date modified", description="""The date the dataset was last changed.""")
    languages: Optional[list[str]] = Field(default=None, title="Languages", description="""The languages the dataset's texts are written in.""")
    prefixes: Optional[dict[str, Union[str, PrefixDeclaration]]] = Field(default=None, title="Prefixes", description="""The prefixes the dataset's CURIEs use, each bound to a namespace the publisher controls (`{pat: \"https://pat.support/id/\"}`).""")
    was_derived_from: Optional[list[Citation]] = Field(default=None, title="Derived from", description="""The documents or datasets this dataset was compiled from.""")
    organisations: Optional[list[Organisation]] = Field(default=None, title="Organisations", description="""The organisations described in the dataset.""")
    memberships: Optional[list[Membership]] = Field(default=None, title="Memberships", description="""Memberships of organisations in federations and networks.""")
    peer_workers: Optional[list[PeerWorker]] = Field(default=None, title="Peer workers", description="""The pseudonymous peer workers described in the dataset.""")
    training_programmes: Optional[list[TrainingProgramme]] = Field(default=None, title="Training programmes", description="""The training programmes described in the dataset.""")
    compendium_sections: Optional[list[CompendiumSection]] = Field(default=None, title="Compendium sections", description="""The compendium sections described in the dataset.""")
    practices: Optional[list[Practice]] = Field(default=None, title="Good practices", description="""The good practices described in the dataset.""")
    concept_schemes: Optional[list[ConceptScheme]] = Field(default=None, title="Reference vocabularies", description="""The reference vocabularies carried by the dataset.""")

    @field_validator('schema_version')
    def pattern_schema_version(cls, v):
        pattern=re.compile(r"^\d+\.\d+\.\d+$")
        if isinstance(v, list):
            for element in v:
                if isinstance(element, str) and not pattern.search(element):
                    err_msg = f"Invalid schema_version format: {element}"
                    raise ValueError(err_msg)
        elif isinstance(v, str) and not pattern.search(v):
            err_msg = f"Invalid schema_version format: {v}"
            raise ValueError(err_msg)
        return v


# Model rebuild
# see https://pydantic-docs.helpmanual.io/usage/models/#rebuilding-a-model
Record.model_rebuild()
Agent.model_rebuild()
PrefixDeclaration.model_rebuild()
LanguageText.model_rebuild()
Citation.model_rebuild()
Link.model_rebuild()
ExternalIdentifier.model_rebuild()
ConceptScheme.model_rebuild()
Concept.model_rebuild()
ConceptCollection.model_rebuild()
Organisation.model_rebuild()
MembershipProfile.model_rebuild()
Obstacle.model_rebuild()
Membership.model_rebuild()
TrainingProgramme.model_rebuild()
Accreditation.model_rebuild()
Qualification.model_rebuild()
EmploymentTie.model_rebuild()
PeerWorker.model_rebuild()
Certification.model_rebuild()
DisclosureConsent.model_rebuild()
CompendiumSection.model_rebuild()
Practice.model_rebuild()
ScaleFigure.model_rebuild()
Dataset.model_rebuild()
