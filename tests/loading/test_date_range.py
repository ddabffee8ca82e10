"""Every date in a program is in the years 1900 to 2999, where the calculations can always
count a day before and after it."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.loading.conftest import CheckRun, replace


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        ("1900-01-01", True),
        ("2999-12-31", True),
        ("1899-12-31", False),
        ("3000-01-01", False),
        ("0001-01-01", False),
        ("9999-12-31", False),
    ],
)
def test_a_date_must_be_in_the_supported_years(
    program: Path, check: CheckRun, day: str, ok: bool
) -> None:
    replace(program, "business-requirements.yaml", "by: 2027-09-30", f"by: {day}")
    run = check()
    if ok:
        assert run.exit_code == 0, run.stdout
    else:
        assert run.findings == [
            "business-requirements.yaml:5:83: error: SCH003 `by`: expected a date in the "
            "years 1900 to 2999"
        ]


def test_a_timestamp_must_be_in_the_supported_years(program: Path, check: CheckRun) -> None:
    (program / "signoffs.yaml").write_text(
        'signoffs:\n  - {by: Bo, role: Admin, on: "3000-01-01T00:00:00Z", items: {}}\n',
        encoding="utf-8",
    )
    run = check()
    assert [line.split(" ", 3)[2] for line in run.errors()] == ["SCH003"]
    assert "expected a date in the years 1900 to 2999" in run.stdout
