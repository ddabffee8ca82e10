"""`icmkit export xlsx` / `icmkit import xlsx`: requirements reviewed in a spreadsheet."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from tests.conftest import REPO, snapshot_tree
from typer.testing import CliRunner, Result

from icmkit.cli.app import app

CORE = "requirements/core.yaml"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _export(program: Path, book: Path) -> None:
    result = invoke("export", "xlsx", str(program), "--out", str(book))
    assert result.exit_code == 0, result.output


def _edit(book: Path, edits: dict[tuple[str, str], Any]) -> None:
    """Set cells by ``(requirement id, column name)``."""
    workbook = load_workbook(book)
    sheet = workbook["Requirements"]
    header = [cell.value for cell in sheet[1]]
    rows = {row[1].value: row for row in sheet.iter_rows(min_row=2)}
    for (ident, column), value in edits.items():
        rows[ident][header.index(column)].value = value
    workbook.save(book)


def _import(program: Path, book: Path) -> Result:
    return invoke("import", "xlsx", str(book), "-p", str(program))


@pytest.mark.parametrize("source", ["tests/fixtures/minimal", "examples/lumen-analytics"])
def test_an_unedited_workbook_changes_no_byte(tmp_path: Path, source: str) -> None:
    program = tmp_path / "program"
    shutil.copytree(REPO / source, program)
    book = tmp_path / "requirements.xlsx"
    before = snapshot_tree(program)

    _export(program, book)
    result = _import(program, book)

    assert result.exit_code == 0, result.output
    assert result.stdout == "No changes: the requirement files already hold every value.\n"
    assert snapshot_tree(program) == before


def test_the_workbook_holds_one_row_per_requirement(minimal_program: Path, tmp_path: Path) -> None:
    book = tmp_path / "r.xlsx"
    result = invoke("export", "xlsx", str(minimal_program), "--out", str(book))

    assert result.stdout == f"Wrote 3 requirements to {book.as_posix()}.\n"
    rows = list(load_workbook(book)["Requirements"].iter_rows(values_only=True))
    assert rows[0] == (
        "file",
        "id",
        "title",
        "category",
        "kind",
        "priority",
        "phase",
        "status",
        "owner",
        "hours",
        "notes",
    )
    assert rows[3] == (
        CORE,
        "FR-DI-002",
        "Help set up the month-end close checklist",
        "data_integration",
        "assisted",
        None,
        "3",
        "proposed",
        "ana",
        "4",
        None,
    )


def test_edits_change_only_their_lines_and_keep_comments(
    minimal_program: Path, tmp_path: Path
) -> None:
    core = minimal_program / CORE
    core.write_text("# Core requirements.\n" + core.read_text(encoding="utf-8"), encoding="utf-8")
    before = core.read_text(encoding="utf-8").splitlines()
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _edit(book, {("FR-DI-002", "status"): "agreed", ("FR-DI-002", "hours"): 6.5})

    result = _import(minimal_program, book)

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f"Changed 2 values in 1 file:\n  {CORE}: FR-DI-002 status, FR-DI-002 hours\n"
    )
    after = core.read_text(encoding="utf-8").splitlines()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [
        ("    hours: 4", "    hours: 6.5"),
        ("    status: proposed", "    status: agreed"),
    ]
    assert after[0] == "# Core requirements."
    assert invoke("check", str(minimal_program)).exit_code == 0
    assert _import(minimal_program, book).stdout.startswith("No changes")


def test_text_on_several_lines_becomes_a_block_and_empty_cells_remove_keys(
    minimal_program: Path, tmp_path: Path
) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _edit(book, {("FR-DI-001", "notes"): "First line.\nSecond line.", ("FR-DI-001", "owner"): None})

    assert _import(minimal_program, book).exit_code == 0

    text = (minimal_program / CORE).read_text(encoding="utf-8")
    assert "    notes: |\n      First line.\n      Second line.\n" in text
    second = tmp_path / "again.xlsx"
    _export(minimal_program, second)
    assert _import(minimal_program, second).stdout.startswith("No changes")
    row = next(
        r
        for r in load_workbook(second)["Requirements"].iter_rows(values_only=True)
        if r[1] == "FR-DI-001"
    )
    assert row[8] is None


def test_bad_rows_are_all_listed_and_nothing_is_written(
    minimal_program: Path, tmp_path: Path
) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    workbook = load_workbook(book)
    sheet = workbook["Requirements"]
    sheet["B3"] = None
    sheet["C2"] = None
    sheet["G4"] = "three"
    sheet["H4"] = "done"
    sheet.append([CORE, "FR-DI-001", "again"])
    workbook.save(book)
    before = snapshot_tree(minimal_program)

    result = _import(minimal_program, book)

    assert result.exit_code == 2
    assert result.stderr == (
        f"icmkit: error: {book} was not imported; nothing was written:\n"
        "  Requirements!C2: `title` of FR-DI-001 cannot be empty\n"
        "  Requirements!B3: no id\n"
        "  Requirements!G4: `phase`: expected a number, got 'three'\n"
        "  Requirements!H4: FR-DI-002 `status`: Input should be 'proposed', 'agreed', "
        "'configured', 'tested', 'accepted' or 'deferred'\n"
        "  Requirements!B5: FR-DI-001 is also on row 2\n"
    )
    assert snapshot_tree(minimal_program) == before


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        (
            "12,5",
            "`12,5` has a comma that is not thousands grouping (a decimal comma?): write it "
            "with a decimal point, or declare the source's number format (decimal comma, "
            "thousands dot, ...)",
        ),
        (
            "1,234",
            "`1,234` could be 1234 (thousands comma) or 1.234 (decimal comma): write it "
            "without the comma, or declare the source's number format (decimal comma, "
            "thousands dot, ...)",
        ),
        ("NaN", "expected a number, got 'NaN'"),
    ],
)
def test_hours_written_with_a_decimal_comma_are_refused_not_misread(
    minimal_program: Path, tmp_path: Path, cell: str, message: str
) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _edit(book, {("FR-DI-002", "hours"): cell})
    before = snapshot_tree(minimal_program)

    result = _import(minimal_program, book)

    assert result.exit_code == 2
    assert result.stderr == (
        f"icmkit: error: {book} was not imported; nothing was written:\n"
        f"  Requirements!J4: `hours`: {message}\n"
    )
    assert snapshot_tree(minimal_program) == before


def test_hours_as_text_with_a_thousands_comma_and_decimals_are_read(
    minimal_program: Path, tmp_path: Path
) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _edit(book, {("FR-DI-002", "hours"): " 1,234.5 "})

    result = _import(minimal_program, book)

    assert result.exit_code == 0, result.output
    assert "    hours: 1234.5\n" in (minimal_program / CORE).read_text(encoding="utf-8")


def test_a_value_the_model_refuses_is_reported(minimal_program: Path, tmp_path: Path) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _edit(book, {("FR-DI-002", "status"): "done"})

    result = _import(minimal_program, book)

    assert result.exit_code == 2
    assert "  Requirements!H4: FR-DI-002 `status`: Input should be 'proposed'," in result.stderr


def test_a_file_ruamel_cannot_keep_the_layout_of_is_left_alone(
    minimal_program: Path, tmp_path: Path
) -> None:
    core = minimal_program / CORE
    text = core.read_text(encoding="utf-8")
    wrapped = text.replace(
        "  - id: FR-DI-001\n", "  - id: FR-DI-001\n    acceptance_criteria: [one,\n      two]\n", 1
    )
    assert wrapped != text
    core.write_text(wrapped, encoding="utf-8")
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _edit(book, {("FR-DI-002", "status"): "agreed"})

    result = _import(minimal_program, book)

    assert result.exit_code == 2
    assert f"  {CORE}: ruamel.yaml cannot rewrite this file without changing" in result.stderr
    assert core.read_text(encoding="utf-8") == wrapped


def test_a_file_that_is_not_a_workbook_is_refused(minimal_program: Path, tmp_path: Path) -> None:
    fake = tmp_path / "r.xlsx"
    fake.write_text("not a workbook")
    result = _import(minimal_program, fake)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"icmkit: error: {fake} is not an .xlsx workbook")


def _append_rows(book: Path, *rows: list[Any]) -> None:
    workbook = load_workbook(book)
    for row in rows:
        workbook["Requirements"].append(row)
    workbook.save(book)


def test_changing_one_status_cell_changes_exactly_one_line(
    minimal_program: Path, tmp_path: Path
) -> None:
    before = snapshot_tree(minimal_program)
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _edit(book, {("FR-PC-001", "status"): "configured"})

    result = _import(minimal_program, book)

    assert result.exit_code == 0, result.output
    assert result.stdout == f"Changed 1 value in 1 file:\n  {CORE}: FR-PC-001 status\n"
    after = snapshot_tree(minimal_program)
    assert {path for path in after if after[path] != before[path]} == {CORE}
    old, new = before[CORE].decode().splitlines(), after[CORE].decode().splitlines()
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        ("    status: agreed", "    status: configured")
    ]


def test_new_rows_add_their_requirements(minimal_program: Path, tmp_path: Path) -> None:
    core = minimal_program / CORE
    core.write_text(core.read_text(encoding="utf-8") + "# End of the core list.\n", "utf-8")
    before = snapshot_tree(minimal_program)
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _append_rows(
        book,
        [CORE, "FR-PY-001", "Pay commissions with the monthly payroll", "payments_payroll",
         "standard", None, 2, None, "ana"],
        ["requirements/reporting.yaml", "FR-RP-001", "Yes", "reporting_analytics", "assisted",
         "should", 3, "agreed", None, 6.5, "Two lines:\nfirst, then second."],
    )  # fmt: skip

    result = _import(minimal_program, book)

    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "Added 2 requirements to 2 files:\n"
        f"  {CORE}: FR-PY-001\n"
        "  requirements/reporting.yaml (new file): FR-RP-001\n"
    )
    after = snapshot_tree(minimal_program)
    assert after[CORE].decode() == before[CORE].decode().replace(
        "# End of the core list.\n",
        "  - id: FR-PY-001\n"
        "    title: Pay commissions with the monthly payroll\n"
        "    category: payments_payroll\n"
        "    kind: standard\n"
        "    phase: 2\n"
        "    owner: ana\n"
        "# End of the core list.\n",
    )
    assert after["requirements/reporting.yaml"].decode() == (
        "requirements:\n"
        "  - id: FR-RP-001\n"
        "    title: 'Yes'\n"
        "    category: reporting_analytics\n"
        "    kind: assisted\n"
        "    priority: should\n"
        "    phase: 3\n"
        "    status: agreed\n"
        "    hours: 6.5\n"
        "    notes: |\n"
        "      Two lines:\n"
        "      first, then second.\n"
    )
    assert set(after) - set(before) == {"requirements/reporting.yaml"}
    assert all(after[path] == text for path, text in before.items() if path != CORE)
    check = invoke("check", str(minimal_program))
    assert check.exit_code == 0, check.output
    assert _import(minimal_program, book).stdout.startswith("No changes")


def test_bad_new_rows_are_reported_by_cell_and_nothing_is_written(
    minimal_program: Path, tmp_path: Path
) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _append_rows(
        book,
        [CORE, "FR-PY-001", "Pay with payroll", "payroll", "standard", None, 2],
        [CORE, "fr-py-2", "Pay with payroll", "payments_payroll", "standard", None, 2],
        ["plans/ae.yaml", "FR-PY-003", "Pay with payroll", "payments_payroll", "standard", None, 2],
        ["requirements/../x.yaml", "FR-PY-004", "Pay", "payments_payroll", "standard", None, 2],
        [None, "FR-PY-005", "Pay with payroll", "payments_payroll", "standard", None, 2],
        ["requirements/new.yaml", "FR-PY-006", None, "payments_payroll", "often", None, 13],
    )
    before = snapshot_tree(minimal_program)

    result = _import(minimal_program, book)

    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"icmkit: error: {book} was not imported; nothing was written:\n"
        "  Requirements!D5: unknown category `payroll`; use a standard category or add it "
        "under `extra_categories` in program.yaml; did you mean `payments_payroll`?\n"
        "  Requirements!B6: fr-py-2 is not in the program, and not a well-formed id for a new "
        "requirement: use the form FR-AREA-001 (upper-case letters, digits and dashes after "
        "`FR-`)\n"
        "  Requirements!A7: `plans/ae.yaml` is not a requirement file of the program; new "
        "requirements go in a requirements/NAME.yaml file\n"
        "  Requirements!A8: `requirements/../x.yaml` is not a requirement file of the program; "
        "new requirements go in a requirements/NAME.yaml file\n"
        "  Requirements!A9: name the requirements/*.yaml file to add this requirement to\n"
        "  Requirements!C10: `title` of FR-PY-006 cannot be empty\n"
        "  Requirements!E10: FR-PY-006 `kind`: Input should be 'standard', 'unique' or "
        "'assisted'\n"
        "  Requirements!G10: FR-PY-006 `phase`: Input should be less than or equal to 12\n"
    )
    assert snapshot_tree(minimal_program) == before


def test_export_does_not_replace_an_existing_workbook_unless_forced(
    minimal_program: Path, tmp_path: Path
) -> None:
    book = tmp_path / "r.xlsx"
    book.write_bytes(b"the customer's ticks")

    refused = invoke("export", "xlsx", str(minimal_program), "--out", str(book))

    assert refused.exit_code == 2
    assert refused.stderr == (
        f"icmkit: error: {book.as_posix()} already exists (it may hold someone's edits); "
        "import it first, write to another --out, or use --force to replace it\n"
    )
    assert book.read_bytes() == b"the customer's ticks"

    forced = invoke("export", "xlsx", str(minimal_program), "--out", str(book), "--force")
    assert forced.exit_code == 0, forced.output
    assert load_workbook(book)["Requirements"].max_row == 4


def test_the_workbook_goes_to_the_program_build_folder_and_comes_back_from_it(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    exported = invoke("export", "xlsx", "-p", str(minimal_program))
    book = minimal_program / "build" / "requirements.xlsx"
    assert exported.exit_code == 0, exported.output
    assert exported.stdout == f"Wrote 3 requirements to {book.as_posix()}.\n"
    assert list(elsewhere.iterdir()) == []
    _edit(book, {("FR-PC-001", "status"): "configured"})

    imported = invoke("import", "xlsx", "-p", str(minimal_program))

    assert imported.exit_code == 0, imported.output
    assert "status: configured" in (minimal_program / CORE).read_text(encoding="utf-8")


def test_import_without_a_workbook_says_how_to_make_one(minimal_program: Path) -> None:
    result = invoke("import", "xlsx", "-p", str(minimal_program))
    book = minimal_program / "build" / "requirements.xlsx"
    assert result.exit_code == 2
    assert result.stderr == (
        f"icmkit: error: {book.as_posix()} does not exist; write it with "
        "`icmkit export xlsx` first\n"
    )


def test_enumerated_columns_have_drop_down_lists(minimal_program: Path, tmp_path: Path) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    workbook = load_workbook(book)
    sheet = workbook["Requirements"]
    header = [cell.value for cell in sheet[1]]
    choices = workbook["Choices"]
    lists = {
        str(column[0].value): [c.value for c in column[1:] if c.value is not None]
        for column in choices.iter_cols()
    }
    by_column = {}
    for check in sheet.data_validations.dataValidation:
        letter = str(check.sqref).split(":")[0].rstrip("0123456789")
        by_column[header[ord(letter) - ord("A")]] = check
    assert set(by_column) == {"kind", "priority", "status", "category", "owner"}
    assert all(c.type == "list" and str(c.sqref).endswith("2000") for c in by_column.values())
    assert lists["status"] == ["proposed", "agreed", "configured", "tested", "accepted", "deferred"]
    assert lists["kind"] == ["standard", "unique", "assisted"]
    assert lists["owner"] == ["ana", "bo"]
    assert "plan_design_calculation" in lists["category"]


def test_a_value_typed_in_another_case_is_taken(minimal_program: Path, tmp_path: Path) -> None:
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    _edit(book, {("FR-PC-001", "status"): "Configured", ("FR-PC-001", "priority"): " SHOULD"})

    result = _import(minimal_program, book)

    assert result.exit_code == 0, result.output
    text = (minimal_program / CORE).read_text(encoding="utf-8")
    assert "status: configured" in text
    assert "priority: should" in text


def test_an_added_requirement_goes_above_the_commented_example(tmp_path: Path) -> None:
    """``init`` ends each requirement list with a commented example to copy; a requirement
    added from the workbook belongs to the list, above it."""
    made = invoke("init", str(tmp_path / "acme"), "--customer", "Acme", "--yes")
    assert made.exit_code == 0, made.output
    program = tmp_path / "acme"
    book = tmp_path / "r.xlsx"
    _export(program, book)
    workbook = load_workbook(book)
    sheet = workbook["Requirements"]
    sheet.append(
        [
            "requirements/statements.yaml",
            "FR-ST-900",
            "Statements in French and English",
            "statements",
            "standard",
            None,
            2,
        ]
    )
    workbook.save(book)

    result = _import(program, book)

    assert result.exit_code == 0, result.output
    text = (program / "requirements/statements.yaml").read_text(encoding="utf-8")
    assert text.index("  - id: FR-ST-900") < text.index("  # Add the customer's unique")
    assert text.rstrip().endswith("#   links: {business: [BR-001]}")
    assert invoke("check", str(program)).exit_code == 0
