"""Plan rules that only show over several periods: each one stated in the format, with a
hand-computed multi-period test case in ``tests/fixtures/over_time`` that must pass.

Each expected value there was worked out by hand (see each test case's ``notes``); the
tests below run them as a user would, and prove that every expected payout really is checked:
moved by one cent, it fails.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.engine.case_runs import run_case
from icmkit.loading.program_loader import load_working_tree
from icmkit.model.testing import ExpectedResult

PROGRAM = Path(__file__).resolve().parents[1] / "fixtures" / "over_time"
LOADED = load_working_tree(PROGRAM, use_cache=False)
CASES = {case.id: case for case in LOADED.program.test_cases}
PLANS = {plan.id: plan for plan in LOADED.program.plans}

RULES = {
    "TC-DRAW-001": "draw for new hires from the hire date, monthly on a quarterly plan, "
    "recovered above the draw",
    "TC-SPIFF-001": "SPIFF limited per quarter on a monthly plan",
    "TC-CLAW-001": "clawback at the commission paid, and of the SPIFF",
    "TC-CAP-001": "cap of twice the annual target, prorated",
    "TC-OVR-001": "override above an amount threshold, effective-dated hierarchy",
    "TC-SEASON-001": "seasonal annual quota prorated for a mid-year hire",
    "TC-WEEKLY-001": "weekly pay periods",
    "TC-BIWEEKLY-001": "bi-weekly pay periods",
    "TC-SEMI-001": "semi-monthly pay periods",
    "TC-ADV-001": "draw paid in addition to earnings",
    "TC-LEAVER-001": "calculation as of a day inside the period",
    "TC-LUMP-001": "tiers paying a fixed amount spread over the tier",
    "TC-CASH-001": "commission released on cash receipts",
    "TC-TRANSFER-001": "transfer mid-period split between two prorated plans",
    "TC-VERSION-001": "plan versions: each period on the version in force on its first day",
}


def test_the_fixture_loads_and_holds_every_rule() -> None:
    assert LOADED.findings == []
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("case_id", sorted(RULES))
def test_the_hand_computed_case_passes(case_id: str) -> None:
    result = CliRunner().invoke(app, ["test", case_id, "-p", str(PROGRAM)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"PASS  {case_id}  ")


@pytest.mark.parametrize("case_id", sorted(RULES))
def test_every_expected_payout_is_checked(case_id: str) -> None:
    case = CASES[case_id]
    assert case.expect is not None and case.expect.results
    plan = PLANS[case.plan or ""]
    for index, expected in enumerate(case.expect.results):
        field = "payout" if expected.payout is not None else "earnings"
        value = getattr(expected, field)
        assert value is not None, f"{case_id} results[{index}] expects no payout"
        moved = copy.deepcopy(case)
        assert moved.expect is not None
        changed: ExpectedResult = moved.expect.results[index].model_copy(
            update={field: value + Decimal("0.01")}
        )
        moved.expect.results[index] = changed
        run = run_case(moved, plan, LOADED.program)
        assert [m.path for m in run.mismatches] == [("expect", "results", index, field)], (
            case_id,
            index,
        )


def test_the_over_time_cases_pass_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "test", "-p", str(PROGRAM)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == (
        f"{len(RULES)} passed, 0 failed, 0 could not be computed"
    )
