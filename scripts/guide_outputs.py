"""Check, or rewrite, what the guides show the tool printing, by running their commands.

    python scripts/guide_outputs.py            # check every guide: exit 1 and a diff when one is stale
    python scripts/guide_outputs.py --write    # rewrite the outputs the guides show from the real tool
    python scripts/guide_outputs.py docs/guide-associations.md   # one guide

Each guide is walked in a fresh temporary folder prepared with copies of the examples
(SETUPS, in scripts/guide_setups.py, says what each guide starts from), top to bottom, so that
a command may use what an earlier one wrote (the template, the bundle, the merged folder):

- a ```console block: each `$ command` line is run (`peer-schema ...` in this process, through
  `peer_schema.cli.main`; anything else with bash), and what it prints (stdout and stderr, as a
  terminal shows them) is compared with the lines under it. A line `...` stands for lines left
  out. `# exit code N` (`# code de sortie N`) at the end of a command line is checked too.
- a block right after `<!-- output of: COMMAND -->` (JSON, as a pipeline reads it) is compared
  as data: the same keys and values, where a text ending in `...` only needs to start alike.
  It is checked, never rewritten (it is laid out by hand).
- a ```python block: run, each on its own, in the folder; it must not raise (a script may end
  with sys.exit(0) or sys.exit(1), the exit codes of a check that ran).
- a block right after `<!-- file: NAME -->` is an input the guide shows: it is written into the
  folder as NAME, for the commands after it.
- `<!-- guide: skip -->` right before a block leaves it out (an install line, say).

Before comparing, runs of 16 or more hexadecimal digits (pseudonyms made with a fresh key) are
taken as equal, and the temporary folder's path is read as `.`. --write keeps a block as it is
when it still matches, and keeps the shape of a shortened one: as many first and last lines as
the guide showed around its `...`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from guide_setups import ROOT, SETUPS, Setup  # noqa: E402 (the scenarios live next to this script)

FENCE = re.compile(r"^```(\w*)\s*$")
EXIT_NOTE = re.compile(r"\s+#\s*(?:exit code|code de sortie) (\d+)\s*$")
MARKER = re.compile(r"^<!--\s*(output of:\s*(?P<command>.+?)|file:\s*(?P<file>\S+)|guide:\s*skip)\s*-->\s*$")
HEX = re.compile(r"[0-9a-f]{16,}")
ELIDED = "..."


@dataclass
class Block:
    kind: str  # console, python, json, ...
    first: int  # index of the first line inside the fence
    lines: list[str]
    output_of: str | None = None  # the command a marked block shows the output of
    file: str | None = None  # the file a marked block shows (written into the folder as it is)
    skip: bool = False


@dataclass
class Step:
    command: str
    expected: list[str]
    exit_code: int | None = None


@dataclass
class Outcome:
    """What walking a guide found: problems (one text each) and the guide as --write makes it."""
    guide: Path
    problems: list[str] = field(default_factory=list)
    text: str = ""


def blocks(text: str) -> list[Block]:
    lines = text.split("\n")
    found, i = [], 0
    while i < len(lines):
        match = FENCE.match(lines[i])
        if not match:
            i += 1
            continue
        marker = MARKER.match(lines[i - 1]) if i else None
        end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith("```")), len(lines))
        found.append(Block(match.group(1), i + 1, lines[i + 1:end],
                           output_of=marker.group("command") if marker else None,
                           file=marker.group("file") if marker else None,
                           skip=bool(marker and not marker.group("command") and not marker.group("file"))))
        i = end + 1
    return found


def steps(block: Block) -> list[Step]:
    found: list[Step] = []
    for line in block.lines:
        if line.startswith("$ "):
            command = line[2:]
            note = EXIT_NOTE.search(command)
            found.append(Step(command, [], int(note.group(1)) if note else None))
        elif found:
            found[-1].expected.append(line)
    return found


# -- running ------------------------------------------------------------------------------------

def run(command: str, work: Path, stdout_only: bool = False) -> tuple[int, list[str]]:
    """The exit code and the printed lines of one command line, run in `work`: what a terminal
    shows (stdout and stderr), or what a pipeline reads (stdout)."""
    plain = EXIT_NOTE.sub("", command)
    words = shlex.split(plain, comments=True)
    redirect = None
    if len(words) >= 3 and words[-2] == ">":
        words, redirect = words[:-2], words[-1]
    if words and words[0] == "peer-schema" and not set(words) & {"|", "&&", ";", "||", ">", "<"}:
        return _in_process(words[1:], work, redirect, stdout_only)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(["bash", "-c", plain], cwd=work, env=env, capture_output=True, text=True, timeout=300)
    return done.returncode, (done.stdout if stdout_only else done.stdout + done.stderr).splitlines()


def _in_process(argv: list[str], work: Path, redirect: str | None, stdout_only: bool = False) -> tuple[int, list[str]]:
    from peer_schema.cli import main

    screen = io.StringIO()
    errors = io.StringIO() if stdout_only else screen
    out = open(work / redirect, "w", encoding="utf-8") if redirect else screen  # noqa: SIM115 (closed below)
    here = Path.cwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(errors):
            try:
                code = main(argv)
            except SystemExit as stop:  # argparse: --help, or a wrong call
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        os.chdir(here)
        if redirect:
            out.close()
    return code, screen.getvalue().splitlines()


def run_python(source: str, work: Path) -> str | None:
    """None when the snippet runs, else what it raised."""
    here = Path.cwd()
    os.chdir(work)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(source, "<guide snippet>", "exec"), {"__name__": "__guide__"})  # noqa: S102 (the guide's own code)
    except SystemExit as stop:  # a pipeline script ends with its exit code: 0 clean, 1 errors found
        if stop.code not in (None, 0, 1):
            return f"SystemExit: {stop.code}"
    except BaseException as exc:  # noqa: BLE001 (any failure of a snippet is the report)
        return f"{type(exc).__name__}: {exc}"
    finally:
        os.chdir(here)
    return None


# -- comparing ----------------------------------------------------------------------------------

def _normal(line: str, work: Path) -> str:
    return HEX.sub("<hex>", line.replace(str(work) + os.sep, "").replace(str(work), ".")).rstrip()


def _segments(lines: list[str]) -> list[list[str]]:
    """The lines between the `...` of a shown output (one segment when nothing is left out)."""
    found: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == ELIDED:
            found.append([])
        else:
            found[-1].append(line)
    return found


def _trimmed(lines: list[str]) -> list[str]:
    lines = list(lines)
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def matches(expected: list[str], actual: list[str], work: Path) -> bool:
    """The lines shown are the lines printed; `...` stands for any lines (none included)."""
    want = _segments(_trimmed([_normal(x, work) for x in expected]))
    have = _trimmed([_normal(x, work) for x in actual])
    if len(want) == 1:
        return want[0] == have
    head, *middle, tail = want
    end = len(have) - len(tail)
    if end < len(head) or have[:len(head)] != head or have[end:] != tail:
        return False
    at = len(head)
    for part in middle:  # each part shown, in order, somewhere between
        while at + len(part) <= end and have[at:at + len(part)] != part:
            at += 1
        if at + len(part) > end:
            return False
        at += len(part)
    return True


def rewritten(expected: list[str], actual: list[str]) -> list[str]:
    """What --write shows: the whole output, or, when the guide shortened it, as many first and
    last lines as it showed around `...`."""
    actual = _trimmed(actual)
    shown = _segments(_trimmed(expected))
    if len(shown) == 1:
        return actual
    head, tail = len(shown[0]), len(shown[-1])
    if head + tail >= len(actual):
        return actual
    return actual[:head] + [ELIDED] + (actual[-tail:] if tail else [])


def same_data(expected, actual) -> bool:
    """A JSON excerpt against the real document: the same keys and values; a text ending in
    `...` only needs to start alike."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and expected.keys() == actual.keys() and \
            all(same_data(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and \
            all(same_data(e, a) for e, a in zip(expected, actual))
    if isinstance(expected, str) and expected.endswith(ELIDED) and isinstance(actual, str):
        return actual.startswith(expected[:-len(ELIDED)])
    return expected == actual


# -- the walk -----------------------------------------------------------------------------------

def walk(guide: Path, setup: Setup) -> Outcome:
    text = guide.read_text(encoding="utf-8")
    outcome = Outcome(guide)
    replacements: list[tuple[int, int, list[str]]] = []  # (first line, how many, new lines) of console blocks
    with tempfile.TemporaryDirectory(prefix="guide-") as tmp:
        work = Path(tmp).resolve()
        setup.start(work)
        before = dict(setup.before)
        for block in blocks(text):
            where = f"{guide.name}:{block.first}"
            if block.skip:
                continue
            if block.file:
                (work / block.file).write_text("\n".join(block.lines) + "\n", encoding="utf-8")
                continue
            if block.output_of:
                code, printed = run(block.output_of, work, stdout_only=True)
                try:
                    same = same_data(json.loads("\n".join(block.lines)), json.loads("\n".join(printed)))
                except json.JSONDecodeError as exc:
                    same, printed = False, [f"(not JSON: {exc})", *printed]
                if not same:
                    outcome.problems.append(f"{where}: the output of `{block.output_of}` is not what the guide "
                                            "shows (a JSON block: fix it by hand)\n" + "\n".join(printed))
            elif block.kind == "console":
                new_block: list[str] = []
                for step in steps(block):
                    for start in [s for s in before if step.command.startswith(s)]:
                        before.pop(start)(work)  # once: the story's step happens once
                    code, printed = run(step.command, work)
                    new_block.append("$ " + step.command)
                    if step.exit_code is not None and code != step.exit_code:
                        outcome.problems.append(f"{where}: `{step.command}` exits with {code}")
                    if matches(step.expected, printed, work):
                        new_block.extend(step.expected)
                    else:
                        outcome.problems.append(f"{where}: `{step.command}` prints\n" + "\n".join(printed) +
                                                "\n  but the guide shows\n" + "\n".join(step.expected))
                        new_block.extend(rewritten(step.expected, [_normal(x, work) for x in printed]))
                replacements.append((block.first, len(block.lines), new_block))
            elif block.kind == "python":
                failure = run_python("\n".join(block.lines), work)
                if failure:
                    outcome.problems.append(f"{where}: the Python snippet raises {failure}")
    lines = text.split("\n")
    for first, count, new in reversed(replacements):
        lines[first:first + count] = new
    outcome.text = "\n".join(lines)
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check (or rewrite) the outputs the guides show, by running "
                                                 "their commands.")
    parser.add_argument("guides", nargs="*", help="guides to walk (default: all of " + ", ".join(SETUPS) + ")")
    parser.add_argument("--write", action="store_true", help="rewrite the outputs shown in console blocks")
    args = parser.parse_args(argv)
    names = args.guides or list(SETUPS)
    unknown = [n for n in names if n not in SETUPS]
    if unknown:
        parser.error(f"no setup for {', '.join(unknown)} (known: {', '.join(SETUPS)})")
    stale = 0
    for name in names:
        outcome = walk(ROOT / name, SETUPS[name])
        for problem in outcome.problems:
            print(problem, end="\n\n")
        if args.write and outcome.text != (ROOT / name).read_text(encoding="utf-8"):
            (ROOT / name).write_text(outcome.text, encoding="utf-8")
            print(f"{name}: rewritten")
        stale += bool(outcome.problems)
    if not args.write:
        print(f"{len(names)} guide(s) walked, {stale} with outputs that differ from the tool's" if stale
              else f"{len(names)} guide(s) walked: every output shown is the tool's")
    return 1 if stale and not args.write else 0


if __name__ == "__main__":
    sys.exit(main())
