from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    pointer: str = ""
    record_id: str | None = None
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict:
        d = asdict(self)
        d["severity"] = self.severity.value
        return {k: v for k, v in d.items() if v is not None}


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)

    def summary(self) -> dict:
        return {
            "files": len(self.files),
            "by_severity": dict(Counter(f.severity.value for f in self.findings)),
            "by_code": dict(sorted(Counter(f.code for f in self.findings).items())),
        }

    def to_dict(self) -> dict:
        return {"valid": self.valid, "summary": self.summary(), "findings": [f.to_dict() for f in self.findings]}

    def render_text(self) -> str:
        lines = []
        for f in self.findings:
            where = f.file or ""
            if f.line:
                where += f":{f.line}" + (f":{f.column}" if f.column else "")
            at = f" at {f.pointer}" if f.pointer else ""
            rec = f" (record {f.record_id})" if f.record_id else ""
            lines.append(f"{where}: {f.severity.value} [{f.code}]{at}{rec}: {f.message}")
        s = self.summary()
        counts = ", ".join(f"{n} {sev}(s)" for sev, n in s["by_severity"].items()) or "no problems"
        lines.append(f"{s['files']} file(s) checked: {counts}")
        return "\n".join(lines)
