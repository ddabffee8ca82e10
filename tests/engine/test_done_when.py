"""The engine's promises on the bundled example and on a generated parallel run."""

from __future__ import annotations

import csv
import random
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import REPO
from typer.testing import CliRunner

from icmkit.cli.app import app

EXAMPLE = REPO / "examples" / "lumen-analytics"
FINDING = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):\d+: error: (?P<code>[A-Z]+\d+) ")


def _test_case_at(path: Path, line: int) -> str:
    """The id of the test case whose YAML item holds ``line``."""
    lines = path.read_text(encoding="utf-8").splitlines()[:line]
    for text in reversed(lines):
        found = re.match(r"^  - id: (TC-[A-Z0-9-]+)", text)
        if found:
            return found.group(1)
    raise AssertionError(f"no test case above line {line} of {path}")


def test_changing_one_tier_rate_fails_exactly_the_cases_that_use_that_tier(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "lumen"
    shutil.copytree(EXAMPLE, program)
    monkeypatch.chdir(program)
    clean = CliRunner().invoke(app, ["check"])
    assert clean.exit_code == 0, clean.stdout

    plan = program / "plans" / "customer-success.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count('{from: 50000, rate: "6%"}') == 1
    plan.write_text(text.replace('{from: 50000, rate: "6%"}', '{from: 50000, rate: "7%"}'))

    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 1
    findings = [FINDING.match(line) for line in result.stdout.splitlines()[:-1]]
    assert all(f is not None and f["code"] == "ENG001" for f in findings), result.stdout
    failed = {_test_case_at(program / f["path"], int(f["line"])) for f in findings if f}
    # Expansion ARR above 50,000 uses the changed tier: TC-CSM-003 (80,000), TC-CSM-007 and
    # the third quarter of TC-CSM-010 (60,000 each). TC-CSM-005 books exactly 50,000: on the
    # boundary, in the higher tier, but with a zero-width slice, so its payout does not change.
    assert failed == {"TC-CSM-003", "TC-CSM-007", "TC-CSM-010"}


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_calc_finds_exactly_the_planted_differences(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program)
    rng = random.Random(7)
    participants = [f"A{n:03d}" for n in range(1, 121)]
    rows = []
    for index in range(1, 1201):
        who = rng.choice(participants)
        day = rng.randint(1, 31)
        amount = rng.randint(1, 40_000)
        rows.append([who, f"T{index}", f"2027-03-{day:02d}", str(amount)])
    _write_csv(minimal_program / "tx.csv", ["participant", "id", "date", "amount"], rows)

    # The legacy register: first the payouts icmkit computes, then a few planted differences.
    args = ["calc", "PLAN-AE", "--transactions", "tx.csv", "--period", "2027-03"]
    computed = CliRunner().invoke(app, args)
    assert computed.exit_code == 0, computed.stderr
    payouts = {r["participant"]: r["payout"] for r in csv.DictReader(computed.stdout.splitlines())}
    planted = {"A007": Decimal("12.50"), "A042": Decimal("-0.02"), "A099": Decimal("250")}
    planted = {p: d for p, d in planted.items() if p in payouts}
    assert len(planted) == 3
    legacy = [
        [who, str(Decimal(payout) + planted.get(who, Decimal("0")))]
        for who, payout in sorted(payouts.items())
    ]
    _write_csv(minimal_program / "legacy.csv", ["participant", "payout"], legacy)

    result = CliRunner().invoke(app, [*args, "--compare", "legacy.csv", "--tolerance", "0.01"])
    assert result.exit_code == 1
    report = list(csv.DictReader(result.stdout.splitlines()))
    outside = {
        r["participant"]: Decimal(r["difference"]) for r in report if r["within_tolerance"] == "no"
    }
    assert outside == {who: -delta for who, delta in planted.items()}
    assert all(r["within_tolerance"] == "yes" for r in report if r["participant"] not in planted)
