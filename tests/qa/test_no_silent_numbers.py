"""A number that might be wrong is loud: each way icmkit once printed a wrong or incomplete
number with exit code 0, tried again as a user would (the CLI, and a real process)."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from icmkit.cli.app import app


def run(*args: str) -> Result:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result


def edit(program: Path, path: str, old: str, new: str) -> None:
    target = program / path
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {path}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def write(program: Path, path: str, text: str) -> None:
    (program / path).write_text(text, encoding="utf-8")


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    return minimal_program


# ---- 1. a test case that fails to load is a failed result, never dropped -------------------


@pytest.mark.parametrize(
    ("old", "new", "finding"),
    [
        (
            "    verifies: [FR-PC-001]\n    plan: PLAN-AE",
            "    verfies: [FR-PC-001]\n    plan: PLAN-AE",
            "tests/plan-ae.yaml:5:5: error: SCH001 unknown key `verfies` in test case `TC-AE-001`; "
            "did you mean `verifies`?",
        ),
        (
            "period: 2027-03",
            "period: 2027",
            "tests/plan-ae.yaml:9:15: error: YML008 `period`: YAML reads the unquoted `2027` as a "
            'number, not text; put it in quotes: "2027"',
        ),
    ],
    ids=["misspelt-key", "unquoted-period"],
)
def test_a_test_case_that_fails_to_load_fails_the_run(
    program: Path, old: str, new: str, finding: str
) -> None:
    edit(program, "tests/plan-ae.yaml", old, new)
    result = run("test")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "FAIL  TC-AE-001  failed to load" in lines
    assert any(finding in line for line in lines), result.stdout
    assert lines[-1] == (
        "0 passed, 0 failed, 0 could not be computed, 1 failed to load; "
        "1 test case without plan, given and expect not run"
    )
    one = run("test", "TC-AE-001")
    assert one.exit_code == 1
    assert "FAIL  TC-AE-001  failed to load" in one.stdout
    report = ET.fromstring(run("test", "--format", "junit").stdout)
    assert (report.get("tests"), report.get("errors")) == ("1", "1")
    summary = json.loads(run("test", "--format", "json").stdout)["summary"]
    assert summary["not_loaded"] == 1


def test_a_test_file_that_is_not_yaml_fails_the_run(program: Path) -> None:
    write(program, "tests/broken.yaml", "test_cases:\n  - id: TC-X-001\n    title: [unclosed\n")
    result = run("test")
    assert result.exit_code == 1
    assert "FAIL  (tests/broken.yaml)  test file failed to load" in result.stdout


# ---- 2. one number reader: ambiguous separators are errors -----------------------------------


def test_a_decimal_comma_in_yaml_is_a_finding(program: Path) -> None:
    edit(program, "tests/plan-ae.yaml", "payout: 5200.00", 'payout: "5.200,00"')
    result = run("check", ".")
    assert result.exit_code == 1
    assert (
        "tests/plan-ae.yaml:14:15: error: SCH003 `payout`: `5.200,00` uses a decimal comma: write "
        "it with a decimal point, or declare the source's number format (decimal comma, thousands "
        "dot, ...)"
    ) in result.stdout.splitlines()


@pytest.mark.parametrize(
    ("cell", "problem"),
    [
        ('"12,5"', "amount: `12,5` has a comma that is not thousands grouping"),
        ('"1.234,56"', "amount: `1.234,56` uses a decimal comma"),
        ('"1,234"', "amount: `1,234` could be 1234 (thousands comma) or 1.234 (decimal comma)"),
        ("1.500", "amount: `1.500` could be 1.500 or 1500 (thousands dot)"),
    ],
)
def test_an_ambiguous_number_in_a_csv_is_a_bad_row(program: Path, cell: str, problem: str) -> None:
    write(program, "tx.csv", f"participant,id,date,amount\nA1,T1,2027-03-10,{cell}\n")
    result = run("calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03")
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"tx.csv:2: {problem}" in result.stderr


def test_a_declared_number_format_reads_decimal_commas(program: Path) -> None:
    write(program, "tx.csv", 'participant,id,date,amount\nA1,T1,2027-03-10,"60.000,00"\n')
    result = run(
        "calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03",
        "--decimal", "comma", "--thousands", "dot",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "A1,5200.00,0.00,5200.00,5200.00"


def test_a_data_source_declares_its_number_format(program: Path) -> None:
    edit(
        program,
        "data/sources.yaml",
        "    frequency: daily\n",
        "    frequency: daily\n    number_format: {decimal: comma, thousands: dot}\n",
    )
    write(program, "tx.csv", 'participant,id,date,amount\nA1,T1,2027-03-10,"60.000,00"\n')
    result = run("calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "A1,5200.00,0.00,5200.00,5200.00"


def test_a_huge_amount_is_a_finding_not_a_crash(program: Path) -> None:
    edit(program, "tests/plan-ae.yaml", "amount: 60000}", "amount: 1e400}")
    result = run("check", ".")
    assert result.exit_code == 1
    assert (
        "tests/plan-ae.yaml:12:46: error: SCH003 `amount`: `1e400` is too large: numbers must be "
        "below 1,000,000,000,000,000"
    ) in result.stdout.splitlines()


def test_amounts_too_large_to_multiply_cannot_be_computed(program: Path) -> None:
    edit(program, "plans/ae.yaml", 'rate: "12%"', 'rate: "99999999999999%"')
    edit(program, "tests/plan-ae.yaml", "amount: 60000}", "amount: 999999999999999}")
    result = run("test")
    assert result.exit_code == 1
    assert "ERROR TC-AE-001" in result.stdout
    assert "cannot be computed" in result.stdout


# ---- 3, 4. calc never computes what it lacks ------------------------------------------------

MANAGER_PLAN = """\
plan:
  id: PLAN-MGR
  name: Manager plan
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [SM]}
  measures:
    - {id: team_arr, name: Team ARR, field: net_amount}
  components:
    - id: override
      name: Team override
      kind: override
      measure: team_arr
      rate: "2%"
      include_roles: [AE]
  requirements: [FR-PC-001]
"""

ROSTER = """\
participant,role,manager,hire_date,leave_date
M1,SM,,,
A1,AE,M1,,
A2,AE,M1,,
S1,SDR,M1,,
"""

TEAM_DEALS = """\
participant,id,date,net_amount
A1,T1,2027-03-10,100000
A2,T2,2027-03-12,50000
S1,T3,2027-03-15,70000
"""


def test_an_override_plan_without_a_hierarchy_is_refused(program: Path) -> None:
    write(program, "plans/mgr.yaml", MANAGER_PLAN)
    write(program, "tx.csv", TEAM_DEALS)
    result = run("calc", "PLAN-MGR", "--transactions", "tx.csv", "--period", "2027-03")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "icmkit: error: cannot compute PLAN-MGR: the plan's override component(s) override "
        "need(s) the hierarchy: give --roster with a manager column\n"
    )


def test_an_override_plan_with_a_roster_pays_the_manager_on_the_measure_field(
    program: Path,
) -> None:
    write(program, "plans/mgr.yaml", MANAGER_PLAN)
    write(program, "tx.csv", TEAM_DEALS)
    write(program, "roster.csv", ROSTER)
    args = ["calc", "PLAN-MGR", "--transactions", "tx.csv", "--period", "2027-03"]
    result = run(*args, "--roster", "roster.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "participant,override,clawbacks,earnings,payout",
        "M1,3000.00,0.00,3000.00,3000.00",
    ]


def test_calc_columns_lists_what_a_plan_reads(program: Path) -> None:
    write(program, "plans/mgr.yaml", MANAGER_PLAN)
    result = run("calc", "PLAN-MGR", "--columns")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:5] == [
        "Columns of the transactions file for PLAN-MGR:",
        "  participant   required: the participant credited",
        "  id            required: the transaction (or deal) id",
        "  date          required: the credit date, YYYY-MM-DD",
        "  net_amount    required: the amount of measure `team_arr`",
    ]


DRAW_FOR_NEW_HIRES = (
    "  draw: {kind: recoverable, amount: 3000, periods: 3, eligible: new_hires}\n"
    "  requirements: [FR-PC-001]\n"
)


def test_a_draw_for_new_hires_without_hire_dates_is_refused(program: Path) -> None:
    edit(program, "plans/ae.yaml", "  requirements: [FR-PC-001]\n", DRAW_FOR_NEW_HIRES)
    write(program, "tx.csv", "participant,id,date,amount\nA1,T1,2027-03-10,10000\n")
    result = run("calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "icmkit: error: cannot compute PLAN-AE: the plan's draw depends on hire dates: give "
        "--roster with a hire_date column\n"
    )


def test_a_draw_for_new_hires_goes_to_the_new_hire_only(program: Path) -> None:
    edit(program, "plans/ae.yaml", "  requirements: [FR-PC-001]\n", DRAW_FOR_NEW_HIRES)
    write(
        program,
        "tx.csv",
        "participant,id,date,amount\n"
        "A1,T1,2027-01-10,22500\nA2,T2,2027-01-12,15000\nN1,T3,2027-01-20,10000\n",
    )
    write(
        program,
        "roster.csv",
        "participant,role,hire_date\nA1,AE,2024-05-01\nA2,AE,2025-02-03\nN1,AE,2027-01-04\n",
    )
    result = run(
        "calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-01",
        "--roster", "roster.csv",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    # 22,500 and 15,000 at 8% earn 1,800 and 1,200: tenured, no draw. N1 earns 800 and is
    # topped up to the 3,000 draw.
    assert result.stdout.splitlines() == [
        "participant,commission,clawbacks,earnings,payout",
        "A1,1800.00,0.00,1800.00,1800.00",
        "A2,1200.00,0.00,1200.00,1200.00",
        "N1,800.00,0.00,800.00,3000.00",
    ]


# ---- 5. default split shares apply ------------------------------------------------------------


def test_default_split_shares_divide_a_deal_between_its_rows(program: Path) -> None:
    edit(
        program,
        "plans/ae.yaml",
        "  requirements: [FR-PC-001]\n",
        '  crediting: {splits: {default_shares: ["60%", "40%"]}}\n  requirements: [FR-PC-001]\n',
    )
    write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,D1,2027-03-10,50000\nA2,D1,2027-03-10,50000\n",
    )
    result = run("calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [
        "A1,2400.00,0.00,2400.00,2400.00",
        "A2,1600.00,0.00,1600.00,1600.00",
    ]


def test_a_deal_on_two_rows_without_shares_is_a_bad_row(program: Path) -> None:
    write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,D1,2027-03-10,50000\nA2,D1,2027-03-10,50000\n",
    )
    result = run("calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03")
    assert result.exit_code == 2
    assert "tx.csv:2: deal D1 is credited to 2 participants without a split" in result.stderr


# ---- 6. a per-deal component on attainment pays the same whatever the tested period ----------


def test_a_deal_priced_on_attainment_pays_the_same_in_a_month_and_a_quarter(
    program: Path,
) -> None:
    edit(
        program,
        "plans/ae.yaml",
        "      method: marginal\n      scope: period\n",
        "      method: marginal\n      scope: transaction\n      axis: attainment\n"
        "      quota: q-arr\n",
    )
    edit(program, "plans/ae.yaml", "to: 50000", "to: 0.05")
    edit(program, "plans/ae.yaml", "{from: 50000", "{from: 0.05")
    # 5% of the 600,000 annual quota is 30,000: 30,000 x 8% + 30,000 x 12% = 6,000, in a
    # monthly test and in a quarterly one alike
    edit(program, "tests/plan-ae.yaml", "payout: 5200.00", "payout: 6000.00")
    edit(program, "tests/plan-ae.yaml", "{commission: 5200.00}", "{commission: 6000.00}")
    assert run("test").exit_code == 0
    edit(program, "tests/plan-ae.yaml", "period: 2027-03", "period: 2027-Q1")
    result = run("test")
    assert result.exit_code == 0, result.stdout


# ---- 7. conditions test built-in fields and numbers as numbers --------------------------------


def test_a_condition_on_the_contract_term_matches_numbers(program: Path) -> None:
    edit(
        program,
        "plans/ae.yaml",
        "  requirements: [FR-PC-001]\n",
        "    - id: long_deals\n"
        "      name: Long contracts\n"
        "      kind: spiff\n"
        "      measure: arr\n"
        "      amount: 500\n"
        "      window: {from: 2027-01-01, to: 2027-07-01}\n"
        "      when: [{field: term_months, at_least: 24}, {field: tier, equals: 2}]\n"
        "  requirements: [FR-PC-001]\n",
    )
    edit(
        program,
        "tests/plan-ae.yaml",
        "amount: 60000}",
        "amount: 60000, term_months: 36, attributes: {tier: 2}}",
    )
    edit(program, "tests/plan-ae.yaml", "payout: 5200.00", "payout: 5700.00")
    result = run("test")
    assert result.exit_code == 0, result.stdout
    assert result.stdout.splitlines()[0] == (
        "PASS  TC-AE-001  Period total across the tier boundary"
    )


# ---- 9. a component without kind is an error, with the kinds to choose from -----------------


def test_a_component_without_kind_is_reported(program: Path) -> None:
    edit(program, "plans/ae.yaml", "      kind: tiered\n", "")
    result = run("check", ".")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "plans/ae.yaml:12:7: error: SCH004 missing `kind` in component `commission` of commission "
        "plan `PLAN-AE`; add one of: flat, tiered, accelerated, quota_bonus, mbo, spiff, "
        "override",
        "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check.",
    ]


# ---- 10. status shows what the engine computes ------------------------------------------------


def test_status_shows_a_calculation_case_as_the_engine_computes_it(program: Path) -> None:
    edit(
        program, "tests/plan-ae.yaml", "    status: passed\n    run: {by: bo, on: 2027-03-20}\n", ""
    )
    result = run("status", ".", "--format", "json")
    assert result.exit_code == 0, result.output
    # the list holds the tests that need attention: TC-AE-001 passes, so it is not there
    assert [t["id"] for t in json.loads(result.stdout)["tests"]] == ["TC-DI-001"]
    edit(program, "tests/plan-ae.yaml", "payout: 5200.00", "payout: 5300.00")
    tests = json.loads(run("status", ".", "--format", "json").stdout)["tests"]
    assert [(t["id"], t["status"]) for t in tests] == [
        ("TC-AE-001", "failed"),
        ("TC-DI-001", "not_run"),
    ]


# ---- 12. explanations show money at the plan's places ----------------------------------------


def test_a_prorated_cap_is_explained_in_cents(program: Path) -> None:
    edit(
        program,
        "plans/ae.yaml",
        "      scope: period\n",
        "      scope: period\n      cap: {amount: 1000, level: period}\n",
    )
    edit(
        program,
        "plans/ae.yaml",
        "  requirements: [FR-PC-001]\n",
        "  proration: {unit: days, applies_to: [cap]}\n  requirements: [FR-PC-001]\n",
    )
    edit(
        program,
        "tests/plan-ae.yaml",
        "{id: P1, role: AE}",
        "{id: P1, role: AE, hire_date: 2027-03-07}",
    )
    result = run("test")
    assert result.exit_code == 1
    # 1,000 x 25 / 31 days = 806.4516...: shown as 806.45
    assert "cap 806.45 per period: 4,393.55 above it not paid" in result.stdout


# ---- as a real process ------------------------------------------------------------------------


def test_a_misspelt_test_case_fails_a_real_test_run(program: Path) -> None:
    edit(
        program,
        "tests/plan-ae.yaml",
        "    verifies: [FR-PC-001]\n    plan:",
        "    verfies: [FR-PC-001]\n    plan:",
    )
    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "test"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "FAIL  TC-AE-001  failed to load" in done.stdout
    assert "Traceback" not in done.stderr
