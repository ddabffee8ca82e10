"""SHP rules: the shape of each plan's payout, swept from 0% to 300% attainment by the engine.

The minimal plan pays monthly on a 600,000 annual quota (50,000 a month) against a 60,000
annual target (5,000 a month): 8% of the first 50,000 of the month, 12% above. Each case
changes it (and the expected amounts of its test case, so that ENG001 stays quiet).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.checks.conftest import Case, CheckAfter, Edit, rule_tests
from tests.checks.test_plans import (
    ACCELERATED,
    AE,
    COMMISSION,
    QUOTA,
    QUOTA_BONUS,
    TIER_2,
    after_scope,
    component,
    expected_commission,
    expected_payout,
    plan_key,
    tier_2,
)
from typer.testing import CliRunner, Result

from icmkit.cli.app import app

RETROACTIVE = Edit(AE, "      method: marginal\n", "      method: retroactive\n")
SHAPE = "plans/ae.yaml:12:7"
"""Where the commission component's `id:` is: the place every finding on it points at."""


def settings(text: str) -> Edit:
    """Add ``check:`` settings to program.yaml."""
    end = "  essential_categories: [data_integration, plan_design_calculation]\n"
    return Edit("program.yaml", end, end + "check:\n" + text)


def accelerated_from(attainment: str) -> str:
    """The accelerated component of the PLN tests, paying only from ``attainment``."""
    bands = "        - {from: 0, to: 1, multiplier: 1}\n        - {from: 1, multiplier: 1.5}\n"
    return ACCELERATED.replace(bands, f"        - {{from: {attainment}, multiplier: 1}}\n")


def expected(amount: str) -> tuple[Edit, ...]:
    return tuple(expected_commission(amount))


def after(text: str) -> str:
    """Words every SHP001 finding ends with, for the default setting."""
    return text + (
        "; a small change in attainment should not move pay this much (`check: plan_shape: "
        "cliff_share` allows 50% of target in one step)"
    )


LATER_VERSION = Edit(
    AE,
    "  requirements: [FR-PC-001]\n",
    "  requirements: [FR-PC-001]\n"
    "  versions:\n"
    "    - from: 2027-07-01\n"
    "      reason: A richer second tier, paid on the whole month.\n"
    "      components:\n"
    "        - id: commission\n"
    "          name: Commission on new ARR\n"
    "          kind: tiered\n"
    "          measure: arr\n"
    "          method: retroactive\n"
    "          scope: period\n"
    "          tiers:\n"
    '            - {from: 0, to: 50000, rate: "8%"}\n'
    '            - {from: 50000, rate: "20%"}\n',
)
"""A version from July on whose commission jumps at the tier edge; the plan as written does
not."""

BOTH_MOVED_IN_JULY = (
    "  versions:\n"
    "    - from: 2027-07-01\n"
    "      reason: The commission's second tier runs to 140%, where the accelerator starts.\n"
    "      components:\n"
    "        - id: commission\n"
    "          name: Commission on new ARR\n"
    "          kind: tiered\n"
    "          measure: arr\n"
    "          method: marginal\n"
    "          scope: period\n"
    "          tiers:\n"
    '            - {from: 0, to: 50000, rate: "8%"}\n'
    '            - {from: 50000, to: 70000, rate: "12%"}\n'
    + "".join("    " + line + "\n" for line in accelerated_from("1.4").splitlines())
)
"""A July version in which the commission ends at 140% and the accelerator starts there:
each version's components meet, though July's commission ends past the first version's
accelerator start."""

FAILING = [
    Case(
        "SHP001",
        "a-later-version-jumps",
        (LATER_VERSION,),
        (
            f"plans/ae.yaml:26:11: warning: SHP001 {COMMISSION} in version 2 (from 2027-07-01): "
            + after(
                "the payout jumps from 3,960.00 to 10,000.00 (120.8% of the target 5,000.00) "
                "at 100% attainment"
            ),
        ),
        exit_code=0,
    ),
    Case(
        "SHP001",
        "retroactive-tier-jumps",
        (RETROACTIVE, tier_2('        - {from: 50000, rate: "20%"}\n'), *expected("12000.00")),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout jumps from 3,960.00 to 10,000.00 (120.8% of the target 5,000.00) "
                "at 100% attainment"
            ),
        ),
        exit_code=0,
    ),
    Case(
        "SHP001",
        "retroactive-tier-drops",
        (RETROACTIVE, tier_2('        - {from: 50000, rate: "6%"}\n'), *expected("3600.00")),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout drops from 3,960.00 to 3,000.00 (19.2% of the target 5,000.00) "
                "at 100% attainment"
            ),
        ),
        exit_code=0,
    ),
    Case(
        "SHP001",
        "a-tighter-setting-catches-a-smaller-jump",
        (RETROACTIVE, *expected("7200.00"), settings("  plan_shape: {cliff_share: 0.3}\n")),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: the payout jumps from 3,960.00 to "
            "6,000.00 (40.8% of the target 5,000.00) at 100% attainment; a small change in "
            "attainment should not move pay this much (`check: plan_shape: cliff_share` allows "
            "30% of target in one step)",
        ),
        exit_code=0,
    ),
    Case(
        "SHP001",
        "pay-curve-too-steep",
        (
            component(
                QUOTA_BONUS.replace("{attainment: 2, payout: 1.5}", "{attainment: 1.05, payout: 4}")
            ),
            expected_payout("25200.00"),
        ),
        (
            "plans/ae.yaml:21:7: warning: SHP001 component `bonus` of plan `PLAN-AE`: the "
            "payout rises by 3,000.00 (60% of the target 5,000.00) with every 1% of attainment "
            "from 100% to 105%; a small change in attainment should not move pay this much "
            "(`check: plan_shape: cliff_share` allows 50% of target in one step)",
        ),
        exit_code=0,
    ),
    Case(
        "SHP002",
        "pay-curve-falls",
        (
            component(
                QUOTA_BONUS.replace("{attainment: 2, payout: 1.5}", "{attainment: 2, payout: 0.5}")
            ),
            expected_payout("9700.00"),
        ),
        (
            "plans/ae.yaml:21:7: warning: SHP002 component `bonus` of plan `PLAN-AE`: the "
            "payout falls from 5,000.00 at 100% attainment to 2,500.00 at 200%; more "
            "attainment should never pay less",
        ),
        exit_code=0,
    ),
    Case(
        "SHP003",
        "uncapped-accelerator",
        (tier_2('        - {from: 50000, rate: "30%"}\n'), *expected("7000.00")),
        (
            f"{SHAPE}: warning: SHP003 {COMMISSION}: at 300% attainment it pays 34,000.00, "
            "6.8 times the target 5,000.00, and still rises with nothing to stop it; give it "
            "a cap, or allow more (`check: plan_shape: max_multiple`, now 4)",
        ),
        exit_code=0,
    ),
    Case(
        "SHP004",
        "gap-between-two-components",
        (
            tier_2('        - {from: 50000, to: 60000, rate: "12%"}\n'),
            component(accelerated_from("1.5")),
        ),
        (
            "plans/ae.yaml:21:7: warning: SHP004 component `accel` of plan `PLAN-AE` starts "
            "paying at 150% attainment, but component `commission` stops at 120%: no "
            "component pays in between (120% to 150%); make one start where the other ends",
        ),
        exit_code=0,
    ),
    Case(
        "SHP004",
        "overlap-between-two-components",
        (
            tier_2('        - {from: 50000, to: 60000, rate: "12%"}\n'),
            component(accelerated_from("1.1")),
        ),
        (
            "plans/ae.yaml:21:7: warning: SHP004 component `accel` of plan `PLAN-AE` starts "
            "paying at 110% attainment, but component `commission` stops at 120%: both pay "
            "on the same credit there (110% to 120%); make one start where the other ends",
        ),
        exit_code=0,
    ),
]

PASSING = [
    Case("SHP001", "marginal-tiers-are-continuous", ()),
    Case(
        "SHP001",
        "a-retroactive-step-within-the-allowed-share",
        (RETROACTIVE, *expected("7200.00")),
    ),
    Case(
        "SHP002",
        "pay-curve-rises",
        (component(QUOTA_BONUS), expected_payout("10700.00")),
    ),
    Case(
        "SHP003",
        "accelerator-with-a-cap",
        (
            Edit(
                AE,
                TIER_2,
                '        - {from: 50000, rate: "30%"}\n      cap: {multiple_of_target: 3}\n',
            ),
            *expected("7000.00"),
        ),
    ),
    Case(
        "SHP003",
        "a-looser-setting-allows-more",
        (
            tier_2('        - {from: 50000, rate: "30%"}\n'),
            *expected("7000.00"),
            settings("  plan_shape: {max_multiple: 7}\n"),
        ),
    ),
    Case(
        "SHP004",
        "one-component-starts-where-the-other-ends",
        (
            tier_2('        - {from: 50000, to: 60000, rate: "12%"}\n'),
            component(accelerated_from("1.2")),
        ),
    ),
    Case(
        "SHP004",
        "each-version-meets-at-its-own-edge",
        (
            tier_2('        - {from: 50000, to: 60000, rate: "12%"}\n'),
            component(accelerated_from("1.2")),
            plan_key(BOTH_MOVED_IN_JULY),
        ),
    ),
]

test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "SHP", FAILING, PASSING
)


BONUS = "component `bonus` of plan `PLAN-AE`"
BONUS_AT = "plans/ae.yaml:21:7"
"""Where the added quota bonus's `id:` is."""


def bonus_curve(*points: tuple[str, str]) -> Edit:
    """Add the quota bonus of the PLN tests with its curve through ``points`` (attainment,
    payout as a share of target)."""
    curve = "".join(f"        - {{attainment: {a}, payout: {p}}}\n" for a, p in points)
    start = QUOTA_BONUS.index("      curve:\n") + len("      curve:\n")
    return component(QUOTA_BONUS[:start] + curve)


def shape_findings(result: Result) -> list[str]:
    return sorted(line for line in result.output.splitlines() if " SHP0" in line)


EXACTLY = [
    Case(
        "SHP001",
        "a-jump-exactly-at-the-end-of-the-sweep",
        (
            RETROACTIVE,
            tier_2(
                '        - {from: 50000, to: 150000, rate: "8%"}\n'
                '        - {from: 150000, rate: "20%"}\n'
            ),
            *expected("4800.00"),
        ),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout jumps from 11,960.00 to 30,000.00 (360.8% of the target 5,000.00) "
                "at 300% attainment"
            ),
            f"{SHAPE}: warning: SHP003 {COMMISSION}: at 300% attainment it pays 30,000.00, "
            "6.0 times the target 5,000.00, and still rises with nothing to stop it; give it "
            "a cap, or allow more (`check: plan_shape: max_multiple`, now 4)",
        ),
    ),
    Case(
        "SHP001",
        "a-steep-stretch-from-zero",
        (bonus_curve(("0", "0"), ("0.05", "3"), ("2.05", "3.5")), expected_payout("21637.50")),
        (
            f"{BONUS_AT}: warning: SHP001 {BONUS}: "
            + after(
                "the payout rises by 3,000.00 (60% of the target 5,000.00) with every 1% of "
                "attainment from 0% to 5%"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-steep-stretch-between-breaks-off-the-step",
        (bonus_curve(("0", "0"), ("1.008", "1"), ("1.092", "6")), expected_payout("35200.00")),
        (
            f"{BONUS_AT}: warning: SHP001 {BONUS}: "
            + after(
                "the payout rises by 2,976.19 (59.52% of the target 5,000.00) with every 1% of "
                "attainment from 100.8% to 109.2%"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-steep-stretch-after-one-shorter-than-a-step",
        (
            bonus_curve(("0", "0"), ("1.002", "1"), ("1.008", "1"), ("1.05", "4")),
            expected_payout("25200.00"),
        ),
        (
            f"{BONUS_AT}: warning: SHP001 {BONUS}: "
            + after(
                "the payout rises by 3,571.43 (71.43% of the target 5,000.00) with every 1% of "
                "attainment from 100.8% to 105%"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-steep-step-right-after-a-steep-stretch",
        (
            bonus_curve(("0", "0"), ("1", "1"), ("1.05", "4"), ("1.055", "4.6")),
            expected_payout("28200.00"),
        ),
        (
            f"{BONUS_AT}: warning: SHP001 {BONUS}: "
            + after(
                "the payout rises by 3,000.00 (60% of the target 5,000.00) with every 1% of "
                "attainment from 100% to 105%"
            ),
            f"{BONUS_AT}: warning: SHP001 {BONUS}: "
            + after(
                "the payout jumps from 20,000.00 to 23,000.00 (60% of the target 5,000.00) "
                "between 105% and 106% attainment"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-stretch-rising-by-exactly-the-allowed-share",
        (bonus_curve(("0", "0"), ("1", "1"), ("1.04", "3")), expected_payout("20200.00")),
    ),
    Case(
        "SHP001",
        "a-stretch-rising-by-just-over-the-allowed-share",
        (bonus_curve(("0", "0"), ("1", "1"), ("1.04", "3.01")), expected_payout("20250.00")),
        (
            f"{BONUS_AT}: warning: SHP001 {BONUS}: "
            + after(
                "the payout rises by 2,512.50 (50.25% of the target 5,000.00) with every 1% of "
                "attainment from 100% to 104%"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-drop-at-one-point-is-a-cliff-not-a-fall",
        (RETROACTIVE, tier_2('        - {from: 50000, rate: "6%"}\n'), *expected("3600.00")),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout drops from 3,960.00 to 3,000.00 (19.2% of the target 5,000.00) "
                "at 100% attainment"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-threshold-on-attainment-below-quota",
        (after_scope("      quota: q-arr\n      threshold: {attainment: 0.8}\n"),),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout jumps from 0.00 to 3,200.00 (64% of the target 5,000.00) at 80% "
                "attainment"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-threshold-on-an-amount-below-quota",
        (after_scope("      threshold: {amount: 40000}\n"),),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout jumps from 0.00 to 3,200.00 (64% of the target 5,000.00) at 80% "
                "attainment"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-jump-of-just-over-the-allowed-share",
        (RETROACTIVE, tier_2('        - {from: 50000, rate: "12.93%"}\n'), *expected("7758.00")),
        (
            f"{SHAPE}: warning: SHP001 {COMMISSION}: "
            + after(
                "the payout jumps from 3,960.00 to 6,465.00 (50.1% of the target 5,000.00) "
                "at 100% attainment"
            ),
        ),
    ),
    Case(
        "SHP001",
        "a-jump-of-exactly-the-allowed-share",
        (RETROACTIVE, tier_2('        - {from: 50000, rate: "12.92%"}\n'), *expected("7752.00")),
    ),
    Case(
        "SHP002",
        "a-straight-fall-is-reported-once-as-a-fall",
        (bonus_curve(("0", "0"), ("1", "1"), ("2", "0.5")), expected_payout("9700.00")),
        (
            f"{BONUS_AT}: warning: SHP002 {BONUS}: the payout falls from 5,000.00 at 100% "
            "attainment to 2,500.00 at 200%; more attainment should never pay less",
        ),
    ),
    Case(
        "SHP002",
        "two-falls-apart",
        (
            bonus_curve(("0", "0"), ("1", "1"), ("1.2", "0.8"), ("1.5", "1.2"), ("2", "0.5")),
            expected_payout("9200.00"),
        ),
        (
            f"{BONUS_AT}: warning: SHP002 {BONUS}: the payout falls from 5,000.00 at 100% "
            "attainment to 4,000.00 at 120%; more attainment should never pay less",
            f"{BONUS_AT}: warning: SHP002 {BONUS}: the payout falls from 6,000.00 at 150% "
            "attainment to 2,500.00 at 200%; more attainment should never pay less",
        ),
    ),
    Case(
        "SHP002",
        "a-fall-between-breaks-off-the-step",
        (bonus_curve(("0", "0"), ("1.008", "1"), ("1.092", "0.2")), expected_payout("6200.00")),
        (
            f"{BONUS_AT}: warning: SHP002 {BONUS}: the payout falls from 4,960.32 at 100% "
            "attainment to 1,000.00 at 110%; more attainment should never pay less",
        ),
    ),
    Case(
        "SHP002",
        "a-fall-on-a-quota-of-one-a-month",
        (
            Edit(
                AE, QUOTA, QUOTA + "    - {id: q-units, measure: arr, period: annual, amount: 12}\n"
            ),
            component(
                QUOTA_BONUS.replace("quota: q-arr", "quota: q-units").replace(
                    "{attainment: 2, payout: 1.5}", "{attainment: 2, payout: 0.5}"
                )
            ),
            expected_payout("7700.00"),
        ),
        (
            "plans/ae.yaml:22:7: warning: SHP002 component `bonus` of plan `PLAN-AE`: the payout "
            "falls from 5,000.00 at 100% attainment to 2,500.00 at 200%; more attainment should "
            "never pay less",
        ),
    ),
    Case(
        "SHP003",
        "capped-above-the-allowed-multiple",
        (
            Edit(
                AE,
                TIER_2,
                '        - {from: 50000, rate: "30%"}\n      cap: {multiple_of_target: 5}\n',
            ),
            *expected("7000.00"),
        ),
    ),
    Case(
        "SHP003",
        "exactly-the-allowed-multiple-at-the-end-of-the-sweep",
        (tier_2('        - {from: 50000, rate: "16%"}\n'), *expected("5600.00")),
    ),
    Case(
        "SHP003",
        "just-over-the-allowed-multiple",
        (tier_2('        - {from: 50000, rate: "16.01%"}\n'), *expected("5601.00")),
        (
            f"{SHAPE}: warning: SHP003 {COMMISSION}: at 300% attainment it pays 20,010.00, "
            "4.0 times the target 5,000.00, and still rises with nothing to stop it; give it "
            "a cap, or allow more (`check: plan_shape: max_multiple`, now 4)",
        ),
    ),
]


@pytest.mark.parametrize("case", EXACTLY, ids=lambda case: f"{case.code}-{case.name}")
def test_the_plan_shape_findings_are_exactly(case: Case, check_after: CheckAfter) -> None:
    """Each finding once, under one rule, and nothing at or within the allowed limits; the
    test case's expected amounts follow each edit, so the check passes."""
    result = check_after(case.edits)
    assert result.exit_code == 0, result.output
    assert shape_findings(result) == sorted(case.expect), result.output


ROSTER = (
    "participants:\n"
    "  - {id: A1, name: Eli Novak, role: AE, target_incentive: 120000}\n"
    "  - {id: A2, name: Fay Chen, role: AE, target_incentive: 120000}\n"
)
"""Two participants on PLAN-AE with twice its target incentive."""
UNCAPPED = (tier_2('        - {from: 50000, rate: "30%"}\n'), *expected("7000.00"))


def test_the_plan_s_own_target_beats_the_roster_s(program: Path, check_after: CheckAfter) -> None:
    (program / "participants.yaml").write_text(ROSTER, encoding="utf-8")
    result = check_after(UNCAPPED)
    assert shape_findings(result) == [
        f"{SHAPE}: warning: SHP003 {COMMISSION}: at 300% attainment it pays 34,000.00, "
        "6.8 times the target 5,000.00, and still rises with nothing to stop it; give it "
        "a cap, or allow more (`check: plan_shape: max_multiple`, now 4)",
    ], result.output


def test_without_the_plan_s_amount_the_roster_s_median_target_is_the_target(
    program: Path, check_after: CheckAfter
) -> None:
    (program / "participants.yaml").write_text(ROSTER, encoding="utf-8")
    no_amount = Edit(
        AE,
        "  target_incentive: {amount: 60000, period: annual}\n",
        "  target_incentive: {period: annual}\n",
    )
    result = check_after((*UNCAPPED, no_amount, settings("  plan_shape: {max_multiple: 3}\n")))
    assert shape_findings(result) == [
        f"{SHAPE}: warning: SHP003 {COMMISSION}: at 300% attainment it pays 34,000.00, "
        "3.4 times the target 10,000.00, and still rises with nothing to stop it; give it "
        "a cap, or allow more (`check: plan_shape: max_multiple`, now 3)",
    ], result.output


def test_icmkit_rules_lists_the_plan_shape_rules() -> None:
    result = CliRunner().invoke(app, ["rules"])
    assert result.exit_code == 0, result.output
    assert [line for line in result.output.splitlines() if line.startswith("SHP")] == [
        "SHP001  warning  cliff: payout drops, or jumps by more than allowed, in one step",
        "SHP002  warning  payout falls as attainment rises",
        "SHP003  warning  uncapped payout beyond the allowed multiple of target",
        "SHP004  warning  gap or overlap between the rate tables of two components",
    ]
