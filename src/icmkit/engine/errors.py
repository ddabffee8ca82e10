"""Why the engine could not compute a result."""

from __future__ import annotations


class EngineError(ValueError):
    """The plan or the inputs do not say enough to compute a result (the message says what)."""


class SeatError(EngineError):
    """An EngineError met computing one participant on one plan: the message is the
    engine's; ``participant`` and ``plan`` say whose seat it was."""

    def __init__(self, message: str, participant: str, plan: str) -> None:
        super().__init__(message)
        self.participant = participant
        self.plan = plan
