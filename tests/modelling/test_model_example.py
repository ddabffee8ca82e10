"""``icmkit model`` on the Lumen Analytics example and its synthetic year of history."""

from __future__ import annotations

import csv
import io
import json
import re
import runpy
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "lumen-analytics"
HISTORY = EXAMPLE / "history"


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def modelled() -> dict[str, object]:
    found: dict[str, object] = json.loads(run("model", str(EXAMPLE), "--format", "json"))
    return found


def test_totals_equal_the_sum_of_calc_over_the_same_periods(modelled: dict[str, object]) -> None:
    model = modelled["model"]
    assert isinstance(model, dict)
    out = run(
        "calc",
        "--path",
        str(EXAMPLE),
        "--transactions",
        str(HISTORY / "transactions.csv"),
        "--scores",
        str(HISTORY / "scores.csv"),
        "--period",
        "2027-01..2027-12",
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    total = sum((Decimal(r["payout"]) for r in rows), Decimal(0))
    assert Decimal(model["payout"]) == total
    by_participant: dict[str, Decimal] = {}
    for row in rows:
        who = row["participant"]
        by_participant[who] = by_participant.get(who, Decimal(0)) + Decimal(row["payout"])
    earners = {e["participant"]: Decimal(e["payout"]) for e in model["earners"]}
    assert earners == by_participant
    by_plan: dict[str, Decimal] = {}
    for row in rows:
        by_plan[row["plan"]] = by_plan.get(row["plan"], Decimal(0)) + Decimal(row["payout"])
    assert {g["key"]: Decimal(g["payout"]) for g in model["by_plan"]} == by_plan


def test_the_model_covers_every_plan_role_and_figure(modelled: dict[str, object]) -> None:
    model = modelled["model"]
    assert isinstance(model, dict)
    assert model["periods"][0] == "2027-01"
    assert sorted(g["key"] for g in model["by_role"]) == ["AE", "CSM", "SDR", "SM"]
    share = model["share_of_target"]
    assert share["count"] == 10
    assert list(share["percentiles"]) == ["p10", "p25", "p50", "p75", "p90"]
    assert sum(b["count"] for b in share["histogram"]) == 10
    assert model["attainment"]["count"] == 10
    assert Decimal(model["cost_of_sales"]) == (
        Decimal(model["payout"]) / Decimal(model["credited"])
    ).quantize(Decimal("0.0001"))
    capped = [p for p in model["participants"] if p["at_cap"]]
    assert [(p["participant"], p["at_cap"]) for p in capped] == [
        ("E1047", ["arr_commission: attainment cap 200%"])
    ]
    assert {p["participant"] for p in model["participants"] if p["below_threshold"]} == {
        "E1010",
        "E1011",
    }


def test_text_and_markdown_name_the_figures() -> None:
    text = run("model", str(EXAMPLE))
    assert text.startswith(
        "Payouts of PLAN-AE-2027, PLAN-CSM-2027, PLAN-SDR-2027, PLAN-MGR-2027 (working tree) "
        "from 2027-01-01 to 2027-12-31\n"
    )
    for title in ("Totals", "By plan", "By role", "Top 5 earners", "At a cap"):
        assert f"\n{title}\n" in text
    assert "E1047        Jordan Ellis  AE" in text
    markdown = run("model", str(EXAMPLE), "--format", "md", "--top", "3")
    assert markdown.startswith("## Payout model\n")
    assert "| PLAN-AE-2027 | 5 |" in markdown
    assert "<details><summary>More figures</summary>" in markdown


def test_revenue_measures_narrow_the_cost_of_sales() -> None:
    found = json.loads(
        run("model", str(EXAMPLE), "-f", "json", "--revenue", "new_arr", "--revenue", "ps_bookings")
    )["model"]
    credited = {g["key"]: Decimal(g["credited"]) for g in found["by_plan"]}
    assert credited["PLAN-CSM-2027"] == credited["PLAN-SDR-2027"] == Decimal(0)
    assert Decimal(found["credited"]) == credited["PLAN-AE-2027"] > 0
    assert found["revenue_measures"] == ["new_arr", "ps_bookings"]


def test_html_is_one_self_contained_page_with_charts(tmp_path: Path) -> None:
    target = tmp_path / "model.html"
    result = CliRunner().invoke(app, ["model", str(EXAMPLE), "-f", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count("<svg") >= 6  # two histograms and a curve chart per plan
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page
    assert "Jordan Ellis" in page


def test_the_committed_history_is_what_the_script_writes(tmp_path: Path) -> None:
    script = runpy.run_path(str(HISTORY / "generate.py"))
    script["generate"](tmp_path)
    for name in ("transactions.csv", "scores.csv"):
        assert (tmp_path / name).read_bytes() == (HISTORY / name).read_bytes(), name
    size = sum(p.stat().st_size for p in HISTORY.iterdir() if p.is_file())
    assert size < 200_000
