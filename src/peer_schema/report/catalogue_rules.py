"""The catalogue's codes of the domain rules, consent, personal values and the export profile's
privacy guard (report/catalogue.py holds the others and the whole catalogue)."""

from __future__ import annotations

from .finding_code import E, I, W, Code

RULE_CODES = [
    # --- domain rules from the sources -----------------------------------------------------------
    Code("rules.peer-operated-share", E, "Peer-operated service below 51% peers",
         "{id} is a peer-operated service, but peers hold {share} of its management structures (at least 51% needed)",
         "{id} est un service géré par des pairs, mais les pairs occupent {share_fr} de ses instances de gestion "
         "(il en faut 51 % au moins)",
         "Correct the share, set staffed_and_managed_by_peers if it is staffed and managed by peer workers, or remove the kind.",
         "Corrigez la part, indiquez staffed_and_managed_by_peers s'il est animé et géré par des pairs, ou retirez ce type.",
         "Organisation-peer-operated-below-51.yaml"),
    Code("rules.membership-cycle", E, "Federation membership goes round in a circle",
         "memberships form a cycle: {cycle}", "les adhésions forment un cycle : {cycle}",
         "A federation cannot be (indirectly) a member of one of its own members; remove one membership.",
         "Une fédération ne peut pas être (indirectement) membre de l'un de ses membres ; retirez une adhésion.",
         "Membership-cycle.yaml"),
    Code("rules.membership-ends-before-start", E, "Membership ends before it starts",
         "this membership ends on {end}, before it starts on {start}",
         "cette adhésion se termine le {end}, avant de commencer le {start}",
         "Check both dates (often the day and the month are swapped, or the two dates are the wrong way round); "
         "leave the end date empty while the membership lasts.",
         "Vérifiez les deux dates (souvent le jour et le mois sont inversés, ou les deux dates sont interverties) ; "
         "laissez la date de fin vide tant que l'adhésion dure.",
         "Membership-ends-before-start.yaml"),
    Code("rules.membership-twice", E, "The same membership twice",
         "the same member is in {federation} twice over overlapping periods (the other membership: {first})",
         "le même membre adhère deux fois à {federation} sur des périodes qui se chevauchent (l'autre adhésion : "
         "{first})",
         "Keep one membership and delete the other, or correct the dates: a member that left and joined again "
         "has two memberships whose periods do not overlap.",
         "Gardez une adhésion et supprimez l'autre, ou corrigez les dates : un membre parti puis revenu a deux "
         "adhésions dont les périodes ne se chevauchent pas.",
         "Membership-twice.yaml"),
    Code("rules.federation-not-a-federation", W, "Member of an organisation that is no federation or network",
         "{federation} has members, but its kinds say it is neither a federation nor a network",
         "{federation} a des membres, mais ses types ne disent pas qu'elle est une fédération ou un réseau",
         "If it is a federation or a network, add that kind to the organisation; otherwise, this is not a "
         "membership: describe the tie another way (a partner of a programme, an employer).",
         "Si c'est une fédération ou un réseau, ajoutez ce type à l'organisation ; sinon, ce n'est pas une "
         "adhésion : décrivez ce lien autrement (partenaire d'une formation, employeur).",
         "Membership-federation-not-a-federation.yaml"),
    Code("rules.year-in-future", E, "Year in the future", "the year {value} in \"{field}\" is in the future",
         "l'année {value} de « {field} » est dans le futur", "Check the year.", "Vérifiez l'année.",
         "Organisation-start-year-in-future.yaml"),
    Code("rules.year-too-early", E, "Year before 1700", "the year {value} in \"{field}\" is before 1700",
         "l'année {value} de « {field} » est antérieure à 1700",
         "Formal peer support is recorded back to the 18th century, not earlier; check the year.",
         "Le soutien par les pairs formel remonte au XVIIIe siècle, pas avant ; vérifiez l'année.",
         "Practice-start-year-too-early.yaml"),
    Code("rules.country-outside-coe", W, "Country outside the Council of Europe",
         "{value} is not a member state of the Council of Europe", "{value} n'est pas un État membre du Conseil de l'Europe",
         "That is fine for a partner abroad; for a practice spanning many countries set geographic_scope: international.",
         "Cela convient pour un partenaire à l'étranger ; pour une pratique couvrant de nombreux pays, indiquez geographic_scope: international.",
         "Practice-country-outside-coe.yaml"),
    Code("rules.session-too-long", W, "Training session over 4 hours",
         "sessions last {value} hours; the Tuto3 PAT training profile recommends no more than 4",
         "les séances durent {value} heures ; le profil de formation Tuto3 PAT en recommande 4 au plus",
         "Consider splitting sessions.", "Envisagez de scinder les séances.", "TrainingProgramme-session-too-long.yaml"),
    Code("rules.basic-elements-missing", I, "Basic programme leaves out basic elements",
         "this basic programme does not list these basic training elements of the Tuto3 PAT profile: {missing}",
         "ce programme de base ne mentionne pas ces éléments de formation de base du profil Tuto3 PAT : {missing}",
         "Add them to training_elements if the programme covers them.",
         "Ajoutez-les à training_elements si le programme les couvre.", "TrainingProgramme-basic-missing-elements.yaml"),
    Code("rules.accreditation-without-body", E, "Accreditation claim without accrediting body",
         "the programme claims accreditation ({value}) but names no accrediting body",
         "le programme se dit accrédité ({value}) mais ne nomme aucun organisme accréditeur",
         "Add accrediting_body with the identifier of the organisation that accredits it.",
         "Ajoutez accrediting_body avec l'identifiant de l'organisme qui l'accrédite.",
         "TrainingProgramme-accreditation-without-body.yaml"),
    Code("rules.accreditation-ends-before-start", E, "Accreditation ends before it starts",
         "the accreditation is valid until {end}, before it is valid from {start}",
         "l'accréditation est valable jusqu'au {end}, avant d'être valable à partir du {start}",
         "Check both dates (valid_from and valid_until); leave valid_until empty when the accreditation has no end.",
         "Vérifiez les deux dates (valid_from et valid_until) ; laissez valid_until vide quand l'accréditation n'a "
         "pas de fin.",
         "TrainingProgramme-accreditation-ends-before-start.yaml"),
    Code("rules.sessions-exceed-total-hours", E, "Sessions add up to more than the total hours",
         "{count} sessions of {length} hours make {sessions_total} hours, more than the programme's total of {value} hours",
         "{count} séances de {length_fr} heures font {sessions_total_fr} heures, plus que le total de {value_fr} heures du "
         "programme",
         "Check the number of sessions, their length and the total hours: the total counts every session, practice "
         "included.",
         "Vérifiez le nombre de séances, leur durée et le total d'heures : le total compte toutes les séances, "
         "pratique comprise.",
         "TrainingProgramme-sessions-exceed-total-hours.yaml"),
    # --- consent -------------------------------------------------------------------------------------
    Code("consent.field-not-covered", E, "Disclosed field without consent",
         "{id} discloses {fields} to the {audience} for {purpose} without a consent that covers it",
         "{id} divulgue {fields} au destinataire « {audience} » pour la finalité « {purpose} » sans consentement "
         "qui le couvre",
         "Remove the field from the export, or record the worker's consent for this audience and this purpose.",
         "Retirez le champ de l'export, ou enregistrez le consentement du pair aidant pour ce destinataire et "
         "cette finalité.",
         "PeerWorker-field-without-consent.yaml"),
    Code("consent.purpose-not-covered", E, "Consent given for other purposes",
         "{id}: consent no. {n} lets the {audience} have {fields}, but not for {purpose}",
         "{id} : le consentement n° {n} autorise la divulgation de {fields} au destinataire « {audience} », "
         "mais pas pour la finalité « {purpose} »",
         "A consent covers only the purposes it names (one that names none covers none). Ask the worker whether "
         "they agree to this purpose and add it to the consent's purposes; or leave these fields out of this "
         "export; or make the export for a purpose the consent names (--purpose).",
         "Un consentement ne couvre que les finalités qu'il nomme (s'il n'en nomme aucune, il n'en couvre aucune). "
         "Demandez au pair aidant s'il accepte cette finalité et ajoutez-la aux finalités du consentement ; ou "
         "retirez ces champs de cet export ; ou faites l'export pour une finalité que le consentement nomme "
         "(--purpose).",
         "PeerWorker-consent-other-purpose.yaml"),
    Code("consent.withdrawn", E, "Consent withdrawn", "{id}: consent no. {n} covered {fields} but has been withdrawn",
         "{id} : le consentement n° {n} couvrait {fields} mais a été retiré",
         "Remove what it covered from every export from the date of withdrawal.",
         "Retirez de tout export ce qu'il couvrait, à partir de la date de retrait.", "PeerWorker-consent-withdrawn.yaml"),
    Code("consent.review-overdue", E, "Consent past its review date", "{id}: consent no. {n} covers {fields} but is past its review date",
         "{id} : le consentement n° {n} couvre {fields} mais sa date de révision est passée",
         "Ask the worker to confirm their consent, and record the new review date.",
         "Demandez au pair aidant de confirmer son consentement et notez la nouvelle date de révision.",
         "PeerWorker-consent-review-overdue.yaml"),
    Code("consent.dates-inconsistent", E, "Consent dates out of order", "{id}: consent no. {n} is {problem}",
         "{id} : le consentement n° {n} est {problem_fr}",
         "A consent is given first, then reviewed or withdrawn.", "Un consentement est d'abord donné, puis revu ou retiré.",
         "PeerWorker-consent-withdrawn-before-given.yaml"),
    # --- personal values typed where the model has none --------------------------------------------
    Code("personal.value-in-text", E, "Contact details or birth date in a text",
         'the field "{field}" of a peer worker holds {what}: a peer worker\'s record never holds contact details '
         "or a birth date",
         "le champ « {field} » d'un pair aidant contient {what_fr} : la fiche d'un pair aidant ne contient jamais "
         "de coordonnées ni de date de naissance",
         "Delete it from the text, in this file and in any copy kept for the registry; keep contact details "
         "only in your own staff records.",
         "Effacez-le du texte, dans ce fichier et dans toute copie gardée pour le registre ; gardez les "
         "coordonnées seulement dans vos propres dossiers du personnel.",
         "PeerWorker-email-in-role-title.yaml"),
    Code("personal.name-in-identifier", W, "Identifier that looks like a name and a date",
         'the identifier in "{field}" looks like a name and a date (of birth?): it would say who the peer worker is',
         "l'identifiant de « {field} » ressemble à un nom et une date (de naissance ?) : il dirait qui est le pair "
         "aidant",
         "Give the peer worker an identifier made of a random code ({example}), and change the references to it.",
         "Donnez au pair aidant un identifiant fait d'un code au hasard ({example}), et changez les références "
         "vers lui.",
         "PeerWorker-identifier-name-and-date.yaml"),
    # --- privacy guard of the export profile -------------------------------------------------------
    Code("privacy.record-not-allowed", E, "Record not allowed in this profile",
         "records of the kind {cls} may not appear in a {profile} dataset ({id})",
         "les enregistrements de type {cls} ne peuvent pas figurer dans un jeu de données {profile} ({id})",
         "Remove the record from this export; publish counts instead (peer_worker_count on the organisation).",
         "Retirez l'enregistrement de cet export ; publiez plutôt des effectifs (peer_worker_count de l'organisation).",
         "Dataset-public-with-peer-worker.yaml"),
    Code("privacy.field-not-allowed", E, "Field not allowed in this profile",
         'the field "{field}" ({sensitivity}) may not appear in a {profile} dataset',
         "le champ « {field} » ({sensitivity}) ne peut pas figurer dans un jeu de données {profile}",
         "Remove the field from this export.", "Retirez le champ de cet export.", "PeerWorker-local-reference-in-federation.yaml"),
]
