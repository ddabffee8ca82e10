"""A model run as JSON: every figure, every participant, amounts as exact decimal strings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from icmkit.engine.distribution import Distribution
from icmkit.engine.model_impact import Change, Impact, ParticipantChange
from icmkit.engine.model_summary import Earner, GroupTotal, SeatLine, Summary
from icmkit.terminal.json_text import json_text


def _n(value: Decimal | None, places: str = "0.01") -> str | None:
    return None if value is None else format(value.quantize(Decimal(places)), "f")


def _share(value: Decimal | None) -> str | None:
    return _n(value, "0.0001")


def _group(group: GroupTotal) -> dict[str, Any]:
    return {
        "key": group.key,
        "participants": group.participants,
        "payout": _n(group.payout),
        "target": _n(group.target),
        "share_of_target": _share(group.share),
        "median_share_of_target": _share(group.median_share),
        "credited": _n(group.credited),
        "cost_of_sales": _share(group.cost_of_sales),
    }


def _distribution(found: Distribution | None) -> dict[str, Any] | None:
    if found is None:
        return None
    return {
        "count": found.count,
        "mean": _share(found.mean),
        "min": _share(found.low),
        "max": _share(found.high),
        "percentiles": {f"p{p}": _share(v) for p, v in found.percentiles.items()},
        "histogram": [
            {"from": _share(b.low), "to": _share(b.high), "count": b.count} for b in found.bins
        ],
    }


def _earner(earner: Earner) -> dict[str, Any]:
    return {
        "participant": earner.participant,
        "name": earner.name,
        "roles": list(earner.roles),
        "plans": list(earner.plans),
        "payout": _n(earner.payout),
        "target": _n(earner.target),
        "share_of_target": _share(earner.share),
    }


def _line(line: SeatLine) -> dict[str, Any]:
    return {
        "participant": line.participant,
        "plan": line.plan,
        "role": line.role,
        "periods": line.periods,
        "payout": _n(line.payout),
        "earnings": _n(line.earnings),
        "target": _n(line.target),
        "share_of_target": _share(line.share),
        "quota": line.quota_id,
        "quota_amount": _n(line.quota),
        "credit": _n(line.credit),
        "attainment": _share(line.attainment),
        "components": {k: _n(v) for k, v in line.components.items()},
        "own_credit": {k: _n(v) for k, v in sorted(line.own_credit.items())},
        "at_cap": line.at_cap,
        "below_threshold": line.below_threshold,
    }


def summary_dict(summary: Summary) -> dict[str, Any]:
    return {
        "label": summary.label,
        "currency": summary.currency,
        "plans": summary.plans,
        "periods": summary.periods,
        "payout": _n(summary.payout),
        "credited": _n(summary.credited),
        "revenue_measures": summary.revenue_measures,
        "cost_of_sales": _share(summary.cost_of_sales),
        "target": _n(summary.target),
        "by_plan": [_group(g) for g in summary.by_plan],
        "by_role": [_group(g) for g in summary.by_role],
        "share_of_target": _distribution(summary.share),
        "attainment": _distribution(summary.attainment),
        "earners": [_earner(e) for e in summary.earners],
        "participants": [_line(line) for line in summary.lines],
        "components": [
            {"plan": plan, "component": component, "earnings": _n(amount)}
            for (plan, component), amount in sorted(summary.components.items())
        ],
    }


def _change(change: Change) -> dict[str, Any]:
    return {
        "base": _n(change.base),
        "head": _n(change.head),
        "change": _n(change.delta),
        "relative": _share(change.relative),
    }


def _person(change: ParticipantChange) -> dict[str, Any]:
    return {
        "participant": change.key,
        "name": change.name,
        "roles": list(change.roles),
        "plans": list(change.plans),
        **_change(change),
    }


def impact_dict(impact: Impact) -> dict[str, Any]:
    return {
        "base": impact.base.label,
        "head": impact.head.label,
        "total": _change(impact.total),
        "cost_of_sales": {
            "base": _share(impact.base.cost_of_sales),
            "head": _share(impact.head.cost_of_sales),
        },
        "by_plan": [{"plan": c.key, **_change(c)} for c in impact.by_plan],
        "components": [{"component": c.key, **_change(c)} for c in impact.components],
        "paid_more": [_person(p) for p in impact.winners],
        "paid_less": [_person(p) for p in impact.losers],
        "unchanged": impact.unchanged,
        "summaries": {"base": summary_dict(impact.base), "head": summary_dict(impact.head)},
    }


def summary_json(summary: Summary) -> str:
    return json_text({"model": summary_dict(summary)})


def impact_json(impact: Impact) -> str:
    return json_text({"impact": impact_dict(impact)})
