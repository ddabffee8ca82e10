"""Why the engine could not compute a result."""

from __future__ import annotations


class EngineError(ValueError):
    """The plan or the inputs do not say enough to compute a result (the message says what)."""
