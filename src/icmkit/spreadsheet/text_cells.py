"""Writing cells as text, and finding the formulas of a workbook read back.

Every cell icmkit writes is a text cell, marked so that the spreadsheet keeps it text when
someone edits it: a title such as ``=HYPERLINK("http://…")`` or ``=cmd|' /C calc'!A0`` from a
program file shows as those characters and never runs as a formula (spreadsheet injection).
Numbers are written as their text too (an import compares them as numbers, so an unedited
``2.50`` that shows as ``2.5`` changes nothing).

A workbook read back may hold formulas someone typed; their results are not values icmkit
can trust (a workbook saved by a library has none), so each one is an error at its cell.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Final

_ILLEGAL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters an .xlsx file cannot hold (XML 1.0 forbids them)."""


def cell_text(value: object) -> str | None:
    """The text a cell shows for ``value`` (``None``: an empty cell)."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    return _ILLEGAL.sub("\ufffd", text)


def write_text_row(sheet: Any, row: int, values: Sequence[object]) -> None:
    """Fill row ``row`` (from 1) of the openpyxl ``sheet`` with text cells."""
    for column, value in enumerate(values, start=1):
        write_text_cell(sheet, row, column, value)


def write_text_cell(sheet: Any, row: int, column: int, value: object) -> None:
    """Make the cell at ``row``, ``column`` (from 1) of ``sheet`` a text cell showing
    ``value`` (nothing for ``None``)."""
    text = cell_text(value)
    if text is None:
        return
    cell = sheet.cell(row=row, column=column)
    cell.value = text
    cell.data_type = "s"  # a text cell, even when the text starts with "="
    cell.quotePrefix = True  # and it stays text when edited in the spreadsheet


def formula_problem(where: str, cell: Any) -> str | None:
    """Why the cell read back at ``where`` (``Requirements!C12``) cannot be imported, if it
    holds a formula or an error value rather than a value."""
    kind = getattr(cell, "data_type", None)
    if kind == "f":
        shown = str(getattr(cell.value, "text", cell.value))
        if len(shown) > 60:
            shown = shown[:57] + "..."
        return (
            f"{where}: a formula ({shown}), not a value; type the value itself "
            "(formulas are not imported)"
        )
    if kind == "e":
        return f"{where}: an error value ({cell.value}); type the value itself"
    return None
