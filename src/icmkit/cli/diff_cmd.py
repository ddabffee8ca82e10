"""``icmkit diff``: what changed in the program between two versions, item by item."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, guarded
from icmkit.cli.output import display_path_fn, use_colour, write_stdout
from icmkit.cli.parameters import (
    DiffFormat,
    ProgramPathOption,
    format_option,
    program_path,
    refuse_program_folder,
)


@guarded
def diff(
    base: Annotated[
        str | None,
        typer.Argument(
            metavar="BASE",
            help="Revision to compare from (default: where HEAD left origin/HEAD, main or master).",
            show_default=False,
        ),
    ] = None,
    head: Annotated[
        str | None,
        typer.Argument(
            metavar="HEAD",
            help="Revision to compare to (default: the working tree).",
            show_default=False,
        ),
    ] = None,
    path: ProgramPathOption = None,
    output_format: Annotated[
        DiffFormat, format_option("Output: text, md (a pull-request comment) or json.")
    ] = DiffFormat.TEXT,
    since_signoff: Annotated[
        bool,
        typer.Option(
            "--since-signoff",
            help="Compare from the commit that last changed signoffs.yaml.",
        ),
    ] = False,
) -> None:
    """Show the items added, removed and changed between two versions of the program.

    Items are matched by id across files, so an item moved to another file shows as moved.
    Git's working tree and index are only read, never changed.
    """
    from icmkit.git.history import ProgramHistory
    from icmkit.git.versions import versions_to_compare
    from icmkit.loading.source import find_root
    from icmkit.review.program_diff import diff_programs
    from icmkit.terminal import diff_view
    from icmkit.terminal.json_text import json_text

    for revision in (base, head):
        if revision is not None:
            refuse_program_folder(revision, "a revision", "icmkit diff -p PATH [BASE [HEAD]]")
    root = find_root(program_path(option=path))
    with ProgramHistory(root) as history:
        old, new = versions_to_compare(history, base, head, since_signoff=since_signoff)
    for version in (old, new):
        if version.errors:
            typer.echo(
                f"icmkit: warning: the program in {version.label} has "
                f"{version.errors} error(s); items that do not validate are left out "
                "(see `icmkit check`)",
                err=True,
            )
    result = diff_programs(old.program, new.program, old.label, new.label)
    if output_format is DiffFormat.JSON:
        out = json_text(result.to_dict())
    elif output_format is DiffFormat.MD:
        out = diff_view.as_markdown(result)
    else:
        out = diff_view.as_text(result, use_colour(sys.stdout), display_path_fn(root))
    write_stdout(out)
    raise typer.Exit(CLEAN)
