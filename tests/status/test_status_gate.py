"""`--gate N`: the blockers of leaving a phase, with an exit code CI can use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import build_file_tree
from tests.status.conftest import VARIED_TIMELINE, run

FAILED_TEST = """
test_cases:
  - id: TC-AE-001
    title: Period total across the tier boundary
    stage: unit
    verifies: [FR-PC-001]
    steps: [Load one deal of 60000]
    expected_result: Paid 5200.
    status: failed
    run: {by: bo, on: 2027-03-20}
  - id: TC-DI-001
    title: Nightly CRM import loads opportunities
    stage: system
    verifies: [FR-DI-001]
    steps: [Run the nightly import]
    expected_result: Row counts match.
    status: passed
    run: {by: bo, on: 2027-02-01}
"""


@pytest.fixture
def complete_phase(minimal_program: Path) -> Path:
    """Phase 1 done: its exit criterion is met and its one must-have requirement is tested."""
    core = (minimal_program / "requirements/core.yaml").read_text(encoding="utf-8")
    core = core.replace("phase: 1\n    status: agreed", "phase: 1\n    status: tested", 1)
    return build_file_tree(minimal_program, {"requirements/core.yaml": core})


@pytest.fixture
def blocked_phase(minimal_program: Path) -> Path:
    """Phase 2 blocked three ways: an open exit criterion, an agreed must-have, a failed test."""
    return build_file_tree(
        minimal_program, {"timeline.yaml": VARIED_TIMELINE, "tests/plan-ae.yaml": FAILED_TEST}
    )


def test_gate_of_a_complete_phase_exits_0(complete_phase: Path) -> None:
    result = run(str(complete_phase), "--gate", "1")
    assert result.exit_code == 0, result.output
    assert result.stdout == "Phase 1 (Sandbox prototype) can be closed: nothing blocks it.\n"


def test_gate_of_an_open_phase_exits_1_and_lists_blockers(blocked_phase: Path) -> None:
    result = run(str(blocked_phase), "--gate", "2", "--width", "100")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Phase 2 (Design revision and pre-production) cannot be closed: 3 blockers."
    )
    assert lines[1:3] == ["Exit criteria not done", "  [ ] Every plan type has a passing test case"]
    assert lines[3] == "Must-have requirements not tested or accepted"
    assert lines[4].startswith("  [a] FR-PC-001 Account executive commission with marginal tiers")
    assert lines[4].split()[-2:] == ["agreed", "ana"]
    assert lines[5] == "Failing test cases"
    assert lines[6].startswith("  [!] TC-AE-001 Period total across the tier boundary (FR-PC-001)")
    assert lines[6].split()[-2:] == ["unit", "failed"]
    assert len(lines) == 7


def test_deferred_and_should_requirements_do_not_block(minimal_program: Path) -> None:
    core = (minimal_program / "requirements/core.yaml").read_text(encoding="utf-8")
    core = core.replace("phase: 1\n    status: agreed", "phase: 1\n    status: deferred", 1)
    core = core.replace(
        "phase: 2\n    status: agreed", "priority: should\n    phase: 2\n    status: agreed", 1
    )
    build_file_tree(minimal_program, {"requirements/core.yaml": core})
    assert run(str(minimal_program), "--gate", "1").exit_code == 0
    assert run(str(minimal_program), "--gate", "2").exit_code == 0


def test_gate_json(blocked_phase: Path) -> None:
    result = run(str(blocked_phase), "--gate", "2", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["can_close"] is False
    blockers = data["blockers"]
    assert [c["text"] for c in blockers["exit_criteria"]] == [
        "Every plan type has a passing test case"
    ]
    assert [r["id"] for r in blockers["requirements"]] == ["FR-PC-001"]
    assert [t["id"] for t in blockers["failing_tests"]] == ["TC-AE-001"]


def test_gate_markdown_lists_blockers_as_open_tasks(blocked_phase: Path) -> None:
    result = run(str(blocked_phase), "--gate", "2", "--format", "md")
    assert result.exit_code == 1
    tasks = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    assert tasks == [
        "- [ ] Every plan type has a passing test case",
        "- [ ] FR-PC-001 Account executive commission with marginal tiers (agreed)",
        "- [ ] TC-AE-001 Period total across the tier boundary",
    ]


def test_gate_of_a_missing_phase_exits_2(complete_phase: Path) -> None:
    result = run(str(complete_phase), "--gate", "9")
    assert result.exit_code == 2
    assert "--gate 9: no such phase" in result.stderr
    assert result.stdout == ""


ROSTER = """
participants:
  - {id: A1, name: Eli Novak, role: AE, hire_date: 2025-06-02}
  - {id: A2, name: Fay Chen, role: AE, hire_date: 2026-01-05, leave_date: 2027-04-30}
"""


def _go_live_phase(minimal_program: Path) -> Path:
    """Phase 4 (with the go-live milestone, 2027-05-03) has nothing else blocking it."""
    timeline = (minimal_program / "timeline.yaml").read_text(encoding="utf-8")
    assert "MS-GOLIVE" in timeline and "phase: 4" in timeline
    return build_file_tree(minimal_program, {"participants.yaml": ROSTER})


def test_go_live_gate_waits_for_every_active_participant_s_acceptance(
    minimal_program: Path,
) -> None:
    from typer.testing import CliRunner

    from icmkit.cli.app import app

    program = _go_live_phase(minimal_program)
    before = run(str(program), "--gate", "4", "--format", "json")
    data = json.loads(before.stdout)
    # A2 leaves before go-live: only A1 must accept
    assert [x["participant"] for x in data["blockers"]["letters_not_accepted"]] == ["A1"]
    blocked = run(str(program), "--gate", "4", "--width", "100")
    assert blocked.exit_code == 1
    assert "  [ ] A1 Eli Novak on PLAN-AE: not accepted" in blocked.stdout.splitlines()
    accepted = CliRunner().invoke(app, ["accept", str(program), "--participant", "A1"])
    assert accepted.exit_code == 0, accepted.output
    assert run(str(program), "--gate", "4").exit_code == 0
    # a rate change makes the letter a new version: blocked again until accepted again
    plan = program / "plans" / "ae.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace('"12%"', '"13%"'), encoding="utf-8")
    again = run(str(program), "--gate", "4", "--format", "md")
    assert again.exit_code == 1
    assert "- [ ] A1 Eli Novak on PLAN-AE: accepted an earlier version" in again.stdout


def test_other_gates_do_not_wait_for_letters(minimal_program: Path) -> None:
    program = _go_live_phase(minimal_program)
    data = json.loads(run(str(program), "--gate", "3", "--format", "json").stdout)
    assert data["blockers"]["letters_not_accepted"] == []
