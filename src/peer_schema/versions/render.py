"""`peer-schema diff` for people (text) and programs (JSON)."""

from __future__ import annotations

import json
from itertools import groupby

from .diff import BUMPS, LEVELS, Change, SchemaDiff

#: a text report names at most this many elements on a line that groups the same change
MAX_NAMES = 8


def _value(v) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, list):
        return "[" + ", ".join(map(str, v)) + "]"
    text = str(v)
    return text if len(text) <= 70 else text[:67] + "..."


def _plural(element: str) -> str:
    return element + ("es" if element.endswith("s") else "s")


def _line(group: list[Change]) -> str:
    c = group[0]
    if c.change in ("added", "removed"):
        what = f"{c.element} {c.name} {c.change}"
    else:
        what = f"{c.element} {c.name}: {c.change} {_value(c.old)} → {_value(c.new)}"
    if len(group) > 1:
        names = [g.name for g in group]
        shown = ", ".join(names[:MAX_NAMES]) + (f", and {len(names) - MAX_NAMES} more" if len(names) > MAX_NAMES else "")
        if c.change in ("added", "removed"):
            what = f"{len(group)} {_plural(c.element)} {c.change}: {shown}"
        else:
            what = f"{len(group)} {_plural(c.element)}, {c.change} {_value(c.old)} → {_value(c.new)}: {shown}"
    return f"  {what}\n      why {c.level}: {c.reason}"


def verdict(d: SchemaDiff, strict: bool = False) -> str:
    need, got = d.required_bump(), d.actual_bump()
    if need is None:
        return "no change to the model"
    step = "no version step" if got == "none" else f"a {got} step"
    rule = " (while the major number is 0, the minor number marks breaking changes)" \
        if d.old_version.startswith("0.") else ""
    if BUMPS.index(got) <= BUMPS.index(need):
        says = "the version number says so"
    elif d.says_so(strict):
        says = "too small a step for a release (held against it only with --strict)"
    else:
        says = "the version number does NOT say so"
    return (f"the strongest change is {d.level()}: it needs at least a {need} step{rule}; "
            f"{d.old_version} → {d.new_version} is {step}: {says}")


def render_text(d: SchemaDiff, strict: bool = False) -> str:
    counts = ", ".join(f"{sum(c.level == lv for c in d.changes)} {lv}" for lv in LEVELS)
    lines = [f"peer_schema {d.old_version} → {d.new_version}: {len(d.changes)} change(s) ({counts})"]
    for level, changes in groupby(d.changes, key=lambda c: c.level):
        lines.append(f"\n{level.upper()}")
        key = lambda c: (c.element, c.change, c.reason, repr(c.old), repr(c.new))  # noqa: E731
        same = {}
        for c in changes:  # the same change to many elements is one line
            same.setdefault(key(c) if c.change not in ("added", "removed") or c.element == "code"
                            else (c.element, c.change, c.reason, c.name), []).append(c)
        lines += [_line(group) for group in same.values()]
    lines.append("\n" + verdict(d, strict))
    return "\n".join(lines)


def render_json(d: SchemaDiff, strict: bool = False) -> str:
    out = d.to_dict(strict)
    out["verdict"] = verdict(d, strict)
    return json.dumps(out, ensure_ascii=False, indent=2, default=str)


__all__ = ["BUMPS", "render_json", "render_text", "verdict"]
