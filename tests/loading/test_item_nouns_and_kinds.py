"""Findings name the kind of item they are in (a business requirement, a test case), say which
kind of number a field wants, and every kind of program file is read into the program."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import build_file_tree
from tests.loading.conftest import CheckRun, replace


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            "business-requirements.yaml",
            "    sponsor: bo\n",
            "    sponsor: bo\n    zzz: 1\n",
            "business-requirements.yaml:7:5: error: SCH001 unknown key `zzz` in business "
            "requirement `BR-001`; remove it or fix its spelling",
        ),
        (
            "tests/plan-ae.yaml",
            "    title: Period total across the tier boundary\n",
            "    title: Period total across the tier boundary\n    zzz: 1\n",
            "tests/plan-ae.yaml:4:5: error: SCH001 unknown key `zzz` in test case `TC-AE-001`; "
            "remove it or fix its spelling",
        ),
        (
            "requirements/core.yaml",
            "    phase: 1\n",
            "    phase: 1\n    zzz: 1\n",
            "requirements/core.yaml:7:5: error: SCH001 unknown key `zzz` in requirement "
            "`FR-DI-001`; remove it or fix its spelling",
        ),
    ],
)
def test_an_unknown_key_names_the_kind_of_item_it_is_in(
    program: Path, check: CheckRun, rel: str, old: str, new: str, expected: str
) -> None:
    text = (program / rel).read_text(encoding="utf-8")
    (program / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    run = check()
    assert run.findings == [expected]
    assert run.exit_code == 1


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (
            "timeline.yaml",
            "kind: support, hours: 40, phase: 4}",
            "kind: support, hours: 40, phase: 4.5}",
            "timeline.yaml:25:81: error: SCH003 `phase`: expected a whole number, got `4.5`",
        ),
        (
            "plans/ae.yaml",
            "period: annual, amount: 600000}",
            "period: annual, amount: [600000]}",
            "plans/ae.yaml:10:57: error: SCH003 `amount`: expected a number, got a list",
        ),
    ],
)
def test_a_value_that_is_not_the_kind_of_number_wanted_says_which_kind(
    program: Path, check: CheckRun, rel: str, old: str, new: str, expected: str
) -> None:
    replace(program, rel, old, new)
    run = check()
    assert run.errors() == [expected]
    assert run.exit_code == 1


def test_the_design_file_is_read_and_its_references_checked(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "design.yaml": """\
            solution_design:
              components:
                - id: SD-CALC
                  name: Calculation
                  description: The plan's calculation.
                  requirements: [FR-PC-001, FR-NOPE-001]
            """
        },
    )
    run = check()
    assert [line for line in run.findings if "FR-NOPE-001" in line] == [
        "design.yaml:6:33: error: REF001 unknown requirement `FR-NOPE-001`; use the id of an "
        "existing requirement; did you mean `FR-PC-001`?"
    ]
    assert run.exit_code == 1


def test_an_empty_reference_is_reported_next_to_an_unreadable_file_with_an_empty_id(
    program: Path, check: CheckRun
) -> None:
    build_file_tree(program, {"requirements/broken.yaml": 'requirements: {id: ""}\n'})
    replace(program, "plans/ae.yaml", "requirements: [FR-PC-001]", 'requirements: [FR-PC-001, ""]')
    run = check()
    assert run.errors() == [
        "plans/ae.yaml:21:29: error: REF001 unknown requirement ``; use the id of an existing "
        "requirement",
        "requirements/broken.yaml:1:15: error: SCH005 `requirements` must be a list (items "
        "starting with `- `)",
    ]
