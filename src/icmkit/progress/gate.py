"""What blocks leaving a phase: open exit criteria, must-haves not tested, failing tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from icmkit.model.program_bundle import Program
from icmkit.model.requirements import Priority, Status
from icmkit.model.testing import TestStatus
from icmkit.progress.acceptance import LetterRow, acceptance_progress, go_live
from icmkit.progress.checklist import (
    NOT_IN_TIMELINE,
    CheckItem,
    RequirementRow,
    one_line,
    timeline_phases,
)
from icmkit.progress.counts import TESTED_OR_BETTER
from icmkit.progress.open_tests import TestRow


@dataclass(frozen=True)
class GateReport:
    phase: int
    name: str
    exit_criteria: list[CheckItem] = field(default_factory=list)
    requirements: list[RequirementRow] = field(default_factory=list)
    failing_tests: list[TestRow] = field(default_factory=list)
    letters: list[LetterRow] = field(default_factory=list)
    """At the go-live gate: participants on a plan at go-live without their current letter
    accepted."""

    @property
    def blocked(self) -> bool:
        return bool(self.exit_criteria or self.requirements or self.failing_tests or self.letters)

    @property
    def blocker_count(self) -> int:
        return (
            len(self.exit_criteria)
            + len(self.requirements)
            + len(self.failing_tests)
            + len(self.letters)
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "phase": self.phase,
            "name": self.name,
            "can_close": not self.blocked,
            "blockers": {
                "exit_criteria": [c.to_dict() for c in self.exit_criteria],
                "requirements": [r.to_dict() for r in self.requirements],
                "failing_tests": [t.to_dict() for t in self.failing_tests],
                "letters_not_accepted": [x.to_dict() for x in self.letters],
            },
        }


def gate_report(program: Program, number: int) -> GateReport:
    """Blockers of leaving phase ``number`` (the caller checks that the phase exists).

    Blocking: exit criteria not done; must-have requirements of the phase that are neither
    tested nor accepted (deferred ones excluded); failed test cases verifying a requirement
    of the phase; and at the go-live gate (see ``acceptance.go_live``), the letters of
    participants on a plan at go-live or later that are not accepted in their current version.
    """
    phase = timeline_phases(program).get(number)
    criteria = (
        [CheckItem(one_line(c.text), False) for c in phase.exit_criteria if not c.done]
        if phase is not None
        else []
    )
    of_phase = [r for r in program.requirements if r.phase == number]
    musts = [
        RequirementRow.of(r)
        for r in of_phase
        if r.priority is Priority.MUST
        and r.status is not Status.DEFERRED
        and r.status not in TESTED_OR_BETTER
    ]
    ids = {r.id for r in of_phase}
    failing = [
        TestRow.of(case)
        for case in program.test_cases
        if case.status is TestStatus.FAILED and ids.intersection(case.verifies)
    ]
    name = one_line(phase.name) if phase is not None else NOT_IN_TIMELINE
    letters: list[LetterRow] = []
    live = go_live(program)
    if live is not None and live[0] == number:
        progress = acceptance_progress(program, live[1])
        letters = progress.waiting if progress is not None else []
    return GateReport(number, name, criteria, musts, failing, letters)
