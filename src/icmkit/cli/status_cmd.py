"""``icmkit status``: delivery checklists and progress; ``--gate N`` for a phase gate in CI."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from typing import Annotated, Protocol, TypeVar

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.cli.output import use_colour, write_stdout
from icmkit.cli.parameters import (
    ProgramPathArgument,
    ProgramPathOption,
    StatusFormat,
    format_option,
    program_path,
)
from icmkit.errors import UsageError
from icmkit.model.requirement_choices import Kind, Status


class _Report(Protocol):
    def to_dict(self) -> dict[str, object]: ...


R = TypeVar("R", bound=_Report)


@guarded
def status(
    path: ProgramPathArgument = None,
    path_option: ProgramPathOption = None,
    phase: Annotated[int | None, typer.Option("--phase", help="Only this phase.")] = None,
    category: Annotated[
        str | None, typer.Option("--category", help="Only requirements of this category id.")
    ] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Only requirements this team member owns.")
    ] = None,
    kind: Annotated[
        Kind | None, typer.Option("--kind", help="Only standard, unique or assisted ones.")
    ] = None,
    status_: Annotated[
        Status | None, typer.Option("--status", help="Only requirements with this status.")
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
        StatusFormat, format_option("Output: text, json or md (a GitHub task list).")
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
    from icmkit.progress.checklist import phase_numbers
    from icmkit.progress.filters import StatusFilter
    from icmkit.progress.gate import gate_report
    from icmkit.progress.report import build_status
    from icmkit.terminal.status_markdown import render_gate_markdown, render_status_markdown
    from icmkit.terminal.status_view import render_gate, render_status

    day = as_of.date() if as_of is not None else dt.date.today()
    checked = load_and_check(program_path(path, path_option))
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

    if gate is not None:
        blockers = gate_report(program, gate)
        write_stdout(_shown(blockers, output_format, width, render_gate_markdown, render_gate))
        raise typer.Exit(FINDINGS if blockers.blocked else CLEAN)

    chosen = StatusFilter(
        phase=phase,
        category=category,
        owner=owner,
        kind=kind,
        status=status_,
        open_only=open_only,
    )
    report = build_status(program, day, chosen, errors)
    write_stdout(_shown(report, output_format, width, render_status_markdown, render_status))
    raise typer.Exit(CLEAN)


def _shown(
    report: R,
    output_format: StatusFormat,
    width: int | None,
    markdown: Callable[[R], str],
    text: Callable[[R, int, bool], str],
) -> str:
    """``report`` as JSON, as Markdown, or as text laid out for standard output."""
    if output_format is StatusFormat.JSON:
        from icmkit.terminal.json_text import json_text

        return json_text(report.to_dict())
    if output_format is StatusFormat.MD:
        return markdown(report)
    from icmkit.terminal.status_view import output_width

    return text(report, output_width(sys.stdout, width), use_colour(sys.stdout))
