"""Coverage rules stay quiet about what may be missing only because it did not load."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app


def _check(program: Path) -> list[str]:
    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 1
    return result.stdout.splitlines()


def test_a_broken_requirement_does_not_make_its_category_look_empty(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    core = minimal_program / "requirements" / "core.yaml"
    text = core.read_text(encoding="utf-8")
    # FR-PC-001 is the only requirement of `plan_design_calculation`.
    core.write_text(text.replace("    kind: unique\n", "    kind: unique\n    prio: high\n"))
    monkeypatch.chdir(minimal_program)

    assert _check(minimal_program) == [
        "requirements/core.yaml:13:5: error: SCH001 unknown key `prio` in requirement `FR-PC-001`; "
        "did you mean `priority`?",
        "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check.",
    ]


def test_a_broken_test_file_does_not_make_plans_look_untested(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = minimal_program / "tests" / "plan-ae.yaml"
    cases.write_text(cases.read_text(encoding="utf-8").replace("test_cases:", "test_cases: [", 1))
    monkeypatch.chdir(minimal_program)

    lines = _check(minimal_program)

    assert [line.split(" ")[2] for line in lines[:-1]] == ["YML001"]
    assert (
        lines[-1]
        == "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check."
    )
