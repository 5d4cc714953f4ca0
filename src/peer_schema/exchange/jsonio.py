"""JSON written the way `peer-schema synth` writes datasets: the top-level fields, then one item
of each list per line. Readable in a text editor and by diff, and written by the C encoder (an
indented dump goes through the pure-Python one, several times slower)."""

from __future__ import annotations

import json

from ..model import model


def dumps_lines(doc: dict, lists) -> str:
    """`doc` as JSON, the items of the lists named in `lists` one per line."""
    head = {k: v for k, v in doc.items() if k not in lists}
    parts = [json.dumps(head, ensure_ascii=False)[:-1]]
    first = not head
    for name, value in doc.items():
        if name not in lists:
            continue
        lead = "" if first else ",\n"
        first = False
        if isinstance(value, list) and value:
            body = ",\n".join(json.dumps(item, ensure_ascii=False) for item in value)
            parts.append(f"{lead}{json.dumps(name)}: [\n{body}\n]")
        else:
            parts.append(f"{lead}{json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}")
    parts.append("}\n")
    return "".join(parts)


def dumps_dataset(doc: dict) -> str:
    return dumps_lines(doc, model().containers)


def dumps_report(report: dict) -> str:
    return dumps_lines(report, {k for k, v in report.items() if isinstance(v, list)})
