"""The program's own `check:` settings in program.yaml, and `--strict`."""

from __future__ import annotations

from tests.checks.conftest import CheckAfter, Edit

UNTESTED = Edit("requirements/core.yaml", "    status: proposed\n", "    status: tested\n")
UNTESTED_LINE = (
    "requirements/core.yaml:28:13: warning: STS003 requirement `FR-DI-002` is `tested` but no "
    "test case verifies it; add a test case with `verifies: [FR-DI-002]`"
)
NO_SPEC = Edit(
    "requirements/core.yaml",
    "    spec: Tiered commission on new ARR bookings, paid monthly on year-to-date attainment.\n",
    "",
)
NO_SPEC_MESSAGE = (
    "unique requirement `FR-PC-001` has no `spec`; describe the customer's own data, logic, "
    "rule or report in `spec`"
)


def settings(text: str) -> Edit:
    """Append a `check:` section to program.yaml."""
    last = "  essential_categories: [data_integration, plan_design_calculation]\n"
    return Edit("program.yaml", last, f"{last}check:\n{text}")


def test_a_warning_alone_passes(check_after: CheckAfter) -> None:
    result = check_after([UNTESTED])
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"{UNTESTED_LINE}\nFound 0 errors, 1 warning, 0 notes (7 files checked): nothing fails the "
        "check.\n"
    )


def test_strict_fails_on_a_warning(check_after: CheckAfter) -> None:
    result = check_after([UNTESTED], "--strict")
    assert result.exit_code == 1, result.output
    assert UNTESTED_LINE in result.output.splitlines()


def test_strict_passes_a_clean_program(check_after: CheckAfter) -> None:
    result = check_after([], "--strict")
    assert result.exit_code == 0, result.output


def test_strict_passes_notes(check_after: CheckAfter) -> None:
    """Notes never fail a check, even with --strict."""
    story = "    user_stories: [{as: an admin, i_want: nightly data, so_that: data is fresh}]\n"
    result = check_after(
        [Edit("requirements/core.yaml", "    kind: standard\n", f"    kind: standard\n{story}")],
        "--strict",
    )
    assert result.exit_code == 0, result.output
    assert "note: REQ005 standard requirement `FR-DI-001` has user stories" in result.output


def test_warnings_fail_setting_acts_like_strict(check_after: CheckAfter) -> None:
    result = check_after([UNTESTED, settings("  warnings_fail: true\n")])
    assert result.exit_code == 1, result.output
    assert UNTESTED_LINE in result.output.splitlines()


def test_ignored_code_is_not_reported(check_after: CheckAfter) -> None:
    result = check_after([UNTESTED, settings("  ignore: [STS003]\n  warnings_fail: true\n")])
    assert result.exit_code == 0, result.output
    assert result.output == "No problems found (7 files checked).\n"


def test_severity_override_raises_a_warning_to_an_error(check_after: CheckAfter) -> None:
    result = check_after([UNTESTED, settings("  severity: {STS003: error}\n")])
    assert result.exit_code == 1, result.output
    assert UNTESTED_LINE.replace(" warning: ", " error: ") in result.output.splitlines()


def test_severity_override_lowers_an_error_to_a_warning(check_after: CheckAfter) -> None:
    result = check_after([NO_SPEC, settings("  severity: {REQ001: warning}\n")])
    assert result.exit_code == 0, result.output
    assert f"requirements/core.yaml:9:5: warning: REQ001 {NO_SPEC_MESSAGE}" in (
        result.output.splitlines()
    )
    strict = check_after([], "--strict")
    assert strict.exit_code == 1, strict.output
