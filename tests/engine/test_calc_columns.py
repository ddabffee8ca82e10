"""`icmkit calc` columns: which measure columns a file must have, attributes tested by filters
and conditions (read as numbers when a data source declares its number format), and splits
of one row."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

TWO_MEASURES = """\
plan:
  id: PLAN-TWO
  name: Two measures
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [AE]}
  measures:
    - {id: arr, name: New ARR, source: DS-CRM}
    - {id: services, name: Services, field: services_amount}
  components:
    - {id: commission, name: Commission, kind: flat, measure: arr, rate: "10%"}
    - {id: svc, name: Services, kind: flat, measure: services, rate: "1%"}
  requirements: [FR-PC-001]
"""

FILTERED = """\
plan:
  id: PLAN-SP
  name: Spiff and filter
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [AE]}
  measures:
    - id: arr
      name: New ARR
      source: DS-CRM
      filter: [{field: type, equals: New Logo}]
  components:
    - {id: commission, name: Commission, kind: flat, measure: arr, rate: "10%"}
    - id: spiff
      name: Big seats
      kind: spiff
      measure: arr
      amount: 100
      window: {from: 2027-01-01, to: 2028-01-01}
      when: [{field: seats, at_least: 1000}]
  requirements: [FR-PC-001]
"""


FILTERED_ROWS = """\
participant,id,date,amount,type,seats
A1,T1,2027-03-10,1000,New Logo,1.500
A1,T2,2027-03-11,2000,Renewal,2000
A1,T3,2027-03-12,3000,New Logo,999
A1,T4,2027-03-13,4000,New Logo,
"""


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    (minimal_program / "plans" / "two.yaml").write_text(TWO_MEASURES, encoding="utf-8")
    (minimal_program / "plans" / "sp.yaml").write_text(FILTERED, encoding="utf-8")
    return minimal_program


def _calc(program: Path, plan: str, rows: str) -> tuple[int, str, str]:
    (program / "tx.csv").write_text(rows, encoding="utf-8")
    return _invoke(["calc", plan, "--transactions", "tx.csv", "--period", "2027-03"])


def test_without_a_measure_column_only_the_first_measure_is_read(program: Path) -> None:
    assert _calc(program, "PLAN-TWO", "participant,id,date,amount\nA1,T1,2027-03-10,100\n") == (
        0,
        "participant,commission,svc,clawbacks,earnings,payout\nA1,10.00,0.00,0.00,10.00,10.00\n",
        "",
    )
    code, _, err = _calc(program, "PLAN-AE", "participant,id,date\nA1,T1,2027-03-10\n")
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\ntx.csv:1: missing column(s): amount\n",
    )


def test_with_a_measure_column_every_measure_column_is_needed(program: Path) -> None:
    code, _, err = _calc(
        program, "PLAN-TWO", "participant,id,date,amount,measure\nA1,T1,2027-03-10,100,\n"
    )
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\n"
        "tx.csv:1: missing column(s): services_amount\n",
    )


def test_filters_and_conditions_read_text_attributes(program: Path) -> None:
    # type filters the measure: T2 (Renewal) is not credited; 1,000 + 3,000 + 4,000 at 10%
    # = 800. Without a declared number format `seats` stays text, so no event qualifies.
    assert _calc(program, "PLAN-SP", FILTERED_ROWS) == (
        0,
        "participant,commission,spiff,clawbacks,earnings,payout\n"
        "A1,800.00,0.00,0.00,800.00,800.00\n",
        "",
    )


def test_a_declared_number_format_makes_numeric_attributes_numbers(program: Path) -> None:
    sources = program / "data" / "sources.yaml"
    sources.write_text(
        sources.read_text(encoding="utf-8").replace(
            "    owner: bo\n",
            "    owner: bo\n    number_format: {decimal: comma, thousands: dot}\n",
        ),
        encoding="utf-8",
    )
    # seats `1.500` is 1,500 (a dot groups thousands): T1 earns the spiff; T3's 999 does not,
    # T4 has no seats, and T2 is not credited at all
    assert _calc(program, "PLAN-SP", FILTERED_ROWS)[1].splitlines()[1] == (
        "A1,800.00,100.00,0.00,900.00,900.00"
    )


def test_a_single_row_may_give_a_share_above_the_whole_deal(program: Path) -> None:
    # 1,000 × 150% = 1,500 credit at 8% = 120: only the rows of one deal are added up
    rows = "participant,id,date,amount,split\nA1,T1,2027-03-10,1000,150%\n"
    assert _calc(program, "PLAN-AE", rows)[1].splitlines()[1] == "A1,120.00,0.00,120.00,120.00"


def test_a_participant_may_join_and_leave_on_the_same_day(program: Path) -> None:
    (program / "roster.csv").write_text(
        "participant,role,manager,hire_date,leave_date\nA1,AE,,2027-03-15,2027-03-15\n",
        encoding="utf-8",
    )
    (program / "tx.csv").write_text(
        "participant,id,date,amount\nA1,T1,2027-03-15,1000\n", encoding="utf-8"
    )
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
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "A1,80.00,0.00,80.00,80.00"


def test_columns_list_the_attributes_a_spiff_tests(program: Path) -> None:
    code, out, _ = _invoke(["calc", "PLAN-SP", "--columns"])
    assert code == 0
    assert out.splitlines()[-2:] == [
        "  seats         attribute tested by a filter or condition",
        "  type          attribute tested by a filter or condition",
    ]


def test_a_filter_on_a_built_in_field_is_decided_row_by_row(program: Path) -> None:
    plan = (program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    (program / "plans" / "ae.yaml").write_text(
        plan.replace(
            "{id: arr, name: New ARR, source: DS-CRM}",
            "{id: arr, name: New ARR, source: DS-CRM, filter: [{field: amount, at_least: 1000}]}",
        ),
        encoding="utf-8",
    )
    # both rows have the same (no) attributes; only T2 reaches 1,000 (T3 exactly): 3,000 at 8%
    rows = (
        "participant,id,date,amount\nA1,T1,2027-03-10,500\nA1,T2,2027-03-11,2000\n"
        "A1,T3,2027-03-12,1000\n"
    )
    assert _calc(program, "PLAN-AE", rows)[1].splitlines()[1] == "A1,240.00,0.00,240.00,240.00"


def test_without_a_declared_format_attributes_are_compared_as_text(program: Path) -> None:
    plan = (program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    (program / "plans" / "ae.yaml").write_text(
        plan.replace(
            "{id: arr, name: New ARR, source: DS-CRM}",
            '{id: arr, name: New ARR, source: DS-CRM, filter: [{field: seats, equals: "5"}]}',
        ),
        encoding="utf-8",
    )
    # the text `5` is wanted: `5.0` and `05` are other texts, so only T1 counts: 1,000 at 8%
    rows = (
        "participant,id,date,amount,seats\nA1,T1,2027-03-10,1000,5\nA1,T2,2027-03-10,2000,5.0\n"
        "A1,T3,2027-03-10,4000,05\n"
    )
    assert _calc(program, "PLAN-AE", rows)[1].splitlines()[1] == "A1,80.00,0.00,80.00,80.00"
