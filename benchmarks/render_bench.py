"""Time ``icmkit render`` (Markdown and HTML) on a generated program; print a Markdown table.

    python benchmarks/render_bench.py                  # N = 10,000 requirements, 5 runs
    python benchmarks/render_bench.py -n 1000 --runs 3
    python benchmarks/render_bench.py --write          # also rewrite benchmarks/RENDER.md

The program comes from ``benchmarks/generate.py`` (same N and seed, same bytes). Two figures:

* render: in one process, the program loaded and checked once, then ``render_documents``
  (view model and templates, both formats, nothing written) timed ``--runs`` times;
* command: ``<this python> -m icmkit render PROGRAM --out TMP`` as a whole process (load,
  check, render both formats, write), timed ``--runs`` times with a warm parse cache.

The target is a median render time of at most 3 seconds for N = 10,000.
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
REPO = HERE.parent
TARGET_SECONDS = 3.0


def generate(out: Path, requirements: int) -> None:
    script = HERE / "generate.py"
    if not script.is_file():
        raise SystemExit(f"{script} is missing: it writes the benchmark program")
    subprocess.run(
        [sys.executable, str(script), str(out), "--requirements", str(requirements)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def time_render(program: Path, runs: int) -> tuple[list[float], dict[str, int]]:
    sys.path.insert(0, str(REPO / "src"))
    from icmkit.documents.render import DocumentFormat, render_documents
    from icmkit.engine.load_and_check import load_and_check

    checked = load_and_check(program, use_cache=False)
    errors = [f for f in checked.report.findings if f.severity.value == "error"]
    if errors:
        raise SystemExit(f"the generated program has {len(errors)} check errors")
    times = []
    sizes: dict[str, int] = {}
    for _ in range(runs):
        start = time.perf_counter()
        documents = render_documents(checked.program, checked.root, DocumentFormat.ALL)
        times.append(time.perf_counter() - start)
        sizes = {rel: len(text.encode("utf-8")) for rel, text in documents.items()}
    return times, sizes


def time_command(program: Path, runs: int, cache: Path) -> list[float]:
    env = {**os.environ, "ICMKIT_CACHE_DIR": str(cache), "PYTHONPATH": str(REPO / "src")}
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-m", "icmkit", "render", str(program), "--out", tmp]
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)  # warm cache
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return times


def report(
    n: int, render_times: list[float], command_times: list[float], sizes: dict[str, int]
) -> str:
    render_median = statistics.median(render_times)
    verdict = "meets" if render_median <= TARGET_SECONDS else "misses"
    program_md = sizes.get("program.md", 0) / 1e6
    program_html = sizes.get("program.html", 0) / 1e6
    lines = [
        "# Rendering benchmark",
        "",
        "Measured with `python benchmarks/render_bench.py --write` on a program from "
        f"`benchmarks/generate.py` with {n:,} functional requirements "
        f"({len(sizes) // 2 - 1} plans; both formats: {len(sizes)} documents).",
        "",
        "| What is timed | Runs | Median (s) | Min (s) | Max (s) |",
        "| --- | ---: | ---: | ---: | ---: |",
        f"| render both formats in memory (`render_documents`) | {len(render_times)} | "
        f"{render_median:.2f} | {min(render_times):.2f} | {max(render_times):.2f} |",
        f"| `icmkit render PROGRAM --out DIR` as a process (load, check, render, write) | "
        f"{len(command_times)} | {statistics.median(command_times):.2f} | "
        f"{min(command_times):.2f} | {max(command_times):.2f} |",
        "",
        f"Target: a median render of at most {TARGET_SECONDS:.0f} s for 10,000 requirements"
        + (f"; this run {verdict} it." if n == 10_000 else "."),
        f"The program document is {program_md:.1f} MB of Markdown and {program_html:.1f} MB "
        "of HTML.",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()} ({platform.system()}).",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requirements", "-n", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="rewrite benchmarks/RENDER.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        program = Path(tmp) / "program"
        generate(program, args.requirements)
        render_times, sizes = time_render(program, args.runs)
        command_times = time_command(program, args.runs, Path(tmp) / "cache")
    text = report(args.requirements, render_times, command_times, sizes)
    sys.stdout.write(text)
    if args.write:
        (HERE / "RENDER.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
