"""``icmkit schema``: write the JSON Schema of every kind of program file, for editors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, guarded

DEFAULT_OUT = Path(".icmkit/schemas")


@guarded
def schema(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            "-o",
            help="Folder to write the schemas into (created if needed).",
        ),
    ] = DEFAULT_OUT,
) -> None:
    """Write a JSON Schema (draft-07) for every kind of program file, one file per kind.

    Editors that read `# yaml-language-server: $schema=...` comments (VS Code with the
    YAML extension, and others) then complete keys and flag unknown keys and values as you
    type. `icmkit init` writes the schemas into `.icmkit/schemas/`; run `icmkit schema` at
    the program root after upgrading icmkit to refresh them. Existing schema files are
    replaced.
    """
    from icmkit.errors import UsageError
    from icmkit.schema.export import all_schema_files
    from icmkit.writing import write_text_atomic

    if out.exists() and not out.is_dir():
        raise UsageError(f"{out} is a file, not a folder")
    files = all_schema_files()
    for name, text in files.items():
        write_text_atomic(out / name, text)
    typer.echo(f"Wrote {len(files)} schemas to {out.as_posix()}:")
    for name in files:
        typer.echo(f"  {name}")
    raise typer.Exit(CLEAN)
