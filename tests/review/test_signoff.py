"""`icmkit signoff`, the SGN001 warning after an edit, and `icmkit diff --since-signoff`."""

from __future__ import annotations

import datetime as dt
import re

from tests.review.conftest import Repo, run

from icmkit.loading.program_loader import load_program
from icmkit.loading.source import WorkingTreeSource
from icmkit.model.signoffs import SignOff
from icmkit.signoffs.fingerprints import fingerprint


def _signoffs(repo: Repo) -> list[SignOff]:
    return load_program(WorkingTreeSource(repo.program)).program.signoffs


def test_signoff_records_fingerprints_of_the_scope(repo: Repo) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = run(
        "signoff", "--by", "Bo Park", "--role", "ICM administrator", "--scope", "requirements"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "signoffs.yaml: Bo Park (ICM administrator) signed off 4 items: BR-001, FR-DI-001, "
        "FR-PC-001, FR-DI-002\n"
        "Commit signoffs.yaml to keep the sign-off with the program.\n"
    )
    [record] = _signoffs(repo)
    assert (record.by, record.role, record.scope) == (
        "Bo Park",
        "ICM administrator",
        ["requirements"],
    )
    assert before <= record.on <= dt.datetime.now(dt.UTC)
    program = load_program(WorkingTreeSource(repo.program)).program
    assert record.items["FR-DI-001"] == fingerprint(program.requirements[0])
    assert re.fullmatch(r"sha256:[0-9a-f]{64}", record.items["BR-001"])
    check = run("check")
    assert check.exit_code == 0, check.stdout
    assert "SGN001" not in check.stdout


def test_a_second_signoff_keeps_the_first(repo: Repo) -> None:
    assert run("signoff", "--by", "Bo Park", "--role", "Admin", "--scope", "plans").exit_code == 0
    first = (repo.program / "signoffs.yaml").read_text()
    result = run(
        "signoff",
        "--by",
        "Cy Diaz",
        "--role",
        "Sales ops",
        "--scope",
        "FR-PC-001",
        "--scope",
        "TC-AE-001",
    )
    assert result.exit_code == 0, result.output
    text = (repo.program / "signoffs.yaml").read_text()
    assert text.startswith(first)
    records = _signoffs(repo)
    assert [(r.by, list(r.items)) for r in records] == [
        ("Bo Park", ["PLAN-AE"]),
        ("Cy Diaz", ["FR-PC-001", "TC-AE-001"]),
    ]


def test_an_edit_after_signoff_warns_at_the_item_id(repo: Repo) -> None:
    assert run("signoff", "--by", "Bo Park", "--role", "ICM administrator").exit_code == 0
    when = _signoffs(repo)[0].on.strftime("%Y-%m-%d %H:%M UTC")
    repo.commit("Sign off everything")
    repo.edit("requirements/core.yaml", "on new ARR bookings", "on renewed ARR bookings")
    repo.edit("plans/ae.yaml", "name: Account executive plan", "name: AE plan")

    check = run("check")

    assert check.exit_code == 0  # a warning does not fail the check
    warnings = [line for line in check.stdout.splitlines() if "SGN001" in line]
    assert warnings == [
        "plans/ae.yaml:2:3: warning: SGN001 plan `PLAN-AE` changed since Bo Park (ICM "
        f"administrator) signed it off on {when}; review the change "
        "(`icmkit diff --since-signoff`) and sign it off again",
        "requirements/core.yaml:9:5: warning: SGN001 requirement `FR-PC-001` changed since "
        f"Bo Park (ICM administrator) signed it off on {when}; review the change "
        "(`icmkit diff --since-signoff`) and sign it off again",
    ]
    assert run("check", "--strict").exit_code == 1

    since = run("diff", "--since-signoff", "--format", "json")
    assert since.exit_code == 0, since.output
    assert '"base": "last sign-off (' in since.stdout
    text = run("diff", "--since-signoff").stdout
    assert re.findall(r"^~ changed (\S+ ?\S*) (\S+)", text, re.MULTILINE) == [
        ("requirement", "FR-PC-001"),
        ("plan", "PLAN-AE"),
    ]

    assert run("signoff", "--by", "Bo Park", "--role", "ICM administrator").exit_code == 0
    assert "SGN001" not in run("check").stdout


def test_signoff_refuses_a_program_with_errors(repo: Repo) -> None:
    repo.edit("requirements/core.yaml", "kind: standard", "kind: typical")
    result = run("signoff", "--by", "Bo Park", "--role", "Admin")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: the program has 1 error(s); fix what `icmkit check` reports before "
        "signing off\n"
    )
    assert not (repo.program / "signoffs.yaml").exists()
