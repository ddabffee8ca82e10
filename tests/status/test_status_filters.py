"""Every filter narrows the rows, the progress and the lists that depend on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.status.conftest import requirement_ids, run, run_json

ALL = ["FR-DI-001", "FR-DI-003", "FR-PC-001", "FR-DI-002", "FR-DI-004"]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], ALL),
        (["--phase", "3"], ["FR-DI-002", "FR-DI-004"]),
        (["--category", "plan_design_calculation"], ["FR-PC-001"]),
        (["--owner", "bo"], ["FR-DI-003", "FR-DI-004"]),
        (["--kind", "standard"], ["FR-DI-001", "FR-DI-003"]),
        (["--kind", "unique"], ["FR-PC-001"]),
        (["--kind", "assisted"], ["FR-DI-002", "FR-DI-004"]),
        (["--status", "accepted"], ["FR-DI-001", "FR-DI-004"]),
        (["--status", "deferred"], ["FR-DI-003"]),
        (["--open"], ["FR-PC-001", "FR-DI-002"]),
        (["--owner", "ana", "--open"], ["FR-PC-001", "FR-DI-002"]),
        (["--kind", "assisted", "--owner", "bo"], ["FR-DI-004"]),
    ],
)
def test_filter_narrows_rows(varied_program: Path, args: list[str], expected: list[str]) -> None:
    data = run_json(str(varied_program), *args)
    assert requirement_ids(data) == expected
    shown = {"FR-DI-001", "FR-DI-003", "FR-PC-001", "FR-DI-002", "FR-DI-004"} - set(expected)
    text = run(str(varied_program), *args, "--width", "100").stdout
    for hidden in shown:
        assert hidden not in text
    for kept in expected:
        assert kept in text


def test_phase_filter_keeps_one_phase_and_its_milestones(varied_program: Path) -> None:
    data = run_json(str(varied_program), "--phase", "4", "--as-of", "2027-06-01")
    assert [p["number"] for p in data["phases"]] == [4]
    assert [m["id"] for m in data["overdue_milestones"]] == ["MS-GOLIVE"]
    assert [b["id"] for b in data["hours"]["support_budgets"]] == ["BUD-SUPPORT"]
    assert data["progress"]["total"] == 0
    assert data["filters"]["phase"] == 4


def test_other_filters_hide_empty_phases_and_exit_criteria(varied_program: Path) -> None:
    data = run_json(str(varied_program), "--owner", "bo")
    assert [p["number"] for p in data["phases"]] == [1, 3]
    assert all(p["exit_criteria"] == [] for p in data["phases"])
    assert data["progress"] == {
        "total": 1,
        "accepted": 1,
        "tested": 1,
        "deferred": 1,
        "percent": 100,
    }
    text = run(str(varied_program), "--owner", "bo").stdout
    assert "Filtered by owner bo" in text
    assert "Exit criteria" not in text and "Phase 2" not in text


def test_filters_narrow_categories_hours_and_tests(varied_program: Path) -> None:
    data = run_json(str(varied_program), "--kind", "assisted")
    assert [c["id"] for c in data["categories"]] == ["data_integration"]
    assert data["hours"]["assisted_planned"] == "6.5"
    assert [t["id"] for t in data["tests"]] == ["TC-DI-002"]

    data = run_json(str(varied_program), "--kind", "unique")
    assert data["hours"]["assisted_planned"] == "0"
    assert data["tests"] == []
    assert [c["id"] for c in data["categories"]] == ["plan_design_calculation"]


def test_unknown_phase_is_a_usage_error(varied_program: Path) -> None:
    result = run(str(varied_program), "--phase", "7")
    assert result.exit_code == 2
    assert "--phase 7: no such phase (the program has phases 1, 2, 3, 4)" in result.stderr
    assert result.stdout == ""


def test_bad_kind_is_refused(varied_program: Path) -> None:
    result = run(str(varied_program), "--kind", "special")
    assert result.exit_code == 2
    assert "special" in result.output
