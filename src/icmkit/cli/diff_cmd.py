"""``icmkit diff``: what changed in the program between two versions, item by item."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from icmkit.cli.exit_codes import CLEAN, guarded
from icmkit.cli.model_inputs import compute, history_files, same_payout_rules
from icmkit.cli.output import display_path_fn, use_colour, write_stdout
from icmkit.cli.parameters import (
    DiffFormat,
    ProgramPathOption,
    format_option,
    program_path,
    refuse_program_folder,
)
from icmkit.errors import UsageError

if TYPE_CHECKING:
    from icmkit.git.versions import Version

IMPACT_TOP = 10
"""Participants listed as paid more and paid less in a diff (every one of them in JSON)."""


NO_CHANGE = "No plan, roster, data source or calendar changed: every payout stays the same."


def payout_impact(
    root: Path,
    versions: tuple[Version, Version],
    history: Path | None,
    period: str | None,
    output_format: DiffFormat,
) -> str | dict[str, Any] | None:
    """The payout impact of going from the first version to the second, in the diff's
    format (a dict for JSON; None in JSON when nothing payouts depend on changed)."""
    from icmkit.engine.modelling import Scenario
    from icmkit.terminal import model_json, model_view

    base, head = versions
    files = history_files(root, history, {})
    if same_payout_rules(base.program, head.program):
        if output_format is DiffFormat.JSON:
            return None
        return (
            f"## Payout impact\n\n{NO_CHANGE}\n"
            if output_format is DiffFormat.MD
            else (f"Payout impact\n{NO_CHANGE}\n")
        )
    scenarios = [
        Scenario(version.label, version.program, list(version.program.plans))
        for version in versions
    ]
    done = compute(scenarios, files, period, None)
    assert done.impact is not None
    if output_format is DiffFormat.JSON:
        return model_json.impact_dict(done.impact)
    if output_format is DiffFormat.MD:
        return model_view.impact_markdown(done.impact, IMPACT_TOP)
    return model_view.impact_text(done.impact, IMPACT_TOP)


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
    impact: Annotated[
        bool,
        typer.Option(
            "--impact",
            help="Add what the change costs: both versions' plans computed on the history "
            "(see `icmkit model`).",
        ),
    ] = False,
    history: Annotated[
        Path | None,
        typer.Option(
            "--history",
            metavar="DIR",
            help="With --impact: the folder of history files [default: the program's "
            "history/ folder].",
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            metavar="PERIOD",
            help="With --impact: the periods to compute [default: the fiscal years of the "
            "transactions].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Show the items added, removed and changed between two versions of the program.

    Items are matched by id across files, so an item moved to another file shows as moved.
    Git's working tree and index are only read, never changed. With --impact, the payout
    impact of the change follows: both versions' plans computed on the same history.
    """
    from icmkit.git.history import ProgramHistory
    from icmkit.git.versions import versions_to_compare, whole_versions
    from icmkit.loading.source import find_root
    from icmkit.review.program_diff import diff_programs
    from icmkit.terminal import diff_view
    from icmkit.terminal.json_text import json_text

    for revision in (base, head):
        if revision is not None:
            refuse_program_folder(revision, "a revision", "icmkit diff -p PATH [BASE [HEAD]]")
    root = find_root(program_path(option=path))
    if (history is not None or period is not None) and not impact:
        raise UsageError("--history and --period go with --impact")
    with ProgramHistory(root) as repository:
        old, new = versions_to_compare(repository, base, head, since_signoff=since_signoff)
        wholes = (
            whole_versions(repository, base, head, since_signoff=since_signoff) if impact else None
        )
    for version in (old, new):
        if version.errors:
            typer.echo(
                f"icmkit: warning: the program in {version.label} has "
                f"{version.errors} error(s); items that do not validate are left out "
                "(see `icmkit check`)",
                err=True,
            )
    result = diff_programs(old.program, new.program, old.label, new.label)
    costs = payout_impact(root, wholes, history, period, output_format) if wholes else None
    if output_format is DiffFormat.JSON:
        document = result.to_dict()
        if wholes is not None:
            document["impact"] = costs
        out = json_text(document)
    elif output_format is DiffFormat.MD:
        out = diff_view.as_markdown(result)
    else:
        out = diff_view.as_text(result, use_colour(sys.stdout), display_path_fn(root))
    if isinstance(costs, str):
        out += "\n" + costs
    write_stdout(out)
    raise typer.Exit(CLEAN)
