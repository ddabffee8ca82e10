"""``icmkit export xlsx`` and ``icmkit import xlsx``: requirements through a spreadsheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, guarded
from icmkit.cli.parameters import (
    ProgramPathArgument,
    ProgramPathOption,
    program_path,
    refuse_program_folder,
)
from icmkit.errors import UsageError

DEFAULT_WORKBOOK = Path("build") / "requirements.xlsx"
"""Where ``export xlsx`` writes and ``import xlsx`` reads by default, in the program folder
(``build/`` is ignored by git, like the rendered documents)."""

export_app = typer.Typer(
    name="export",
    help="Export program data for people who work in other tools.",
    no_args_is_help=True,
)
import_app = typer.Typer(
    name="import",
    help="Bring edits made in other tools back into the program files.",
    no_args_is_help=True,
)


@guarded
def export_xlsx(
    path: ProgramPathArgument = None,
    path_option: ProgramPathOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Workbook to write [default: build/requirements.xlsx in the program folder].",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the workbook if it already exists.")
    ] = False,
) -> None:
    """Write the functional requirements to an .xlsx workbook, one row each.

    Sheet "Requirements": the `file` and `id` columns say which requirement a row is; edit
    the other columns (title, category, kind, priority, phase, status, owner, hours, notes),
    or add rows for new requirements, and bring the edits back with `icmkit import xlsx`.

    Sheet "Traceability": the test traceability matrix, one row per requirement and one
    column per test case that verifies any; a cell shows the test case's status where it
    verifies the requirement, and the last column counts passed/total. It is read-only:
    import ignores it.
    """
    from icmkit.loading.source import find_root
    from icmkit.spreadsheet.workbook import export_workbook

    root = find_root(program_path(path, path_option))
    if out is None:
        out = _shown(root / DEFAULT_WORKBOOK)
        out.parent.mkdir(parents=True, exist_ok=True)
    if out.is_dir():
        raise UsageError(
            f"{out.as_posix()} is a folder; give the workbook's file name, such as "
            "requirements.xlsx"
        )
    if out.suffix.lower() != ".xlsx":
        raise UsageError(f"{out.as_posix()}: a workbook's name must end in .xlsx")
    if out.exists() and not force:
        raise UsageError(
            f"{out.as_posix()} already exists (it may hold someone's edits); import it first, "
            "write to another --out, or use --force to replace it"
        )
    rows = export_workbook(root, out)
    typer.echo(f"Wrote {rows} requirements to {out.as_posix()}.")
    raise typer.Exit(CLEAN)


@guarded
def import_xlsx(
    workbook: Annotated[
        Path | None,
        typer.Argument(
            metavar="WORKBOOK",
            help="Workbook written by `icmkit export xlsx`, then edited [default: "
            "build/requirements.xlsx in the program folder].",
            show_default=False,
        ),
    ] = None,
    path: ProgramPathOption = None,
) -> None:
    """Apply the edits of a requirements workbook to the requirement files.

    Only values that differ from the YAML are written; comments, key order and quoting
    are kept, and an unedited workbook changes nothing. A row whose id (FR-...) is not in
    the program adds that requirement to the end of the file named in its `file` column, a
    requirements/NAME.yaml file (created if it does not exist). Rows cannot remove
    requirements; the Traceability sheet is derived from the program and ignored.

    All or nothing: every bad value, id or file is listed by sheet, row and column (such as
    Requirements!C12) and nothing is written (exit 2). Run `icmkit check` afterwards.
    """
    from icmkit.loading.source import find_root
    from icmkit.spreadsheet.workbook import import_workbook

    if workbook is not None:
        refuse_program_folder(str(workbook), "a workbook", "icmkit import xlsx -p PATH [WORKBOOK]")
    root = find_root(program_path(option=path))
    if workbook is None:
        workbook = _shown(root / DEFAULT_WORKBOOK)
    if not workbook.is_file():
        raise UsageError(
            f"{workbook.as_posix()} does not exist; write it with `icmkit export xlsx` first"
        )
    result = import_workbook(root, workbook)
    if not result.changed and not result.added:
        typer.echo("No changes: the requirement files already hold every value.")
        raise typer.Exit(CLEAN)
    if result.changed:
        count = sum(len(v) for v in result.changed.values())
        typer.echo(f"Changed {_count(count, 'value')} in {_count(len(result.changed), 'file')}:")
        for rel, changes in result.changed.items():
            typer.echo(f"  {rel}: {', '.join(changes)}")
    if result.added:
        count = sum(len(v) for v in result.added.values())
        typer.echo(f"Added {_count(count, 'requirement')} to {_count(len(result.added), 'file')}:")
        for rel, ids in result.added.items():
            new = " (new file)" if rel in result.created else ""
            typer.echo(f"  {rel}{new}: {', '.join(ids)}")
    raise typer.Exit(CLEAN)


def _shown(target: Path) -> Path:
    """``target`` relative to the current folder when it is below it, as messages show it."""
    try:
        return target.relative_to(Path.cwd().resolve())
    except ValueError:
        return target


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


export_app.command("xlsx")(export_xlsx)
import_app.command("xlsx")(import_xlsx)
