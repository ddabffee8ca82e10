"""The test traceability matrix: which test case verifies which functional requirement.

One row per functional requirement, one column per test case that verifies at least one of
them; a cell holds the test case's status where it verifies the row's requirement. The sheet
is derived from the program files, so importing a workbook ignores it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from icmkit.model.testing import TestCase, TestStatus

TRACE_SHEET: Final = "Traceability"
REQUIREMENT_COLUMNS: Final = ("id", "title", "status")
COUNT_COLUMN: Final = "passed/total"

_FILLS: Final = {
    TestStatus.PASSED.value: "C6EFCE",
    TestStatus.FAILED.value: "FFC7CE",
    TestStatus.BLOCKED.value: "FFEB9C",
}
"""Cell colours by test status (the usual spreadsheet good / bad / neutral fills)."""


@dataclass(frozen=True)
class RequirementRow:
    id: str
    title: str
    status: str


def traceability_rows(
    requirements: Sequence[RequirementRow], test_cases: Sequence[TestCase]
) -> list[list[Any]]:
    """The matrix as rows of cell values, header first."""
    ids = {r.id for r in requirements}
    cases = [case for case in test_cases if ids.intersection(case.verifies)]
    rows: list[list[Any]] = [[*REQUIREMENT_COLUMNS, *(c.id for c in cases), COUNT_COLUMN]]
    for req in requirements:
        statuses = [case.status.value if req.id in case.verifies else None for case in cases]
        shown = [s for s in statuses if s is not None]
        passed = sum(1 for s in shown if s == TestStatus.PASSED.value)
        rows.append([req.id, req.title, req.status, *statuses, f"{passed}/{len(shown)}"])
    return rows


def add_traceability_sheet(
    book: Any, requirements: Sequence[RequirementRow], test_cases: Sequence[TestCase]
) -> int:
    """Add the matrix to the openpyxl ``book``; the number of test case columns."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from icmkit.spreadsheet.text_cells import write_text_row

    sheet = book.create_sheet(TRACE_SHEET)
    rows = traceability_rows(requirements, test_cases)
    for number, row in enumerate(rows, start=1):
        write_text_row(sheet, number, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    first_test = len(REQUIREMENT_COLUMNS) + 1
    last_test = len(rows[0]) - 1
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 2)
            colour = _FILLS.get(str(cell.value)) if first_test <= cell.column <= last_test else None
            if colour is not None:
                cell.fill = PatternFill(fill_type="solid", start_color=colour, end_color=colour)
    sheet.freeze_panes = sheet.cell(row=2, column=first_test).coordinate
    widths = {1: 14, 2: 48, 3: 12}
    for index, name in enumerate(rows[0], start=1):
        width = widths.get(index, max(12, len(str(name)) + 2))
        sheet.column_dimensions[get_column_letter(index)].width = width
    return last_test - first_test + 1
