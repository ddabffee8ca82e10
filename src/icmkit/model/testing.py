"""Test plans: test cases by stage, with structured inputs and expected results."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import Field, model_validator

from icmkit.model.base import (
    Amount,
    Day,
    Item,
    LocalId,
    Rate,
    Ref,
    RequirementRefs,
    Shown,
    TeamMemberRef,
    Text,
)
from icmkit.model.roster import Participant as Participant  # re-exported for test cases
from icmkit.model.roster import RosterEntry


class Stage(StrEnum):
    UNIT = "unit"
    SYSTEM = "system"
    UAT = "uat"
    PARALLEL = "parallel"


class TestStatus(StrEnum):
    NOT_RUN = "not_run"
    PASSED = "passed"
    FAILED = "failed"
    BLOCKED = "blocked"


TRANSACTION_FIELDS: frozenset[str] = frozenset(
    {"id", "date", "amount", "measure", "participant", "split", "cancelled_on", "term_months"}
)
"""The fields every transaction has; conditions test these like attributes."""


class Receipt(Item):
    """Cash the customer paid against a deal."""

    date: Day = Field(description="When the cash was received.")
    amount: Amount = Field(description="How much, in the deal's currency.")


class Transaction(Item):
    id: LocalId = Field(description="Unique within the test case (`T1`).")
    date: Day = Field(description="The credit date.")
    amount: Amount = Field(description="The amount; negative for a return or credit memo.")
    measure: Annotated[
        Ref | None,
        Shown(type="reference to a measure of `plan`", default="the plan's first measure"),
    ] = Field(default=None, description="Which measure it is credited to.")
    participant: Annotated[str | None, Shown(default="the test's participant")] = Field(
        default=None, description="The participant credited (an id from `participant` or `team`)."
    )
    split: Rate = Field(
        default=Decimal("1"), description='The participant\'s share of the transaction (`"70%"`).'
    )
    attributes: Annotated[
        dict[str, str | Amount], Shown(type="mapping of text to text or number")
    ] = Field(
        default_factory=dict,
        description="Attributes that conditions test, such as `{deal_type: new_logo}`; "
        "numbers compare as numbers (`{term: 24}` meets `at_least: 12`).",
    )
    cancelled_on: Day | None = Field(
        default=None, description="For clawback tests: the day the deal was cancelled."
    )
    term_months: int | None = Field(
        default=None, ge=1, description="For pro-rata clawback tests: the contract term."
    )
    receipts: list[Receipt] = Field(
        default_factory=list,
        description=(
            "Cash received from the customer for this deal, for plans that release commission "
            "on cash: see [Receipt](#receipt)."
        ),
    )


class History(Item):
    """What happened before the tested period."""

    credit_to_date: Annotated[dict[str, Amount], Shown(type="mapping of measure id to amount")] = (
        Field(default_factory=dict, description="Credit earlier in the plan year, by measure.")
    )
    earned_to_date: Amount = Field(default=Decimal("0"), description="Earnings before this period.")
    paid_to_date: Amount = Field(default=Decimal("0"), description="Payments before this period.")
    draw_balance: Amount = Field(default=Decimal("0"), description="Draw balance still to recover.")
    cap_withheld: Amount = Field(
        default=Decimal("0"), description="Earnings withheld by a refundable cap."
    )
    periods_paid: int = Field(
        default=0,
        ge=0,
        description="Payment periods already paid on this plan (counts draw periods).",
    )
    commission_paid: Annotated[dict[str, Amount], Shown(type="mapping of deal id to amount")] = (
        Field(
            default_factory=dict,
            description=(
                "Commission already paid on earlier deals, for clawbacks at the rate paid "
                "(a multi-period test computes it)."
            ),
        )
    )
    spiff_events: Annotated[dict[str, int], Shown(type="mapping of component id to count")] = Field(
        default_factory=dict,
        description="SPIFF events already paid in the current `max_events_per` window.",
    )


class Inputs(Item):
    period: Annotated[str | None, Shown(default="none (give this or `periods`)")] = Field(
        default=None,
        description=(
            'The period tested: `2027-03` (a month), `2027-Q1` (a quarter), `"2027"` (a year, '
            "quoted) or a range of days such as `2027-03-01..2027-03-15`: see "
            "[Dates and periods](#dates-and-periods)."
        ),
    )
    periods: Annotated[str | None, Shown(default="none (give this or `period`)")] = Field(
        default=None,
        description=(
            "A run over several calculation periods, such as `2027-01..2027-06`: the engine "
            "computes each of the plan's periods in turn, carrying draw balances, caps, SPIFF "
            "counts and commission paid per deal from one to the next."
        ),
    )
    as_of: Day | None = Field(
        default=None,
        description=(
            "Compute as of this day inside the last period (a leaver's final pay): later days "
            "are left out."
        ),
    )
    participant: Annotated[Participant, Shown(default="participant `P1`")] = Field(
        default_factory=Participant,
        description="The participant being paid: see [Participant](#participant).",
    )
    team: list[Participant] = Field(
        default_factory=list, description="Other participants, for splits, rollups and overrides."
    )
    participants: list[RosterEntry] = Field(
        default_factory=list,
        description=(
            "A roster for this test, instead of `participant` and `team`: each entry as in "
            "`participants.yaml` (see [Roster](#participantsyaml))."
        ),
    )
    roster: bool = Field(
        default=False,
        description="Use the program's `participants.yaml` as the roster of this test.",
    )
    transactions: list[Transaction] = Field(
        default_factory=list,
        description="The credited transactions: see [Transaction](#transaction).",
    )
    scores: Annotated[dict[str, Rate], Shown(type="mapping of objective id to rate")] = Field(
        default_factory=dict, description="MBO scores by objective id."
    )
    scores_by_period: Annotated[
        dict[str, dict[str, Rate]], Shown(type="mapping of period to objective scores")
    ] = Field(
        default_factory=dict,
        description="MBO scores for some periods of a multi-period test, by period label.",
    )
    history: Annotated[History, Shown(default="nothing before this period")] = Field(
        default_factory=History,
        description="What happened earlier in the plan year: see [History](#history).",
    )

    @model_validator(mode="after")
    def _one_way_to_say_when(self) -> Inputs:
        if (self.period is None) == (self.periods is None):
            raise ValueError("give `period` (one period) or `periods` (a run), one of them")
        return self


class ExpectedDraw(Item):
    """What a draw did in one period."""

    paid: Amount | None = Field(default=None, description="The draw paid in the period.")
    recovered: Amount | None = Field(
        default=None, description="The balance recovered from the period's commission."
    )
    balance: Amount | None = Field(
        default=None, description="The balance still to recover after the period."
    )


class ExpectedDeal(Item):
    """What one transaction earned in one component."""

    component: Annotated[Ref | None, Shown(default="the plan's only commission component")] = Field(
        default=None, description="The component, when the plan has several."
    )
    earned: Amount | None = Field(default=None, description="What the transaction earned.")
    rate: Rate | None = Field(
        default=None, description='The rate of the tier its credit ended in (`"12%"`).'
    )
    tier: int | None = Field(
        default=None, ge=1, description="The tier its credit ended in, counting from 1."
    )


class ExpectedResult(Item):
    """What one participant's plan gives in one period of a test."""

    period: str = Field(description="The calculation period, as the engine labels it (`2027-03`).")
    participant: Annotated[str | None, Shown(default="the test's participant")] = Field(
        default=None, description="Whose result."
    )
    plan: Annotated[Ref | None, Shown(default="the test case's `plan`")] = Field(
        default=None, description="Which plan's result, for a participant on two plans."
    )
    payout: Amount | None = Field(default=None, description="What is paid in the period.")
    earnings: Amount | None = Field(
        default=None, description="What the components earn in the period, clawbacks included."
    )
    components: Annotated[dict[str, Amount], Shown(type="mapping of component id to amount")] = (
        Field(default_factory=dict, description="Earnings per component.")
    )
    clawback: Amount | None = Field(
        default=None, description="The clawbacks of the period, together (negative)."
    )
    draw: ExpectedDraw | None = Field(
        default=None, description="What the draw did: see [Expected draw](#expected-draw)."
    )
    held: Amount | None = Field(
        default=None, description="Earnings held back at the end of the period, not yet paid."
    )
    quota: Annotated[dict[str, Amount], Shown(type="mapping of quota id to amount")] = Field(
        default_factory=dict,
        description="The quota in force for the period, after proration and seasonality.",
    )
    target: Amount | None = Field(
        default=None, description="The target incentive in force for the period."
    )
    transactions: Annotated[
        dict[str, ExpectedDeal], Shown(type="mapping of transaction id to what it earned")
    ] = Field(
        default_factory=dict,
        description="Per transaction: see [Expected transaction](#expected-transaction).",
    )


class Expected(Item):
    payout: Amount | None = Field(
        default=None,
        description="What is paid for the period, after draw, recovery and payment rules.",
    )
    earnings: Amount | None = Field(
        default=None,
        description="What the components earn in the period, before the draw and payment rules.",
    )
    components: Annotated[dict[str, Amount], Shown(type="mapping of component id to amount")] = (
        Field(default_factory=dict, description="Earnings per component.")
    )
    results: list[ExpectedResult] = Field(
        default_factory=list,
        description=(
            "Expected values per period and participant, for multi-period and multi-participant "
            "tests: see [Expected result](#expected-result)."
        ),
    )
    notes: Text | None = Field(default=None, description="How the expected values were worked out.")


class Run(Item):
    by: TeamMemberRef = Field(description="Who ran the test.")
    on: Day = Field(description="When.")
    notes: Text | None = Field(default=None, description="What was seen, especially for a failure.")


class TestCase(Item):
    __test__ = False  # a program's test case, not one for pytest to collect
    id: Annotated[str, Shown(type="id (`TC-`)")] = Field(description="For example `TC-AE-001`.")
    title: Text = Field(description="What is tested, in one line.")
    stage: Stage = Field(
        description=(
            "`unit` (by the build team as each piece is built), `system` (end to end with "
            "production-quality data), `uat` (by the customer's administrators against the "
            "requirements) or `parallel` (a full period run beside the old process and "
            "reconciled)."
        )
    )
    verifies: RequirementRefs = Field(
        default_factory=list, description="The requirements this test proves."
    )
    categories: Annotated[list[str], Shown(type="list of category ids")] = Field(
        default_factory=list,
        description="Categories it covers beyond those of the requirements it verifies.",
    )
    plan: Annotated[Ref | None, Shown(type="reference to a plan")] = Field(
        default=None, description="The plan under test, for calculation tests."
    )
    components: Annotated[list[str], Shown(type="list of component ids of `plan`")] = Field(
        default_factory=list, description="The components under test."
    )
    steps: list[Text] = Field(default_factory=list, description="What the tester does, in order.")
    given: Inputs | None = Field(
        default=None, description="Structured inputs: see [given](#given)."
    )
    expect: Expected | None = Field(
        default=None, description="Structured expected results: see [expect](#expect)."
    )
    expected_result: Text | None = Field(
        default=None, description="The expected result in words, for tests without `expect`."
    )
    status: TestStatus = Field(
        default=TestStatus.NOT_RUN, description="`not_run`, `passed`, `failed` or `blocked`."
    )
    run: Run | None = Field(default=None, description="Who ran it and when: see [Run](#run).")

    @property
    def is_calculation(self) -> bool:
        """Whether the engine computes it: it has ``plan``, ``given`` and ``expect``."""
        return self.plan is not None and self.given is not None and self.expect is not None


class TestPlanFile(Item):
    description: Text | None = Field(default=None, description="What this test plan covers.")
    test_cases: list[TestCase] = Field(
        default_factory=list, description="The test cases: see below."
    )
