"""A property test of the readers, run by tests/test_hostile_inputs.py in a child process whose
address space is capped (so a runaway allocation fails the test, not the suite), which then
reports its peak memory.

Each example writes a JSON, a YAML, a CSV file and an xlsx workbook, drawn by structure-aware
strategies (values of every JSON type, lone surrogates, huge numbers, NaN, deep nesting, YAML
tags, aliases and complex keys, CSV quotes, NUL bytes and BOMs, workbook cells with references
in any form, far rows, merged ranges), some of them cut short or with a byte changed, and runs
`peer-schema validate FILES --format json` in this process: the exit code is 0, 1 or 2, the
output is a JSON report, nothing escapes as an exception, nothing is written to stderr.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from hostile import text_cell, xlsx  # noqa: E402

from peer_schema.cli import main  # noqa: E402

_KEYS = st.sampled_from(["id", "title", "en", "fr", "organisations", "name", "prefixes", "ex", "access_rights",
                         "organisation_kinds", "@type", "", "\ud800", "a/b~c"])
_TEXT = st.text(st.characters(), max_size=12) | st.sampled_from(["ex:org/1", "ngo", "\ud800", "\udc00x", "=1+2", "ngo | x"])
_SCALAR = (st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=True, allow_infinity=True)
           | _TEXT)
_JSON = st.recursive(_SCALAR, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=5),
                     max_leaves=30)


def _mangle(data: bytes, draw) -> bytes:
    how = draw(st.sampled_from(["as is", "as is", "cut", "byte", "bom"]))
    if how == "cut" and data:
        return data[:draw(st.integers(0, len(data) - 1))]
    if how == "byte" and data:
        at = draw(st.integers(0, len(data) - 1))
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    if how == "bom":
        return b"\xef\xbb\xbf" + data
    return data


@st.composite
def json_file(draw) -> bytes:
    value = draw(_JSON | st.fixed_dictionaries({"id": _TEXT, "organisations": st.lists(_JSON, max_size=3)}))
    depth = draw(st.sampled_from([0, 0, 0, 70]))
    text = "[" * depth + json.dumps(value, ensure_ascii=draw(st.booleans())) + "]" * depth
    return _mangle(text.encode("utf-8", "surrogatepass"), draw)


_YAML_PIECES = st.sampled_from([
    "id: ex:d\n", "title: {en: x}\n", "? {a: 1}\n: b\n", "1: a\n", "null: x\n", "a: &x [1]\nb: *x\n",
    "c: !!python/object:os.system x\n", 'd: "\\ud800"\n', "e: [1, 2\n", "f: 1e999\n", "g: .nan\n",
    "organisations:\n  - id: ex:org/1\n    name: One\n", "h: " + "9" * 200 + "\n", "  bad indent: x\n", "---\n",
    "i: yes\n", "id: x\nid: y\n",
])


@st.composite
def yaml_file(draw) -> bytes:
    return _mangle("".join(draw(st.lists(_YAML_PIECES, min_size=1, max_size=6))).encode(), draw)


_CELLS = st.sampled_from(["id", "name", "Identifier", "Name", "organisation_kinds", "membership.member_count",
                          "x", "", '"', '"a,b"', "a\nb", "\x00", "ngo | university", "=cmd", "1e999", "é"])


@st.composite
def csv_file(draw) -> bytes:
    rows = draw(st.lists(st.lists(_CELLS, min_size=1, max_size=6), min_size=1, max_size=5))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    text = "\n".join(separator.join(row) for row in rows) + "\n"
    return _mangle(text.encode(), draw)


_LETTERS = st.sampled_from(["A", "B", "C", "Z", "AA", "XFD", "xfd", "$A$", "ZZZZ"])
_ROWS = st.sampled_from([1, 2, 3, 40, 1048576, 99999999])


@st.composite
def workbook_rows(draw) -> tuple[str, str]:
    quote = draw(st.sampled_from(['"', "'"]))
    rows = []
    for _ in range(draw(st.integers(1, 4))):
        number = draw(_ROWS | st.none())
        cells = "".join(text_cell(None if draw(st.booleans()) else f"{draw(_LETTERS)}{draw(_ROWS)}",
                                  draw(st.sampled_from(["Identifier", "Name", "ex:org/1", "x", "&amp;"])), quote)
                        for _ in range(draw(st.integers(0, 3))))
        rows.append(f"<row r={quote}{number}{quote}>{cells}</row>" if number else f"<row>{cells}</row>")
    merges = "".join(f'<mergeCell ref="{draw(_LETTERS)}{draw(_ROWS)}:{draw(_LETTERS)}{draw(_ROWS)}"/>'
                     for _ in range(draw(st.integers(0, 3))))
    return "".join(rows), f"<mergeCells>{merges}</mergeCells>" if merges else ""


def check(folder: Path, files: dict[str, bytes], sheet: tuple[str, str]) -> None:
    for name, data in files.items():
        (folder / name).write_bytes(data)
    paths = [str(folder / name) for name in files]
    paths.append(str(xlsx(folder / "book.xlsx", sheet[0], extra=sheet[1], name="Organisations")))
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(["validate", *paths, "--format", "json", "--no-progress"])
    assert rc in (0, 1, 2), rc
    assert not err.getvalue().strip(), err.getvalue()
    report = json.loads(out.getvalue())
    assert report["summary"]["files"] == len(paths)


@settings(max_examples=int(sys.argv[1]) if len(sys.argv) > 1 else 60, deadline=None, derandomize=len(sys.argv) < 3,
          suppress_health_check=list(HealthCheck), database=None)
@given(json_file(), yaml_file(), csv_file(), workbook_rows())
def fuzz(json_data: bytes, yaml_data: bytes, csv_data: bytes, sheet: tuple[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check(Path(folder), {"data.json": json_data, "data.yaml": yaml_data, "Organisation.csv": csv_data}, sheet)


if __name__ == "__main__":
    import resource

    fuzz()
    print(f"PEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}")
