"""The guides tell the truth: every command they show is run, in a temporary folder prepared
from the examples, and what it prints is what the guide shows (scripts/guide_outputs.py; after
a change of messages, `python scripts/guide_outputs.py --write` brings the guides up to date)."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from conftest import ROOT

_spec = importlib.util.spec_from_file_location("guide_outputs", ROOT / "scripts" / "guide_outputs.py")
guide_outputs = importlib.util.module_from_spec(_spec)
sys.modules["guide_outputs"] = guide_outputs
_spec.loader.exec_module(guide_outputs)

#: the guides issue 12 asks to be walked, and what each must hold at least (so that a guide
#: whose blocks were all lost, or renamed, does not pass by walking nothing)
WALKED = {"docs/federation-guide.md": ("console",), "docs/guide-federation.fr.md": ("console",),
          "docs/guide-associations.md": ("console",), "docs/guide-developers.md": ("console", "python", "output")}


@pytest.mark.parametrize("guide", sorted(guide_outputs.SETUPS))
def test_guide_shows_what_the_tool_prints(guide):
    outcome = guide_outputs.walk(ROOT / guide, guide_outputs.SETUPS[guide])
    assert outcome.problems == [], (
        "\n\n".join(outcome.problems) + "\n\nIf the tool is right, run: python scripts/guide_outputs.py --write " + guide)


@pytest.mark.parametrize("guide", sorted(WALKED))
def test_guide_has_something_to_walk(guide):
    found = guide_outputs.blocks((ROOT / guide).read_text(encoding="utf-8"))
    kinds = {"output" if b.output_of else b.kind for b in found if not b.skip}
    assert set(WALKED[guide]) <= kinds
    assert sum(len(guide_outputs.steps(b)) for b in found if b.kind == "console") >= 1
    assert guide in guide_outputs.SETUPS


def test_elided_lines_and_normalised_values():
    work = ROOT / "nowhere"
    printed = ["head", "a", "b", "pseudonym ex:pw/" + "ab" * 16, f"{work}/data/x.json: fine", "tail"]
    assert guide_outputs.matches(["head", "...", "tail"], printed, work)
    assert guide_outputs.matches(["head", "...", "b", "...", "tail"], printed, work)
    assert guide_outputs.matches(["head", "a", "b", "pseudonym ex:pw/" + "cd" * 16, "data/x.json: fine", "tail"],
                                 printed, work)
    assert not guide_outputs.matches(["head", "...", "c", "...", "tail"], printed, work)
    assert not guide_outputs.matches(["head", "tail"], printed, work)  # no `...`: every line
    assert not guide_outputs.matches(["head", "...", "tail", "more"], printed, work)
    assert guide_outputs.rewritten(["x", "y", "...", "z"], printed) == ["head", "a", "...", "tail"]
    assert guide_outputs.rewritten(["x"], printed) == printed


def test_json_excerpts_compare_as_data():
    same = guide_outputs.same_data
    assert same({"a": [1, {"hint": "Check the spelling; ..."}]}, {"a": [1, {"hint": "Check the spelling; more"}]})
    assert not same({"a": 1}, {"a": 1, "b": 2})  # a key the guide leaves out is a difference
    assert not same({"hint": "Check ..."}, {"hint": "Look"})


def test_write_rewrites_a_stale_output_and_check_reports_it(tmp_path):
    guide = tmp_path / "guide.md"
    guide.write_text("Intro.\n\n<!-- file: data.csv -->\n```csv\nid,name\nex:org/a,A\n```\n\n"
                     "```console\n$ peer-schema validate missing.yaml   # exit code 1\nsomething else\n```\n\n"
                     "```python\nraise ValueError('snippet broken')\n```\n\n"
                     "```python\nassert open('data.csv').read() == 'id,name\\nex:org/a,A\\n'  # the file shown\n```\n",
                     encoding="utf-8")
    outcome = guide_outputs.walk(guide, guide_outputs.Setup(lambda work: None))
    problems = "\n".join(outcome.problems)
    assert "exits with 2" in problems and "something else" in problems and "ValueError: snippet broken" in problems
    assert "$ peer-schema validate missing.yaml   # exit code 1\n" \
           "peer-schema validate: missing.yaml: no such file or folder\n" \
           "missing.yaml: error [read.no-such-path]" in outcome.text
    assert "something else" not in outcome.text and outcome.text.startswith("Intro.\n\n<!-- file: data.csv -->")
    # the rewritten guide passes, but for the exit code the guide states wrongly and the snippet
    guide.write_text(outcome.text, encoding="utf-8")
    again = guide_outputs.walk(guide, guide_outputs.Setup(lambda work: None))
    assert len(again.problems) == 2


def test_the_script_checks_one_guide_from_the_command_line(capsys):
    assert guide_outputs.main(["docs/guide-associations.md"]) == 0
    assert "every output shown is the tool's" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        guide_outputs.main(["docs/no-such-guide.md"])


def test_exit_codes_stated_in_either_language():
    block = guide_outputs.Block("console", 0, ["$ peer-schema validate a.yaml   # code de sortie 1", "out",
                                               "$ peer-schema validate b.yaml   # exit code 0", "$ peer-schema vocab"])
    assert [(s.exit_code, s.expected) for s in guide_outputs.steps(block)] == [(1, ["out"]), (0, []), (None, [])]
