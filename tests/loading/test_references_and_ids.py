"""Ids and references: reported once, where the problem is, never again where it is used."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.loading.conftest import REQUIREMENT_BODY, CheckRun, replace


def test_dangling_reference_suggests_the_close_id(program: Path, check: CheckRun) -> None:
    replace(program, "tests/plan-ae.yaml", "verifies: [FR-DI-001]", "verifies: [FR-DI-01]")
    run = check()
    assert run.errors() == [
        "tests/plan-ae.yaml:21:16: error: REF001 unknown requirement `FR-DI-01`; use the id of an "
        "existing requirement; did you mean `FR-DI-001`?"
    ]
    assert run.exit_code == 1


def test_duplicate_id_names_the_first(program: Path, check: CheckRun) -> None:
    (program / "requirements/core.yaml").open("a", encoding="utf-8").write(
        f"  - id: FR-DI-001\n{REQUIREMENT_BODY}"
    )
    run = check()
    assert run.findings == [
        "requirements/core.yaml:30:9: error: ID002 duplicate requirement id `FR-DI-001` (first "
        "used at requirements/core.yaml:2); give each requirement its own id"
    ]
    assert run.exit_code == 1


def test_malformed_id(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program, {"requirements/extra.yaml": f"requirements:\n  - id: fr-di-7\n{REQUIREMENT_BODY}"}
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:2:9: error: ID001 requirement id `fr-di-7` should look like "
        "`FR-NAME-001` (upper-case letters, digits and dashes after the prefix)"
    ]
    assert run.exit_code == 1


def test_one_invalid_requirement_hides_neither_others_nor_is_reported_again(
    program: Path, check: CheckRun
) -> None:
    # FR-PC-001 is used by the plan and by a test case; FR-DI-002 by nothing.
    replace(program, "requirements/core.yaml", "kind: unique", "kind: uniq")
    replace(program, "requirements/core.yaml", "kind: assisted", "kind: asisted")
    replace(
        program,
        "requirements/core.yaml",
        "owner: ana\n  - id: FR-PC-001",
        "owner: anna\n  - id: FR-PC-001",
    )
    run = check()
    assert run.errors() == [
        "requirements/core.yaml:8:12: error: REF001 unknown team member `anna`; use the id of an "
        "existing team member; did you mean `ana`?",
        "requirements/core.yaml:12:11: error: SCH003 `kind`: `uniq` is not allowed; use one of: "
        "standard, unique, assisted; did you mean `unique`?",
        "requirements/core.yaml:25:11: error: SCH003 `kind`: `asisted` is not allowed; use one of: "
        "standard, unique, assisted; did you mean `assisted`?",
    ]
    assert run.exit_code == 1


def test_invalid_plan_is_not_reported_again_where_it_is_used(
    program: Path, check: CheckRun
) -> None:
    # The requirement links PLAN-AE and the test case runs it.
    replace(program, "plans/ae.yaml", "method: marginal", "method: marginl")
    run = check()
    assert run.errors() == [
        "plans/ae.yaml:16:15: error: SCH003 `method`: `marginl` is not allowed; use one of: "
        "marginal, retroactive; did you mean `marginal`?"
    ]
    assert run.exit_code == 1


def test_invalid_program_file_does_not_turn_every_owner_into_an_unknown(
    program: Path, check: CheckRun
) -> None:
    replace(program, "program.yaml", "currency: USD", "currency: usd")
    run = check()
    assert run.errors() == [
        "program.yaml:4:13: error: SCH003 `currency`: string should match pattern '^[A-Z]{3}$'"
    ]
    assert run.exit_code == 1


def test_requirements_given_as_a_mapping_are_not_reported_again(
    program: Path, check: CheckRun
) -> None:
    # The one requirement is written without its dash: `requirements` is a mapping.
    (program / "requirements/core.yaml").write_text(
        "requirements:\n"
        "  id: FR-PC-001\n"
        "  title: Account executive commission\n"
        "  category: plan_design_calculation\n"
        "  kind: unique\n"
        "  phase: 2\n",
        encoding="utf-8",
    )
    run = check()
    # FR-PC-001 is not reported where it is used; FR-DI-001 really is gone.
    assert run.errors() == [
        "requirements/core.yaml:2:3: error: SCH005 `requirements` must be a list "
        "(items starting with `- `)",
        "tests/plan-ae.yaml:21:16: error: REF001 unknown requirement `FR-DI-001`; "
        "use the id of an existing requirement",
    ]


def test_unknown_component_and_quota_in_expected_results(program: Path, check: CheckRun) -> None:
    replace(
        program,
        "tests/plan-ae.yaml",
        "      components: {commission: 5200.00}\n",
        "      components: {commission: 5200.00}\n"
        "      results:\n"
        "        - {period: 2027-03, components: {comission: 5200.00}, quota: {q-ar: 1}}\n"
        "        - {period: 2027-03, transactions: {T1: {component: comission, earned: 1}}}\n",
    )
    run = check()
    assert [line for line in run.errors() if " REF001 " in line] == [
        "tests/plan-ae.yaml:17:53: error: REF001 unknown component `comission` of plan `PLAN-AE`; "
        "use the id of an existing component of plan `PLAN-AE`; did you mean `commission`?",
        "tests/plan-ae.yaml:17:77: error: REF001 unknown quota `q-ar` of plan `PLAN-AE`; use the "
        "id of an existing quota of plan `PLAN-AE`; did you mean `q-arr`?",
        "tests/plan-ae.yaml:18:60: error: REF001 unknown component `comission` of plan `PLAN-AE`; "
        "use the id of an existing component of plan `PLAN-AE`; did you mean `commission`?",
    ]
    # and the engine says what it could not compare, at the same places
    assert [line.split(" ENG001 ")[0] for line in run.errors() if " ENG001 " in line] == [
        "tests/plan-ae.yaml:17:77: error:",
        "tests/plan-ae.yaml:18:79: error:",
    ]
