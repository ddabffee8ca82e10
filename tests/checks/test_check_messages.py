"""Exact messages, with file, line and column, of check rules that edits rarely trigger:
local and team ids, negative list entries, component windows outside the plan, and a quota
asked of a component kind that has none."""

from __future__ import annotations

from pathlib import Path

from tests.checks.conftest import CheckAfter, Edit

AE = "plans/ae.yaml"
END = "  requirements: [FR-PC-001]\n"


def test_local_and_team_ids_must_be_well_formed(check_after: CheckAfter) -> None:
    result = check_after(
        (
            Edit("program.yaml", "{id: ana, name", "{id: Ana, name"),
            Edit(AE, "{id: q-arr, measure", "{id: 9q, measure"),
        )
    )
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:2] == [
        "plans/ae.yaml:10:12: error: ID001 plan `PLAN-AE` quota id `9q` should start with a "
        "letter and hold only letters, digits, `-` and `_`",
        "program.yaml:7:12: error: ID001 team member id `Ana` should be a lower-case handle like "
        "`jdoe`",
    ]


def test_negative_list_entries_name_their_position(check_after: CheckAfter) -> None:
    result = check_after(
        (
            Edit(
                AE,
                "  components:\n",
                '  crediting: {splits: {default_shares: ["50%", "-10%"]}}\n  components:\n',
            ),
        )
    )
    assert result.exit_code == 1
    assert (
        "plans/ae.yaml:11:48: error: PLN002 `default_shares` entry 2 is -0.1 in plan `PLAN-AE`; "
        "it cannot be negative: use zero or a positive number"
    ) in result.output.splitlines()


def test_component_windows_must_lie_inside_the_plan(check_after: CheckAfter) -> None:
    result = check_after(
        (
            Edit(
                AE,
                END,
                '    - {id: late, name: Late, kind: flat, measure: arr, rate: "1%", '
                "effective: {from: 2028-02-01, to: 2028-03-01}}\n"
                '    - {id: open, name: Open, kind: flat, measure: arr, rate: "1%", '
                "effective: {from: 2027-02-01}}\n" + END,
            ),
        )
    )
    assert result.exit_code == 1
    found = [line for line in result.output.splitlines() if " PLN004 " in line]
    assert found == [
        "plans/ae.yaml:21:86: error: PLN004 component `late` of plan `PLAN-AE` starts on "
        "2028-02-01, after plan `PLAN-AE` ends (2028-01-01); keep it inside the plan's "
        "effective window [2027-01-01, 2028-01-01)",
        "plans/ae.yaml:21:102: error: PLN004 component `late` of plan `PLAN-AE` ends on "
        "2028-03-01, after plan `PLAN-AE` ends (2028-01-01); keep it inside the plan's "
        "effective window [2027-01-01, 2028-01-01)",
        "plans/ae.yaml:22:79: error: PLN004 component `open` of plan `PLAN-AE` has no end but plan "
        "`PLAN-AE` ends on 2028-01-01; give it `to: 2028-01-01` or earlier",
    ]


def test_a_kind_without_a_quota_is_told_to_drop_the_rule(check_after: CheckAfter) -> None:
    result = check_after(
        (
            Edit(
                AE,
                END,
                "    - {id: bonus, name: MBO, kind: mbo, objectives: [{id: o1, name: One, "
                'weight: 1}], threshold: {attainment: "50%"}}\n' + END,
            ),
        )
    )
    assert result.exit_code == 1
    assert (
        "plans/ae.yaml:21:98: error: PLN005 the threshold of component `bonus` needs a quota; mbo "
        "components have no quota: remove it"
    ) in result.output.splitlines()


def test_an_unknown_essential_category_is_only_a_dangling_reference(
    check_after: CheckAfter,
) -> None:
    result = check_after(
        (
            Edit(
                "program.yaml",
                "essential_categories: [data_integration, plan_design_calculation]",
                "essential_categories: [data_integration, plan_design_calculation, reporting_nope]",
            ),
        )
    )
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "program.yaml:9:69: error: REF001 unknown category `reporting_nope`; use the id of an "
        "existing category; did you mean `reporting_analytics`?",
        "Found 1 error, 0 warnings, 0 notes (7 files checked): 1 error fails the check.",
    ]


def test_program_wide_ids_name_their_kind_and_prefix(check_after: CheckAfter) -> None:
    result = check_after(
        (
            Edit(AE, "  id: PLAN-AE", "  id: PLAN-ae"),
            Edit("tests/plan-ae.yaml", "plan: PLAN-AE", "plan: PLAN-ae"),
            Edit("tests/plan-ae.yaml", "  - id: TC-DI-001", "  - id: TC-di-001"),
            Edit("data/sources.yaml", "  - id: DS-CRM", "  - id: DS-crm"),
            Edit(AE, "source: DS-CRM", "source: DS-crm"),
            Edit("business-requirements.yaml", "  - id: BR-001", "  - id: BR-x1"),
        )
    )
    assert result.exit_code == 1
    found = [line for line in result.output.splitlines() if " ID001 " in line]
    tail = "(upper-case letters, digits and dashes after the prefix)"
    assert found == [
        "business-requirements.yaml:2:9: error: ID001 business requirement id `BR-x1` should "
        f"look like `BR-NAME-001` {tail}",
        "data/sources.yaml:2:9: error: ID001 data source id `DS-crm` should look like "
        f"`DS-NAME-001` {tail}",
        "plans/ae.yaml:2:7: error: ID001 plan id `PLAN-ae` should look like `PLAN-NAME-001` "
        f"{tail}",
        "tests/plan-ae.yaml:18:9: error: ID001 test case id `TC-di-001` should look like "
        f"`TC-NAME-001` {tail}",
    ]


def test_conversion_requirement_and_objective_ids_name_their_kind(
    program: Path, check_after: CheckAfter
) -> None:
    (program / "data" / "conversion.yaml").write_text(
        "conversion:\n"
        "  owner: bo\n"
        "  mappings:\n"
        "    - {id: MAP-OPP, source: DS-CRM, object: Opportunity, target: Credits, keys: [Id]}\n"
        "  opening_balances:\n"
        "    - {id: OB-draw, name: Draw balances, as_of: 2027-03-31}\n"
        "  control_totals:\n"
        "    - {id: CT-arr, name: ARR, mapping: MAP-OPP, measure: Sum of Amount}\n",
        encoding="utf-8",
    )
    result = check_after(
        (
            Edit("requirements/core.yaml", "  - id: FR-DI-002\n", "  - id: FR-di-002\n"),
            Edit(
                AE,
                END,
                "    - {id: bonus, name: MBO, kind: mbo, objectives: [{id: 9o, name: One, "
                "weight: 1}]}\n" + END,
            ),
        )
    )
    assert result.exit_code == 1
    found = [line for line in result.output.splitlines() if " ID001 " in line]
    tail = "(upper-case letters, digits and dashes after the prefix)"
    assert found == [
        "data/conversion.yaml:6:12: error: ID001 opening balance id `OB-draw` should look like "
        f"`OB-NAME-001` {tail}",
        "data/conversion.yaml:8:12: error: ID001 control total id `CT-arr` should look like "
        f"`CT-NAME-001` {tail}",
        "plans/ae.yaml:21:59: error: ID001 component `bonus` objective id `9o` should start with "
        "a letter and hold only letters, digits, `-` and `_`",
        "requirements/core.yaml:22:9: error: ID001 requirement id `FR-di-002` should look like "
        f"`FR-NAME-001` {tail}",
    ]


def test_design_component_ids_name_their_kind_and_prefix(
    program: Path, check_after: CheckAfter
) -> None:
    (program / "design.yaml").write_text(
        "solution_design:\n"
        "  overview: Performio computes the commissions.\n"
        "  components:\n"
        "    - {id: SD-data, name: Data, description: The credits., requirements: [FR-DI-001]}\n",
        encoding="utf-8",
    )
    result = check_after(())
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        "design.yaml:4:12: error: ID001 design component id `SD-data` should look like "
        "`SD-NAME-001` (upper-case letters, digits and dashes after the prefix)"
    ]
