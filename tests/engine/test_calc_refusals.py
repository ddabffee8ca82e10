"""`icmkit calc` refuses a plan whose rules need more than its input files hold, and names
every missing thing in one message; the same plan is computed once the files hold it."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

HEAD = """\
plan:
  id: PLAN-BIG
  name: Rules calc cannot compute from one period's files
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [AE]}
  target_incentive: {amount: 60000, period: annual}
  measures:
    - {id: arr, name: New ARR, source: DS-CRM}
  quotas:
    - {id: q-arr, measure: arr, period: annual, amount: 600000}
"""

HISTORY = """\
  draw: {kind: recoverable, amount: 3000, periods: 3}
  payment: {max_per_period: 2000, excess: carry_forward}
  components:
    - {id: refund, name: Refundable, kind: flat, measure: arr, rate: "5%",
       cap: {amount: 1000, kind: refundable}}
    - {id: yearly, name: Yearly cap, kind: flat, measure: arr, rate: "5%",
       cap: {amount: 1000, level: year}}
    - id: todate
      name: To date year cap
      kind: tiered
      measure: arr
      method: marginal
      scope: to_date
      tiers: [{from: 0, rate: "1%"}]
      cap: {amount: 1000, level: year}
    - {id: gated, name: Gated, kind: flat, measure: arr, rate: "1%",
       gates: [{quota: q-arr, min_attainment: "50%", on_miss: withhold}]}
  requirements: [FR-PC-001]
"""
MBO = "    - {id: bonus, name: MBO, kind: mbo, objectives: [{id: o1, name: One, weight: 1}]}\n"

COMPUTABLE = """\
  payment: {max_per_period: 10000, excess: forfeit}
  components:
    - id: todate
      name: To date year cap
      kind: tiered
      measure: arr
      method: marginal
      scope: to_date
      tiers: [{from: 0, rate: "1%"}]
      cap: {amount: 1000, level: year}
    - {id: gated, name: Gated, kind: flat, measure: arr, rate: "1%",
       gates: [{quota: q-arr, min_attainment: "1%", on_miss: forfeit}]}
  requirements: [FR-PC-001]
"""

HIRE_DATE_MESSAGE = "the plan's draw depends on hire dates: give --roster with a hire_date column"
SCORES_MESSAGE = "MBO component(s) bonus need objective scores: give --scores"
PRORATION_MESSAGE = (
    "the plan prorates for hires and leavers: give --roster with hire_date and leave_date "
    "columns (empty where the participant was active all along)"
)
ARGS = ["calc", "PLAN-BIG", "--transactions", "tx.csv", "--period", "2027-03"]


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    (minimal_program / "tx.csv").write_text(
        "participant,id,date,amount\nA1,T1,2027-03-10,60000\n", encoding="utf-8"
    )
    return minimal_program


def _plan(program: Path, *parts: str) -> None:
    (program / "plans" / "big.yaml").write_text("".join((HEAD, *parts)), encoding="utf-8")


def _roster(program: Path, text: str) -> None:
    (program / "roster.csv").write_text(text, encoding="utf-8")


def test_every_missing_input_is_named_in_one_message(program: Path) -> None:
    history = HISTORY.replace("periods: 3}", "periods: 3, eligible: new_hires}").replace(
        "  requirements:", MBO + "  requirements:"
    )
    _plan(program, "  crediting: {rollup: {levels: 1}}\n  proration: {unit: days}\n", history)
    code, out, err = _invoke(ARGS)
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: cannot compute PLAN-BIG: the plan's credit rollup (crediting.rollup) "
        "need(s) the hierarchy: give --roster with a manager column; "
        f"{PRORATION_MESSAGE}; {HIRE_DATE_MESSAGE}; {SCORES_MESSAGE}\n"
    )


def test_rules_that_need_earlier_periods_are_computed_from_the_start_of_the_year(
    program: Path,
) -> None:
    # calc refused draws, refundable and year caps, withholding gates and a maximum that
    # carries forward; it now computes every month from January. Only T1 (March, 60,000):
    # - Jan, Feb: nothing earned; the guarantee tops up to 3,000, added to the balance
    #   (Jan 3,000; Feb: 1,000 carried from January is due, so 2,000 more: 5,000); 3,000 is
    #   over the 2,000 maximum, so 1,000 is carried forward each month.
    # - Mar: refund 5% = 3,000 capped at 1,000 (2,000 withheld); yearly 5% capped at 1,000;
    #   todate 1% = 600; gated 1% = 600 (60,000 of a month's 50,000 quota is over 50%):
    #   3,200 earned, 4,200 due with January's carry; above the 3,000 draw, 1,200 recovers
    #   the balance (3,800); 3,000 paid is over the maximum: 2,000 paid, 1,000 carried.
    # - Apr: the draw has run its 3 months; 1,000 of the withheld 2,000 is released (the
    #   cap's room) + 1,000 carried = 2,000 due, all recovered (balance 1,800), nothing paid.
    # - May: the last 1,000 withheld is released and recovered (balance 800).
    _plan(program, HISTORY)
    code, out, err = _invoke(
        ["calc", "PLAN-BIG", "--transactions", "tx.csv", "--period", "2027-01..2027-05"]
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "participant,plan,period,refund,yearly,todate,gated,clawbacks,earnings,draw_paid,"
        "draw_recovered,draw_balance,held,payout",
        "A1,PLAN-BIG,2027-01,0.00,0.00,0.00,0.00,0.00,0.00,3000.00,0.00,3000.00,0.00,2000.00",
        "A1,PLAN-BIG,2027-02,0.00,0.00,0.00,0.00,0.00,0.00,3000.00,0.00,5000.00,0.00,2000.00",
        "A1,PLAN-BIG,2027-03,1000.00,1000.00,600.00,600.00,0.00,3200.00,3000.00,1200.00,"
        "3800.00,0.00,2000.00",
        "A1,PLAN-BIG,2027-04,1000.00,0.00,0.00,0.00,0.00,1000.00,0.00,2000.00,1800.00,0.00,0.00",
        "A1,PLAN-BIG,2027-05,1000.00,0.00,0.00,0.00,0.00,1000.00,0.00,1000.00,800.00,0.00,0.00",
    ]


@pytest.mark.parametrize(
    ("columns", "missing"),
    [
        ("participant,role", "manager"),
        ("participant,manager", "role"),
        ("participant", "manager and role"),
    ],
)
def test_a_roster_without_the_hierarchy_columns_is_named(
    program: Path, columns: str, missing: str
) -> None:
    _plan(program, "  crediting: {rollup: {levels: 1}}\n", COMPUTABLE)
    _roster(program, f"{columns}\nA1{',' * columns.count(',')}\n")
    code, _, err = _invoke([*ARGS, "--roster", "roster.csv"])
    assert code == 2
    assert err == (
        "icmkit: error: cannot compute PLAN-BIG: the plan's credit rollup (crediting.rollup) "
        f"need(s) the roster's {missing} column(s)\n"
    )


def test_a_roster_without_dates_cannot_prorate(program: Path) -> None:
    _plan(program, "  proration: {unit: days}\n", COMPUTABLE)
    _roster(program, "participant,role\nA1,AE\n")
    code, _, err = _invoke([*ARGS, "--roster", "roster.csv"])
    assert code == 2
    assert err == f"icmkit: error: cannot compute PLAN-BIG: {PRORATION_MESSAGE}\n"


@pytest.mark.parametrize("dates", ["hire_date", "leave_date", "hire_date,leave_date"])
def test_a_plan_whose_inputs_are_all_given_is_computed(program: Path, dates: str) -> None:
    _plan(program, "  crediting: {rollup: {levels: 1}}\n  proration: {unit: days}\n", COMPUTABLE)
    _roster(program, f"participant,role,manager,{dates}\nA1,AE,{',' * dates.count(',')}\n")
    code, out, err = _invoke([*ARGS, "--roster", "roster.csv"])
    assert (code, err) == (0, "")
    # 60,000 to date at 1% = 600 (under the year cap); the gate is open: 1% = 600
    assert out.splitlines() == [
        "participant,todate,gated,clawbacks,earnings,payout",
        "A1,600.00,600.00,0.00,1200.00,1200.00",
    ]


def _ae_plan(program: Path, plan_id: str, old: str, new: str) -> None:
    text = (program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace("PLAN-AE", plan_id).replace(old, new)
    (program / "plans" / f"{plan_id.lower()}.yaml").write_text(text, encoding="utf-8")


def test_participants_missing_from_the_roster_are_all_named(program: Path) -> None:
    (program / "tx.csv").write_text(
        "participant,id,date,amount\nA1,T1,2027-03-10,100\nB9,T2,2027-03-10,100\n"
        "A9,T3,2027-03-10,100\n",
        encoding="utf-8",
    )
    _roster(program, "participant,role,manager,hire_date,leave_date\nA1,AE,,,\n")
    code, out, err = _invoke(
        [
            "calc",
            "PLAN-AE",
            "--transactions",
            "tx.csv",
            "--period",
            "2027-03",
            "--roster",
            "roster.csv",
        ]
    )
    assert (code, out, err) == (
        2,
        "",
        "icmkit: error: participant(s) in the transactions but not on the roster: A9, B9\n",
    )


def test_a_participant_that_cannot_be_computed_is_named(program: Path) -> None:
    _ae_plan(
        program,
        "PLAN-PR",
        "  requirements: [FR-PC-001]",
        "  clawback: {window_days: 90, method: pro_rata, reduces_attainment: false}\n"
        "  requirements: [FR-PC-001]",
    )
    (program / "tx.csv").write_text(
        "participant,id,date,amount,cancelled_on\nA1,T1,2027-01-10,100,2027-03-01\n",
        encoding="utf-8",
    )
    code, _, err = _invoke(["calc", "PLAN-PR", "--transactions", "tx.csv", "--period", "2027-03"])
    assert (code, err) == (
        2,
        "icmkit: error: cannot compute PLAN-PR: participant A1: transaction T1: a pro-rata "
        "clawback needs `term_months`\n",
    )


def test_a_target_incentive_in_the_quotas_file_replaces_the_plans(program: Path) -> None:
    _ae_plan(
        program,
        "PLAN-CAP",
        "      scope: period\n",
        '      scope: period\n      cap: {multiple_of_target: "0.01"}\n',
    )
    (program / "tx.csv").write_text(
        "participant,id,date,amount\nA1,T1,2027-03-10,60000\nA2,T2,2027-03-10,60000\n",
        encoding="utf-8",
    )
    (program / "q.csv").write_text(
        "participant,quota,amount\nA1,target_incentive,120000\n", encoding="utf-8"
    )
    code, out, _ = _invoke(
        ["calc", "PLAN-CAP", "--transactions", "tx.csv", "--period", "2027-03", "--quotas", "q.csv"]
    )
    # the cap is 1% of a month's target: A1's own 120,000 a year gives 100; A2 has the plan's
    # 60,000 a year, so 50
    assert (code, out.splitlines()[1:]) == (
        0,
        ["A1,100.00,0.00,100.00,100.00", "A2,50.00,0.00,50.00,50.00"],
    )


def test_data_sources_with_different_number_formats_need_the_format_given(program: Path) -> None:
    sources = program / "data" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace(
            "    owner: bo\n",
            "    owner: bo\n    number_format: {decimal: dot, thousands: comma}\n",
        )
        + "  - id: DS-ERP\n    name: ERP invoices\n    system: SAP\n"
        "    objects:\n      - {name: Invoice, fields: [Id, Amount], key: [Id]}\n"
        "    method: file\n    frequency: daily\n    owner: bo\n"
        "    number_format: {decimal: comma, thousands: dot}\n",
        encoding="utf-8",
    )
    _ae_plan(
        program,
        "PLAN-NF",
        "    - {id: arr, name: New ARR, source: DS-CRM}\n",
        "    - {id: arr, name: New ARR, source: DS-CRM}\n"
        "    - {id: svc, name: Services, source: DS-ERP, field: svc_amount}\n",
    )
    args = ["calc", "PLAN-NF", "--transactions", "tx.csv", "--period", "2027-03"]
    code, _, err = _invoke(args)
    assert (code, err) == (
        2,
        "icmkit: error: the plan's measures read data sources with different number formats "
        "(DS-CRM, DS-ERP): give the files' format with --decimal and --thousands\n",
    )
    code, out, _ = _invoke([*args, "--decimal", "dot", "--thousands", "comma"])
    assert (code, out.splitlines()[1]) == (0, "A1,5200.00,0.00,5200.00,5200.00")
