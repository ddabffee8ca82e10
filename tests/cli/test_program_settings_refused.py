"""``calc``, ``model`` and ``test`` compute payouts with the calendar, currency and engine
settings of ``program.yaml``: when that file has errors they refuse (exit 2) instead of
computing on the defaults, and change no file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import snapshot_tree
from typer.testing import CliRunner

from icmkit.cli.app import app

REFUSAL = (
    "icmkit: error: cannot compute payouts: program.yaml has errors, and its calendar, "
    "currency and engine settings would be replaced by the defaults; fix program.yaml (see "
    "`icmkit check`) first. First error: program.yaml:5:36: SCH001 unknown key `week_start` "
    "in program; did you mean `week_starts`?\n"
)


def _misspell_calendar(program: Path) -> None:
    path = program / "program.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "  currency: USD\n",
        "  currency: USD\n  calendar: {fiscal_year_start: 2, week_start: sunday}\n",
    )
    path.write_text(text, encoding="utf-8")


def _transactions(tmp_path: Path) -> Path:
    path = tmp_path / "transactions.csv"
    path.write_text("participant,id,date,amount\nP1,D1,2027-02-10,1000\n", encoding="utf-8")
    return path


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    tx = str(_transactions(tmp_path))
    return {
        "calc": ["calc", "PLAN-AE", "--transactions", tx, "--period", "2027-02", "-p", "."],
        "test": ["test", "-p", "."],
        "model": ["model", ".", "--transactions", tx, "--period", "2027-02"],
    }


@pytest.mark.parametrize("command", ["calc", "test", "model"])
def test_a_clean_program_computes(program: Path, tmp_path: Path, command: str) -> None:
    result = CliRunner().invoke(app, _commands(tmp_path)[command])
    assert result.exit_code == 0, result.output
    assert "cannot compute payouts" not in result.output


@pytest.mark.parametrize("command", ["calc", "test", "model"])
def test_an_error_in_program_yaml_refuses_the_run(
    program: Path, tmp_path: Path, command: str
) -> None:
    _misspell_calendar(program)
    before = snapshot_tree(program)
    result = CliRunner().invoke(app, _commands(tmp_path)[command])
    assert result.exit_code == 2
    assert result.stderr == REFUSAL
    assert result.stdout == ""
    assert snapshot_tree(program) == before


def test_the_count_of_errors_is_given_when_there_are_several(program: Path) -> None:
    _misspell_calendar(program)
    path = program / "program.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  platform: Performio\n", "  platfrom: x\n"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["test", "-p", "."])
    assert result.exit_code == 2
    assert "First error of 2: program.yaml:3:3: SCH001 unknown key `platfrom`" in result.stderr


def test_refused_as_a_real_process(program: Path) -> None:
    _misspell_calendar(program)
    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "test", "-p", "."],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == REFUSAL
    assert "Traceback" not in done.stderr
