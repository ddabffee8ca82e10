"""Which column of a transactions file holds what, for one plan (as ``calc_inputs`` reads it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from icmkit.engine.calc_inputs import KEY_COLUMNS, OPTIONAL_COLUMNS, transaction_columns
from icmkit.engine.columnar.backend import Columns
from icmkit.engine.csv_tables import InputFileError
from icmkit.model.plans import Plan


@dataclass(frozen=True)
class Layout:
    """Column indexes by name (a repeated name is its last column), and the attribute columns."""

    at: dict[str, int]
    extra: list[tuple[str, int]]
    """Attribute columns: every column the reader does not know, by name and index."""
    width: int

    def index(self, name: str) -> int | None:
        return self.at.get(name)


def layout_of(columns: Columns, plan: Plan, path: Path) -> Layout:
    """The layout, or InputFileError naming the missing columns (keys first, as the CSV
    reader does)."""
    at = columns.at
    keys = [name for name in KEY_COLUMNS if name not in at]
    if keys:
        raise InputFileError([f"{path}:1: missing column(s): {', '.join(keys)}"])
    required = transaction_columns(plan, "measure" in at)
    missing = [name for name in required if name not in at]
    if missing:
        raise InputFileError([f"{path}:1: missing column(s): {', '.join(missing)}"])
    fields = {m.field for m in plan.measures}
    known = set(KEY_COLUMNS) | set(OPTIONAL_COLUMNS) | fields | {"amount"}
    extra = [(name, index) for name, index in at.items() if name not in known]
    return Layout(at, extra, len(columns.names))
