"""The figures of a model run: percentiles, histograms, caps and thresholds reached, and what
makes a participant a winner or a loser; the progress bar only on a terminal."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from icmkit.cli.progress_bar import progress_bar
from icmkit.engine.batch import CalcFiles
from icmkit.engine.distribution import distribution, percentile
from icmkit.engine.model_impact import compare
from icmkit.engine.model_summary import summarise
from icmkit.engine.modelling import ModelRun, Scenario, run_scenarios
from icmkit.loading.program_loader import load_working_tree

D = Decimal


def test_percentiles_interpolate_between_ranks() -> None:
    values = [D(1), D(2), D(3), D(4)]
    assert percentile(values, 50) == D("2.5")
    assert percentile(values, 10) == D("1.3")
    assert percentile(values, 90) == D("3.7")
    assert percentile([D(7)], 75) == D(7)


def test_histogram_bins_every_quarter_with_open_ends() -> None:
    found = distribution([D("-0.1"), D("0.2"), D("0.25"), D("1.99"), D("2"), D("5")])
    assert found is not None
    counts = [(b.low, b.high, b.count) for b in found.bins]
    assert counts[0] == (None, D("0.25"), 2)
    assert counts[1] == (D("0.25"), D("0.5"), 1)
    assert counts[-2] == (D("1.75"), D("2"), 1)
    assert counts[-1] == (D("2"), None, 2)
    assert sum(b.count for b in found.bins) == 6
    assert distribution([]) is None


HISTORY = """\
participant,id,date,amount
P1,T1,2027-01-15,60000
P2,T2,2027-01-20,40000
P3,T3,2027-03-05,700000
"""


def _run(program: Path, plan_text: str | None = None) -> ModelRun:
    transactions = program / "transactions.csv"
    transactions.write_text(HISTORY, encoding="utf-8")
    if plan_text is not None:
        (program / "plans" / "ae.yaml").write_text(plan_text, encoding="utf-8")
    loaded = load_working_tree(program, use_cache=False).program
    return run_scenarios(
        [Scenario("working tree", loaded, list(loaded.plans))],
        CalcFiles(transactions),
        "2027",
    )


def test_caps_reached_and_thresholds_missed(minimal_program: Path) -> None:
    text = (minimal_program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      scope: period\n",
        "      scope: period\n"
        "      quota: q-arr\n"
        "      cap: {attainment: 10, level: component}\n"
        "      threshold: {attainment: 0.9, scope: period}\n",
    )
    found = _run(minimal_program, text)
    summary = summarise(found.runs[0], found.window)
    lines = {line.participant: line for line in summary.lines}
    # monthly quota 50,000: P3's 700,000 in March is 1,400%, over the 1,000% cap
    assert lines["P3"].at_cap == ["commission: attainment cap 1000%"]
    assert lines["P1"].at_cap == []
    # P2 (40,000 of 50,000 in January) and everyone in the months without deals
    assert lines["P2"].below_threshold == ["commission: threshold 90% missed in 12 of 12 periods"]
    assert lines["P1"].below_threshold == ["commission: threshold 90% missed in 11 of 12 periods"]
    assert lines["P3"].attainment == D(700000) / D(600000)


def test_winners_losers_and_the_unchanged(minimal_program: Path) -> None:
    base = _run(minimal_program)
    text = (minimal_program / "plans" / "ae.yaml").read_text(encoding="utf-8")
    lower = text.replace('{from: 0, to: 50000, rate: "8%"}', '{from: 0, to: 50000, rate: "7%"}')
    higher = lower.replace('{from: 50000, rate: "12%"}', '{from: 50000, rate: "13%"}')
    head = _run(minimal_program, higher)
    impact = compare(summarise(base.runs[0], base.window), summarise(head.runs[0], head.window))
    # P1: -500 on the first 50,000, +100 on 10,000; P2: -400; P3: -500 + 6,500
    assert [(p.key, p.delta) for p in impact.winners] == [("P3", D("6000.00"))]
    assert [(p.key, p.delta) for p in impact.losers] == [
        ("P1", D("-400.00")),
        ("P2", D("-400.00")),
    ]
    assert impact.unchanged == 0
    assert impact.total.delta == D("5200.00")


def test_equal_plans_are_computed_once(minimal_program: Path) -> None:
    transactions = minimal_program / "transactions.csv"
    transactions.write_text(HISTORY, encoding="utf-8")
    loaded = load_working_tree(minimal_program, use_cache=False).program
    found = run_scenarios(
        [
            Scenario("base", loaded, list(loaded.plans)),
            Scenario("head", loaded, list(loaded.plans)),
        ],
        CalcFiles(transactions),
        "2027",
    )
    assert found.runs[0].reused == []
    assert found.runs[1].reused == ["PLAN-AE"]
    assert found.runs[1].results == found.runs[0].results


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_only_on_a_terminal() -> None:
    with progress_bar(io.StringIO()) as shown:
        assert shown is None
    screen = _Terminal()
    with progress_bar(screen) as shown:
        assert shown is not None
        shown.stage("computing", 2)
        shown.advance()
        shown.advance()
    assert "computing" in screen.getvalue()


@pytest.mark.parametrize("fmt", ["text", "json", "md"])
def test_piped_output_carries_no_progress_bar(fmt: str) -> None:
    from typer.testing import CliRunner

    from icmkit.cli.app import app

    example = Path(__file__).resolve().parents[2] / "examples" / "lumen-analytics"
    result = CliRunner().invoke(app, ["model", str(example), "-f", fmt])
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "computing" not in result.stdout
