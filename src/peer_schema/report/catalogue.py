"""The catalogue of finding codes: stable codes, default severities, and what to tell people.

A code never changes meaning once published; new codes may be added. Messages and hints exist
in English and French and take named parameters ({field}, {value}, ...). A parameter that could
hold a personal value is never put into a template: templates name fields, codes and record
identifiers only, and `value` is only ever a code, a number or a year of a public record.

`docs/codes.md` is generated from this module; each code names the example that fires it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .findings import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str
    message_en: str
    message_fr: str
    hint_en: str
    hint_fr: str
    example: str  # a file in examples/invalid/, or how to make the problem happen

    def message(self, lang: str, params: dict) -> str:
        return _fill(self.message_fr if lang == "fr" else self.message_en, params)

    def hint(self, lang: str, params: dict) -> str:
        return _fill(self.hint_fr if lang == "fr" else self.hint_en, params)


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, params: dict) -> str:
    return template.format_map(_Missing(params))


_CODES = [
    # --- reading the input (exit code 2) ----------------------------------------------------
    Code("read.unreadable", E, "File cannot be opened",
         "the file cannot be opened ({reason})", "le fichier ne peut pas être ouvert ({reason})",
         "Check the path and the file's permissions.", "Vérifiez le chemin et les droits du fichier.",
         "a file without read permission"),
    Code("read.unsupported-format", E, "Kind of file not read",
         "this kind of file is not read (use {supported}, or --input-format)",
         "ce type de fichier n'est pas lu (utilisez {supported}, ou --input-format)",
         "Save the data as JSON, JSON Lines, YAML, CSV/TSV or RDF.",
         "Enregistrez les données en JSON, JSON Lines, YAML, CSV/TSV ou RDF.", "a file named data.docx"),
    Code("read.empty", E, "Empty file", "the file holds no data", "le fichier ne contient aucune donnée",
         "Check that the export finished writing the file. In a workbook, fill in the Dataset sheet (one row, under "
         "the two header rows) before the others.",
         "Vérifiez que l'export a bien fini d'écrire le fichier. Dans un classeur, remplissez d'abord la feuille Jeu "
         "de données (une ligne, sous les deux lignes d'en-tête).",
         "an empty file"),
    Code("read.encoding", E, "Not UTF-8 text", "the file is not UTF-8 text (byte {offset})",
         "le fichier n'est pas du texte UTF-8 (octet {offset})",
         "Save the file with the encoding 'UTF-8' (in a spreadsheet: 'CSV UTF-8').",
         "Enregistrez le fichier avec l'encodage « UTF-8 » (dans un tableur : « CSV UTF-8 »).",
         "a CSV file saved as Latin-1"),
    Code("read.binary", E, "Binary file", "the file looks like a binary file, not text",
         "le fichier semble binaire, et non du texte",
         "Export the data as text (JSON, YAML or CSV) rather than sending the program's own file.",
         "Exportez les données en texte (JSON, YAML ou CSV) plutôt que le fichier du programme.",
         "a picture renamed data.json"),
    Code("read.sheet-too-large", E, "Sheet too large to read",
         "a sheet would take {cells} cells to read{where}, over the limit of {limit}",
         "une feuille demanderait {cells} cellules à lire{where_fr}, au-delà de la limite de {limit}",
         "Delete the cells far below or to the right of your data (often a stray value or format), or split the sheet.",
         "Supprimez les cellules loin sous vos données ou à leur droite (souvent une valeur ou un format égaré), "
         "ou découpez la feuille.",
         "a workbook with one cell at XFD1048576 (tests/test_workbook.py)"),
    Code("read.too-large", E, "File over the size limit", "the file is {size} bytes, over the limit of {limit} bytes",
         "le fichier fait {size} octets, au-delà de la limite de {limit} octets",
         "Split the file, or raise the limit with --max-bytes if you trust it (a JSON, YAML or RDF document, held "
         "in memory at once, may be a sixteenth of it; JSON Lines and CSV are streamed).",
         "Découpez le fichier, ou relevez la limite avec --max-bytes si vous lui faites confiance (un document JSON, "
         "YAML ou RDF, gardé en mémoire d'un bloc, peut en faire un seizième ; JSON Lines et CSV sont lus en flux).",
         "a file larger than --max-bytes"),
    Code("read.too-deep", E, "Nested too deeply", "the data is nested deeper than {limit} levels",
         "les données sont imbriquées sur plus de {limit} niveaux",
         "Peer_schema data is never nested that deeply: the file is damaged or hostile.",
         "Les données peer_schema ne sont jamais aussi imbriquées : le fichier est abîmé ou malveillant.",
         "[[[[...]]]] 100 levels deep"),
    Code("read.syntax", E, "Not valid JSON, YAML, CSV or RDF", "the file is not valid {format}: {problem}",
         "le fichier n'est pas du {format} valide : {problem}",
         "Look at the line shown; a truncated file often ends in the middle of a record.",
         "Regardez la ligne indiquée ; un fichier tronqué s'arrête souvent au milieu d'un enregistrement.",
         'a JSON file cut after {"a": [1,'),
    Code("read.duplicate-key", E, "Key written twice", 'the key "{key}" appears twice in the same object',
         "la clé « {key} » apparaît deux fois dans le même objet",
         "Keep one of the two values: JSON and YAML readers silently keep the last one.",
         "Gardez une seule des deux valeurs : les lecteurs JSON et YAML gardent sans rien dire la dernière.",
         "Dataset-duplicate-key.yaml"),
    Code("read.yaml-alias", E, "YAML alias", "YAML aliases (&anchor / *alias) are not accepted",
         "les alias YAML (&ancre / *alias) ne sont pas acceptés",
         "Write the value out in full; aliases let a small file grow into a huge one.",
         "Écrivez la valeur en entier ; les alias permettent à un petit fichier d'en devenir un énorme.",
         "Dataset-yaml-alias.yaml"),
    Code("read.yaml-tag", E, "YAML tag", "the YAML tag {tag} is not accepted: plain data only",
         "la balise YAML {tag} n'est pas acceptée : données simples uniquement",
         "Remove the tag; a data file holds data, never instructions for a program.",
         "Retirez la balise ; un fichier de données contient des données, jamais des instructions.",
         "a: !!python/object:os.system 'ls'"),
    Code("read.not-a-number", E, "NaN or infinite number", "NaN and infinite numbers are not accepted",
         "NaN et les nombres infinis ne sont pas acceptés", "Leave the field out when the number is unknown.",
         "Omettez le champ quand le nombre est inconnu.", '{"staff_count": NaN}'),
    Code("read.huge-number", E, "Number too large", "a number has more than {limit} digits",
         "un nombre a plus de {limit} chiffres", "Check the number; no field of the model needs it.",
         "Vérifiez le nombre ; aucun champ du modèle n'en a besoin.", "a number with 5,000 digits"),
    Code("read.field-too-large", E, "Cell over the size limit", "a field holds {size} characters, over the limit of {limit}",
         "un champ contient {size} caractères, au-delà de la limite de {limit}",
         "A cell of that size is a damaged file or a pasted document; shorten it.",
         "Une cellule de cette taille vient d'un fichier abîmé ou d'un document collé ; raccourcissez-la.",
         "a CSV cell of 2 million characters"),
    Code("read.surrogate", E, "Half of a character",
         "the text at {pointer} holds a lone surrogate (an escape such as \\ud800 that is half of a character)",
         "le texte en {pointer} contient un demi-caractère isolé (un échappement comme \\ud800)",
         "Remove the escape or write the whole character; no file could be written with half of one.",
         "Retirez l'échappement ou écrivez le caractère entier ; aucun fichier ne peut être écrit avec une moitié.",
         '{"id": "ex:d\\ud800"}'),
    Code("read.remote-context", E, "Remote JSON-LD context", "the JSON-LD @context {context} would have to be fetched from the network",
         "le @context JSON-LD {context} devrait être téléchargé depuis le réseau",
         "Use peer_schema's context (peer-schema schema --format jsonld-context) inline; remote contexts are never fetched.",
         "Utilisez le contexte de peer_schema en ligne (peer-schema schema --format jsonld-context) ; les contextes distants ne sont jamais téléchargés.",
         '{"@context": "https://example.org/context.jsonld"}'),
    Code("read.xml-doctype", E, "XML DOCTYPE or entity", "XML DOCTYPE and ENTITY declarations are refused before parsing",
         "les déclarations XML DOCTYPE et ENTITY sont refusées avant lecture",
         "Export RDF/XML without a DOCTYPE, or use Turtle.", "Exportez le RDF/XML sans DOCTYPE, ou utilisez Turtle.",
         "an RDF/XML file with <!DOCTYPE rdf [<!ENTITY ...>]>"),
    Code("read.bad-iri", E, "Malformed IRI", "an IRI is malformed: {problem}", "une IRI est mal formée : {problem}",
         "IRIs have no spaces, no angle brackets and start with a scheme such as https:.",
         "Une IRI n'a ni espace ni chevron et commence par un schéma comme https:.", "Organisation-bad-iri.ttl"),
    # --- refusals of a whole check (exit code 2): the report holds this one finding -----------
    Code("read.no-such-path", E, "No such file or folder", "there is no file or folder at this path",
         "il n'y a ni fichier ni dossier à ce chemin",
         "Check the path (its spelling, and the folder the command runs in).",
         "Vérifiez le chemin (son orthographe, et le dossier où la commande s'exécute).",
         "peer-schema validate missing-file.yaml (tests/test_newcomers.py)"),
    Code("read.profile-refused", E, "Profile looser than the data's access rights",
         "the dataset {id} has access rights {access}: it may not be checked for the {profile} profile, which "
         "more people may read; nothing was checked",
         "le jeu de données {id} a les droits d'accès {access} : il ne peut pas être vérifié pour le profil "
         "{profile}, que plus de personnes peuvent lire ; rien n'a été vérifié",
         "Leave out --profile (the dataset's access rights then choose), choose a profile they allow, or change "
         "the access rights if the dataset's publisher agrees.",
         "Retirez --profile (les droits d'accès du jeu de données choisissent alors), choisissez un profil qu'ils "
         "permettent, ou changez les droits d'accès si l'éditeur du jeu de données est d'accord.",
         "peer-schema validate --profile public on restricted data (tests/test_newcomers.py)"),
    Code("read.refused", E, "Check refused", "the check could not start: {reason}",
         "la vérification n'a pas pu commencer : {reason}",
         "Correct the command or the project file (peer-schema validate --help says what each option takes).",
         "Corrigez la commande ou le fichier de projet (peer-schema validate --help dit ce que prend chaque option).",
         "a project file with an unknown setting, or one dataset with two access rights (tests/test_newcomers.py)"),
    # --- tables and workbooks: their headers and sheets (warnings: the rest is read) ----------
    Code("table.unknown-column", W, "Column not in the model",
         'the column "{column}" is not a field of the model here: its cells are not read{nearest}',
         "la colonne « {column} » n'est pas un champ du modèle ici : ses cellules ne sont pas lues{nearest_fr}",
         "Rename the column as the template names it, or delete it. Never add columns for names, contact "
         "details, diagnoses or personal stories.",
         "Renommez la colonne comme le modèle de classeur la nomme, ou supprimez-la. N'ajoutez jamais de colonne "
         "pour des noms, coordonnées, diagnostics ou récits personnels.",
         "a header cell \"Weekly hour\" on the Peer workers sheet (tests/test_workbook.py)"),
    Code("table.name-column", E, "Names of peer workers",
         'the column "{column}" holds names of peer workers: a name never belongs in the registry',
         "la colonne « {column} » contient des noms de pairs aidants : un nom n'a jamais sa place dans le registre",
         "Delete the column and its values from this file (and from any copy you keep for the registry): the "
         "file goes to a federation or to researchers, and a name next to a role and an employer tells them who "
         "the person is. Tell peer workers apart by their identifier (ex:pw/ followed by a random code), and "
         "keep names only in your own staff records.",
         "Supprimez la colonne et ses valeurs de ce fichier (et de toute copie gardée pour le registre) : le "
         "fichier va à une fédération ou à des chercheurs, et un nom à côté d'un rôle et d'un employeur leur dit "
         "qui est la personne. Distinguez les pairs aidants par leur identifiant (ex:pw/ suivi d'un code au "
         "hasard), et gardez les noms seulement dans vos propres dossiers du personnel.",
         "a column \"Name\" with values on the Peer workers sheet (tests/test_newcomers.py)"),
    Code("table.columns-ignored", W, "Columns not read",
         "{count} more columns are not read: those past column {limit}, and unknown columns after the first {named} "
         "(each of those is named in its own finding)",
         "{count} colonnes de plus ne sont pas lues : celles après la colonne {limit}, et les colonnes inconnues après "
         "les {named} premières (chacune de celles-ci a son propre constat)",
         "Delete the columns that are not in the template; a table never needs that many.",
         "Supprimez les colonnes qui ne sont pas dans le modèle ; une table n'en a jamais besoin d'autant.",
         "a CSV header of a million columns (tests/test_hostile_inputs.py)"),
    Code("table.unknown-sheet", W, "Sheet not read",
         'the sheet "{sheet}" is not read: its name says no kind of record ({known})',
         "la feuille « {sheet} » n'est pas lue : son nom ne désigne aucun type d'enregistrement ({known})",
         "Name the sheet as the template does, or move its data to the right sheet.",
         "Nommez la feuille comme le modèle de classeur, ou déplacez ses données dans la bonne feuille.",
         "a sheet named \"Sheet2\" holding data (tests/test_workbook.py)"),
    # --- structure: the JSON Schema generated from the model ---------------------------------
    Code("structure.required", E, "Required field missing", 'the field "{field}" is required here',
         "le champ « {field} » est obligatoire ici", "Add the field; the model's pages say what it holds.",
         "Ajoutez le champ ; les pages du modèle disent ce qu'il contient.", "Organisation-missing-name.yaml"),
    Code("structure.unknown-field", E, "Field not in the model", 'the field "{field}" is not part of the model here',
         "le champ « {field} » ne fait pas partie du modèle ici",
         "Check the spelling; a peer worker record has no field for names, contacts, birth dates, diagnoses or stories, and never will.",
         "Vérifiez l'orthographe ; un pair aidant n'a pas de champ pour un nom, un contact, une date de naissance, un diagnostic ou un récit, et n'en aura jamais.",
         "PeerWorker-has-name.yaml"),
    Code("structure.wrong-type", E, "Wrong kind of value", 'the value of "{field}" should be {expected}',
         "la valeur de « {field} » devrait être {expected_fr}",
         "Write a number without units, or a list (in YAML in square brackets, in a table with | between the values), as the field needs.",
         "Écrivez un nombre sans unité, ou une liste (en YAML entre crochets, dans un tableau avec | entre les valeurs), selon le champ.",
         "TrainingProgramme-hours-as-text.yaml"),
    Code("structure.bad-format", E, "Value not in the expected form", 'the value of "{field}" is not written in the expected form',
         "la valeur de « {field} » n'est pas écrite sous la forme attendue",
         "Identifiers look like ex:org/name or https://..., dates like 2026-11-23, versions like 0.2.0, languages like en or fr.",
         "Les identifiants s'écrivent ex:org/nom ou https://..., les dates 2026-11-23, les versions 0.2.0, les langues en ou fr.",
         "Organisation-bad-identifier.yaml"),
    Code("structure.out-of-range", E, "Number out of range", 'the number in "{field}" is out of range (allowed: {allowed})',
         "le nombre de « {field} » est hors limites (autorisé : {allowed})", "Check the unit: shares are percentages (0-100), hours per week at most 80.",
         "Vérifiez l'unité : les parts sont des pourcentages (0-100), les heures par semaine au plus 80.",
         "Organisation-governance-share-over-100.yaml"),
    Code("structure.invalid", E, "Value does not fit the model", 'the value of "{field}" does not fit the model',
         "la valeur de « {field} » ne correspond pas au modèle", "Compare with the examples in examples/valid/.",
         "Comparez avec les exemples de examples/valid/.", "a list where one object is expected"),
    # --- vocabularies --------------------------------------------------------------------------
    Code("vocab.unknown-code", E, "Code not in the vocabulary", '{value} is not a code of the list "{vocabulary}"{suggestion}',
         "{value_fr} n'est pas un code de la liste « {vocabulary_fr} »{suggestion_fr}",
         "In a workbook, choose from the column's drop-down list. Otherwise list the codes and their labels "
         "with: peer-schema vocab {scheme}",
         "Dans un classeur, choisissez dans la liste déroulante de la colonne. Sinon, affichez les codes et leurs "
         "libellés avec : peer-schema vocab {scheme} --lang fr",
         "Organisation-unknown-kind.yaml"),
    # --- RDF input: the generated SHACL shapes (severity as the shape says) -----------------------
    Code("shacl.violation", E, "SHACL violation", "{focus}: {path} does not satisfy {constraint}",
         "{focus} : {path} ne respecte pas {constraint}",
         "Compare with peer-schema schema --format shacl; the same data as YAML gives more precise messages.",
         "Comparez avec peer-schema schema --format shacl ; les mêmes données en YAML donnent des messages plus précis.",
         "Organisation-two-names.ttl"),
    Code("shacl.warning", W, "SHACL warning", "{focus}: {path} does not satisfy {constraint}",
         "{focus} : {path} ne respecte pas {constraint}", "See the shape's description.", "Voir la description de la forme.",
         "a shape with sh:severity sh:Warning"),
    Code("shacl.info", I, "SHACL information", "{focus}: {path}: {constraint}", "{focus} : {path} : {constraint}",
         "See the shape's description.", "Voir la description de la forme.", "a shape with sh:severity sh:Info"),
    # --- references between records ------------------------------------------------------------
    Code("refs.duplicate-id", E, "Identifier used twice", 'the identifier {id} is already used by another record ({other})',
         "l'identifiant {id} est déjà utilisé par un autre enregistrement ({other})",
         "Give each record its own identifier; identifiers never change once shared.",
         "Donnez à chaque enregistrement son propre identifiant ; un identifiant partagé ne change plus.",
         "Organisation-duplicate-id.yaml"),
    Code("refs.dangling", E, "Reference to a missing record", '"{field}" points to {target}, which is not in the data',
         "« {field} » renvoie à {target}, absent des données",
         "Add the {range} record, include the file that has it, or correct the identifier.",
         "Ajoutez l'enregistrement {range}, incluez le fichier qui le contient, ou corrigez l'identifiant.",
         "TrainingProgramme-unknown-provider.yaml"),
    Code("refs.wrong-class", E, "Reference to the wrong kind of record", '"{field}" should point to a {range}, but {target} is a {actual}',
         "« {field} » devrait renvoyer à un(e) {range}, mais {target} est un(e) {actual}",
         "Correct the identifier.", "Corrigez l'identifiant.", "Membership-federation-is-a-practice.yaml"),
    Code("refs.dangling-private", E, "Reference to a missing record, from a peer worker's record",
         '"{field}" points to a record that is not in the data (what the cell holds is not repeated: it belongs '
         "to a peer worker's record)",
         "« {field} » renvoie à un enregistrement absent des données (le contenu de la cellule n'est pas repris : "
         "il appartient à l'enregistrement d'un pair aidant)",
         "Open the record named here and check this field: it must hold the identifier of a record of the kind {range}, never "
         "a name.",
         "Ouvrez l'enregistrement indiqué et vérifiez ce champ : il doit contenir l'identifiant d'un enregistrement de type "
         "{range}, jamais un nom.",
         "PeerWorker-employer-is-a-name.yaml"),
    Code("refs.wrong-class-private", E, "Reference to the wrong kind of record, from a peer worker's record",
         '"{field}" should point to a {range}, but points to a {actual} (the identifier is not repeated: it is '
         "in a peer worker's record)",
         "« {field} » devrait renvoyer à un(e) {range}, mais renvoie à un(e) {actual} (l'identifiant n'est pas "
         "repris : il figure dans l'enregistrement d'un pair aidant)",
         "Open the record named here and correct the identifier in this field.",
         "Ouvrez l'enregistrement indiqué et corrigez l'identifiant de ce champ.",
         "PeerWorker-employer-is-a-practice.yaml"),
    Code("refs.undeclared-prefix", W, "Identifier prefix not declared", 'the prefix "{prefix}" of {id} is not declared in the dataset\'s prefixes',
         "le préfixe « {prefix} » de {id} n'est pas déclaré dans les préfixes du jeu de données",
         "Declare it under prefixes (prefix: namespace URI), so the identifier becomes a URI under your namespace.",
         "Déclarez-le sous prefixes (préfixe : URI de l'espace de noms), pour que l'identifiant devienne une URI de votre espace.",
         "Dataset-undeclared-prefix.yaml"),
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
         "Give the peer worker an identifier made of a random code (ex:pw/7f3a9c), and change the references to it.",
         "Donnez au pair aidant un identifiant fait d'un code au hasard (ex:pw/7f3a9c), et changez les références "
         "vers lui.",
         "PeerWorker-identifier-name-and-date.yaml"),
    # --- privacy guard of the export profile -------------------------------------------------------
    Code("privacy.record-not-allowed", E, "Record not allowed in this profile",
         "{cls} records may not appear in a {profile} dataset ({id})",
         "les enregistrements {cls} ne peuvent pas figurer dans un jeu de données {profile} ({id})",
         "Remove the record from this export; publish counts instead (peer_worker_count on the organisation).",
         "Retirez l'enregistrement de cet export ; publiez plutôt des effectifs (peer_worker_count de l'organisation).",
         "Dataset-public-with-peer-worker.yaml"),
    Code("privacy.field-not-allowed", E, "Field not allowed in this profile",
         'the field "{field}" ({sensitivity}) may not appear in a {profile} dataset',
         "le champ « {field} » ({sensitivity}) ne peut pas figurer dans un jeu de données {profile}",
         "Remove the field from this export.", "Retirez le champ de cet export.", "PeerWorker-local-reference-in-federation.yaml"),
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}
