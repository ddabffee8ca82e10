"""`icmkit log ID`: the commits that changed one item, following it across files."""

from __future__ import annotations

import json

from tests.review.conftest import AUTHOR, Repo, run, snapshot_git

MOVED = """\
requirements:
  - id: FR-DI-001
    title: Import opportunities from the CRM every night
    category: data_integration
    kind: standard
    phase: 1
    status: configured
    owner: ana
"""


def _history(repo: Repo) -> None:
    """FR-DI-001: moved to data.yaml and configured; later its title changes; FR-PC-001 only
    changes in another commit."""
    core = repo.program / "requirements/core.yaml"
    text = core.read_text()
    start = text.index("  - id: FR-DI-001")
    end = text.index("  - id: FR-PC-001")
    core.write_text(text[:start] + text[end:])
    repo.write("requirements/data.yaml", MOVED)
    repo.commit("Move data requirements to their own file")
    repo.edit("requirements/core.yaml", "hours: 4", "hours: 6")
    repo.commit("More hours for the close checklist")
    repo.edit("requirements/data.yaml", "Import opportunities", "Import won opportunities")
    repo.commit("Only won opportunities")


def test_log_follows_an_item_that_moved_between_files(repo: Repo) -> None:
    _history(repo)

    result = run("log", "FR-DI-001")

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "requirement FR-DI-001  Import won opportunities from the CRM every night"
    entries = [line for line in lines[1:] if line and not line.startswith("    ")]
    assert [e.split("  ", 3)[2:] for e in entries] == [
        [AUTHOR, "changed title"],
        [AUTHOR, "moved requirements/core.yaml -> requirements/data.yaml; changed status"],
        [AUTHOR, "added in requirements/core.yaml"],
    ]
    assert "    Move data requirements to their own file" in lines

    data = json.loads(run("log", "FR-DI-001", "--format", "json").stdout)
    assert [(e["summary"], e["change"], e["moved_from"], e["fields"]) for e in data["entries"]] == [
        ("Only won opportunities", "changed", None, ["title"]),
        (
            "Move data requirements to their own file",
            "changed",
            "requirements/core.yaml",
            ["status"],
        ),
        ("Start the program", "added", None, []),
    ]
    assert data["entries"][0]["date"] == repo.git("log", "-1", "--format=%aI").strip()


def test_log_shows_uncommitted_changes_and_removal(repo: Repo) -> None:
    _history(repo)
    repo.write("requirements/data.yaml", "requirements: []\n")

    data = json.loads(run("log", "FR-DI-001", "--format", "json").stdout)

    assert data["entries"][0] == {
        "commit": None,
        "author": None,
        "email": None,
        "date": None,
        "summary": None,
        "change": "removed",
        "path": "requirements/data.yaml",
        "line": 2,
        "moved_from": None,
        "fields": [],
    }
    text = run("log", "FR-DI-001").stdout
    assert "\nworking tree (not committed)  removed from requirements/data.yaml\n" in text


def test_log_of_a_plan_component(repo: Repo) -> None:
    repo.edit("plans/ae.yaml", 'rate: "12%"', 'rate: "14%"')
    repo.commit("Raise the top rate")

    text = run("log", "PLAN-AE/commission").stdout

    assert text.startswith("plan component PLAN-AE/commission  Commission on new ARR\n")
    assert f"  {AUTHOR}  changed tiers[1].rate\n    Raise the top rate\n" in text


def test_log_leaves_working_tree_and_index_untouched(repo: Repo) -> None:
    _history(repo)
    repo.edit("requirements/core.yaml", "hours: 6", "hours: 8")
    repo.git("add", "-A")
    repo.edit("requirements/data.yaml", "status: configured", "status: tested")
    before = snapshot_git(repo.top)

    assert run("log", "FR-DI-001").exit_code == 0
    assert run("log", "FR-DI-002", "--format", "json").exit_code == 0

    assert snapshot_git(repo.top) == before
