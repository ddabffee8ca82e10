"""The edges of a model run's figures: a cap reached by a cent or at 0%, the extremes of a
distribution, a ratio on a whole of one, a participant who joins with nothing paid, and the
progress of the computing stage."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from icmkit.engine.batch import CalcFiles
from icmkit.engine.distribution import distribution
from icmkit.engine.model_impact import Change, compare
from icmkit.engine.model_summary import ratio, summarise
from icmkit.engine.modelling import ModelRun, Scenario, run_scenarios
from icmkit.loading.program_loader import load_working_tree
from icmkit.model.program_bundle import Program

D = Decimal
HISTORY = """\
participant,id,date,amount
P1,T1,2027-01-15,60000
P2,T2,2027-01-20,40000
P3,T3,2027-03-05,700000
P4,T4,2027-05-05,0
P5,T5,2027-06-10,1
"""
"""A year of deals on the minimal plan (monthly quota 50,000); P4's only deal is of 0, P5's
of 1."""
ROSTER = (
    "participants:\n"
    "  - {id: P1, name: Ana, role: AE}\n"
    "  - {id: P2, name: Bo, role: AE}\n"
    "  - {id: P3, name: Cy, role: AE}\n"
    "  - {id: P4, name: Di, role: AE}\n"
    "  - {id: P5, name: Ed, role: AE}\n"
)


def _program(folder: Path, plan_edit: str = "", roster: str | None = None) -> Program:
    if plan_edit:
        plan = folder / "plans" / "ae.yaml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(text.replace("      scope: period\n", plan_edit), encoding="utf-8")
    if roster is not None:
        (folder / "participants.yaml").write_text(roster, encoding="utf-8")
    return load_working_tree(folder, use_cache=False).program


def _run(folder: Path, *programs: Program) -> ModelRun:
    transactions = folder / "transactions.csv"
    transactions.write_text(HISTORY, encoding="utf-8")
    scenarios = [Scenario(f"v{n}", p, list(p.plans)) for n, p in enumerate(programs)]
    return run_scenarios(scenarios, CalcFiles(transactions), "2027")


def _at_cap(folder: Path, plan_edit: str) -> dict[str, list[str]]:
    found = _run(folder, _program(folder, plan_edit))
    summary = summarise(found.runs[0], found.window)
    return {line.participant: line.at_cap for line in summary.lines}


def test_a_payout_cap_that_removes_a_cent_is_reached(minimal_program: Path) -> None:
    """P1 earns 5,200.00 in January and P3 far more in March; P2 3,200.00."""
    at_cap = _at_cap(
        minimal_program, "      scope: period\n      cap: {amount: 5199.99, level: component}\n"
    )
    assert at_cap == {
        "P1": ["commission: payout cap"],
        "P2": [],
        "P3": ["commission: payout cap"],
        "P4": [],
        "P5": [],
    }


@pytest.mark.parametrize(
    ("scope", "level"), [("period", "component"), ("to_date", "year")], ids=["period", "to_date"]
)
def test_an_attainment_cap_of_zero_is_reached_by_any_credit(
    minimal_program: Path, scope: str, level: str
) -> None:
    """A 0% cap pays nothing on any credit: everyone with credit is at it, even P5 with 1 of
    it; P4, whose only deal is of 0, is not."""
    at_cap = _at_cap(
        minimal_program,
        f"      scope: {scope}\n      quota: q-arr\n      cap: {{attainment: 0, level: {level}}}\n",
    )
    reached = ["commission: attainment cap 0%"]
    assert at_cap == {"P1": reached, "P2": reached, "P3": reached, "P4": [], "P5": reached}


def test_an_attainment_cap_is_reached_by_credit_exactly_at_it(minimal_program: Path) -> None:
    """120% of the 50,000 monthly quota: P1's 60,000 in January is exactly at the cap."""
    at_cap = _at_cap(
        minimal_program,
        "      scope: period\n      quota: q-arr\n      cap: {attainment: 1.2, level: component}\n",
    )
    reached = ["commission: attainment cap 120%"]
    assert at_cap == {"P1": reached, "P2": [], "P3": reached, "P4": [], "P5": []}


def test_an_attainment_cap_to_date_is_reached_by_credit_exactly_at_it(
    minimal_program: Path,
) -> None:
    """10% of the 600,000 annual quota over the year: P1's 60,000 is exactly at the cap."""
    at_cap = _at_cap(
        minimal_program,
        "      scope: to_date\n      quota: q-arr\n      cap: {attainment: 0.1, level: year}\n",
    )
    reached = ["commission: attainment cap 10%"]
    assert at_cap == {"P1": reached, "P2": [], "P3": reached, "P4": [], "P5": []}


def test_the_highest_and_lowest_values_of_a_distribution() -> None:
    found = distribution([D("1.2"), D("0.3"), D("2.5"), D("0.9")])
    assert found is not None
    assert (found.low, found.high, found.count) == (D("0.3"), D("2.5"), 4)


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (D("0.50"), D(1), D("0.5")),
        (D(1), D("0.5"), D(2)),
        (D(1), D(0), None),
        (D(1), D(-1), None),
        (D(1), None, None),
    ],
)
def test_a_ratio_needs_a_positive_whole(
    part: Decimal, whole: Decimal | None, expected: Decimal | None
) -> None:
    assert ratio(part, whole) == expected


def test_a_payout_of_one_doubling_is_a_change_of_100_percent() -> None:
    assert Change("P1", D("1.00"), D("2.00")).relative == 1


def test_a_participant_who_joins_paid_nothing_neither_wins_nor_loses(
    tmp_path: Path, minimal_program: Path
) -> None:
    """The head roster adds P9, on the plan but with no deals: P9 is listed as a change (on
    one side only) but is neither a winner nor a loser."""
    base = _program(minimal_program, roster=ROSTER)
    head = _program(minimal_program, roster=ROSTER + "  - {id: P9, name: Flo, role: AE}\n")
    found = _run(minimal_program, base, head)
    impact = compare(*(summarise(run, found.window) for run in found.runs))
    assert [(p.key, p.base, p.head) for p in impact.participants] == [("P9", None, D("0.00"))]
    assert impact.winners == []
    assert impact.losers == []
    assert impact.unchanged == 5


class _Recorded:
    """A progress display that keeps what it was told."""

    def __init__(self) -> None:
        self.stages: list[tuple[str, int | None]] = []
        self.advanced: dict[str, int] = {}

    def stage(self, text: str, total: int | None = None) -> None:
        self.stages.append((text, total))
        self.advanced.setdefault(text, 0)

    def advance(self) -> None:
        self.advanced[self.stages[-1][0]] += 1


@pytest.mark.parametrize("versions", [1, 2])
def test_the_computing_stage_counts_every_seat_of_every_version(
    minimal_program: Path, versions: int
) -> None:
    """Five participants in each version (a second, equal one reused): each seat advances the
    bar once, so it ends full."""
    transactions = minimal_program / "transactions.csv"
    transactions.write_text(HISTORY, encoding="utf-8")
    program = _program(minimal_program)
    shown = _Recorded()
    run_scenarios(
        [Scenario(f"v{n}", program, list(program.plans)) for n in range(versions)],
        CalcFiles(transactions),
        "2027",
        shown,
    )
    assert shown.stages[-1] == ("computing", 5 * versions)
    assert shown.advanced["computing"] == 5 * versions
