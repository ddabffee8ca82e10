"""Compare a test case's expected values with the results the engine computed.

Every expected value is compared after rounding both sides to the plan's decimal places; each
difference is a mismatch that points at the expected value's own line. An expected result for
a participant, plan or period the run did not compute is a mismatch too, never skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from icmkit.engine.numbers import ZERO, money, percent, round_to
from icmkit.engine.result import PayoutResult
from icmkit.model.plans import Rounding
from icmkit.model.testing import Expected, ExpectedDeal, ExpectedResult


@dataclass(frozen=True)
class Mismatch:
    """One expected value that differs from the computed one (or has nothing to compare)."""

    what: str
    """``payout``, ``earnings``, ``components.<id>``, ``results[2].draw.balance``, ..."""
    path: tuple[str | int, ...]
    """Where the expected value is in the test case: ``("expect", "payout")``."""
    expected: Decimal
    computed: Decimal | None
    explanation: str
    shown_as: str = "money"
    """How the values are shown: ``money``, ``rate`` or ``count``."""

    def _show(self, value: Decimal) -> str:
        if self.shown_as == "rate":
            return percent(value)
        if self.shown_as == "count":
            return str(int(value))
        return money(value)

    def summary(self) -> str:
        if self.computed is None:
            return f"expected {self.what} {self._show(self.expected)}, {self.explanation}"
        return (
            f"expected {self.what} {self._show(self.expected)}, "
            f"computed {self._show(self.computed)}"
        )

    def describe(self) -> str:
        if self.computed is None:
            return self.summary()
        return f"{self.summary()} ({self.explanation})"


class Comparison:
    """Collects the mismatches of one test case."""

    def __init__(self, rounding: Rounding) -> None:
        self.rounding = rounding
        self.mismatches: list[Mismatch] = []

    def amount(
        self,
        what: str,
        path: tuple[str | int, ...],
        expected: Decimal,
        computed: Decimal,
        why: str,
    ) -> None:
        if round_to(expected, self.rounding) != round_to(computed, self.rounding):
            self.mismatches.append(Mismatch(what, path, expected, computed, why))

    def exact(
        self,
        what: str,
        path: tuple[str | int, ...],
        expected: Decimal,
        computed: Decimal | None,
        why: str,
        shown_as: str,
    ) -> None:
        if computed is None or expected != computed:
            self.mismatches.append(Mismatch(what, path, expected, computed, why, shown_as))

    def missing(
        self,
        what: str,
        path: tuple[str | int, ...],
        expected: Decimal,
        why: str,
        shown_as: str = "money",
    ) -> None:
        self.mismatches.append(Mismatch(what, path, expected, None, why, shown_as))


def _whole(result: PayoutResult) -> str:
    return " | ".join(result.explanation())


def compare_totals(
    comparison: Comparison, expect: Expected, results: Sequence[PayoutResult]
) -> None:
    """``payout``, ``earnings`` and ``components`` at the top of ``expect``: the result of a
    single-period test, or the totals over a multi-period test's periods."""
    if not results:
        for name, value in (("payout", expect.payout), ("earnings", expect.earnings)):
            if value is not None:
                comparison.missing(name, ("expect", name), value, "but nothing was computed")
        return
    why = " || ".join(_whole(r) for r in results)
    if expect.payout is not None:
        total = sum((r.payout for r in results), ZERO)
        comparison.amount("payout", ("expect", "payout"), expect.payout, total, why)
    if expect.earnings is not None:
        total = sum((r.earnings for r in results), ZERO)
        comparison.amount("earnings", ("expect", "earnings"), expect.earnings, total, why)
    for component_id, expected in expect.components.items():
        found = [c for r in results if (c := r.component(component_id)) is not None]
        if not found:
            continue  # an unknown component is reported by the reference checks
        total = sum((c.amount for c in found), ZERO)
        comparison.amount(
            f"components.{component_id}",
            ("expect", "components", component_id),
            expected,
            total,
            "; ".join(c.explanation() for c in found),
        )


def _deal(
    comparison: Comparison,
    result: PayoutResult,
    deal_id: str,
    expected: ExpectedDeal,
    at: tuple[str | int, ...],
    label: str,
) -> None:
    candidates = [
        (c, d)
        for c in result.components
        if expected.component is None or c.id == expected.component
        for d in c.deals
        if d.id == deal_id
    ]
    what = f"{label}.transactions.{deal_id}"
    values = (
        ("earned", expected.earned, "money"),
        ("rate", expected.rate, "rate"),
        ("tier", expected.tier, "count"),
    )
    if len(candidates) != 1:
        why = (
            f"but no component priced {deal_id} in {result.period}"
            if not candidates
            else f"but {deal_id} was priced by several components: name one with `component`"
        )
        for key, value, shown_as in values:
            if value is not None:
                comparison.missing(f"{what}.{key}", (*at, key), Decimal(value), why, shown_as)
        return
    component, deal = candidates[0]
    why = component.explanation()
    if expected.earned is not None:
        comparison.amount(f"{what}.earned", (*at, "earned"), expected.earned, deal.earned, why)
    if expected.rate is not None:
        comparison.exact(f"{what}.rate", (*at, "rate"), expected.rate, deal.rate, why, "rate")
    if expected.tier is not None:
        tier = Decimal(deal.tier) if deal.tier is not None else None
        comparison.exact(f"{what}.tier", (*at, "tier"), Decimal(expected.tier), tier, why, "count")


def _values(
    result: PayoutResult,
) -> list[tuple[str, Callable[[ExpectedResult], Decimal | None], Decimal]]:
    clawback = sum((a.amount for a in result.adjustments), ZERO)
    return [
        ("payout", lambda e: e.payout, result.payout),
        ("earnings", lambda e: e.earnings, result.earnings),
        ("clawback", lambda e: e.clawback, clawback),
        ("held", lambda e: e.held, result.held),
        ("target", lambda e: e.target, result.target if result.target is not None else ZERO),
    ]


def compare_result(
    comparison: Comparison,
    index: int,
    expected: ExpectedResult,
    result: PayoutResult | None,
    where: str,
) -> None:
    """One entry of ``expect.results`` against the result of its participant and period."""
    at: tuple[str | int, ...] = ("expect", "results", index)
    label = f"results[{index + 1}] ({where})"
    if result is None:
        why = f"but no result was computed for {where}"
        for name in ("payout", "earnings", "clawback", "held", "target"):
            value = getattr(expected, name)
            if value is not None:
                comparison.missing(f"{label}.{name}", (*at, name), value, why)
        return
    whole = _whole(result)
    for name, pick, computed in _values(result):
        value = pick(expected)
        if value is not None:
            comparison.amount(f"{label}.{name}", (*at, name), value, computed, whole)
    for component_id, value in expected.components.items():
        found = result.component(component_id)
        if found is None:
            continue  # reported by the reference checks
        comparison.amount(
            f"{label}.components.{component_id}",
            (*at, "components", component_id),
            value,
            found.amount,
            found.explanation(),
        )
    draw = expected.draw
    if draw is not None:
        for name, value, computed in (
            ("paid", draw.paid, result.draw_paid),
            ("recovered", draw.recovered, result.draw_recovered),
            ("balance", draw.balance, result.draw_balance),
        ):
            if value is not None:
                comparison.amount(
                    f"{label}.draw.{name}", (*at, "draw", name), value, computed, whole
                )
    for quota_id, value in expected.quota.items():
        computed_quota = result.quotas.get(quota_id)
        if computed_quota is None:
            comparison.missing(
                f"{label}.quota.{quota_id}",
                (*at, "quota", quota_id),
                value,
                f"but the plan has no quota `{quota_id}` in force",
            )
            continue
        comparison.amount(
            f"{label}.quota.{quota_id}", (*at, "quota", quota_id), value, computed_quota, whole
        )
    for deal_id, deal in expected.transactions.items():
        _deal(comparison, result, deal_id, deal, (*at, "transactions", deal_id), label)
