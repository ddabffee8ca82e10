"""Calculate periods from data files, and reconcile the payouts with a legacy register.

``calc`` runs the same engine as a multi-period test case (``run``): every participant's
plans, each calculation period from the start of the fiscal year holding the first asked
period (so that rows before it make up credit to date, draw balances, caps used and
commission paid per deal), with only the asked periods reported. Without a roster, everyone in
the transactions (and quotas) file is on the one plan named, with no hierarchy; with one,
participants are on the plans their assignments (or eligible roles) give, and managers take
their team's rows for overrides and rollups. A plan that needs more than the inputs give is
refused (``calc_needs``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from icmkit.engine.calc_inputs import declared_format, reading_key
from icmkit.engine.calc_needs import missing_for_calc
from icmkit.engine.calc_roster import Roster, read_roster, roster_of
from icmkit.engine.calc_side_files import (
    Quotas,
    read_legacy,
    read_quotas,
    read_receipts,
    read_scores,
)
from icmkit.engine.calendar import Calendar
from icmkit.engine.errors import EngineError, SeatError
from icmkit.engine.hierarchy import RosterHierarchy, StaticHierarchy
from icmkit.engine.input_stage import Engine, Stage
from icmkit.engine.periods import Window
from icmkit.engine.result import PayoutResult
from icmkit.engine.run import RunOptions, Seat, run_credited, seats_of
from icmkit.engine.targets import Person
from icmkit.engine.transaction_source import TransactionSource
from icmkit.model.number_text import NumberFormat
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.roster import RosterEntry


def _with_quotas(entry: RosterEntry, quotas: Quotas | None) -> RosterEntry:
    if quotas is None:
        return entry
    update: dict[str, object] = {"quotas": {**entry.quotas, **quotas.quotas.get(entry.id, {})}}
    if entry.id in quotas.targets:
        update["target_incentive"] = quotas.targets[entry.id]
    return entry.model_copy(update=update)


def seats_for(
    plans: Sequence[Plan],
    transactions: TransactionSource,
    quotas: Quotas | None,
    roster: Roster | None,
) -> list[Seat]:
    """Who is computed on which plan: the roster's seats, or everyone in the files on the one
    plan given (then ``plans`` must hold exactly one)."""
    if roster is not None:
        strangers = sorted(transactions.participants() - set(roster.people))
        if strangers:
            raise EngineError(
                "participant(s) in the transactions but not on the roster: " + ", ".join(strangers)
            )
        entries = [_with_quotas(e, quotas) for _, e in sorted(roster.people.items())]
        return seats_of(entries, {p.id: p for p in plans})
    (plan,) = plans
    people = set(transactions.participants())
    if quotas is not None:
        people |= set(quotas.quotas) | set(quotas.targets)
    return [
        Seat(
            plan,
            Person(
                who,
                quotas=quotas.quotas.get(who, {}) if quotas is not None else {},
                target_incentive=quotas.targets.get(who) if quotas is not None else None,
            ),
        )
        for who in sorted(people)
    ]


def calculate_window(
    plans: Sequence[Plan],
    window: Window,
    transactions: TransactionSource,
    quotas: Quotas | None = None,
    roster: Roster | None = None,
    calendar: Calendar | None = None,
    scores: Mapping[tuple[str, str], Mapping[str, Decimal]] | None = None,
    as_of: date | None = None,
    on_seat: Callable[[], None] | None = None,
) -> list[PayoutResult]:
    """Every seat's results for the calculation periods overlapping ``window``
    (``on_seat`` is called after each seat).

    Raises EngineError when a plan needs what the inputs do not give (see ``calc_needs``), or
    a participant cannot be computed (naming the plan and the participant)."""
    for plan in plans:
        missing = missing_for_calc(plan, roster, scores is not None)
        if missing:
            raise EngineError(f"cannot compute {plan.id}: " + "; ".join(missing))
    chosen = calendar or Calendar()
    first = min(
        (max(chosen.year_window(window.start).start, plan.effective.from_) for plan in plans),
        default=window.start,
    )
    start = min(first, window.start)
    hierarchy = (
        RosterHierarchy.of(list(roster.people.values()))
        if roster is not None
        else StaticHierarchy()
    )
    seats = seats_for(plans, transactions, quotas, roster)
    options = RunOptions(
        chosen,
        as_of=as_of,
        participant_scores=scores or {},
        explain=False,
        report=window,
        on_seat=on_seat,
    )
    whole = Window(start, window.end)
    source = transactions.credited_input(
        hierarchy, [seat.person for seat in seats], whole, chosen, as_of, False
    )
    try:
        return run_credited(seats, source, whole, options)
    except SeatError as error:
        raise EngineError(
            f"cannot compute {error.plan}: participant {error.participant}: {error}"
        ) from None


@dataclass(frozen=True)
class Reconciled:
    participant: str
    period: str | None
    computed: Decimal | None
    legacy: Decimal | None
    difference: Decimal
    within: bool


def reconcile(
    results: Sequence[PayoutResult],
    legacy: Mapping[tuple[str, str | None], Decimal],
    tolerance: Decimal,
) -> list[Reconciled]:
    """Each participant's computed payout (all plans together, per period when the legacy
    file has periods) against the legacy one; missing on a side is a miss."""
    by_period = any(period is not None for _, period in legacy)
    computed: dict[tuple[str, str | None], Decimal] = {}
    for result in results:
        key = (result.participant, result.period if by_period else None)
        computed[key] = computed.get(key, Decimal(0)) + result.payout
    found: list[Reconciled] = []
    for key in sorted(set(computed) | set(legacy), key=lambda k: (k[0], k[1] or "")):
        ours, theirs = computed.get(key), legacy.get(key)
        difference = (ours or Decimal(0)) - (theirs or Decimal(0))
        within = ours is not None and theirs is not None and abs(difference) <= tolerance
        found.append(Reconciled(key[0], key[1], ours, theirs, difference, within))
    return found


@dataclass
class CalcFiles:
    """The data files of one ``icmkit calc`` run."""

    transactions: Path
    roster: Path | None = None
    quotas: Path | None = None
    legacy: Path | None = None
    scores: Path | None = None
    receipts: Path | None = None
    number_format: NumberFormat | None = None
    """As declared on the command line (None: the data sources' format, else strict)."""
    as_of: date | None = None
    """Compute as of this day (the periods after it are left out, its own is cut short)."""
    engine: Engine | None = None
    """Which input stage reads the transactions (default: the program's, DuckDB unless
    ``program.yaml`` says otherwise)."""


@dataclass
class CalcOutcome:
    results: list[PayoutResult]
    reconciled: list[Reconciled] | None
    several: bool
    """Whether the results span more than one plan or period (then rows name both)."""


@dataclass
class PlanData:
    """The data files read for one plan: what ``calculate_window`` computes it from."""

    transactions: TransactionSource
    quotas: Quotas | None
    scores: dict[tuple[str, str], dict[str, Decimal]] | None


def roster_for(program: Program, files: CalcFiles) -> Roster | None:
    """The roster of a run: ``files.roster``, else the program's participants.yaml."""
    if files.roster is not None:
        return read_roster(files.roster)
    if program.participants:
        return roster_of(program.participants)
    return None


def read_plan_data(
    program: Program,
    plans: Sequence[Plan],
    plan: Plan,
    files: CalcFiles,
    stage: Stage,
    read: dict[str, TransactionSource] | None = None,
) -> PlanData:
    """Read the files ``plan`` is computed from (one of ``plans``, computed together), the
    transactions with ``stage``.

    ``read``: transactions already read, by ``reading_key``; a plan that reads the file the
    same way takes them from there. Raises EngineError or InputFileError (bad rows)."""
    fmt = files.number_format or declared_format(plan, program.data_sources)
    several = len(plans) > 1
    key = reading_key(plan, fmt, several)
    known = read.get(key) if read is not None else None
    rows = (
        known
        if known is not None
        else stage.transactions(files.transactions, plan, fmt, only_known=several)
    )
    quotas = read_quotas(files.quotas, plans, fmt) if files.quotas is not None else None
    scores = read_scores(files.scores, fmt) if files.scores is not None else None
    if known is None:
        if files.receipts is not None:
            rows.with_receipts(read_receipts(files.receipts, fmt))
        if read is not None:
            read[key] = rows
    return PlanData(rows, quotas, scores)


def calculate_files(
    program: Program, plans: Sequence[Plan], period: str, files: CalcFiles, tolerance: Decimal
) -> CalcOutcome:
    """Read every file, then compute ``plans`` for the periods of ``period`` (a label or a
    range such as ``2027-01..2027-06``). Raises EngineError (what the inputs lack) or
    InputFileError (bad rows, nothing computed)."""
    calendar = Calendar.of(program.info.calendar if program.info is not None else None)
    window = calendar.parse(period).window
    roster = roster_for(program, files)
    if roster is None and len(plans) != 1:
        raise EngineError("several plans need a roster: give --roster or participants.yaml")
    results: list[PayoutResult] = []
    legacy = None
    engine = files.engine or Engine.of(program.engine)
    with engine.started() as stage:
        for plan in plans:
            data = read_plan_data(program, plans, plan, files, stage)
            if files.legacy is not None and legacy is None:
                fmt = files.number_format or declared_format(plan, program.data_sources)
                legacy = read_legacy(files.legacy, fmt)
            results += calculate_window(
                [plan],
                window,
                data.transactions,
                data.quotas,
                roster,
                calendar,
                data.scores,
                files.as_of,
            )
    results.sort(key=lambda r: (r.participant, r.plan, r.window_start or "", r.period))
    reconciled = reconcile(results, legacy, tolerance) if legacy is not None else None
    several = len({r.plan for r in results}) > 1 or len({r.period for r in results}) > 1
    return CalcOutcome(results, reconciled, several)
