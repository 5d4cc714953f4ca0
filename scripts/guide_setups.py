"""What each guide starts from, for scripts/guide_outputs.py: the files a reader of the guide
has before its first command (copies of the examples, the two associations' workbooks of the
federation guides), and what happens in the story between two commands (a person fills the
workbook). A new guide to walk gets its entry in SETUPS.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@dataclass
class Setup:
    """What a guide starts from: `start` prepares the folder; `before` maps the start of a
    command line to what happens in the story just before it (a person fills the workbook)."""
    start: Callable[[Path], None]
    before: dict[str, Callable[[Path], None]] = field(default_factory=dict)


def _cli(work: Path, *argv: str) -> None:
    """Run peer-schema in `work` as the story's person did before the guide starts."""
    from peer_schema.cli import main

    screen, here = io.StringIO(), Path.cwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(screen), contextlib.redirect_stderr(screen):
            code = main(list(argv))
    finally:
        os.chdir(here)
    if code != 0:
        raise RuntimeError(f"setting up: peer-schema {' '.join(argv)} exited {code}\n{screen.getvalue()}")


#: the second association of the federation guides, which describes the federation too (with the
#: same web site, another start year: the merge finds them one, and the conflict)
PAIRS_DU_SUD = {
    "id": "sud:dataset/pairs-du-sud-2026", "title": {"fr": "Pairs du Sud — registre", "en": "Pairs du Sud — registry"},
    "publisher": {"id": "https://example.org/pairs-du-sud", "name": "Pairs du Sud (fictional)"},
    "dataset_version": "2026.1", "schema_version": "0.2.0",
    "license": "https://creativecommons.org/licenses/by-nc/4.0/", "access_rights": "restricted",
    "created": "2026-11-05", "prefixes": {"sud": "https://example.org/pairs-du-sud/"},
    "organisations": [
        {"id": "sud:org/pairs-du-sud", "name": "Pairs du Sud (fictional)",
         "organisation_kinds": ["peer_worker_association"], "country": "FR", "start_year": 2021,
         "legal_status": "non_profit", "staff_count": 2, "peer_governance_share": 100},
        {"id": "sud:org/federation", "name": "Fédération imaginaire des pairs aidants",
         "organisation_kinds": ["federation"], "country": "BE", "start_year": 2019,
         "homepage": "https://federation-imaginaire.example.org"},
    ],
    "memberships": [{"member": "sud:org/pairs-du-sud", "federation": "sud:org/federation",
                     "membership_role": "member", "start_date": "2022-03-01"}],
    "peer_workers": [
        {"id": "sud:pw/9b20e4", "role": "peer_support_worker", "employment_status": "paid",
         "employer": "sud:org/pairs-du-sud", "disclosure_consents": [
             {"disclosed_fields": ["peer_status", "role", "employment_status", "employer"],
              "audiences": ["federation"], "purposes": ["registry_exchange"], "given_date": "2026-10-01",
              "review_date": "2029-10-01"}]},
    ],
}


def _nord_tables(work: Path, public: bool = False) -> Path:
    """examples/tables, with the federation's web site written in (the merge matches on it);
    public: the copy an association agrees to publish (access rights public, no peer worker)."""
    tables = work / (".tables-public" if public else ".tables")
    shutil.copytree(EXAMPLES / "tables", tables)
    _edit_csv(tables / "Organisation.csv", "ex:org/federation-imaginaire", homepage="https://federation-imaginaire.example.org")
    if public:
        (tables / "PeerWorker.csv").unlink()
        _edit_csv(tables / "Dataset.csv", None, access_rights="public", id="ex:dataset/entre-pairs-nord-2026-public")
    return tables


def _edit_csv(path: Path, row_id: str | None, **values: str) -> None:
    """Set `values` in the row whose id is row_id (None: every row)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row_id is None or row["id"] == row_id:
            row.update(values)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _with_mistakes(work: Path) -> None:
    """The worked example of step 3, as the association filled it: its records, and a new row
    on the Organisations sheet with a misspelt kind of organisation and the number of staff
    written as a word."""
    import openpyxl

    book = openpyxl.load_workbook(work / "entre-pairs-nord.xlsx")
    sheet = book["Organisations"]
    column = {cell.value: cell.column_letter for cell in sheet[2]}
    row = sheet.max_row + 1
    for name, value in {"id": "nord:org/pairs-du-sud", "name": "Pairs du Sud (fictional)",
                        "organisation_kinds": "Asociation of peer support workers", "country": "France",
                        "staff_count": "twelve"}.items():
        sheet[f"{column[name]}{row}"] = value
    book.save(work / "our-data.xlsx")


def _federation_start(*ready: str) -> Callable[[Path], None]:
    """The two associations' workbooks (and the copies they agree to publish), and the bundles
    the guide does not make itself (`ready`)."""
    def start(work: Path) -> None:
        for name, public in (("entre-pairs-nord", False), ("entre-pairs-nord-public", True)):
            _cli(work, "export", str(_nord_tables(work, public=public)), "--to", "xlsx", "-o", f"{name}.xlsx")
            # each association has its own prefix (the examples' `ex` is no one's)
            _cli(work, "rename-prefix", f"{name}.xlsx", "--from", "ex", "--to", "nord")
        public = {**{k: v for k, v in PAIRS_DU_SUD.items() if k != "peer_workers"},
                  "id": "sud:dataset/pairs-du-sud-2026-public", "access_rights": "public"}
        for name, data in (("pairs-du-sud", PAIRS_DU_SUD), ("pairs-du-sud-public", public)):
            (work / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            _cli(work, "export", f"{name}.json", "--to", "xlsx", "--lang", "fr", "-o", f"{name}.xlsx")
            (work / f"{name}.json").unlink()
        _cli(work, "bundle", "pairs-du-sud-public.xlsx", "--profile", "public", "-o", "pairs-du-sud-public.zip")
        if "entre-pairs-nord.zip" in ready:
            _cli(work, "bundle", "entre-pairs-nord.xlsx", "--profile", "federation", "--for", "federation-imaginaire",
                 "--key-file", ".nord.key", "-o", "entre-pairs-nord.zip")
        if "pairs-du-sud.zip" in ready:
            _cli(work, "bundle", "pairs-du-sud.xlsx", "--profile", "federation", "--for", "federation-imaginaire",
                 "--key-file", ".sud.key", "-o", "pairs-du-sud.zip")
    return start


def federation_setup(*ready: str) -> Setup:
    return Setup(_federation_start(*ready), {"peer-schema validate our-data.xlsx": _with_mistakes})


def _associations_start(work: Path) -> None:
    """The worked example: examples/valid/Organisation-association.yaml with a country written
    as its name."""
    text = (EXAMPLES / "valid" / "Organisation-association.yaml").read_text(encoding="utf-8")
    (work / "my-association.yaml").write_text(text.replace("country: BE", "country: Belgium", 1), encoding="utf-8")


def _developers_start(work: Path) -> None:
    """An export folder with one peer worker record that has a name, and an association's workbook."""
    (work / "exports").mkdir()
    shutil.copy(EXAMPLES / "invalid" / "PeerWorker-has-name.yaml", work / "exports" / "workforce.yaml")
    _cli(work, "export", str(EXAMPLES / "tables"), "--to", "xlsx", "-o", "association.xlsx")


def _examples_start(work: Path) -> None:
    shutil.copytree(EXAMPLES, work / "examples")


def _researchers_start(work: Path) -> None:
    """The examples, and the compendium loaded as the guide's first section tells."""
    _examples_start(work)
    _cli(work, "store", "load", "examples/compendium", "--store", "compendium-store", "--replace")


SETUPS: dict[str, Setup] = {
    "docs/federation-guide.md": federation_setup("pairs-du-sud.zip"),
    "docs/guide-federation.fr.md": federation_setup("entre-pairs-nord.zip"),
    "docs/guide-associations.md": Setup(_associations_start),
    "docs/guide-developers.md": Setup(_developers_start),
    "docs/guide-researchers.md": Setup(_researchers_start),
    "docs/tables.md": Setup(_examples_start),
    "README.md": Setup(_examples_start),
}
