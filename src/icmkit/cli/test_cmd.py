"""``icmkit test``: compute calculation test cases and compare with their expected results."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.cli.output import annotation_base, display_path_fn, in_github_actions, write_stdout
from icmkit.cli.parameters import (
    ProgramPathOption,
    TestFormat,
    format_option,
    load_for_computing,
    program_path,
    refuse_program_folder,
)
from icmkit.errors import UsageError

if TYPE_CHECKING:
    from icmkit.engine.case_runs import CaseRun


@guarded
def test(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID", help="Test case ids to run (default: all).", show_default=False
        ),
    ] = None,
    path: ProgramPathOption = None,
    output_format: Annotated[
        TestFormat | None,
        format_option(
            "Output: text, json, junit (XML test report), github annotations or sarif "
            "(code scanning) [default: github when GITHUB_ACTIONS=true, else text].",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run the calculation test cases: compute each from its plan and compare.

    A calculation test case has `plan`, `given` and `expect`. A test case that fails to load
    counts as failed, with the finding that says why. Exit code 0 when every one passes, 1
    when one fails, cannot be computed or fails to load, 2 when the path is not a program,
    its program.yaml has errors or an id is not a calculation test case.
    """
    from icmkit.engine.case_runs import is_calculation, run_cases, unloaded_cases
    from icmkit.loading.source import find_root
    from icmkit.terminal import test_report

    if output_format is None:
        output_format = TestFormat.GITHUB if in_github_actions() else TestFormat.TEXT
    wanted = list(dict.fromkeys(ids or []))
    for case_id in wanted:
        refuse_program_folder(case_id, "a test case id", "icmkit test -p PATH [ID]...")
    root = find_root(program_path(option=path))
    program = load_for_computing(root)
    runnable = {case.id for case in program.test_cases if is_calculation(case)}
    broken = {item.id for item in program.unloaded if item.id is not None}
    unknown = [case_id for case_id in wanted if case_id not in runnable | broken]
    if unknown:
        known = {case.id for case in program.test_cases}
        example = min(runnable or known or {"TC-001"})
        what = [
            f"`{case_id}` has no plan, given and expect"
            if case_id in known
            else f"`{case_id}` is a file, not a test case id: give ids such as {example}, and "
            "the program folder with --path"
            if case_id.endswith((".yaml", ".yml")) or Path(case_id).exists()
            else f"no test case `{case_id}`"
            for case_id in unknown
        ]
        raise UsageError("; ".join(what))
    runs = [*unloaded_cases(program, wanted), *run_cases(program, wanted)]
    not_run = 0 if wanted else len(program.test_cases) - (len(runs) - len(unloaded_cases(program)))
    annotations = output_format in (TestFormat.GITHUB, TestFormat.SARIF)
    display = display_path_fn(root, annotation_base() if annotations else None)
    if output_format is TestFormat.JSON:
        out = test_report.as_json(runs, not_run, display)
    elif output_format is TestFormat.JUNIT:
        out = test_report.as_junit(runs, not_run, display)
    elif output_format in (TestFormat.GITHUB, TestFormat.SARIF):
        out = _as_findings_format(output_format, runs, not_run, display)
    else:
        out = test_report.as_text(runs, not_run, display)
    write_stdout(out)
    failed = any(run.failed for run in runs)
    raise typer.Exit(FINDINGS if failed else CLEAN)


def _as_findings_format(
    output_format: TestFormat,
    runs: Sequence[CaseRun],
    not_run: int,
    display: Callable[[str], str],
) -> str:
    """Failed test cases as ENG001 findings, in the formats CI services read."""
    from icmkit.engine import expected_results as eng
    from icmkit.model.findings import Finding
    from icmkit.terminal import findings_view, test_report
    from icmkit.terminal.sarif_view import as_sarif

    eng001 = eng.expected_results_match
    findings = [
        Finding(eng001.code, eng001.severity, h.message, h.path, h.line, h.col)
        for run in runs
        for h in eng.run_hits(run)
    ]
    findings += [f for run in runs if run.unloaded is not None for f in run.unloaded.findings]
    if output_format is TestFormat.SARIF:
        return as_sarif(findings, [(eng001.code, eng001.severity, eng001.summary)], display)
    lines = findings_view.as_github(findings, len(runs), bool(findings), display).splitlines()
    return "\n".join([*lines[:-1], test_report.summary(runs, not_run)]) + "\n"
