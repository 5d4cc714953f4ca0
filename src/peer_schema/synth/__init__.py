"""Synthetic registries: realistic, reproducible test data of any size, with known rule breaks.

`synthesize(records, seed, out)` writes a Dataset of `records` records of every record class
(organisations of every kind, federation memberships, training programmes, compendium sections,
practices and pseudonymous peer workers with their disclosure consents), in the proportions of
a real federation's registry: 20% organisations, 10% memberships, 10% training programmes, 10%
compendium sections and practices, 50% peer workers. Every reference points to a record of the
right class that comes earlier in the file; nothing in it names a real person or organisation.

With `invalid_rate` R, about R x records records carry exactly one injected rule break each;
a sidecar `<out>.expected.json` lists every break with the code the validator must report
for it, so the validator can be measured against a known answer at any scale.

Determinism: the same arguments give the same bytes. Three independent streams of
`random.Random` keep the valid records the same whatever R is: a record that carries no break
is byte-for-byte the record written with R = 0, and a broken one differs only where its break is.

Memory: `.json` and `.jsonl` are written record by record; what is kept is a few integers per
organisation (to draw references) and the list of breaks. `.yaml` is built in memory (for small
registries: examples and documentation).
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..atomic_files import atomic_file, write_bytes
from .breaks import _Injector, _plan_breaks
from .constants import CONTAINERS, FORMATS, INJECTORS, MAX_RECORDS, MIN_RECORDS, REFERENCE_DATE
from .generator import _Generator
from .vocabulary import AUTHORS, PEER_WORKER_FIELDS
from .writers import _sidecar_entry, _write_json, _write_jsonl, _write_yaml


@dataclass
class SynthSummary:
    """What `synthesize` wrote."""

    out: Path
    #: the sidecar that lists the injected breaks
    expected: Path
    #: json, jsonl or yaml
    format: str
    seed: int
    invalid_rate: float
    #: records written, all classes together
    records: int
    #: records written per class, in the order of the containers
    counts: dict[str, int] = field(default_factory=dict)
    #: the injected breaks, as in the sidecar: {code, record_id, class, pointer | line, field}
    breaks: list[dict] = field(default_factory=list)


def expected_path(out: Path) -> Path:
    """Where the sidecar of `out` goes: `<out>.expected.json`."""
    out = Path(out)
    return out.with_name(out.name + ".expected.json")


def synthesize(records: int, seed: int, out: Path, invalid_rate: float = 0.0,
               today: date = REFERENCE_DATE) -> SynthSummary:
    """Write a synthetic registry of `records` records to `out` (.json, .jsonl or .yaml) and
    its sidecar `<out>.expected.json`; return what was written.

    About `invalid_rate` x `records` records get exactly one injected rule break each.
    Raises ValueError for an unknown suffix, too few records or a rate outside [0, 1].
    """
    out = Path(out)
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise ValueError(f"{out.name}: the output must end in .json, .jsonl or .yaml "
                         f"(the suffix chooses the format), not {out.suffix or 'no suffix'!r}")
    if isinstance(records, bool) or not isinstance(records, int) or not MIN_RECORDS <= records <= MAX_RECORDS:
        raise ValueError(f"records must be a whole number from {MIN_RECORDS} (one of every record class and what "
                         f"they refer to) to {MAX_RECORDS:,} (the plan of a registry takes memory), not {records!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
    try:
        rate = float(invalid_rate)
    except (TypeError, ValueError):
        raise ValueError(f"invalid_rate must be a number between 0 and 1, not {invalid_rate!r}") from None
    if not 0.0 <= rate <= 1.0:  # also refuses NaN
        raise ValueError(f"invalid_rate must be between 0 and 1, not {invalid_rate!r}")

    gen = _Generator(records, seed, today)
    plan = _plan_breaks(gen.layout, round(rate * records), random.Random(f"peer_schema.synth.plan:{seed}"))
    injector = _Injector(plan, gen, random.Random(f"peer_schema.synth.inject:{seed}"), today)
    header = gen.header()

    with atomic_file(out) as raw:  # a temporary beside, renamed into place when complete
        f = io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        stream = injector.apply(gen.records())
        if fmt == "json":
            _write_json(f, header, stream)
        elif fmt == "jsonl":
            _write_jsonl(f, header, stream)
        else:
            _write_yaml(f, header, stream)
        f.flush()
        f.detach()  # atomic_file closes the file itself, once renamed into place

    breaks = [_sidecar_entry(b, fmt) for b in injector.breaks]
    expected = expected_path(out)
    sidecar = {"records": records, "seed": seed, "invalid_rate": invalid_rate, "format": fmt,
               "file": out.name, "reference_date": today.isoformat(), "breaks": breaks}
    write_bytes(expected, (json.dumps(sidecar, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return SynthSummary(out=out, expected=expected, format=fmt, seed=seed, invalid_rate=invalid_rate,
                        records=records, counts={cls: gen.layout[cls][1] for _, cls in CONTAINERS},
                        breaks=breaks)


__all__ = ["AUTHORS", "CONTAINERS", "FORMATS", "INJECTORS", "MAX_RECORDS", "MIN_RECORDS", "PEER_WORKER_FIELDS",
           "REFERENCE_DATE", "SynthSummary", "expected_path", "synthesize"]
