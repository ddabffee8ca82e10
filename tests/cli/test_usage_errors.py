"""Every usage error, click's own included, reads ``icmkit: error: …`` on stderr and exits 2;
``--help`` still works."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--bogus"], "no such option: --bogus (see `icmkit check --help`)"),
        (["--bogus"], "no such option: --bogus (see `icmkit --help`)"),
        (["log"], "missing argument 'ID' (see `icmkit log --help`)"),
        (["signoff", "--by", "Ana"], "missing option '--role' (see `icmkit signoff --help`)"),
        (
            ["check", "-f", "xml"],
            "invalid value for '--format' / '-f': Value error, 'xml' is not one of 'text', "
            "'json', 'github', 'sarif', 'junit' (see `icmkit check --help`)",
        ),
        (
            ["status", "--width", "3"],
            "invalid value for '--width': Input should be greater than or equal to 40 "
            "(see `icmkit status --help`)",
        ),
        (
            ["check", ".", "extra"],
            "got unexpected extra argument(s) (extra) (see `icmkit check --help`)",
        ),
        (["export", "csv"], "no such command 'csv' (see `icmkit export --help`)"),
    ],
)
def test_click_usage_errors_read_like_icmkit_errors(
    program: Path, args: list[str], message: str
) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"icmkit: error: {message}\n"


def test_a_mistyped_command_gets_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["chek"])
    assert result.exit_code == 2
    assert result.stderr.startswith("icmkit: error: no such command 'chek'. Did you mean 'check'")
    assert result.stderr.endswith("(see `icmkit --help`)\n")


@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["export", "xlsx", "--help"]])
def test_help_still_works(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: icmkit")
    assert result.stderr == ""


def test_the_installed_command_speaks_the_same(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "check", "--bogus"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == "icmkit: error: no such option: --bogus (see `icmkit check --help`)\n"
