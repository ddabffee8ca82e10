"""A requirement's kind, priority and status: plain enumerations (no pydantic), so the
command line can offer them as choices without loading the models."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """How a functional requirement is documented (the lean method)."""

    STANDARD = "standard"
    """Met out of the box: listed as a checklist line, never specified."""
    UNIQUE = "unique"
    """The customer's own data, logic, rules or reports: spec, user stories, criteria."""
    ASSISTED = "assisted"
    """Help the implementer gives, with a number of hours."""


class Priority(StrEnum):
    MUST = "must"
    SHOULD = "should"
    COULD = "could"
    WONT = "wont"


class Status(StrEnum):
    PROPOSED = "proposed"
    AGREED = "agreed"
    CONFIGURED = "configured"
    TESTED = "tested"
    ACCEPTED = "accepted"
    DEFERRED = "deferred"


STATUS_ORDER: dict[Status, int] = {
    Status.PROPOSED: 0,
    Status.AGREED: 1,
    Status.CONFIGURED: 2,
    Status.TESTED: 3,
    Status.ACCEPTED: 4,
    Status.DEFERRED: -1,
}
