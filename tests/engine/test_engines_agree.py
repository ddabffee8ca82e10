"""One answer: the Python input stage, the DuckDB stage and the Spark stage give the same
payouts, to the cent and to the last trailing zero, and refuse the same inputs with the
same words.

Every example test case ``calc`` can express (the multi-period ones, written out as data
files as ``test_calc_agrees`` does) runs on each stage through ``calculate_files``; a
generated corpus (``corpus``) varies the plans: flat, tiered marginal and retroactive at each
scope, accelerators, quota bonuses, overrides and SPIFFs, splits with default shares, filters
on attributes and on built-in fields, rollups with managers changing mid-year, clawbacks in
full and pro rata (with and without taking the deal out of attainment), caps per deal, period
and year, multipliers, gates and thresholds, hires and leavers.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from tests.engine.corpus import Scenario, scenario
from tests.engine.engine_runs import COLUMNAR, engine, outcome
from tests.engine.test_calc_agrees import (
    CASES,
    _roster,
    _write_receipts,
    _write_roster,
    _write_scores,
    _write_transactions,
)

from icmkit.engine.batch import CalcFiles, calculate_files, calculate_window
from icmkit.engine.calc_roster import roster_of
from icmkit.engine.calendar import Calendar
from icmkit.engine.case_runs import run_case
from icmkit.engine.columnar import owner_streams
from icmkit.engine.input_stage import Engine
from icmkit.engine.result import PayoutResult
from icmkit.loading.program_loader import load_working_tree
from icmkit.model.engine_settings import EngineName
from icmkit.model.plans import Plan
from icmkit.model.program_bundle import Program
from icmkit.model.testing import TestCase

TOLERANCE = Decimal("0.01")


def _case_runs(case: TestCase, root: Path, tmp: Path) -> tuple[Program, list[CalcFiles]]:
    """The program and, per plan the case names, its data files (as ``calc`` takes them: a
    transactions file for each plan, named after it)."""
    given = case.given
    assert given is not None and given.periods is not None
    program_root = tmp / "program"
    shutil.copytree(root, program_root)
    entries = _roster(case)
    if entries is not None:
        _write_roster(program_root, entries)
    program = load_working_tree(program_root, use_cache=False).program
    plans = {p.id: p for p in program.plans}
    plan = plans[case.plan or ""]
    expected = run_case(case, plan, program)
    assert expected.error is None, expected.error
    named = sorted({plan.id} | {a.plan for e in entries or [] for a in e.assignments})
    people = sorted({r.participant for r in expected.results})
    periods = sorted({r.period for r in expected.results})
    runs: list[CalcFiles] = []
    for plan_id in named:
        transactions = tmp / f"{plan_id}.csv"
        _write_transactions(transactions, case, plans[plan_id])
        files = CalcFiles(transactions, as_of=given.as_of)
        if _write_scores(tmp / "scores.csv", case, people, periods):
            files.scores = tmp / "scores.csv"
        if _write_receipts(tmp / "receipts.csv", case):
            files.receipts = tmp / "receipts.csv"
        runs.append(files)
    return program, runs


@pytest.mark.parametrize("name", COLUMNAR)
@pytest.mark.parametrize(("case_id", "root", "case"), CASES, ids=[c for c, *_ in CASES])
def test_every_example_case_gives_the_same_payouts_on_every_stage(
    case_id: str, root: Path, case: TestCase, name: EngineName, tmp_path: Path
) -> None:
    program, runs = _case_runs(case, root, tmp_path)
    period = case.given.periods if case.given is not None else None
    assert period is not None
    plans = {p.id: p for p in program.plans}

    def computed(stage: Engine) -> list[object]:
        found: list[object] = []
        for files in runs:
            files.engine = stage
            plan = plans[files.transactions.stem]
            found.append(
                outcome(partial(_results, program, plan, period, files)),
            )
        return found

    reference = computed(engine(EngineName.PYTHON))
    assert all(isinstance(r, dict) and r for r in reference), (case_id, reference)
    assert computed(engine(name)) == reference, case_id


def _results(program: Program, plan: Plan, period: str, files: CalcFiles) -> list[PayoutResult]:
    return calculate_files(program, [plan], period, files, TOLERANCE).results


def run_scenario(found: Scenario, name: EngineName) -> object:
    """The scenario computed on one stage: its results, or its refusal."""
    roster = roster_of(found.roster) if found.roster else None

    def compute() -> list:  # type: ignore[type-arg]
        with engine(name).started() as stage:
            source = stage.transactions(found.transactions, found.plan, found.fmt)
            return calculate_window(
                [found.plan], found.window, source, None, roster, Calendar(), None, found.as_of
            )

    return outcome(compute)


CORPUS = range(40)


SPARK_SEEDS = 10
"""Spark computes the first seeds of the corpus (a local Spark takes some 15 s a scenario)."""


@pytest.mark.parametrize(
    ("seed", "name"),
    [
        pytest.param(seed, stage.values[0], marks=stage.marks, id=f"{seed}-{stage.id}")
        for seed in CORPUS
        for stage in COLUMNAR
        if stage.id == "duckdb" or seed < SPARK_SEEDS
    ],
)
def test_generated_plans_give_the_same_payouts_on_every_stage(
    seed: int, name: EngineName, tmp_path: Path
) -> None:
    found = scenario(seed, tmp_path)
    reference = run_scenario(found, EngineName.PYTHON)
    assert run_scenario(found, name) == reference, (seed, found.describe())


def test_the_corpus_computes_more_than_it_refuses(tmp_path: Path) -> None:
    """Most generated scenarios are computed (a corpus of refusals would prove little)."""
    computed = 0
    for seed in range(12):
        found = scenario(seed, tmp_path / str(seed))
        if isinstance(run_scenario(found, EngineName.PYTHON), dict):
            computed += 1
    assert computed >= 9


@pytest.mark.parametrize("seed", [4, 11, 38])
def test_results_read_in_small_batches_give_the_same_payouts(
    seed: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Results come out of the engine in batches while other results are open: a batch of
    three rows makes every participant's rows span batches, as millions of rows do."""
    monkeypatch.setattr(owner_streams, "BATCH", 3)
    found = scenario(seed, tmp_path)
    reference = run_scenario(found, EngineName.PYTHON)
    assert isinstance(reference, dict)
    assert run_scenario(found, EngineName.DUCKDB) == reference
