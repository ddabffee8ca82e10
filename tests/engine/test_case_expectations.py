"""`icmkit test` and `icmkit check` on a multi-period test case whose expected values differ
from the computed ones: each mismatch names the result, the value and its line; and a run
paid each quarter carries what the maximum payment held back to the next payment."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.engine.load_and_check import load_and_check
from icmkit.model.testing import TestStatus as Status

CASES = """\
  - id: TC-AE-009
    title: Two months
    stage: unit
    verifies: [FR-PC-001]
    plan: PLAN-AE
    components: [commission]
    given:
      periods: 2027-03..2027-04
      participant: {id: P1, role: AE}
      transactions:
        - {id: T1, date: 2027-03-10, amount: 60000}
        - {id: T2, date: 2027-04-10, amount: 10000}
    expect:
      earnings: 6000
      results:
        - period: 2027-03
          earnings: 5000
          quota: {q-arr: 40000, q-none: 5}
          transactions:
            T1: {earned: 5000, rate: "9%", tier: 1}
            T9: {earned: 1, rate: "5%", tier: 2}
        - period: 2027-05
          payout: 1
  - id: TC-PAY-001
    title: Paid each quarter
    stage: unit
    verifies: [FR-PC-001]
    plan: PLAN-PAY
    components: [commission]
    given:
      periods: 2027-01..2027-06
      participant: {id: P1, role: AE}
      transactions:
        - {id: T1, date: 2027-01-10, amount: 40000}
        - {id: T2, date: 2027-02-10, amount: 40000}
        - {id: T3, date: 2027-05-10, amount: 10000}
    expect:
      payout: 7200
      results:
        - {period: 2027-06, payout: 2000}
"""

MARCH = "expected results[1] (P1 on PLAN-AE in 2027-03)"


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    cases = minimal_program / "tests" / "plan-ae.yaml"
    text = cases.read_text(encoding="utf-8")
    cases.write_text(text.replace("  - id: TC-DI-001", CASES + "  - id: TC-DI-001"))
    plan = (minimal_program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    (minimal_program / "plans" / "pay.yaml").write_text(
        plan.replace("PLAN-AE", "PLAN-PAY").replace(
            "  requirements: [FR-PC-001]",
            "  payment: {frequency: quarterly, calculation: monthly, max_per_period: 5000,\n"
            "            excess: carry_forward}\n"
            "  requirements: [FR-PC-001]",
        ),
        encoding="utf-8",
    )
    return minimal_program


def _invoke(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout


def test_each_expected_value_of_a_run_that_differs_is_named_at_its_line(program: Path) -> None:
    code, out = _invoke(["test", "TC-AE-009"])
    assert code == 1
    assert out.splitlines()[:10] == [
        "FAIL  TC-AE-009  Two months",
        f"      tests/plan-ae.yaml:34: {MARCH}.earnings 5,000.00, computed 5,200.00",
        f"      tests/plan-ae.yaml:35: {MARCH}.quota.q-arr 40,000.00, computed 50,000.00",
        f"      tests/plan-ae.yaml:35: {MARCH}.quota.q-none 5.00, but the plan has no quota "
        "`q-none` in force",
        f"      tests/plan-ae.yaml:37: {MARCH}.transactions.T1.earned 5,000.00, computed 5,200.00",
        f"      tests/plan-ae.yaml:37: {MARCH}.transactions.T1.rate 9%, computed 12%",
        f"      tests/plan-ae.yaml:37: {MARCH}.transactions.T1.tier 1, computed 2",
        f"      tests/plan-ae.yaml:38: {MARCH}.transactions.T9.earned 1.00, but no component "
        "priced T9 in 2027-03",
        f"      tests/plan-ae.yaml:38: {MARCH}.transactions.T9.rate 5%, but no component "
        "priced T9 in 2027-03",
        f"      tests/plan-ae.yaml:38: {MARCH}.transactions.T9.tier 2, but no component "
        "priced T9 in 2027-03",
    ]
    assert out.splitlines()[10] == (
        "      tests/plan-ae.yaml:40: expected results[2] (P1 on PLAN-AE in 2027-05).payout "
        "1.00, but no result was computed for P1 on PLAN-AE in 2027-05"
    )


def test_check_reports_an_expected_value_with_nothing_to_compare_at_its_key(
    program: Path,
) -> None:
    code, out = _invoke(["check"])
    assert code == 1
    lines = [line for line in out.splitlines() if "ENG001" in line]
    assert (
        "tests/plan-ae.yaml:35:41: error: ENG001 test case `TC-AE-009`: "
        f"{MARCH}.quota.q-none 5.00, but the plan has no quota `q-none` in force"
    ) in lines
    assert (
        "tests/plan-ae.yaml:38:35: error: ENG001 test case `TC-AE-009`: "
        f"{MARCH}.transactions.T9.rate 5%, but no component priced T9 in 2027-03"
    ) in lines


def test_what_the_maximum_payment_carries_forward_waits_for_the_next_payment(
    program: Path,
) -> None:
    code, out = _invoke(["test", "TC-PAY-001"])
    assert code == 1
    lines = [line.strip() for line in out.splitlines()]
    # paid each quarter: January and February accrue 6,400; March pays the maximum 5,000 and
    # carries 1,400 forward; May accrues 800; June pays 800 + the 1,400: 7,200 in all
    assert lines[1:3] == [
        "tests/plan-ae.yaml:57: expected results[1] (P1 on PLAN-PAY in 2027-06).payout "
        "2,000.00, computed 2,200.00",
        "P1 on PLAN-PAY in 2027-01:",
    ]
    march = lines.index("P1 on PLAN-PAY in 2027-03:")
    assert lines[march + 3 : march + 6] == [
        "due: 6,400.00 accrued = 6,400.00",
        "maximum payment 5,000.00: 1,400.00 carried forward",
        "payout = 5,000.00",
    ]
    june = lines.index("P1 on PLAN-PAY in 2027-06:")
    assert lines[june + 3 : june + 5] == [
        "due: 800.00 accrued + 1,400.00 carried forward = 2,200.00",
        "payout = 2,200.00",
    ]


def test_a_checked_program_carries_the_status_each_case_has_now(program: Path) -> None:
    cases = program / "tests" / "plan-ae.yaml"
    text = cases.read_text(encoding="utf-8")
    cases.write_text(
        text.replace(
            "        - {period: 2027-06, payout: 2000}\n",
            "        - {period: 2027-06, payout: 2000}\n    status: passed\n",
        )
    )
    checked = load_and_check(program)
    statuses = {case.id: case.status for case in checked.program.test_cases}
    # TC-AE-001 says passed and passes; TC-AE-009 says nothing and fails; TC-PAY-001 says
    # passed but fails on June's payout
    assert (statuses["TC-AE-001"], statuses["TC-AE-009"], statuses["TC-PAY-001"]) == (
        Status.PASSED,
        Status.FAILED,
        Status.FAILED,
    )
