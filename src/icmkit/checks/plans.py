"""PLN001-PLN008: plan rules an engine could not compute, or would compute wrongly."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.base import Item
from icmkit.model.findings import Severity
from icmkit.model.plan_versions import every_version
from icmkit.model.plans import (
    AcceleratedComponent,
    AnyComponent,
    Axis,
    Band,
    Condition,
    Effective,
    MboComponent,
    Plan,
    SpiffComponent,
    SplitKind,
    Tier,
    TieredComponent,
)
from icmkit.model.positions import Where
from icmkit.model.program_bundle import Program

ONE = Decimal(1)
ZERO = Decimal(0)


def number(value: Decimal) -> str:
    """A decimal as the user would write it: no exponent, no trailing zeros."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _total(values: Sequence[Decimal]) -> Decimal:
    return sum(values, ZERO)


def _components(program: Program) -> Iterator[tuple[Plan, AnyComponent]]:
    for plan in every_version(program.plans):
        for component in plan.components:
            yield plan, component


def _describe(plan: Plan, component: AnyComponent) -> str:
    return f"component `{component.id}` of plan `{plan.id}`"


def _ranges(items: Sequence[Tier | Band], noun: str, owner: str) -> Iterator[Hit]:
    """Half-open ranges must ascend with no gap or overlap; only the last may be open."""
    for index, current in enumerate(items):
        n = index + 1
        if current.to is not None and current.to <= current.from_:
            yield hit(
                f"{noun} {n} of {owner} runs from {number(current.from_)} to "
                f"{number(current.to)}; its `to` must be above its `from`",
                current.where,
                "to",
            )
        if index == 0:
            continue
        previous = items[index - 1]
        if previous.to is None:
            yield hit(
                f"{noun} {index} of {owner} has no `to` but {noun} {n} follows it; only the "
                f"last {noun} may be open-ended: give {noun} {index} `to: "
                f"{number(current.from_)}`",
                previous.where,
            )
        elif current.from_ <= previous.from_:
            yield hit(
                f"{noun} {n} of {owner} starts at {number(current.from_)}, not above {noun} "
                f"{index} ({number(previous.from_)}); list {noun}s in ascending order",
                current.where,
                "from",
            )
        elif current.from_ < previous.to:
            yield hit(
                f"{noun} {n} of {owner} starts at {number(current.from_)} but {noun} {index} "
                f"ends at {number(previous.to)}: they overlap; make `from` equal the previous "
                f"{noun}'s `to`",
                current.where,
                "from",
            )
        elif current.from_ > previous.to:
            yield hit(
                f"{noun} {n} of {owner} starts at {number(current.from_)} but {noun} {index} "
                f"ends at {number(previous.to)}: values in between fall in no {noun}; make "
                f"`from` equal the previous {noun}'s `to`",
                current.where,
                "from",
            )


@rule(
    "PLN001",
    Severity.ERROR,
    "tiers, bands or curve points out of order, overlapping, gapped or open too early",
)
def ranges_in_order(program: Program) -> Iterator[Hit]:
    for plan, component in _components(program):
        owner = _describe(plan, component)
        if isinstance(component, TieredComponent):
            yield from _ranges(component.tiers, "tier", owner)
        elif isinstance(component, AcceleratedComponent):
            yield from _ranges(component.bands, "band", owner)
        curve = getattr(component, "curve", [])
        for index in range(1, len(curve)):
            point, previous = curve[index], curve[index - 1]
            if point.attainment <= previous.attainment:
                yield hit(
                    f"curve point {index + 1} of {owner} is at attainment "
                    f"{number(point.attainment)}, not above point {index} "
                    f"({number(previous.attainment)}); list curve points in ascending order "
                    "of attainment, each attainment once",
                    point.where,
                    "attainment",
                )


_NOT_AMOUNTS: dict[type[Item], set[str]] = {
    Tier: {"from_", "to"},
    Band: {"from_", "to"},
}
"""Fields that are bounds, not rates or amounts (they may be below zero)."""


def _negatives(item: Item, plan_id: str) -> Iterator[Hit]:
    if isinstance(item, Condition | Effective):
        return
    skipped = _NOT_AMOUNTS.get(type(item), set())
    for name, info in type(item).model_fields.items():
        if name in skipped:
            continue
        value = getattr(item, name)
        key = info.alias or name
        if isinstance(value, Decimal) and value < 0:
            yield hit(
                f"`{key}` is {number(value)} in plan `{plan_id}`; rates, multipliers, amounts, "
                "caps and thresholds cannot be negative: use zero or a positive number",
                item.where,
                key,
            )
        elif isinstance(value, Item):
            yield from _negatives(value, plan_id)
        elif isinstance(value, list):
            for index, element in enumerate(value):
                if isinstance(element, Item):
                    yield from _negatives(element, plan_id)
                elif isinstance(element, Decimal) and element < 0:
                    yield hit(
                        f"`{key}` entry {index + 1} is {number(element)} in plan `{plan_id}`; "
                        "it cannot be negative: use zero or a positive number",
                        item.where,
                        key,
                        index,
                    )


@rule("PLN002", Severity.ERROR, "negative rate, multiplier, amount, cap or threshold")
def negative_values(program: Program) -> Iterator[Hit]:
    for plan in every_version(program.plans):
        yield from _negatives(plan, plan.id)


@rule("PLN003", Severity.ERROR, "split shares do not add up")
def split_shares(program: Program) -> Iterator[Hit]:
    for plan in every_version(program.plans):
        splits = plan.crediting.splits
        if splits is None or not splits.default_shares:
            continue
        total = _total(splits.default_shares)
        if splits.kind is SplitKind.REVENUE and total != ONE:
            yield hit(
                f"revenue split shares of plan `{plan.id}` add up to {number(total)}, not 1; "
                "make them add up to 1 (100%), or use `kind: overlay` for overlay credit",
                splits.where,
                "default_shares",
            )
        elif splits.kind is SplitKind.OVERLAY and total > splits.max_total:
            yield hit(
                f"overlay split shares of plan `{plan.id}` add up to {number(total)}, more than "
                f"`max_total` {number(splits.max_total)}; lower the shares or raise `max_total`",
                splits.where,
                "default_shares",
            )


def _window(window: Effective, what: str, plan: Plan, inside: Effective | None) -> Iterator[Hit]:
    """A window must end after it starts and, when ``inside`` is given, lie within it."""
    if window.to is not None and window.from_ >= window.to:
        yield hit(
            f"{what} runs from {window.from_} to {window.to}; `to` must be after `from` "
            "(the window is [from, to))",
            window.where,
            "to",
        )
        return
    if inside is None:
        return
    plan_span = _span(inside)
    if window.from_ < inside.from_:
        yield hit(
            f"{what} starts on {window.from_}, before plan `{plan.id}` starts "
            f"({inside.from_}); keep it inside the plan's effective window {plan_span}",
            window.where,
            "from",
        )
    elif inside.to is not None and window.from_ >= inside.to:
        yield hit(
            f"{what} starts on {window.from_}, after plan `{plan.id}` ends ({inside.to}); "
            f"keep it inside the plan's effective window {plan_span}",
            window.where,
            "from",
        )
    if inside.to is None:
        return
    if window.to is None:
        yield hit(
            f"{what} has no end but plan `{plan.id}` ends on {inside.to}; give it "
            f"`to: {inside.to}` or earlier",
            window.where,
        )
    elif window.to > inside.to:
        yield hit(
            f"{what} ends on {window.to}, after plan `{plan.id}` ends ({inside.to}); keep "
            f"it inside the plan's effective window {plan_span}",
            window.where,
            "to",
        )


def _span(effective: Effective) -> str:
    end: date | str = effective.to if effective.to is not None else "open-ended"
    return f"[{effective.from_}, {end})"


@rule("PLN004", Severity.ERROR, "effective dates out of order or outside the plan's")
def effective_dates(program: Program) -> Iterator[Hit]:
    for plan in every_version(program.plans):
        yield from _window(plan.effective, f"plan `{plan.id}`", plan, None)
        plan_ok = plan.effective.to is None or plan.effective.from_ < plan.effective.to
        inside = plan.effective if plan_ok else None
        for component in plan.components:
            owner = _describe(plan, component)
            if component.effective is not None:
                yield from _window(component.effective, owner, plan, inside)
            if isinstance(component, SpiffComponent):
                yield from _window(component.window, f"the window of {owner}", plan, inside)


def _quota_missing(component: AnyComponent, needs: str, where: Where, *path: str) -> Hit:
    if "quota" in type(component).model_fields:
        advice = "add `quota:` with the id of one of the plan's quotas"
    else:
        advice = f"{component.kind} components have no quota: remove it"
    return hit(f"{needs} of component `{component.id}` needs a quota; {advice}", where, *path)


@rule("PLN005", Severity.ERROR, "rule that needs a quota has none")
def quota_needed(program: Program) -> Iterator[Hit]:
    for _, component in _components(program):
        if getattr(component, "quota", None) is not None:
            continue
        if isinstance(component, TieredComponent) and component.axis is Axis.ATTAINMENT:
            yield _quota_missing(component, "the attainment axis", component.where)
        if component.threshold is not None and component.threshold.attainment is not None:
            yield _quota_missing(component, "the threshold", component.where, "threshold")
        if component.cap is not None and component.cap.attainment is not None:
            yield _quota_missing(component, "the attainment cap", component.cap.where, "attainment")


@rule("PLN006", Severity.ERROR, "MBO objective weights do not add up to 1")
def mbo_weights(program: Program) -> Iterator[Hit]:
    for plan, component in _components(program):
        if not isinstance(component, MboComponent):
            continue
        total = _total([o.weight for o in component.objectives])
        if total != ONE:
            yield hit(
                f"objective weights of {_describe(plan, component)} add up to {number(total)}, "
                "not 1; adjust the `weight`s so they add up to 1 (100%)",
                component.where,
                "objectives",
                key=True,
            )


@rule("PLN007", Severity.ERROR, "quota seasonality shares do not add up to 1")
def seasonality(program: Program) -> Iterator[Hit]:
    for plan in every_version(program.plans):
        for quota in plan.quotas:
            if not quota.seasonality:
                continue
            total = _total(quota.seasonality)
            if total != ONE:
                yield hit(
                    f"seasonality of quota `{quota.id}` of plan `{plan.id}` adds up to "
                    f"{number(total)}, not 1; adjust the shares so they add up to 1 (100%)",
                    quota.where,
                    "seasonality",
                    key=True,
                )


@rule("PLN008", Severity.WARNING, "cap without a limit")
def empty_cap(program: Program) -> Iterator[Hit]:
    for plan, component in _components(program):
        cap = component.cap
        if cap is None:
            continue
        if cap.amount is None and cap.attainment is None and cap.multiple_of_target is None:
            yield hit(
                f"the cap of {_describe(plan, component)} sets no limit; give it `amount`, "
                "`attainment` or `multiple_of_target`, or remove it",
                component.where,
                "cap",
            )


RULES: tuple[Rule, ...] = (
    ranges_in_order,
    negative_values,
    split_shares,
    effective_dates,
    quota_needed,
    mbo_weights,
    seasonality,
    empty_cap,
)
