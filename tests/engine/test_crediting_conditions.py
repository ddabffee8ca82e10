"""Measure filters and conditions on a transaction's own fields (id, amount, ...), as a test
case computes them."""

from __future__ import annotations

from decimal import Decimal

from tests.engine.conftest import amount_of, flat, make_plan, run, tx


def test_a_measure_filter_may_test_the_transaction_id() -> None:
    plan = make_plan(
        flat("10%"),
        measures=[
            {"id": "arr", "name": "ARR", "filter": [{"field": "id", "in": ["T2", "T3"]}]},
        ],
    )
    result = run(
        plan,
        "2027-03",
        tx("T1", "2027-03-02", 1000),
        tx("T2", "2027-03-03", 2000),
        tx("T3", "2027-03-04", 4000),
    )
    # T2 and T3: 6,000 at 10%
    assert amount_of(result, "commission") == Decimal("600.00")
