"""PLN009: a filter or condition tests a field that no transaction carries.

A measure's filter, a multiplier's ``when`` or a SPIFF's ``when`` on a field that is never
there matches nothing, silently: the component pays 0. A field is carried when a transaction
of some test case has it (as an attribute or a built-in field) or a data source lists it
(case aside, and with a trailing ``__c`` of a Salesforce custom field left off).
"""

from __future__ import annotations

from collections.abc import Iterator

from icmkit.checks.rules import Hit, Rule, hit, rule
from icmkit.model.findings import Severity
from icmkit.model.plan_versions import every_version
from icmkit.model.plans import Condition, Plan
from icmkit.model.program_bundle import Program
from icmkit.model.testing import TRANSACTION_FIELDS


def _key(name: str) -> str:
    return name.casefold().removesuffix("__c")


def carried_fields(program: Program) -> set[str]:
    """Every field a transaction may have in this program, by ``_key``."""
    found = {_key(name) for name in TRANSACTION_FIELDS}
    for case in program.test_cases:
        if case.given is None:
            continue
        for transaction in case.given.transactions:
            found.update(_key(name) for name in transaction.attributes)
    for source in program.data_sources:
        for data_object in source.objects:
            found.update(_key(name) for name in data_object.fields)
    return found


def _conditions(plan: Plan) -> Iterator[tuple[str, Condition]]:
    for measure in plan.measures:
        for condition in measure.filter:
            yield f"the filter of measure `{measure.id}`", condition
    for component in plan.components:
        for multiplier in component.multipliers:
            for condition in multiplier.when:
                yield f"multiplier `{multiplier.id}` of `{component.id}`", condition
        for condition in getattr(component, "when", []):
            yield f"the `when` of `{component.id}`", condition


@rule("PLN009", Severity.WARNING, "condition on a field that no transaction carries")
def conditions_on_unknown_fields(program: Program) -> Iterator[Hit]:
    if "tests" in program.incomplete or "data_sources" in program.incomplete:
        return
    carried = carried_fields(program)
    for plan in every_version(program.plans):
        for where, condition in _conditions(plan):
            if _key(condition.field) in carried:
                continue
            yield hit(
                f"{where} in plan `{plan.id}` tests `{condition.field}`, which no transaction "
                "of any test case carries and no data source lists, so it matches nothing; "
                "fix the field's name, or add it to the transactions' attributes",
                condition.where,
                "field",
            )


RULES: tuple[Rule, ...] = (conditions_on_unknown_fields,)
