"""The status checklists as terminal text, laid out with rich for a given width.

On a terminal (or with ``--width`` or ``COLUMNS``) every line fits the width: long titles end
in an ellipsis instead of wrapping. Piped or redirected, nothing is cut: a file or ``grep``
gets every title whole. Without colour the output is plain text (no escape codes).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
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

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
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


def _console(width: int, colour: bool) -> Console:
    import io

    from rich.console import Console

    return Console(
        file=io.StringIO(),
        width=width,
        color_system="standard" if colour else None,
        force_terminal=colour,
        no_color=not colour,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
        soft_wrap=False,
        force_jupyter=False,
        force_interactive=False,
    )


def _printer(console: Console) -> Callable[[RenderableType], None]:
    """``console.print`` for single lines that are cut with an ellipsis, never wrapped."""

    def out(renderable: RenderableType) -> None:
        console.print(renderable, no_wrap=True, overflow="ellipsis", crop=True)

    return out


def _finish(console: Console) -> str:
    file = console.file
    text = file.getvalue() if hasattr(file, "getvalue") else ""
    lines = [line.rstrip() for line in str(text).splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _line(*parts: tuple[str, str] | str) -> Text:
    from rich.text import Text

    text = Text(no_wrap=True, overflow="ellipsis", end="\n")
    for part in parts:
        if isinstance(part, str):
            text.append(part)
        else:
            text.append(part[0], style=part[1])
    return text


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
        line = _line(" " * indent)
        line.append_text(cell)
        line.append(" ")
        line.append(filled[0], style=filled[1])
        line.append(empty[0], style=empty[1])
        line.append(" " + acc.rjust(accepted_width) + " ")
        line.append(tst, style="cyan")
        lines.append(line)
    return lines


def _cell(text: str, style: str = "") -> Text:
    from rich.text import Text

    return Text(text, style=style)


def _rows(rows: list[list[Text]], widths: list[int | None], width: int, indent: int) -> Text:
    """Cells laid out in columns of fixed widths; the ``None`` column takes the room left.

    Cells too long for their column end in an ellipsis; the rows are joined into one text.
    """
    from rich.text import Text

    fixed = sum(w for w in widths if w is not None) + len(widths) - 1
    flexible = max(width - indent - fixed, 1)
    lines = []
    for cells in rows:
        line = Text(" " * indent)
        for position, (cell, size) in enumerate(zip(cells, widths, strict=True)):
            if position:
                line.append(" ")
            cell.truncate(
                size if size is not None else flexible,
                overflow="ellipsis",
                pad=position < len(cells) - 1,
            )
            line.append_text(cell)
        lines.append(line)
    return Text("\n").join(lines)


def _requirement_rows(
    rows: list[RequirementRow], id_width: int, owner_width: int, width: int, indent: int
) -> Text:
    spell_out = width >= STATUS_WORD_WIDTH
    cells = []
    for row in rows:
        style = STATUS_STYLES[row.status]
        line = [_cell(STATUS_MARKS[row.status], style), _cell(row.id, "bold"), _cell(row.title)]
        if spell_out:
            line.append(_cell(row.status.value, style))
        line.append(_cell(row.owner or "", "dim"))
        cells.append(line)
    widths: list[int | None] = [3, id_width, None, 10, owner_width]
    if not spell_out:
        del widths[3]
    return _rows(cells, widths, width, indent)


def _check_items(items: list[CheckItem], indent: int) -> list[Text]:
    pad = " " * indent
    lines = []
    for item in items:
        if item.done is None:
            lines.append(_line(pad + "•   ", item.text))
        elif item.done:
            lines.append(_line((pad + "[x] ", "green"), item.text))
        else:
            lines.append(_line(pad + "[ ] ", item.text))
    return lines


def _test_rows(rows: list[TestRow], width: int, indent: int) -> Text:
    id_width = max((len(t.id) for t in rows), default=1)
    cells = []
    for row in rows:
        mark, style = TEST_MARKS[row.status]
        title = _cell(row.title)
        if row.verifies:
            title.append(f" ({', '.join(row.verifies)})", style="dim")
        cells.append(
            [
                _cell(mark, style),
                _cell(row.id, "bold"),
                title,
                _cell(row.stage.value),
                _cell(row.status.value.replace("_", " "), style),
            ]
        )
    return _rows(cells, [3, id_width, None, 8, 7], width, indent)


def _budget_line(budget: BudgetLine) -> Text:
    style = "red" if budget.over else "default"
    scope = f"phase {budget.phase}" if budget.phase is not None else "program"
    return _line(
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
    console = _console(width, colour)
    out = _printer(console)

    out(_line((f"{report.program}: delivery status as of {report.as_of.isoformat()}", "bold")))
    filters = _filters_text(report)
    if filters:
        out(_line(("Filtered by ", "dim"), filters))
    out(_line((LEGEND, "dim")))
    out(Text())
    for line in _progress_lines([("Overall", report.overall)], width, 0):
        out(line)

    for phase in report.phases:
        out(Text())
        dates = ""
        if phase.start is not None and phase.end is not None:
            dates = f"  {phase.start.isoformat()} to {phase.end.isoformat()}"
        out(_line((f"Phase {phase.number}: {phase.name}", "bold"), (dates, "dim")))
        for line in _progress_lines([("Progress", phase.progress)], width, 2):
            out(line)
        if phase.requirements:
            out(_requirement_rows(phase.requirements, id_width, owner_width, width, 2))
        else:
            out(_line(("  no requirements", "dim")))
        if phase.exit_criteria:
            out(_line("  Exit criteria"))
            for line in _check_items(phase.exit_criteria, 4):
                out(line)
        if phase.deliverables:
            out(_line("  Deliverables"))
            for line in _check_items(phase.deliverables, 4):
                out(line)

    if report.categories:
        out(Text())
        out(_line(("Categories", "bold")))
        for line in _progress_lines([(c.name, c.progress) for c in report.categories], width, 2):
            out(line)

    hours = report.hours
    out(Text())
    out(_line(("Hours", "bold")))
    style = "red" if hours.over_budget else "default"
    out(
        _line(
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
        out(_line(("  no go-live support budget", "dim")))

    out(Text())
    out(_line(("Overdue milestones", "bold")))
    if not report.overdue_milestones:
        out(_line(("  none", "dim")))
    for milestone in report.overdue_milestones:
        late = "1 day" if milestone.days_late == 1 else f"{milestone.days_late} days"
        out(
            _line(
                ("  [!] ", "red"),
                (milestone.id, "bold"),
                f"  {milestone.name}  ",
                (f"due {milestone.date.isoformat()}, {late} late", "red"),
            )
        )

    out(Text())
    out(_line(("Test cases failed or not run", "bold")))
    if not report.tests:
        out(_line(("  none", "dim")))
    else:
        out(_test_rows(report.tests, width, 2))
    if report.letters is not None:
        out(Text())
        out(_line(("Plan letters accepted", "bold")))
        for line in _letter_lines(report.letters, width):
            out(line)
    return _finish(console)


def _letter_lines(letters: AcceptanceProgress, width: int) -> list[Text]:
    """Letters accepted in their current version, of participants on a plan on the day or
    later, and those still waiting."""
    shown = Progress(letters.letters, letters.accepted, letters.accepted, 0)
    filled, empty = _bar(shown, _bar_width(width))
    summary = f" {letters.accepted}/{letters.letters} current letters accepted ({letters.percent}%)"
    lines = [_line("  ", filled, empty, summary)]
    lines += [
        _line(("  [ ] ", "red" if row.earlier else "default"), _cut(row.text, width - 6))
        for row in letters.waiting[:LETTERS_SHOWN]
    ]
    more = len(letters.waiting) - LETTERS_SHOWN
    if more > 0:
        lines.append(_line((f"  and {more} more (`icmkit status --format json` lists all)", "dim")))
    return lines


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: max(size - 1, 1)] + "…"


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
    console = _console(width, colour)
    out = _printer(console)
    title = f"Phase {report.phase} ({report.name})"
    if not report.blocked:
        out(_line((f"{title} can be closed: nothing blocks it.", "green")))
        return _finish(console)
    count = report.blocker_count
    noun = "blocker" if count == 1 else "blockers"
    out(_line((f"{title} cannot be closed: {count} {noun}.", "red")))
    if report.exit_criteria:
        out(_line(("Exit criteria not done", "bold")))
        for line in _check_items(report.exit_criteria, 2):
            out(line)
    if report.requirements:
        out(_line(("Must-have requirements not tested or accepted", "bold")))
        id_width = max(len(r.id) for r in report.requirements)
        owner_width = min(max(len(r.owner or "-") for r in report.requirements), 12)
        out(_requirement_rows(report.requirements, id_width, owner_width, width, 2))
    if report.failing_tests:
        out(_line(("Failing test cases", "bold")))
        out(_test_rows(report.failing_tests, width, 2))
    if report.letters:
        out(_line(("Plan letters not accepted in their current version", "bold")))
        for row in report.letters:
            out(_line("  [ ] ", _cut(row.text, width - 6)))
    return _finish(console)
