"""What a workbook would cost to read, worked out before calamine (Rust) touches it.

calamine makes a grid from a sheet's first to its last cell, and holds every shared string: a
1.6 KB file with two far cells, or a shared string of 1.5 GB, would take the process down. So
every XML part the workbook could name is read here first, with expat (a streaming parser; any
DOCTYPE or entity declaration is refused), from the zip's own bytes, decompressed here with a
bounded output: what the zip's directory declares is not trusted.

Counted, and refused past the limits (docs/limits.md):
- the unpacked size of each part (`max_bytes`) and of all parts (4 x `max_bytes`): read.too-large;
- each sheet's extent, from cell references in any form (attributes in any order or quotes),
  rows and cells without a reference counted as spreadsheets count them, OpenDocument repeat
  counts multiplied out: read.sheet-too-large past MAX_GRID_CELLS;
- merged ranges per sheet (MAX_MERGED_RANGES) and shared strings (MAX_GRID_CELLS):
  read.sheet-too-large;
- the text of one cell or shared string (`max_field_chars`): read.field-too-large.

An ordinary worksheet (every cell written `<c r="B7" ...>`) is answered for by a quick pass in
C (workbook_fast.py); anything else in it sends the part to the parser.

Every part ending in .xml or .rels is read, wherever it is stored, so a sheet kept outside
xl/worksheets/ is read too; and so is every part the workbook's relationships name as a sheet
or as its shared strings, whatever its name.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from pyexpat import ExpatError, ParserCreate
from xml.parsers import expat

from .errors import ReadError
from .limits import Limits
from .workbook_fast import FAST_PART_BYTES, plain_sheet_extent

#: the most cells a sheet may span, from row 1 and column A to its last cell with anything in
#: it: calamine makes a grid of that size (about 32 bytes a cell), and so do the row lists
MAX_GRID_CELLS = 25_000_000
#: merged ranges in one sheet (a template has a few dozen)
MAX_MERGED_RANGES = 100_000
#: parts in one workbook's zip (a template has about twenty)
MAX_MEMBERS = 10_000
_CHUNK = 1 << 20
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_REF = re.compile(r"\$?([A-Za-z]{1,4})\$?([0-9]{1,10})")
#: elements whose text becomes one cell's or one shared string's value
_TEXT = frozenset({"si", "is", "v", "f", "t"})
#: ends of elements that close nothing being measured or counted (most ends in a sheet)
_PLAIN_ENDS = frozenset({"c", "row", "v", "f", "t", "is", "si", "r", "rPr"})
_ODS_CELLS = frozenset({"table-cell", "covered-table-cell"})
_SHEET_TYPES = ("worksheet", "chartsheet", "dialogsheet", "macrosheet", "xlintlmacrosheet", "sharedstrings")


#: the column letters of references seen ("A", "$AB$") -> the column's number
_COLUMNS: dict[str, int] = {}
_DIGITS = "0123456789"


class _Refused(Exception):
    def __init__(self, error: ReadError):
        self.error = error


def _too_large_sheet(rows: int, columns: int, part: str) -> ReadError:
    return ReadError("read.sheet-too-large", f"a sheet ({part}) reaches row {rows:,} and column {columns:,}",
                     params={"cells": f"{rows * columns:,}", "limit": f"{MAX_GRID_CELLS:,}",
                             "where": f" (it reaches row {rows:,} and column {columns:,})",
                             "where_fr": f" (elle va jusqu'à la ligne {rows:,} et la colonne {columns:,})"})


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _PartReader:
    """Counts what one XML part holds, whatever kind of part it is: cells and rows (xlsx),
    repeated rows and cells (OpenDocument), merged ranges, shared strings, text lengths."""

    def __init__(self, part: str, limits: Limits):
        self.part, self.limits = part, limits
        self.row = self.column = 0  # xlsx: the current row, the last cell's column
        self.row_element = 0  # the number of the current <row>, given or counted
        self.last_row = self.last_column = 0
        self.merged = 0
        self.strings = 0
        self.text_tag: str | None = None  # the element whose text is being measured, and where it began
        self.text_start = 0
        self.ods_row = self.ods_column = 0  # OpenDocument: rows and cells so far, repeats counted
        self.ods_repeat = 1
        self.ods_last_row = self.ods_last_column = 0
        self.ods_row_has_value = False
        self.ods_cell: tuple[int, int] | None = None  # (first column, repeat) of the open cell

    # -- expat callbacks
    def start(self, name: str, attributes: dict) -> None:
        tag = name if ":" not in name else name.rpartition(":")[2]
        if tag == "c":  # most elements of a sheet: kept short
            reference = attributes.get("r") or _attribute(attributes, "r")
            letters = reference.rstrip(_DIGITS) if reference else None
            column = _COLUMNS.get(letters) if letters else None
            if column is not None and len(letters) < len(reference):
                self.column, self.row = column, int(reference[len(letters):])
                if column > self.last_column or self.row > self.last_row:
                    self._extent(self.row, column)
            else:
                self._xlsx_cell(reference)
        elif tag == "row":
            value = _attribute(attributes, "r")
            # a row without a number follows the last row seen, whether a row or a cell gave it
            self.row = self.row_element = int(value) if value and value.isdigit() else max(self.row, self.row_element) + 1
            self.column = 0
        elif tag in _TEXT:
            if self.text_tag is not None:
                return  # inside a string already measured
            if tag == "si":
                self.strings += 1
                if self.strings > MAX_GRID_CELLS:
                    raise _Refused(ReadError("read.sheet-too-large", f"{self.part} holds over {MAX_GRID_CELLS:,} strings",
                                             params={"cells": f"{self.strings:,}", "limit": f"{MAX_GRID_CELLS:,}",
                                                     "where": " (shared strings)", "where_fr": " (textes partagés)"}))
            self.text_tag, self.text_start = tag, self.parser.CurrentByteIndex
        elif tag == "mergeCell":
            self.merged += 1
            if self.merged > MAX_MERGED_RANGES:
                raise _Refused(ReadError("read.sheet-too-large", f"{self.part} has over {MAX_MERGED_RANGES:,} merged ranges",
                                         params={"cells": f"{self.merged:,}", "limit": f"{MAX_MERGED_RANGES:,}",
                                                 "where": " (merged ranges)", "where_fr": " (plages fusionnées)"}))
        elif tag == "table-row":
            self.ods_repeat = _count(attributes, "number-rows-repeated")
            self.ods_column, self.ods_row_has_value = 0, False
        elif tag in _ODS_CELLS:
            if self.text_tag is None:
                self.text_tag, self.text_start = tag, self.parser.CurrentByteIndex
            repeat = _count(attributes, "number-columns-repeated")
            self.ods_cell = (self.ods_column, repeat)
            self.ods_column += repeat
            if any(_local(a) == "value-type" for a in attributes):
                self._ods_value()
        elif tag == "table":  # an OpenDocument sheet: its extent is its own
            self.ods_row = self.ods_last_column = self.last_row = self.last_column = 0
        elif self.ods_cell is not None and tag == "p":
            self._ods_value()  # a cell with text in it

    def end(self, name: str) -> None:
        if self.text_tag is None and name in _PLAIN_ENDS:
            return  # the end of a cell or a row: nothing to count
        tag = name if ":" not in name else name.rpartition(":")[2]
        if tag == self.text_tag:
            length = self.parser.CurrentByteIndex - self.text_start
            if length > self.limits.max_field_chars:
                raise _Refused(ReadError("read.field-too-large", f"a cell or string of {self.part} is over "
                                         f"{self.limits.max_field_chars:,} characters",
                                         params={"size": f"more than {self.limits.max_field_chars:,}",
                                                 "limit": self.limits.max_field_chars}))
            self.text_tag = None
        if tag == "table-row":
            self.ods_row += self.ods_repeat
            if self.ods_row_has_value:
                self._extent(self.ods_row, self.ods_last_column)
        elif tag in _ODS_CELLS:
            self.ods_cell = None

    # -- what the callbacks count
    def _xlsx_cell(self, reference: str | None) -> None:
        match = _REF.fullmatch(reference.strip()) if reference else None
        if match:
            self.column = _column_number(match.group(1))
            self.row = int(match.group(2))
            if len(_COLUMNS) < 20_000 and reference == reference.strip():
                _COLUMNS[reference[:len(reference) - len(match.group(2))]] = self.column
        else:  # no reference: the cell after the last one, in the row the row element or the last cell says
            self.column += 1
            self.row = max(self.row, self.row_element, 1)
        self._extent(self.row, self.column)

    def _ods_value(self) -> None:
        first, repeat = self.ods_cell
        self.ods_cell = (first, repeat)
        self.ods_last_column = max(self.ods_last_column, first + repeat)
        self.ods_row_has_value = True

    def _extent(self, row: int, column: int) -> None:
        self.last_row, self.last_column = max(self.last_row, row), max(self.last_column, column)
        if self.last_row * self.last_column > MAX_GRID_CELLS:
            raise _Refused(_too_large_sheet(self.last_row, self.last_column, self.part))


def _attribute(attributes: dict, name: str) -> str | None:
    value = attributes.get(name)
    if value is None:
        value = next((v for k, v in attributes.items() if _local(k) == name), None)
    return value


def _count(attributes: dict, name: str) -> int:
    value = _attribute(attributes, name)
    return int(value) if value and value.strip().isdigit() else 1


def _refuse_declarations(*_args) -> None:
    raise _Refused(ReadError("read.xml-doctype", "XML DOCTYPE and ENTITY declarations are refused before parsing"))


def _parser(reader: _PartReader):
    parser = ParserCreate()
    reader.parser = parser
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    parser.ExternalEntityRefHandler = _refuse_declarations
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


class _Budget:
    def __init__(self, limits: Limits):
        self.per_part, self.left = limits.max_bytes, 4 * limits.max_bytes


def _chunks(fh, info: zipfile.ZipInfo, budget: _Budget):
    """The unpacked bytes of one part, from its compressed bytes as they are in the file: the
    sizes the zip declares are not trusted. Stops past the part's and the whole file's budget."""
    fh.seek(info.header_offset)
    header = fh.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{info.filename}: bad local header")
    name_length, extra_length = _LOCAL_HEADER.unpack(header)[9:]
    fh.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    if info.flag_bits & 1:
        raise zipfile.BadZipFile(f"{info.filename} is encrypted")
    if info.compress_type == zipfile.ZIP_DEFLATED:
        inflate = zlib.decompressobj(-15)
    elif info.compress_type != zipfile.ZIP_STORED:
        raise zipfile.BadZipFile(f"{info.filename}: compression method {info.compress_type} is not read")
    else:
        inflate = None
    left, size = info.compress_size, 0
    while left > 0 or (inflate is not None and inflate.unconsumed_tail):
        if inflate is not None and inflate.unconsumed_tail:
            chunk = inflate.decompress(inflate.unconsumed_tail, _CHUNK)
        else:
            raw = fh.read(min(left, _CHUNK))
            if not raw:
                raise zipfile.BadZipFile(f"{info.filename} is truncated")
            left -= len(raw)
            chunk = inflate.decompress(raw, _CHUNK) if inflate is not None else raw
        size += len(chunk)
        if size > budget.per_part or size > budget.left:
            limit = min(budget.per_part, budget.left + size - len(chunk))
            raise _Refused(ReadError("read.too-large", f"the part {info.filename} unpacks to more than {limit:,} bytes",
                                     params={"size": f"more than {size:,}", "limit": limit}))
        if chunk:
            yield chunk
        if inflate is not None and inflate.eof:
            break
    budget.left -= size


def _named_parts(archive: zipfile.ZipFile, fh) -> dict[str, set[str]]:
    """The parts that the workbooks' relationships name as sheets or shared strings (-> how they
    are named), every way a reader might resolve the name (beside the relationships' owner, from
    the root, under xl/)."""
    named: dict[str, set[str]] = {}
    for info in archive.infolist():
        name = info.filename
        if not name.lower().endswith(".rels") or info.file_size > (1 << 24):
            continue
        owner = posixpath.dirname(posixpath.dirname(name))
        for kind, target in _relationships(archive.read(info)):
            kind = kind.rsplit("/", 1)[-1].lower()
            if kind in _SHEET_TYPES:
                target = target.replace("\\", "/")
                for name in {target.lstrip("/"), posixpath.normpath(posixpath.join(owner, target)).lstrip("/"),
                             "xl/" + target, posixpath.normpath("xl/" + target)}:
                    named.setdefault(name, set()).add(kind)
    return named


def _relationships(data: bytes) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    parser = ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations

    def start(name, attributes):
        if _local(name) == "Relationship":
            found.append((_attribute(attributes, "Type") or "", _attribute(attributes, "Target") or ""))
    parser.StartElementHandler = start
    try:
        parser.Parse(data, True)
    except ExpatError:
        pass  # a broken relationships part is reported when its own turn comes
    return found


def _plain_candidate(info: zipfile.ZipInfo, named: dict[str, set[str]]) -> bool:
    """Whether a part is only ever read as a worksheet: then the quick pass may answer for it."""
    name = info.filename
    return (name.startswith("xl/worksheets/") and name.endswith(".xml") and named.get(name, {"worksheet"}) == {"worksheet"}
            and info.file_size <= FAST_PART_BYTES)


def _read_part(fh, info: zipfile.ZipInfo, budget: _Budget, limits: Limits, plain: bool) -> tuple[int, int]:
    """Count what one part holds, from its real bytes: by the quick pass when it can answer (an
    ordinary worksheet), else by the XML parser, chunk by chunk. Returns the part's extent
    (last row, last column; 0, 0 for a part without cells)."""
    buffered: list[bytes] | None = [] if plain else None
    size, parser, reader = 0, None, _PartReader(info.filename, limits)
    for chunk in _chunks(fh, info, budget):
        if buffered is not None:
            buffered.append(chunk)
            size += len(chunk)
            if size <= FAST_PART_BYTES:
                continue
        if parser is None:
            parser = _parser(reader)
        for piece in buffered or (chunk,):
            parser.Parse(piece, False)
        buffered = None
    if buffered is not None:
        data = b"".join(buffered)
        extent = plain_sheet_extent(data, limits, MAX_GRID_CELLS, MAX_MERGED_RANGES)
        if extent is not None:
            return extent
        parser = _parser(reader)
        parser.Parse(data, False)
    if parser is None:
        parser = _parser(reader)
    parser.Parse(b"", True)
    return reader.last_row, reader.last_column


def workbook_problem(path, limits: Limits, kind: str = "xlsx",
                     extents: dict[str, tuple[int, int]] | None = None) -> ReadError | None:
    """Why this workbook is not handed to calamine: too large a part, sheet, string or number
    of merged ranges, a DTD, or a zip that cannot be read here; None when it may be read.
    extents, when given, receives each XML part's extent: part name -> (last row, last column)."""
    try:
        with zipfile.ZipFile(path) as archive, open(path, "rb") as fh:
            infos = archive.infolist()
            if len(infos) > MAX_MEMBERS:
                return ReadError("read.too-large", f"the workbook holds {len(infos):,} parts",
                                 params={"size": f"{len(infos):,} parts", "limit": f"{MAX_MEMBERS:,} parts"})
            declared = sum(info.file_size for info in infos)
            if declared > 4 * limits.max_bytes:  # a zip bomb, refused before anything is unpacked
                return ReadError("read.too-large", f"the workbook unpacks to {declared:,} bytes",
                                 params={"size": declared, "limit": 4 * limits.max_bytes})
            named = _named_parts(archive, fh)
            budget = _Budget(limits)
            for info in infos:
                if info.is_dir() or not (info.filename.lower().endswith((".xml", ".rels")) or info.filename in named):
                    continue
                extent = _read_part(fh, info, budget, limits, _plain_candidate(info, named))
                if extents is not None:
                    extents[info.filename] = extent
    except _Refused as refused:
        return refused.error
    except ExpatError as exc:
        return broken(f"a part is not well-formed XML ({exc})", kind)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError,
            RecursionError, KeyError, struct.error) as exc:
        return broken(str(exc) or type(exc).__name__, kind)
    return None


def workbook_cells(path, limits: Limits | None = None) -> int:
    """The cells the workbook's sheets span in all (each sheet from A1 to its last cell): what a
    reader that holds every cell (openpyxl) could have to hold. Raises ReadError when the
    workbook would be refused (workbook_problem)."""
    extents: dict[str, tuple[int, int]] = {}
    problem = workbook_problem(path, limits or Limits(), "xlsx", extents)
    if problem is not None:
        raise problem
    return sum(rows * columns for rows, columns in extents.values())


def broken(problem: str, kind: str = "xlsx") -> ReadError:
    """A workbook that cannot be read (cut short, damaged, or not a workbook), in the words of its
    own format (xlsx or ODS): people are told to save it again, not to look for a line. The
    reader's own words (`File is not a zip file`) stay in the error's text, out of the message."""
    label = "ODS" if kind == "ods" else "xlsx"
    problem = problem.splitlines()[0][:200] if problem else "unknown problem"
    return ReadError("read.damaged-workbook", f"not a workbook that can be read: {problem}",
                     params={"format": label, "problem": problem})
