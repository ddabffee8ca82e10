"""ROS rules: the roster, in participants.yaml and in a test case's own `participants`.

The minimal program has no roster: every case here starts from it with the clean roster
:data:`ROSTER` written as participants.yaml, and edits that or the test case `TC-AE-001`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.checks.conftest import (
    Case,
    CheckAfter,
    Edit,
    assert_reports,
    rule_tests,
)

ROSTER_FILE = "participants.yaml"
ROSTER = (
    "participants:\n"
    "  - id: M1\n"
    "    name: Dana Ortiz\n"
    "    role: AE\n"
    "    hire_date: 2024-02-01\n"
    "  - id: A1\n"
    "    name: Eli Novak\n"
    "    role: AE\n"
    "    hire_date: 2025-06-02\n"
    "    manager: M1\n"
    "  - id: A2\n"
    "    name: Fay Chen\n"
    "    role: AE\n"
    "    hire_date: 2027-03-15\n"
    "    managers:\n"
    "      - {manager: M1, from: 2027-03-15, to: 2027-07-01}\n"
    "      - {manager: A1, from: 2027-07-01}\n"
    "    assignments:\n"
    "      - {plan: PLAN-AE, from: 2027-03-15}\n"
)
"""A clean roster: M1 manages A1, and A2 from their hire date until A2 moves under A1."""

M1_HIRED = "    hire_date: 2024-02-01\n"
A1_MANAGER = "    manager: M1\n"
A2_HIRED = "    hire_date: 2027-03-15\n"
SPELL_1 = "      - {manager: M1, from: 2027-03-15, to: 2027-07-01}\n"
SPELL_2 = "      - {manager: A1, from: 2027-07-01}\n"
ASSIGNMENT = "      - {plan: PLAN-AE, from: 2027-03-15}\n"

TESTS = "tests/plan-ae.yaml"
ONE_PERIOD = "      period: 2027-03\n      participant: {id: P1, role: AE}\n"
EXPECTED = "      components: {commission: 5200.00}\n"


def roster(old: str, new: str) -> Edit:
    return Edit(ROSTER_FILE, old, new)


def after(line: str, text: str) -> Edit:
    """Add ``text`` to the roster after ``line``."""
    return roster(line, line + text)


def added(text: str) -> Edit:
    """Add participants at the end of the roster (from line 20 on)."""
    return after(ASSIGNMENT, text)


def given(text: str) -> Edit:
    """Make `TC-AE-001` a run over March with ``text`` in its `given` (line 10 on)."""
    return Edit(TESTS, ONE_PERIOD, "      periods: 2027-03..2027-03\n" + text)


def inline(*entries: str) -> Edit:
    """Give `TC-AE-001` its own participants, one per line from line 11 on."""
    return given("      participants:\n" + "".join(f"        - {e}\n" for e in entries))


def results(*entries: str) -> Edit:
    """Expect per-participant results of `TC-AE-001`, one per line after its expected
    components (line 17 on, or 19 with two inline participants)."""
    return Edit(
        TESTS,
        EXPECTED,
        EXPECTED + "      results:\n" + "".join(f"        - {e}\n" for e in entries),
    )


def credited(who: str) -> Edit:
    """Credit the transaction `T1` of `TC-AE-001` to ``who``."""
    return Edit(TESTS, "amount: 60000}", f"amount: 60000, participant: {who}}}")


A1 = "participant `A1`"
A2 = "participant `A2`"
IN_TEST = "of test case `TC-AE-001`"
WINDOW = "keep it inside the plan's effective window [2027-01-01, 2028-01-01)"

FAILING = [
    Case(
        "ROS001",
        "manager-not-on-the-roster",
        (roster(A1_MANAGER, "    manager: M10\n"),),
        (
            f"participants.yaml:10:14: error: ROS001 manager `M10` of {A1} is not on the roster; "
            "add `M10` to participants.yaml, or use the id of a participant who is; did you mean "
            "`M1`?",
        ),
    ),
    Case(
        "ROS001",
        "spell-manager-not-on-the-roster",
        (roster(SPELL_2, "      - {manager: B7, from: 2027-07-01}\n"),),
        (
            f"participants.yaml:17:19: error: ROS001 manager `B7` of {A2} is not on the roster; "
            "add `B7` to participants.yaml, or use the id of a participant who is",
        ),
    ),
    Case(
        "ROS001",
        "test-participant-manager-not-in-the-test",
        (inline("{id: P1, role: AE, manager: M1}"),),
        (
            f"tests/plan-ae.yaml:11:39: error: ROS001 manager `M1` of participant `P1` {IN_TEST} "
            "is not on the roster; add `M1` to the test's `participants`, or use the id of a "
            "participant who is",
        ),
    ),
    Case(
        "ROS002",
        "two-managers-of-each-other",
        (after(M1_HIRED, "    manager: A1\n"),),
        (
            "participants.yaml:6:14: error: ROS002 the hierarchy loops: participant `M1` reports "
            "to `A1`, who reports to `M1`; give one of them a manager outside the loop",
        ),
    ),
    Case(
        "ROS002",
        "loop-from-a-move",
        (after(M1_HIRED, "    managers:\n      - {manager: A2, from: 2027-09-01}\n"),),
        (
            "participants.yaml:7:19: error: ROS002 the hierarchy loops from 2027-09-01: "
            "participant `M1` reports to `A2`, who reports to `A1`, who reports to `M1`; give one "
            "of them a manager outside the loop",
        ),
    ),
    Case(
        "ROS002",
        "test-participant-managing-themselves",
        (inline("{id: P1, role: AE, manager: P1}"),),
        (
            f"tests/plan-ae.yaml:11:39: error: ROS002 participant `P1` {IN_TEST} is their own "
            "manager; name someone else as their manager, or no one",
        ),
    ),
    Case(
        "ROS003",
        "manager-spells-overlap",
        (roster(SPELL_1, SPELL_1.replace("to: 2027-07-01", "to: 2027-08-01")),),
        (
            f"participants.yaml:17:29: error: ROS003 manager spell 2 of {A2} starts on 2027-07-01 "
            "but manager spell 1 runs to 2027-08-01: they overlap; make it start on 2027-08-01 or "
            "later",
        ),
    ),
    Case(
        "ROS003",
        "open-manager-spell-before-another",
        (roster(SPELL_1, SPELL_1.replace(", to: 2027-07-01", "")),),
        (
            f"participants.yaml:16:9: error: ROS003 manager spell 1 of {A2} has no `to` but "
            "manager spell 2 starts on 2027-07-01: they overlap; give manager spell 1 `to: "
            "2027-07-01`",
        ),
    ),
    Case(
        "ROS003",
        "manager-spell-ends-before-it-starts",
        (roster(SPELL_1, SPELL_1.replace("to: 2027-07-01", "to: 2027-03-01")),),
        (
            f"participants.yaml:16:45: error: ROS003 manager spell 1 of {A2} runs from 2027-03-15 "
            "to 2027-03-01; `to` must be after `from` (it is the first day no longer on it)",
        ),
    ),
    Case(
        "ROS003",
        "assignments-to-one-plan-overlap",
        (after(ASSIGNMENT, "      - {plan: PLAN-AE, from: 2027-06-01}\n"),),
        (
            f"participants.yaml:19:9: error: ROS003 assignment 1 of {A2} to plan `PLAN-AE` has no "
            "`to` but assignment 2 starts on 2027-06-01: they overlap; give assignment 1 `to: "
            "2027-06-01`",
        ),
    ),
    Case(
        "ROS003",
        "leaves-before-hired",
        (after("    hire_date: 2025-06-02\n", "    leave_date: 2025-01-31\n"),),
        (
            f"participants.yaml:10:17: error: ROS003 {A1} leaves on 2025-01-31, before their hire "
            "date 2025-06-02; the leave date is the last day employed: make it the hire date or "
            "later",
        ),
    ),
    Case(
        "ROS003",
        "test-assignments-overlap",
        (
            inline(
                "{id: P1, role: AE, assignments: [{plan: PLAN-AE, to: 2027-04-01}, "
                "{plan: PLAN-AE, from: 2027-03-20}]}"
            ),
        ),
        (
            f"tests/plan-ae.yaml:11:99: error: ROS003 assignment 2 of participant `P1` {IN_TEST} "
            "to plan `PLAN-AE` starts on 2027-03-20 but assignment 1 runs to 2027-04-01: they "
            "overlap; make it start on 2027-04-01 or later",
        ),
    ),
    Case(
        "ROS003",
        "assignments-to-one-plan-from-the-same-day",
        (
            roster(
                ASSIGNMENT,
                "      - {plan: PLAN-AE, from: 2027-03-15, to: 2027-05-01}\n" + ASSIGNMENT,
            ),
        ),
        (
            f"participants.yaml:20:31: error: ROS003 assignment 2 of {A2} to plan `PLAN-AE` "
            "starts on 2027-03-15 but assignment 1 runs to 2027-05-01: they overlap; make it "
            "start on 2027-05-01 or later",
        ),
    ),
    Case(
        "ROS004",
        "assignment-to-an-unknown-plan",
        (roster(ASSIGNMENT, "      - {plan: PLAN-AX, from: 2027-03-15}\n"),),
        (
            f"participants.yaml:19:16: error: ROS004 {A2} is assigned to an unknown plan "
            "`PLAN-AX`; use the id of an existing plan; did you mean `PLAN-AE`?",
        ),
    ),
    Case(
        "ROS004",
        "test-assignment-to-an-unknown-plan",
        (inline("{id: P1, role: AE}", "{id: S1, role: SE, assignments: [{plan: PLAN-SE}]}"),),
        (
            f"tests/plan-ae.yaml:12:51: error: ROS004 participant `S1` {IN_TEST} is assigned to an "
            "unknown plan `PLAN-SE`; use the id of an existing plan; did you mean `PLAN-AE`?",
        ),
    ),
    Case(
        "ROS005",
        "assignment-before-the-hire-date",
        (roster(ASSIGNMENT, "      - {plan: PLAN-AE, from: 2027-03-01}\n"),),
        (
            f"participants.yaml:19:31: warning: ROS005 assignment 1 of {A2} to plan `PLAN-AE` "
            "starts on 2027-03-01, before their hire date 2027-03-15; start it on 2027-03-15 or "
            "later (or leave out `from`)",
        ),
        exit_code=0,
    ),
    Case(
        "ROS005",
        "assignment-after-the-leave-date",
        (
            after(A2_HIRED, "    leave_date: 2027-05-31\n"),
            roster(ASSIGNMENT, "      - {plan: PLAN-AE, from: 2027-03-15, to: 2027-07-01}\n"),
        ),
        (
            f"participants.yaml:20:47: warning: ROS005 assignment 1 of {A2} to plan `PLAN-AE` "
            "runs to 2027-07-01, after their leave date 2027-05-31 (their last day); make `to` "
            "2027-06-01 or earlier (or leave it out)",
        ),
        exit_code=0,
    ),
    Case(
        "ROS005",
        "assignment-after-the-plan-ends",
        (roster(ASSIGNMENT, "      - {plan: PLAN-AE, from: 2027-03-15, to: 2028-04-01}\n"),),
        (
            f"participants.yaml:19:47: warning: ROS005 assignment 1 of {A2} to plan `PLAN-AE` "
            f"runs to 2028-04-01, after the plan ends; {WINDOW} (or leave out `to`)",
        ),
        exit_code=0,
    ),
    Case(
        "ROS005",
        "test-assignment-before-the-plan-starts",
        (inline("{id: P1, role: AE, assignments: [{plan: PLAN-AE, from: 2026-12-01}]}"),),
        (
            f"tests/plan-ae.yaml:11:66: warning: ROS005 assignment 1 of participant `P1` "
            f"{IN_TEST} to plan `PLAN-AE` starts on 2026-12-01, before the plan starts; {WINDOW} "
            "(or leave out `from`)",
        ),
        exit_code=0,
    ),
    Case(
        "ROS005",
        "assignment-after-a-one-day-employment",
        (
            after(A2_HIRED, "    leave_date: 2027-03-15\n"),
            roster(ASSIGNMENT, "      - {plan: PLAN-AE, from: 2027-03-15, to: 2027-04-01}\n"),
        ),
        (
            f"participants.yaml:20:47: warning: ROS005 assignment 1 of {A2} to plan `PLAN-AE` "
            "runs to 2027-04-01, after their leave date 2027-03-15 (their last day); make `to` "
            "2027-03-16 or earlier (or leave it out)",
        ),
        exit_code=0,
    ),
    Case(
        "ROS005",
        "assignment-from-the-day-the-plan-ends",
        (roster(ASSIGNMENT, "      - {plan: PLAN-AE, from: 2028-01-01}\n"),),
        (
            f"participants.yaml:19:31: warning: ROS005 assignment 1 of {A2} to plan `PLAN-AE` "
            f"starts on 2028-01-01, after the plan ends; {WINDOW}",
        ),
        exit_code=0,
    ),
    Case(
        "ROS005",
        "assignment-to-the-day-the-plan-starts",
        (after(M1_HIRED, "    assignments:\n      - {plan: PLAN-AE, to: 2027-01-01}\n"),),
        (
            "participants.yaml:7:29: warning: ROS005 assignment 1 of participant `M1` to plan "
            f"`PLAN-AE` ends on 2027-01-01, before the plan starts; {WINDOW}",
        ),
        exit_code=0,
    ),
    Case(
        "ROS006",
        "participant-twice",
        (added("  - id: A1\n    role: AE\n"),),
        (
            "participants.yaml:20:9: error: ROS006 duplicate participant id `A1` (first used at "
            "participants.yaml:6); give each participant their own id",
        ),
    ),
    Case(
        "ROS006",
        "test-participant-twice",
        (inline("{id: P1, role: AE}", "{id: P1, role: AE}"),),
        (
            "tests/plan-ae.yaml:12:16: error: ROS006 duplicate participant id `P1` (first used at "
            "tests/plan-ae.yaml:11); give each participant their own id",
        ),
    ),
    Case(
        "ROS007",
        "role-no-plan-names",
        (added("  - id: S1\n    role: ae\n"),),
        (
            "participants.yaml:21:11: warning: ROS007 participant `S1` has role `ae`, which no "
            "plan's eligibility names, and no assignments: they would be paid nothing; give "
            "them `assignments`, or an eligible role; did you mean `AE`?",
        ),
        exit_code=0,
    ),
    Case(
        "ROS007",
        "no-role-and-no-assignment",
        (added("  - id: S1\n    name: Hal Ruiz\n"),),
        (
            "participants.yaml:20:9: warning: ROS007 participant `S1` has no role and no "
            "assignments: they would be paid nothing; give them `assignments`, or a `role` a "
            "plan's eligibility names",
        ),
        exit_code=0,
    ),
    Case(
        "ROS008",
        "roster-taken-but-empty",
        (roster(ROSTER, "participants: []\n"), given("      roster: true\n")),
        (
            "tests/plan-ae.yaml:10:15: error: ROS008 test case `TC-AE-001` takes the program's "
            "roster (`roster: true`), but the program has no participants.yaml, or it lists no "
            "one; add the roster, or give the test its own `participants`",
        ),
    ),
    Case(
        "ROS008",
        "result-for-someone-not-in-the-test",
        (
            inline("{id: P1, role: AE, manager: M1}", "{id: M1, role: AE}"),
            results("{period: 2027-03, participant: M2}"),
        ),
        (
            "tests/plan-ae.yaml:19:42: error: ROS008 expected result 1 of test case `TC-AE-001` "
            "is for participant `M2`, who is not among the test's participants; use the id of one "
            "of them",
        ),
    ),
    Case(
        "ROS008",
        "own-participants-and-the-roster",
        (given("      roster: true\n      participants:\n        - {id: P1, role: AE}\n"),),
        (
            "tests/plan-ae.yaml:10:15: error: ROS008 test case `TC-AE-001` gives its own "
            "`participants` and takes the program's roster (`roster: true`); only its own "
            "would be used: remove one of them",
        ),
    ),
    Case(
        "ROS008",
        "transaction-for-someone-not-in-the-test",
        (
            Edit(
                TESTS,
                "{id: T1, date: 2027-03-10, amount: 60000}",
                "{id: T1, date: 2027-03-10, amount: 60000, participant: P2}",
            ),
        ),
        (
            "tests/plan-ae.yaml:12:66: error: ROS008 transaction 1 of test case `TC-AE-001` is "
            "credited to `P2`, who is not among the test's participants, so it would be "
            "credited to no one; use the id of one of them",
        ),
    ),
    Case(
        "ROS008",
        "transaction-for-someone-not-on-the-roster",
        (given("      roster: true\n      participant: {id: A1, role: AE}\n"), credited("Z9")),
        (
            "tests/plan-ae.yaml:13:66: error: ROS008 transaction 1 of test case `TC-AE-001` is "
            "credited to `Z9`, who is not among the test's participants, so it would be "
            "credited to no one; use the id of one of them",
        ),
    ),
    Case(
        "ROS008",
        "result-for-an-unknown-plan",
        (results("{period: 2027-03, plan: PLAN-A}"),),
        (
            "tests/plan-ae.yaml:17:35: error: ROS008 expected result 1 of test case `TC-AE-001` "
            "is for an unknown plan `PLAN-A`; use the id of an existing plan; did you mean "
            "`PLAN-AE`?",
        ),
    ),
]

PASSING = [
    # a test's participants may be there for the hierarchy only (the reps under a manager)
    Case(
        "ROS007",
        "test-participant-on-another-plan's-role",
        (inline("{id: P1, role: AE}", "{id: S1, role: SE}"),),
    ),
    Case("ROS001", "managers-on-the-roster", ()),
    Case(
        "ROS001",
        "test-participants-with-their-manager",
        (inline("{id: P1, role: AE, manager: M1}", "{id: M1, role: AE}"),),
    ),
    Case(
        "ROS002",
        "manager-reporting-to-a-report-before-the-report-joins-them",
        (
            after(
                M1_HIRED,
                "    managers:\n      - {manager: A2, from: 2027-01-01, to: 2027-03-15}\n",
            ),
        ),
    ),
    Case(
        "ROS003",
        "back-on-a-plan-after-a-break",
        (
            roster(
                ASSIGNMENT,
                "      - {plan: PLAN-AE, from: 2027-03-15, to: 2027-06-01}\n"
                "      - {plan: PLAN-AE, from: 2027-09-01}\n",
            ),
            after("    hire_date: 2025-06-02\n", "    leave_date: 2027-12-31\n"),
        ),
    ),
    Case(
        "ROS004",
        "test-assignment-to-the-plan",
        (inline("{id: P1, role: AE, assignments: [{plan: PLAN-AE}]}"),),
    ),
    Case(
        "ROS005",
        "assignment-to-the-leave-date",
        (
            after(A2_HIRED, "    leave_date: 2027-06-30\n"),
            roster(ASSIGNMENT, "      - {plan: PLAN-AE, from: 2027-03-15, to: 2027-07-01}\n"),
        ),
    ),
    Case(
        "ROS005",
        "assignment-from-the-leave-date",
        (
            after(A2_HIRED, "    leave_date: 2027-06-30\n"),
            roster(ASSIGNMENT, "      - {plan: PLAN-AE, from: 2027-06-30}\n"),
        ),
    ),
    Case("ROS006", "distinct-ids", (added("  - id: A3\n    role: AE\n"),)),
    Case(
        "ROS007",
        "no-role-but-an-assignment",
        (added("  - id: S1\n    assignments:\n      - {plan: PLAN-AE}\n"),),
    ),
    Case(
        "ROS007",
        "test-participant-without-role-on-the-test's-plan",
        (inline("{id: P1}"),),
    ),
    Case(
        "ROS008",
        "transaction-for-the-test's-participant",
        (
            Edit(
                TESTS,
                "{id: T1, date: 2027-03-10, amount: 60000}",
                "{id: T1, date: 2027-03-10, amount: 60000, participant: P1}",
            ),
        ),
    ),
    Case(
        "ROS008",
        "results-for-the-roster",
        (
            given("      roster: true\n      participant: {id: A1, role: AE}\n"),
            results("{period: 2027-03, participant: A1, plan: PLAN-AE, payout: 5200.00}"),
        ),
    ),
]


test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "ROS", FAILING, PASSING
)


@pytest.fixture
def program(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The minimal program with the roster :data:`ROSTER`, as the current folder (in place
    of the `program` fixture of tests/checks/conftest.py, for this module only)."""
    (minimal_program / ROSTER_FILE).write_text(ROSTER, encoding="utf-8")
    monkeypatch.chdir(minimal_program)
    return minimal_program


def test_roster_taken_without_participants_file(program: Path, check_after: CheckAfter) -> None:
    (program / ROSTER_FILE).unlink()
    case = next(c for c in FAILING if c.name == "roster-taken-but-empty")
    assert_reports(check_after(case.edits[1:]), case)


def test_leaving_before_being_hired_is_not_also_judged_against_the_assignments(
    program: Path, check_after: CheckAfter
) -> None:
    # A2's assignment starts after this leave date, but the dates out of order are the fault
    result = check_after((after(A2_HIRED, "    leave_date: 2027-03-01\n"),))
    assert result.output.splitlines()[:-1] == [
        f"participants.yaml:15:17: error: ROS003 {A2} leaves on 2027-03-01, before their hire "
        "date 2027-03-15; the leave date is the last day employed: make it the hire date or "
        "later"
    ]


def test_assignments_are_not_judged_against_a_plan_window_that_is_empty(
    program: Path, check_after: CheckAfter
) -> None:
    empty = Edit("plans/ae.yaml", "to: 2028-01-01}", "to: 2027-01-01}")
    result = check_after((empty,))
    assert "plans/ae.yaml:4:37: error: PLN004 plan `PLAN-AE` runs from 2027-01-01 to " in (
        result.output
    )
    assert " ROS005 " not in result.output, result.output


TAKES_ROSTER = given("      roster: true\n      participant: {id: A1, role: AE}\n")


def ros008_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if " ROS008 " in line]


def test_an_empty_roster_is_the_one_complaint_of_a_test_that_takes_it(
    program: Path, check_after: CheckAfter
) -> None:
    # with no one on the roster, whom a transaction is credited to cannot be judged
    result = check_after((roster(ROSTER, "participants: []\n"), TAKES_ROSTER, credited("Z9")))
    assert result.exit_code == 1, result.output
    assert ros008_lines(result.output) == [
        "tests/plan-ae.yaml:10:15: error: ROS008 test case `TC-AE-001` takes the program's "
        "roster (`roster: true`), but the program has no participants.yaml, or it lists no "
        "one; add the roster, or give the test its own `participants`"
    ]


def test_a_roster_that_did_not_load_whole_does_not_judge_whom_transactions_are_credited_to(
    program: Path, check_after: CheckAfter
) -> None:
    # A3 did not load: a transaction for them, or for anyone, may be right
    broken = added("  - id: A3\n    role: AE\n    hire_date: someday\n")
    result = check_after((broken, TAKES_ROSTER, credited("Z9")))
    assert result.exit_code == 1, result.output
    assert "participants.yaml:22:16: error: SCH003 `hire_date`" in result.output
    assert ros008_lines(result.output) == []
