"""Views of a test run: readable text, JSON and JUnit XML (for CI test reporting)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from icmkit.engine.case_runs import CaseRun, Outcome
from icmkit.terminal.findings_view import printable

PathFn = Callable[[str], str]

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (control codes), shown escaped."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


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


def _place(run: CaseRun, display: PathFn, path: Sequence[str]) -> str:
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
        lines.extend(f"      {problem}" for problem in load_problems(run, display))
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


def _amount(value: Decimal) -> str:
    return format(value, "f")


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
                "expected": _amount(m.expected),
                "computed": _amount(m.computed),
            }
            for m in run.mismatches
        ],
    }
    result = run.result
    if result is not None:
        found["payout"] = _amount(result.payout)
        found["earnings"] = _amount(result.earnings)
        found["components"] = {c.id: _amount(c.amount) for c in result.components}
        found["explanation"] = result.explanation()
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
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_junit(runs: Sequence[CaseRun], not_run: int, display: PathFn) -> str:
    """JUnit XML: one ``testsuite`` per plan, one ``testcase`` per test case."""
    import xml.etree.ElementTree as ET

    root = ET.Element("testsuites", name="icmkit test")
    root.set("tests", str(len(runs)))
    root.set("failures", str(_count(runs, Outcome.FAILED)))
    root.set("errors", str(_count(runs, Outcome.ERROR) + _count(runs, Outcome.NOT_LOADED)))
    by_plan: dict[str, list[CaseRun]] = {}
    for run in runs:
        by_plan.setdefault(run.plan or "", []).append(run)
    for plan, members in by_plan.items():
        suite = ET.SubElement(root, "testsuite", name=_xml(plan))
        suite.set("tests", str(len(members)))
        suite.set("failures", str(_count(members, Outcome.FAILED)))
        errors = _count(members, Outcome.ERROR) + _count(members, Outcome.NOT_LOADED)
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        for run in members:
            case = ET.SubElement(
                suite,
                "testcase",
                classname=plan,
                name=_xml(f"{run.id} {run.title}"),
                file=_xml(display(run.path)),
                line=str(run.line()),
            )
            problems = load_problems(run, display)
            if problems:
                error = ET.SubElement(
                    case, "error", message=_xml(problems[0]), type="LoadError"
                )
                error.text = _xml("\n".join(problems))
            elif run.error is not None:
                error = ET.SubElement(case, "error", message=_xml(run.error), type="EngineError")
                error.text = _xml(run.error)
            elif run.mismatches:
                message = "; ".join(m.summary() for m in run.mismatches)
                failure = ET.SubElement(case, "failure", message=_xml(message), type="mismatch")
                explanation = run.result.explanation() if run.result is not None else []
                failure.text = _xml("\n".join([message, *explanation]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
