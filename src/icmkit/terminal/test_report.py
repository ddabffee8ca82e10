"""Views of a test run: readable text, JSON and JUnit XML (for CI test reporting)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from icmkit.engine.case_runs import CaseRun, Outcome
from icmkit.terminal import junit_xml
from icmkit.terminal.findings_view import printable
from icmkit.terminal.json_text import json_text

PathFn = Callable[[str], str]

_LABELS = {Outcome.PASSED: "PASS ", Outcome.FAILED: "FAIL ", Outcome.ERROR: "ERROR"}


def _count(runs: Sequence[CaseRun], outcome: Outcome) -> int:
    return sum(1 for run in runs if run.outcome is outcome)


def summary(runs: Sequence[CaseRun], not_run: int) -> str:
    text = (
        f"{_count(runs, Outcome.PASSED)} passed, {_count(runs, Outcome.FAILED)} failed, "
        f"{_count(runs, Outcome.ERROR)} could not be computed"
    )
    if not_run:
        plural = "s" if not_run != 1 else ""
        text += f"; {not_run} test case{plural} without plan, given and expect not run"
    return text


def _place(run: CaseRun, display: PathFn, path: Sequence[str]) -> str:
    line, _ = run.case.where.at(*path)
    return f"{display(run.case.where.path)}:{line}"


def as_text(runs: Sequence[CaseRun], not_run: int, display: PathFn) -> str:
    """One line per test case; a failure lists each mismatch and the whole explanation."""
    lines: list[str] = []
    for run in runs:
        case = run.case
        lines.append(f"{_LABELS[run.outcome]} {case.id}  {printable(case.title)}")
        if run.error is not None:
            place = _place(run, display, ("expect",))
            lines.append(f"      {place}: cannot be computed: {printable(run.error)}")
        for mismatch in run.mismatches:
            place = _place(run, display, mismatch.path)
            lines.append(f"      {place}: {mismatch.summary()}")
        if run.mismatches and run.result is not None:
            lines.extend(f"        {printable(line)}" for line in run.result.explanation())
    if runs:
        lines.append("")
    else:
        lines.append(
            "No calculation test case to run: a test case is computed when it has `plan`, "
            "`given` and `expect`."
        )
    lines.append(summary(runs, not_run))
    return "\n".join(lines) + "\n"


def _case_json(run: CaseRun, display: PathFn) -> dict[str, Any]:
    case = run.case
    line, _ = case.where.at()
    found: dict[str, Any] = {
        "id": case.id,
        "title": case.title,
        "plan": case.plan,
        "file": display(case.where.path),
        "line": line,
        "outcome": run.outcome.value,
        "error": run.error,
        "mismatches": [
            {
                "expected_at": m.what,
                "line": case.where.at(*m.path)[0],
                "expected": m.expected,
                "computed": m.computed,
            }
            for m in run.mismatches
        ],
    }
    result = run.result
    if result is not None:
        found["payout"] = result.payout
        found["earnings"] = result.earnings
        found["components"] = {c.id: c.amount for c in result.components}
        found["explanation"] = result.explanation()
    return found


def as_json(runs: Sequence[CaseRun], not_run: int, display: PathFn) -> str:
    document = {
        "cases": [_case_json(run, display) for run in runs],
        "summary": {
            "passed": _count(runs, Outcome.PASSED),
            "failed": _count(runs, Outcome.FAILED),
            "errors": _count(runs, Outcome.ERROR),
            "not_run": not_run,
        },
    }
    return json_text(document)


def as_junit(runs: Sequence[CaseRun], not_run: int, display: PathFn) -> str:
    """JUnit XML: one ``testsuite`` per plan, one ``testcase`` per test case."""
    by_plan: dict[str, list[CaseRun]] = {}
    for run in runs:
        by_plan.setdefault(run.case.plan or "", []).append(run)
    suites = [
        junit_xml.Suite(plan, [_junit_case(run, plan, display) for run in members])
        for plan, members in by_plan.items()
    ]
    return junit_xml.junit_xml("icmkit test", suites)


def _junit_case(run: CaseRun, plan: str, display: PathFn) -> junit_xml.Case:
    failure = error = None
    if run.error is not None:
        error = junit_xml.Problem(run.error, "EngineError", run.error)
    elif run.mismatches:
        message = "; ".join(m.summary() for m in run.mismatches)
        explanation = run.result.explanation() if run.result is not None else []
        failure = junit_xml.Problem(message, "mismatch", "\n".join([message, *explanation]))
    return junit_xml.Case(
        f"{run.case.id} {run.case.title}",
        plan,
        file=display(run.case.where.path),
        line=run.case.where.at()[0],
        failure=failure,
        error=error,
    )
