"""The template an association fills, written where asked: checked before anything is written,
never replacing a file without `force` (the workbook itself: sheets/writer.py)."""

from __future__ import annotations

import re
from pathlib import Path

from ..atomic_files import absolute


class TemplateRefused(Exception):
    """The template cannot be written there (the message says why); nothing was replaced."""


#: what a prefix may be (the model's pattern for a prefix), and the same in words for the messages
#: and `template --help`; rename-prefix and the web app's template download check the same
PREFIX = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
PREFIX_WORDS = "a short name of letters, digits, '_', '-' or '.', starting with a letter or '_', such as pen or pairs-sud"

def suggested_prefix(out: Path) -> str:
    """A prefix made from the output's name (`pairs-du-sud.xlsx` -> `pairs_du_sud`), for the message
    that asks for one."""
    stem = re.sub(r"[^a-z0-9]+", "_", out.stem.casefold()).strip("_")[:20].strip("_")
    return stem if stem and stem[0].isalpha() and stem not in ("template", "modele", "workbook", "classeur") \
        else "our_assoc"


def template_problem(out: Path, fmt: str, force: bool, prefix: str | None) -> str | None:
    """Why the template cannot be written at `out`, before anything is written. The prefix has no
    default: one kept by every association would make their data clash."""
    if prefix is None:
        return (f"name your association's own prefix for identifiers, for example --prefix {suggested_prefix(out)} "
                f"({PREFIX_WORDS}; each association of a federation has its own)")
    if not PREFIX.fullmatch(prefix):
        return f"--prefix {prefix!r}: a prefix is {PREFIX_WORDS}"
    if fmt == "xlsx" and out.is_dir():
        return f"{out} is a folder; name the workbook file (template.xlsx), or use --format csv for a folder"
    if fmt == "csv" and out.exists() and not out.is_dir():
        return f"{out} is a file; --format csv writes a folder of CSV files: name a folder"
    if out.exists() and not force:
        what = "the template's own files in it" if fmt == "csv" else "it"
        return f"{out} already exists; it is left as it is (use --force to replace {what})"
    if not absolute(out).parent.is_dir():
        return f"the folder {out.parent} does not exist"
    return None


def write_template(out: Path, fmt: str, lang: str, prefix: str | None, force: bool = False) -> None:
    """Write the template as a workbook (`fmt` xlsx) or a folder of CSV files (csv). Raises
    TemplateRefused, or WorkbookError (sheets/writer.py)."""
    from .writer import write_csv_template, write_workbook

    problem = template_problem(out, fmt, force, prefix)
    if problem:
        raise TemplateRefused(problem)
    try:
        if fmt == "csv":
            write_csv_template(out, lang, prefix, replace=force)
        else:
            write_workbook(out, lang, prefix=prefix)
    except FileExistsError:
        raise TemplateRefused(f"{out} was made by another program meanwhile; it is left as it is") from None
    except OSError as exc:
        raise TemplateRefused(f"cannot write {out} ({exc.strerror or exc}); nothing replaced") from None
