"""The page's language: English or French, from the browser's Accept-Language, switchable,
remembered in a cookie that holds only the language (no identifier, nothing to track).

The texts of the pages are here, one table per language; the findings' messages and hints
come from the report's catalogue (report/catalogue.py) in the same language.
"""

from __future__ import annotations

LANGUAGES = ("en", "fr")
DEFAULT = "en"
#: the cookie's name; its value is "en" or "fr" and nothing else
COOKIE = "lang"
#: a year: the choice is remembered, and the cookie says nothing but the language
COOKIE_MAX_AGE = 365 * 24 * 3600


def from_accept_language(header: str | None) -> str | None:
    """The first of our languages the browser prefers (q-values honoured), or None."""
    if not header:
        return None
    choices = []
    for n, part in enumerate(header.split(",")[:32]):  # a bounded look: the header is the client's
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, n, primary))
    return min(choices)[2] if choices else None


def choose(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The page's language: asked for in the address (?lang=), else remembered, else the browser's."""
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return candidate
    return from_accept_language(accept_language) or DEFAULT


TEXTS = {
    "en": {
        "site": "peer_schema — check and share peer-support data",
        "nav_home": "Home", "nav_validate": "Check files", "nav_template": "Template",
        "nav_compendium": "Compendium", "nav_api": "API",
        "switch_to": "Français", "switch_title": "Lire cette page en français",
        "home_title": "Check your data before you share it",
        "home_intro": "This page checks the files an association or a federation exchanges — workbooks, "
                      "CSV tables, JSON, YAML or RDF — against the peer_schema model, and says in plain words "
                      "what to fix and where.",
        "home_check": "Check files", "home_template": "Download the workbook template",
        "home_compendium": "Browse the compendium of good practices",
        "privacy_title": "What happens to your files",
        "privacy": "Files you send are read in memory or in private temporary files on the computer that "
                   "runs this page, and deleted as soon as the answer is sent. They are never stored and "
                   "never written to a log. No page here loads anything from another site.",
        "local_note": "Run on your own computer (peer-schema serve), nothing leaves it.",
        "store_note": "Research store: {where} (read only).",
        "validate_title": "Check files",
        "validate_intro": "Choose one or more files: workbooks (.xlsx, .ods), CSV or TSV tables, JSON, JSON Lines, "
                          "YAML or RDF. Files sent together are checked together, so references between them "
                          "are resolved.",
        "files": "Files", "profile": "Profile", "profile_auto": "from each dataset's access rights",
        "purpose": "Purpose of the disclosure", "purpose_auto": "the profile's own",
        "check": "Check", "downloads": "Download the report",
        "download_intro": "Nothing is kept on the server: each download checks the files chosen above again.",
        "download_json": "JSON", "download_sarif": "SARIF", "download_html": "HTML page",
        "download_annotated": "Annotated workbook (.xlsx)",
        "annotated_note": "The annotated workbook is your .xlsx file with each cell that has a problem "
                          "highlighted and the message as a comment. "
                          "An .ods workbook is checked but not annotated: save it as .xlsx "
                          "(LibreOffice: File, Save As) to have it annotated.",
        "results": "Results", "summary_files": "files checked", "summary_records": "records",
        "summary_files_one": "file checked", "summary_records_one": "record",
        "verdict_ok": "No errors: the data can be exchanged",
        "verdict_bad": "Errors to fix before the data can be exchanged",
        "verdict_unreadable": "Some files could not be read",
        "errors": "errors", "warnings": "warnings", "notes": "notes",
        "errors_one": "error", "warnings_one": "warning", "notes_one": "note",
        "no_findings": "No problems found.", "across_files": "Across the files",
        "sheet": "Sheet", "row": "Row", "cell": "Cell", "line": "Line", "column": "Column", "where": "Where",
        "message": "Problem", "hint": "How to fix", "code": "Code", "record": "Record",
        "severity_error": "error", "severity_warning": "warning", "severity_info": "note",
        "choose_again": "To download a report, choose the same files again above.",
        "max_errors": "Stop after", "max_errors_help": "errors (empty: find them all)",
        "bad_max_errors": "The number of errors to stop after must be a whole number from 1 (or empty).",
        "more_findings": "Only the first {shown} problems are listed here; {hidden} more are not: download the JSON "
                         "report (or the HTML page) above to see them all.",
        "by_code": "All the problems, by code", "how_many": "How many",
        "truncated": "The check stopped after {n} errors, as asked: there may be others.",
        "template_title": "Workbook template",
        "template_intro": "The workbook an association fills: one sheet per kind of record, labels in the chosen "
                          "language, drop-down lists and a note on every column.",
        "template_lang": "Language of the labels", "template_prefix": "Prefix of your identifiers",
        "template_prefix_help": "A short name of letters, digits, '_', '-' or '.', starting with a letter "
                                "(for example pen or pairs_sud).",
        "template_download": "Download the template",
        "template_format": "Format", "template_xlsx": "Workbook for Excel or LibreOffice (.xlsx)",
        "template_csv": "CSV tables, one per sheet, with a read-me (.zip)",
        "error_title": "The files could not be checked",
        "annotate_title": "The workbook could not be annotated",
        "too_large": "The files are larger than this server accepts ({limit}).",
        "no_files": "Choose at least one file.",
        "bad_prefix": "A prefix is a short name of letters, digits, '_', '-' or '.', starting with a letter.",
        "no_prefix": "Name your association's own prefix for identifiers (for example pen): each association of a "
                     "federation has its own, so that their data do not clash.",
        "not_found": "There is no such page.",
        "annotate_none": "None of the files is an .xlsx workbook that could be read: there is no workbook to annotate. "
                         "An .ods workbook is checked but not annotated: save it as .xlsx "
                         "(LibreOffice: File, Save As) to have it annotated.",
        "annotate_too_large": "A workbook over {limit} MiB is not annotated here (it would take too much memory); "
                              "check it with the page, or split it.",
        "annotate_too_many_cells": "This workbook's sheets span {cells} cells, over the {limit} annotated here (it "
                                   "would take too much memory); check it with the page, or split it.",
        "annotate_failed": "The workbook was checked, but it cannot be opened to annotate it (a part of it that "
                           "the annotating library does not read); the report on the page lists its problems.",
        "back": "Back to the form",
    },
    "fr": {
        "site": "peer_schema — vérifier et partager les données de la pair-aidance",
        "nav_home": "Accueil", "nav_validate": "Vérifier des fichiers", "nav_template": "Modèle",
        "nav_compendium": "Recueil", "nav_api": "API",
        "switch_to": "English", "switch_title": "Read this page in English",
        "home_title": "Vérifiez vos données avant de les partager",
        "home_intro": "Cette page vérifie les fichiers qu'une association ou une fédération échange — classeurs, "
                      "tableaux CSV, JSON, YAML ou RDF — selon le modèle peer_schema, et dit simplement quoi "
                      "corriger et où.",
        "home_check": "Vérifier des fichiers", "home_template": "Télécharger le modèle de classeur",
        "home_compendium": "Parcourir le recueil des bonnes pratiques",
        "privacy_title": "Ce que deviennent vos fichiers",
        "privacy": "Les fichiers envoyés sont lus en mémoire ou dans des fichiers temporaires privés sur "
                   "l'ordinateur qui fait tourner cette page, et supprimés dès que la réponse est envoyée. Ils ne "
                   "sont jamais conservés ni inscrits dans un journal. Aucune page ici ne charge quoi que ce soit "
                   "d'un autre site.",
        "local_note": "Lancée sur votre ordinateur (peer-schema serve), rien n'en sort.",
        "store_note": "Base de recherche : {where} (lecture seule).",
        "validate_title": "Vérifier des fichiers",
        "validate_intro": "Choisissez un ou plusieurs fichiers : classeurs (.xlsx, .ods), tableaux CSV ou TSV, JSON, "
                          "JSON Lines, YAML ou RDF. Les fichiers envoyés ensemble sont vérifiés ensemble : les "
                          "références de l'un à l'autre sont résolues.",
        "files": "Fichiers", "profile": "Profil", "profile_auto": "selon les droits d'accès de chaque jeu de données",
        "purpose": "Finalité de la communication", "purpose_auto": "celle du profil",
        "check": "Vérifier", "downloads": "Télécharger le rapport",
        "download_intro": "Rien n'est conservé sur le serveur : chaque téléchargement vérifie à nouveau les "
                          "fichiers choisis ci-dessus.",
        "download_json": "JSON", "download_sarif": "SARIF", "download_html": "Page HTML",
        "download_annotated": "Classeur annoté (.xlsx)",
        "annotated_note": "Le classeur annoté est votre fichier .xlsx dont chaque cellule qui pose problème est "
                          "surlignée, avec le message en commentaire. "
                          "Un classeur .ods est vérifié mais pas annoté : enregistrez-le en .xlsx "
                          "(LibreOffice : Fichier, Enregistrer sous) pour qu'il soit annoté.",
        "results": "Résultats", "summary_files": "fichiers vérifiés", "summary_records": "enregistrements",
        "summary_files_one": "fichier vérifié", "summary_records_one": "enregistrement",
        "verdict_ok": "Aucune erreur : les données peuvent être échangées",
        "verdict_bad": "Des erreurs à corriger avant l'échange des données",
        "verdict_unreadable": "Certains fichiers n'ont pas pu être lus",
        "errors": "erreurs", "warnings": "avertissements", "notes": "remarques",
        "errors_one": "erreur", "warnings_one": "avertissement", "notes_one": "remarque",
        "no_findings": "Aucun problème.", "across_files": "Entre les fichiers",
        "sheet": "Feuille", "row": "Ligne", "cell": "Cellule", "line": "Ligne", "column": "Colonne", "where": "Où",
        "message": "Problème", "hint": "Que faire", "code": "Code", "record": "Enregistrement",
        "severity_error": "erreur", "severity_warning": "avertissement", "severity_info": "remarque",
        "choose_again": "Pour télécharger un rapport, choisissez à nouveau les mêmes fichiers ci-dessus.",
        "max_errors": "Arrêter après", "max_errors_help": "erreurs (vide : les trouver toutes)",
        "bad_max_errors": "Le nombre d'erreurs après lequel s'arrêter doit être un nombre entier à partir de 1 "
                          "(ou rester vide).",
        "more_findings": "Seuls les {shown} premiers problèmes sont listés ici ; {hidden} autres ne le sont pas : "
                         "téléchargez le rapport JSON (ou la page HTML) ci-dessus pour les voir tous.",
        "by_code": "Tous les problèmes, par code", "how_many": "Combien",
        "truncated": "La vérification s'est arrêtée après {n} erreurs, comme demandé : il peut y en avoir d'autres.",
        "template_title": "Modèle de classeur",
        "template_intro": "Le classeur qu'une association remplit : une feuille par type d'enregistrement, des "
                          "libellés dans la langue choisie, des listes déroulantes et une note sur chaque colonne.",
        "template_lang": "Langue des libellés", "template_prefix": "Préfixe de vos identifiants",
        "template_prefix_help": "Un nom court de lettres, chiffres, « _ », « - » ou « . », commençant par une "
                                "lettre (par exemple pen ou pairs_sud).",
        "template_download": "Télécharger le modèle",
        "template_format": "Format", "template_xlsx": "Classeur pour Excel ou LibreOffice (.xlsx)",
        "template_csv": "Tableaux CSV, un par feuille, avec un fichier LISEZMOI (.zip)",
        "error_title": "Les fichiers n'ont pas pu être vérifiés",
        "annotate_title": "Le classeur n'a pas pu être annoté",
        "too_large": "Les fichiers dépassent ce que ce serveur accepte ({limit}).",
        "no_files": "Choisissez au moins un fichier.",
        "bad_prefix": "Un préfixe est un nom court de lettres, chiffres, « _ », « - » ou « . », commençant par "
                      "une lettre.",
        "no_prefix": "Donnez le préfixe propre à votre association pour ses identifiants (par exemple pen) : chaque "
                     "association d'une fédération a le sien, pour que leurs données ne se confondent pas.",
        "not_found": "Cette page n'existe pas.",
        "annotate_none": "Aucun des fichiers n'est un classeur .xlsx lisible : il n'y a pas de classeur à annoter. "
                         "Un classeur .ods est vérifié mais pas annoté : enregistrez-le en .xlsx "
                         "(LibreOffice : Fichier, Enregistrer sous) pour qu'il soit annoté.",
        "annotate_too_large": "Un classeur de plus de {limit} Mio n'est pas annoté ici (cela prendrait trop de "
                              "mémoire) ; vérifiez-le avec la page, ou découpez-le.",
        "annotate_too_many_cells": "Les feuilles de ce classeur couvrent {cells} cellules, plus que les {limit} "
                                   "annotées ici (cela prendrait trop de mémoire) ; vérifiez-le avec la page, ou "
                                   "découpez-le.",
        "annotate_failed": "Le classeur a été vérifié, mais il ne peut pas être ouvert pour être annoté (une partie "
                           "que la bibliothèque d'annotation ne lit pas) ; le rapport de la page liste ses problèmes.",
        "back": "Retour au formulaire",
    },
}


def texts(lang: str) -> dict[str, str]:
    return TEXTS[lang if lang in TEXTS else DEFAULT]


def counted(lang: str, n: int, key: str) -> str:
    """"1 file checked", "2 files checked"; in French the singular also for 0 ("0 erreur"), as
    French counts (CLDR: one for 0 and 1). `key` names the plural text; `key_one` the singular."""
    table = texts(lang)
    singular = n in (0, 1) if lang == "fr" else n == 1
    return f"{n} {table[key + '_one'] if singular else table[key]}"


def number(n: int, lang: str) -> str:
    """1,000,000 in English, 1 000 000 (narrow no-break spaces) in French."""
    return f"{n:,}".replace(",", "\u202f") if lang == "fr" else f"{n:,}"
