"""The summary of a merge for people (EN/FR): counts, and no value of any record."""

from __future__ import annotations

from ..report.text import terminal_safe
from .merge_output import REPORT
from .record_merger import MergeResult

_T = {
    "en": {"merged": "merged {n} bundle(s) into {out}: {d} dataset(s), {r} record(s)",
           "bundle": "  {label}: {d} dataset(s), {r} record(s), {new} new",
           "same": "records found in several bundles (merged by identifier): {n}",
           "orgs": "the same organisation under two identifiers (merged, the first identifier kept): {n}",
           "org": "  {merged} ({mf}) is {kept} ({kf}): {why}",
           "by_identifier": "same register entry {scheme} {value}", "by_website": "same website {host}",
           "dups": "probable duplicates to check (same name and country, not merged): {n}",
           "dup": "  \"{name}\" ({country}): {ids}",
           "conflicts": "conflicting values: {n} field(s) of {r} record(s); the value of the bundle named first is "
                        "kept (every value is in {report})",
           "conflict": "  {record}: {field} ({bundles})",
           "added": "fields added from a later bundle (the first had none): {n}",
           "more": "  ... and {n} more (see {report})",
           "report": "report: {path}"},
    "fr": {"merged": "{n} paquet(s) fusionné(s) dans {out} : {d} jeu(x) de données, {r} enregistrement(s)",
           "bundle": "  {label} : {d} jeu(x) de données, {r} enregistrement(s), {new} nouveau(x)",
           "same": "enregistrements présents dans plusieurs paquets (fusionnés par identifiant) : {n}",
           "orgs": "la même organisation sous deux identifiants (fusionnée, le premier identifiant gardé) : {n}",
           "org": "  {merged} ({mf}) est {kept} ({kf}) : {why}",
           "by_identifier": "même numéro au registre {scheme} {value}", "by_website": "même site web {host}",
           "dups": "doublons probables à vérifier (même nom et même pays, non fusionnés) : {n}",
           "dup": "  « {name} » ({country}) : {ids}",
           "conflicts": "valeurs en conflit : {n} champ(s) de {r} enregistrement(s) ; la valeur du paquet nommé en "
                        "premier est gardée (toutes les valeurs sont dans {report})",
           "conflict": "  {record} : {field} ({bundles})",
           "added": "champs ajoutés depuis un paquet suivant (le premier n'en avait pas) : {n}",
           "more": "  ... et {n} de plus (voir {report})",
           "report": "rapport : {path}"},
}
SHOWN = 10


def summary_text(result: MergeResult, lang: str = "en") -> str:
    """What a person needs to know, without any value of a record (those are in the report)."""
    t = _T.get(lang, _T["en"])
    report = result.out / REPORT
    lines = [t["merged"].format(n=len(result.bundles), out=result.out, d=result.datasets, r=result.records)]
    for b in result.bundles:
        lines.append(t["bundle"].format(label=b.label, d=len(b.docs), r=sum(b.records.values()), new=b.new_records))
    lines.append(t["same"].format(n=len(result.same_records)))

    def listed(items, fmt):
        for item in items[:SHOWN]:
            lines.append(fmt(item))
        if len(items) > SHOWN:
            lines.append(t["more"].format(n=len(items) - SHOWN, report=report))

    lines.append(t["orgs"].format(n=len(result.same_organisations)))
    listed(result.same_organisations, lambda s: t["org"].format(
        merged=s["merged"], mf=s["merged_from"], kept=s["kept"], kf=s["kept_from"],
        why=t["by_" + s["by"]].format(**s)))
    lines.append(t["dups"].format(n=len(result.probable_duplicates)))
    listed(result.probable_duplicates, lambda d: t["dup"].format(
        name=d["normalised_name"], country=d["country"] or "?",
        ids=", ".join(f"{o['id']} ({o['bundle']})" for o in d["organisations"])))
    records = len({c["record"] for c in result.conflicts})
    lines.append(t["conflicts"].format(n=len(result.conflicts), r=records, report=REPORT))
    listed(result.conflicts, lambda c: t["conflict"].format(
        record=c["record"], field=c["field"], bundles=", ".join(v["bundle"] for v in c["values"])))
    lines.append(t["added"].format(n=len(result.added_fields)))
    lines.append(t["report"].format(path=report))
    # names and identifiers come from the bundles: a newline or ESC in one stays on its line, escaped
    return "\n".join(terminal_safe(line) for line in lines)
