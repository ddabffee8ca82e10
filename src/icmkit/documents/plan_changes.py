"""What changed from one version of a plan to the next, in the participant's words.

The two versions are compared part by part (each component by id, the target incentive,
quotas, measures, eligibility, draw, clawback and proration) with the review's item
comparison (``review.program_diff.compare_fields``), which names the keys that changed; each
changed part is then said as the plan document says it, the sentences of the earlier version
that no longer hold beside those that replace them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from icmkit.documents.formatting import series, words
from icmkit.documents.plan_components import component_view
from icmkit.documents.plan_rules import adjustments
from icmkit.documents.plan_words import PlanWords, condition_words
from icmkit.documents.view_blocks import View
from icmkit.model.catalogue import content
from icmkit.model.plans import AnyComponent, Plan
from icmkit.model.program_bundle import Program
from icmkit.review.program_diff import compare_fields

KEY_WORDS = {
    "rate": "rate",
    "base_rate": "base rate",
    "bands": "accelerator bands",
    "tiers": "rate table",
    "curve": "pay curve",
    "cap": "cap",
    "threshold": "threshold",
    "gates": "gate",
    "multipliers": "kickers",
    "target": "target",
    "amount": "amount",
    "window": "dates",
    "effective": "dates",
    "max_events": "limit on qualifying deals",
    "max_events_per": "limit on qualifying deals",
    "when": "what qualifies",
    "measure": "what is measured",
    "quota": "quota",
    "scope": "how credit is added up",
    "method": "how the rate table is read",
    "axis": "what the rate table is measured on",
    "objectives": "objectives",
    "min_score": "minimum score",
    "max_score": "score limit",
    "name": "name",
    "description": "description",
    "interpolation": "pay curve",
    "above_last": "pay curve",
    "include_roles": "team counted",
    "exclude_roles": "team counted",
    "levels": "team counted",
    "basis": "what the override is paid on",
    "filter": "what counts",
    "field": "what counts",
    "credit_date": "what counts",
    "period": "period",
    "seasonality": "seasonality",
    "roles": "roles",
    "periods": "length",
    "kind": "kind",
    "recovery": "recovery",
    "eligible": "who gets it",
    "window_days": "window",
    "share": "share",
    "applies_to": "what is prorated",
    "unit": "what is counted",
}
"""Keys of the plan format as a participant names what changed."""


@dataclass(frozen=True, slots=True)
class ChangeView(View):
    part: str
    """What changed: a component's name, or ``Target incentive``, ``Quotas``, ..."""
    change: str
    """``changed``, ``added`` or ``removed``."""
    keys: str
    """What about it changed, in words (``rate and cap``); empty when added or removed."""
    before: list[str]
    """What the earlier version said that no longer holds."""
    after: list[str]
    """What the new version says instead."""


def _component_lines(c: AnyComponent, w: PlanWords) -> list[str]:
    view = component_view(c, w)
    lines = [view.summary]
    if view.table is not None:
        lines += [": ".join(cell for cell in row if cell) for row in view.table.rows]
    return lines + view.notes


def _changed_keys(old: dict[str, Any], new: dict[str, Any]) -> str:
    found = []
    for change in compare_fields(old, new):
        top = change.field.split(".")[0].split("[")[0]
        found.append(KEY_WORDS.get(top, words(top)))
    return series(list(dict.fromkeys(found)))


def _part(
    name: str,
    old: Any,
    new: Any,
    lines: Callable[[Any, PlanWords], list[str]],
    ws: tuple[PlanWords, PlanWords],
) -> ChangeView | None:
    old_data = content(old) if old is not None else None
    new_data = content(new) if new is not None else None
    if old_data == new_data:
        return None
    before = lines(old, ws[0]) if old is not None else []
    after = lines(new, ws[1]) if new is not None else []
    if old is None:
        return ChangeView(name, "added", "", [], after)
    if new is None:
        return ChangeView(name, "removed", "", before, [])
    assert old_data is not None and new_data is not None
    return ChangeView(
        name,
        "changed",
        _changed_keys(old_data, new_data),
        [x for x in before if x not in after],
        [x for x in after if x not in before],
    )


def _target(plan: Plan, w: PlanWords) -> list[str]:
    t = plan.target_incentive
    if t is None or t.amount is None:
        return ["No target incentive is set in the plan."]
    return [f"Target incentive: {w.money(t.amount)} {words(t.period.value)}."]


def plan_changes(
    program: Program,
    before: Plan,
    after: Plan,
    quotas: Mapping[str, Decimal] | None = None,
    target: Decimal | None = None,
) -> list[ChangeView]:
    """Every part of the plan that differs from ``before`` to ``after``, components first in
    the order of ``after`` (removed ones last); said with a participant's own ``quotas`` and
    ``target`` when given."""
    ws = (PlanWords(program, before, quotas, target), PlanWords(program, after, quotas, target))
    found: list[ChangeView] = []
    old_components = {c.id: c for c in before.components}
    new_ids = {c.id for c in after.components}
    for c in after.components:
        old = old_components.get(c.id)
        change = _part(c.name, old, c, _component_lines, ws)
        if change is not None:
            found.append(change)
    for c in before.components:
        if c.id not in new_ids:
            removed = _part(c.name, c, None, _component_lines, ws)
            if removed is not None:
                found.append(removed)
    if content(before).get("target_incentive") != content(after).get("target_incentive"):
        found.append(
            ChangeView(
                "Target incentive",
                "changed",
                "",
                _target(before, ws[0]),
                _target(after, ws[1]),
            )
        )
    for name, key, lines in (
        ("Quotas", "quotas", _quota_lines),
        ("What counts", "measures", _measure_lines),
        ("Who the plan is for", "eligibility", _eligibility_lines),
        ("Draws, clawbacks and proration", None, _adjustment_lines),
    ):
        old_lines, new_lines = lines(before, ws[0]), lines(after, ws[1])
        if key is not None and content(before).get(key) == content(after).get(key):
            continue
        if old_lines == new_lines:
            continue
        found.append(
            ChangeView(
                name,
                "changed",
                "",
                [x for x in old_lines if x not in new_lines],
                [x for x in new_lines if x not in old_lines],
            )
        )
    return found


def _quota_lines(plan: Plan, w: PlanWords) -> list[str]:
    return [
        f"{w.measure(q.measure)}, {words(q.period.value)}: "
        + (w.money(q.amount) if q.amount is not None else "set for each participant")
        for q in plan.quotas
    ]


def _measure_lines(plan: Plan, w: PlanWords) -> list[str]:
    return [
        f"{m.name}: " + (condition_words(m.filter) or "all transactions") for m in plan.measures
    ]


def _eligibility_lines(plan: Plan, w: PlanWords) -> list[str]:
    lines = [f"Roles: {', '.join(plan.eligibility.roles)}."]
    if plan.eligibility.description:
        lines.append(plan.eligibility.description)
    return lines


def _adjustment_lines(plan: Plan, w: PlanWords) -> list[str]:
    return adjustments(w)
