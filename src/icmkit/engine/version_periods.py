"""VER004: a plan version that starts inside a calculation period.

A calculation period is computed on the version in force on its first day (a period is never
split), so a version dated the 15th of a monthly plan changes nothing until the 1st of the
next month. That is the documented rule, but an author who wrote the 15th meant the 15th:
the rule says when the version really applies. It sits at the engine layer because the
periods are the engine calendar's (fiscal year, week start, bi-weekly anchor).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.engine.case_setup import calendar_of
from icmkit.engine.errors import EngineError
from icmkit.model.findings import Severity
from icmkit.model.program_bundle import Program


@rule("VER004", Severity.WARNING, "plan version that starts inside a calculation period")
def versions_inside_periods(program: Program) -> Iterator[Hit]:
    calendar = calendar_of(program)
    for plan in program.plans:
        frequency = plan.payment.calculation or plan.payment.frequency
        for index, version in enumerate(plan.versions, start=2):
            try:
                period = calendar.period_of(frequency, version.from_)
            except EngineError:
                continue  # a calendar the engine cannot cut is reported where it is run
            if period.window.start == version.from_:
                continue
            last = period.window.end - timedelta(days=1)
            yield hit(
                f"version {index} of plan `{plan.id}` starts on {version.from_}, inside the "
                f"{frequency.value.replace('_', '-')} period {period.label} "
                f"({period.window.start} to {last}): a period is computed on the version in "
                f"force on its first day, so this version applies from {period.window.end}; "
                "start it on the first day of a period",
                version.where,
                "from",
            )


RULES: tuple[Rule, ...] = (versions_inside_periods,)
