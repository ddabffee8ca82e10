"""`icmkit calc` input files: every bad row of the quotas, legacy and roster files is reported
with its line, the columns a plan reads are listed, and the roster decides who is paid."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

BASE = ["calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03"]


def _invoke(args: list[str]) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_program)
    _write(minimal_program, "tx.csv", "participant,id,date,amount\nA1,T1,2027-03-10,60000\n")
    return minimal_program


def _edit_plan(program: Path, old: str, new: str) -> None:
    plan = program / "plans" / "ae.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count(old) == 1
    plan.write_text(text.replace(old, new), encoding="utf-8")


def test_bad_transaction_rows_each_say_what_is_wrong(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,split,term_months,cancelled_on,type\n"
        "A1,T1,2027-03-10,60000,,,,New\n"
        ",T2,2027-03-10,5,,,,New\n"
        "A1,,2027-03-10,5,,,,\n"
        "A1,T3,,5,,,,\n"
        "A1,T4,2027-03-10,5,,0,,\n"
        "A1,T5,2027-03-10,5,,x,,\n"
        "A1,T6,2027-03-10,5,,12,2027-13-01,\n"
        "A1,D1,2027-03-10,5,50%,,,\n"
        "A2,D1,2027-03-10,5,,,,\n"
        "A1,D2,2027-03-10,5,,,,\n"
        "A2,D2,2027-03-10,5,,,,\n"
        "A1,D3,2027-03-10,5,70%,,,\n"
        "A2,D3,2027-03-10,5,40%,,,\n",
    )
    code, out, err = _invoke(BASE)
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\n"
        "tx.csv:3: participant is empty\n"
        "tx.csv:4: id is empty\n"
        "tx.csv:5: date is empty\n"
        "tx.csv:6: term_months `0` is not a whole number of 1 or more\n"
        "tx.csv:7: term_months `x` is not a whole number of 1 or more\n"
        "tx.csv:8: cancelled_on `2027-13-01` is not a date (YYYY-MM-DD)\n"
        "tx.csv:9: deal D1 gives a split on some rows but not on rows 10: give every row its "
        "split\n"
        "tx.csv:11: deal D2 is credited to 2 participants without a split, and the plan has no "
        "default_shares: give a split column, or crediting.splits.default_shares with one share "
        "per row\n"
        "tx.csv:13: the shares of deal D3 add up to 1.1, more than the whole deal; an overlay "
        "credit needs crediting.splits.kind: overlay\n"
    )


def test_bad_split_share_is_reported(program: Path) -> None:
    _write(program, "tx.csv", "participant,id,date,amount,split\nA1,T1,2027-03-10,5,half\n")
    code, _, err = _invoke(BASE)
    assert code == 2
    assert err.splitlines()[1:] == ["tx.csv:2: split `half` is not a number"]


def test_default_shares_must_match_the_number_of_rows(program: Path) -> None:
    _edit_plan(
        program,
        "  components:\n",
        "  crediting:\n    splits: {default_shares: [0.5, 0.3, 0.2]}\n  components:\n",
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\nA1,D1,2027-03-10,100\nA2,D1,2027-03-10,100\n",
    )
    code, _, err = _invoke(BASE)
    assert code == 2
    assert err.splitlines()[1] == (
        "tx.csv:2: deal D1 is credited to 2 participants without a split, and the plan has 3 "
        "default shares: give a split column, or crediting.splits.default_shares with one share "
        "per row"
    )


def test_default_shares_divide_a_deal_and_a_single_row_keeps_it_whole(program: Path) -> None:
    _edit_plan(
        program,
        "  components:\n",
        "  crediting:\n    splits: {default_shares: [0.75, 0.25]}\n  components:\n",
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\n"
        "A1,D1,2027-03-10,10000\nA2,D1,2027-03-10,10000\nA3,D2,2027-03-10,10000\n",
    )
    code, out, err = _invoke(BASE)
    assert (code, err) == (0, "")
    # A1: 75% of 10,000 at 8% = 600; A2: 25% = 200; A3: the whole 10,000 = 800
    assert out.splitlines()[1:] == [
        "A1,600.00,0.00,600.00,600.00",
        "A2,200.00,0.00,200.00,200.00",
        "A3,800.00,0.00,800.00,800.00",
    ]


def test_overlay_shares_may_exceed_the_deal_up_to_max_total(program: Path) -> None:
    _edit_plan(
        program,
        "  components:\n",
        "  crediting:\n    splits: {kind: overlay, max_total: 1.5}\n  components:\n",
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,split\n"
        "A1,D1,2027-03-10,10000,100%\nA2,D1,2027-03-10,10000,50%\n"
        "A1,D2,2027-03-10,10000,100%\nA2,D2,2027-03-10,10000,60%\n",
    )
    code, _, err = _invoke(BASE)
    assert code == 2
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\n"
        "tx.csv:4: the shares of deal D2 add up to 1.6, more than the plan's max_total\n"
    )
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,split\n"
        "A1,D1,2027-03-10,10000,100%\nA2,D1,2027-03-10,10000,50%\n",
    )
    code, out, err = _invoke(BASE)
    assert (code, err) == (0, "")
    # exactly max_total is allowed: A1 10,000 at 8% = 800; A2 5,000 at 8% = 400
    assert out.splitlines()[1:] == [
        "A1,800.00,0.00,800.00,800.00",
        "A2,400.00,0.00,400.00,400.00",
    ]


def test_bad_quota_rows_are_listed(program: Path) -> None:
    _write(
        program,
        "q.csv",
        "participant,quota,amount\n,q-arr,5\nA1,,5\nA1,q-x,5\nA1,q-arr,abc\n"
        "A1,target_incentive,70000\n",
    )
    code, out, err = _invoke([*BASE, "--quotas", "q.csv"])
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\n"
        "q.csv:2: participant and quota must not be empty\n"
        "q.csv:3: participant and quota must not be empty\n"
        "q.csv:4: quota `q-x` is not a quota of the plan\n"
        "q.csv:5: amount `abc` is not a number\n"
    )


def test_bad_legacy_rows_are_listed(program: Path) -> None:
    _write(program, "l.csv", "participant,payout\nA1,x\n,5\nA1,5\nA1,6\n")
    code, out, err = _invoke([*BASE, "--compare", "l.csv"])
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\n"
        "l.csv:2: payout `x` is not a number\n"
        "l.csv:3: participant is empty\n"
        "l.csv:5: participant A1 appears twice\n"
    )


def test_bad_roster_rows_are_listed(program: Path) -> None:
    _write(
        program,
        "r.csv",
        "participant,role,manager,hire_date,leave_date\n"
        ",AE,,,\nA1,AE,,,\nA1,AE,,,\nA2,AE,,2027-13-01,\nA5,AE,,,2027-02-30\n"
        "A3,AE,,2027-05-01,2027-04-01\nA4,AE,M9,,\n",
    )
    code, out, err = _invoke([*BASE, "--roster", "r.csv"])
    assert (code, out) == (2, "")
    assert err == (
        "icmkit: error: bad input rows, nothing computed:\n"
        "r.csv:2: participant is empty\n"
        "r.csv:4: participant A1 appears twice; a participant on several plans has one row per "
        "plan, each with `plan`, `from` and `to`\n"
        "r.csv:5: hire_date `2027-13-01` is not a date (YYYY-MM-DD)\n"
        "r.csv:6: leave_date `2027-02-30` is not a date (YYYY-MM-DD)\n"
        "r.csv:7: leave_date 2027-04-01 is before hire_date 2027-05-01\n"
        "r.csv:8: manager M9 of A4 is not on the roster\n"
    )


def test_roster_dates_decide_who_is_paid_for_the_period(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\n"
        + "".join(f"{who},T{who},2027-03-10,10000\n" for who in ("A1", "A2", "A3", "A4", "A5")),
    )
    _write(
        program,
        "r.csv",
        "participant,role,manager,hire_date,leave_date\n"
        "A1,AE,,2027-03-31,\n"  # hired on the last day of March: paid
        "A2,AE,,2027-04-01,\n"  # hired the day after: not in March
        "A3,AE,,,2027-03-01\n"  # left on the first day of March: paid
        "A4,AE,,,2027-02-28\n"  # left before March: not paid
        "A5,SE,,,\n",  # a role the plan does not cover
    )
    code, out, err = _invoke([*BASE, "--roster", "r.csv"])
    assert (code, err) == (0, "")
    assert [row.split(",")[0] for row in out.splitlines()[1:]] == ["A1", "A3"]


def test_columns_lists_every_measure_and_tested_attribute(program: Path) -> None:
    _edit_plan(
        program,
        "    - {id: arr, name: New ARR, source: DS-CRM}\n",
        "    - id: arr\n      name: New ARR\n      source: DS-CRM\n"
        "      filter: [{field: type, equals: New Logo}]\n"
        "    - {id: services, name: Services, field: services_amount}\n",
    )
    code, out, err = _invoke(["calc", "PLAN-AE", "--columns"])
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Columns of the transactions file for PLAN-AE:",
        "  participant      required: the participant credited",
        "  id               required: the transaction (or deal) id",
        "  date             required: the credit date, YYYY-MM-DD",
        "  amount           required: the amount of measure `arr`",
        "  services_amount  required: the amount of measure `services` (rows whose measure "
        "column names it)",
        "  measure          optional: the measure credited (default `arr`)",
        "  split            optional: the participant's share (0.4 or 40%)",
        "  cancelled_on     optional: when the deal was cancelled, YYYY-MM-DD",
        "  term_months      optional: the contract term, for pro-rata clawbacks",
        "  type             attribute tested by a filter or condition",
    ]


def test_a_missing_file_and_a_folder_are_unreadable_input(program: Path) -> None:
    (program / "folder.csv").mkdir()
    for name, what in (
        ("nope.csv", "does not exist"),
        ("folder.csv", "is a folder, not a regular file"),
    ):
        code, out, err = _invoke(["calc", "PLAN-AE", "--transactions", name, "--period", "2027-03"])
        assert (code, out, err) == (2, "", f"icmkit: error: {name}: cannot read: it {what}\n")


def test_a_file_that_is_not_utf8_is_reported_at_its_first_line(program: Path) -> None:
    (program / "tx.csv").write_bytes(b"\xff\xfeparticipant,id,date,amount\n")
    code, _, err = _invoke(BASE)
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\n"
        "tx.csv:1: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte\n",
    )


def test_short_rows_are_padded_blank_rows_skipped_and_empty_amounts_refused(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,split,type\n"
        "A1,T1,2027-03-10,100\n"  # short: split and type are empty
        "\n"
        "A1,T2,2027-03-10,,\n"
        "A1,T3,2027-03-10,5,-10%\n",
    )
    code, _, err = _invoke(BASE)
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\n"
        "tx.csv:4: amount is empty\n"
        "tx.csv:5: split `-10%` is negative\n",
    )


def test_a_row_too_long_in_a_small_file_is_reported(program: Path) -> None:
    _write(program, "q.csv", "participant,quota,amount\nA1,q-arr,5,6\n")
    code, _, err = _invoke([*BASE, "--quotas", "q.csv"])
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\nq.csv:2: 4 values for 3 columns\n",
    )


def test_each_bad_roster_row_is_reported_once(program: Path) -> None:
    # every bad row also names a manager who is not on the roster: the first problem of a
    # row is its only one
    _write(
        program,
        "r.csv",
        "participant,role,manager,hire_date,leave_date\n"
        "A1,AE,,,\n,AE,M9,,\nA1,AE,M9,,\nA2,AE,M9,2027-13-01,\nA3,AE,M9,2027-05-01,2027-04-01\n",
    )
    code, _, err = _invoke([*BASE, "--roster", "r.csv"])
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\n"
        "r.csv:3: participant is empty\n"
        "r.csv:4: participant A1 appears twice; a participant on several plans has one row per "
        "plan, each with `plan`, `from` and `to`\n"
        "r.csv:5: hire_date `2027-13-01` is not a date (YYYY-MM-DD)\n"
        "r.csv:6: leave_date 2027-04-01 is before hire_date 2027-05-01\n",
    )


def test_each_bad_quota_row_is_reported_once(program: Path) -> None:
    _write(program, "q.csv", "participant,quota,amount\n,q-arr,abc\nA1,q-x,abc\n")
    code, _, err = _invoke([*BASE, "--quotas", "q.csv"])
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\n"
        "q.csv:2: participant and quota must not be empty\n"
        "q.csv:3: quota `q-x` is not a quota of the plan\n",
    )


def test_every_row_of_a_deal_without_its_split_is_named(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,split,term_months\n"
        "A1,D1,2027-03-10,100,50%,\nA2,D1,2027-03-10,100,,\nA3,D1,2027-03-10,100,,\n"
        "A1,T9,2027-03-10,100,,1\n",  # a term of one month is allowed
    )
    code, _, err = _invoke(BASE)
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\n"
        "tx.csv:2: deal D1 gives a split on some rows but not on rows 3, 4: give every row its "
        "split\n",
    )


def test_at_most_fifty_bad_rows_are_listed(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount\n" + "".join(f"A1,T{n},2027-03-10,x\n" for n in range(1, 53)),
    )
    code, _, err = _invoke(BASE)
    lines = err.splitlines()
    assert (code, len(lines)) == (2, 52)
    assert lines[1] == "tx.csv:2: amount `x` is not a number"
    assert lines[-2:] == ["tx.csv:51: amount `x` is not a number", "… and 2 more"]


def test_a_small_file_without_a_required_column_is_refused(program: Path) -> None:
    _write(program, "q.csv", "participant,quota\nA1,q-arr\n")
    code, _, err = _invoke([*BASE, "--quotas", "q.csv"])
    assert (code, err) == (
        2,
        "icmkit: error: bad input rows, nothing computed:\nq.csv:1: missing column(s): amount\n",
    )


def test_a_split_of_zero_credits_nothing(program: Path) -> None:
    _write(
        program,
        "tx.csv",
        "participant,id,date,amount,split\nA1,T1,2027-03-10,1000,0\nA1,T2,2027-03-10,1000,\n",
    )
    code, out, _ = _invoke(BASE)
    assert (code, out.splitlines()[1]) == (0, "A1,80.00,0.00,80.00,80.00")
