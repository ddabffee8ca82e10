"""Time ``icmkit check`` as a whole process on generated programs; print a Markdown table.

    python benchmarks/run_check.py            # N = 1,000 and 10,000, 5 runs each
    python benchmarks/run_check.py --quick    # N = 200 and 1,000, 3 runs each

The command timed is ``<this python> -m icmkit`` (``sys.executable``), so the figures do not
depend on how the console script is wrapped (a pyenv shim adds tens of milliseconds).
Each run is one child process; its wall time is measured around spawn and exit, and its peak
resident memory comes from ``os.wait4`` (the child's own ``ru_maxrss``).

Cases, for each size:

* cold: a fresh, empty ``ICMKIT_CACHE_DIR`` for every run (parse every file, write the cache);
* no cache: ``--no-cache`` (parse every file, read and write no cache);
* warm: the cache filled by one untimed run first, then every file found in it.

Every run must exit 0 (the generated program is clean); anything else stops the benchmark.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ICMKIT = [sys.executable, "-m", "icmkit"]
TARGET_SECONDS = 1.0
TARGET_RSS_MB = 300.0
TARGET_VERSION_MS = 150.0


@dataclass
class Sample:
    seconds: float
    rss_mb: float


@dataclass
class Row:
    case: str
    n: int | None
    samples: list[Sample]
    note: str = ""

    @property
    def times(self) -> list[float]:
        return [s.seconds for s in self.samples]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def peak_rss(self) -> float:
        return max(s.rss_mb for s in self.samples)


def run_once(args: list[str], env: dict[str, str]) -> Sample:
    """Run one child; its wall time and its own peak RSS. Stops on a non-zero exit."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(args, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            out.seek(0)
            err.seek(0)
            tail = (out.read()[-2000:] + err.read()[-2000:]).decode(errors="replace")
            raise SystemExit(f"{' '.join(args)} exited {child.returncode}:\n{tail}")
    # ru_maxrss is in kilobytes on Linux, bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return Sample(elapsed, usage.ru_maxrss / scale)


def generate(folder: Path, n: int, seed: int) -> tuple[int, float]:
    subprocess.run(
        [
            sys.executable,
            str(HERE / "generate.py"),
            str(folder),
            "--requirements",
            str(n),
            "--seed",
            str(seed),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    files = [p for p in folder.rglob("*.yaml") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files) / 1e6


def bench_size(n: int, runs: int, seed: int, work: Path) -> tuple[list[Row], str]:
    program = work / f"program-{n}"
    count, megabytes = generate(program, n, seed)
    base_env = {k: v for k, v in os.environ.items() if k != "ICMKIT_CACHE_DIR"}
    base_env["NO_COLOR"] = "1"
    check = [*ICMKIT, "check", str(program)]

    cold: list[Sample] = []
    for index in range(runs):
        cache = work / f"cache-{n}-cold-{index}"
        cold.append(run_once(check, {**base_env, "ICMKIT_CACHE_DIR": str(cache)}))
        shutil.rmtree(cache, ignore_errors=True)

    empty = work / f"cache-{n}-unused"
    no_cache_env = {**base_env, "ICMKIT_CACHE_DIR": str(empty)}
    no_cache = [run_once([*check, "--no-cache"], no_cache_env) for _ in range(runs)]

    warm_env = {**base_env, "ICMKIT_CACHE_DIR": str(work / f"cache-{n}-warm")}
    run_once(check, warm_env)  # fill the cache
    warm = [run_once(check, warm_env) for _ in range(runs)]

    rows = [
        Row("check, cold (empty cache)", n, cold),
        Row("check --no-cache", n, no_cache),
        Row("check, warm (cache filled)", n, warm),
    ]
    return rows, f"N={n:,}: {count} files, {megabytes:.1f} MB of YAML"


def bench_startup(runs: int) -> list[Row]:
    env = {**os.environ, "NO_COLOR": "1"}
    interpreter = [run_once([sys.executable, "-c", "pass"], env) for _ in range(runs)]
    version = [run_once([*ICMKIT, "--version"], env) for _ in range(runs)]
    return [
        Row("python -c pass (interpreter start, for reference)", None, interpreter),
        Row("icmkit --version", None, version),
    ]


def verdict(row: Row) -> str:
    if row.case == "icmkit --version":
        ms = row.median * 1000
        met = ms <= TARGET_VERSION_MS
        return f"{'met' if met else 'missed'} (≤ {TARGET_VERSION_MS:.0f} ms)"
    if row.n == 10_000 and row.case.startswith("check"):
        time_ok = row.median <= TARGET_SECONDS
        rss_ok = row.peak_rss <= TARGET_RSS_MB
        parts = [
            f"time {'met' if time_ok else 'missed'} (≤ {TARGET_SECONDS:.0f} s)",
            f"RSS {'met' if rss_ok else 'missed'} (≤ {TARGET_RSS_MB:.0f} MB)",
        ]
        return ", ".join(parts)
    return ""


def table(rows: list[Row]) -> str:
    lines = [
        "| case | N | runs | median | min | max | peak RSS | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        ms = row.case.startswith(("icmkit --version", "python"))
        unit, factor = ("ms", 1000.0) if ms else ("s", 1.0)
        fmt = "{:.0f} " + unit if ms else "{:.2f} " + unit
        n = f"{row.n:,}" if row.n is not None else "–"
        lines.append(
            f"| {row.case} | {n} | {len(row.samples)} | {fmt.format(row.median * factor)} "
            f"| {fmt.format(min(row.times) * factor)} | {fmt.format(max(row.times) * factor)} "
            f"| {row.peak_rss:.0f} MB | {verdict(row)} |"
        )
    return "\n".join(lines)


def machine() -> str:
    try:
        import yaml

        libyaml = "yes" if getattr(yaml, "__with_libyaml__", False) else "no"
    except ImportError:  # pragma: no cover
        libyaml = "?"
    import pydantic

    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}, pydantic {pydantic.VERSION}, "
        f"PyYAML with libyaml: {libyaml}; command: `{Path(sys.executable).name} -m icmkit`"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark `icmkit check`.")
    parser.add_argument("--quick", action="store_true", help="N = 200 and 1,000, 3 runs")
    parser.add_argument("--sizes", type=int, nargs="+", help="requirement counts to time")
    parser.add_argument("--runs", type=int, help="timed runs per case (default 5, quick 3)")
    parser.add_argument("--version-runs", type=int, help="runs of --version (default 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep it")
    args = parser.parse_args(argv)
    sizes = args.sizes or ([200, 1000] if args.quick else [1000, 10_000])
    runs = args.runs or (3 if args.quick else 5)
    version_runs = args.version_runs or (10 if args.quick else 20)

    load_before = os.getloadavg()[0]
    work = args.keep or Path(tempfile.mkdtemp(prefix="icmkit-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows: list[Row] = []
        notes: list[str] = []
        for n in sizes:
            size_rows, note = bench_size(n, runs, args.seed, work)
            rows += size_rows
            notes.append(note)
            print(f"... {note} done", file=sys.stderr)
        rows += bench_startup(version_runs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    load_after = os.getloadavg()[0]
    print(f"Machine: {machine()}\n")
    print(
        f"Load average (1 min) before and after: {load_before:.2f}, {load_after:.2f} "
        "(above 0 means other processes shared the CPUs while timing)\n"
    )
    print("Programs: " + "; ".join(notes) + "\n")
    print(table(rows))


if __name__ == "__main__":
    main()
