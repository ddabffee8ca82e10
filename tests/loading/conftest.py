"""Helpers for loader tests: run ``icmkit check`` on a program with one file added or changed.

Every run is made from the program folder (so findings show program-relative paths) and
proves that the command changed no file and showed no traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import snapshot_tree
from typer.testing import CliRunner

from icmkit.cli.app import app

# The fields every functional requirement needs, for building small valid ones.
REQUIREMENT_BODY = """\
    title: Nightly import of opportunities
    category: data_integration
    kind: standard
    phase: 1
"""


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    @property
    def findings(self) -> list[str]:
        """The finding lines of text output (everything before the summary line)."""
        return self.lines[:-1]

    def errors(self) -> list[str]:
        """Finding lines that are errors (``path:line:col: error: CODE message``)."""
        return [line for line in self.findings if ": error: " in line]


def invoke(args: list[str], env: dict[str, str] | None = None) -> Run:
    result = CliRunner().invoke(app, args, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    run = Run(result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in run.stdout + run.stderr
    return run


CheckRun = Callable[..., Run]


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal program (which checks clean), as the current folder."""
    monkeypatch.chdir(minimal_program)
    return minimal_program


@pytest.fixture
def check(program: Path) -> CheckRun:
    """``check(*args)``: ``icmkit check . *args``, asserting no file of the program changed."""

    def run(*args: str, env: dict[str, str] | None = None) -> Run:
        before = snapshot_tree(program)
        result = invoke(["check", ".", *args], env=env)
        assert snapshot_tree(program) == before, "check changed a file of the program"
        return result

    return run


def replace(root: Path, rel: str, old: str, new: str) -> None:
    """Replace ``old``, which must occur exactly once, in the file ``rel``."""
    target = root / rel
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {rel} exactly once"
    target.write_text(text.replace(old, new), encoding="utf-8")
