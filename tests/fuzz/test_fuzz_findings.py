"""Plain regression tests for the bugs the fuzz test found, one per bug."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from icmkit.cli.app import app


def _run(program: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result.exit_code, result.stdout + result.stderr


def test_export_of_a_requirement_file_that_is_not_utf8(minimal_program: Path) -> None:
    """`export xlsx` ended in UnicodeDecodeError (exit 3)."""
    core = minimal_program / "requirements" / "core.yaml"
    core.write_bytes(core.read_bytes().replace(b"Import", b"Imp\xffort", 1))
    code, output = _run(
        minimal_program,
        "export",
        "xlsx",
        str(minimal_program),
        "--out",
        str(minimal_program.parent / "r.xlsx"),
    )
    assert code == 2
    assert output == "icmkit: error: requirements/core.yaml is not UTF-8 text; run `icmkit check`\n"


def test_render_of_a_phase_ending_on_the_last_day_of_the_calendar(minimal_program: Path) -> None:
    """`render` ended in OverflowError (exit 3): the chart counts a day past a phase's end.
    Every date of a program is now in the years 1900 to 2999."""
    timeline = minimal_program / "timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    timeline.write_text(text.replace("end: 2027-03-26", "end: 9999-12-31", 1), encoding="utf-8")
    code, output = _run(minimal_program, "check", str(minimal_program))
    assert code == 1
    assert (
        "timeline.yaml:12:12: error: SCH003 `end`: expected a date in the years 1900 to 2999"
        in output
    )
    out = minimal_program.parent / "docs"
    code, output = _run(
        minimal_program, "render", str(minimal_program), "--out", str(out), "--force"
    )
    assert code == 0, output


def test_calc_inputs_with_a_date_at_the_end_of_the_calendar(minimal_program: Path) -> None:
    """A leave date of 9999-12-31 in a roster made the engine count past the calendar."""
    roster = minimal_program.parent / "roster.csv"
    roster.write_text("participant,role,hire_date,leave_date\nP1,AE,2020-01-01,9999-12-31\n")
    transactions = minimal_program.parent / "t.csv"
    transactions.write_text("participant,id,date,amount\nP1,T1,2027-01-05,100\n")
    code, output = _run(
        minimal_program,
        "calc",
        "PLAN-AE",
        "--path",
        str(minimal_program),
        "--transactions",
        str(transactions),
        "--roster",
        str(roster),
        "--period",
        "2027-01",
    )
    assert code == 2
    assert "leave_date `9999-12-31` is not in the years 1900 to 2999" in output
