"""SHP001-SHP004: the shape of each plan, swept from 0% to 300% attainment with the engine.

Each commission component's payout (``plan_shape``) is sampled every ``step`` of attainment
up to ``sweep_to``; the thresholds are the program's ``check: {plan_shape: ...}`` settings:

- SHP001 a cliff: across one step the payout drops, or jumps by more than ``cliff_share`` of
  the target incentive;
- SHP002 a non-monotone segment: the payout falls, gradually, as attainment rises;
- SHP003 uncapped exposure: at ``sweep_to`` the payout is above ``max_multiple`` × target and
  still rising;
- SHP004 a gap or an overlap between the rate tables of two components on the same quota
  (one component's tiers end where no other's start, or start before the other's end). The
  tiers of one component are PLN001's.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.engine.case_setup import calendar_of
from icmkit.engine.plan_shape import Shape, shapes_of
from icmkit.model.findings import Severity
from icmkit.model.plan_versions import VersionInForce, versions_of
from icmkit.model.program import PlanShapeSettings
from icmkit.model.program_bundle import Program

TOLERANCE = Decimal("0.005")
"""Changes smaller than half a cent are rounding, not shape."""
BISECTIONS = 40


def _pct(value: Decimal) -> str:
    scaled = (value * 100).quantize(Decimal("0.01")).normalize()
    return f"{scaled:f}%"


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):,}"


@dataclass
class _Swept:
    """The shapes of the program checked last, so that the four rules, run one after the
    other on the same program, build them once. A program is the same when it is the same
    object with the same plan and roster objects."""

    program: Program | None = None
    key: tuple[int, ...] = ()
    shapes: tuple[Shape, ...] = ()
    named: dict[int, VersionInForce] = field(default_factory=dict)
    """The later version a shape belongs to (by ``id`` of the shape), where the version
    itself changes the component, its measures, quotas or target: findings name it."""


_SHAPE_KEYS = frozenset({"measures", "quotas", "target_incentive"})
"""The keys of a version that change the shape of components it does not list."""


_LAST = _Swept()


def _shapes(program: Program) -> tuple[Shape, ...]:
    key = (id(program.participants), *map(id, program.plans), *map(id, program.participants))
    if _LAST.program is not program or _LAST.key != key:
        calendar = calendar_of(program)
        shapes: list[Shape] = []
        named: dict[int, VersionInForce] = {}
        for plan in program.plans:
            for version in versions_of(plan):
                change = version.change
                listed = {c.id for c in change.components} if change is not None else set()
                for shape in shapes_of(version.plan, program.participants, calendar):
                    shapes.append(shape)
                    if change is not None and (
                        shape.component.id in listed or change.model_fields_set & _SHAPE_KEYS
                    ):
                        named[id(shape)] = version
        _LAST.shapes, _LAST.named = tuple(shapes), named
        _LAST.program, _LAST.key = program, key
    return _LAST.shapes


@dataclass(frozen=True)
class Step:
    """The payout at both ends of one step of attainment; ``piece``: the straight stretch
    between two breaks the step stands for (None for a step holding a break)."""

    low: Decimal
    high: Decimal
    before: Decimal
    after: Decimal
    piece: tuple[Decimal, Decimal] | None = None

    @property
    def change(self) -> Decimal:
        return self.after - self.before


def _steps(shape: Shape, settings: PlanShapeSettings) -> list[Step]:
    """The steps of the sweep whose change can differ: each step holding a break, and one
    step inside each straight stretch between breaks (every step there changes the same)."""
    step, top = settings.step, settings.sweep_to
    breaks = [b for b in shape.breaks if 0 < b <= top]
    found: dict[Decimal, tuple[Decimal, Decimal] | None] = {}
    for point in breaks:
        index = point // step
        start = step * index if step * index < point else step * (index - 1)
        found[start] = None
    edges = [Decimal(0), *breaks, top]
    for low, high in itertools.pairwise(edges):
        start = step * (low / step).to_integral_value(rounding=ROUND_CEILING)
        if start + step <= high and start not in found:
            found[start] = (low, high)
    values: dict[Decimal, Decimal] = {}

    def at(a: Decimal) -> Decimal:
        if a not in values:
            values[a] = shape.pay(a)
        return values[a]

    return [
        Step(start, start + step, at(start), at(start + step), piece)
        for start, piece in sorted(found.items())
        if start >= 0 and start + step <= top
    ]


def _narrowed(shape: Shape, step: Step) -> Step:
    """The narrowest part of ``step`` holding its largest change (a jump stays a jump)."""
    low, high, before, after = step.low, step.high, step.before, step.after
    for _ in range(BISECTIONS):
        middle = (low + high) / 2
        value = shape.pay(middle)
        if abs(value - before) >= abs(after - value):
            high, after = middle, value
        else:
            low, before = middle, value
    return Step(low, high, before, after)


def _owner(shape: Shape) -> str:
    owner = f"component `{shape.component.id}` of plan `{shape.plan.id}`"
    version = _LAST.named.get(id(shape))
    if version is None:
        return owner
    return f"{owner} in version {version.number} (from {version.start})"


def _of_target(change: Decimal, shape: Shape) -> str:
    if not shape.target:
        return ""
    return f" ({_pct(abs(change) / shape.target)} of the target {_amount(shape.target)})"


def _within(step: Step, stretches: list[tuple[Decimal, Decimal]]) -> bool:
    return any(low <= step.low < high or low < step.high <= high for low, high in stretches)


@rule("SHP001", Severity.WARNING, "cliff: payout drops, or jumps by more than allowed, in one step")
def cliffs(program: Program) -> Iterator[Hit]:
    settings = program.settings.plan_shape
    allowed = (
        f"`check: plan_shape: cliff_share` allows {_pct(settings.cliff_share)} of target in "
        "one step"
    )
    for shape in _shapes(program):
        jump = settings.cliff_share * shape.target if shape.target is not None else None
        steps = _steps(shape, settings)
        steep = [s.piece for s in steps if s.piece and jump is not None and s.change > jump]
        for step in steps:
            change = step.change
            drop = change < -TOLERANCE
            if not drop and (jump is None or change <= jump):
                continue
            if step.piece is not None:
                if drop:
                    continue  # a straight fall: SHP002
                low, high = step.piece
                message = (
                    f"the payout rises by {_amount(change)}{_of_target(change, shape)} with "
                    f"every {_pct(settings.step)} of attainment from {_pct(low)} to "
                    f"{_pct(high)}"
                )
            else:
                narrowed = _narrowed(shape, step)
                at_a_point = abs(narrowed.change) > TOLERANCE
                if drop and not at_a_point:
                    continue  # a gradual fall: SHP002
                if not at_a_point and _within(step, steep):
                    continue  # part of a steep stretch, reported once above
                where = (
                    f"at {_pct(narrowed.high)} attainment"
                    if at_a_point
                    else f"between {_pct(step.low)} and {_pct(step.high)} attainment"
                )
                message = (
                    f"the payout {'drops' if drop else 'jumps'} from {_amount(step.before)} to "
                    f"{_amount(step.after)}{_of_target(change, shape)} {where}"
                )
            yield hit(
                f"{_owner(shape)}: {message}; a small change in attainment should not move pay "
                f"this much ({allowed})",
                shape.component.where,
                "id",
                key=True,
            )


@rule("SHP002", Severity.WARNING, "payout falls as attainment rises")
def non_monotone(program: Program) -> Iterator[Hit]:
    settings = program.settings.plan_shape
    for shape in _shapes(program):
        falling: list[tuple[Decimal, Decimal]] = []
        for step in _steps(shape, settings):
            if step.change >= -TOLERANCE:
                continue
            if step.piece is None:
                if abs(_narrowed(shape, step).change) > TOLERANCE:
                    continue  # a drop at one point: SHP001
                stretch = (step.low, step.high)
            else:
                stretch = step.piece
            if falling and falling[-1][1] >= stretch[0]:
                falling[-1] = (falling[-1][0], max(falling[-1][1], stretch[1]))
            else:
                falling.append(stretch)
        for low, high in falling:
            yield hit(
                f"{_owner(shape)}: the payout falls from {_amount(shape.pay(low))} at "
                f"{_pct(low)} attainment to {_amount(shape.pay(high))} at {_pct(high)}; more "
                "attainment should never pay less",
                shape.component.where,
                "id",
                key=True,
            )


@rule("SHP003", Severity.WARNING, "uncapped payout beyond the allowed multiple of target")
def uncapped(program: Program) -> Iterator[Hit]:
    settings = program.settings.plan_shape
    for shape in _shapes(program):
        if shape.target is None or shape.target <= 0:
            continue
        top = settings.sweep_to
        at_top = shape.pay(top)
        rising = at_top - shape.pay(top - settings.step) > TOLERANCE
        if rising and at_top > settings.max_multiple * shape.target:
            yield hit(
                f"{_owner(shape)}: at {_pct(top)} attainment it pays {_amount(at_top)}, "
                f"{(at_top / shape.target).quantize(Decimal('0.1'))} times the target "
                f"{_amount(shape.target)}, and still rises with nothing to stop it; give it a "
                f"cap, or allow more (`check: plan_shape: max_multiple`, now "
                f"{settings.max_multiple.normalize():f})",
                shape.component.where,
                "id",
                key=True,
            )


@dataclass(frozen=True)
class _Segment:
    shape: Shape
    start: Decimal
    end: Decimal | None


def _segment(shape: Shape) -> _Segment | None:
    """The attainment a component's rate table pays over, when it starts above zero or ends."""
    table = shape.table
    if table is None:
        return None
    paying = [s for s in table.slices if s.rate > 0]
    if not paying:
        return None
    start = paying[0].lo / shape.quota
    ends = [s.hi for s in paying]
    end = None if any(e is None for e in ends) else max(e for e in ends if e is not None)
    return _Segment(shape, start, end / shape.quota if end is not None else None)


@rule("SHP004", Severity.WARNING, "gap or overlap between the rate tables of two components")
def gaps_between(program: Program) -> Iterator[Hit]:
    by_quota: dict[tuple[int, str], list[_Segment]] = {}
    for shape in _shapes(program):
        found = _segment(shape)
        if found is not None:  # each version of a plan on its own
            by_quota.setdefault((id(shape.plan), shape.quota_id), []).append(found)
    for segments in by_quota.values():
        segments.sort(key=lambda s: s.start)
        for first, second in itertools.pairwise(segments):
            if first.end is None or second.start <= 0 or first.end == second.start:
                continue
            low, high = sorted((first.end, second.start))
            what = (
                "no component pays in between"
                if first.end < second.start
                else "both pay on the same credit there"
            )
            yield hit(
                f"{_owner(second.shape)} starts paying at {_pct(second.start)} attainment, "
                f"but component `{first.shape.component.id}` stops at {_pct(first.end)}: "
                f"{what} ({_pct(low)} to {_pct(high)}); make one start where the other ends",
                second.shape.component.where,
                "id",
                key=True,
            )


RULES: tuple[Rule, ...] = (cliffs, non_monotone, uncapped, gaps_between)
