"""Plans over history: one or more versions of a program's plans computed on the same files.

``icmkit model`` (and ``icmkit diff --impact``) read the history once — transactions, roster,
quotas, scores, cash receipts, as ``icmkit calc`` reads them (``batch.read_plan_data``) — and
compute every version's plans on it with ``batch.calculate_window``, the engine ``calc`` runs.
Two versions of a plan that read the transactions the same way (same measures, splits and
number format) share the rows read; a plan equal in both versions, on the same roster, is
computed once and its results are given to both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from icmkit.engine import batch
from icmkit.engine.calc_roster import Roster, read_roster, roster_of
from icmkit.engine.calendar import Calendar
from icmkit.engine.errors import EngineError
from icmkit.engine.input_stage import Engine, Stage
from icmkit.engine.periods import Window
from icmkit.engine.result import PayoutResult
from icmkit.engine.transaction_source import TransactionSource
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program


class Progress(Protocol):
    """What a long run reports as it goes (a progress bar on a terminal; nothing otherwise)."""

    def stage(self, text: str, total: int | None = None) -> None:
        """A new stage of ``total`` steps (None: a wait of unknown length)."""
        ...

    def advance(self) -> None:
        """One step of the stage done."""
        ...


class Quiet:
    """No progress shown."""

    def stage(self, text: str, total: int | None = None) -> None:
        return None

    def advance(self) -> None:
        return None


@dataclass
class Scenario:
    """One version of the plans to compute: a program (its roster, data sources and
    calendar) and the plans chosen from it."""

    label: str
    program: Program
    plans: list[Plan]


@dataclass
class ScenarioRun:
    """A version's results over the window, with who sat where."""

    label: str
    program: Program
    plans: list[Plan]
    results: list[PayoutResult]
    roles: dict[tuple[str, str], str | None] = field(default_factory=dict)
    """The role of each (participant, plan) seat."""
    names: dict[str, str] = field(default_factory=dict)
    """Participants' names, from the roster."""
    reused: list[str] = field(default_factory=list)
    """Plans whose results were taken from the version before (equal plan, same inputs)."""


@dataclass
class ModelRun:
    window: Window
    """The days computed (whole calculation periods overlapping it are shown)."""
    runs: list[ScenarioRun]


def calendar_of(program: Program) -> Calendar:
    return Calendar.of(program.info.calendar if program.info is not None else None)


def transactions_span(found: Sequence[TransactionSource]) -> tuple[date, date] | None:
    """The first and last transaction dates of ``found`` (None when there are none)."""
    spans = [span for span in (rows.span() for rows in found) if span is not None]
    if not spans:
        return None
    return min(first for first, _ in spans), max(last for _, last in spans)


def default_window(calendar: Calendar, found: Sequence[TransactionSource]) -> Window:
    """The fiscal years holding the first and the last transaction."""
    span = transactions_span(found)
    if span is None:
        raise EngineError("the transactions file has no rows: give --period")
    first, last = span
    return Window(calendar.year_window(first).start, calendar.year_window(last).end)


def _roster_text(roster: Roster | None) -> str:
    if roster is None:
        return ""
    return "\n".join(e.model_dump_json() for _, e in sorted(roster.people.items()))


@dataclass
class _Prepared:
    scenario: Scenario
    calendar: Calendar
    roster: Roster | None
    data: dict[str, batch.PlanData]


def _prepare(
    scenarios: Sequence[Scenario], files: batch.CalcFiles, progress: Progress, stage: Stage
) -> list[_Prepared]:
    read: dict[str, TransactionSource] = {}
    shared_roster = read_roster(files.roster) if files.roster is not None else None
    prepared: list[_Prepared] = []
    for scenario in scenarios:
        program = scenario.program
        roster = shared_roster
        if roster is None and program.participants:
            roster = roster_of(program.participants)
        if roster is None and len(scenario.plans) != 1:
            raise EngineError(
                f"{scenario.label}: several plans need a roster: give --roster or participants.yaml"
            )
        data: dict[str, batch.PlanData] = {}
        for plan in scenario.plans:
            progress.stage(f"{scenario.label}: reading {files.transactions.name} for {plan.id}")
            data[plan.id] = batch.read_plan_data(program, scenario.plans, plan, files, stage, read)
        prepared.append(_Prepared(scenario, calendar_of(program), roster, data))
    return prepared


def _same_inputs(a: _Prepared, b: _Prepared, plan: Plan) -> bool:
    """Whether ``plan`` computes the same in both versions: equal plan, roster and inputs."""
    other = next((p for p in a.scenario.plans if p.id == plan.id), None)
    if other is None or other.model_dump_json() != plan.model_dump_json():
        return False
    mine, theirs = b.data[plan.id], a.data[plan.id]
    return (
        mine.transactions is theirs.transactions
        and mine.quotas == theirs.quotas
        and mine.scores == theirs.scores
        and a.calendar == b.calendar
        and _roster_text(a.roster) == _roster_text(b.roster)
    )


def run_scenarios(
    scenarios: Sequence[Scenario],
    files: batch.CalcFiles,
    period: str | None = None,
    progress: Progress | None = None,
) -> ModelRun:
    """Every scenario's results for the periods of ``period`` (a label or a range; default:
    the fiscal years the transactions span), each from the same files.

    Raises EngineError (what the inputs lack, a period that cannot be read) or InputFileError
    (bad rows: nothing is computed)."""
    shown = progress or Quiet()
    engine = files.engine or Engine.of(scenarios[-1].program.engine)
    with engine.started() as stage:
        return _run_prepared(_prepare(scenarios, files, shown, stage), files, period, shown)


def _run_prepared(
    prepared: Sequence[_Prepared], files: batch.CalcFiles, period: str | None, shown: Progress
) -> ModelRun:
    calendar = prepared[-1].calendar
    if period is not None:
        window = calendar.parse(period).window
    else:
        read = {id(d.transactions): d.transactions for p in prepared for d in p.data.values()}
        window = default_window(calendar, list(read.values()))
    total = 0
    for item in prepared:
        for plan in item.scenario.plans:
            data = item.data[plan.id]
            total += len(batch.seats_for([plan], data.transactions, data.quotas, item.roster))
    shown.stage("computing", total)
    runs: list[ScenarioRun] = []
    for index, item in enumerate(prepared):
        run = ScenarioRun(item.scenario.label, item.scenario.program, item.scenario.plans, [])
        for plan in item.scenario.plans:
            data = item.data[plan.id]
            seats = batch.seats_for([plan], data.transactions, data.quotas, item.roster)
            for seat in seats:
                run.roles[(seat.person.id, plan.id)] = seat.person.role
            before = prepared[index - 1] if index else None
            if before is not None and _same_inputs(before, item, plan):
                run.results += [r for r in runs[-1].results if r.plan == plan.id]
                run.reused.append(plan.id)
                for _ in seats:
                    shown.advance()
                continue
            run.results += batch.calculate_window(
                [plan],
                window,
                data.transactions,
                data.quotas,
                item.roster,
                item.calendar,
                data.scores,
                files.as_of,
                on_seat=shown.advance,
            )
        if item.roster is not None:
            run.names = {who: e.name for who, e in item.roster.people.items() if e.name}
        run.results.sort(key=lambda r: (r.participant, r.plan, r.window_start or "", r.period))
        runs.append(run)
    return ModelRun(window, runs)
