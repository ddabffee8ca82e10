"""The plan-shape sweep (``engine/plan_shape``, fast: the pricing alone, for ``check``) and the
pay curves (``engine/curves``, a whole calculation per point, for documents) are two ways to
ask what a component pays at an attainment: on every plan of the examples and fixtures they
must give the same amount at every break, just above it, and at 0%, 100%, 200% and 250%."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from icmkit.engine.case_setup import calendar_of
from icmkit.engine.curve_setup import CurveAxis
from icmkit.engine.curves import pay_curve, payout_at
from icmkit.engine.load_and_check import load_and_check
from icmkit.engine.plan_shape import shapes_of
from icmkit.model.plan_versions import every_version

REPO = Path(__file__).resolve().parents[2]
PROGRAMS = [
    "examples/lumen-analytics",
    "examples/harbor-supply",
    "tests/fixtures/minimal",
    "tests/fixtures/letters",
    "tests/fixtures/over_time",
]
STEP = Decimal("0.05")


@pytest.mark.parametrize("folder", PROGRAMS)
def test_the_shape_sweep_pays_what_the_pay_curve_pays(folder: str) -> None:
    program = load_and_check(REPO / folder).program
    calendar = calendar_of(program)
    compared = 0
    differences = []
    for plan in every_version(program.plans):
        for shape in shapes_of(plan, [], calendar):
            curve = pay_curve(plan, shape.component.id, calendar=calendar)
            assert curve.axis is CurveAxis.ATTAINMENT
            assert curve.quota == shape.quota_id
            points = {Decimal(0), Decimal(1), Decimal(2), Decimal("2.5")}
            points |= {*shape.breaks, *(b + STEP for b in shape.breaks)}
            for x in sorted(points):
                swept = shape.pay(x)
                computed = payout_at(plan, shape.component.id, x, calendar=calendar)
                compared += 1
                if swept != computed:
                    differences.append((plan.id, shape.component.id, x, swept, computed))
    assert compared >= 5
    assert differences == []
