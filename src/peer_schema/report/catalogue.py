"""The catalogue of finding codes: stable codes, default severities, and what to tell people.

A code never changes meaning once published; new codes may be added. Messages and hints exist
in English and French and take named parameters ({field}, {value}, ...). A parameter that could
hold a personal value is never put into a template: templates name fields, codes and record
identifiers only, and `value` is only ever a code, a number or a year of a public record.

`docs/codes.md` is generated from this module; each code names the example that fires it.
"""

from __future__ import annotations

from .catalogue_rules import RULE_CODES
from .finding_code import E, I, W, Code  # Code: also imported from here

_CODES = [
    # --- reading the input (exit code 2) ----------------------------------------------------
    Code("read.unreadable", E, "File cannot be opened",
         "the file cannot be opened ({reason})", "le fichier ne peut pas être ouvert ({reason})",
         "Check the path and the file's permissions.", "Vérifiez le chemin et les droits du fichier.",
         "a file without read permission"),
    Code("read.unsupported-format", E, "Kind of file not read",
         "this kind of file is not read (use {supported}, or --input-format)",
         "ce type de fichier n'est pas lu (utilisez {supported}, ou --input-format)",
         "Save the data as a workbook (.xlsx or .ods), as CSV/TSV tables, or as JSON, JSON Lines, YAML or RDF.",
         "Enregistrez les données en classeur (.xlsx ou .ods), en tables CSV/TSV, ou en JSON, JSON Lines, YAML ou RDF.",
         "a file named data.docx"),
    Code("read.workbook-format", E, "Workbook in a format not read",
         "a workbook saved as {suffix} is not read: save it as .xlsx or .ods",
         "un classeur enregistré en {suffix} n'est pas lu : enregistrez-le en .xlsx ou .ods",
         "Open the file in your spreadsheet program and save it as an Excel workbook (.xlsx) or an OpenDocument "
         "spreadsheet (.ods), then check that file.",
         "Ouvrez le fichier dans votre tableur et enregistrez-le comme classeur Excel (.xlsx) ou feuille de calcul "
         "OpenDocument (.ods), puis vérifiez ce fichier.",
         "a workbook named old.xls or registry.numbers (tests/test_newcomers_workbook.py)"),
    Code("read.damaged-workbook", E, "Workbook damaged or incomplete",
         "the workbook cannot be read: the file looks damaged or incomplete",
         "le classeur ne peut pas être lu : le fichier semble abîmé ou incomplet",
         "Open it in your spreadsheet program and save it again as .xlsx or .ods. If it was sent to you, ask for it "
         "again: a file cut short in a download or an e-mail cannot be read.",
         "Ouvrez-le dans votre tableur et enregistrez-le à nouveau en .xlsx ou .ods. Si on vous l'a envoyé, "
         "demandez-le à nouveau : un fichier coupé pendant un téléchargement ou l'envoi d'un courriel ne peut pas "
         "être lu.",
         "an .xlsx file cut in the middle (tests/test_newcomers_workbook.py)"),
    Code("read.empty-workbook", E, "Workbook not filled yet", "the workbook has no records yet: fill the sheets",
         "le classeur ne contient encore aucun enregistrement : remplissez les feuilles",
         "Fill in the Dataset sheet first (one row, from row 3), then one row per record on the other sheets, "
         "and check the workbook again.",
         "Remplissez d'abord la feuille Jeu de données (une ligne, à partir de la ligne 3), puis une ligne par "
         "enregistrement sur les autres feuilles, et vérifiez à nouveau le classeur.",
         "the template read back as it was made (tests/test_newcomers_workbook.py)"),
    Code("read.empty-tables", E, "Tables not filled yet", "the tables have no records yet: fill them",
         "les tables ne contiennent encore aucun enregistrement : remplissez-les",
         "Fill in Dataset.csv first (one row, under the two header rows), then one row per record in the other "
         "tables, and check them again.",
         "Remplissez d'abord Dataset.csv (une ligne, sous les deux lignes d'en-tête), puis une ligne par "
         "enregistrement dans les autres tables, et vérifiez-les à nouveau.",
         "the CSV template read back as it was made (tests/test_newcomers_workbook.py)"),
    Code("read.empty", E, "Empty file", "the file holds no data", "le fichier ne contient aucune donnée",
         "Check that the program that wrote the file finished saving it. In a table or a workbook of the template, "
         "fill in the Dataset table (one row, under the two header rows) before the others.",
         "Vérifiez que le programme qui a écrit le fichier a fini de l'enregistrer. Dans une table ou un classeur du "
         "modèle, remplissez d'abord la table Jeu de données (une ligne, sous les deux lignes d'en-tête).",
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
         "Split the file, or raise the limit with --max-bytes if you trust it (a file read at once may be a "
         "sixteenth of the limit; tables and JSON Lines are read a row at a time).",
         "Découpez le fichier, ou relevez la limite avec --max-bytes si vous lui faites confiance (un fichier lu d'un "
         "bloc peut en faire un seizième ; les tables et JSON Lines sont lus ligne à ligne).",
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
         "Keep one of the two: with two columns (or two keys) for one field, programs silently keep one of the values.",
         "Gardez une seule des deux : avec deux colonnes (ou deux clés) pour un même champ, les programmes gardent sans "
         "rien dire l'une des valeurs.",
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
         "the person is. Tell peer workers apart by their identifier ({example} followed by a random code), and "
         "keep names only in your own staff records.",
         "Supprimez la colonne et ses valeurs de ce fichier (et de toute copie gardée pour le registre) : le "
         "fichier va à une fédération ou à des chercheurs, et un nom à côté d'un rôle et d'un employeur leur dit "
         "qui est la personne. Distinguez les pairs aidants par leur identifiant ({example_fr} suivi d'un code au "
         "hasard), et gardez les noms seulement dans vos propres dossiers du personnel.",
         "a column \"Name\" with values on the Peer workers sheet (tests/test_newcomers.py)"),
    Code("table.personal-column", E, "Contact details or birth dates of peer workers",
         'the column "{column}" holds {what} of peer workers: they never belong in the registry',
         "la colonne « {column} » contient {what_fr} de pairs aidants : elles n'ont jamais leur place dans le registre",
         "Delete the column's values from this file (and from any copy you keep for the registry): the file goes to "
         "a federation or to researchers, and an e-mail address, a phone number, a home address or a date of birth "
         "next to a role and an employer tells them who the person is and how to reach them. Keep them only in your "
         "association's own private records.",
         "Effacez les valeurs de la colonne dans ce fichier (et dans toute copie gardée pour le registre) : le "
         "fichier va à une fédération ou à des chercheurs, et une adresse électronique, un numéro de téléphone, une "
         "adresse postale ou une date de naissance à côté d'un rôle et d'un employeur leur disent qui est la "
         "personne et comment la joindre. Gardez-les seulement dans les dossiers privés de votre association.",
         "a column \"Email\" or \"Date of birth\" with values on the Peer workers sheet (tests/test_newcomers.py)"),
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
         "le champ « {field} » est obligatoire ici",
         "Add the field (in a workbook: fill in the cell; the column's note says what it holds).",
         "Ajoutez le champ (dans un classeur : remplissez la cellule ; la note de la colonne dit ce qu'elle contient).", "Organisation-missing-name.yaml"),
    Code("structure.unknown-field", E, "Field not in the model", 'the field "{field}" is not part of the model here',
         "le champ « {field} » ne fait pas partie du modèle ici",
         "Check the spelling; a peer worker record has no field for names, contacts, birth dates, diagnoses or stories, and never will.",
         "Vérifiez l'orthographe ; un pair aidant n'a pas de champ pour un nom, un contact, une date de naissance, un diagnostic ou un récit, et n'en aura jamais.",
         "PeerWorker-has-name.yaml"),
    Code("structure.wrong-type", E, "Wrong kind of value", 'the value of "{field}" should be {expected}',
         "la valeur de « {field} » devrait être {expected_fr}",
         "Write a number without units, or several values (in a table or a workbook with | between them; in a text file "
         "in square brackets), as the field needs.",
         "Écrivez un nombre sans unité, ou plusieurs valeurs (dans une table ou un classeur séparées par | ; dans un "
         "fichier texte entre crochets), selon le champ.",
         "TrainingProgramme-hours-as-text.yaml"),
    Code("structure.bad-format", E, "Value not in the expected form",
         'the value of "{field}" is not written in the expected form: {expected}',
         "la valeur de « {field} » n'est pas écrite sous la forme attendue : {expected_fr}",
         "Write {expected} (the column's note says more).",
         "Écrivez {expected_fr} (la note de la colonne en dit plus).",
         "Organisation-bad-identifier.yaml"),
    Code("structure.unknown-licence", E, "Licence not on the list",
         '"{typed}" is not a licence of the list; did you mean "{nearest}"?',
         "« {typed} » n'est pas une licence de la liste ; vouliez-vous dire « {nearest} » ?",
         'In a workbook, choose the licence from the column\'s drop-down list ("{nearest}"); in a text file, write '
         "its web address ({url}).",
         "Dans un classeur, choisissez la licence dans la liste déroulante de la colonne (« {nearest} ») ; dans un "
         "fichier texte, écrivez son adresse web ({url}).",
         "Dataset-licence-by-a-near-name.yaml"),
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
         "with: peer-schema vocab \"{vocabulary}\"",
         "Dans un classeur, choisissez dans la liste déroulante de la colonne. Sinon, affichez les codes et leurs "
         "libellés avec : peer-schema vocab \"{vocabulary_fr}\" --lang fr",
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
         "Add the record it points to (kind: {range}), include the file that has it, or correct the identifier.",
         "Ajoutez l'enregistrement visé (type : {range}), incluez le fichier qui le contient, ou corrigez l'identifiant.",
         "TrainingProgramme-unknown-provider.yaml"),
    Code("refs.wrong-class", E, "Reference to the wrong kind of record",
         '"{field}" should point to a record of the kind {range}, but {target} is of the kind {actual}',
         "« {field} » devrait renvoyer à un enregistrement de type {range}, mais {target} est de type {actual}",
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
         '"{field}" should point to a record of the kind {range}, but points to one of the kind {actual} (the '
         "identifier is not repeated: it is in a peer worker's record)",
         "« {field} » devrait renvoyer à un enregistrement de type {range}, mais renvoie à un de type {actual} (l'identifiant n'est pas "
         "repris : il figure dans l'enregistrement d'un pair aidant)",
         "Open the record named here and correct the identifier in this field.",
         "Ouvrez l'enregistrement indiqué et corrigez l'identifiant de ce champ.",
         "PeerWorker-employer-is-a-practice.yaml"),
    Code("refs.undeclared-prefix", W, "Identifier prefix not declared", 'the prefix "{prefix}" of {id} is not declared in the dataset\'s prefixes',
         "le préfixe « {prefix} » de {id} n'est pas déclaré dans les préfixes du jeu de données",
         "Declare the prefix with the web address your organisation uses for identifiers: on the {dataset_sheet} "
         "sheet, in the column {prefixes_column} (field name prefixes.{prefix} in row 2); in a text file, under prefixes. The "
         "identifier then stands for a full web address of yours.",
         "Déclarez le préfixe avec l'adresse web que votre organisation utilise pour ses identifiants : sur la feuille "
         "{dataset_sheet_fr}, dans la colonne {prefixes_column_fr} (nom de champ prefixes.{prefix} en ligne 2) ; dans un "
         "fichier texte, sous prefixes. L'identifiant désigne alors une adresse web complète à vous.",
         "Dataset-undeclared-prefix.yaml"),
    *RULE_CODES,
]

CATALOGUE: dict[str, Code] = {c.code: c for c in _CODES}
