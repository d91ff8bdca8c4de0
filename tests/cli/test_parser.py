"""The command line's parser: set up only for the commands named, it parses exactly as the whole one."""

from __future__ import annotations

import argparse

import pytest

from dialogue_planner.cli import COMMANDS, build_parser

SAMPLES = [
    [],
    ["gui"],
    ["gui", "--exit-when-shown", "--db", "x.sqlite"],
    ["--db", "x.sqlite", "--user", "ana", "rounds"],
    ["demo", "--scale", "3", "--force"],
    ["review", "-o", "r.pdf", "--dialogue", "China", "--dialogue", "VN", "--from", "2020-01-01"],
    ["--db", "review", "review", "-o", "r.pdf"],  # a command's name as the value of --db
    ["--db", "gui", "rounds"],
    ["export-json", "-o", "e.json", "--progress-lines"],
    ["import-json", "check"],  # a file named like a command
    ["check"],
    ["backup", "-o", "b.sqlite"],
    ["restore", "old.sqlite"],
    ["brief", "12", "-o", "b.pdf", "--shareable", "--marking", "SECRET"],
]


def _subcommands(parser: argparse.ArgumentParser) -> list[str]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(action.choices)


@pytest.mark.parametrize("argv", SAMPLES, ids=" ".join)
def test_the_parser_set_up_for_the_named_commands_parses_as_the_whole_one(argv):
    assert build_parser(argv).parse_args(argv) == build_parser().parse_args(argv)


def test_only_the_named_commands_are_set_up():
    assert _subcommands(build_parser(["gui", "--db", "x.sqlite"])) == ["gui"]
    assert _subcommands(build_parser(["--db", "gui", "rounds"])) == ["gui", "rounds"]


def test_without_a_command_every_command_is_set_up_and_listed_in_the_help():
    parser = build_parser(["--db", "x.sqlite"])
    assert _subcommands(parser) == list(COMMANDS)
    help_text = parser.format_help()
    for name in COMMANDS:
        assert name in help_text


def test_an_unknown_command_is_refused_with_every_command_named(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser(["revue"]).parse_args(["revue"])
    assert exit_.value.code == 2
    error = capsys.readouterr().err
    assert "invalid choice: 'revue'" in error
    for name in COMMANDS:
        assert f"'{name}'" in error
