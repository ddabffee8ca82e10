"""The status checklists as a GitHub task list, grouped by phase, to paste into an issue."""

from __future__ import annotations

from icmkit.markdown import MARKUP, escape
from icmkit.progress.checklist import CheckItem, PhaseChecklist
from icmkit.progress.counts import Progress
from icmkit.progress.gate import GateReport
from icmkit.progress.report import StatusReport

_TASK_MARKUP = MARKUP.replace("#", "").replace("~", "")
"""What the checklists escape: no HTML tags, no accidental links or emphasis; ``#`` and ``~``
are left as written."""


def _escape(text: str) -> str:
    return escape(text, markup=_TASK_MARKUP)


def _task(done: bool, text: str) -> str:
    return f"- [{'x' if done else ' '}] {text}"


def _progress(progress: Progress) -> str:
    text = (
        f"{progress.accepted}/{progress.total} accepted ({progress.percent}%), "
        f"{progress.tested}/{progress.total} tested"
    )
    if progress.deferred:
        text += f", {progress.deferred} deferred"
    return text + "."


def _items(title: str, items: list[CheckItem]) -> list[str]:
    if not items:
        return []
    lines = ["", f"#### {title}", ""]
    lines += [_task(bool(item.done), _escape(item.text)) for item in items]
    return lines


def _phase(phase: PhaseChecklist) -> list[str]:
    heading = f"### Phase {phase.number}: {_escape(phase.name)}"
    if phase.start is not None and phase.end is not None:
        heading += f" ({phase.start.isoformat()} to {phase.end.isoformat()})"
    lines = ["", heading, "", f"Progress: {_progress(phase.progress)}"]
    if phase.requirements:
        lines.append("")
    for row in phase.requirements:
        note = "" if row.accepted else f" ({row.status.value})"
        lines.append(_task(row.accepted, f"{row.id} {_escape(row.title)}{note}"))
    lines += _items("Exit criteria", phase.exit_criteria)
    lines += _items("Deliverables", phase.deliverables)
    return lines


def render_status_markdown(report: StatusReport) -> str:
    """``- [x] FR-… title`` for accepted requirements, ``- [ ] …`` for the others, by phase."""
    lines = [
        f"## {_escape(report.program)}: delivery checklist",
        "",
        f"As of {report.as_of.isoformat()}. Overall: {_progress(report.overall)}",
    ]
    for phase in report.phases:
        lines += _phase(phase)
    letters = report.letters
    if letters is not None:
        lines += [
            "",
            "### Plan letters",
            "",
            f"{letters.accepted}/{letters.letters} current letters accepted ({letters.percent}%).",
        ]
        if letters.waiting:
            lines.append("")
        lines += [_task(False, _escape(row.text)) for row in letters.waiting]
    return "\n".join(lines) + "\n"


def render_gate_markdown(report: GateReport) -> str:
    """The blockers of a phase gate as open tasks."""
    title = f"## Phase {report.phase} gate: {_escape(report.name)}"
    if not report.blocked:
        return f"{title}\n\nPhase {report.phase} can be closed: nothing blocks it.\n"
    lines = [title, "", f"{report.blocker_count} blocking item(s)."]
    lines += _items("Exit criteria not done", report.exit_criteria)
    if report.requirements:
        lines += ["", "#### Must-have requirements not tested or accepted", ""]
        lines += [
            _task(False, f"{r.id} {_escape(r.title)} ({r.status.value})")
            for r in report.requirements
        ]
    if report.failing_tests:
        lines += ["", "#### Failing test cases", ""]
        lines += [_task(False, f"{t.id} {_escape(t.title)}") for t in report.failing_tests]
    if report.letters:
        lines += ["", "#### Plan letters not accepted in their current version", ""]
        lines += [_task(False, _escape(row.text)) for row in report.letters]
    return "\n".join(lines) + "\n"
