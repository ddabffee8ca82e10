"""docs/cli.md is the `--help` of every command, and every command has help to show."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.cli.reference import REGENERATE, command_tree, missing_help, reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_up_to_date() -> None:
    expected = reference(app)
    current = DOC.read_text(encoding="utf-8") if DOC.exists() else ""
    assert current == expected, f"docs/cli.md is out of date; regenerate it with `{REGENERATE}`"


def test_every_command_and_option_has_help_text() -> None:
    assert missing_help(app) == [], "add a docstring or help= to each of these"


def test_the_reference_holds_each_command_as_its_help_shows_it() -> None:
    text = reference(app)
    names = [name for name, _, _ in command_tree(app)]
    assert names[0] == "icmkit"
    assert {"icmkit check", "icmkit init", "icmkit schema"} <= set(names)
    for name in names[1:]:
        assert f"## `{name}`\n\n```text\n$ {name} --help\nUsage: {name} [OPTIONS]" in text
    run = CliRunner().invoke(app, ["schema", "--help"], terminal_width=100)
    assert run.exit_code == 0
    # What a user sees, apart from the width the terminal wraps it at.
    assert " ".join(run.stdout.split()) in " ".join(text.split())
    assert "--install-completion" in text


def test_missing_help_names_the_command_and_the_option() -> None:
    bare = typer.Typer()

    @bare.command()
    def first(count: int = typer.Option(1, "--count")) -> None:
        pass

    @bare.command()
    def second() -> None:
        """Documented."""

    assert missing_help(bare) == ["icmkit", "icmkit first", "icmkit first --count"]
