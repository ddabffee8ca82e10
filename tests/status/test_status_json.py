"""The JSON view holds exactly the structure docs/status.md documents."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.conftest import REPO
from tests.status.conftest import run, run_json

DOC = REPO / "docs" / "status.md"


def documented_tables() -> dict[str, set[str]]:
    """Keys of each `| key | meaning |` table in the JSON section, by the line introducing it."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split("### JSON structure", 1)[1].split("\n## ", 1)[0]
    tables: dict[str, set[str]] = {}
    intro = ""
    current: set[str] | None = None
    for line in section.splitlines():
        match = re.match(r"^\| `([a-z_]+)` \|", line)
        if match:
            if current is None:
                current = tables.setdefault(intro, set())
            current.add(match.group(1))
        elif line.strip() and not line.startswith("|"):
            intro = line.strip()
            current = None
    return tables


def test_documented_tables_are_found() -> None:
    assert set(documented_tables()) == {
        "Top-level keys:",
        "A progress object:",
        "A phase object:",
        "A requirement row:",
        "The hours object:",
    }


def test_json_matches_documented_structure(varied_program: Path) -> None:
    tables = documented_tables()
    data = run_json(str(varied_program), "--as-of", "2027-04-15")

    assert set(data) == tables["Top-level keys:"]
    assert set(data["progress"]) == tables["A progress object:"]
    assert data["phases"], "the program has phases"
    for phase in data["phases"]:
        assert set(phase) == tables["A phase object:"]
        assert set(phase["progress"]) == tables["A progress object:"]
        for row in phase["requirements"]:
            assert set(row) == tables["A requirement row:"]
    for category in data["categories"]:
        assert set(category) == {"id", "name", "progress"}
    assert set(data["hours"]) == tables["The hours object:"]
    assert set(data["filters"]) == {"phase", "category", "owner", "kind", "status", "open"}


def test_json_values(varied_program: Path) -> None:
    data: dict[str, Any] = run_json(str(varied_program), "--as-of", "2027-04-15")
    assert data["version"] == 1
    assert data["program"] == "Minimal Co"
    assert data["check_errors"] == 0
    assert data["progress"] == {
        "total": 4,
        "accepted": 2,
        "tested": 3,
        "deferred": 1,
        "percent": 50,
    }
    assert [p["number"] for p in data["phases"]] == [1, 2, 3, 4]
    assert data["phases"][0]["exit_criteria"] == [
        {"text": "Functional requirements agreed", "done": True}
    ]
    assert data["phases"][0]["deliverables"][0] == {"text": "Functional requirements", "done": None}
    assert data["hours"]["assisted_planned"] == "6.5"
    assert data["hours"]["assisted_delivered"] == "2.5"
    assert data["hours"]["assistance_budget"] == "20"
    assert data["hours"]["over_budget"] is False
    assert [b["id"] for b in data["hours"]["support_budgets"]] == ["BUD-SUPPORT"]
    assert [t["id"] for t in data["tests"]] == ["TC-DI-002"]


def test_json_is_the_only_thing_on_stdout_even_with_check_errors(minimal_program: Path) -> None:
    plan = minimal_program / "plans/ae.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("FR-PC-001", "FR-PC-999"))
    result = run(str(minimal_program), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["check_errors"] >= 1
    assert "warning: the program has" in result.stderr
