"""``icmkit accept``: record that participants accepted their plan letters."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, guarded
from icmkit.cli.parameters import ProgramPathArgument, ProgramPathOption, program_path


class AcceptMethod(StrEnum):
    """How the participant accepted (spelled out here so the CLI starts without the models)."""

    PAPER = "paper"
    EMAIL = "email"
    E_SIGNATURE = "e_signature"
    OTHER = "other"


@guarded
def accept(
    path: ProgramPathArgument = None,
    path_option: ProgramPathOption = None,
    participant: Annotated[
        str | None,
        typer.Option(
            "--participant",
            metavar="ID",
            help="The participant who accepted, by id.",
            show_default=False,
        ),
    ] = None,
    plan: Annotated[
        str | None,
        typer.Option(
            "--plan",
            metavar="PLAN",
            help="The plan of the letter, when the participant has several.",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        AcceptMethod, typer.Option("--method", help="How they accepted.")
    ] = AcceptMethod.PAPER,
    on: Annotated[
        dt.datetime | None,
        typer.Option(
            "--on",
            formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"],
            metavar="DATE",
            help="When they accepted, in UTC (default: now).",
            show_default=False,
        ),
    ] = None,
    version: Annotated[
        str | None,
        typer.Option(
            "--version",
            metavar="SHA256",
            help="The letter version printed on what they signed (default: the current one).",
            show_default=False,
        ),
    ] = None,
    reference: Annotated[
        str | None,
        typer.Option(
            "--reference",
            metavar="TEXT",
            help="Where the signed copy is (envelope id, file).",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="Who records it.", show_default=False),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option(
            "--import",
            metavar="FILE.csv",
            help="Record every completed row of an e-signature export instead.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Record in acceptances.yaml that a participant accepted their plan letter: which
    version (the fingerprint printed on it), when and how. With --import, record every
    completed row of an e-signature export (columns: see docs/format.md). Commit the file;
    `icmkit check` then warns (ACC001) about every letter changed since it was accepted.
    """
    from icmkit.engine.load_and_check import load_and_check
    from icmkit.errors import UnreadableInputError, UsageError
    from icmkit.model.acceptances import AcceptanceMethod
    from icmkit.signoffs.acceptance_records import (
        acceptances_file,
        acceptances_text,
        import_export,
        letter_for,
        new_acceptance,
    )
    from icmkit.signoffs.letters import matches
    from icmkit.writing import write_text_atomic

    if (participant is None) == (export is None):
        raise UsageError("give --participant ID (one acceptance) or --import FILE.csv, not both")
    checked = load_and_check(program_path(path, path_option))
    program = checked.program
    broken = sorted(program.incomplete & {"participants", "plan", "acceptances"})
    if broken:
        raise UsageError(
            f"some {', '.join(broken)} files failed to load, so the letters cannot be known; "
            "fix what `icmkit check` reports first"
        )
    target = checked.root / acceptances_file(program)
    if export is not None:
        try:
            text = export.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise UnreadableInputError(
                f"{export}: cannot read it as UTF-8 text ({error})"
            ) from None
        found = import_export(text, export.name, program.acceptances)
        if found.added:
            write_text_atomic(target, acceptances_text([*program.acceptances, *found.added]))
        typer.echo(
            f"{target.name}: {len(found.added)} acceptance(s) recorded from {export.name}"
            + (f", {found.already} already recorded" if found.already else "")
            + (f", {len(found.skipped)} row(s) not completed" if found.skipped else "")
        )
        for line in found.skipped:
            typer.echo(f"  skipped {line}")
        if found.added:
            typer.echo("Run `icmkit check` to see any that name an unknown or outdated letter.")
        raise typer.Exit(CLEAN)
    assert participant is not None
    letter = letter_for(program, participant, plan)
    when = on.replace(tzinfo=dt.UTC) if on is not None else dt.datetime.now(dt.UTC)
    record = new_acceptance(
        letter,
        when,
        AcceptanceMethod(method.value),
        version=version,
        reference=reference,
        recorded=f"icmkit accept by {by}" if by else "icmkit accept",
    )
    write_text_atomic(target, acceptances_text([*program.acceptances, record]))
    who = letter.participant.name or letter.participant.id
    typer.echo(
        f"{target.name}: {who} ({letter.participant.id}) accepted the letter for "
        f"{letter.plan.id}, version {record.letter[:19]}"
    )
    if not matches(record.letter, letter.fingerprint):
        typer.echo(
            f"icmkit: warning: that is not the letter's current version ({letter.short}); "
            "`icmkit check` will report it (ACC001)",
            err=True,
        )
    typer.echo(f"Commit {target.name} to keep the acceptance with the program.")
    raise typer.Exit(CLEAN)
