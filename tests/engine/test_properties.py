"""Properties that hold for every amount, table and split, checked with generated inputs."""

from __future__ import annotations

import itertools
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.engine.conftest import flat, make_inputs, make_plan, run, tiered, tx

from icmkit.engine.calculate import calculate
from icmkit.engine.tiers import RateTable, Slice
from icmkit.model.plans import TierMethod

D = Decimal
amounts = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
rates = st.decimals(min_value=0, max_value=1, places=4, allow_nan=False)


@st.composite
def tables(draw: st.DrawFn, ascending: bool = False) -> list[Slice]:
    widths = draw(
        st.lists(st.decimals(min_value=1, max_value=10**6, places=0), min_size=0, max_size=5)
    )
    found = draw(st.lists(rates, min_size=len(widths) + 1, max_size=len(widths) + 1))
    if ascending:
        found = sorted(found)
    bounds = [D(0)]
    for width in widths:
        bounds.append(bounds[-1] + width)
    return [
        Slice(low, bounds[i + 1] if i + 1 < len(bounds) else None, found[i])
        for i, low in enumerate(bounds)
    ]


@settings(max_examples=200, deadline=None)
@given(tables(), amounts, amounts)
def test_marginal_payout_never_decreases_as_the_amount_grows(
    slices: list[Slice], a: Decimal, b: Decimal
) -> None:
    table = RateTable(tuple(slices), TierMethod.MARGINAL)
    low, high = sorted((a, b))
    assert table.value(low) <= table.value(high)


@settings(max_examples=200, deadline=None)
@given(tables(ascending=True), amounts)
def test_retroactive_pays_at_least_marginal_when_rates_ascend(
    slices: list[Slice], amount: Decimal
) -> None:
    marginal = RateTable(tuple(slices), TierMethod.MARGINAL).value(amount)
    retroactive = RateTable(tuple(slices), TierMethod.RETROACTIVE).value(amount)
    assert retroactive >= marginal


@settings(max_examples=60, deadline=None)
@given(
    st.lists(amounts, min_size=0, max_size=6),
    st.decimals(min_value=0, max_value=10**5, places=2),
    st.sampled_from(["component", "period", "deal"]),
)
def test_a_cap_is_never_exceeded(deals: list[Decimal], cap: Decimal, level: str) -> None:
    plan = make_plan(flat("12.5%", scope="period", cap={"amount": cap, "level": level}))
    result = run(plan, "2027-03", *(tx(f"T{i}", "2027-03-05", a) for i, a in enumerate(deals)))
    limit = cap * len(deals) if level == "deal" else cap
    assert result.components[0].amount <= limit


@settings(max_examples=60, deadline=None)
@given(
    st.decimals(min_value=-(10**6), max_value=10**7, places=2),
    st.lists(st.integers(min_value=0, max_value=10000), min_size=0, max_size=4),
)
def test_splits_of_a_deal_add_up_to_the_deal(amount: Decimal, cuts: list[int]) -> None:
    """Shares in basis points (as "33.33%" is written) that add up to 100%."""
    points = [0, *sorted(cuts), 10000]
    shares = [D(high - low) / 10000 for low, high in itertools.pairwise(points)]
    plan = make_plan(flat("100%", scope="period"), rounding={"places": 6, "at": "payout"})
    credited = D(0)
    for index, share in enumerate(shares):
        result = run(
            plan,
            "2027-03",
            tx("T1", "2027-03-05", str(amount), split=str(share), participant=f"P{index}"),
            participant={"id": f"P{index}"},
        )
        credited += result.components[0].amount
    assert credited == amount


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.decimals(min_value=-(10**4), max_value=10**5, places=2), max_size=8),
    amounts,
    st.sampled_from(["marginal", "retroactive"]),
    st.sampled_from(["transaction", "period", "to_date"]),
)
def test_batch_pricing_without_explanations_gives_the_same_amounts(
    deals: list[Decimal], before: Decimal, method: str, scope: str
) -> None:
    plan = make_plan(tiered(method, scope))
    inputs = make_inputs(
        "2027-05",
        *(tx(f"T{i}", "2027-05-03", str(a)) for i, a in enumerate(deals)),
        history={"credit_to_date": {"arr": str(before)}},
    )
    explained = calculate(plan, inputs)
    quick = calculate(plan, inputs, explain=False)
    assert (quick.payout, quick.earnings) == (explained.payout, explained.earnings)
