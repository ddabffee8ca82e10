"""REF001 on the minimal program: each kind of reference names what it could not find, at the
place of the reference."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.checks.conftest import Case, CheckAfter, Edit, assert_reports

LINKS = "plans: [PLAN-AE]}"
CONVERSION = (
    "conversion:\n"
    "  owner: bo\n"
    "  mappings:\n"
    "    - id: MAP-OPP\n"
    "      source: DS-CRX\n"
    "      object: Opportunity\n"
    "      target: Credits\n"
    "      keys: [Id]\n"
)
OF_PLAN = "component of plan `PLAN-AE`"

CASES = [
    Case(
        "REF001",
        "plan-requirement",
        (Edit("plans/ae.yaml", "  requirements: [FR-PC-001]\n", "  requirements: [FR-PC-009]\n"),),
        (
            "plans/ae.yaml:21:18: error: REF001 unknown requirement `FR-PC-009`; use the id of "
            "an existing requirement; did you mean `FR-PC-001`?",
        ),
    ),
    Case(
        "REF001",
        "quota-measure",
        (Edit("plans/ae.yaml", "{id: q-arr, measure: arr,", "{id: q-arr, measure: acv,"),),
        (
            "plans/ae.yaml:10:28: error: REF001 unknown measure `acv`; use the id of an existing "
            "measure",
        ),
    ),
    Case(
        "REF001",
        "requirement-linked-data-source",
        (Edit("requirements/core.yaml", LINKS, "plans: [PLAN-AE], data_sources: [DS-CRX]}"),),
        (
            "requirements/core.yaml:21:66: error: REF001 unknown data source `DS-CRX`; use the "
            "id of an existing data source; did you mean `DS-CRM`?",
        ),
    ),
    Case(
        "REF001",
        "requirement-linked-requirement",
        (Edit("requirements/core.yaml", LINKS, "plans: [PLAN-AE], requirements: [FR-DI-009]}"),),
        (
            "requirements/core.yaml:21:66: error: REF001 unknown requirement `FR-DI-009`; use "
            "the id of an existing requirement; did you mean `FR-DI-002`?",
        ),
    ),
    Case(
        "REF001",
        "test-case-component",
        (Edit("tests/plan-ae.yaml", "components: [commission]", "components: [comission]"),),
        (
            f"tests/plan-ae.yaml:7:18: error: REF001 unknown component `comission` "
            "of plan `PLAN-AE`; use the id "
            f"of an existing {OF_PLAN}; did you mean `commission`?",
        ),
    ),
    Case(
        "REF001",
        "expected-component",
        (
            Edit(
                "tests/plan-ae.yaml",
                "components: {commission: 5200.00}",
                "components: {comission: 5200.00}",
            ),
        ),
        (
            f"tests/plan-ae.yaml:15:31: error: REF001 unknown component `comission` "
            "of plan `PLAN-AE`; use the id "
            f"of an existing {OF_PLAN}; did you mean `commission`?",
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_an_unknown_reference_is_named_where_it_is_made(
    case: Case, check_after: CheckAfter
) -> None:
    assert_reports(check_after(case.edits), case)


def test_a_conversion_mapping_from_an_unknown_data_source(
    program: Path, check_after: CheckAfter
) -> None:
    (program / "data" / "conversion.yaml").write_text(CONVERSION, encoding="utf-8")
    result = check_after(())
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[:-1] == [
        "data/conversion.yaml:5:15: error: REF001 unknown data source `DS-CRX`; use the id of "
        "an existing data source; did you mean `DS-CRM`?"
    ]
