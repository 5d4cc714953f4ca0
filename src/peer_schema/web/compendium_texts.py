"""The texts of the compendium's pages, in English and French (the codes' labels come from the
vocabularies, the practices' texts from the data)."""

from __future__ import annotations

TEXTS = {
    "en": {
        "colon": ":",
        "title": "Compendium of good practices",
        "intro": "The good practices of the Council of Europe compendium of practices that promote voluntary "
                 "measures in mental health services, and the peer-support practices described with them. Filter "
                 "them by setting and country, as on the Council of Europe's site, and by the facets below; the "
                 "number beside each choice is how many practices it would give with the other choices kept.",
        "filters": "Filters", "apply": "Show", "clear_filters": "Clear the filters", "any": "any",
        "found": "{n} practices", "found_one": "1 practice", "none_found": "No practice matches these filters.",
        "chart": "Practices by country and setting category", "chart_download": "Download the chart (SVG)",
        "list": "Practices", "json": "These practices as JSON",
        "source_memory": "Data: the compendium shipped with peer_schema.",
        "back_list": "All practices", "section": "Compendium section", "organisations": "Organisations involved",
        "evidence": "Evidence", "pages": "pages", "peer_reviewed": "peer reviewed", "links": "Links",
        "sources": "Source", "submissions": "Submissions", "evaluation": "Evaluation", "start_year": "Started",
        "not_in_lang": "(not available in English)",
        "questions": "Research questions",
        "questions_intro": "Each saved research question of the compendium, as a form. The answer is a table you "
                           "can download as CSV or JSON; {command} asks the same question.",
        "query_command": "peer-schema query NAME",
        "ask": "Ask", "answer": "Answer", "rows": "{n} rows", "download_csv": "CSV", "download_json": "JSON",
        "no_rows": "No rows.", "parameters": "Parameters", "columns": "Columns", "all": "all",
        "store_unavailable": "The research store could not answer: {why}",
        "unknown_question": "There is no saved question with this name.",
        "unknown_code": "{filter}: “{value}” is not one of its codes{hint}; all the practices are shown.",
        "did_you_mean": " (did you mean {label}?)",
    },
    "fr": {
        "colon": "\u00a0:",  # French puts a (non-breaking) space before a colon
        "title": "Recueil de bonnes pratiques",
        "intro": "Les bonnes pratiques du recueil du Conseil de l'Europe sur les mesures volontaires dans les "
                 "services de santé mentale, et les pratiques de pair-aidance décrites avec elles. Filtrez-les par "
                 "cadre et par pays, comme sur le site du Conseil de l'Europe, et selon les critères ci-dessous ; le "
                 "nombre à côté de chaque choix est celui des pratiques qu'il donnerait, les autres choix gardés.",
        "filters": "Filtres", "apply": "Afficher", "clear_filters": "Effacer les filtres", "any": "tous",
        "found": "{n} pratiques", "found_one": "1 pratique", "none_found": "Aucune pratique ne correspond à ces filtres.",
        "chart": "Pratiques par pays et catégorie de cadre", "chart_download": "Télécharger le graphique (SVG)",
        "list": "Pratiques", "json": "Ces pratiques en JSON",
        "source_memory": "Données : le recueil livré avec peer_schema.",
        "back_list": "Toutes les pratiques", "section": "Section du recueil", "organisations": "Organisations impliquées",
        "evidence": "Données probantes", "pages": "pages", "peer_reviewed": "évalué par les pairs", "links": "Liens",
        "sources": "Source", "submissions": "Contributions", "evaluation": "Évaluation", "start_year": "Début",
        "not_in_lang": "(non disponible en français)",
        "questions": "Questions de recherche",
        "questions_intro": "Chaque question de recherche enregistrée, sous forme de formulaire. La réponse est un "
                           "tableau à télécharger en CSV ou en JSON ; {command} pose la même question.",
        "query_command": "peer-schema query NOM",
        "ask": "Interroger", "answer": "Réponse", "rows": "{n} lignes", "download_csv": "CSV", "download_json": "JSON",
        "no_rows": "Aucune ligne.", "parameters": "Paramètres", "columns": "Colonnes", "all": "tous",
        "store_unavailable": "La base de recherche n'a pas pu répondre : {why}",
        "unknown_question": "Aucune question enregistrée ne porte ce nom.",
        "unknown_code": "{filter} : « {value} » n'est pas l'un de ses codes{hint} ; toutes les pratiques sont affichées.",
        "did_you_mean": " (vouliez-vous dire {label} ?)",
    },
}


def texts(lang: str) -> dict[str, str]:
    return TEXTS.get(lang, TEXTS["en"])
