"""The report as SARIF 2.1.0, for code-scanning views (GitHub, GitLab, IDE viewers).

Mapping (one run, tool ``peer-schema``, ``run.language`` = ``Report.lang``):

- ``tool.driver.rules``: one reportingDescriptor per code that occurs, sorted by code: ``id`` =
  the code, ``name`` = its PascalCase (``rules.session-too-long`` -> ``RulesSessionTooLong``),
  ``shortDescription`` = the catalogue title, ``fullDescription`` and ``help`` = the hint
  (placeholders such as ``{range}`` left named, a rule being every result's),
  ``defaultConfiguration.level`` from the catalogue severity;
- severities to levels: error -> ``error``, warning -> ``warning``, info -> ``note``;
- one result per finding: ``ruleId``/``ruleIndex``, ``level`` from the finding's severity (after
  any project override), ``message.text``; a location with ``physicalLocation`` (the file path
  as given, forward slashes, percent-encoded where a URI needs it; ``region`` only when the
  line is known, ``startColumn`` only when the column is) and ``logicalLocations`` (the JSON
  pointer as ``fullyQualifiedName``, the record id as ``name``); ``properties`` hold the
  pointer, the record id, the filled hint and, if overridden, the catalogue severity;
- ``run.properties``: the project overrides, the profile and ``truncated`` when set.
"""

from __future__ import annotations

import json
import re
from string import Formatter
from urllib.parse import quote

from .. import __version__
from .catalogue import CATALOGUE, Code
from .findings import Finding, Report, Severity

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://w3id.org/peer-schema"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def pascal_case(code: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", code))


def file_uri(path: str) -> str:
    """A relative (or absolute) path as a URI reference: forward slashes, percent-encoded."""
    return quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=:@")


def _generic_hint(code: Code, lang: str) -> str:
    names = {f for t in (code.hint_en, code.hint_fr) for _, f, _, _ in Formatter().parse(t) if f}
    return code.hint(lang, {n: "{" + n + "}" for n in names})


def _rule(code: str, lang: str) -> dict:
    entry = CATALOGUE[code]
    hint = _generic_hint(entry, lang)
    return {
        "id": code,
        "name": pascal_case(code),
        "shortDescription": {"text": entry.title},
        "fullDescription": {"text": hint},
        "help": {"text": hint},
        "defaultConfiguration": {"level": LEVELS[entry.severity]},
    }


def _result(finding: Finding, rule_index: int, lang: str) -> dict:
    location: dict = {}
    if finding.file:
        physical: dict = {"artifactLocation": {"uri": file_uri(finding.file)}}
        if finding.line:
            physical["region"] = {"startLine": finding.line}
            if finding.column:
                physical["region"]["startColumn"] = finding.column
        location["physicalLocation"] = physical
    logical = {k: v for k, v in (("fullyQualifiedName", finding.pointer), ("name", finding.record_id)) if v}
    if logical:
        location["logicalLocations"] = [logical]
    properties: dict = {"pointer": finding.pointer, "hint": finding.hint(lang)}
    if finding.record_id:
        properties["recordId"] = finding.record_id
    if finding.default_severity is not None:
        properties["defaultSeverity"] = finding.default_severity.value
    result: dict = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message(lang)},
    }
    if location:
        result["locations"] = [location]
    result["properties"] = properties
    return result


def render_sarif(report: Report) -> str:
    """The report as a SARIF 2.1.0 log (JSON text)."""
    codes = sorted({f.code for f in report.findings})
    index = {code: i for i, code in enumerate(codes)}
    run: dict = {
        "tool": {"driver": {
            "name": "peer-schema",
            "informationUri": INFORMATION_URI,
            "version": __version__,
            "rules": [_rule(code, report.lang) for code in codes],
        }},
        "invocations": [{"executionSuccessful": True}],
        "language": report.lang,
        "results": [_result(f, index[f.code], report.lang) for f in report.findings],
    }
    properties = {k: v for k, v in (("overrides", report.overrides), ("profile", report.profile),
                                    ("truncated", report.truncated)) if v}
    if properties:
        run["properties"] = properties
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
