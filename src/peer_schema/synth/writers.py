"""Writing a synthetic registry as JSON (streamed), JSON Lines (streamed) or YAML (in memory),
and the entries of its sidecar."""

from __future__ import annotations

import json
from collections.abc import Iterator


# --- writers --------------------------------------------------------------------------------------

Stream = Iterator[tuple[str, str, int, dict]]  # container, class, index in container, record


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_json(f, header: dict, stream: Stream) -> None:
    """One Dataset document, one record per line, written as the records come."""
    f.write(_dumps(header)[:-1])  # the header without its closing brace
    current = None
    for container, _cls, _i, record in stream:
        if container != current:
            f.write("\n]" if current is not None else "")
            f.write(f', "{container}": [\n')
            current = container
        else:
            f.write(",\n")
        f.write(_dumps(record))
    f.write("\n]}\n" if current is not None else "}\n")


def _write_jsonl(f, header: dict, stream: Stream) -> None:
    """JSON Lines: the Dataset header on line 1, then one record per line with its class."""
    f.write(_dumps({"@type": "Dataset", **header}) + "\n")
    for _container, cls, _i, record in stream:
        f.write(_dumps({"@type": cls, **record}) + "\n")


def _write_yaml(f, header: dict, stream: Stream) -> None:
    import yaml

    class _Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data):  # the readers refuse aliases: write every value out
            return True

    doc = dict(header)
    for container, _cls, _i, record in stream:
        doc.setdefault(container, []).append(record)
    f.write("# Synthetic registry written by peer_schema.synth: fictional records only.\n")
    yaml.dump(doc, f, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _sidecar_entry(b: dict, fmt: str) -> dict:
    entry = {"code": b["code"], "record_id": b["record_id"], "class": b["class"]}
    if fmt == "jsonl":
        entry["line"] = b["ordinal"] + 2  # line 1 is the Dataset header
    else:
        entry["pointer"] = f"/{b['container']}/{b['index']}"
    entry["field"] = b["field"]
    return entry
