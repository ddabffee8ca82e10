"""``icmkit log``: the history of one item, commit by commit."""

from __future__ import annotations

from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, guarded
from icmkit.cli.output import write_stdout
from icmkit.cli.parameters import (
    LogFormat,
    ProgramPathOption,
    format_option,
    program_path,
    refuse_program_folder,
)


@guarded
def log(
    item_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Item id; a plan component is PLAN-ID/component-id.",
            show_default=False,
        ),
    ],
    path: ProgramPathOption = None,
    output_format: Annotated[LogFormat, format_option("Output: text or json.")] = LogFormat.TEXT,
) -> None:
    """Show each commit that changed one item: when, by whom, and which fields.

    The item is followed by id when it moves to another file; uncommitted changes in the
    working tree come first. Git's working tree and index are only read, never changed.
    """
    from icmkit.git.history import ProgramHistory
    from icmkit.git.item_log import item_log
    from icmkit.loading.source import find_root
    from icmkit.terminal import item_log_view

    refuse_program_folder(item_id, "an item id", "icmkit log -p PATH ID")
    root = find_root(program_path(option=path))
    with ProgramHistory(root) as history:
        found = item_log(history, item_id)
    if output_format is LogFormat.JSON:
        out = item_log_view.as_json(found)
    else:
        out = item_log_view.as_text(found)
    write_stdout(out)
    raise typer.Exit(CLEAN)
