"""Views of a test run: readable text, JSON and JUnit XML (for CI test reporting)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from icmkit.engine.case_runs import CaseRun, Outcome
from icmkit.terminal import junit_xml
from icmkit.terminal.findings_view import finding_line, printable
from icmkit.terminal.json_text import json_text

PathFn = Callable[[str], str]

_LABELS = {
    Outcome.PASSED: "PASS ",
    Outcome.FAILED: "FAIL ",
    Outcome.ERROR: "ERROR",
    Outcome.NOT_LOADED: "FAIL ",
}


def _count(runs: Sequence[CaseRun], outcome: Outcome) -> int:
    return sum(1 for run in runs if run.outcome is outcome)


def summary(runs: Sequence[CaseRun], not_run: int) -> str:
    text = (
        f"{_count(runs, Outcome.PASSED)} passed, {_count(runs, Outcome.FAILED)} failed, "
        f"{_count(runs, Outcome.ERROR)} could not be computed"
    )
    unloaded = _count(runs, Outcome.NOT_LOADED)
    if unloaded:
        text += f", {unloaded} failed to load"
    if not_run:
        plural = "s" if not_run != 1 else ""
        text += f"; {not_run} test case{plural} without plan, given and expect not run"
    return text


def _place(run: CaseRun, display: PathFn, path: Sequence[str | int]) -> str:
    return f"{display(run.path)}:{run.line(*path)}"


def load_problems(run: CaseRun, display: PathFn) -> list[str]:
    """``path:line:col: CODE message`` for each finding that kept the case from loading."""
    if run.unloaded is None:
        return []
    return [
        f"{display(f.path)}:{f.line}:{f.col}: {f.code} {printable(f.message)}"
        for f in run.unloaded.findings
    ]


def as_text(runs: Sequence[CaseRun], not_run: int, display: PathFn) -> str:
    """One line per test case; a failure lists each mismatch and the whole explanation."""
    lines: list[str] = []
    for run in runs:
        lines.append(f"{_LABELS[run.outcome]} {run.id}  {printable(run.title)}")
        if run.unloaded is not None:
            lines.extend(f"      {finding_line(f, display)}" for f in run.unloaded.findings)
        if run.error is not None:
            place = _place(run, display, ("expect",))
            lines.append(f"      {place}: cannot be computed: {printable(run.error)}")
        for mismatch in run.mismatches:
            place = _place(run, display, mismatch.path)
            lines.append(f"      {place}: {mismatch.summary()}")
        if run.mismatches:
            lines.extend(f"        {printable(line)}" for line in explanation(run))
    if runs:
        lines.append("")
    else:
        lines.append(
            "No calculation test case to run: a test case is computed when it has `plan`, "
            "`given` and `expect`."
        )
    lines.append(summary(runs, not_run))
    return "\n".join(lines) + "\n"


def explanation(run: CaseRun) -> list[str]:
    """How the results of a run came about: one result's lines, or each period's under a
    heading naming its participant, plan and period."""
    if run.result is not None:
        return run.result.explanation()
    lines: list[str] = []
    for result in run.results:
        lines.append(f"{result.participant} on {result.plan} in {result.period}:")
        lines += [f"  {line}" for line in result.explanation()]
    return lines


def _case_json(run: CaseRun, display: PathFn) -> dict[str, Any]:
    found: dict[str, Any] = {
        "id": run.id,
        "title": run.title,
        "plan": run.plan,
        "file": display(run.path),
        "line": run.line(),
        "outcome": run.outcome.value,
        "error": run.error,
        "load_problems": load_problems(run, display),
        "mismatches": [
            {
                "expected_at": m.what,
                "line": run.line(*m.path),
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
    elif run.results:
        found["results"] = [
            {
                "participant": r.participant,
                "plan": r.plan,
                "period": r.period,
                "payout": r.payout,
                "earnings": r.earnings,
                "components": {c.id: c.amount for c in r.components},
                "draw": {
                    "paid": r.draw_paid,
                    "recovered": r.draw_recovered,
                    "balance": r.draw_balance,
                },
                "explanation": r.explanation(),
            }
            for r in run.results
        ]
    return found


def as_json(runs: Sequence[CaseRun], not_run: int, display: PathFn) -> str:
    document = {
        "cases": [_case_json(run, display) for run in runs],
        "summary": {
            "passed": _count(runs, Outcome.PASSED),
            "failed": _count(runs, Outcome.FAILED),
            "errors": _count(runs, Outcome.ERROR),
            "not_loaded": _count(runs, Outcome.NOT_LOADED),
            "not_run": not_run,
        },
    }
    return json_text(document)


def as_junit(runs: Sequence[CaseRun], not_run: int, display: PathFn) -> str:
    """JUnit XML: one ``testsuite`` per plan, one ``testcase`` per test case."""
    by_plan: dict[str, list[CaseRun]] = {}
    for run in runs:
        by_plan.setdefault(run.plan or "", []).append(run)
    suites = [
        junit_xml.Suite(plan, [_junit_case(run, plan, display) for run in members])
        for plan, members in by_plan.items()
    ]
    return junit_xml.junit_xml("icmkit test", suites)


def _junit_case(run: CaseRun, plan: str, display: PathFn) -> junit_xml.Case:
    failure = error = None
    problems = load_problems(run, display)
    if problems:
        error = junit_xml.Problem(problems[0], "LoadError", "\n".join(problems))
    elif run.error is not None:
        error = junit_xml.Problem(run.error, "EngineError", run.error)
    elif run.mismatches:
        message = "; ".join(m.summary() for m in run.mismatches)
        lines = explanation(run)
        failure = junit_xml.Problem(message, "mismatch", "\n".join([message, *lines]))
    return junit_xml.Case(
        f"{run.id} {run.title}",
        plan,
        file=display(run.path),
        line=run.line(),
        failure=failure,
        error=error,
    )
