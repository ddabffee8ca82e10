"""`icmkit calc` over several periods: what one period carries into the next (credit to date
without cancelled deals, earnings a closed gate withheld). Amounts worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

RUN_PLAN = """\
plan:
  id: PLAN-RUN
  name: Runs
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [AE]}
  measures:
    - {id: arr, name: New ARR, source: DS-CRM}
  quotas:
    - {id: q-arr, measure: arr, period: annual, amount: 600000}
  clawback: {window_days: 365, reduces_attainment: true}
  components:
    - id: commission
      name: Commission
      kind: tiered
      measure: arr
      method: marginal
      scope: to_date
      tiers:
        - {from: 0, to: 50000, rate: "8%"}
        - {from: 50000, rate: "12%"}
    - {id: gated, name: Gated, kind: flat, measure: arr, rate: "1%",
       gates: [{quota: q-arr, min_attainment: "10%", scope: to_date, on_miss: withhold}]}
  requirements: [FR-PC-001]
"""

RUN_ROWS = """\
participant,id,date,amount,cancelled_on
A1,T1,2027-01-10,60000,2027-03-05
A1,T2,2027-02-10,1000,
A1,T3,2027-03-10,1000,
A1,T4,2027-04-10,60000,
"""


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    (minimal_program / "plans" / "run.yaml").write_text(RUN_PLAN, encoding="utf-8")
    (minimal_program / "tx.csv").write_text(RUN_ROWS, encoding="utf-8")
    return minimal_program


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_a_cancelled_deal_leaves_credit_to_date_and_a_withheld_gate_pays_when_it_opens(
    program: Path, engine: str
) -> None:
    code, out, err = _invoke(
        [
            "calc",
            "PLAN-RUN",
            "--transactions",
            "tx.csv",
            "--period",
            "2027-01..2027-04",
            "--engine",
            engine,
        ]
    )
    assert (code, err) == (0, "")
    # January: T1's 60,000 is 50,000 at 8% + 10,000 at 12% = 5,200; the gate (10% of
    # 600,000) is open: 1% = 600.
    # February: 60,000 to date, so T2's 1,000 is at 12% = 120; the gate pays 10.
    # March: T1 is cancelled, so credit to date is T2's 1,000 alone and T3's 1,000 is at 8%
    # = 80; T1's 5,800 is clawed back; the gate is closed (2,000 to date): 10 withheld.
    # April: 2,000 to date, T4's 60,000 is 48,000 at 8% + 12,000 at 12% = 5,280; the gate
    # opens (62,000) and pays 600 plus the 10 withheld in March.
    assert out.splitlines() == [
        "participant,plan,period,commission,gated,clawbacks,earnings,draw_paid,draw_recovered,"
        "draw_balance,held,payout",
        "A1,PLAN-RUN,2027-01,5200.00,600.00,0.00,5800.00,0.00,0.00,0.00,0.00,5800.00",
        "A1,PLAN-RUN,2027-02,120.00,10.00,0.00,130.00,0.00,0.00,0.00,0.00,130.00",
        "A1,PLAN-RUN,2027-03,80.00,0.00,-5800.00,-5720.00,0.00,0.00,0.00,0.00,-5720.00",
        "A1,PLAN-RUN,2027-04,5280.00,610.00,0.00,5890.00,0.00,0.00,0.00,0.00,5890.00",
    ]


VERSIONED_PLAN = """\
plan:
  id: PLAN-V
  name: Versions
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [AE]}
  measures:
    - {id: arr, name: New ARR, source: DS-CRM}
  quotas:
    - {id: q-arr, measure: arr, period: annual, amount: 600000}
  components:
    - {id: gated, name: Gated, kind: flat, measure: arr, rate: "1%",
       gates: [{quota: q-arr, min_attainment: "10%", scope: to_date, on_miss: withhold}]}
  versions:
    - from: 2027-03-01
      components:
        - {id: gated, name: Gated, kind: flat, measure: arr, rate: "1%"}
  requirements: [FR-PC-001]
"""


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_what_a_gate_withheld_is_paid_by_a_later_version_without_the_gate(
    program: Path, engine: str
) -> None:
    (program / "plans" / "v.yaml").write_text(VERSIONED_PLAN, encoding="utf-8")
    (program / "tx.csv").write_text(
        "participant,id,date,amount\nA1,T1,2027-01-10,10000\nA1,T2,2027-03-10,10000\n",
        encoding="utf-8",
    )
    code, out, err = _invoke(
        [
            "calc",
            "PLAN-V",
            "--transactions",
            "tx.csv",
            "--period",
            "2027-01..2027-03",
            "--engine",
            engine,
        ]
    )
    assert (code, err) == (0, "")
    # January: 10,000 to date is below the gate's 60,000: its 100 is withheld. From March
    # the plan has no gate: T2's 100 and the 100 withheld in January are paid.
    assert [line.split(",")[2:4] for line in out.splitlines()[1:]] == [
        ["2027-01", "0.00"],
        ["2027-02", "0.00"],
        ["2027-03", "200.00"],
    ]
