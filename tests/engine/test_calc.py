"""`icmkit calc`: payouts for a period from CSV files, bad rows, and reconciliation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

TRANSACTIONS = """\
participant,id,date,amount,split,type,measure
A1,T1,2027-03-10,60000,,New Logo,
A1,T2,2027-03-12,10000,40%,Expansion,
A2,T3,2027-03-02,40000,,New Logo,
A2,T4,2027-02-20,90000,,New Logo,
A2,T5,2027-04-01,1000,,New Logo,
"""


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    (minimal_program / "tx.csv").write_text(TRANSACTIONS, encoding="utf-8")
    return minimal_program


def test_period_payouts_from_a_transactions_file(program: Path) -> None:
    code, out, err = _invoke(["calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03"])
    assert (code, err) == (0, "")
    # A1: 60,000 + 40% of 10,000 = 64,000: 50,000 at 8% + 14,000 at 12% = 5,680
    # A2: only March counts in a period scope: 40,000 at 8% = 3,200
    assert out == (
        "participant,commission,clawbacks,earnings,payout\n"
        "A1,5680.00,0.00,5680.00,5680.00\n"
        "A2,3200.00,0.00,3200.00,3200.00\n"
    )


def test_to_date_scope_takes_earlier_rows_as_credit_to_date(program: Path) -> None:
    plan = program / "plans" / "ae.yaml"
    plan.write_text(plan.read_text().replace("scope: period", "scope: to_date"))
    code, out, _ = _invoke(
        ["calc", "plans/ae.yaml", "--transactions", "tx.csv", "--period", "2027-03"]
    )
    assert code == 0
    # A2: February's 90,000 is credit to date; March's 40,000 is all at 12% = 4,800
    assert out.splitlines()[2] == "A2,4800.00,0.00,4800.00,4800.00"


def test_bad_rows_are_listed_and_nothing_is_computed(program: Path) -> None:
    (program / "bad.csv").write_text(
        "participant,id,date,amount,measure\n"
        "A1,T1,2027-03-10,60000,\n"
        "A1,T2,2027-03-32,100,\n"
        "A1,T3,2027-03-01,ten,\n"
        "A1,T4,2027-03-01,10,bookings\n"
        "A1,T1,2027-03-11,5,\n"
        "A1,T6,2027-03-01,1,,extra\n",
        encoding="utf-8",
    )
    code, out, err = _invoke(
        ["calc", "PLAN-AE", "--transactions", "bad.csv", "--period", "2027-03"]
    )
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\n"
        "bad.csv:3: date `2027-03-32` is not a date (YYYY-MM-DD)\n"
        "bad.csv:4: amount `ten` is not a number\n"
        "bad.csv:5: measure `bookings` is not a measure of the plan\n"
        "bad.csv:6: transaction T1 of A1 appears twice\n"
        "bad.csv:7: 6 values for 5 columns\n"
    )


def test_missing_column_is_reported_at_the_header(program: Path) -> None:
    (program / "bad.csv").write_text("participant,id,amount\nA1,T1,5\n", encoding="utf-8")
    code, _, err = _invoke(["calc", "PLAN-AE", "--transactions", "bad.csv", "--period", "2027-03"])
    assert code == 2
    assert (
        err
        == "icmkit: error: bad input rows, nothing computed:\nbad.csv:1: missing column(s): date\n"
    )


def test_quotas_file_sets_participant_quotas(program: Path) -> None:
    plan = program / "plans" / "ae.yaml"
    text = plan.read_text().replace(
        "      method: marginal\n",
        "      method: marginal\n      axis: attainment\n      quota: q-arr\n",
    )
    plan.write_text(
        text.replace('to: 50000, rate: "8%"', 'to: 0.1, rate: "8%"').replace(
            '{from: 50000, rate: "12%"}', '{from: 0.1, rate: "12%"}'
        )
    )
    (program / "quotas.csv").write_text(
        "participant,quota,amount\nA1,q-arr,600000\nA2,q-arr,1200000\n", encoding="utf-8"
    )
    code, out, _ = _invoke(
        [
            "calc",
            "PLAN-AE",
            "--transactions",
            "tx.csv",
            "--quotas",
            "quotas.csv",
            "--period",
            "2027-03",
        ]
    )
    assert code == 0
    # monthly share of the annual quota: A1 50,000 (edge 5,000), A2 100,000 (edge 10,000)
    # A1: 5,000 at 8% + 59,000 at 12% = 7,480; A2: 10,000 at 8% + 30,000 at 12% = 4,400
    assert out.splitlines()[1:] == [
        "A1,7480.00,0.00,7480.00,7480.00",
        "A2,4400.00,0.00,4400.00,4400.00",
    ]


def test_compare_reconciles_within_the_tolerance(program: Path) -> None:
    (program / "legacy.csv").write_text(
        "participant,payout\nA1,5680.01\nA2,3100.00\nA3,10\n", encoding="utf-8"
    )
    args = ["calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03"]
    code, out, err = _invoke([*args, "--compare", "legacy.csv"])
    assert code == 1
    assert err == (
        "icmkit: 2 of 3 payouts do not reconcile with the legacy ones (tolerance 0.01):\n"
        "  A2: computed 3200.00, legacy 3100.00, difference +100.00\n"
        "  A3: only in the legacy payouts (10)\n"
    )
    assert out.splitlines() == [
        "participant,commission,clawbacks,earnings,payout,legacy_payout,difference,within_tolerance",
        "A1,5680.00,0.00,5680.00,5680.00,5680.01,-0.01,yes",
        "A2,3200.00,0.00,3200.00,3200.00,3100.00,100.00,no",
        "A3,,,,,10,-10,no",
    ]
    code, out, _ = _invoke([*args, "--compare", "legacy.csv", "--tolerance", "0", "-f", "json"])
    assert code == 1
    report = json.loads(out)["reconciliation"]
    assert (report["tolerance"], report["outside_tolerance"]) == ("0", 3)
    assert report["rows"][0] == {
        "participant": "A1",
        "computed": "5680.00",
        "legacy": "5680.01",
        "difference": "-0.01",
        "within_tolerance": False,
    }


def test_compare_says_nothing_on_stderr_when_everything_reconciles(program: Path) -> None:
    (program / "legacy.csv").write_text(
        "participant,payout\nA1,5680.00\nA2,3200.00\n", encoding="utf-8"
    )
    args = ["calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03"]
    code, _, err = _invoke([*args, "--compare", "legacy.csv"])
    assert (code, err) == (0, "")


def test_unknown_plan_and_bad_period_are_usage_errors(program: Path) -> None:
    code, _, err = _invoke(["calc", "PLAN-NOPE", "--transactions", "tx.csv", "--period", "2027-03"])
    assert code == 2
    assert err.startswith("icmkit: error: no valid plan `PLAN-NOPE` in ")
    code, _, err = _invoke(["calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "March"])
    assert code == 2
    assert "period `March` is not a month" in err


def test_a_plan_file_is_found_in_the_program_given_with_p(
    program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(program.parent)
    code, out, err = _invoke(
        [
            "calc",
            "plans/ae.yaml",
            "-p",
            program.name,
            "--transactions",
            f"{program.name}/tx.csv",
            "--period",
            "2027-03",
        ]
    )
    assert (code, err) == (0, "")
    assert out.splitlines()[1] == "A1,5680.00,0.00,5680.00,5680.00"


def test_a_plan_file_that_is_not_there_is_named(program: Path) -> None:
    code, out, err = _invoke(
        ["calc", "plans/nope.yaml", "--transactions", "tx.csv", "--period", "2027-03"]
    )
    assert (code, out) == (2, "")
    assert err == (
        f"icmkit: error: plans/nope.yaml: no such plan file in the program at {program.resolve()}\n"
    )
