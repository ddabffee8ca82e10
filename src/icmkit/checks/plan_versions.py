"""VER001-VER003: a plan's versions follow each other inside the plan's window and say what
changes.

VER004 (a version starting inside a calculation period) needs the engine's calendar: it is in
``engine/version_periods.py``. The terms of each version are judged by the plan rules
themselves (PLN, REF001), which look at every version as it stands
(``model.plan_versions.every_version``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.findings import Severity
from icmkit.model.plan_versions import versions_of
from icmkit.model.program_bundle import Program

_CONTENT_KEYS = frozenset(
    {
        "description",
        "eligibility",
        "target_incentive",
        "measures",
        "quotas",
        "components",
        "remove_components",
        "draw",
        "clawback",
        "proration",
    }
)
"""The keys of a version that change the plan (``from``, ``label`` and ``reason`` do not)."""


@rule("VER001", Severity.ERROR, "plan versions out of order or outside the plan's dates")
def version_dates(program: Program) -> Iterator[Hit]:
    for plan in program.plans:
        previous = plan.effective.from_
        for index, version in enumerate(plan.versions, start=2):
            where = version.where
            if version.from_ <= previous:
                yield hit(
                    f"version {index} of plan `{plan.id}` starts on {version.from_}, not after "
                    f"the version before it ({previous}); list versions oldest first, each "
                    "starting after the plan's start",
                    where,
                    "from",
                )
            elif plan.effective.to is not None and version.from_ >= plan.effective.to:
                yield hit(
                    f"version {index} of plan `{plan.id}` starts on {version.from_}, when the "
                    f"plan has ended ({plan.effective.to} is its first day no longer in effect)",
                    where,
                    "from",
                )
            previous = max(previous, version.from_)


@rule("VER002", Severity.ERROR, "plan version removes a component the plan does not have")
def removed_components(program: Program) -> Iterator[Hit]:
    for plan in program.plans:
        if not plan.versions:
            continue
        versions = versions_of(plan)
        for before, version in itertools.pairwise(versions):
            change = version.change
            assert change is not None
            had = {c.id for c in before.plan.components}
            for index, ident in enumerate(change.remove_components):
                if ident not in had:
                    listed = ", ".join(sorted(had)) or "none"
                    yield hit(
                        f"{version.label} of plan `{plan.id}` removes component `{ident}`, "
                        f"which {before.label.lower()} does not have (it has: {listed})",
                        change.where,
                        "remove_components",
                        index,
                    )
            if not version.plan.components:
                yield hit(
                    f"{version.label} of plan `{plan.id}` removes every component; a plan "
                    "needs at least one (end the plan with `effective.to` instead)",
                    change.where,
                    "remove_components",
                )


@rule("VER003", Severity.WARNING, "plan version that changes nothing")
def empty_versions(program: Program) -> Iterator[Hit]:
    for plan in program.plans:
        for index, version in enumerate(plan.versions, start=2):
            if not version.model_fields_set & _CONTENT_KEYS:
                yield hit(
                    f"version {index} of plan `{plan.id}` changes nothing: give the components, "
                    "quotas, target incentive or other terms that change from "
                    f"{version.from_}",
                    version.where,
                    "from",
                    key=True,
                )


RULES: tuple[Rule, ...] = (version_dates, removed_components, empty_versions)
