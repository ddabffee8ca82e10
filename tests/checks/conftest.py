"""Check-rule test helpers: a clean program in the current folder, edited one thing at a time,
and the tests every rule family's test file shares (:func:`rule_tests`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from icmkit.cli.app import app
from icmkit.engine.load_and_check import EVERY_RULE


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
    return {found.code for found in EVERY_RULE if found.code.startswith(prefix)}


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


def _case_id(case: Case) -> str:
    return f"{case.code}-{case.name}"


def rule_tests(
    prefix: str, failing: Sequence[Case], passing: Sequence[Case]
) -> tuple[Callable[..., None], Callable[..., None], Callable[[], None]]:
    """The three tests of a rule family's test file: each failing case is reported, each
    passing case is accepted, and every rule whose code starts with ``prefix`` has cases of
    both kinds. Bind them to the names ``test_reports``, ``test_accepts`` and
    ``test_every_rule_has_a_failing_and_a_passing_case`` of the test module, where pytest
    collects them."""

    @pytest.mark.parametrize("case", failing, ids=_case_id)
    def test_reports(case: Case, check_after: CheckAfter) -> None:
        assert_reports(check_after(case.edits), case)

    @pytest.mark.parametrize("case", passing, ids=_case_id)
    def test_accepts(case: Case, check_after: CheckAfter) -> None:
        assert_accepts(check_after(case.edits), case.code)

    def test_every_rule_has_a_failing_and_a_passing_case() -> None:
        codes = codes_with_prefix(prefix)
        assert {c.code for c in failing} == codes
        assert {c.code for c in passing} == codes

    return test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case
