"""The words of the workbook (front sheet, column notes, yes/no), in English and French."""

from __future__ import annotations

YES_NO = {"en": ("yes", "no"), "fr": ("oui", "non")}

NOTES = {
    "en": {"required": "Required.", "list": "Choose from the list (or type the code).",
           "several": "Several values: separate them with | (for example: a | b).",
           "date": "A date: YYYY-MM-DD (2026-11-23).", "yes_no": "yes or no.", "number": "A number.",
           "reference": "The identifier of another record ({prefix}:org/our-association).",
           "machine": "Field names read by the computer: do not change this row.",
           "licence": "Choose a licence from the list (CC BY 4.0...), or type the web address of another licence."},
    "fr": {"required": "Obligatoire.", "list": "Choisissez dans la liste (ou tapez le code).",
           "several": "Plusieurs valeurs : séparez-les par | (par exemple : a | b).",
           "date": "Une date : AAAA-MM-JJ (2026-11-23).", "yes_no": "oui ou non.", "number": "Un nombre.",
           "reference": "L'identifiant d'un autre enregistrement ({prefix}:org/notre-association).",
           "machine": "Noms des champs lus par l'ordinateur : ne modifiez pas cette ligne.",
           "licence": "Choisissez une licence dans la liste (CC BY 4.0...), ou tapez l'adresse web d'une autre licence."},
}

#: the front sheet: (style, text) lines; style is "title", "heading", "warning" or "" (body)
READ_ME = {
    "en": [
        ("title", "Peer support data workbook (peer_schema)"),
        ("", "This workbook describes your organisation and its peer support work so that it can be shared "
             "safely with a federation and, in part, published."),
        ("heading", "How to fill it in"),
        ("", "1. There is one sheet per kind of record. Fill in the Dataset sheet first: who shares the data, "
             "under which licence, and with whom (access rights). Leave a sheet empty if it does not apply."),
        ("", "2. One row per record, from row 3. Row 1 holds the column names; columns marked * are required. "
             "Row 2 holds the field names the computer reads: do not change or delete row 2."),
        ("", "3. Point at a column name to read what it holds. Where a column has a drop-down list, choose "
             "from it (typing the code also works)."),
        ("", "4. Several values in one cell: separate them with | (for example: federation | ngo)."),
        ("", "5. Dates as YYYY-MM-DD (2026-11-23). Yes/no columns: yes or no."),
        ("", "6. Every record has an identifier: {prefix}: followed by a short name without spaces "
             "({prefix}:org/our-association). Use the same identifier wherever you refer to that record. "
             "On the Dataset sheet, the column of the prefix {prefix} holds your organisation's web address "
             "for identifiers (https://our-association.org/id/)."),
        ("heading", "Never enter"),
        ("warning", "• names of peer workers or of the people they support;"),
        ("warning", "• contact details (e-mail, telephone, address), dates of birth;"),
        ("warning", "• diagnoses, treatments or any other health information;"),
        ("warning", "• personal stories, in any column."),
        ("", "A peer worker is known only by an identifier that says nothing about them ({prefix}:pw/4c81d2). "
             "What may be shared about a peer worker, with whom and why, is recorded in the disclosure "
             "consent columns of the Peer workers sheet: nothing is shared without consent."),
        ("heading", "Check and share"),
        ("", "Check the workbook:   peer-schema validate this-file.xlsx"),
        ("", "Each problem names the sheet and the cell (Organisations!C7) and says what to do."),
        ("", "Pack it for your federation:   peer-schema bundle this-file.xlsx --profile federation -o our-data.zip"),
    ],
    "fr": [
        ("title", "Classeur de données de pair-aidance (peer_schema)"),
        ("", "Ce classeur décrit votre organisation et son activité de pair-aidance, pour la partager en "
             "sécurité avec une fédération et, en partie, la publier."),
        ("heading", "Comment le remplir"),
        ("", "1. Une feuille par type d'enregistrement. Remplissez d'abord la feuille Jeu de données : qui "
             "partage les données, sous quelle licence, avec qui (droits d'accès). Laissez vide une feuille "
             "qui ne vous concerne pas."),
        ("", "2. Une ligne par enregistrement, à partir de la ligne 3. La ligne 1 porte les noms des "
             "colonnes ; les colonnes marquées * sont obligatoires. La ligne 2 porte les noms de champs lus "
             "par l'ordinateur : ne la modifiez pas et ne la supprimez pas."),
        ("", "3. Survolez le nom d'une colonne pour lire ce qu'elle contient. Quand une colonne a une liste "
             "déroulante, choisissez dedans (taper le code fonctionne aussi)."),
        ("", "4. Plusieurs valeurs dans une cellule : séparez-les par | (par exemple : federation | ngo)."),
        ("", "5. Dates au format AAAA-MM-JJ (2026-11-23). Colonnes oui/non : oui ou non."),
        ("", "6. Chaque enregistrement a un identifiant : {prefix}: suivi d'un nom court sans espace "
             "({prefix}:org/notre-association). Utilisez le même identifiant partout où vous parlez de cet "
             "enregistrement. Sur la feuille Jeu de données, la colonne du préfixe {prefix} porte l'adresse web "
             "de votre organisation pour les identifiants (https://notre-association.org/id/)."),
        ("heading", "Ne jamais saisir"),
        ("warning", "• les noms des travailleurs pairs ou des personnes qu'ils accompagnent ;"),
        ("warning", "• des coordonnées (courriel, téléphone, adresse), des dates de naissance ;"),
        ("warning", "• des diagnostics, traitements ou toute autre information de santé ;"),
        ("warning", "• des récits personnels, dans aucune colonne."),
        ("", "Un travailleur pair n'est connu que par un identifiant qui ne dit rien de lui ({prefix}:pw/4c81d2). "
             "Ce qui peut être partagé à son sujet, avec qui et pourquoi, est noté dans les colonnes de "
             "consentement de la feuille Travailleurs pairs : rien n'est partagé sans consentement."),
        ("heading", "Vérifier et partager"),
        ("", "Vérifier le classeur :   peer-schema validate ce-fichier.xlsx --lang fr"),
        ("", "Chaque problème nomme la feuille et la cellule (Organisations!C7) et dit quoi faire."),
        ("", "Préparer l'envoi à votre fédération :   peer-schema bundle ce-fichier.xlsx --profile federation "
             "-o nos-donnees.zip"),
    ],
}

SHEET_NAMES = {"en": {"read_me": "Read me", "lists": "Lists"}, "fr": {"read_me": "À lire", "lists": "Listes"}}
