"""Check-rule test helpers: a clean program in the current folder, edited one thing at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from icmkit.checks.registry import RULES
from icmkit.cli.app import app


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (which must occur exactly once) by ``new`` in the file at ``path``."""

    path: str
    old: str
    new: str


@dataclass(frozen=True)
class Case:
    """A program that differs from the minimal one by ``edits``, and what ``check`` says."""

    code: str
    name: str
    edits: tuple[Edit, ...]
    expect: tuple[str, ...] = ()
    exit_code: int = 1


def apply(root: Path, edits: Iterable[Edit]) -> None:
    for edit in edits:
        target = root / edit.path
        text = target.read_text(encoding="utf-8")
        assert text.count(edit.old) == 1, f"{edit.old!r} is not in {edit.path} exactly once"
        target.write_text(text.replace(edit.old, edit.new), encoding="utf-8")


def run_check(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", ".", *args])


def codes_with_prefix(prefix: str) -> set[str]:
    return {code for code in RULES if code.startswith(prefix)}


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal program as the current folder, so findings show program-relative paths."""
    monkeypatch.chdir(minimal_program)
    return minimal_program


CheckAfter = Callable[..., Result]


@pytest.fixture
def check_after(program: Path) -> CheckAfter:
    """``check_after(edits, *args)``: apply the edits to the program, then run ``check``."""

    def run(edits: Iterable[Edit], *args: str) -> Result:
        apply(program, edits)
        return run_check(*args)

    return run


def assert_reports(result: Result, case: Case) -> None:
    assert result.exit_code == case.exit_code, result.output
    lines = result.output.splitlines()
    for line in case.expect:
        assert line in lines, f"expected line not in output:\n{line}\n---\n{result.output}"


def assert_accepts(result: Result, code: str) -> None:
    assert result.exit_code == 0, result.output
    assert f" {code} " not in result.output, result.output
