"""The status checklists as terminal text, laid out with rich for a given width.

On a terminal (or with ``--width`` or ``COLUMNS``) every line fits the width: long titles end
in an ellipsis instead of wrapping. Piped or redirected, nothing is cut: a file or ``grep``
gets every title whole. Without colour the output is plain text (no escape codes).
"""

from __future__ import annotations

import os
import shutil
from typing import TYPE_CHECKING, TextIO

from icmkit.model.requirements import Status
from icmkit.model.testing import TestStatus
from icmkit.progress.acceptance import AcceptanceProgress
from icmkit.progress.checklist import CheckItem, RequirementRow
from icmkit.progress.counts import Progress
from icmkit.progress.gate import GateReport
from icmkit.progress.hours import BudgetLine, hours_text
from icmkit.progress.open_tests import TestRow
from icmkit.progress.report import StatusReport
from icmkit.terminal import text_layout as layout

if TYPE_CHECKING:
    from rich.text import Text

DEFAULT_WIDTH = 100
MIN_WIDTH = 40
PIPE_WIDTH = 10_000
"""The width laid out for a pipe or a file: as wide as the longest line, never cut."""

STATUS_MARKS: dict[Status, str] = {
    Status.ACCEPTED: "[x]",
    Status.TESTED: "[t]",
    Status.CONFIGURED: "[c]",
    Status.AGREED: "[a]",
    Status.PROPOSED: "[ ]",
    Status.DEFERRED: "[-]",
}

STATUS_STYLES: dict[Status, str] = {
    Status.ACCEPTED: "green",
    Status.TESTED: "cyan",
    Status.CONFIGURED: "blue",
    Status.AGREED: "yellow",
    Status.PROPOSED: "default",
    Status.DEFERRED: "dim",
}

TEST_MARKS: dict[TestStatus, tuple[str, str]] = {
    TestStatus.FAILED: ("[!]", "red"),
    TestStatus.NOT_RUN: ("[ ]", "default"),
    TestStatus.BLOCKED: ("[#]", "yellow"),
    TestStatus.PASSED: ("[x]", "green"),
}

LEGEND = "[x] accepted  [t] tested  [c] configured  [a] agreed  [ ] proposed  [-] deferred"
LETTERS_SHOWN = 20
"""Letters waiting for acceptance listed by name in the status; the rest are counted."""
STATUS_WORD_WIDTH = 100
"""From this width on, requirement rows spell out their status next to the owner."""


def output_width(stream: TextIO, explicit: int | None = None) -> int:
    """The width to lay out for: ``explicit``, else the terminal's, else ``COLUMNS``; else on
    a terminal of unknown size 100, and for a pipe or a file no limit (``PIPE_WIDTH``)."""
    if explicit is not None:
        return max(explicit, MIN_WIDTH)
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        try:
            return max(os.get_terminal_size(stream.fileno()).columns, MIN_WIDTH)
        except (OSError, ValueError, AttributeError):
            return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MIN_WIDTH)
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    return PIPE_WIDTH


def _bar_width(width: int) -> int:
    return 10 if width < 100 else 20


def _bar(progress: Progress, size: int) -> tuple[tuple[str, str], tuple[str, str]]:
    filled = round(progress.share * size)
    if progress.accepted and filled == 0:
        filled = 1
    if progress.accepted < progress.total and filled == size:
        filled = size - 1
    return ("█" * filled, "green"), ("░" * (size - filled), "dim")


def _progress_lines(rows: list[tuple[str, Progress]], width: int, indent: int) -> list[Text]:
    """One line per row: label, bar, accepted count and share, tested count; aligned."""
    from rich.text import Text

    size = _bar_width(width)
    accepted = [f"{p.accepted}/{p.total} accepted {p.percent:>3}%" for _, p in rows]
    tested = [
        f"{p.tested}/{p.total} tested" + (f", {p.deferred} deferred" if p.deferred else "")
        for _, p in rows
    ]
    accepted_width = max((len(a) for a in accepted), default=0)
    room = width - indent - size - accepted_width - 3 - max((len(t) for t in tested), default=0)
    label_width = max(min(max((len(label) for label, _ in rows), default=0), room), 8)
    lines = []
    for (label, progress), acc, tst in zip(rows, accepted, tested, strict=True):
        cell = Text(label)
        cell.truncate(label_width, overflow="ellipsis", pad=True)
        filled, empty = _bar(progress, size)
        line = layout.line(" " * indent)
        line.append_text(cell)
        line.append(" ")
        line.append(filled[0], style=filled[1])
        line.append(empty[0], style=empty[1])
        line.append(" " + acc.rjust(accepted_width) + " ")
        line.append(tst, style="cyan")
        lines.append(line)
    return lines


def _requirement_rows(
    rows: list[RequirementRow], id_width: int, owner_width: int, width: int, indent: int
) -> Text:
    spell_out = width >= STATUS_WORD_WIDTH
    cells = []
    for row in rows:
        style = STATUS_STYLES[row.status]
        line = [
            layout.cell(STATUS_MARKS[row.status], style),
            layout.cell(row.id, "bold"),
            layout.cell(row.title),
        ]
        if spell_out:
            line.append(layout.cell(row.status.value, style))
        line.append(layout.cell(row.owner or "", "dim"))
        cells.append(line)
    widths: list[int | None] = [3, id_width, None, 10, owner_width]
    if not spell_out:
        del widths[3]
    return layout.rows(cells, widths, width, indent)


def _check_items(items: list[CheckItem], indent: int) -> list[Text]:
    pad = " " * indent
    lines = []
    for item in items:
        if item.done is None:
            lines.append(layout.line(pad + "•   ", item.text))
        elif item.done:
            lines.append(layout.line((pad + "[x] ", "green"), item.text))
        else:
            lines.append(layout.line(pad + "[ ] ", item.text))
    return lines


def _test_rows(rows: list[TestRow], width: int, indent: int) -> Text:
    id_width = max((len(t.id) for t in rows), default=1)
    cells = []
    for row in rows:
        mark, style = TEST_MARKS[row.status]
        title = layout.cell(row.title)
        if row.verifies:
            title.append(f" ({', '.join(row.verifies)})", style="dim")
        cells.append(
            [
                layout.cell(mark, style),
                layout.cell(row.id, "bold"),
                title,
                layout.cell(row.stage.value),
                layout.cell(row.status.value.replace("_", " "), style),
            ]
        )
    return layout.rows(cells, [3, id_width, None, 8, 7], width, indent)


def _budget_line(budget: BudgetLine) -> Text:
    style = "red" if budget.over else "default"
    scope = f"phase {budget.phase}" if budget.phase is not None else "program"
    return layout.line(
        f"  {budget.name} ({budget.id}, {scope}): ",
        (f"{hours_text(budget.used)} of {hours_text(budget.hours)} h spent", style),
    )


def _filters_text(report: StatusReport) -> str:
    chosen = report.filters
    parts = []
    if chosen.phase is not None:
        parts.append(f"phase {chosen.phase}")
    if chosen.category is not None:
        parts.append(f"category {chosen.category}")
    if chosen.owner is not None:
        parts.append(f"owner {chosen.owner}")
    if chosen.kind is not None:
        parts.append(f"kind {chosen.kind.value}")
    if chosen.status is not None:
        parts.append(f"status {chosen.status.value}")
    if chosen.open_only:
        parts.append("open only")
    return ", ".join(parts)


def _whole(
    width: int, rows: list[RequirementRow], id_width: int, owner_width: int, tests: list[TestRow]
) -> int:
    """``width``; for a pipe or a file (``PIPE_WIDTH``), the width at which no title is cut
    (at least ``DEFAULT_WIDTH``), so that the columns line up as on a terminal."""
    if width < PIPE_WIDTH:
        return width
    needed = [2 + 4 + id_width + 1 + len(r.title) + 1 + 10 + 1 + owner_width for r in rows]
    test_ids = max((len(t.id) for t in tests), default=1)
    for t in tests:
        verifies = f" ({', '.join(t.verifies)})" if t.verifies else ""
        needed.append(2 + 4 + test_ids + 1 + len(t.title) + len(verifies) + 1 + 8 + 1 + 7)
    return max([DEFAULT_WIDTH, *needed])


def render_status(report: StatusReport, width: int, colour: bool) -> str:
    """The status report as text lines no longer than ``width``."""
    from rich.text import Text

    rows = [r for p in report.phases for r in p.requirements]
    id_width = max((len(r.id) for r in rows), default=6)
    owner_width = min(max((len(r.owner or "") for r in rows), default=1), 12)
    width = _whole(width, rows, id_width, owner_width, report.tests)
    console = layout.console(width, colour)
    out = layout.printer(console)

    out(
        layout.line((f"{report.program}: delivery status as of {report.as_of.isoformat()}", "bold"))
    )
    filters = _filters_text(report)
    if filters:
        out(layout.line(("Filtered by ", "dim"), filters))
    out(layout.line((LEGEND, "dim")))
    out(Text())
    for line in _progress_lines([("Overall", report.overall)], width, 0):
        out(line)

    for phase in report.phases:
        out(Text())
        dates = ""
        if phase.start is not None and phase.end is not None:
            dates = f"  {phase.start.isoformat()} to {phase.end.isoformat()}"
        out(layout.line((f"Phase {phase.number}: {phase.name}", "bold"), (dates, "dim")))
        for line in _progress_lines([("Progress", phase.progress)], width, 2):
            out(line)
        if phase.requirements:
            out(_requirement_rows(phase.requirements, id_width, owner_width, width, 2))
        else:
            out(layout.line(("  no requirements", "dim")))
        if phase.exit_criteria:
            out(layout.line("  Exit criteria"))
            for line in _check_items(phase.exit_criteria, 4):
                out(line)
        if phase.deliverables:
            out(layout.line("  Deliverables"))
            for line in _check_items(phase.deliverables, 4):
                out(line)

    if report.categories:
        out(Text())
        out(layout.line(("Categories", "bold")))
        for line in _progress_lines([(c.name, c.progress) for c in report.categories], width, 2):
            out(line)

    hours = report.hours
    out(Text())
    out(layout.line(("Hours", "bold")))
    style = "red" if hours.over_budget else "default"
    out(
        layout.line(
            "  Assisted requirements: ",
            (f"{hours_text(hours.planned)} h planned", style),
            f" of {hours_text(hours.budget)} h assistance budget",
            f", {hours_text(hours.delivered)} h accepted",
        )
    )
    for budget in hours.assistance:
        out(_budget_line(budget))
    for budget in hours.support:
        out(_budget_line(budget))
    if not hours.support:
        out(layout.line(("  no go-live support budget", "dim")))

    out(Text())
    out(layout.line(("Overdue milestones", "bold")))
    if not report.overdue_milestones:
        out(layout.line(("  none", "dim")))
    for milestone in report.overdue_milestones:
        late = "1 day" if milestone.days_late == 1 else f"{milestone.days_late} days"
        out(
            layout.line(
                ("  [!] ", "red"),
                (milestone.id, "bold"),
                f"  {milestone.name}  ",
                (f"due {milestone.date.isoformat()}, {late} late", "red"),
            )
        )

    out(Text())
    out(layout.line(("Test cases failed or not run", "bold")))
    if not report.tests:
        out(layout.line(("  none", "dim")))
    else:
        out(_test_rows(report.tests, width, 2))
    if report.letters is not None:
        out(Text())
        out(layout.line(("Plan letters accepted", "bold")))
        for line in _letter_lines(report.letters, width):
            out(line)
    return layout.finish(console)


def _letter_lines(letters: AcceptanceProgress, width: int) -> list[Text]:
    """Letters accepted in their current version, of participants on a plan on the day or
    later, and those still waiting."""
    shown = Progress(letters.letters, letters.accepted, letters.accepted, 0)
    filled, empty = _bar(shown, _bar_width(width))
    summary = f" {letters.accepted}/{letters.letters} current letters accepted ({letters.percent}%)"
    lines = [layout.line("  ", filled, empty, summary)]
    lines += [
        layout.line(
            ("  [ ] ", "red" if row.earlier else "default"), layout.cut(row.text, width - 6)
        )
        for row in letters.waiting[:LETTERS_SHOWN]
    ]
    more = len(letters.waiting) - LETTERS_SHOWN
    if more > 0:
        lines.append(
            layout.line((f"  and {more} more (`icmkit status --format json` lists all)", "dim"))
        )
    return lines


def render_gate(report: GateReport, width: int, colour: bool) -> str:
    """What blocks leaving a phase, or one line saying the phase can be closed."""
    rows = report.requirements
    width = _whole(
        width,
        rows,
        max((len(r.id) for r in rows), default=1),
        min(max((len(r.owner or "-") for r in rows), default=1), 12),
        report.failing_tests,
    )
    console = layout.console(width, colour)
    out = layout.printer(console)
    title = f"Phase {report.phase} ({report.name})"
    if not report.blocked:
        out(layout.line((f"{title} can be closed: nothing blocks it.", "green")))
        return layout.finish(console)
    count = report.blocker_count
    noun = "blocker" if count == 1 else "blockers"
    out(layout.line((f"{title} cannot be closed: {count} {noun}.", "red")))
    if report.exit_criteria:
        out(layout.line(("Exit criteria not done", "bold")))
        for line in _check_items(report.exit_criteria, 2):
            out(line)
    if report.requirements:
        out(layout.line(("Must-have requirements not tested or accepted", "bold")))
        id_width = max(len(r.id) for r in report.requirements)
        owner_width = min(max(len(r.owner or "-") for r in report.requirements), 12)
        out(_requirement_rows(report.requirements, id_width, owner_width, width, 2))
    if report.failing_tests:
        out(layout.line(("Failing test cases", "bold")))
        out(_test_rows(report.failing_tests, width, 2))
    if report.letters:
        out(layout.line(("Plan letters not accepted in their current version", "bold")))
        for row in report.letters:
            out(layout.line("  [ ] ", layout.cut(row.text, width - 6)))
    return layout.finish(console)
