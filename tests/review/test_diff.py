"""`icmkit diff`: every kind of change between two versions read from real git histories."""

from __future__ import annotations

import json
from typing import Any

import pytest
from tests.review.conftest import Repo, run, snapshot_git

NEW_REQUIREMENT = """\
  - id: FR-RP-001
    title: Monthly commission statement for each rep
    category: reporting_analytics
    kind: standard
    phase: 2
    status: proposed
    owner: ana
"""

REPORTS = """\
reports:
  - id: RPT-STATEMENT
    name: Commission statement
    purpose: Show each rep what they earned and why.
    audience: [AE]
    layout: {columns: [Deal, Credit, Rate, Earned]}
"""

DESIGN = """\
solution_design:
  components:
    - id: DC-CALC
      name: Commission calculation
      description: Rates and tiers of every plan.
      requirements: [FR-PC-001]
"""


def _json(*args: str) -> dict[str, Any]:
    result = run("diff", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["id"]: c for c in data["changes"]}


def test_every_kind_of_change_is_listed_by_item(repo: Repo) -> None:
    repo.write(
        "requirements/core.yaml",
        (repo.program / "requirements/core.yaml").read_text() + NEW_REQUIREMENT,
    )
    repo.edit("business-requirements.yaml", 'target: "under 2"', 'target: "under 1"')
    repo.edit("plans/ae.yaml", 'rate: "12%"', 'rate: "14%"')
    repo.edit("plans/ae.yaml", "name: Account executive plan", "name: AE plan")
    repo.edit("requirements/core.yaml", "both rates.\n", "both rates.\n      - Rates are exact.\n")
    repo.edit("data/sources.yaml", "frequency: daily", "frequency: hourly")
    repo.edit("timeline.yaml", "date: 2027-05-03, phase: 4", "date: 2027-05-10, phase: 4")
    text = (repo.program / "tests/plan-ae.yaml").read_text()
    repo.write("tests/plan-ae.yaml", text[: text.index("  - id: TC-DI-001")])
    repo.write("reports.yaml", REPORTS)
    repo.write("design.yaml", DESIGN)

    data = _json()

    found = {(c["kind"], c["id"], c["change"]) for c in data["changes"]}
    assert found == {
        ("business requirement", "BR-001", "changed"),
        ("requirement", "FR-RP-001", "added"),
        ("requirement", "FR-PC-001", "changed"),
        ("plan", "PLAN-AE", "changed"),
        ("plan component", "PLAN-AE/commission", "changed"),
        ("test case", "TC-DI-001", "removed"),
        ("data source", "DS-CRM", "changed"),
        ("report", "RPT-STATEMENT", "added"),
        ("design component", "DC-CALC", "added"),
        ("milestone", "MS-GOLIVE", "changed"),
    }
    changes = _by_id(data)
    assert [f["field"] for f in changes["PLAN-AE"]["fields"]] == ["name"]
    assert changes["PLAN-AE/commission"]["fields"] == [
        {"field": "tiers[1].rate", "before": "0.12", "after": "0.14"}
    ]
    assert changes["BR-001"]["fields"] == [
        {"field": "outcome.target", "before": "under 2", "after": "under 1"}
    ]
    assert changes["FR-PC-001"]["fields"] == [
        {"field": "acceptance_criteria[1]", "before": None, "after": "Rates are exact."}
    ]
    assert changes["MS-GOLIVE"]["fields"] == [
        {"field": "date", "before": "2027-05-03", "after": "2027-05-10"}
    ]
    assert changes["FR-RP-001"]["path"] == "requirements/core.yaml"
    assert changes["FR-RP-001"]["line"] == 31
    assert changes["TC-DI-001"]["path"] == "tests/plan-ae.yaml"
    assert data["summary"]["requirement"] == {"added": 1, "removed": 0, "changed": 1, "moved": 0}
    assert data["total"] == {"added": 3, "removed": 1, "changed": 6, "moved": 0}
    assert data["head"] == "working tree"
    assert data["base"].startswith("merge base (")


def test_status_change_is_called_out(repo: Repo) -> None:
    repo.edit(
        "tests/plan-ae.yaml",
        "expected_result: Row counts match.",
        "expected_result: Row counts match.\n    status: blocked",
    )
    repo.edit(
        "requirements/core.yaml", "phase: 3\n    status: proposed", "phase: 3\n    status: agreed"
    )

    text = run("diff").stdout
    md = run("diff", "--format", "md").stdout

    assert "    status: proposed -> agreed\n" in text
    assert "    status: not_run -> blocked\n" in text
    assert (
        "### Status changes\n\n"
        "- requirement `FR-DI-002`: `proposed` → `agreed`\n"
        "- test case `TC-DI-001`: `not_run` → `blocked`\n"
    ) in md


def test_long_text_is_compared_word_by_word(repo: Repo) -> None:
    repo.edit(
        "requirements/core.yaml",
        "on new ARR bookings, paid monthly",
        "on renewed ARR bookings, paid quarterly",
    )

    text = run("diff").stdout
    md = run("diff", "--format", "md").stdout

    assert (
        "    spec: Tiered commission on [-new-]{+renewed+} ARR bookings, paid "
        "[-monthly-]{+quarterly+} on year-to-date attainment.\n"
    ) in text
    assert (
        "- `spec`: Tiered commission on ~~new~~ **renewed** ARR bookings, paid "
        "~~monthly~~ **quarterly** on year-to-date attainment.\n"
    ) in md


def test_a_renamed_file_shows_its_items_as_moved_not_changed(repo: Repo) -> None:
    repo.git("mv", "program/requirements/core.yaml", "program/requirements/all.yaml")
    repo.commit("Rename the requirements file")

    data = _json("main", "HEAD")

    assert [(c["id"], c["moved_from"], c["path"], c["fields"]) for c in data["changes"]] == [
        ("FR-DI-001", "requirements/core.yaml", "requirements/all.yaml", []),
        ("FR-DI-002", "requirements/core.yaml", "requirements/all.yaml", []),
        ("FR-PC-001", "requirements/core.yaml", "requirements/all.yaml", []),
    ]
    assert data["total"] == {"added": 0, "removed": 0, "changed": 3, "moved": 3}
    text = run("diff", "main", "HEAD").stdout
    assert "    moved from requirements/core.yaml\n" in text
    assert "3 items: 0 added, 0 removed, 3 changed (3 moved to another file)\n" in text


def test_the_default_base_is_where_the_branch_left_main(repo: Repo) -> None:
    repo.edit("requirements/core.yaml", "status: proposed", "status: agreed")
    repo.commit("Agree FR-DI-002")
    repo.git("checkout", "-q", "main")
    repo.edit("data/sources.yaml", "frequency: daily", "frequency: hourly")
    repo.commit("Load hourly on main")
    repo.git("checkout", "-q", "feature")

    data = _json()

    assert [c["id"] for c in data["changes"]] == ["FR-DI-002"]
    between = _json("main", "feature")
    assert [c["id"] for c in between["changes"]] == ["FR-DI-002", "DS-CRM"]


def test_no_change_says_so(repo: Repo) -> None:
    result = run("diff")
    assert result.exit_code == 0
    assert result.stdout.endswith("\nNo item changed.\n")


def test_diff_leaves_working_tree_and_index_untouched(repo: Repo) -> None:
    repo.edit("requirements/core.yaml", "status: proposed", "status: agreed")
    repo.git("add", "program/requirements/core.yaml")
    repo.edit("plans/ae.yaml", 'rate: "12%"', 'rate: "14%"')
    before = snapshot_git(repo.top)

    for args in ([], ["main"], ["main", "HEAD", "--format", "md"], ["--format", "json"]):
        assert run("diff", *args).exit_code == 0

    assert snapshot_git(repo.top) == before


def test_a_version_with_errors_is_compared_with_a_warning(repo: Repo) -> None:
    repo.edit("requirements/core.yaml", "kind: assisted", "kind: helped")

    result = run("diff")

    assert result.exit_code == 0
    assert result.stderr == (
        "icmkit: warning: the program in working tree has 1 error(s); items that do not "
        "validate are left out (see `icmkit check`)\n"
    )
    assert "- removed requirement FR-DI-002  Help set up the month-end close checklist" in (
        result.stdout
    )


def test_the_default_base_follows_origin_head_in_a_clone(
    repo: Repo, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.git("checkout", "-q", "main")
    clone = tmp_path_factory.mktemp("clone") / "work"
    repo.git("clone", "-q", f"file://{repo.top}", str(clone))
    cloned = Repo(clone, clone / "program")
    cloned.git("config", "user.name", "Bo Park")
    cloned.git("config", "user.email", "bo@example.com")
    cloned.git("branch", "-m", "main", "local-only")  # only origin/HEAD names the default
    cloned.edit("data/sources.yaml", "frequency: daily", "frequency: hourly")
    cloned.commit("Load hourly")
    monkeypatch.chdir(cloned.program)

    data = _json()

    assert data["base"].startswith("merge base (")
    assert [c["id"] for c in data["changes"]] == ["DS-CRM"]


def test_master_is_the_default_branch_when_there_is_no_main(repo: Repo) -> None:
    repo.git("branch", "-m", "main", "master")
    repo.edit("data/sources.yaml", "frequency: daily", "frequency: hourly")
    repo.commit("Load hourly")

    assert [c["id"] for c in _json()["changes"]] == ["DS-CRM"]


def test_colour_only_in_text(repo: Repo, monkeypatch: pytest.MonkeyPatch) -> None:
    repo.edit(
        "requirements/core.yaml", "phase: 3\n    status: proposed", "phase: 3\n    status: agreed"
    )
    monkeypatch.setenv("FORCE_COLOR", "1")

    assert "\x1b[" in run("diff").stdout
    assert "\x1b" not in run("diff", "--format", "md").stdout
    assert "\x1b" not in run("diff", "--format", "json").stdout


def test_rates_read_as_percentages_as_in_the_plan(repo: Repo) -> None:
    repo.edit("plans/ae.yaml", 'rate: "12%"', 'rate: "12.5%"')
    repo.edit("plans/ae.yaml", '        - {from: 0, to: 50000, rate: "8%"}\n', "")
    repo.edit(
        "plans/ae.yaml",
        '        - {from: 50000, rate: "12.5%"}\n',
        "        - {from: 0, to: 50000, rate: 0.08}\n"
        '        - {from: 50000, to: 90000, rate: "12.5%"}\n'
        "        - {from: 90000, rate: 0.155}\n",
    )

    text = run("diff").stdout
    markdown = run("diff", "--format", "md").stdout
    data = _json()

    assert "    tiers[1].rate: 12% -> 12.5%\n" in text
    assert (
        '    tiers[2]: (none) -> {"from": "90000", "to": null, "rate": "15.5%", "amount": null}\n'
        in text
    )
    assert "- `tiers[1].rate`: `12%` → `12.5%`" in markdown
    fields = _by_id(data)["PLAN-AE/commission"]["fields"]
    assert {"field": "tiers[1].rate", "before": "0.12", "after": "0.125"} in fields
