"""Which requirements a status view shows: by phase, category, owner, kind and status."""

from __future__ import annotations

from dataclasses import dataclass

from icmkit.model.requirements import FunctionalRequirement, Kind, Status


@dataclass(frozen=True)
class StatusFilter:
    """Narrowing options; ``None`` means "any". ``open_only`` keeps work not yet accepted."""

    phase: int | None = None
    category: str | None = None
    owner: str | None = None
    kind: Kind | None = None
    status: Status | None = None
    open_only: bool = False

    @property
    def narrows_requirements(self) -> bool:
        """Whether anything other than the phase narrows the requirement rows."""
        return any(
            (
                self.category is not None,
                self.owner is not None,
                self.kind is not None,
                self.status is not None,
                self.open_only,
            )
        )

    @property
    def active(self) -> bool:
        return self.phase is not None or self.narrows_requirements

    def matches(self, requirement: FunctionalRequirement) -> bool:
        if self.phase is not None and requirement.phase != self.phase:
            return False
        if self.category is not None and requirement.category != self.category:
            return False
        if self.owner is not None and requirement.owner != self.owner:
            return False
        if self.kind is not None and requirement.kind is not self.kind:
            return False
        if self.status is not None and requirement.status is not self.status:
            return False
        return not (self.open_only and not is_open(requirement))

    def to_dict(self) -> dict[str, object]:
        return {
            "phase": self.phase,
            "category": self.category,
            "owner": self.owner,
            "kind": self.kind.value if self.kind is not None else None,
            "status": self.status.value if self.status is not None else None,
            "open": self.open_only,
        }


def is_open(requirement: FunctionalRequirement) -> bool:
    """Still to deliver: not accepted yet, and not deferred."""
    return requirement.status not in (Status.ACCEPTED, Status.DEFERRED)


def select(
    requirements: list[FunctionalRequirement], chosen: StatusFilter
) -> list[FunctionalRequirement]:
    """The requirements ``chosen`` lets through, in file order."""
    return [r for r in requirements if chosen.matches(r)]
