"""Export the functional requirements to an .xlsx workbook, and import a reviewed one back.

The ``Requirements`` sheet has one row per requirement: ``file`` and ``id`` say which
requirement a row is (they are not edited), the other columns are its keys. Importing changes
only the values that differ from the YAML, so exporting and importing an unedited workbook
changes no byte; a row with an id the program does not have adds that requirement to the
file its ``file`` cell names. The ``Traceability`` sheet (test cases against requirements) is
derived from the program and never imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from icmkit.errors import UsageError
from icmkit.spreadsheet.choices import FIXED, canonical
from icmkit.spreadsheet.columns import (
    COLUMNS,
    FILE_COLUMN,
    HEADER,
    ID_COLUMN,
    SHEET,
    CellError,
    cell_value,
    same_value,
    sheet_value,
)
from icmkit.spreadsheet.yaml_files import (
    RequirementFile,
    new_requirement_file,
    read_requirement_file,
    set_value,
)

if TYPE_CHECKING:
    from icmkit.model.program_bundle import Program


def requirement_files(root: Path) -> list[str]:
    """The functional requirement files of the program at ``root``, as relative paths."""
    from icmkit.loading.source import WorkingTreeSource
    from icmkit.model.layout import kind_for

    files = WorkingTreeSource(root).list_files()
    return sorted(p for p in files if (k := kind_for(p)) is not None and k.name == "requirements")


def _load(root: Path) -> Program:
    """The program at ``root`` as models (items that fail validation are left out)."""
    from icmkit.loading.program_loader import load_working_tree

    return load_working_tree(root).program


def export_workbook(root: Path, out: Path) -> int:
    """Write every functional requirement of the program at ``root`` to ``out``, and the
    traceability matrix; the number of requirements."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from icmkit.spreadsheet.choices import add_drop_downs, column_choices
    from icmkit.spreadsheet.text_cells import write_text_row
    from icmkit.spreadsheet.traceability import RequirementRow, add_traceability_sheet
    from icmkit.writing import write_atomic

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    write_text_row(sheet, 1, HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    traced: list[RequirementRow] = []
    for rel in requirement_files(root):
        for item in read_requirement_file(root, rel).requirements():
            values = [rel, sheet_value(item.get(ID_COLUMN))]
            values += [sheet_value(item.get(column.key)) for column in COLUMNS]
            write_text_row(sheet, len(traced) + 2, values)
            status = item.get("status")
            traced.append(
                RequirementRow(
                    str(values[1] or ""),
                    str(item.get("title") or ""),
                    str(status) if status is not None else "proposed",
                )
            )
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "C2"
    widths = {"file": 28, "id": 14, "title": 48, "notes": 48, "category": 24}
    for index, name in enumerate(HEADER, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = widths.get(name, 12)
    program = _load(root)
    add_traceability_sheet(book, traced, program.test_cases)
    owners = [m.id for m in program.info.team] if program.info is not None else []
    add_drop_downs(book, sheet, HEADER, column_choices(list(program.category_names()), owners))
    buffer = _to_bytes(book)
    write_atomic(out, buffer)
    return len(traced)


def _to_bytes(book: Any) -> bytes:
    import io

    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


@dataclass
class ImportResult:
    changed: dict[str, list[str]] = field(default_factory=dict)
    """Relative path -> ``FR-1 status`` for each value changed in that file."""
    added: dict[str, list[str]] = field(default_factory=dict)
    """Relative path -> ids of the requirements added to that file."""
    created: list[str] = field(default_factory=list)
    """Relative paths of the requirement files created for added requirements."""


@dataclass
class _Row:
    number: int
    values: dict[str, Any]
    letters: dict[str, str]
    """Column name -> column letter in the sheet read."""
    formulas: set[str] = field(default_factory=set)
    """Columns whose cell holds a formula (already reported; not read)."""

    def at(self, column: str | None = None) -> str:
        """Where a problem is: ``Requirements!C12``, or ``Requirements!row 12``."""
        letter = self.letters.get(column or "")
        return f"{SHEET}!{letter}{self.number}" if letter else f"{SHEET}!row {self.number}"


def _read_rows(path: Path) -> tuple[list[_Row], list[str]]:
    """Each non-empty row of the requirements sheet (other sheets are not read), and a
    problem for each cell that holds a formula or an error value instead of a value."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    from icmkit.spreadsheet.text_cells import formula_problem

    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UsageError(f"{path} is not an .xlsx workbook ({exc})") from None
    formulas: list[str] = []
    rows: list[tuple[Any, ...]] = []
    formula_cells: set[tuple[int, int]] = set()
    try:
        if SHEET not in book.sheetnames:
            raise UsageError(f"{path} has no sheet named {SHEET!r}; export one first")
        for number, cells in enumerate(book[SHEET].iter_rows(), start=1):
            read: list[Any] = []
            for index, cell in enumerate(cells, start=1):
                where = f"{SHEET}!{get_column_letter(index)}{number}"
                problem = formula_problem(where, cell)
                if problem is not None:
                    formulas.append(problem)
                    formula_cells.add((number, index - 1))
                read.append(None if problem is not None else cell.value)
            rows.append(tuple(read))
    except UsageError:
        raise
    except Exception as exc:  # a damaged sheet
        raise UsageError(f"{path}: the sheet {SHEET!r} cannot be read ({exc})") from None
    finally:
        book.close()
    if not rows:
        raise UsageError(f"the sheet {SHEET!r} of {path} is empty")
    header = [str(h).strip() if h is not None else "" for h in rows[0]]
    missing = [name for name in HEADER if name not in header]
    if missing:
        raise UsageError(f"the sheet {SHEET!r} lacks the column(s): {', '.join(missing)}")
    letters: dict[str, str] = {}
    for index, name in enumerate(header, start=1):
        letters.setdefault(name, get_column_letter(index))
    found: list[_Row] = []
    for number, row in enumerate(rows[1:], start=2):
        values: dict[str, Any] = {}
        for i, name in enumerate(header):
            values.setdefault(name, row[i] if i < len(row) else None)
        held = {header[i] for n, i in formula_cells if n == number and i < len(header)}
        if held or any(v is not None and str(v).strip() for v in values.values()):
            found.append(_Row(number, values, letters, held))
    return found, formulas


def _cells(row: _Row, ident: str, problems: list[str]) -> tuple[dict[str, Any], set[str]]:
    """The YAML values of the editable cells of ``row`` that hold one, and the columns whose
    cell did not (each problem is added to ``problems``)."""
    values: dict[str, Any] = {}
    bad: set[str] = set()
    for column in COLUMNS:
        if column.key in row.formulas:  # reported where it was read
            bad.add(column.key)
            continue
        try:
            value = cell_value(column, row.values.get(column.key))
            if column.key in FIXED:
                value = canonical(value, FIXED[column.key])
        except CellError as exc:
            problems.append(f"{row.at(column.key)}: `{column.key}`: {exc}")
            bad.add(column.key)
            continue
        if value is None and column.required:
            problems.append(f"{row.at(column.key)}: `{column.key}` of {ident} cannot be empty")
            bad.add(column.key)
            continue
        values[column.key] = value
    return values, bad


def _category_problem(row: _Row, category: Any, known: dict[str, str]) -> list[str]:
    from icmkit.loading.validation import did_you_mean

    if category is None or str(category) in known:
        return []
    return [
        f"{row.at('category')}: unknown category `{category}`; use a standard category or "
        f"add it under `extra_categories` in program.yaml{did_you_mean(str(category), known)}"
    ]


def _model_problems(row: _Row, ident: str, item: Any, skip: set[str]) -> list[str]:
    """What the ``FunctionalRequirement`` model says about ``item``, cell by cell (except
    about the ``skip`` columns, whose problem is already reported)."""
    from pydantic import ValidationError

    from icmkit.model.requirements import FunctionalRequirement

    try:
        FunctionalRequirement.model_validate(_plain(item))
    except ValidationError as exc:
        found = []
        for err in exc.errors():
            loc = ".".join(str(p) for p in err["loc"])
            column = str(err["loc"][0]) if err["loc"] else None
            if column not in skip:
                found.append(f"{row.at(column)}: {ident} `{loc}`: {err['msg']}")
        return found
    return []


def _changed(item: Any, changes: dict[str, Any]) -> dict[str, Any]:
    """``item`` as a plain mapping with ``changes`` applied (``None`` removes a key)."""
    data = {str(k): v for k, v in item.items()}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@dataclass
class _Import:
    """The state of one import: files read, requirements by id, what changes, what is wrong."""

    root: Path
    files: dict[str, RequirementFile]
    categories: dict[str, str]
    where: dict[str, tuple[RequirementFile, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    touched: dict[str, RequirementFile] = field(default_factory=dict)
    result: ImportResult = field(default_factory=ImportResult)

    def update(self, row: _Row, ident: str, values: dict[str, Any], bad: set[str]) -> None:
        """Apply the cells that differ from the YAML to an existing requirement (``bad``:
        the columns whose cell could not be read)."""
        file, item = self.where[ident]
        changes = {k: v for k, v in values.items() if not same_value(item.get(k), v)}
        if not changes:
            return
        found = _model_problems(row, ident, _changed(item, changes), bad)
        if "category" in changes:
            found += _category_problem(row, changes["category"], self.categories)
        if found or bad:
            self.problems.extend(found)
            return
        for key, new in changes.items():
            set_value(item, key, new)
        self.result.changed.setdefault(file.rel, []).extend(f"{ident} {key}" for key in changes)
        self.touched[file.rel] = file

    def add(self, row: _Row, ident: str, values: dict[str, Any], bad: set[str]) -> None:
        """Add a requirement the program does not have to the file its row names (``bad``:
        the columns whose cell could not be read)."""
        from icmkit.checks.ids import well_formed_id
        from icmkit.spreadsheet.additions import file_problem, new_item

        found = []
        if not well_formed_id("FR", ident):
            found.append(
                f"{row.at(ID_COLUMN)}: {ident} is not in the program, and not a well-formed "
                "id for a new requirement: use the form FR-AREA-001 (upper-case letters, "
                "digits and dashes after `FR-`)"
            )
        rel = str(row.values.get(FILE_COLUMN) or "").strip().replace("\\", "/")
        place = file_problem(self.root, rel, set(self.files))
        if place is not None:
            found.append(f"{row.at(FILE_COLUMN)}: {place}")
        found += _category_problem(row, values.get("category"), self.categories)
        item = new_item(ident, values)
        found += _model_problems(row, ident, item, bad)
        if bad:
            self.problems.extend(found)
            return
        file = self.files.get(rel)
        if file is not None and not file.can_add():
            found.append(f"{row.at(FILE_COLUMN)}: {rel} does not hold a `requirements:` list")
        if found:
            self.problems.extend(found)
            return
        if file is None:
            file = self.files[rel] = new_requirement_file(self.root, rel)
            self.result.created.append(rel)
        file.add(item)
        self.where[ident] = (file, item)
        self.result.added.setdefault(rel, []).append(ident)
        self.touched[rel] = file


def import_workbook(root: Path, workbook: Path) -> ImportResult:
    """Apply the edited values and the new rows of ``workbook`` to the requirement files of
    the program at ``root``.

    All or nothing: any problem (a bad value or id, a file a new row cannot go in, a file
    ruamel.yaml cannot keep the layout of) raises ``UsageError`` listing every problem, and
    nothing is written. The changed files are switched together (``staged_writes``), under a
    lock; an import killed half-way is finished by the next one, which also removes the
    temporary files a killed import left.
    """
    from icmkit.locking import locked
    from icmkit.spreadsheet.import_journal import JOURNAL, finish_interrupted, write_together

    rows, formulas = _read_rows(workbook)
    with locked(root / JOURNAL):
        finish_interrupted(root)
        state = _apply(root, workbook, rows, formulas)
        write_together(root, {f.rel: f.dump() for f in state.touched.values()})
    return state.result


def _apply(root: Path, workbook: Path, rows: list[_Row], formulas: list[str]) -> _Import:
    """The import's changes made to the requirement files in memory (``UsageError`` listing
    every problem, the ``formulas`` found first, if there is any)."""
    files = {rel: read_requirement_file(root, rel) for rel in requirement_files(root)}
    state = _Import(root, files, _load(root).category_names(), problems=list(formulas))
    for file in files.values():
        for item in file.requirements():
            state.where.setdefault(str(item.get(ID_COLUMN)), (file, item))
    seen: dict[str, int] = {}
    for row in rows:
        if row.formulas & {ID_COLUMN, FILE_COLUMN}:  # reported where it was read
            continue
        ident = str(row.values.get(ID_COLUMN) or "").strip()
        if not ident:
            state.problems.append(f"{row.at(ID_COLUMN)}: no id")
            continue
        if ident in seen:
            state.problems.append(f"{row.at(ID_COLUMN)}: {ident} is also on row {seen[ident]}")
            continue
        seen[ident] = row.number
        values, bad = _cells(row, ident, state.problems)
        if "category" in values:
            values["category"] = canonical(values["category"], list(state.categories))
        if ident in state.where:
            state.update(row, ident, values, bad)
        else:
            state.add(row, ident, values, bad)
    problems = state.problems
    for rel, file in state.touched.items():
        if not file.keeps_layout():
            problems.append(
                f"{rel}: ruamel.yaml cannot rewrite this file without changing its layout "
                "(e.g. a flow list wrapped over lines); make these edits by hand"
            )
    if problems:
        raise UsageError(
            f"{workbook} was not imported; nothing was written:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    return state


def _plain(value: Any) -> Any:
    """Round-trip data as plain Python data, for validating with the models."""
    from decimal import Decimal

    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return Decimal(repr(float(value)))
    if isinstance(value, str):
        return str(value)
    return value
