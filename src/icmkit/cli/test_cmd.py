"""``icmkit test``: compute calculation test cases and compare with their expected results."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from icmkit.cli.exit_codes import CLEAN, FINDINGS, guarded
from icmkit.cli.paths import display_path_fn
from icmkit.errors import UsageError


class TestFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"


@guarded
def test(
    ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID", help="Test case ids to run (default: all).", show_default=False
        ),
    ] = None,
    path: Annotated[
        Path, typer.Option("--path", "-p", help="Program folder, or any path inside it.")
    ] = Path(),
    output_format: Annotated[
        TestFormat, typer.Option("--format", "-f", help="Output: text, json or junit (XML).")
    ] = TestFormat.TEXT,
) -> None:
    """Run the calculation test cases: compute each from its plan and compare.

    A calculation test case has `plan`, `given` and `expect`. Exit code 0 when every one
    passes, 1 when one fails or cannot be computed, 2 when the path is not a program or an
    id is not a calculation test case.
    """
    from icmkit.engine.case_runs import is_calculation, run_cases
    from icmkit.loading.program_loader import load_program
    from icmkit.loading.root import find_root
    from icmkit.loading.source import WorkingTreeSource
    from icmkit.terminal import test_report

    root = find_root(path)
    program = load_program(WorkingTreeSource(root), root_label=str(root)).program
    wanted = list(dict.fromkeys(ids or []))
    runnable = {case.id for case in program.test_cases if is_calculation(case)}
    unknown = [case_id for case_id in wanted if case_id not in runnable]
    if unknown:
        known = {case.id for case in program.test_cases}
        what = [
            f"`{case_id}` has no plan, given and expect"
            if case_id in known
            else f"no test case `{case_id}`"
            for case_id in unknown
        ]
        raise UsageError("; ".join(what))
    runs = run_cases(program, wanted)
    not_run = 0 if wanted else len(program.test_cases) - len(runs)
    display = display_path_fn(root)
    if output_format is TestFormat.JSON:
        out = test_report.as_json(runs, not_run, display)
    elif output_format is TestFormat.JUNIT:
        out = test_report.as_junit(runs, not_run, display)
    else:
        out = test_report.as_text(runs, not_run, display)
    sys.stdout.write(out)
    sys.stdout.flush()
    failed = any(run.mismatches or run.error for run in runs)
    raise typer.Exit(FINDINGS if failed else CLEAN)
