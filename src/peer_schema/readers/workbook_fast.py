"""A quick, sound answer for the usual worksheet part, so the guard (workbook_guard.py) need not
run a Python callback on each of its elements.

Spreadsheet programs write each cell as `<c r="B7" ...>`, its reference first, in double quotes,
in capitals. When every cell of a part is written so (counted two ways, with no comment, CDATA
or declaration that could hide one), calamine places each cell at its reference: the sheet's
extent is the largest row and column among them, found by regular expressions in C. Whatever
is not written so (attributes in another order or quotes, a cell without a reference, an `r`
attribute twice, a prefix), and whatever comes near a limit, gets None: the guard then reads
the part with its XML parser, which decides.
"""

from __future__ import annotations

import re

from .limits import Limits

#: parts larger than this are read by the parser, in chunks (this pass holds the part at once)
FAST_PART_BYTES = 16 << 20

_PLAIN_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[\s/>]')
_PLAIN_ROW = re.compile(rb'<row r="[0-9]{1,7}"[\s/>]')
_DECLARATION = re.compile(rb"\A\s*<\?xml[^>]*?encoding\s*=\s*[\"']([^\"']*)")
#: whitespace and quotes made spaces (one pass in C), so that a few counts find every way a
#: start tag named c may begin (with a prefix or without) and every attribute named r; text that
#: merely looks like one only makes a count larger, and the parser decides
_AS_SPACE = bytes.maketrans(b"\t\n\r\"'", b"     ")
_CELL_STARTS = (b"<c ", b"<c/", b"<c>", b":c ", b":c/", b":c>")
_R_ATTRIBUTES = (b" r=", b" r ")
_MERGE_STARTS = (b"<mergeCell", b":mergeCell")


def _count(data: bytes, needles: tuple[bytes, ...]) -> int:
    return sum(map(data.count, needles))


def plain_sheet_extent(data: bytes, limits: Limits, max_cells: int, max_merged: int) -> tuple[int, int] | None:
    """(last row, last column) of a worksheet part written the usual way and within the limits,
    or None when the parser must decide."""
    if not data[:64].lstrip()[:1] == b"<" or b"<!" in data or b"\x00" in data:
        return None  # another encoding, a comment, CDATA or a DOCTYPE: the parser decides
    declared = _DECLARATION.match(data)
    if declared and declared.group(1).lower() not in (b"utf-8", b"utf8"):
        return None
    cells = _PLAIN_CELL.findall(data)
    spaced = data.translate(_AS_SPACE)
    if len(cells) != _count(spaced, _CELL_STARTS) or _count(spaced, _R_ATTRIBUTES) != len(cells) + len(_PLAIN_ROW.findall(data)):
        return None  # a cell not written the usual way, or an r attribute somewhere else
    if _count(data, _MERGE_STARTS) > max_merged:
        return None
    if max(map(len, data.split(b'<c r="'))) > limits.max_field_chars:
        return None  # a long stretch between two cells: the parser measures the text in it
    if not cells:
        return 0, 0
    last_row = max(int(digits) for _, digits in cells)
    last_column = 0
    for letters in {letters for letters, _ in cells}:
        number = 0
        for letter in letters:
            number = number * 26 + letter - 64
        last_column = max(last_column, number)
    if last_row * last_column > max_cells:
        return None
    return last_row, last_column
