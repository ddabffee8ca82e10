"""What ``init`` writes: user text escaped for YAML, CI files that run the check, an example
plan whose test cases hold the payouts its rules give."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from tests.init.conftest import GITLAB_FILES, files_below, init_acme, run, run_init

from icmkit.resources import templates_root
from icmkit.scaffold.install_requirement import running_requirement
from icmkit.scaffold.options import CiChoice, InitOptions
from icmkit.scaffold.plan import plan_files
from icmkit.scaffold.schedule import next_monday, phase_dates
from icmkit.scaffold.yaml_quoting import yaml_quote


def _options(customer: str, ci: CiChoice = CiChoice.GITHUB) -> InitOptions:
    return InitOptions(customer, "Performio", "USD", dt.date(2027, 1, 11), ci)


def _rendered(options: InitOptions) -> dict[str, str]:
    return {f.path: f.data.decode("utf-8") for f in plan_files(options, templates_root())}


@pytest.mark.parametrize("name", ['Acme: "West" #1', "Ünïcode Ltd", "O'Brien \\ Sons: 100%"])
def test_customer_name_loads_back_exactly(name: str) -> None:
    files = _rendered(_options(name))
    program = yaml.safe_load(files["program.yaml"])
    assert program["program"]["customer"] == name
    for path, text in files.items():
        if path.endswith((".yaml", ".yml")):
            yaml.safe_load(text)  # every YAML file stays valid


def test_unicode_customer_checks_clean_end_to_end(workdir: Path) -> None:
    result = run_init("--customer", "Ünïcode Ltd", "--start", "2027-01-11", "--yes")
    assert result.exit_code == 0, result.output
    text = (workdir / "acme" / "program.yaml").read_text(encoding="utf-8")
    assert '  customer: "Ünïcode Ltd"\n' in text
    assert run("check", "acme").exit_code == 0


@given(st.text())
def test_yaml_quote_round_trips_any_text(text: str) -> None:
    assert yaml.safe_load(f"key: {yaml_quote(text)}\n") == {"key": text}


def test_github_workflow_runs_check_and_uploads_the_documents(workdir: Path) -> None:
    assert init_acme().exit_code == 0
    workflow = yaml.safe_load((workdir / "acme/.github/workflows/icmkit.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request", "push"}
    steps = workflow["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert 'python -m pip install "$ICMKIT"' in runs
    assert workflow["env"]["ICMKIT"] == running_requirement().spec
    assert "icmkit check --format github" in runs
    assert "icmkit render --out build/docs" in runs
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "build/docs"
    assert {"build/", ".venv/"} <= set((workdir / "acme/.gitignore").read_text().splitlines())


def test_gitlab_ci_runs_check(workdir: Path) -> None:
    assert init_acme("--ci", "gitlab").exit_code == 0
    root = workdir / "acme"
    assert files_below(root) == GITLAB_FILES
    job = yaml.safe_load((root / ".gitlab-ci.yml").read_text())["icmkit"]
    assert "icmkit check" in job["script"]
    assert "icmkit render --out build/docs" in job["script"]
    assert job["artifacts"]["paths"] == ["build/docs"]


def test_no_ci(workdir: Path) -> None:
    assert init_acme("--ci", "none").exit_code == 0
    names = files_below(workdir / "acme")
    assert ".gitlab-ci.yml" not in names
    assert not any(n.startswith(".github/") for n in names)


def test_pre_commit_runs_check_on_the_whole_program() -> None:
    config = yaml.safe_load(_rendered(_options("Acme"))[".pre-commit-config.yaml"])
    (repo,) = config["repos"]
    (hook,) = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"] == "icmkit check"
    assert hook["pass_filenames"] is False


def test_requirements_cover_every_category_with_standard_and_assisted_items() -> None:
    files = _rendered(_options("Acme"))
    requirements: list[dict[str, Any]] = []
    for path, text in files.items():
        if path.startswith("requirements/"):
            items = yaml.safe_load(text)["requirements"]
            assert {i["category"] for i in items} == {path.removeprefix("requirements/")[:-5]}
            assert "kind: unique" in text  # the commented example of a unique requirement
            requirements.extend(items)
    standard = [r for r in requirements if r["kind"] == "standard"]
    assisted = {r["title"]: r["hours"] for r in requirements if r["kind"] == "assisted"}
    assert all(r["status"] == "proposed" and r["phase"] in (1, 2) for r in standard)
    assert assisted["Help set up the month-end close checklist"] == 4
    assert any("reporting suite" in title for title in assisted)
    assert len(standard) == 72  # every out-of-the-box item of the 17 catalogue categories
    budgets = yaml.safe_load(files["timeline.yaml"])["timeline"]["budgets"]
    assistance = next(b for b in budgets if b["kind"] == "assistance")
    assert assistance["hours"] == sum(assisted.values())
    assert any(b["kind"] == "support" and b["hours"] > 0 for b in budgets)
    assert yaml.safe_load(files["business-requirements.yaml"]) == {"business_requirements": []}


def test_phases_follow_each_other_from_the_start_date() -> None:
    timeline = yaml.safe_load(_rendered(_options("Acme"))["timeline.yaml"])["timeline"]
    phases = timeline["phases"]
    assert [p["number"] for p in phases] == [1, 2, 3, 4]
    assert phases[0]["start"] == dt.date(2027, 1, 11)
    for before, after in itertools.pairwise(phases):
        assert after["start"] == before["end"] + dt.timedelta(days=1)
    assert all(p["goals"] and p["exit_criteria"] and p["deliverables"] for p in phases)
    golive = next(m for m in timeline["milestones"] if m["id"] == "MS-GOLIVE")
    assert golive["date"] == phases[3]["start"]


def test_default_start_is_the_next_monday() -> None:
    assert next_monday(dt.date(2027, 1, 6)) == dt.date(2027, 1, 11)  # a Wednesday
    assert next_monday(dt.date(2027, 1, 11)) == dt.date(2027, 1, 18)  # a Monday
    assert phase_dates(dt.date(2027, 1, 11))[0].end == dt.date(2027, 2, 21)


def _marginal(amount: Decimal, tiers: list[dict[str, Any]]) -> Decimal:
    total = Decimal(0)
    for tier in tiers:
        low = Decimal(tier["from"])
        high = Decimal(tier["to"]) if "to" in tier else None
        top = amount if high is None else min(amount, high)
        rate = Decimal(tier["rate"].rstrip("%")) / 100
        total += rate * max(Decimal(0), top - low)
    return total


def test_example_tests_expect_what_the_plan_rules_pay() -> None:
    """The expected payouts, recomputed here from the plan's own rules."""
    files = _rendered(_options("Acme"))
    plan = yaml.safe_load(files["plans/example-ae.yaml"])["plan"]
    commission, spiff = plan["components"]
    assert (commission["method"], commission["scope"], spiff["kind"]) == (
        "marginal",
        "period",
        "spiff",
    )
    cases = yaml.safe_load(files["tests/example-ae.yaml"])["test_cases"]
    assert len(cases) == 4
    for case in cases:
        txns = case["given"]["transactions"]
        arr = sum((Decimal(t["amount"]) for t in txns), Decimal(0))
        earned = _marginal(arr, commission["tiers"]).quantize(Decimal("0.01"))
        window = spiff["window"]
        condition = spiff["when"][0]
        events = [
            t
            for t in txns
            if window["from"] <= t["date"] < window["to"]
            and t.get("attributes", {}).get(condition["field"]) == condition["equals"]
        ]
        bonus = Decimal(spiff["amount"]) * len(events)
        expect = case["expect"]
        assert expect["components"] == {"commission": earned, "new-logo-spiff": bonus}, case["id"]
        assert expect["payout"] == earned + bonus, case["id"]


def test_readme_shows_the_customer_name_as_written() -> None:
    readme = _rendered(_options("Acme_West <b>*1*</b>"))["README.md"]
    assert readme.splitlines()[0] == (r"# Acme\_West \<b\>\*1\*\</b\> — ICM implementation program")
    for command in ("icmkit check", "icmkit render", "icmkit status", "pull request"):
        assert command in readme


def test_a_new_program_starts_with_its_real_to_dos(workdir: Path) -> None:
    """The placeholders to replace, one line each, and one line for the categories that still
    need a test case: not a screenful of the same finding."""
    assert init_acme().exit_code == 0
    result = run("check", "acme")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    codes = [line.split(": ")[2].split()[0] for line in lines[:-1]]
    assert codes == ["COV005"] * 5 + ["COV002"]
    assert all(": warning: " in line for line in lines[:-1])
    assert [line.split(":")[0] for line in lines[:5]] == [
        "acme/data/sources.yaml",
        "acme/data/sources.yaml",
        "acme/design.yaml",
        "acme/program.yaml",
        "acme/program.yaml",
    ]
    assert lines[5].startswith(
        "acme/program.yaml:24:3: warning: COV002 16 of 17 essential categories have no test case: "
        "`data_integration`, "
    )
    assert lines[-1] == (
        "Found 0 errors, 6 warnings, 0 notes (26 files checked): nothing fails the check."
    )
