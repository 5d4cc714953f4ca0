"""The report as JUnit XML, the flavour Jenkins, GitLab and GitHub test reporters read.

Mapping:

- ``<testsuites name="peer-schema validate">`` holds the totals;
- one ``<testsuite>`` per input file, ``name`` and ``file`` = the file path as given, in the
  order of ``Report.files`` (then any other file a finding names; findings with no file, such
  as checks across files, go into a last suite named ``(no file)``, without ``file``);
- one ``<testcase>`` per finding: ``classname`` = the code, ``name`` = the JSON pointer, else
  the record id, else the file;
- severity error: a ``<failure type="{code}" message="{message}">`` whose text is the message,
  the hint, the location (``Where: file:line:column pointer``) and the record;
- severity warning or info: a passing testcase whose ``<system-out>`` holds the same text
  headed ``WARNING`` or ``INFO`` -- they never fail a CI job;
- a file without findings: one passing testcase ``valid`` (classname ``peer-schema``), so CI
  lists it; ``errors`` (and each suite's ``skipped``) are always 0.

Only what the Jenkins xUnit plugin's ``junit-10.xsd`` allows is written (the tests validate
against it): no ``skipped`` on ``<testsuites>``, no ``file``/``line`` on ``<testcase>``. The
line of a finding is in its text; SARIF (``--format sarif``) carries it for code annotations.
A testcase keeps its name when lines move, so CI history follows the same finding.

Texts are in ``Report.lang``. Characters XML 1.0 cannot carry (control characters) become
U+FFFD; ElementTree escapes the rest.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .findings import Finding, Report, Severity

SUITES_NAME = "peer-schema validate"
NO_FILE = "(no file)"
_LABELS = {
    "en": {"hint": "Hint: ", "where": "Where: ", "record": "Record: "},
    "fr": {"hint": "Conseil : ", "where": "Où : ", "record": "Enregistrement : "},
}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _details(finding: Finding, lang: str) -> str:
    labels = _LABELS.get(lang, _LABELS["en"])
    lines = [finding.message(lang), labels["hint"] + finding.hint(lang)]
    where = " ".join(part for part in (finding.location(), finding.pointer) if part)
    if where:
        lines.append(labels["where"] + where)
    if finding.record_id:
        lines.append(labels["record"] + finding.record_id)
    return _clean("\n".join(lines))


def _testcase(suite: ET.Element, finding: Finding, lang: str) -> None:
    case = ET.SubElement(suite, "testcase", classname=finding.code,
                         name=_clean(finding.pointer or finding.record_id or finding.file or finding.code))
    text = _details(finding, lang)
    if finding.severity is Severity.ERROR:
        failure = ET.SubElement(case, "failure", type=finding.code, message=_clean(finding.message(lang)))
        failure.text = text
    else:
        ET.SubElement(case, "system-out").text = f"{finding.severity.value.upper()} {finding.code}\n{text}"


def render_junit(report: Report) -> str:
    """The report as a JUnit XML document (UTF-8, with its XML declaration)."""
    groups: dict[str | None, list[Finding]] = {path: [] for path in report.files}
    for finding in report.findings:
        groups.setdefault(finding.file, []).append(finding)
    if None in groups:  # file-less findings last
        groups[None] = groups.pop(None)

    root = ET.Element("testsuites", name=SUITES_NAME)
    total = failures = 0
    for path, findings in groups.items():
        suite = ET.SubElement(root, "testsuite", name=_clean(path if path is not None else NO_FILE))
        if path is not None:
            suite.set("file", _clean(path))
        for finding in findings:
            _testcase(suite, finding, report.lang)
        if not findings:
            ET.SubElement(suite, "testcase", classname="peer-schema", name="valid")
        tests = max(len(findings), 1)
        failed = sum(f.severity is Severity.ERROR for f in findings)
        suite.attrib.update(tests=str(tests), failures=str(failed), errors="0", skipped="0")
        total, failures = total + tests, failures + failed
    root.attrib.update(tests=str(total), failures=str(failures), errors="0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
