"""A finding about a table's row in the words of that table: one language per workbook and report.

The report's sentences are in the language asked for (`--lang`); what they quote of the table
is what the person sees in it: a column by its header as written, a field without a column and a
kind of record by the template's label in the language the table's header is written in (an
English workbook read with `--lang fr` quotes "Official name" and "Organisations", never the
model's `name` or `Organisation`).
"""

from __future__ import annotations

from .. import artifacts
from ..readers.errors import TableStart
from ..table_layout import DATASET, class_label, machine_labels, slot_label

#: parameters that hold the name of a class of the model
CLASS_PARAMS = ("range", "actual", "cls")


def _steps(pointer: str) -> list[str]:
    return [str(int(p) + 1) if p.isdigit() else p for p in pointer.split("/") if p]


def field_label(table: TableStart, name: str, lang: str) -> tuple[str, int | None]:
    """A field of the table's records (`membership.member_count`) as the table shows it, and its
    column: the header as written when the table has the column, else the template's label in
    the table's language (the report's for a header of field names)."""
    column = table.names.get(name)
    if column is not None and column in table.labels:
        return table.labels[column], column
    lang = table.lang or lang
    found = machine_labels(table.cls, lang).get(name)
    if found is None:  # a fact with no column of its own (peer_status): as the consents' list names it
        concept = artifacts.vocabularies().get("DisclosableField", {}).get("concepts", {}).get(name) or {}
        found = concept.get("label", {}).get(lang, name)
    return found, None


def prefix_words(prefix: str, lang: str | None = None) -> dict[str, str]:
    """Where a prefix is declared, as a workbook names it: the dataset's sheet and the column
    `Prefixes (xyz)`, in `lang` (the workbook's) for both the English and French reports, or each
    report in its own language when `lang` is None (a text file, a table of field names)."""
    from ..model import model

    slot = model().classes[DATASET].slots["prefixes"]
    words = {}
    for key, report_lang in (("", "en"), ("_fr", "fr")):
        words[f"dataset_sheet{key}"] = class_label(DATASET, lang or report_lang)
        words[f"prefixes_column{key}"] = f"{slot_label(slot, lang or report_lang)} ({prefix})"
    return words


def in_table_words(code: str, params: dict, pointer: str, table: TableStart, lang: str) -> tuple[dict, int | None]:
    """The finding's parameters with the model's names replaced by the table's words, and the
    column of a required field left empty (None when there is none)."""
    out = dict(params)
    column = None
    if code == "structure.required" and isinstance(params.get("field"), str):
        out["field"], column = field_label(table, ".".join(_steps(pointer) + [params["field"]]), lang)
    if isinstance(params.get("fields"), str):  # a consent's: fields of the record itself, wherever the finding is
        out["fields"] = ", ".join(field_label(table, name, lang)[0] for name in params["fields"].split(", "))
    if code == "refs.undeclared-prefix" and table.lang and isinstance(params.get("prefix"), str):
        out.update(prefix_words(params["prefix"], table.lang))
    for key in CLASS_PARAMS:
        if isinstance(params.get(key), str):
            out[key] = class_label(params[key], table.lang or lang) if params[key] in _classes() else params[key]
    return out, column


def _classes() -> frozenset[str]:
    from ..model import model

    return frozenset(model().classes)
