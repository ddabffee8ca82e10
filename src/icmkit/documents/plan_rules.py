"""The rules of a plan beyond its components, as sentences: crediting (splits, rollup),
adjustments (draw, clawback, proration) and payment (when, holds, limits, rounding)."""

from __future__ import annotations

from icmkit.documents.formatting import percent, series, words
from icmkit.documents.plan_words import PlanWords
from icmkit.model.plan_choices import DrawBasis, DrawEligibility, DrawStart, Release
from icmkit.model.plans import (
    ClawbackMethod,
    Draw,
    Excess,
    Frequency,
    OnTermination,
    RoundingMode,
    RoundingPoint,
    SplitKind,
)

ROUNDING_WORDS = {
    RoundingMode.HALF_UP: "halves rounded up",
    RoundingMode.HALF_EVEN: "halves rounded to the even digit",
    RoundingMode.DOWN: "rounded down",
    RoundingMode.UP: "rounded up",
}
ROUNDED_AT = {
    RoundingPoint.TRANSACTION: "on each deal's commission",
    RoundingPoint.COMPONENT: "for each part of your pay in each period",
    RoundingPoint.PAYOUT: "only on the final payment",
}


def crediting(w: PlanWords) -> list[str]:
    result = []
    splits = w.plan.crediting.splits
    if splits is not None:
        shares = ", ".join(percent(s) for s in splits.default_shares)
        standard = f" Standard shares: {shares}." if shares else ""
        if splits.kind is SplitKind.REVENUE:
            result.append(f"Split deals: the shares of one deal add up to 100%.{standard}")
        else:
            result.append(
                "Overlay credit: the shares of one deal may add up to more than 100% "
                f"(at most {percent(splits.max_total)}).{standard}"
            )
    rollup = w.plan.crediting.rollup
    if rollup is not None:
        levels = "one level" if rollup.levels == 1 else f"{rollup.levels} levels"
        text = f"Credit rolls up to managers, {levels} up."
        if rollup.include_roles:
            text += f" Roles included: {', '.join(rollup.include_roles)}."
        if rollup.exclude_roles:
            text += f" Roles left out: {', '.join(rollup.exclude_roles)}."
        result.append(text)
    return result


PLURALS = {"two weeks": "two-week periods", "half month": "half months", "half year": "half years"}
"""Plurals of the period nouns that do not just take an s."""
PERIOD_NOUNS = {
    Frequency.WEEKLY: "week",
    Frequency.BIWEEKLY: "two weeks",
    Frequency.SEMI_MONTHLY: "half month",
    Frequency.MONTHLY: "month",
    Frequency.QUARTERLY: "quarter",
    Frequency.SEMI_ANNUAL: "half year",
    Frequency.ANNUAL: "year",
}


def _draw(d: Draw, w: PlanWords) -> str:
    kind = "recoverable" if d.kind.value == "recoverable" else "non-recoverable"
    every = PERIOD_NOUNS[d.frequency or w.plan.payment.frequency]
    who = " for new hires" if d.eligible is DrawEligibility.NEW_HIRES else ""
    counted = d.counted_from or (
        DrawStart.HIRE_DATE if d.eligible is DrawEligibility.NEW_HIRES else DrawStart.PLAN_START
    )
    since = "from the hire date" if counted is DrawStart.HIRE_DATE else "from the plan's start"
    basis = (
        "paid on top of earnings" if d.basis is DrawBasis.ADVANCE else "that tops earnings up to it"
    )
    many = every if d.periods == 1 else PLURALS.get(every, f"{every}s")
    whom = (
        f"Only participants hired on or after the plan's start ({w.plan.effective.from_}) get "
        "it; others have no draw. "
        if d.eligible is DrawEligibility.NEW_HIRES
        else "Everyone on the plan gets it. "
    )
    text = (
        f"Draw{who}: a {kind} draw of {w.money(d.amount)} per {every}, {basis}, for the "
        f"first {d.periods} {many} counted {since}. {whom}"
    ).rstrip()
    if kind == "recoverable":
        r = d.recovery
        text += (
            " Recovery starts at once"
            if r.starts_after == 0
            else f" Recovery starts after {r.starts_after} payment periods"
        )
        if r.max_share_of_earnings is not None:
            text += f", taking at most {percent(r.max_share_of_earnings)} of earnings"
        if r.max_amount is not None:
            text += f", at most {w.money(r.max_amount)} a period"
        text += "."
        text += (
            " On leaving, an unrecovered balance is forgiven."
            if d.on_termination is OnTermination.FORGIVE
            else " On leaving, an unrecovered balance is recovered."
        )
    return text


def adjustments(w: PlanWords) -> list[str]:
    p = w.plan
    result = []
    if p.draw is not None:
        result.append(_draw(p.draw, w))
    if p.clawback is not None:
        cb = p.clawback
        how = (
            "in full"
            if cb.method is ClawbackMethod.FULL
            else "pro rata to the unserved part of the contract term"
        )
        result.append(
            f"Clawback: when a deal is cancelled within {cb.window_days} days, "
            f"{percent(cb.share)} of its commission is taken back {how}, at "
            f"{'the rate you were paid' if cb.rate.value == 'original' else 'the current rate'}; "
            "the cancellation "
            f"{'also reduces' if cb.reduces_attainment else 'does not reduce'} attainment."
        )
    if p.proration is not None:
        applies_to = p.proration.applies_to
        targets = series([words(t.value) for t in applies_to])
        verb = "is" if len(applies_to) == 1 else "are"
        result.append(
            f"Proration: when you join or leave during a period, {targets} {verb} prorated "
            f"by the {p.proration.unit.value} you were in the plan."
        )
    return result


def payment(w: PlanWords) -> list[str]:
    pay = w.plan.payment
    result = [f"You are paid {words(pay.frequency.value)}."]
    if pay.calculation is not None and pay.calculation is not pay.frequency:
        result.append(
            f"Earnings are calculated {words(pay.calculation.value)} and paid together at "
            "each payment."
        )
    if pay.release is Release.ON_CASH:
        result.append(
            "Commission on a deal is paid as the customer pays for it, in proportion to the "
            "cash received."
        )
    if pay.hold_days:
        result.append(f"Payment is held for {pay.hold_days} days after the period closes.")
    if pay.true_up:
        result.append("Each payment is what you earned to date minus what was paid to date.")
    if pay.min_per_period is not None:
        result.append(f"At least {w.money(pay.min_per_period)} is paid a period.")
    if pay.max_per_period is not None:
        excess = (
            "the excess is carried to later periods"
            if pay.excess is Excess.CARRY_FORWARD
            else "the excess is not paid"
        )
        result.append(f"At most {w.money(pay.max_per_period)} is paid a period; {excess}.")
    r = w.plan.rounding
    result.append(
        f"Amounts are rounded to {r.places} decimal places ({ROUNDING_WORDS[r.mode]}) "
        f"{ROUNDED_AT[r.at]}."
    )
    return result
