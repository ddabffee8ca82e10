"""ROS008: what a test case names of a roster: the program's roster it takes, its own
participants beside it, and the participants its transactions and expected results are for."""

from __future__ import annotations

from collections.abc import Iterator

from icmkit.checks.roster import ROSTER_KIND, plans_by_id, unknown_plan
from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.loading.validation import did_you_mean
from icmkit.model.findings import Severity
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.testing import TestCase


def _test_participants(case: TestCase, program: Program) -> set[str] | None:
    """The ids a test case computes, as its run takes them; None when unknown."""
    given = case.given
    if given is None:
        return None
    if given.participants:
        return {entry.id for entry in given.participants}
    if given.roster:
        if not program.participants or ROSTER_KIND in program.incomplete:
            return None
        return {entry.id for entry in program.participants} | program.broken_ids
    return {given.participant.id, *(member.id for member in given.team)}


def _case_refs(case: TestCase, program: Program, plans: dict[str, Plan]) -> Iterator[Hit]:
    given, where = case.given, case.where
    roster_wanted = given is not None and given.roster and not given.participants
    if roster_wanted and not program.participants and ROSTER_KIND not in program.incomplete:
        yield hit(
            f"test case `{case.id}` takes the program's roster (`roster: true`), but the "
            "program has no participants.yaml, or it lists no one; add the roster, or give "
            "the test its own `participants`",
            where,
            "given",
            "roster",
        )
    if given is not None and given.roster and given.participants:
        yield hit(
            f"test case `{case.id}` gives its own `participants` and takes the program's "
            "roster (`roster: true`); only its own would be used: remove one of them",
            where,
            "given",
            "roster",
        )
    ids = _test_participants(case, program)
    if given is not None and ids is not None:
        for index, deal in enumerate(given.transactions):
            if deal.participant is not None and deal.participant not in ids:
                yield hit(
                    f"transaction {index + 1} of test case `{case.id}` is credited to "
                    f"`{deal.participant}`, who is not among the test's participants, so it "
                    "would be credited to no one; use the id of one of them"
                    f"{did_you_mean(deal.participant, ids)}",
                    where,
                    "given",
                    "transactions",
                    index,
                    "participant",
                )
    if case.expect is None:
        return
    for index, result in enumerate(case.expect.results):
        at = ("expect", "results", index)
        who = result.participant
        if who is not None and ids is not None and who not in ids:
            yield hit(
                f"expected result {index + 1} of test case `{case.id}` is for participant "
                f"`{who}`, who is not among the test's participants; use the id of one of "
                f"them{did_you_mean(who, ids)}",
                where,
                *at,
                "participant",
            )
        problem = unknown_plan(result.plan, program, plans) if result.plan else None
        if problem is not None:
            yield hit(
                f"expected result {index + 1} of test case `{case.id}` is for an {problem}",
                where,
                *at,
                "plan",
            )


@rule(
    "ROS008",
    Severity.ERROR,
    "test case names a roster, participant or plan it does not have",
)
def case_rosters(program: Program) -> Iterator[Hit]:
    plans = plans_by_id(program)
    for case in program.test_cases:
        yield from _case_refs(case, program, plans)


RULES: tuple[Rule, ...] = (case_rosters,)
