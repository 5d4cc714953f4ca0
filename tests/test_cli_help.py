"""`--help` speaks to the people who run the command: every command and subcommand says in one
line what it does, and has a longer description; every argument says what it is for."""

from __future__ import annotations

import argparse

import pytest

from peer_schema.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """(command path, its parser, its one-line help in the list of its parent) for every command."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield (*path, name), sub, helps.get(name)
                yield from _commands(sub, (*path, name))


COMMANDS = list(_commands(build_parser()))


def test_the_walk_sees_every_command():
    names = {" ".join(path) for path, _, _ in COMMANDS}
    assert {"validate", "export", "store", "store load", "query", "template", "import", "bundle", "merge", "diff",
            "migrate", "synth", "schema", "vocab"} <= names


@pytest.mark.parametrize("path, parser, line", COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_every_command_says_what_it_does(path, parser, line):
    assert line and line.strip() and "\n" not in line, f"{' '.join(path)}: no one-line help"
    assert parser.description and len(parser.description) > len(line) / 2, f"{' '.join(path)}: no description"


@pytest.mark.parametrize("path, parser, line", [((), build_parser(), ""), *COMMANDS],
                         ids=["peer-schema", *(" ".join(c[0]) for c in COMMANDS)])
def test_every_argument_says_what_it_is_for(path, parser, line):
    missing = [action.option_strings[-1] if action.option_strings else action.metavar or action.dest
               for action in parser._actions
               if not isinstance(action, argparse._SubParsersAction)
               and (not action.help or not action.help.strip() or action.help == argparse.SUPPRESS)]
    assert not missing, f"{' '.join(path) or 'peer-schema'}: no help for {', '.join(map(str, missing))}"


def test_the_top_level_description_speaks_to_users(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    for word in ("validate", "workbook", "bundle", "research"):
        assert word in text
    for internal in ("parses options", "calls the library", "argparse"):
        assert internal not in text
