"""One grammar for the program folder: every command that works on a program takes it as
``-p/--path``, and as a positional too where the command takes no other positional; a
folder given where an id or a revision is expected is answered with the right usage."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner, Result

from icmkit.cli.app import app

# command -> the arguments it needs besides the program; None: it takes no positional PATH
PROGRAM_COMMANDS: dict[str, tuple[list[str], bool]] = {
    "check": ([], True),
    "status": ([], True),
    "render": (["--out", "{out}/docs"], True),
    "export xlsx": (["--out", "{out}/book.xlsx"], True),
    "signoff": (["--by", "Ana Lee", "--role", "Sales operations lead"], True),
    "schema": ([], True),
    "init": (["--customer", "Acme", "--yes"], True),
    "test": ([], False),
    "diff": ([], False),
    "log": (["FR-PC-001"], False),
    "calc": (["--columns"], False),
    "import xlsx": (["{out}/edited.xlsx"], False),
    "model": (["--transactions", "{out}/transactions.csv"], True),
    "accept": (["--participant", "P1", "--by", "Ana Lee"], True),
}
"""Every command that takes ``--path`` (checked against the app below): the other arguments
it needs to run, and whether it also takes the program folder as a positional."""


def _commands_with_a_path_option() -> set[str]:
    root = typer.main.get_command(app)
    found: set[str] = set()

    def walk(command: object, names: tuple[str, ...]) -> None:
        children = getattr(command, "commands", None)
        if isinstance(children, dict):
            for name, child in children.items():
                walk(child, (*names, name))
            return
        params = getattr(command, "params", [])
        if any("--path" in getattr(p, "opts", []) for p in params):
            found.add(" ".join(names))

    walk(root, ())
    return found


def test_every_command_but_rules_takes_the_program_with_p() -> None:
    assert _commands_with_a_path_option() == set(PROGRAM_COMMANDS)


@pytest.fixture
def committed(minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal program with a roster of one, committed to git, a history of one deal
    beside it, and the current folder somewhere else."""
    (minimal_program / "participants.yaml").write_text(
        "participants:\n  - {id: P1, name: Ana Lee, role: AE, hire_date: 2026-01-05}\n",
        encoding="utf-8",
    )
    (tmp_path / "transactions.csv").write_text(
        "participant,id,date,amount\nP1,T1,2027-03-10,60000\n", encoding="utf-8"
    )
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Ana Lee",
        "GIT_AUTHOR_EMAIL": "ana@example.com",
        "GIT_COMMITTER_NAME": "Ana Lee",
        "GIT_COMMITTER_EMAIL": "ana@example.com",
    }
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "Start"]):
        subprocess.run(["git", *args], cwd=minimal_program, env=env, check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return minimal_program


def _run(args: list[str]) -> Result:
    result = CliRunner().invoke(app, args)
    assert "Traceback" not in result.output
    return result


def _args(command: str, extra: list[str], out: Path) -> list[str]:
    return [*command.split(), *(a.replace("{out}", str(out)) for a in extra)]


@pytest.fixture
def workbook(committed: Path, tmp_path: Path) -> Iterator[None]:
    book = tmp_path / "edited.xlsx"
    assert _run(["export", "xlsx", "-p", str(committed), "--out", str(book)]).exit_code == 0
    yield


def _target(command: str, program: Path, tmp_path: Path) -> Path:
    """``init`` takes a new folder; every other command the program."""
    return tmp_path / "new" if command == "init" else program


@pytest.mark.parametrize("spelling", ["-p", "--path"])
@pytest.mark.parametrize("command", sorted(PROGRAM_COMMANDS))
@pytest.mark.usefixtures("workbook")
def test_every_command_takes_the_program_with_p(
    command: str, spelling: str, committed: Path, tmp_path: Path
) -> None:
    extra, _ = PROGRAM_COMMANDS[command]
    target = _target(command, committed, tmp_path)
    result = _run([*_args(command, extra, tmp_path), spelling, str(target)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "command", sorted(c for c, (_, positional) in PROGRAM_COMMANDS.items() if positional)
)
def test_commands_without_other_positionals_take_the_program_positionally(
    command: str, committed: Path, tmp_path: Path
) -> None:
    extra, _ = PROGRAM_COMMANDS[command]
    target = _target(command, committed, tmp_path)
    result = _run([*command.split(), str(target), *_args("", extra, tmp_path)])
    assert result.exit_code == 0, result.output


def test_the_same_folder_both_ways_is_fine_two_folders_are_not(
    committed: Path, tmp_path: Path
) -> None:
    assert _run(["check", str(committed), "-p", str(committed)]).exit_code == 0
    result = _run(["check", str(committed), "-p", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"icmkit: error: two program folders given, {committed.as_posix()} and --path "
        f"{tmp_path.as_posix()}; give one\n"
    )


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (
            ["test", "program"],
            "not a test case id; give the program with -p: icmkit test -p program [ID]...",
        ),
        (
            ["test", "TC-AE-001", "program"],
            "not a test case id; give the program with -p: icmkit test -p program [ID]...",
        ),
        (
            ["diff", "program"],
            "not a revision; give the program with -p: icmkit diff -p program [BASE [HEAD]]",
        ),
        (
            ["diff", "main", "program"],
            "not a revision; give the program with -p: icmkit diff -p program [BASE [HEAD]]",
        ),
        (["log", "program"], "not an item id; give the program with -p: icmkit log -p program ID"),
        (
            ["calc", "program"],
            "not a plan; give the program with -p: icmkit calc -p program [PLAN] [OPTIONS]",
        ),
        (
            ["import", "xlsx", "program"],
            "not a workbook; give the program with -p: icmkit import xlsx -p program [WORKBOOK]",
        ),
    ],
)
def test_a_program_folder_where_an_id_or_revision_goes_gets_the_right_usage(
    committed: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], usage: str
) -> None:
    monkeypatch.chdir(committed.parent)
    result = _run(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"icmkit: error: `program` is a program folder, {usage}\n"


def test_a_plain_folder_where_an_id_goes_is_named_a_folder(
    committed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(committed)
    result = _run(["test", "plans"])
    assert result.exit_code == 2
    assert result.stderr == "icmkit: error: `plans` is a folder, not a test case id\n"
