"""What a participant's plan carries from one calculation period to the next.

A single-period test case types it in as its ``history``; a run over several periods builds
it: each period starts from the state the period before left.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from icmkit.model.testing import History

ZERO = Decimal(0)
ANY = "*"
"""The component key of amounts a test case's history gives for the plan as a whole."""


@dataclass(frozen=True)
class Held:
    """Money due but not yet paid: released in the period holding ``release``."""

    release: date
    amount: Decimal
    what: str


@dataclass
class State:
    credit_to_date: dict[str, Decimal] | None = None
    """Credit earlier in the to-date window by measure, as a history gives it; None in a run,
    where it is summed from the deals themselves."""
    earned_to_date: Decimal = ZERO
    """Earnings earlier in the plan year, all components and adjustments."""
    paid_to_date: Decimal = ZERO
    """Commission settled earlier in the plan year (for true-ups)."""
    component_earned: dict[str, Decimal] = field(default_factory=dict)
    """Each component's earnings earlier in the plan year (for yearly caps)."""
    draw_balance: Decimal = ZERO
    draw_periods_paid: int = 0
    """Draw (or, in a history, payment) periods already paid."""
    payments_settled: int = 0
    """Payment dates settled on this plan (recovery starts after ``starts_after`` of them)."""
    cap_withheld: dict[str, Decimal] = field(default_factory=dict)
    """Earnings a refundable cap holds back, by component (``*``: a history's total)."""
    gate_withheld: dict[str, Decimal] = field(default_factory=dict)
    spiff_events: dict[tuple[str, date | None], int] = field(default_factory=dict)
    """SPIFF events paid per component and limit window (None: a history's current window)."""
    first_deals: dict[tuple[str, str], int] = field(default_factory=dict)
    """Deals a ``first_deals`` multiplier has counted, per component and multiplier."""
    paid_per_deal: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    """Commission paid per component and deal (``*`` as the component: a history's figure)."""
    unpaid: Decimal = ZERO
    """Earnings of calculation periods since the last payment, not yet paid."""
    advanced: Decimal = ZERO
    """Draws paid since the last payment date, to settle against commission."""
    carried_forward: Decimal = ZERO
    held: list[Held] = field(default_factory=list)
    on_cash: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    """Commission earned on a deal under ``release: on_cash``, per component and deal."""
    cash_released: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    """What of it the customer's cash has released so far."""
    year: date | None = None
    """The first day of the plan year the year-to-date figures belong to."""
    opening_credit: dict[str, Decimal] = field(default_factory=dict)
    """In a run that starts from a typed history: credit by measure before ``opening_date``
    that no deal of the run shows."""
    opening_date: date | None = None
    to_date_sums: dict[tuple[object, ...], tuple[date, Decimal]] = field(default_factory=dict)
    """Credit summed so far per measure, to-date window and selection, and up to which day
    (each period adds only its own days)."""

    @classmethod
    def from_history(cls, history: History) -> State:
        return cls(
            credit_to_date=dict(history.credit_to_date),
            earned_to_date=history.earned_to_date,
            paid_to_date=history.paid_to_date,
            draw_balance=history.draw_balance,
            draw_periods_paid=history.periods_paid,
            payments_settled=history.periods_paid,
            cap_withheld={ANY: history.cap_withheld} if history.cap_withheld else {},
            spiff_events={(k, None): v for k, v in history.spiff_events.items()},
            paid_per_deal={(ANY, k): v for k, v in history.commission_paid.items()},
        )

    def new_year(self, start: date) -> None:
        """Start a new plan year: year-to-date figures go back to zero."""
        self.year = start
        self.opening_credit = {}
        self.earned_to_date = ZERO
        self.paid_to_date = ZERO
        self.component_earned = {}
        self.first_deals = {}
