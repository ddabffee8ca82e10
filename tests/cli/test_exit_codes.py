"""Exit codes: 0 clean, 1 findings, 2 usage or unreadable input, 3 internal error."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.loading.conftest import invoke, replace
from typer.testing import CliRunner

import icmkit.engine.load_and_check
from icmkit import __version__
from icmkit.cli.app import app
from icmkit.model.program_bundle import Program

HINT = (
    "This is a bug in icmkit; please report it with the command you ran "
    "(run it again as `icmkit --debug ...` to see the traceback)."
)


def _crash(program: Program, *args: object) -> None:
    raise RuntimeError("rule table is corrupt")


def test_clean_program_exits_0(program: Path) -> None:
    run = invoke(["check"])
    assert run.exit_code == 0
    assert run.stdout == "No problems found (7 files checked).\n"
    assert run.stderr == ""


def test_findings_exit_1(program: Path) -> None:
    replace(program, "requirements/core.yaml", "status: proposed", "status: agred")
    run = invoke(["check"])
    assert run.exit_code == 1
    assert run.stderr == ""


def test_unknown_format_is_a_usage_error(program: Path) -> None:
    run = invoke(["check", "--format", "xml"])
    assert run.exit_code == 2
    assert "'xml' is not one of" in run.stderr
    assert run.stdout == ""


def test_not_a_program_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run = invoke(["check"])
    assert run.exit_code == 2
    assert len(run.stderr.splitlines()) == 1
    assert run.stderr.startswith("icmkit: error: .: not an icmkit program")


def test_internal_error_exits_3_with_a_hint_and_no_traceback(
    program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(icmkit.engine.load_and_check, "check_program", _crash)
    run = invoke(["check"])  # asserts that no traceback is shown
    assert run.exit_code == 3
    assert run.stdout == ""
    assert run.stderr.splitlines() == [
        "icmkit: internal error: RuntimeError: rule table is corrupt",
        HINT,
    ]


def test_debug_shows_the_traceback(program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icmkit.engine.load_and_check, "check_program", _crash)
    result = CliRunner().invoke(app, ["--debug", "check"])
    assert result.exit_code == 3
    lines = result.stderr.splitlines()
    assert lines[0] == "Traceback (most recent call last):"
    assert "RuntimeError: rule table is corrupt" in lines
    assert lines[-2:] == ["icmkit: internal error: RuntimeError: rule table is corrupt", HINT]


def test_debug_does_not_stick_to_later_runs(program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icmkit.engine.load_and_check, "check_program", _crash)
    CliRunner().invoke(app, ["--debug", "check"])
    run = invoke(["check"])
    assert run.exit_code == 3
    assert "Traceback" not in run.stderr


def test_debug_environment_variable(program: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(icmkit.engine.load_and_check, "check_program", _crash)
    result = CliRunner().invoke(app, ["check"], env={"ICMKIT_DEBUG": "1"})
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):")


def test_version() -> None:
    run = invoke(["--version"])
    assert run.exit_code == 0
    assert run.stdout == f"icmkit {__version__}\n"
