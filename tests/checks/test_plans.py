"""PLN rules: plan rules an engine could not compute, or would compute wrongly."""

from __future__ import annotations

from tests.checks.conftest import (
    Case,
    Edit,
    rule_tests,
)

AE = "plans/ae.yaml"
TIER_1 = '        - {from: 0, to: 50000, rate: "8%"}\n'
TIER_2 = '        - {from: 50000, rate: "12%"}\n'
SCOPE = "      scope: period\n"
END = "  requirements: [FR-PC-001]\n"
QUOTA = "    - {id: q-arr, measure: arr, period: annual, amount: 600000}\n"
COMMISSION = "component `commission` of plan `PLAN-AE`"
MEASURE = "    - {id: arr, name: New ARR, source: DS-CRM}\n"
T1 = "        - {id: T1, date: 2027-03-10, amount: 60000}\n"


def filtered(condition: str, attributes: str) -> tuple[Edit, Edit]:
    """Filter the measure on ``condition``; give the test case's deal ``attributes``."""
    return (
        Edit(AE, MEASURE, MEASURE.replace("}\n", f", filter: [{condition}]}}\n")),
        Edit("tests/plan-ae.yaml", T1, T1.replace("}\n", f", attributes: {attributes}}}\n")),
    )


def tier_2(text: str) -> Edit:
    return Edit(AE, TIER_2, text)


def after_scope(text: str) -> Edit:
    """Add keys to the `commission` component (line 18 onwards)."""
    return Edit(AE, SCOPE, SCOPE + text)


def expected_payout(amount: str) -> Edit:
    """Keep the test case's expected payout in line with an added component (ENG001)."""
    return Edit("tests/plan-ae.yaml", "payout: 5200.00", f"payout: {amount}")


def expected_commission(amount: str) -> tuple[Edit, Edit]:
    """Keep the expected payout and commission in line with a changed rate table (ENG001)."""
    return (
        expected_payout(amount),
        Edit("tests/plan-ae.yaml", "{commission: 5200.00}", f"{{commission: {amount}}}"),
    )


def component(text: str) -> Edit:
    """Add a component to the plan (its `- id:` on line 21)."""
    return Edit(AE, END, text + END)


def plan_key(text: str) -> Edit:
    """Add a key at the end of the plan (line 22)."""
    return Edit(AE, END, END + text)


ACCELERATED = (
    "    - id: accel\n"
    "      name: Accelerated commission\n"
    "      kind: accelerated\n"
    "      measure: arr\n"
    "      quota: q-arr\n"
    '      base_rate: "5%"\n'
    "      bands:\n"
    "        - {from: 0, to: 1, multiplier: 1}\n"
    "        - {from: 1, multiplier: 1.5}\n"
)
QUOTA_BONUS = (
    "    - id: bonus\n"
    "      name: Quota bonus\n"
    "      kind: quota_bonus\n"
    "      measure: arr\n"
    "      quota: q-arr\n"
    "      curve:\n"
    "        - {attainment: 0, payout: 0}\n"
    "        - {attainment: 1, payout: 1}\n"
    "        - {attainment: 2, payout: 1.5}\n"
)
MBO = (
    "    - id: goals\n"
    "      name: Objectives\n"
    "      kind: mbo\n"
    "      target: 10000\n"
    "      objectives:\n"
    "        - {id: nps, name: Customer NPS, weight: 0.6}\n"
    "        - {id: churn, name: Churn, weight: 0.3}\n"
)
SPIFF = (
    "    - id: q4-push\n"
    "      name: Q4 push\n"
    "      kind: spiff\n"
    "      measure: arr\n"
    "      amount: 500\n"
    "      window: {from: 2027-12-01, to: 2028-02-01}\n"
)
WINDOW = "[2027-01-01, 2028-01-01)"
NEEDS_QUOTA = "needs a quota; add `quota:` with the id of one of the plan's quotas"

FAILING = [
    Case(
        "PLN001",
        "overlapping-tiers",
        (tier_2('        - {from: 40000, rate: "12%"}\n'),),
        (
            f"plans/ae.yaml:20:18: error: PLN001 tier 2 of {COMMISSION} starts at 40000 but tier 1 "
            "ends at 50000: they overlap; make `from` equal the previous tier's `to`",
        ),
    ),
    Case(
        "PLN001",
        "gap-between-tiers",
        (tier_2('        - {from: 60000, rate: "12%"}\n'),),
        (
            f"plans/ae.yaml:20:18: error: PLN001 tier 2 of {COMMISSION} starts at 60000 but tier 1 "
            "ends at 50000: values in between fall in no tier; make `from` equal the previous "
            "tier's `to`",
        ),
    ),
    Case(
        "PLN001",
        "tiers-not-ascending",
        (tier_2('        - {from: 0, rate: "12%"}\n'),),
        (
            f"plans/ae.yaml:20:18: error: PLN001 tier 2 of {COMMISSION} starts at 0, not above "
            "tier 1 (0); list tiers in ascending order",
        ),
    ),
    Case(
        "PLN001",
        "open-ended-tier-before-the-last",
        (Edit(AE, TIER_1, '        - {from: 0, rate: "8%"}\n'),),
        (
            f"plans/ae.yaml:19:11: error: PLN001 tier 1 of {COMMISSION} has no `to` but tier 2 "
            "follows it; only the last tier may be open-ended: give tier 1 `to: 50000`",
        ),
    ),
    Case(
        "PLN001",
        "tier-ending-where-it-starts",
        (Edit(AE, TIER_1, '        - {from: 0, to: 0, rate: "8%"}\n'),),
        (
            f"plans/ae.yaml:19:25: error: PLN001 tier 1 of {COMMISSION} runs from 0 to 0; its `to` "
            "must be above its `from`",
        ),
    ),
    Case(
        "PLN001",
        "overlapping-bands",
        (component(ACCELERATED.replace("{from: 1, multiplier", "{from: 0.9, multiplier")),),
        (
            "plans/ae.yaml:29:18: error: PLN001 band 2 of component `accel` of plan `PLAN-AE` "
            "starts at 0.9 but band 1 ends at 1: they overlap; make `from` equal the previous "
            "band's `to`",
        ),
    ),
    Case(
        "PLN001",
        "curve-not-ascending",
        (component(QUOTA_BONUS.replace("{attainment: 2,", "{attainment: 1,")),),
        (
            "plans/ae.yaml:29:24: error: PLN001 curve point 3 of component `bonus` of plan "
            "`PLAN-AE` is at attainment 1, not above point 2 (1); list curve points in ascending "
            "order of attainment, each attainment once",
        ),
    ),
    Case(
        "PLN002",
        "negative-rate",
        (Edit(AE, TIER_1, '        - {from: 0, to: 50000, rate: "-8%"}\n'),),
        (
            "plans/ae.yaml:19:38: error: PLN002 `rate` is -0.08 in plan `PLAN-AE`; rates, "
            "multipliers, amounts, caps and thresholds cannot be negative: use zero or a "
            "positive number",
        ),
    ),
    Case(
        "PLN002",
        "negative-target",
        (Edit(AE, "{amount: 60000, period: annual}", "{amount: -60000, period: annual}"),),
        (
            "plans/ae.yaml:6:30: error: PLN002 `amount` is -60000 in plan `PLAN-AE`; rates, "
            "multipliers, amounts, caps and thresholds cannot be negative: use zero or a "
            "positive number",
        ),
    ),
    Case(
        "PLN003",
        "revenue-shares-short-of-one",
        (plan_key("  crediting: {splits: {default_shares: [0.7, 0.2]}}\n"),),
        (
            "plans/ae.yaml:22:40: error: PLN003 revenue split shares of plan `PLAN-AE` add up to "
            "0.9, not 1; make them add up to 1 (100%), or use `kind: overlay` for overlay credit",
        ),
    ),
    Case(
        "PLN003",
        "overlay-shares-above-max-total",
        (
            plan_key(
                "  crediting: {splits: {kind: overlay, max_total: 1.5, default_shares: [1, 0.7]}}\n"
            ),
        ),
        (
            "plans/ae.yaml:22:71: error: PLN003 overlay split shares of plan `PLAN-AE` add up to "
            "1.7, more than `max_total` 1.5; lower the shares or raise `max_total`",
        ),
    ),
    Case(
        "PLN004",
        "plan-ends-when-it-starts",
        (Edit(AE, "to: 2028-01-01}", "to: 2027-01-01}"),),
        (
            "plans/ae.yaml:4:37: error: PLN004 plan `PLAN-AE` runs from 2027-01-01 to 2027-01-01; "
            "`to` must be after `from` (the window is [from, to))",
        ),
    ),
    Case(
        "PLN004",
        "component-before-plan",
        (after_scope("      effective: {from: 2026-12-01, to: 2027-06-01}\n"),),
        (
            f"plans/ae.yaml:18:25: error: PLN004 {COMMISSION} starts on 2026-12-01, before plan "
            f"`PLAN-AE` starts (2027-01-01); keep it inside the plan's effective window {WINDOW}",
        ),
    ),
    Case(
        "PLN004",
        "spiff-window-after-plan",
        (component(SPIFF),),
        (
            "plans/ae.yaml:26:38: error: PLN004 the window of component `q4-push` of plan "
            "`PLAN-AE` ends on 2028-02-01, after plan `PLAN-AE` ends (2028-01-01); keep it inside "
            f"the plan's effective window {WINDOW}",
        ),
    ),
    Case(
        "PLN005",
        "attainment-tiers-without-quota",
        (Edit(AE, "      method: marginal\n", "      method: marginal\n      axis: attainment\n"),),
        (
            "plans/ae.yaml:12:7: error: PLN005 the attainment axis of component `commission` "
            f"{NEEDS_QUOTA}",
        ),
    ),
    Case(
        "PLN005",
        "threshold-without-quota",
        (after_scope("      threshold: {attainment: 0.5}\n"),),
        (
            "plans/ae.yaml:18:18: error: PLN005 the threshold of component `commission` "
            f"{NEEDS_QUOTA}",
        ),
    ),
    Case(
        "PLN005",
        "attainment-cap-without-quota",
        (after_scope("      cap: {attainment: 2}\n"),),
        (
            "plans/ae.yaml:18:25: error: PLN005 the attainment cap of component `commission` "
            f"{NEEDS_QUOTA}",
        ),
    ),
    Case(
        "PLN006",
        "weights-short-of-one",
        (component(MBO),),
        (
            "plans/ae.yaml:25:7: error: PLN006 objective weights of component `goals` of plan "
            "`PLAN-AE` add up to 0.9, not 1; adjust the `weight`s so they add up to 1 (100%)",
        ),
    ),
    Case(
        "PLN007",
        "seasonality-above-one",
        (Edit(AE, QUOTA, QUOTA.replace("}", ", seasonality: [0.2, 0.3, 0.3, 0.3]}")),),
        (
            "plans/ae.yaml:10:65: error: PLN007 seasonality of quota `q-arr` of plan `PLAN-AE` "
            "adds up to 1.1, not 1; adjust the shares so they add up to 1 (100%)",
        ),
    ),
    Case(
        "PLN008",
        "cap-without-limit",
        (after_scope("      cap: {level: period}\n"),),
        (
            f"plans/ae.yaml:18:12: warning: PLN008 the cap of {COMMISSION} sets no limit; give "
            "it `amount`, `attainment` or `multiple_of_target`, or remove it",
        ),
        exit_code=0,
    ),
    Case(
        "PLN009",
        "filter-on-a-misspelt-field",
        filtered("{field: segmnt, equals: Enterprise}", "{segment: Enterprise}"),
        (
            "plans/ae.yaml:8:65: warning: PLN009 the filter of measure `arr` in plan `PLAN-AE` "
            "tests `segmnt`, which no transaction of any test case carries and no data source "
            "lists, so it matches nothing; fix the field's name, or add it to the transactions' "
            "attributes",
        ),
    ),
    Case(
        "PLN009",
        "spiff-on-a-field-no-deal-has",
        (
            component(
                "    - id: long_deals\n"
                "      name: Long contracts\n"
                "      kind: spiff\n"
                "      measure: arr\n"
                "      amount: 500\n"
                "      window: {from: 2027-01-01, to: 2027-07-01}\n"
                "      when: [{field: contract_term, at_least: 24}]\n"
            ),
        ),
        (
            "plans/ae.yaml:27:22: warning: PLN009 the `when` of `long_deals` in plan `PLAN-AE` "
            "tests `contract_term`, which no transaction of any test case carries and no data "
            "source lists, so it matches nothing; fix the field's name, or add it to the "
            "transactions' attributes",
        ),
        exit_code=0,
    ),
]

PASSING = [
    Case(
        "PLN001",
        "three-contiguous-tiers",
        (
            tier_2(
                '        - {from: 50000, to: 100000, rate: "12%"}\n'
                '        - {from: 100000, rate: "15%"}\n'
            ),
        ),
    ),
    Case("PLN001", "ascending-bands", (component(ACCELERATED), expected_payout("8200.00"))),
    Case("PLN001", "ascending-curve", (component(QUOTA_BONUS), expected_payout("10700.00"))),
    Case(
        "PLN002",
        "zero-rate",
        (
            Edit(AE, TIER_1, '        - {from: 0, to: 50000, rate: "0%"}\n'),
            *expected_commission("1200.00"),
        ),
    ),
    # bounds are not amounts: a tier may start below zero (credit can be negative)
    Case(
        "PLN002",
        "tier-from-below-zero",
        (Edit(AE, TIER_1, '        - {from: -50000, to: 50000, rate: "8%"}\n'),),
    ),
    Case(
        "PLN002",
        "zero-share",
        (plan_key('  crediting: {splits: {default_shares: ["100%", "0%"]}}\n'),),
    ),
    Case(
        "PLN003",
        "shares-add-up",
        (plan_key('  crediting: {splits: {default_shares: ["70%", "30%"]}}\n'),),
    ),
    Case(
        "PLN004",
        "spiff-window-inside-plan",
        (component(SPIFF.replace("to: 2028-02-01", "to: 2028-01-01")),),
    ),
    Case(
        "PLN005",
        "attainment-tiers-with-quota",
        (
            Edit(
                AE,
                "      method: marginal\n",
                "      method: marginal\n      axis: attainment\n      quota: q-arr\n",
            ),
            *expected_commission("4800.00"),
        ),
    ),
    Case(
        "PLN005",
        "threshold-as-an-amount-needs-no-quota",
        (after_scope("      threshold: {amount: 10000, pay: from_first_dollar}\n"),),
    ),
    Case("PLN006", "weights-add-up", (component(MBO.replace("weight: 0.3", "weight: 0.4")),)),
    Case(
        "PLN007",
        "seasonality-adds-up",
        (Edit(AE, QUOTA, QUOTA.replace("}", ', seasonality: ["25%", "25%", "25%", "25%"]}')),),
    ),
    Case(
        "PLN008", "cap-with-amount", (after_scope("      cap: {amount: 100000, level: period}\n"),)
    ),
    Case(
        "PLN009",
        "filter-on-a-test-attribute",
        filtered("{field: type, equals: New}", "{type: New}"),
    ),
    Case(
        "PLN009",
        "filter-on-a-data-source-field",
        filtered("{field: closedate, at_least: 0}", "{closedate: 20270310}"),
    ),
    Case(
        "PLN009",
        "spiff-on-a-field-only-a-data-source-lists",
        (
            component(
                "    - id: by_owner\n"
                "      name: Owner's deals\n"
                "      kind: spiff\n"
                "      measure: arr\n"
                "      amount: 500\n"
                "      window: {from: 2027-01-01, to: 2027-07-01}\n"
                "      when: [{field: OwnerId__c, equals: E1}]\n"
            ),
        ),
    ),
    Case(
        "PLN009",
        "condition-on-a-built-in-field",
        filtered("{field: amount, at_least: 50000}", "{}"),
    ),
]


test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "PLN", FAILING, PASSING
)
