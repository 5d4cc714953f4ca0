"""Hostile inputs made in code: tiny workbooks that ask for huge grids, and how to run the CLI
on them in a child process with a memory cap, so a regression fails a test instead of the suite."""

from __future__ import annotations

import json
import resource
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName='
       '"/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main'
       '+xml"/><Override PartName="/{sheet}" ContentType="application/vnd.openxmlformats-officedocument.'
       'spreadsheetml.worksheet+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
         '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
             'relationships"><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                  'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                  'officeDocument/2006/relationships/worksheet" Target="{target}"/>{more}</Relationships>')
_STRINGS_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                'sharedStrings" Target="sharedStrings.xml"/>')
_SHEET = ('<?xml version="1.0" encoding="UTF-8"?>{doctype}<worksheet xmlns="http://schemas.openxmlformats.org/'
          'spreadsheetml/2006/main"><sheetData>{rows}</sheetData>{extra}</worksheet>')


def text_cell(ref: str | None, text: str, quote: str = '"') -> str:
    ref_attr = f" r={quote}{ref}{quote}" if ref else ""
    return f"<c{ref_attr} t={quote}inlineStr{quote}><is><t>{text}</t></is></c>"


def xlsx(path: Path, rows: str, extra: str = "", sheet: str = "xl/worksheets/sheet1.xml", target: str | None = None,
         name: str = "Organisations", strings: bytes | None = None, doctype: str = "") -> Path:
    """A workbook of one sheet, its XML given as is, stored at `sheet` and named by the
    workbook's relationships as `target`; shared strings when given."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT.format(sheet=sheet))
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK.format(name=name))
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(target=target or "/" + sheet,
                                                                       more=_STRINGS_REL if strings else ""))
        z.writestr(sheet, _SHEET.format(rows=rows, extra=extra, doctype=doctype))
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", strings)
    return path


def lie_about_sizes(path: Path, member: str, declared: int) -> Path:
    """Make the zip declare `declared` unpacked bytes for a member, in its local and central headers."""
    data = bytearray(path.read_bytes())
    encoded = member.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            if data[start + name_at:start + name_at + len(encoded)] == encoded:
                struct.pack_into("<I", data, start + size_at, declared)
            start += 4
    path.write_bytes(bytes(data))
    return path


def _cap_memory(limit: int):
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return cap


def run_cli(*args: str, memory: int = 3 << 30, timeout: float = 120, stdin=None) -> tuple[int, dict | None, str, int]:
    """(exit code, the JSON report or None, stderr, peak memory of the child in bytes) of
    `peer-schema validate ARGS --format json`, run in a child whose address space is capped."""
    code = ("import resource, sys\nfrom peer_schema.cli import main\ntry:\n    rc = main(sys.argv[1:])\n"
            "finally:\n    sys.stdout.flush()\n    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "    sys.stderr.write(f'\\nPEAK {peak}\\n')\nsys.exit(rc)\n")
    done = subprocess.run([sys.executable, "-c", code, "validate", *args, "--format", "json", "--no-progress"],
                          capture_output=True, text=True, timeout=timeout, preexec_fn=_cap_memory(memory),
                          stdin=stdin if stdin is not None else subprocess.DEVNULL)
    err = done.stderr
    peak = 0
    if "PEAK " in err:
        err, _, tail = err.rpartition("\nPEAK ")
        peak = int(tail.split()[0]) * 1024
    try:
        report = json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError:
        report = None
    return done.returncode, report, err, peak


def codes_by_file(report: dict) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for finding in report["findings"]:
        found.setdefault(Path(finding.get("file") or "").name, set()).add(finding["code"])
    return found


def ods_package(path: Path, content: str) -> Path:
    """An OpenDocument spreadsheet holding `content` as its content.xml (mimetype first, stored)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" '
                   'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                   '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                   "</manifest:manifest>")
    return path
