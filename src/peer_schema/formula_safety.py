"""One rule for text that a spreadsheet would run as a formula, shared by the workbook export
(sheets/writer.py: such a cell is written as text, with a "text" format) and every CSV the
tools write for people to open (`query --format csv`: such a cell gets a leading apostrophe).

A cell "starts like a formula" when its first character is `=`, `+`, `-` or `@` (what
spreadsheets take for a formula when typed or opened from CSV), or a tab or carriage return
(which some programs strip before they look at the next character: OWASP's CSV-injection rule).
"""

from __future__ import annotations

#: the first characters that make a spreadsheet read a cell as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: what `neutralised` puts in front: spreadsheets show the text and do not run it
TEXT_MARK = "'"


def starts_like_formula(text: object) -> bool:
    return isinstance(text, str) and text.startswith(FORMULA_START)


def neutralised(text: str) -> str:
    """The text with an apostrophe in front if a spreadsheet would take it for a formula."""
    return TEXT_MARK + text if starts_like_formula(text) else text


__all__ = ["FORMULA_START", "TEXT_MARK", "neutralised", "starts_like_formula"]
