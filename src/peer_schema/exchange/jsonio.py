"""JSON written the way `peer-schema synth` writes datasets: the top-level fields, then one item
of each list per line. Readable in a text editor and by diff, and written by the C encoder (an
indented dump goes through the pure-Python one, several times slower)."""

from __future__ import annotations

import json
from json import encoder as _encoder

from ..model import model


def _make_dumps():
    """json.dumps(value, ensure_ascii=False) with the C encoder built once, not once a call:
    a merge writes a hundred thousand items."""
    make = _encoder.c_make_encoder
    if make is None:  # a Python without the C accelerator
        return lambda value: json.dumps(value, ensure_ascii=False)

    def fail(value):
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    encode = make(None, fail, _encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encode(value, 0))


_dumps = _make_dumps()


def dumps_lines(doc: dict, lists) -> str:
    """`doc` as JSON, the items of the lists named in `lists` one per line."""
    head = {k: v for k, v in doc.items() if k not in lists}
    parts = [_dumps(head)[:-1]]
    first = not head
    for name, value in doc.items():
        if name not in lists:
            continue
        lead = "" if first else ",\n"
        first = False
        if isinstance(value, list) and value:
            body = ",\n".join(map(_dumps, value))
            parts.append(f"{lead}{json.dumps(name)}: [\n{body}\n]")
        else:
            parts.append(f"{lead}{json.dumps(name)}: {_dumps(value)}")
    parts.append("}\n")
    return "".join(parts)


def dumps_dataset(doc: dict) -> str:
    return dumps_lines(doc, model().containers)


def dumps_report(report: dict) -> str:
    return dumps_lines(report, {k for k, v in report.items() if isinstance(v, list)})
