"""ACC rules: letters changed since their participant accepted them, and acceptances of
letters the program does not have; and `icmkit accept`, which records them."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.checks.conftest import Case, CheckAfter, Edit, rule_tests
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.loading.program_loader import load_working_tree
from icmkit.signoffs.letters import letters_of

ROSTER = (
    "participants:\n"
    "  - {id: A1, name: Eli Novak, role: AE, hire_date: 2025-06-02, quotas: {q-arr: 700000}}\n"
    "  - {id: A2, name: Fay Chen, role: AE, hire_date: 2027-03-15}\n"
)
RATE = 'rate: "8%"'


@pytest.fixture(autouse=True)
def accepted(program: Path) -> Path:
    """The minimal program with a roster of two account executives, both of whom accepted
    their current letters."""
    (program / "participants.yaml").write_text(ROSTER, encoding="utf-8")
    for who in ("A1", "A2"):
        done = CliRunner().invoke(
            app, ["accept", ".", "--participant", who, "--on", "2027-03-20", "--method", "email"]
        )
        assert done.exit_code == 0, done.output
    return program


FAILING = [
    Case(
        "ACC001",
        "rate-changed",
        (Edit("plans/ae.yaml", RATE, 'rate: "9%"'),),
        (
            "acceptances.yaml:8:13: warning: ACC001 the letter of Eli Novak (`A1`) for plan "
            "`PLAN-AE` has changed since they accepted it on 2027-03-20: its version is now ",
        ),
        exit_code=1,  # the plan's test case fails too (ENG001)
    ),
    Case(
        "ACC002",
        "unknown-participant",
        (Edit("acceptances.yaml", 'participant: "A2"', 'participant: "A9"'),),
        (
            "acceptances.yaml:12:18: error: ACC002 acceptance by `A9`, who is not in "
            "participants.yaml; "
            "use the id of a participant of the roster",
        ),
    ),
    Case(
        "ACC002",
        "no-letter-for-that-plan",
        (
            Edit(
                "acceptances.yaml",
                'participant: "A1"\n    plan: "PLAN-AE"',
                'participant: "A1"\n    plan: "PLAN-SE"',
            ),
        ),
        (
            "acceptances.yaml:7:11: error: ACC002 `A1` has no letter for plan `PLAN-SE`: they are "
            "not "
            "on it (no assignment to it, and their role is not eligible); use the plan of one "
            "of their letters",
        ),
    ),
]
PASSING = [
    Case("ACC001", "nothing-changed", ()),
    Case(
        "ACC001",
        "owner-and-requirements-are-not-in-a-letter",
        (Edit("plans/ae.yaml", "  requirements: [FR-PC-001]\n", "  requirements: []\n"),),
    ),
    Case("ACC002", "known-participants-and-plans", ()),
]


def _prefix_match(result_output: str, expected: str) -> bool:
    return any(line.startswith(expected) for line in result_output.splitlines())


@pytest.mark.parametrize("case", FAILING, ids=lambda c: f"{c.code}-{c.name}")
def test_reports(case: Case, check_after: CheckAfter) -> None:
    result = check_after(case.edits)
    assert result.exit_code == case.exit_code, result.output
    for line in case.expect:
        assert _prefix_match(result.output, line), f"{line}\n---\n{result.output}"


_, test_accepts, test_every_rule_has_a_failing_and_a_passing_case = rule_tests(
    "ACC", FAILING, PASSING
)


def test_changing_a_rate_reports_every_letter_of_the_plan(check_after: CheckAfter) -> None:
    result = check_after([Edit("plans/ae.yaml", RATE, 'rate: "9%"')])
    assert result.output.count(" ACC001 ") == 2, result.output


def test_a_personal_quota_changes_only_that_letter(check_after: CheckAfter) -> None:
    result = check_after([Edit("participants.yaml", "700000", "750000")])
    assert result.output.count(" ACC001 ") == 1, result.output
    assert "(`A1`)" in result.output


def test_accepting_the_new_version_clears_it(program: Path, check_after: CheckAfter) -> None:
    check_after([Edit("plans/ae.yaml", RATE, 'rate: "9%"')])
    done = CliRunner().invoke(app, ["accept", ".", "--participant", "A1"])
    assert done.exit_code == 0, done.output
    result = check_after([])
    assert result.output.count(" ACC001 ") == 1 and "(`A2`)" in result.output


def test_accept_refuses_an_unknown_participant_and_an_ambiguous_call(program: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["accept", ".", "--participant", "Z9"])
    assert done.exit_code == 2
    assert "Z9: no such participant in participants.yaml" in done.output
    done = runner.invoke(app, ["accept", ".", "--participant", "A1", "--import", "x.csv"])
    assert done.exit_code == 2


def test_import_records_completed_rows_once(program: Path) -> None:
    loaded = load_working_tree(program, use_cache=False).program
    fingerprint = {x.participant.id: x.fingerprint for x in letters_of(loaded)}
    (program / "export.csv").write_text(
        "Envelope Id,Participant ID,Plan ID,Letter Version,Status,Signed At\n"
        f"env-1,A1,PLAN-AE,{fingerprint['A1'][7:19]},completed,2027-04-01T10:00:00Z\n"
        f"env-2,A2,PLAN-AE,{fingerprint['A2']},declined,\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    done = runner.invoke(app, ["accept", ".", "--import", "export.csv"])
    assert done.exit_code == 0, done.output
    assert "1 acceptance(s) recorded from export.csv, 1 row(s) not completed" in done.output
    assert "skipped row 3: declined" in done.output
    again = runner.invoke(app, ["accept", ".", "--import", "export.csv"])
    assert "0 acceptance(s) recorded from export.csv, 1 already recorded" in again.output
    text = (program / "acceptances.yaml").read_text(encoding="utf-8")
    assert text.count("participant:") == 3
    assert 'reference: "env-1"' in text and 'method: "e_signature"' in text


def test_import_names_the_missing_columns(program: Path) -> None:
    (program / "export.csv").write_text("Name,Email\nEli,e@x\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["accept", ".", "--import", "export.csv"])
    assert done.exit_code == 2
    assert "no column participant, plan, letter_version, signed_at" in done.output
