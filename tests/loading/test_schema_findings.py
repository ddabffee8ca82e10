"""Schema findings (SCH001-SCH005): each names the key or value to edit, at its place."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import build_file_tree
from tests.loading.conftest import REQUIREMENT_BODY, CheckRun, replace


def _requirement(ident: str, *extra: str) -> str:
    lines = [f"  - id: {ident}\n", REQUIREMENT_BODY, *(f"    {line}\n" for line in extra)]
    return "".join(lines)


def _add_requirements(program: Path, *items: str) -> None:
    (program / "requirements/extra.yaml").write_text(
        "requirements:\n" + "".join(items), encoding="utf-8"
    )


def test_unknown_key_in_requirement_suggests_the_right_one(program: Path, check: CheckRun) -> None:
    _add_requirements(program, _requirement("FR-DI-003", "priorty: should"))
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:7:5: error: SCH001 unknown key `priorty` in requirement "
        "`FR-DI-003`; did you mean `priority`?"
    ]
    assert run.exit_code == 1


def test_unknown_key_without_a_close_match(program: Path, check: CheckRun) -> None:
    _add_requirements(program, _requirement("FR-DI-003", "zzz: 1"))
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:7:5: error: SCH001 unknown key `zzz` in requirement `FR-DI-003`; "
        "remove it or fix its spelling"
    ]


def test_unknown_key_in_a_plan_component_tier(program: Path, check: CheckRun) -> None:
    replace(program, "plans/ae.yaml", '{from: 50000, rate: "12%"}', '{from: 50000, rat: "12%"}')
    run = check()
    # a tier takes `rate` or `amount`, so the misspelt key is the one finding, with the fix
    assert run.findings == [
        "plans/ae.yaml:20:25: error: SCH001 unknown key `rat` in commission plan `PLAN-AE`; "
        "did you mean `rate`?",
    ]
    assert run.exit_code == 1


def test_missing_required_key(program: Path, check: CheckRun) -> None:
    _add_requirements(
        program,
        "  - id: FR-DI-003\n    title: Nightly import\n    kind: standard\n    phase: 1\n",
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:2:5: error: SCH002 missing required key `category` in requirement "
        "`FR-DI-003`; add it"
    ]
    assert run.exit_code == 1


def test_text_where_a_number_belongs(program: Path, check: CheckRun) -> None:
    replace(program, "requirements/core.yaml", "phase: 3", "phase: three")
    run = check()
    assert run.errors() == [
        "requirements/core.yaml:27:12: error: SCH003 `phase`: expected a whole number, got text"
    ]
    assert run.exit_code == 1


def test_list_where_a_mapping_belongs(program: Path, check: CheckRun) -> None:
    replace(program, "plans/ae.yaml", "eligibility: {roles: [AE]}", "eligibility: [AE]")
    run = check()
    assert run.findings == [
        "plans/ae.yaml:5:16: error: SCH003 `eligibility`: expected a mapping, got a list"
    ]
    assert run.exit_code == 1


def test_float_like_rate_that_is_not_a_number(program: Path, check: CheckRun) -> None:
    replace(program, "plans/ae.yaml", 'rate: "8%"', "rate: 0.08.5")
    run = check()
    assert run.findings == [
        "plans/ae.yaml:19:38: error: SCH003 `rate`: expected a number, got '0.08.5'"
    ]
    assert run.exit_code == 1


def test_binary_float_rate_is_refused(program: Path, check: CheckRun) -> None:
    replace(program, "plans/ae.yaml", 'rate: "8%"', "rate: .inf")
    run = check()
    assert run.findings == [
        "plans/ae.yaml:19:38: error: SCH003 `rate`: expected an exact decimal, not a binary float"
    ]


def test_invalid_enum_value_suggests_the_closest(program: Path, check: CheckRun) -> None:
    replace(program, "requirements/core.yaml", "status: proposed", "status: agred")
    run = check()
    assert run.errors() == [
        "requirements/core.yaml:28:13: error: SCH003 `status`: `agred` is not allowed; use one of: "
        "proposed, agreed, configured, tested, accepted, deferred; did you mean `agreed`?"
    ]
    assert run.exit_code == 1


def test_impossible_date_is_a_finding_not_a_crash(program: Path, check: CheckRun) -> None:
    replace(program, "program.yaml", "start: 2027-01-04", "start: 2027-02-30")
    run = check()
    assert run.findings == [
        "program.yaml:5:10: error: SCH003 `start`: input should be a valid date or datetime, "
        "day value is outside expected range"
    ]
    assert run.exit_code == 1


def test_unknown_component_kind(program: Path, check: CheckRun) -> None:
    replace(program, "plans/ae.yaml", "kind: tiered", "kind: tierd")
    run = check()
    assert run.findings == [
        "plans/ae.yaml:14:13: error: SCH004 unknown kind `tierd` in commission plan `PLAN-AE`; "
        "use one of: flat, tiered, accelerated, quota_bonus, mbo, spiff, override; did you mean "
        "`tiered`?"
    ]
    assert run.exit_code == 1


def test_top_level_list_instead_of_mapping(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {
            "requirements/extra.yaml": """
                - id: FR-DI-003
                  title: Nightly import of opportunities
                """
        },
    )
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:1:1: error: SCH005 expected a mapping with `requirements:` at the "
        "top of this functional requirements file"
    ]
    assert run.exit_code == 1


def test_collection_that_is_not_a_list(program: Path, check: CheckRun) -> None:
    build_file_tree(program, {"requirements/extra.yaml": "requirements: FR-DI-003\n"})
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:1:15: error: SCH005 `requirements` must be a list "
        "(items starting with `- `)"
    ]
    assert run.exit_code == 1


def test_empty_value_is_reported_as_missing_not_as_quoting(program: Path, check: CheckRun) -> None:
    _add_requirements(program, "  - id:\n" + REQUIREMENT_BODY)
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:2:8: error: SCH003 `id`: expected text, got nothing (null)"
    ]
    assert run.exit_code == 1


def test_a_comma_in_an_unquoted_flow_mapping_text_is_explained_where_to_quote(
    program: Path, check: CheckRun
) -> None:
    replace(
        program,
        "timeline.yaml",
        "{id: MS-GOLIVE, name: Go live, date:",
        "{id: MS-GOLIVE, name: Go live, payroll first, date:",
    )
    run = check()
    assert run.findings == [
        "timeline.yaml:22:29: error: SCH001 unknown key `payroll first` after `name: Go live`: "
        "in a `{...}` mapping a comma ends the value; if the comma belongs to the text, quote "
        'it: name: "Go live, payroll first"'
    ]


def test_a_key_without_value_on_its_own_line_is_just_unknown(
    program: Path, check: CheckRun
) -> None:
    _add_requirements(program, _requirement("FR-DI-003", "zzz:"))
    run = check()
    assert run.findings == [
        "requirements/extra.yaml:7:5: error: SCH001 unknown key `zzz` in requirement "
        "`FR-DI-003`; remove it or fix its spelling"
    ]
