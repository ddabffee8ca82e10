"""Overdue milestones: not done and dated before the --as-of day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.status.conftest import run_json

from icmkit.loading.program_loader import load_program
from icmkit.loading.source import WorkingTreeSource
from icmkit.progress.milestones import overdue_milestones


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2027-03-26", []),  # due that day: not late yet
        ("2027-03-27", [("MS-PREPROD", 1)]),
        ("2027-05-04", [("MS-PREPROD", 39), ("MS-GOLIVE", 1)]),
    ],
)
def test_overdue_as_of(varied_program: Path, as_of: str, expected: list[tuple[str, int]]) -> None:
    data = run_json(str(varied_program), "--as-of", as_of)
    assert [(m["id"], m["days_late"]) for m in data["overdue_milestones"]] == expected
    assert data["as_of"] == as_of


def test_done_milestones_are_never_overdue(varied_program: Path) -> None:
    program = load_program(WorkingTreeSource(varied_program), root_label="p").program
    late = overdue_milestones(program, dt.date(2030, 1, 1))
    assert [m.id for m in late] == ["MS-PREPROD", "MS-GOLIVE"]
    assert [m.id for m in overdue_milestones(program, dt.date(2030, 1, 1), phase=4)] == [
        "MS-GOLIVE"
    ]


def test_as_of_must_be_a_date(varied_program: Path) -> None:
    from tests.status.conftest import run

    result = run(str(varied_program), "--as-of", "15/04/2027")
    assert result.exit_code == 2
    assert result.stderr.startswith("icmkit: error: invalid value for '--as-of'")
