"""``icmkit signoff``: record that a person approved the current content of some items."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, guarded
from icmkit.cli.parameters import ProgramPathArgument, ProgramPathOption, program_path

_SHOWN = 10
"""Item ids listed after a sign-off; the rest are counted."""


@guarded
def signoff(
    by: Annotated[
        str, typer.Option("--by", metavar="NAME", help="Who approves.", show_default=False)
    ],
    role: Annotated[
        str,
        typer.Option("--role", metavar="ROLE", help="Their role, e.g. 'Sales operations lead'."),
    ],
    scope: Annotated[
        list[str] | None,
        typer.Option(
            "--scope",
            metavar="SCOPE",
            help="What is approved: requirements, plans, all (the default) or an item id; "
            "repeat for more.",
            show_default=False,
        ),
    ] = None,
    path: ProgramPathArgument = None,
    path_option: ProgramPathOption = None,
) -> None:
    """Record a sign-off in signoffs.yaml: who, in what role, when, and a fingerprint of
    each approved item. Commit the file; `icmkit check` then warns (SGN001) about every
    item changed since its last sign-off.
    """
    from icmkit.engine.load_and_check import load_and_check
    from icmkit.errors import UsageError
    from icmkit.locking import locked
    from icmkit.model.findings import Severity
    from icmkit.signoffs.appending import current_text, with_signoff
    from icmkit.signoffs.recording import new_signoff, signoffs_file
    from icmkit.staged_writes import clean_stale
    from icmkit.writing import write_text_atomic

    checked = load_and_check(program_path(path, path_option))
    errors = checked.report.count(Severity.ERROR)
    if errors:
        raise UsageError(
            f"the program has {errors} error(s); fix what `icmkit check` reports before signing off"
        )
    program = checked.program
    words = [w for part in (scope or ["all"]) for w in part.replace(",", " ").split()]
    record = new_signoff(program, by, role, words, dt.datetime.now(dt.UTC))
    target = checked.root / signoffs_file(program)
    with locked(target):  # another signoff may have added a record since the program was read
        clean_stale(target.parent, lambda name: name == target.name)  # left by a killed signoff
        write_text_atomic(target, with_signoff(current_text(target), record, target.name))
    count = len(record.items)
    noun = "item" if count == 1 else "items"
    shown = list(record.items)[:_SHOWN]
    more = f" and {count - _SHOWN} more" if count > _SHOWN else ""
    typer.echo(
        f"{target.name}: {record.by} ({record.role}) signed off {count} {noun}: "
        f"{', '.join(shown)}{more}"
    )
    typer.echo(f"Commit {target.name} to keep the sign-off with the program.")
    raise typer.Exit(CLEAN)
