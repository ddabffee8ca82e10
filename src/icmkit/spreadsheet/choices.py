"""Drop-down lists for the requirement columns that take one of a few values (kind, priority,
status, category, owner), and the same values matched without regard to case on import.

The lists live on a hidden sheet, ``Choices`` (one column per list), which import ignores
like the traceability sheet; each column of the requirements sheet gets a list validation
that points at its column, down to ``ROWS`` rows so that rows added at the bottom get the
drop-down too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from icmkit.model.requirement_choices import Kind, Priority, Status

CHOICES_SHEET: Final = "Choices"

ROWS: Final = 2000
"""Rows of the requirements sheet that get the drop-downs."""

FIXED: Final[dict[str, tuple[str, ...]]] = {
    "kind": tuple(k.value for k in Kind),
    "priority": tuple(p.value for p in Priority),
    "status": tuple(s.value for s in Status),
}
"""The columns whose values are the same in every program."""


def column_choices(categories: Sequence[str], owners: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Every column with a drop-down and its values (this program's categories and team)."""
    found = dict(FIXED)
    found["category"] = tuple(categories)
    if owners:
        found["owner"] = tuple(owners)
    return found


def canonical(value: Any, choices: Sequence[str]) -> Any:
    """``value`` spelled as its choice when it differs only in case or surrounding blanks
    (``Agreed`` is ``agreed``); anything else unchanged, for the checks to report."""
    if not isinstance(value, str):
        return value
    wanted = value.strip().lower()
    for choice in choices:
        if choice.lower() == wanted:
            return choice
    return value


def add_drop_downs(
    book: Any, sheet: Any, header: Sequence[str], lists: Mapping[str, Sequence[str]]
) -> None:
    """Write ``lists`` to the hidden choices sheet and give the matching columns of
    ``sheet`` (whose first row is ``header``) a drop-down of them."""
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    from icmkit.spreadsheet.text_cells import cell_text, write_text_cell

    store = book.create_sheet(CHOICES_SHEET)
    store.sheet_state = "hidden"
    for index, (name, values) in enumerate(lists.items(), start=1):
        if name not in header or not values:
            continue
        letter = get_column_letter(index)
        write_text_cell(store, 1, index, name)
        for row, value in enumerate(values, start=2):
            write_text_cell(store, row, index, value)
        source = f"{quote_sheetname(CHOICES_SHEET)}!${letter}$2:${letter}${len(values) + 1}"
        check = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=f"Not a {name}",
            error=(cell_text(f"Choose one of the values in the list: {', '.join(values)}") or "")[
                :255
            ],
        )
        target = get_column_letter(header.index(name) + 1)
        check.add(f"{target}2:{target}{ROWS}")
        sheet.add_data_validation(check)
