"""`icmkit calc` over time and teams: where credit to date starts, which earlier rows count,
and how far down the hierarchy a manager's plan reaches. Amounts worked out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

TO_DATE_PLAN = """\
plan:
  id: PLAN-TD
  name: To date
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [AE]}
  measures:
    - {id: arr, name: New ARR, source: DS-CRM}
    - {id: services, name: Services, field: services_amount}
  quotas:
    - {id: q-arr, measure: arr, period: annual, amount: 600000}
    - {id: q-arr-q, measure: arr, period: quarterly, amount: 150000}
    - {id: q-svc, measure: services, period: semi_annual, amount: 100000}
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
    - id: svc
      name: Services
      kind: tiered
      measure: services
      method: marginal
      scope: to_date
      tiers:
        - {from: 0, to: 50000, rate: "1%"}
        - {from: 50000, rate: "2%"}
  requirements: [FR-PC-001]
"""

TO_DATE_ROWS = """\
participant,id,date,amount,services_amount,measure
A1,T1,2027-02-10,60000,,
A1,T2,2027-04-10,40000,,
A1,T3,2027-05-10,20000,,
A1,S1,2027-02-10,,60000,services
A1,S2,2027-05-10,,10000,services
A1,T0,2026-12-10,90000,,
"""

CLAWBACK_PLAN = """\
plan:
  id: PLAN-CB
  name: Clawback
  effective: {from: 2026-01-01, to: 2028-01-01}
  eligibility: {roles: [AE]}
  measures:
    - {id: arr, name: New ARR, source: DS-CRM}
  clawback: {window_days: 365, reduces_attainment: false}
  components:
    - {id: commission, name: Commission, kind: flat, measure: arr, rate: "10%"}
  requirements: [FR-PC-001]
"""

MANAGER_PLAN = """\
plan:
  id: PLAN-MGR
  name: Manager plan
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [SM]}
  measures:
    - {id: team_arr, name: Team ARR, field: net_amount}
  crediting: {rollup: {levels: 1}}
  components:
    - {id: override, name: Team override, kind: override, measure: team_arr, rate: "2%",
       levels: 2}
  requirements: [FR-PC-001]
"""


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    return minimal_program


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _calc(plan: str, period: str, *extra: str) -> list[str]:
    code, out, err = _invoke(["calc", plan, "--transactions", "tx.csv", "--period", period, *extra])
    assert (code, err) == (0, ""), err
    return out.splitlines()


def test_credit_to_date_starts_with_the_period_of_the_components_quota(program: Path) -> None:
    plan = TO_DATE_PLAN.replace(
        '      scope: to_date\n      tiers:\n        - {from: 0, to: 50000, rate: "8%"}',
        "      scope: to_date\n      quota: q-arr-q\n      tiers:\n"
        '        - {from: 0, to: 50000, rate: "8%"}',
    ).replace(
        '      scope: to_date\n      tiers:\n        - {from: 0, to: 50000, rate: "1%"}',
        "      scope: to_date\n      quota: q-svc\n      tiers:\n"
        '        - {from: 0, to: 50000, rate: "1%"}',
    )
    assert plan.count("quota: q-") == 2
    _write(program, "plans/td.yaml", plan)
    _write(program, "tx.csv", TO_DATE_ROWS)
    # arr: the commission's quarterly quota starts credit to date on April 1 (not the annual
    # one's January 1): to date before May is T2's 40,000; T3's 20,000 from there is 10,000 at
    # 8% + 10,000 at 12% = 2,000. services: the semi-annual quota, from January 1: S1's
    # 60,000 is to date, so S2's 10,000 is at 2% = 200. T0 (2026) is never counted.
    assert _calc("PLAN-TD", "2027-05") == [
        "participant,commission,svc,clawbacks,earnings,payout",
        "A1,2000.00,200.00,0.00,2200.00,2200.00",
    ]


def test_without_a_quota_of_its_own_credit_to_date_starts_with_the_fiscal_year(
    program: Path,
) -> None:
    _write(program, "plans/td.yaml", TO_DATE_PLAN)
    _write(program, "tx.csv", TO_DATE_ROWS)
    # the components name no quota, so the measure's quarterly quota does not matter: arr to
    # date from January 1 is T1's 60,000 + T2's 40,000 = 100,000, so T3's 20,000 is all at
    # 12% = 2,400; services from January 1 as above, S2 at 2% = 200. T0 (2026) never counts.
    assert _calc("PLAN-TD", "2027-05") == [
        "participant,commission,svc,clawbacks,earnings,payout",
        "A1,2400.00,200.00,0.00,2600.00,2600.00",
    ]


def test_credit_to_date_never_starts_before_the_plan(program: Path) -> None:
    plan = TO_DATE_PLAN.replace("from: 2027-01-01", "from: 2027-03-01").replace(
        "    - {id: q-arr-q, measure: arr, period: quarterly, amount: 150000}\n", ""
    )
    _write(program, "plans/td.yaml", plan)
    _write(program, "tx.csv", TO_DATE_ROWS)
    # the plan starts on March 1: February's T1 and S1 are not credit to date.
    # arr: 40,000 to date, T3 = 2,000 as above; services: 0 to date, S2 at 1% = 100
    assert _calc("PLAN-TD", "2027-05")[1] == "A1,2000.00,100.00,0.00,2100.00,2100.00"


def test_without_quotas_credit_to_date_starts_with_the_calendar_year(program: Path) -> None:
    plan = (
        TO_DATE_PLAN.split("  quotas:\n")[0]
        + "  components:\n"
        + (TO_DATE_PLAN.split("  components:\n")[1])
    )
    _write(program, "plans/td.yaml", plan)
    _write(program, "tx.csv", TO_DATE_ROWS)
    # arr to date from January 1: 60,000 + 40,000 = 100,000, so T3 is all at 12% = 2,400
    # (T0 of December 2026 is the year before); services as before: 200
    assert _calc("PLAN-TD", "2027-05")[1] == "A1,2400.00,200.00,0.00,2600.00,2600.00"


def test_an_earlier_years_deal_cancelled_in_the_period_is_clawed_back(program: Path) -> None:
    _write(program, "plans/cb.yaml", CLAWBACK_PLAN)
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,cancelled_on\n"
        "A1,T1,2027-05-10,1000,\n"
        "A1,T0,2026-12-10,5000,2027-05-05\n"  # cancelled in May: 10% of 5,000 back
        "A1,T9,2026-11-10,7000,2027-06-05\n"  # cancelled after May: not yet
        "A1,T8,2026-11-10,3000,\n",  # never cancelled: not this period's
    )
    assert _calc("PLAN-CB", "2027-05") == [
        "participant,commission,clawbacks,earnings,payout",
        "A1,100.00,-500.00,-400.00,-400.00",
    ]


def test_a_manager_plan_reaches_as_deep_as_its_deepest_rule(program: Path) -> None:
    _write(program, "plans/mgr.yaml", MANAGER_PLAN)
    _write(
        program,
        "roster.csv",
        "participant,role,manager,hire_date,leave_date\nM1,SM,,,\nL1,AE,M1,,\nA1,AE,L1,,\n"
        "A2,AE,A1,,\n",
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,net_amount\nL1,T1,2027-03-10,100000\nA1,T2,2027-03-12,50000\n"
        "A2,T3,2027-03-15,70000\n",
    )
    # the override reaches 2 levels (the rollup 1): L1's 100,000 and A1's 50,000 at 2%
    # = 3,000; A2 is three levels down
    assert _calc("PLAN-MGR", "2027-03", "--roster", "roster.csv") == [
        "participant,override,clawbacks,earnings,payout",
        "M1,3000.00,0.00,3000.00,3000.00",
    ]


def test_without_team_rules_a_manager_is_paid_on_their_own_rows_only(program: Path) -> None:
    _write(
        program,
        "roster.csv",
        "participant,role,manager,hire_date,leave_date\nA1,AE,,,\nA2,AE,A1,,\n",
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,T1,2027-03-10,10000\nA2,T2,2027-03-12,20000\n",
    )
    # 10,000 and 20,000 at 8%
    assert _calc("PLAN-AE", "2027-03", "--roster", "roster.csv")[1:] == [
        "A1,800.00,0.00,800.00,800.00",
        "A2,1600.00,0.00,1600.00,1600.00",
    ]


def test_a_row_on_the_first_day_of_the_quota_period_is_credit_to_date(program: Path) -> None:
    _write(program, "plans/td.yaml", TO_DATE_PLAN)
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,T1,2027-04-01,50000\nA1,T2,2027-05-10,10000\n",
    )
    # April 1 starts the quarter: 50,000 to date, so May's 10,000 is all at 12% = 1,200
    assert _calc("PLAN-TD", "2027-05")[1] == "A1,1200.00,0.00,0.00,1200.00,1200.00"


def test_a_row_dated_after_the_period_is_ignored_whatever_its_cancellation(program: Path) -> None:
    _write(program, "plans/cb.yaml", CLAWBACK_PLAN)
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,cancelled_on\n"
        "A1,T1,2027-05-10,1000,\nA1,T2,2027-06-01,5000,2027-05-20\n",
    )
    # T2 is credited on June 1, after May: nothing was paid on it in May to take back, so
    # its cancellation (dated before the deal) claws nothing back; May is T1's 10% of 1,000
    assert _calc("PLAN-CB", "2027-05")[1] == "A1,100.00,0.00,100.00,100.00"


def test_a_cancellation_that_takes_nothing_back_shows_clawbacks_with_the_payouts_places(
    program: Path,
) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,cancelled_on\n"
        "A1,T1,2027-05-10,1000,\nA1,T2,2027-04-10,5000,2027-05-20\n",
    )
    # PLAN-AE has no clawback rule: T2's cancellation in May is a zero adjustment, shown as
    # 0.00 like the other amounts (it was `0`); T1 earns 8% of 1,000 = 80
    assert _calc("PLAN-AE", "2027-05") == [
        "participant,commission,clawbacks,earnings,payout",
        "A1,80.00,0.00,80.00,80.00",
    ]


def test_a_participant_missing_from_the_legacy_file_is_a_difference(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,T1,2027-03-10,10000\nA2,T2,2027-03-10,20000\n",
    )
    _write(program, "legacy.csv", "participant,payout\nA2,1600.00\n")
    code, out, _ = _invoke(
        [
            "calc",
            "PLAN-AE",
            "--transactions",
            "tx.csv",
            "--period",
            "2027-03",
            "--compare",
            "legacy.csv",
        ]
    )
    assert code == 1
    assert out.splitlines()[1:] == [
        "A1,800.00,0.00,800.00,800.00,,800.00,no",
        "A2,1600.00,0.00,1600.00,1600.00,1600.00,0.00,yes",
    ]


def test_a_rollup_alone_credits_a_manager_with_the_level_below(program: Path) -> None:
    _write(
        program,
        "plans/ru.yaml",
        MANAGER_PLAN.replace("PLAN-MGR", "PLAN-RU").split("  components:\n")[0] + "  components:\n"
        '    - {id: commission, name: Commission, kind: flat, measure: team_arr, rate: "1%"}\n'
        "  requirements: [FR-PC-001]\n",
    )
    _write(
        program,
        "roster.csv",
        "participant,role,manager,hire_date,leave_date\nM1,SM,,,\nA1,AE,M1,,\nA2,AE,A1,,\n",
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,net_amount\nM1,T0,2027-03-10,1000\nA1,T1,2027-03-10,100000\n"
        "A2,T2,2027-03-12,50000\n",
    )
    # M1's own 1,000 and A1's 100,000 roll up; A2 is two levels down: 101,000 at 1% = 1,010
    assert _calc("PLAN-RU", "2027-03", "--roster", "roster.csv") == [
        "participant,commission,clawbacks,earnings,payout",
        "M1,1010.00,0.00,1010.00,1010.00",
    ]


def test_calc_prices_each_deal_alone_at_transaction_scope(program: Path) -> None:
    plan = (program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    _write(program, "plans/ae.yaml", plan.replace("scope: period", "scope: transaction"))
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,T1,2027-03-10,40000\nA1,T2,2027-03-11,40000\n",
    )
    # each 40,000 at 8% = 3,200, twice: 6,400 (the period's 80,000 together would be 7,600)
    assert _calc("PLAN-AE", "2027-03")[1] == "A1,6400.00,0.00,6400.00,6400.00"


def test_credit_to_date_in_the_quarters_last_month_starts_with_the_quarter(program: Path) -> None:
    plan = TO_DATE_PLAN.replace(
        "    - {id: q-arr, measure: arr, period: annual, amount: 600000}\n", ""
    )
    _write(program, "plans/td.yaml", plan)
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,T0,2026-12-20,90000\nA1,T1,2027-01-10,50000\n"
        "A1,T2,2027-03-10,10000\n",
    )
    # March closes Q1: January's 50,000 is credit to date (December's is the year before),
    # so March's 10,000 is all at 12% = 1,200
    assert _calc("PLAN-TD", "2027-03")[1] == "A1,1200.00,0.00,0.00,1200.00,1200.00"
