"""``icmkit check``: validate a program; exit 1 when it has findings that fail."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.cli.output import (
    annotation_base,
    display_path_fn,
    in_github_actions,
    use_colour,
    write_stdout,
)
from icmkit.cli.parameters import (
    CheckFormat,
    ProgramPathArgument,
    ProgramPathOption,
    format_option,
    program_path,
)


@guarded
def check(
    path: ProgramPathArgument = None,
    path_option: ProgramPathOption = None,
    output_format: Annotated[
        CheckFormat | None,
        format_option(
            "Output: text, json, github annotations, sarif (code scanning) or junit "
            "(test report) [default: github when GITHUB_ACTIONS=true, else text].",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on warnings too, not only on errors.")
    ] = False,
    errors_only: Annotated[
        bool,
        typer.Option(
            "--errors-only",
            "-q",
            help="List only the findings that fail the check (errors; warnings too with "
            "--strict), in the text and github formats.",
        ),
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse every file again; ignore the parse cache.")
    ] = False,
) -> None:
    """Validate the program: schema, ids, references, coverage, plan rules, timeline, status.

    Every finding is printed as `path:line:col: error: CODE message` (or `warning:`,
    `note:`), errors first; the last line counts them and says what fails the check. Exit
    code 0 when clean (warnings allowed unless --strict), 1 when there are findings that
    fail, 2 when the path is not a program.
    """
    from icmkit.engine.load_and_check import load_and_check
    from icmkit.terminal import findings_view

    if output_format is None:
        output_format = CheckFormat.GITHUB if in_github_actions() else CheckFormat.TEXT
    checked = load_and_check(program_path(path, path_option), use_cache=not no_cache)
    report = checked.report
    strict = strict or checked.program.settings.warnings_fail
    failed = report.failed(strict)
    annotations = output_format in (CheckFormat.GITHUB, CheckFormat.SARIF)
    display = display_path_fn(checked.root, annotation_base() if annotations else None)
    if output_format is CheckFormat.JSON:
        out = findings_view.as_json(
            report.findings, report.files, failed, display, str(checked.root)
        )
    elif output_format is CheckFormat.GITHUB:
        shown = report.findings
        if errors_only:
            shown = [f for f in shown if findings_view.failing(f, strict)]
        out = findings_view.as_github(shown, report.files, failed, display)
    elif output_format is CheckFormat.SARIF:
        from icmkit.checks.rules import all_codes
        from icmkit.engine.load_and_check import EVERY_RULE
        from icmkit.terminal.sarif_view import as_sarif

        out = as_sarif(report.findings, all_codes(EVERY_RULE), display)
    elif output_format is CheckFormat.JUNIT:
        from icmkit.terminal.findings_view import as_junit

        out = as_junit(report.findings, checked.program.files, strict, display)
    else:
        colour = use_colour(sys.stdout)
        out = findings_view.as_text(
            report.findings, report.files, strict, display, colour, errors_only=errors_only
        )
    write_stdout(out)
    raise typer.Exit(FINDINGS if failed else CLEAN)
