"""``icmkit schema``: write the JSON Schema of every kind of program file, for editors."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, guarded
from icmkit.cli.parameters import ProgramPathArgument, ProgramPathOption, program_path

DEFAULT_OUT = Path(".icmkit/schemas")


def _default_out(given: Path | None) -> Path:
    """``.icmkit/schemas`` of the program (the one given, else the one around the current
    folder), where its files' ``$schema`` comments point; in the current folder when no
    program was given and the current folder is not in one."""
    from icmkit.errors import ProgramNotFoundError
    from icmkit.loading.source import find_root

    if given is not None:
        return find_root(given) / DEFAULT_OUT
    try:
        return find_root(Path()) / DEFAULT_OUT
    except ProgramNotFoundError:
        return DEFAULT_OUT


def _shown(out: Path) -> str:
    """The default folder relative to the current folder, as `icmkit check` shows paths."""
    try:
        shown = Path(os.path.relpath(out, Path.cwd())).as_posix()
    except ValueError:  # another drive on Windows
        return out.as_posix()
    return out.as_posix() if shown.startswith("../../..") else shown


@guarded
def schema(
    path: ProgramPathArgument = None,
    path_option: ProgramPathOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write the schemas into (created if needed). Default: "
            ".icmkit/schemas in the program folder (or in the current folder outside a "
            "program).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Write a JSON Schema (draft-07) for every kind of program file, one file per kind.

    Editors that read `# yaml-language-server: $schema=...` comments (VS Code with the
    YAML extension, and others) then complete keys and flag unknown keys and values as you
    type. `icmkit init` writes the schemas into `.icmkit/schemas/`; run `icmkit schema` in
    the program after upgrading icmkit to refresh them. Existing schema files are replaced.
    """
    from icmkit.errors import UsageError
    from icmkit.schema.export import all_schema_files
    from icmkit.writing import write_text_atomic

    shown = None
    given = None if path is None and path_option is None else program_path(path, path_option)
    if out is None:
        out = _default_out(given)
        shown = _shown(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file, not a folder")
    files = all_schema_files()
    for name, text in files.items():
        write_text_atomic(out / name, text)
    typer.echo(f"Wrote {len(files)} schemas to {shown or out.as_posix()}:")
    for name in files:
        typer.echo(f"  {name}")
    raise typer.Exit(CLEAN)
