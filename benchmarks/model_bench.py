"""Time ``icmkit model --against`` (two revisions of a plan) against one ``icmkit calc`` over
the same year; print (or write) a Markdown table.

    python benchmarks/model_bench.py                     # 1,000,000 rows, 1,000 participants
    python benchmarks/model_bench.py -n 100000 -p 100 --runs 1
    python benchmarks/model_bench.py --write             # also rewrite benchmarks/MODEL.md

The program, transactions and quotas are those of ``calc_bench.py`` (an account executive
plan with accelerated commission, a gated services commission, splits and clawbacks; N rows
spread over P participants and the twelve months of 2027). The program is committed to a git
repository, then the working tree raises the top accelerator from 2× to 2.2×: ``model`` reads
the committed revision from git's objects and computes both revisions over the year.

Timed, each as a whole process, alternating: ``icmkit calc PLAN --period 2027-01..2027-12``
(read, compute, write a row per participant and month) and ``icmkit model --plan PLAN
--against HEAD --period 2027-01..2027-12 --format json`` (read once, compute both revisions,
summarise, compare). Wall time, CPU time and the peak memory of each command are recorded.
The target: ``model`` of two revisions in at most twice the time of one ``calc``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from calc_bench import make_files, make_program  # noqa: E402

TARGET_RATIO = 2.0
PERIOD = "2027-01..2027-12"
RAISED = ("        - {from: 1.5, multiplier: 2}\n", "        - {from: 1.5, multiplier: 2.2}\n")


def _git(folder: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "bench",
        "GIT_AUTHOR_EMAIL": "bench@example.com",
        "GIT_COMMITTER_NAME": "bench",
        "GIT_COMMITTER_EMAIL": "bench@example.com",
    }
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def make_revisions(program: Path) -> None:
    """Commit the program, then raise the top accelerator in the working tree."""
    _git(program, "init", "-q", "-b", "main")
    _git(program, "add", "-A")
    _git(program, "commit", "-q", "-m", "Plan as signed")
    plan = program / "plans" / "ae.yaml"
    text = plan.read_text(encoding="utf-8")
    old, new = RAISED
    assert text.count(old) == 1
    plan.write_text(text.replace(old, new), encoding="utf-8")


def _run(command: list[str], cwd: Path, out: Path) -> tuple[float, float, int]:
    """Wall time, CPU time and peak resident memory (bytes) of one child process."""
    start = time.perf_counter()
    with out.open("w", encoding="utf-8") as handle:
        process = subprocess.Popen(command, stdout=handle, cwd=cwd)
        _, status, used = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed")
    return wall, used.ru_utime + used.ru_stime, used.ru_maxrss * 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rows", type=int, default=1_000_000)
    parser.add_argument("-p", "--participants", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="Rewrite benchmarks/MODEL.md.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        program = make_program(folder)
        transactions, quotas = make_files(folder, args.rows, args.participants, args.seed)
        make_revisions(program)
        size = transactions.stat().st_size
        files = ["--transactions", str(transactions), "--quotas", str(quotas)]
        calc = [sys.executable, "-m", "icmkit", "calc", "PLAN-AE", *files, "--period", PERIOD]
        model = [
            sys.executable,
            "-m",
            "icmkit",
            "model",
            "--plan",
            "PLAN-AE",
            *files,
            "--period",
            PERIOD,
            "--against",
            "HEAD",
            "--format",
            "json",
        ]
        measured: dict[str, list[tuple[float, float, int]]] = {"calc": [], "model": []}
        for _ in range(args.runs):
            measured["calc"].append(_run(calc, program, folder / "calc.csv"))
            measured["model"].append(_run(model, program, folder / "model.json"))
        summary = (folder / "model.json").read_text(encoding="utf-8")
    change = summary.split('"change": "', 1)[1].split('"', 1)[0]
    rows = []
    medians: dict[str, float] = {}
    cpus: dict[str, float] = {}
    for name, label in (
        ("calc", f"`icmkit calc PLAN --transactions --quotas --period {PERIOD}`"),
        ("model", f"`icmkit model --plan PLAN --against HEAD --period {PERIOD} -f json`"),
    ):
        walls = [w for w, _, _ in measured[name]]
        medians[name] = statistics.median(walls)
        cpu = cpus[name] = statistics.median(c for _, c, _ in measured[name])
        peak = max(m for _, _, m in measured[name])
        rows.append(
            f"| {label} | {args.runs} | {medians[name]:.2f} | {min(walls):.2f} | "
            f"{max(walls):.2f} | {cpu:.2f} | {peak / 1e6:.0f} |"
        )
    ratio = medians["model"] / medians["calc"]
    meets = ratio <= TARGET_RATIO
    load = os.getloadavg()[0]
    table = [
        "# Modelling benchmark",
        "",
        f"Measured with `nice python benchmarks/model_bench.py{' --write' if args.write else ''}`"
        f": {args.rows:,} transactions ({size / 1e6:.0f} MB of CSV) for "
        f"{args.participants:,} participants over the twelve months of 2027, the plan of "
        "`calc_bench.py` in two revisions (the committed one, read from git, and the working "
        "tree's, whose top accelerator pays 2.2× instead of 2×). Runs alternate between the "
        f"two commands; the change computed was {change} (the JSON's total change).",
        "",
        "| What is timed | Runs | Median (s) | Min (s) | Max (s) | CPU (s) | Peak memory (MB) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        f"`model` of two revisions over one `calc`: {ratio:.2f}× the wall time (target: at "
        f"most {TARGET_RATIO:.0f}×; this run {'meets it' if meets else 'does not meet it'}) "
        f"and {cpus['model'] / cpus['calc']:.2f}× the CPU time, which a busy machine "
        "disturbs less.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()} ({platform.system()}); 1-minute load average "
        f"{load:.1f} at the end of the run.",
    ]
    text = "\n".join(table) + "\n"
    sys.stdout.write(text)
    if args.write:
        (HERE / "MODEL.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
