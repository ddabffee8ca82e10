"""Time ``icmkit diff`` between two revisions of a generated program; print a Markdown table.

    python benchmarks/diff_bench.py                  # N = 10,000, 5 runs per case
    python benchmarks/diff_bench.py --requirements 1000 --runs 3

The program (``generate.py``) is committed in a fresh git repository; a second commit
changes the status of every requirement of one requirements file, edits ten titles and moves
one requirements file to a sub-folder. The command timed is
``<this python> -m icmkit diff HEAD~1 HEAD --format json``, as one child process per run:

* cold: a fresh, empty ``ICMKIT_CACHE_DIR`` for every run (every file parsed);
* warm: the parse cache filled by one untimed run first.

Every run must exit 0. Target: median at most 2 s for N = 10,000.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_SECONDS = 2.0


def _git(repo: Path, *args: str) -> None:
    env = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def build_history(repo: Path, n: int, seed: int) -> str:
    """Two commits of a generated program; the second changes some of it. Says what changed."""
    program = repo / "program"
    subprocess.run(
        [
            sys.executable,
            str(HERE / "generate.py"),
            str(program),
            "--requirements",
            str(n),
            "--seed",
            str(seed),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.name", "Bench")
    _git(repo, "config", "user.email", "bench@example.com")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Generated program")
    files = sorted((program / "requirements").glob("*.yaml"))
    first = files[0]
    text = first.read_text(encoding="utf-8")
    text, statuses = re.subn(r"status: agreed", "status: configured", text)
    first.write_text(text, encoding="utf-8")
    second = files[1]
    titles = 0

    def retitle(match: re.Match[str]) -> str:
        nonlocal titles
        titles += 1
        return f"{match.group(0)} (revised)" if titles <= 10 else match.group(0)

    second.write_text(re.sub(r"title: [^\n]+", retitle, second.read_text(encoding="utf-8")))
    moved = files[2]
    (moved.parent / "moved").mkdir()
    _git(
        repo,
        "mv",
        str(moved.relative_to(repo)),
        str((moved.parent / "moved" / moved.name).relative_to(repo)),
    )
    _git(repo, "commit", "-q", "-a", "-m", "Change some requirements")
    return (
        f"{statuses} status changes in {first.name}, 10 titles in {second.name}, "
        f"{moved.name} moved to requirements/moved/"
    )


def run_once(args: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, env=env, cwd=cwd, capture_output=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {done.returncode}:\n{done.stderr[-2000:]!r}")
    return elapsed


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark `icmkit diff`.")
    parser.add_argument("--requirements", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="icmkit-diff-bench-"))
    try:
        changes = build_history(work, args.requirements, args.seed)
        command = [sys.executable, "-m", "icmkit", "diff", "HEAD~1", "HEAD", "--format", "json"]
        env = {k: v for k, v in os.environ.items() if k != "ICMKIT_CACHE_DIR"}
        env["NO_COLOR"] = "1"
        cwd = work / "program"
        cold: list[float] = []
        for index in range(args.runs):
            cache = work / f"cache-cold-{index}"
            cold.append(run_once(command, {**env, "ICMKIT_CACHE_DIR": str(cache)}, cwd))
            shutil.rmtree(cache, ignore_errors=True)
        warm_env = {**env, "ICMKIT_CACHE_DIR": str(work / "cache-warm")}
        run_once(command, warm_env, cwd)
        warm = [run_once(command, warm_env, cwd) for _ in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"N={args.requirements:,}; second commit: {changes}\n")
    print("| case | runs | median | min | max | target |")
    print("|---|---:|---:|---:|---:|---|")
    for name, times in (("diff, cold (empty cache)", cold), ("diff, warm (cache filled)", warm)):
        median = statistics.median(times)
        met = "met" if median <= TARGET_SECONDS else "missed"
        print(
            f"| {name} | {len(times)} | {median:.2f} s | {min(times):.2f} s | "
            f"{max(times):.2f} s | {met} (≤ {TARGET_SECONDS:.0f} s) |"
        )


if __name__ == "__main__":
    main()
