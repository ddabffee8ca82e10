"""``icmkit status``: delivery checklists and progress; ``--gate N`` for a phase gate in CI."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.errors import UsageError

if TYPE_CHECKING:
    from icmkit.model.program_bundle import Program


class StatusFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"


# The choices mirror the model's Kind and Status, spelled out here so that the command line
# can be built without importing the models (keeps `icmkit --version` fast).
class KindChoice(StrEnum):
    STANDARD = "standard"
    UNIQUE = "unique"
    ASSISTED = "assisted"


class StatusChoice(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    CONFIGURED = "configured"
    TESTED = "tested"
    ACCEPTED = "accepted"
    DEFERRED = "deferred"


@guarded
def status(
    path: Annotated[
        Path, typer.Argument(help="Program folder, or any path inside it.", show_default=False)
    ] = Path(),
    phase: Annotated[int | None, typer.Option("--phase", help="Only this phase.")] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Only requirements of this category id.")
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Only requirements this team member owns.")
    ] = None,
    kind: Annotated[
        KindChoice | None, typer.Option("--kind", help="Only standard, unique or assisted ones.")
    ] = None,
    status_: Annotated[
        StatusChoice | None, typer.Option("--status", help="Only requirements with this status.")
    ] = None,
    open_only: Annotated[
        bool, typer.Option("--open", help="Only requirements not yet accepted (nor deferred).")
    ] = False,
    gate: Annotated[
        int | None,
        typer.Option(
            "--gate",
            help="List what blocks leaving phase N; exit 1 when anything does, 0 when not.",
            metavar="N",
        ),
    ] = None,
    as_of: Annotated[
        dt.datetime | None,
        typer.Option(
            "--as-of",
            help="Day to judge overdue milestones by (default: today).",
            formats=["%Y-%m-%d"],
            metavar="YYYY-MM-DD",
        ),
    ] = None,
    output_format: Annotated[
        StatusFormat,
        typer.Option("--format", "-f", help="Output: text, json or md (a GitHub task list)."),
    ] = StatusFormat.TEXT,
    width: Annotated[
        int | None,
        typer.Option("--width", min=40, help="Text width (default: the terminal's or COLUMNS)."),
    ] = None,
) -> None:
    """Show delivery checklists: requirements, exit criteria and deliverables per phase,
    progress per phase and category, hours against budgets, overdue milestones and test
    cases that failed or have not run.

    Read-only: a program with check errors is still shown, with a warning on stderr.
    With --gate N, exit 1 when something blocks leaving phase N and 0 when nothing does.
    """
    from icmkit.engine.load_and_check import load_and_check
    from icmkit.model.findings import Severity
    from icmkit.model.requirements import Kind, Status
    from icmkit.progress.checklist import phase_numbers
    from icmkit.progress.filters import StatusFilter
    from icmkit.terminal.console import use_colour

    day = as_of.date() if as_of is not None else dt.date.today()
    checked = load_and_check(path)
    program = checked.program
    errors = checked.report.count(Severity.ERROR)
    if errors:
        noun = "error" if errors == 1 else "errors"
        typer.echo(
            f"icmkit: warning: the program has {errors} check {noun}; run `icmkit check`",
            err=True,
        )
    known = phase_numbers(program)
    for asked, option in ((gate, "--gate"), (phase, "--phase")):
        if asked is not None and asked not in known:
            listed = ", ".join(str(n) for n in known) or "none"
            raise UsageError(f"{option} {asked}: no such phase (the program has phases {listed})")
    if category is not None and category not in program.category_names():
        listed = ", ".join(program.category_names())
        raise UsageError(f"--category {category}: no such category id (the program has {listed})")
    if owner is not None:
        team = [m.id for m in program.info.team] if program.info is not None else []
        owners = {*team, *(r.owner for r in program.requirements)}
        if owner not in owners:
            listed = ", ".join(team) or "no team"
            raise UsageError(f"--owner {owner}: no such team member (the program has {listed})")

    colour = use_colour(sys.stdout)
    if gate is not None:
        _gate(program, gate, output_format, width, colour)
        return

    from icmkit.progress.report import build_status

    chosen = StatusFilter(
        phase=phase,
        category=category,
        owner=owner,
        kind=Kind(kind.value) if kind is not None else None,
        status=Status(status_.value) if status_ is not None else None,
        open_only=open_only,
    )
    report = build_status(program, day, chosen, errors)
    if output_format is StatusFormat.JSON:
        import json

        out = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif output_format is StatusFormat.MD:
        from icmkit.terminal.status_markdown import render_status_markdown

        out = render_status_markdown(report)
    else:
        from icmkit.terminal.status_view import output_width, render_status

        out = render_status(report, output_width(sys.stdout, width), colour)
    sys.stdout.write(out)
    sys.stdout.flush()
    raise typer.Exit(CLEAN)


def _gate(
    program: Program, number: int, output_format: StatusFormat, width: int | None, colour: bool
) -> None:
    from icmkit.progress.gate import gate_report

    report = gate_report(program, number)
    if output_format is StatusFormat.JSON:
        import json

        out = json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"
    elif output_format is StatusFormat.MD:
        from icmkit.terminal.status_markdown import render_gate_markdown

        out = render_gate_markdown(report)
    else:
        from icmkit.terminal.status_view import output_width, render_gate

        out = render_gate(report, output_width(sys.stdout, width), colour)
    sys.stdout.write(out)
    sys.stdout.flush()
    raise typer.Exit(FINDINGS if report.blocked else CLEAN)
