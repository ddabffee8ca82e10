"""Time ``icmkit calc`` on generated CSV files; print (or write) a Markdown table.

    python benchmarks/calc_bench.py                      # 1,000,000 rows, 1,000 participants
    python benchmarks/calc_bench.py -n 100000 -p 100 --runs 1
    python benchmarks/calc_bench.py --write              # also rewrite benchmarks/CALC.md

A program is made in a temporary folder from ``tests/fixtures/minimal`` with its plan
replaced by an account executive plan: an accelerated commission on new ARR with year-to-date
scope, bands from 50% to 150% of quota and an attainment cap, a flat services commission
gated on ARR attainment, revenue splits and a pro-rata clawback. The transactions file spreads
N rows evenly over P participants and the twelve months of 2027 (about one in six is a
services booking, one in five is split 60%, one in a hundred is cancelled); the quotas file
gives each participant a quota and a target incentive. ``--period 2027-01..2027-12`` is
computed: twelve monthly periods for every participant, each carrying the state of the one
before (credit to date, earnings and payments, commission paid per deal for the clawbacks).

Each run is ``<this python> -m icmkit calc ... --format csv`` as a whole process (read and
check every row, compute, write); wall time and the child's peak resident memory are
recorded. The target is at most 15 s and 1 GB.
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TARGET_SECONDS = 15.0
TARGET_BYTES = 1024**3

PLAN = """\
plan:
  id: PLAN-AE
  name: Account executive plan
  effective: {from: 2027-01-01, to: 2028-01-01}
  eligibility: {roles: [AE]}
  target_incentive: {amount: 90000, period: annual}
  measures:
    - id: arr
      name: New ARR
      source: DS-CRM
      filter:
        - {field: type, in: [New Logo, Expansion]}
    - {id: services, name: Services bookings, source: DS-CRM}
  quotas:
    - {id: q-arr, measure: arr, period: annual, amount: 900000}
  components:
    - id: commission
      name: New ARR commission
      kind: accelerated
      measure: arr
      quota: q-arr
      base_rate: "10%"
      method: marginal
      scope: to_date
      bands:
        - {from: 0, to: 0.5, multiplier: 0.5}
        - {from: 0.5, to: 1.0, multiplier: 1}
        - {from: 1.0, to: 1.5, multiplier: 1.5}
        - {from: 1.5, multiplier: 2}
      cap: {attainment: 2, level: year}
    - id: services
      name: Services commission
      kind: flat
      measure: services
      rate: "4%"
      gates:
        - {quota: q-arr, min_attainment: 0.5, scope: to_date}
  crediting:
    splits: {kind: revenue, default_shares: ["60%", "40%"]}
  clawback: {window_days: 180, method: pro_rata, reduces_attainment: false}
  payment: {frequency: monthly, true_up: false}
  rounding: {places: 2, mode: half_up, at: component}
  requirements: [FR-PC-001]
"""


def make_program(folder: Path) -> Path:
    program = folder / "program"
    shutil.copytree(REPO / "tests" / "fixtures" / "minimal", program)
    (program / "plans" / "ae.yaml").write_text(PLAN, encoding="utf-8")
    return program


def make_files(folder: Path, rows: int, participants: int, seed: int) -> tuple[Path, Path]:
    rnd = random.Random(seed)
    people = [f"E{n:05d}" for n in range(1, participants + 1)]
    transactions = folder / "transactions.csv"
    with transactions.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "participant",
                "id",
                "date",
                "amount",
                "measure",
                "split",
                "type",
                "cancelled_on",
                "term_months",
            ]
        )
        for n in range(rows):
            who = people[n % participants]
            month = 1 + (n // participants) % 12
            day = 1 + rnd.randrange(28)
            services = n % 6 == 5
            cancelled = not services and n % 100 == 7 and month < 12
            writer.writerow(
                [
                    who,
                    f"T{n}",
                    f"2027-{month:02d}-{day:02d}",
                    f"{rnd.randrange(100, 20000)}.{rnd.randrange(100):02d}",
                    "services" if services else "",
                    "60%" if n % 5 == 0 else "",
                    "" if services else ("New Logo" if n % 2 else "Expansion"),
                    f"2027-{month + 1:02d}-{day:02d}" if cancelled else "",
                    "12" if cancelled else "",
                ]
            )
    quotas = folder / "quotas.csv"
    with quotas.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["participant", "quota", "amount"])
        for who in people:
            writer.writerow([who, "q-arr", 900000 + 1000 * rnd.randrange(200)])
            writer.writerow([who, "target_incentive", 90000])
    return transactions, quotas


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_once(program: Path, transactions: Path, quotas: Path, out: Path) -> tuple[float, float]:
    """Wall time and CPU time of one run."""
    command = [
        sys.executable,
        "-m",
        "icmkit",
        "calc",
        "PLAN-AE",
        "--path",
        str(program),
        "--transactions",
        str(transactions),
        "--quotas",
        str(quotas),
        "--period",
        "2027-01..2027-12",
    ]
    start, cpu = time.perf_counter(), _cpu()
    with out.open("w", encoding="utf-8") as handle:
        subprocess.run(command, check=True, stdout=handle, cwd=program)
    return time.perf_counter() - start, _cpu() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rows", type=int, default=1_000_000)
    parser.add_argument("-p", "--participants", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="Rewrite benchmarks/CALC.md.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        program = make_program(folder)
        transactions, quotas = make_files(folder, args.rows, args.participants, args.seed)
        size = transactions.stat().st_size
        out = folder / "payouts.csv"
        measured = [run_once(program, transactions, quotas, out) for _ in range(args.runs)]
        times = [wall for wall, _ in measured]
        cpus = [cpu for _, cpu in measured]
        lines = out.read_text(encoding="utf-8").splitlines()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    median = statistics.median(times)
    meets = median <= TARGET_SECONDS and peak <= TARGET_BYTES
    table = [
        "# Calculation benchmark",
        "",
        f"Measured with `python benchmarks/calc_bench.py{' --write' if args.write else ''}`: "
        f"`icmkit calc` on {args.rows:,} transactions ({size / 1e6:.0f} MB of CSV) for "
        f"{args.participants:,} participants, periods 2027-01..2027-12 (twelve monthly "
        f"periods per participant); {len(lines) - 1:,} payout rows written.",
        "",
        "| What is timed | Runs | Median (s) | Min (s) | Max (s) | CPU (s) | Peak memory (MB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        f"| `icmkit calc PLAN --transactions --quotas --period 2027-01..2027-12` | {args.runs} | "
        f"{median:.2f} | {min(times):.2f} | {max(times):.2f} | {statistics.median(cpus):.2f} | "
        f"{peak / 1e6:.0f} |",
        "",
        f"Target: at most {TARGET_SECONDS:.0f} s and 1 GB; this run "
        f"{'meets it' if meets else 'does not meet it'}.",
        "",
        f"Machine: {platform.machine()}, Python {platform.python_version()} ({platform.system()}).",
    ]
    text = "\n".join(table) + "\n"
    sys.stdout.write(text)
    if args.write:
        (HERE / "CALC.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
