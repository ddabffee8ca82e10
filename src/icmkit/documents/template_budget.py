"""What rendering one document may spend, so a hostile template ends with one clear error
instead of hanging, filling the memory or overflowing the stack.

A template from a program's ``templates/`` folder runs in the sandbox, which keeps it away
from Python's internals, but not from loops over loops, a list that grows while it is walked,
a macro or include that calls itself, or ``'x' * 10**9``. Each document's render gets a fresh
:class:`Budget`:

* **steps**: every loop iteration is one step; every call (a macro, a method, ``loop()`` in
  a recursive loop) and every template entered (an include, a parent template, an import) is
  :data:`CALL_STEPS` steps, as it costs about that many iterations;
* **depth**: calls and templates in progress, one inside the other;
* **size**: characters of the document written so far, and of any one text a template
  builds, and items of any one list or mapping (checked before the value is built when its
  size is known in advance, else right after);
* **time**: wall-clock seconds for the document, checked as steps are taken.

The packaged templates use a small fraction of each (see ``tests/documents``).
Standard library only; the sandbox (``icmkit.documents.sandbox``) calls these checks.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final

_TIME_EVERY: Final = 1024
"""Steps between two looks at the clock."""
CALL_STEPS: Final = 5
"""Steps a call or a template entered counts for."""


@dataclass(frozen=True)
class RenderLimits:
    """The budget of rendering one document."""

    max_steps: int = 3_000_000
    """Loop iterations, calls and templates entered, together."""
    max_depth: int = 40
    """Calls and templates in progress inside one another (a macro calling itself)."""
    max_size: int = 100_000_000
    """Characters of the document, and of any one text built while rendering it (the largest
    document of a program of 10,000 requirements has about 9 million)."""
    max_items: int = 2_000_000
    """Items of any one list or mapping built while rendering."""
    max_seconds: float = 60.0
    """Wall-clock time for the document."""
    max_int_bits: int = 100_000
    """Largest whole number a template may compute (``10**10**9`` would never end)."""


DEFAULT_RENDER_LIMITS: Final = RenderLimits()


class BudgetExceeded(Exception):
    """A template went over its budget; the message says which part and what to look for."""


class Budget:
    """The running count of one document's render against its :class:`RenderLimits`."""

    def __init__(self, limits: RenderLimits = DEFAULT_RENDER_LIMITS) -> None:
        self.limits = limits
        self.steps = 0
        self.depth = 0
        self.size = 0
        self._deadline = time.monotonic() + limits.max_seconds

    def restart(self) -> None:
        """Start counting for the next document."""
        self.steps = 0
        self.depth = 0
        self.size = 0
        self._deadline = time.monotonic() + self.limits.max_seconds

    def step(self, weight: int = 1) -> None:
        before = self.steps
        self.steps += weight
        if self.steps > self.limits.max_steps:
            raise BudgetExceeded(
                f"rendering took more than {self.limits.max_steps:,} steps (loop iterations "
                "and calls); look for nested loops, a loop over a list that grows, or a "
                "macro or include that repeats itself"
            )
        if self.steps // _TIME_EVERY != before // _TIME_EVERY and time.monotonic() > self._deadline:
            raise BudgetExceeded(
                f"rendering took more than {self.limits.max_seconds:g} seconds; look for "
                "loops over large lists"
            )

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """``iterable``, one step per item (the loops of a template walk through this)."""
        for item in iterable:
            self.step()
            yield item

    def enter(self) -> None:
        """One more call or template in progress (:data:`CALL_STEPS` steps)."""
        self.step(CALL_STEPS)
        self.depth += 1
        if self.depth > self.limits.max_depth:
            raise BudgetExceeded(
                f"calls and includes nested more than {self.limits.max_depth} deep; look for "
                "a macro that calls itself, or a template that includes or extends itself"
            )

    def leave(self) -> None:
        self.depth -= 1

    def wrote(self, text: str) -> None:
        """Count ``text`` written to the document."""
        self.size += len(text)
        if self.size > self.limits.max_size:
            raise self.too_big("the document")

    def check_size(self, size: int, what: str = "a value") -> None:
        """Refuse a text or list of ``size`` items before (or after) it is built."""
        if size > self.limits.max_size:
            raise self.too_big(what)

    def check_items(self, count: int) -> None:
        if count > self.limits.max_items:
            raise BudgetExceeded(
                f"a list or mapping of more than {self.limits.max_items:,} items; look for a "
                "list repeated, or grown in a loop"
            )

    def check_value(self, value: object) -> None:
        """Refuse a text, list or mapping built over the budget."""
        if isinstance(value, str | bytes):
            self.check_size(len(value))
        elif isinstance(value, list | tuple | dict | set | frozenset):
            self.check_items(len(value))

    def check_int(self, bits: int) -> None:
        if bits > self.limits.max_int_bits:
            raise BudgetExceeded(
                f"a number of more than {self.limits.max_int_bits:,} bits; templates compute "
                "with the program's numbers, not astronomical ones"
            )

    def too_big(self, what: str) -> BudgetExceeded:
        return BudgetExceeded(
            f"{what} would be larger than {self.limits.max_size:,} characters; look for "
            "text repeated or padded to a huge size"
        )
