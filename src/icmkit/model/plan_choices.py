"""The fixed choices a plan's keys offer: every enumeration of the plan format."""

from __future__ import annotations

from enum import StrEnum


class Scope(StrEnum):
    """What amount a rate table is applied to: the same table pays differently per scope."""

    TRANSACTION = "transaction"
    PERIOD = "period"
    TO_DATE = "to_date"


class TierMethod(StrEnum):
    MARGINAL = "marginal"
    """Each slice of the amount is paid at its own tier's rate."""
    RETROACTIVE = "retroactive"
    """The whole amount is paid at the rate of the highest tier reached."""


class Axis(StrEnum):
    AMOUNT = "amount"
    """Tier bounds are amounts of the measure."""
    ATTAINMENT = "attainment"
    """Tier bounds are fractions of quota (``1.0`` = 100%)."""


class Frequency(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    SEMI_MONTHLY = "semi_monthly"
    """The 1st to the 15th, and the 16th to the month's last day."""
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMI_ANNUAL = "semi_annual"
    ANNUAL = "annual"


FREQUENCY_WORDS = ", ".join(f"`{f.value}`" for f in list(Frequency)[:-1]) + (
    f" or `{Frequency.ANNUAL.value}`"
)
"""The frequencies as a sentence lists them, for descriptions."""


class RoundingMode(StrEnum):
    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    DOWN = "down"
    UP = "up"


class RoundingPoint(StrEnum):
    TRANSACTION = "transaction"
    COMPONENT = "component"
    PAYOUT = "payout"


class CreditDate(StrEnum):
    BOOKED = "booked"
    INVOICED = "invoiced"
    PAID = "paid"


class CapLevel(StrEnum):
    DEAL = "deal"
    COMPONENT = "component"
    PERIOD = "period"
    YEAR = "year"
    PLAN = "plan"


class CapKind(StrEnum):
    HARD = "hard"
    """Earnings above the cap are never paid."""
    REFUNDABLE = "refundable"
    """Earnings above the cap are withheld and released when later periods leave room."""


class ThresholdPay(StrEnum):
    FROM_FIRST_DOLLAR = "from_first_dollar"
    ON_EXCESS = "on_excess"


class GateMiss(StrEnum):
    FORFEIT = "forfeit"
    WITHHOLD = "withhold"


class Interpolation(StrEnum):
    LINEAR = "linear"
    STEP = "step"


class AboveLast(StrEnum):
    CAP = "cap"
    EXTEND = "extend"


class OverrideBasis(StrEnum):
    TEAM_CREDIT = "team_credit"
    TEAM_EARNINGS = "team_earnings"


class SplitKind(StrEnum):
    REVENUE = "revenue"
    """Shares of one deal add up to exactly 100%."""
    OVERLAY = "overlay"
    """Overlay credit: shares may add up to more than 100% (up to ``max_total``)."""


class DrawKind(StrEnum):
    RECOVERABLE = "recoverable"
    NON_RECOVERABLE = "non_recoverable"


class DrawBasis(StrEnum):
    GUARANTEE = "guarantee"
    """Tops earnings up to the draw: paid = max(earnings, draw)."""
    ADVANCE = "advance"
    """Paid in addition to earnings: paid = earnings + draw."""


class DrawEligibility(StrEnum):
    EVERYONE = "everyone"
    NEW_HIRES = "new_hires"
    """Only participants hired while the plan is in effect."""


class DrawStart(StrEnum):
    PLAN_START = "plan_start"
    HIRE_DATE = "hire_date"


class RecoveryBase(StrEnum):
    EARNINGS = "earnings"
    """While the draw runs, from earnings above the draw; after it, from all earnings."""
    ABOVE_DRAW = "above_draw"
    """Only ever from earnings above the draw amount."""


class Release(StrEnum):
    EARNED = "earned"
    """Commission is payable when it is earned."""
    ON_CASH = "on_cash"
    """Commission on a deal is released as the customer pays for it."""


class OnTermination(StrEnum):
    FORGIVE = "forgive"
    RECOVER = "recover"


class ClawbackMethod(StrEnum):
    FULL = "full"
    PRO_RATA = "pro_rata"
    """By the unserved share of the contract term."""


class ClawbackRate(StrEnum):
    ORIGINAL = "original"
    CURRENT = "current"


class ProrationUnit(StrEnum):
    DAYS = "days"
    MONTHS = "months"


class ProrationTarget(StrEnum):
    QUOTA = "quota"
    TARGET_INCENTIVE = "target_incentive"
    CAP = "cap"
    THRESHOLD = "threshold"
    DRAW = "draw"


class Excess(StrEnum):
    FORFEIT = "forfeit"
    CARRY_FORWARD = "carry_forward"
