"""TML rules: phases in order, milestones inside them, hours within their budgets."""

from __future__ import annotations

from tests.checks.conftest import (
    Case,
    Edit,
    rule_tests,
)

TIMELINE = "timeline.yaml"
MILESTONE = "date: 2027-05-03, phase: 4}"
ASSIST = "    - {id: BUD-ASSIST, name: Assistance, kind: assistance, hours: 20}\n"
SUPPORT = "    - {id: BUD-SUPPORT, name: Go-live support, kind: support, hours: 40, phase: 4}\n"
ASSISTED = "    hours: 4\n    phase: 3\n    status: proposed\n"
RAISE = "raise the budget, or cut or defer assisted hours"


def timeline(old: str, new: str) -> Edit:
    return Edit(TIMELINE, old, new)


FAILING = [
    Case(
        "TML001",
        "phase-numbered-out-of-order",
        (timeline("    - number: 2\n", "    - number: 5\n"),),
        (
            "timeline.yaml:9:15: error: TML001 phase `Design revision and pre-production` is "
            "number 5 but is phase 2 in the list; number the phases 1, 2, 3, … in the order they "
            "run",
        ),
    ),
    Case(
        "TML001",
        "phase-ends-before-it-starts",
        (timeline("      end: 2027-02-12\n", "      end: 2027-01-01\n"),),
        (
            "timeline.yaml:6:12: error: TML001 phase 1 ends on 2027-01-01, before it starts "
            "(2027-01-04); fix `start` or `end`",
        ),
    ),
    Case(
        "TML001",
        "phases-overlap",
        (timeline("      start: 2027-02-15\n", "      start: 2027-02-12\n"),),
        (
            "timeline.yaml:11:14: error: TML001 phase 2 starts on 2027-02-12 but phase 1 ends on "
            "2027-02-12; start each phase after the previous one ends",
        ),
    ),
    Case(
        "TML002",
        "milestone-after-the-program",
        (timeline(MILESTONE, "date: 2027-08-02, phase: 4}"),),
        (
            "timeline.yaml:22:44: warning: TML002 milestone `MS-GOLIVE` on 2027-08-02 is "
            "outside the program (2027-01-04 to 2027-07-30); move it or the phases",
        ),
        exit_code=0,
    ),
    Case(
        "TML002",
        "milestone-in-unknown-phase",
        (timeline(MILESTONE, "date: 2027-05-03, phase: 5}"),),
        (
            "timeline.yaml:22:63: warning: TML002 milestone `MS-GOLIVE` names phase 5, which "
            "the timeline does not have; use one of 1, 2, 3, 4",
        ),
        exit_code=0,
    ),
    Case(
        "TML003",
        "over-the-program-budget",
        (Edit("requirements/core.yaml", "    hours: 4\n", "    hours: 30\n"),),
        (
            "timeline.yaml:24:67: warning: TML003 assisted requirements need 30 hours but the "
            f"program's assistance budget (`BUD-ASSIST`) holds 20 hours; {RAISE}",
        ),
        exit_code=0,
    ),
    Case(
        "TML003",
        "over-the-phase-budget",
        (timeline("hours: 20}", "hours: 2, phase: 3}"),),
        (
            "timeline.yaml:24:67: warning: TML003 assisted requirements of phase 3 need 4 hours "
            f"but the assistance budget of phase 3 (`BUD-ASSIST`) holds 2 hours; {RAISE}",
        ),
        exit_code=0,
    ),
    Case(
        "TML003",
        "no-assistance-budget",
        (timeline(ASSIST, ""),),
        (
            "timeline.yaml:23:3: warning: TML003 assisted requirements need 4 hours but there "
            "is no assistance budget for them; add a budget with `kind: assistance`",
        ),
        exit_code=0,
    ),
    Case(
        "TML004",
        "requirement-in-unknown-phase",
        (Edit("requirements/core.yaml", "    phase: 1\n", "    phase: 5\n"),),
        (
            "requirements/core.yaml:6:12: error: TML004 requirement `FR-DI-001` is in phase 5, "
            "which the timeline does not have; use one of 1, 2, 3, 4",
        ),
    ),
    Case(
        "TML005",
        "no-support-budget",
        (timeline(SUPPORT, ""),),
        (
            "timeline.yaml:23:3: warning: TML005 the timeline has no go-live support hours; add "
            "a budget with `kind: support` and the hours agreed for go-live and the first "
            "months",
        ),
        exit_code=0,
    ),
]

PASSING = [
    Case(
        "TML001",
        "phase-starts-the-day-after",
        (timeline("      start: 2027-02-15\n", "      start: 2027-02-13\n"),),
    ),
    Case(
        "TML002", "milestone-on-the-last-day", (timeline(MILESTONE, "date: 2027-07-30, phase: 4}"),)
    ),
    Case(
        "TML003",
        "deferred-hours-do-not-count",
        (
            Edit(
                "requirements/core.yaml",
                ASSISTED,
                "    hours: 30\n    phase: 3\n    status: deferred\n",
            ),
        ),
    ),
    Case(
        "TML003",
        "exactly-the-budget",
        (Edit("requirements/core.yaml", "    hours: 4\n", "    hours: 20\n"),),
    ),
    Case(
        "TML003",
        "exactly-the-phase-budget",
        (timeline("hours: 20}", "hours: 4, phase: 3}"),),
    ),
    Case(
        "TML004",
        "requirement-in-last-phase",
        (Edit("requirements/core.yaml", "    phase: 1\n", "    phase: 4\n"),),
    ),
    Case(
        "TML005", "program-wide-support-budget", (timeline("hours: 40, phase: 4}", "hours: 40}"),)
    ),
]


test_reports, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "TML", FAILING, PASSING
)
