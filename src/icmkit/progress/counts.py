"""Progress of a set of requirements: how many are accepted and tested, deferred left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from icmkit.model.requirements import FunctionalRequirement, Status

TESTED_OR_BETTER = frozenset({Status.TESTED, Status.ACCEPTED})


@dataclass(frozen=True)
class Progress:
    """``total`` counts requirements that are not deferred; ``deferred`` the others."""

    total: int = 0
    accepted: int = 0
    tested: int = 0
    deferred: int = 0

    @property
    def share(self) -> float:
        """Share of non-deferred requirements accepted (0.0 to 1.0; 0.0 when there are none)."""
        return self.accepted / self.total if self.total else 0.0

    @property
    def tested_share(self) -> float:
        return self.tested / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        """Accepted share as a whole percentage, rounded down so 100 means all accepted."""
        return self.accepted * 100 // self.total if self.total else 0

    def to_dict(self) -> dict[str, object]:
        return {
            "total": self.total,
            "accepted": self.accepted,
            "tested": self.tested,
            "deferred": self.deferred,
            "percent": self.percent,
        }


def progress_of(requirements: Iterable[FunctionalRequirement]) -> Progress:
    """Accepted and tested (tested or accepted) counts among non-deferred requirements."""
    total = accepted = tested = deferred = 0
    for requirement in requirements:
        if requirement.status is Status.DEFERRED:
            deferred += 1
            continue
        total += 1
        if requirement.status is Status.ACCEPTED:
            accepted += 1
        if requirement.status in TESTED_OR_BETTER:
            tested += 1
    return Progress(total, accepted, tested, deferred)
