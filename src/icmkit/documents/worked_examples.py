"""Worked examples of a plan document: the plan's own test cases, in the participant's words
(the given facts and transactions, and the payout they must produce)."""

from __future__ import annotations

from dataclasses import dataclass

from icmkit.documents.addresses import natural_key
from icmkit.documents.formatting import day, number, percent, words
from icmkit.documents.plan_words import PlanWords
from icmkit.documents.view_blocks import Table, View
from icmkit.model.program_bundle import Program
from icmkit.model.testing import Inputs, TestCase


@dataclass(frozen=True, slots=True)
class ExampleView(View):
    id: str
    anchor: str
    title: str
    facts: list[str]
    transactions: Table | None
    scores: Table | None
    """The MBO scores given."""
    results: Table | None
    """Expected results by period and participant, for a test over several periods."""
    outcome: list[str]
    """Expected earnings by component, and in total."""
    payout: str
    notes: str
    status: str


def _roster_facts(given: Inputs) -> list[str]:
    facts = [f"Periods: {given.periods}, each calculated in turn."]
    if given.as_of is not None:
        facts.append(f"Calculated as of {day(given.as_of)}.")
    if given.roster:
        facts.append("Participants: the program's roster.")
    for entry in given.participants:
        line = f"Participant {entry.id}"
        if entry.role:
            line += f", role {entry.role}"
        if entry.hire_date:
            line += f", hired {day(entry.hire_date)}"
        if entry.leave_date:
            line += f", leaving {day(entry.leave_date)}"
        if entry.manager:
            line += f", reporting to {entry.manager}"
        for spell in entry.managers:
            until = f" to {day(spell.to)}" if spell.to else ""
            line += f", reporting to {spell.manager} from {day(spell.from_)}{until}"
        for assignment in entry.assignments:
            start = f" from {day(assignment.from_)}" if assignment.from_ else ""
            until = f" to {day(assignment.to)}" if assignment.to else ""
            line += f", on {assignment.plan}{start}{until}"
        facts.append(line + ".")
    return facts


def _facts(given: Inputs, w: PlanWords) -> list[str]:
    if given.periods is not None:
        facts = _roster_facts(given)
        if given.participants or given.roster:
            return facts
    else:
        facts = [f"Period: {given.period}."]
    who = given.participant
    line = f"Participant {who.id}"
    if who.role:
        line += f", role {who.role}"
    if who.hire_date:
        line += f", hired {day(who.hire_date)}"
    if who.leave_date:
        line += f", leaving {day(who.leave_date)}"
    facts.append(line + ".")
    for quota, amount in sorted(who.quotas.items()):
        facts.append(f"{w.quota_name(quota)}: {w.money(amount)}.")
    if who.target_incentive is not None:
        facts.append(f"Target incentive: {w.money(who.target_incentive)}.")
    for member in given.team:
        facts.append(f"Team member {member.id}{', ' + member.role if member.role else ''}.")
    h = given.history
    for measure_id, amount in sorted(h.credit_to_date.items()):
        facts.append(f"Credit earlier in the year on {w.measure(measure_id)}: {number(amount)}.")
    for label, value in (
        ("Earned to date", h.earned_to_date),
        ("Paid to date", h.paid_to_date),
        ("Draw balance", h.draw_balance),
        ("Held back by a cap", h.cap_withheld),
    ):
        if value:
            facts.append(f"{label}: {w.money(value)}.")
    if h.periods_paid:
        facts.append(f"Periods already paid: {h.periods_paid}.")
    return facts


def _transactions(given: Inputs, w: PlanWords) -> Table | None:
    if not given.transactions:
        return None
    first_measure = w.plan.measures[0].id
    rows = []
    for tx in given.transactions:
        details = [f"{k} = {v}" for k, v in sorted(tx.attributes.items())]
        if tx.participant:
            details.append(f"credited to {tx.participant}")
        if tx.cancelled_on:
            details.append(f"cancelled {day(tx.cancelled_on)}")
        if tx.term_months:
            details.append(f"term {tx.term_months} months")
        rows.append(
            [
                tx.id,
                day(tx.date),
                w.money(tx.amount),
                w.measure(tx.measure) if tx.measure else w.measure(first_measure),
                percent(tx.split),
                "; ".join(details),
            ]
        )
    return Table(["Transaction", "Date", "Amount", "Measure", "Your share", "Details"], rows)


def _results(t: TestCase, w: PlanWords) -> Table | None:
    if t.expect is None or not t.expect.results or t.given is None:
        return None
    me = t.given.participant.id
    rows = []
    for result in t.expect.results:
        rows.append(
            [
                result.period,
                result.participant or me,
                w.money(result.earnings) if result.earnings is not None else "",
                w.money(result.payout) if result.payout is not None else "",
            ]
        )
    return Table(["Period", "Participant", "Earnings", "Payout"], rows)


def _scores(given: Inputs) -> Table | None:
    if not given.scores:
        return None
    return Table(["Objective", "Score"], [[k, percent(v)] for k, v in sorted(given.scores.items())])


def example(t: TestCase, w: PlanWords) -> ExampleView:
    outcome: list[str] = []
    payout = ""
    notes = t.expected_result or ""
    given = t.given
    over_time = given is not None and given.periods is not None
    if t.expect is not None:
        total = f" for {given.participant.id} over the periods" if given and over_time else ""
        for comp, amount in t.expect.components.items():
            outcome.append(f"{w.components.get(comp, comp)}{total}: {w.money(amount)}")
        if t.expect.earnings is not None:
            outcome.append(f"Earnings{total}: {w.money(t.expect.earnings)}")
        if t.expect.payout is not None and over_time:
            outcome.append(f"Payout{total}: {w.money(t.expect.payout)}")
        elif t.expect.payout is not None:
            payout = w.money(t.expect.payout)
        if t.expect.notes:
            notes = t.expect.notes
    return ExampleView(
        id=t.id,
        anchor=w.anchors("example", t.id),
        title=t.title,
        facts=_facts(given, w) if given is not None else [],
        transactions=_transactions(given, w) if given is not None else None,
        scores=_scores(given) if given is not None else None,
        results=_results(t, w),
        outcome=outcome,
        payout=payout,
        notes=notes,
        status=words(t.status.value),
    )


def examples(program: Program, w: PlanWords) -> list[ExampleView]:
    """The plan's test cases that give inputs or expect results, in id order."""
    cases = [
        t
        for t in program.test_cases
        if t.plan == w.plan.id and (t.given is not None or t.expect is not None)
    ]
    return [example(t, w) for t in sorted(cases, key=lambda t: natural_key(t.id))]
