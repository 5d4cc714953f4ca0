from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any


def column_letters(number: int) -> str:
    """A column's letters as spreadsheets write them: 1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem, where it is, and (through the catalogue) what to do about it.

    `params` fill the catalogue's templates; they never hold the value of a personal or
    special-category field.
    """

    code: str
    severity: Severity
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    file: str | None = None
    pointer: str = ""
    record_id: str | None = None
    line: int | None = None
    column: int | None = None
    #: set when a project file changed this code's severity: the catalogue's own severity
    default_severity: Severity | None = None
    #: the workbook's sheet the finding is on (the line is then the sheet's row)
    sheet: str | None = None

    def message(self, lang: str = "en") -> str:
        """The message in this language ("en", "fr"): a finding is the same in every language."""
        from .catalogue import CATALOGUE

        return CATALOGUE[self.code].message(lang, self.params)

    def hint(self, lang: str = "en") -> str:
        """What to do about it, in this language."""
        from .catalogue import CATALOGUE

        return CATALOGUE[self.code].hint(lang, self.params)

    @property
    def cell(self) -> str | None:
        """The cell as spreadsheets name it (`Organisations!C7`), for a finding on a sheet."""
        if self.sheet is None:
            return None
        sheet = self.sheet if self.sheet.replace("_", "").isalnum() else "'" + self.sheet.replace("'", "''") + "'"
        if not self.line:
            return sheet
        return f"{sheet}!{column_letters(self.column) if self.column else ''}{self.line}"

    def location(self) -> str:
        """`file:line:column`, or `file:Sheet!C7` on a workbook."""
        where = self.file or ""
        if self.sheet is not None:
            return f"{where}:{self.cell}"
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        return where

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        d: dict[str, Any] = {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "hint": self.hint(lang),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
            "record_id": self.record_id,
            "sheet": self.sheet,
            "cell": self.cell,
        }
        if self.default_severity is not None:
            d["default_severity"] = self.default_severity.value
        return {k: v for k, v in d.items() if v is not None}


def with_stand_ins(findings: list[Finding], stand_ins: dict[str, str]) -> list[Finding]:
    """The findings with each identifier of `stand_ins` replaced by its stand-in, in the record
    id and in every text the messages are made of, whatever check made them (consent,
    references, structure...): a peer worker's identifier that holds a name and a birth date
    never reaches a report. The file, line, cell and pointer still say where the record is;
    other identifiers are left as they are."""
    if not stand_ins:
        return findings
    found = re.compile("|".join(map(re.escape, sorted(stand_ins, key=len, reverse=True))))

    def masked(value: object) -> object:
        if isinstance(value, str):
            return found.sub(lambda m: stand_ins[m.group()], value)
        if isinstance(value, (list, tuple)):
            return type(value)(masked(v) for v in value)
        return value

    out: list[Finding] = []
    for f in findings:
        record_id = found.sub(lambda m: stand_ins[m.group()], f.record_id) if f.record_id else f.record_id
        params = {k: masked(v) for k, v in f.params.items()}
        out.append(f if record_id == f.record_id and params == f.params else replace(f, record_id=record_id, params=params))
    return out


@dataclass
class Report:
    """Everything one validation run found, the same whatever the input format."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    records: int = 0
    profile: str | None = None
    lang: str = "en"
    #: what a project file changed: [{"code", "from", "to", "source"}]
    overrides: list[dict[str, str]] = field(default_factory=list)
    #: True when --max-errors stopped the collection of errors
    truncated: bool = False

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def unreadable(self) -> bool:
        """Some input could not be read at all (exit code 2)."""
        return any(f.code.startswith("read.") for f in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(f.severity is severity for f in self.findings)

    def summary(self) -> dict[str, Any]:
        return {
            "files": len(self.files),
            "records": self.records,
            "by_severity": {s.value: self.count(s) for s in Severity},
            "by_code": dict(sorted(Counter(f.code for f in self.findings).items())),
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "profile": self.profile,
            "lang": self.lang,
            "summary": self.summary(),
            "overrides": self.overrides,
            "truncated": self.truncated,
            "findings": [f.to_dict(self.lang) for f in self.findings],
        }
