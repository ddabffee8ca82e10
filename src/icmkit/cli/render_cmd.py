"""``icmkit render``: write the program document and one document per plan."""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.cli.output import display_path_fn, write_stdout
from icmkit.cli.parameters import (
    ProgramPathArgument,
    ProgramPathOption,
    RenderFormat,
    format_option,
    program_path,
)

if TYPE_CHECKING:
    from icmkit.documents.approval_view import Revision

DEFAULT_OUT = Path("build") / "docs"


class RenderAudience(StrEnum):
    """Who the plan documents are for (spelled out here so the CLI starts without them)."""

    TEAM = "team"
    PARTICIPANTS = "participants"


@guarded
def render(
    path: ProgramPathArgument = None,
    path_option: ProgramPathOption = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Output folder. Default: build/docs in the program folder."
        ),
    ] = None,
    output_format: Annotated[RenderFormat, format_option("md, html or all.")] = RenderFormat.ALL,
    force: Annotated[
        bool, typer.Option("--force", help="Render even when the program has check errors.")
    ] = False,
    timestamp: Annotated[
        bool, typer.Option("--timestamp", help="Print the time of rendering in the documents.")
    ] = False,
    audience: Annotated[
        RenderAudience,
        typer.Option(
            "--audience",
            help="team: plan documents end with their test cases in an appendix; "
            "participants: the plans alone, to hand to the people who are paid.",
        ),
    ] = RenderAudience.TEAM,
    letters: Annotated[
        bool,
        typer.Option(
            "--letters/--no-letters",
            help="Write a plan letter for each participant of the roster and plan they are on.",
        ),
    ] = True,
) -> None:
    """Render the lean program documentation as Markdown and self-contained HTML.

    Writes the program document (opening with its revision and sign-offs), one document per
    commission plan with the pay curve of each component (as SVG files beside the Markdown),
    and a letter for each participant of the roster into the output folder, and prints the
    files it wrote. A program with check errors is not rendered unless --force is given.
    """
    from icmkit.checks.placeholders import MARK
    from icmkit.documents.output import output_folder, write_documents
    from icmkit.documents.render import Audience, DocumentFormat, render_documents
    from icmkit.engine.load_and_check import load_and_check
    from icmkit.model.findings import Severity
    from icmkit.terminal.findings_view import finding_line

    checked = load_and_check(program_path(path, path_option))
    display = display_path_fn(checked.root)
    errors = [f for f in checked.report.findings if f.severity is Severity.ERROR]
    if errors:
        for finding in errors:
            sys.stderr.write(finding_line(finding, display) + "\n")
        count = f"{len(errors)} error" + ("" if len(errors) == 1 else "s")
        if not force:
            sys.stderr.write(
                f"icmkit: error: the program has {count}; fix them, or render anyway with --force\n"
            )
            raise typer.Exit(FINDINGS)
        sys.stderr.write(f"icmkit: warning: rendering despite {count} (--force)\n")
    folder = output_folder(
        out if out is not None else checked.root / DEFAULT_OUT,
        checked.root,
        checked.program.files,
    )
    rendered_at = None
    if timestamp:
        rendered_at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    documents = render_documents(
        checked.program,
        checked.root,
        DocumentFormat(output_format.value),
        rendered_at,
        audience=Audience(audience.value),
        revision=_revision(checked.root),
        letters=letters,
    )
    written = write_documents(folder, documents)
    cwd = Path.cwd()
    lines: list[str] = []
    for target in written:
        try:
            shown = os.path.relpath(target, cwd)
        except ValueError:
            shown = str(target)
        if shown.startswith(".." + os.sep + ".." + os.sep):
            shown = str(target)
        lines.append(Path(shown).as_posix() + "\n")
    write_stdout("".join(lines))
    # a document by its path without the format's extension; a chart is part of its plan's
    drafts = sorted(
        {
            Path(rel).with_suffix("").as_posix()
            for rel, text in documents.items()
            if MARK in text and not rel.endswith(".svg")
        }
    )
    if drafts:
        sys.stderr.write(
            f"icmkit: warning: marked as a draft (placeholder text left): {', '.join(drafts)}; "
            "`icmkit check` lists the placeholders (COV005)\n"
        )
    raise typer.Exit(CLEAN)


def _revision(root: Path) -> Revision | None:
    """What the documents are rendered from, as git knows it (None: not in git)."""
    from icmkit.documents.approval_view import Revision
    from icmkit.git.gitpython import GitFailedError
    from icmkit.git.revision import program_revision

    try:
        found = program_revision(root)
    except GitFailedError:
        return None
    if found is None:
        return None
    return Revision(found.commit, found.date, found.uncommitted)
