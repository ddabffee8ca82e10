"""Test cases still to deal with: those that failed and those that have not run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from icmkit.model.program_bundle import Program
from icmkit.model.testing import Stage, TestCase, TestStatus
from icmkit.progress.checklist import one_line

ATTENTION = (TestStatus.FAILED, TestStatus.NOT_RUN)


@dataclass(frozen=True)
class TestRow:
    id: str
    title: str
    stage: Stage
    status: TestStatus
    verifies: tuple[str, ...]

    __test__ = False  # not a pytest test class

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "stage": self.stage.value,
            "status": self.status.value,
            "verifies": list(self.verifies),
        }

    @classmethod
    def of(cls, case: TestCase) -> TestRow:
        title = one_line(case.title)
        return cls(case.id, title, case.stage, case.status, tuple(case.verifies))


def tests_needing_attention(
    program: Program, requirement_ids: Iterable[str] | None = None
) -> list[TestRow]:
    """Failed test cases first, then those not run, each in file order.

    With ``requirement_ids``, only test cases verifying at least one of them are listed.
    """
    wanted = set(requirement_ids) if requirement_ids is not None else None
    rows: list[TestRow] = []
    for status in ATTENTION:
        for case in program.test_cases:
            if case.status is not status:
                continue
            if wanted is not None and not wanted.intersection(case.verifies):
                continue
            rows.append(TestRow.of(case))
    return rows
