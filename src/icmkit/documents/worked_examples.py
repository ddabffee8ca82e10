"""Worked examples of a plan document: a test case's given inputs in the participant's words."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from icmkit.documents.formatting import day, number, percent
from icmkit.model.testing import Inputs


def table(columns: list[str], rows: list[list[str]]) -> dict[str, Any]:
    return {"columns": columns, "rows": rows}


def given_view(
    given: Inputs | None,
    money: Callable[[Decimal | None], str],
    measure: Callable[[str], str],
    first_measure: str,
) -> tuple[list[str], dict[str, Any] | None, dict[str, Any] | None]:
    """The facts of a worked example, its transactions table and its MBO scores table."""
    facts: list[str] = []
    transactions = None
    scores = None
    if given is not None:
        facts.append(f"Period: {given.period}.")
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
            facts.append(f"Quota {quota}: {money(amount)}.")
        if who.target_incentive is not None:
            facts.append(f"Target incentive: {money(who.target_incentive)}.")
        for member in given.team:
            facts.append(f"Team member {member.id}{', ' + member.role if member.role else ''}.")
        h = given.history
        for measure_id, amount in sorted(h.credit_to_date.items()):
            facts.append(f"Credit earlier in the year on {measure(measure_id)}: {number(amount)}.")
        for label, value in (
            ("Earned to date", h.earned_to_date),
            ("Paid to date", h.paid_to_date),
            ("Draw balance", h.draw_balance),
            ("Held back by a cap", h.cap_withheld),
        ):
            if value:
                facts.append(f"{label}: {money(value)}.")
        if h.periods_paid:
            facts.append(f"Periods already paid: {h.periods_paid}.")
        if given.transactions:
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
                        money(tx.amount),
                        measure(tx.measure) if tx.measure else measure(first_measure),
                        percent(tx.split),
                        "; ".join(details),
                    ]
                )
            transactions = table(
                ["Transaction", "Date", "Amount", "Measure", "Your share", "Details"], rows
            )
        if given.scores:
            scores = table(
                ["Objective", "Score"],
                [[k, percent(v)] for k, v in sorted(given.scores.items())],
            )
    return facts, transactions, scores
