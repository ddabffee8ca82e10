"""The "Traceability" sheet of `icmkit export xlsx`: test cases against requirements."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner, Result

from icmkit.cli.app import app

TESTS = "tests/plan-ae.yaml"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _export(program: Path, book: Path) -> None:
    result = invoke("export", "xlsx", str(program), "--out", str(book))
    assert result.exit_code == 0, result.output


def test_the_matrix_shows_each_test_case_status_where_it_verifies(
    minimal_program: Path, tmp_path: Path
) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)

    workbook = load_workbook(book)
    assert workbook.sheetnames == ["Requirements", "Traceability", "Choices"]
    assert workbook["Choices"].sheet_state == "hidden"
    sheet = workbook["Traceability"]
    assert list(sheet.iter_rows(values_only=True)) == [
        ("id", "title", "status", "TC-AE-001", "TC-DI-001", "passed/total"),
        (
            "FR-DI-001",
            "Import opportunities from the CRM every night",
            "agreed",
            None,
            "not_run",
            "0/1",
        ),
        (
            "FR-PC-001",
            "Account executive commission with marginal tiers",
            "agreed",
            "passed",
            None,
            "1/1",
        ),
        ("FR-DI-002", "Help set up the month-end close checklist", "proposed", None, None, "0/0"),
    ]
    assert sheet.freeze_panes == "D2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["B"].width == 48
    assert sheet["D3"].fill.fgColor.rgb == "00C6EFCE"


def test_a_test_case_verifying_several_requirements_and_a_failed_one(
    minimal_program: Path, tmp_path: Path
) -> None:
    tests = minimal_program / TESTS
    text = tests.read_text(encoding="utf-8")
    text = text.replace("verifies: [FR-DI-001]", "verifies: [FR-DI-001, FR-DI-002]")
    text += "    status: failed\n    run: {by: bo, on: 2027-03-21}\n"
    text += (
        "  - id: TC-CL-001\n"
        "    title: Not about any requirement\n"
        "    stage: uat\n"
        "    expected_result: Nothing.\n"
    )
    tests.write_text(text, encoding="utf-8")
    assert invoke("check", str(minimal_program)).exit_code == 0
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)

    rows = list(load_workbook(book)["Traceability"].iter_rows(values_only=True))

    assert [row[3:] for row in rows] == [
        ("TC-AE-001", "TC-DI-001", "passed/total"),
        (None, "failed", "0/1"),
        ("passed", None, "1/1"),
        (None, "failed", "0/1"),
    ]


def test_import_ignores_the_traceability_sheet(minimal_program: Path, tmp_path: Path) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    workbook = load_workbook(book)
    workbook["Traceability"]["E2"] = "passed"
    workbook["Traceability"]["C2"] = "accepted"
    workbook.save(book)

    result = invoke("import", "xlsx", str(book), "-p", str(minimal_program))

    assert result.exit_code == 0, result.output
    assert result.stdout == "No changes: the requirement files already hold every value.\n"
