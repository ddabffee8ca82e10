"""Mutation testing of icmkit's engine, loading and checks: how many small bugs the tests catch.

    python benchmarks/mutation.py                        # the three packages, one worker
    python benchmarks/mutation.py --jobs 2 --write       # and rewrite benchmarks/MUTATION.md
    python benchmarks/mutation.py --paths src/icmkit/engine/numbers.py
    python benchmarks/mutation.py --only-survivors       # after adding tests: retry the rest
    python benchmarks/mutation.py --only-survivors --retry-first  # ... the earlier ones first
    python benchmarks/mutation.py --max-tests 200        # quicker, a little less sensitive
    python benchmarks/mutation.py --report-only --write  # MUTATION.md from the kept outcomes

Each mutant is one small change to the source (``<`` for ``<=``, ``and`` for ``or``, a string
prefixed with ``XX``, ``return None``, a statement removed: ``mutation_tool/operators.py``).
It is *killed* when at least one test fails with it in place. The tests run for a mutant are
the ones that ran its line, found by running the whole suite once under ``coverage`` with one
context per test (``coverage_map.py``); they run fastest first and stop at the first failure.
Code inside functions is swapped into a forked child of a pytest session that has collected the
tests once (``patching.py``); module-level code runs in a fresh interpreter with a mutated copy
of the package (``runner.py``). The working tree is never changed.

Outcomes are kept in ``benchmarks/out/mutation/results.jsonl`` with a hash of the file and of
``src/`` and ``tests/``; a run reuses those whose hashes still match, so a run that was
stopped goes on where it was. ``--only-survivors`` also keeps earlier kills after the tests
changed and runs only what survived, timed out or had no test. Mutants that no test could tell apart
from the original are listed with a reason in ``benchmarks/mutation_equivalents.toml``.
Needs ``coverage`` (in the ``dev`` extra) and Linux (``fork``, ``pidfd_open``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PACKAGE = REPO / "src" / "icmkit"
OUT = HERE / "out" / "mutation"
DEFAULT_PATHS = ("src/icmkit/engine", "src/icmkit/loading", "src/icmkit/checks")
EQUIVALENTS = HERE / "mutation_equivalents.toml"
REPORT = HERE / "MUTATION.md"
SAMPLE_SEED = 20261203
"""Seed of the order in which new mutants are tried (a stopped run has tried a random sample)."""

sys.path.insert(0, str(HERE))

from mutation_tool import coverage_map, report, results, runner, selection  # noqa: E402
from mutation_tool.operators import Mutant, all_mutants  # noqa: E402


def _pytest_args(basetemp: Path) -> list[str]:
    return ["-p", "no:cacheprovider", "-q", f"--basetemp={basetemp}"]


def _hash_files(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(REPO).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def tree_hash(test_paths: list[str]) -> str:
    files = sorted(PACKAGE.rglob("*.py"))
    for test_path in test_paths:
        root = REPO / test_path
        files += sorted(root.rglob("*")) if root.is_dir() else [root]
    return _hash_files([f for f in files if f.is_file() and "__pycache__" not in f.parts])


# -- the two child commands ---------------------------------------------------------------


def coverage_child(out: str, tests: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="icmkit-mutation-cov-") as scratch:
        os.chdir(REPO)
        runner.hypothesis_profile()
        found = coverage_map.collect(
            REPO, PACKAGE.name, [PACKAGE], [*_pytest_args(Path(scratch)), *tests]
        )
        found.save(Path(out))
    return 0


def worker_child(shard: str, out: str) -> int:
    data = json.loads(Path(shard).read_text(encoding="utf-8"))
    jobs = [runner.Job(**j) for j in data["jobs"]]
    stamps = data["stamps"]
    os.chdir(REPO)
    scratch = Path(tempfile.mkdtemp(prefix="icmkit-mutation-"))
    try:
        fresh = runner.FreshRunner(REPO, PACKAGE, scratch, _pytest_args(scratch / "fresh"))
        control = next((j for j in jobs if j.mode == "fresh"), None)
        if control is not None:  # the unchanged package must pass, or every kill is false
            original = Path(control.path).read_text(encoding="utf-8")
            same = runner.Job(
                **{**vars(control), "replacement": original[control.start : control.end]}
            )
            if fresh(same) != runner.SURVIVED:
                raise SystemExit(f"the tests of {control.key} fail without any mutant")
        with Path(out).open("a", encoding="utf-8") as sink:

            def record(job: runner.Job, outcome: str, seconds: float) -> None:
                row = {
                    "key": job.key,
                    "outcome": outcome,
                    "seconds": round(seconds, 3),
                    "file_hash": stamps[job.key],
                    "tree_hash": data["tree_hash"],
                }
                sink.write(json.dumps(row) + "\n")
                sink.flush()

            plugin = runner.ForkRunner(jobs, fresh, record)
            files = sorted({t.split("::")[0] for j in jobs if j.mode == "fork" for t in j.tests})
            if files:
                pytest_args = [*_pytest_args(scratch / "fork"), *files]
                import pytest

                pytest.main(pytest_args, plugins=[plugin])
            else:
                for job in jobs:
                    start = time.perf_counter()
                    record(job, fresh(job), time.perf_counter() - start)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


# -- the run ------------------------------------------------------------------------------


def _files(paths: list[str]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        path = (REPO / p).resolve()
        found += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in found if "__pycache__" not in f.parts]


def _coverage(tests: list[str], stamp: str) -> coverage_map.CoverageMap:
    cached = OUT / "coverage.json"
    if cached.is_file():
        found = coverage_map.CoverageMap.load(cached)
        if found.fingerprint == stamp:
            return found
    print("collecting per-test coverage (the whole suite once)...", flush=True)
    start = time.perf_counter()
    raw = OUT / "coverage-raw.json"
    subprocess.run(
        [sys.executable, __file__, "_coverage", str(raw), *tests],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    found = coverage_map.CoverageMap.load(raw)
    found.fingerprint = stamp
    found.save(cached)
    raw.unlink()
    bad = [t for t, ok in zip(found.tests, found.passed, strict=True) if not ok]
    print(
        f"  {len(found.tests)} tests in {time.perf_counter() - start:.0f} s; "
        f"{len(bad)} failing or skipped tests left out",
        flush=True,
    )
    return found


def _merge_parts(store: dict[str, results.Stored], keep: bool = False) -> None:
    """Fold the workers' outcomes into ``store``; delete them unless ``keep``."""
    for part in sorted(OUT.glob("part-*.jsonl")):
        store.update(results.load_results(part))
        if not keep:
            part.unlink()


def _other_run() -> int | None:
    """The process id of a run still going on in this folder, if any."""
    try:
        pid = int((OUT / "run.pid").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
    except OSError:
        return None
    return pid


def _dispatch(
    jobs: list[runner.Job], stamps: dict[str, str], stamp: str, workers: int, total: int
) -> None:
    shards = [jobs[k::workers] for k in range(workers)]
    procs: list[tuple[subprocess.Popen[bytes], Path]] = []
    for k, shard in enumerate(shards):
        if not shard:
            continue
        spec = OUT / f"shard-{k}.json"
        part = OUT / f"part-{k}.jsonl"
        spec.write_text(
            json.dumps(
                {
                    "tree_hash": stamp,
                    "stamps": {j.key: stamps[j.key] for j in shard},
                    "jobs": [vars(j) for j in shard],
                }
            ),
            encoding="utf-8",
        )
        log = (OUT / f"worker-{k}.log").open("wb")
        procs.append(
            (
                subprocess.Popen(
                    [sys.executable, __file__, "_worker", str(spec), str(part)],
                    cwd=REPO,
                    stdout=log,
                    stderr=log,
                ),
                part,
            )
        )
    start = time.perf_counter()
    try:
        while any(p.poll() is None for p, _ in procs):
            time.sleep(5)
            done = sum(_count_lines(part) for _, part in procs)
            elapsed = time.perf_counter() - start
            print(f"\r  {done}/{total} mutants, {elapsed / 60:.1f} min", end="", flush=True)
    except KeyboardInterrupt:
        for p, _ in procs:
            p.terminate()
        raise
    print()
    for p, _ in procs:
        if p.returncode:
            raise SystemExit(f"a worker failed (exit {p.returncode}); see {OUT}/worker-*.log")


def _count_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.is_file() else 0


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = tree_hash(args.tests)
    files = _files(args.paths)
    equivalents = results.load_equivalents(EQUIVALENTS)
    store = results.load_results(OUT / "results.jsonl")
    other = _other_run()
    if other is not None and not args.report_only:
        raise SystemExit(f"another mutation run (process {other}) is going on here")
    _merge_parts(store, keep=other is not None)
    if other is None:
        results.save_results(OUT / "results.jsonl", store)
    if not args.report_only:
        (OUT / "run.pid").write_text(str(os.getpid()), encoding="utf-8")

    mutants: list[tuple[Mutant, str, str]] = []  # mutant, file text, file hash
    for path in files:
        text = path.read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        rel = path.relative_to(REPO).as_posix()
        mutants += [(m, text, digest) for m in all_mutants(rel, text)]

    outcomes: dict[str, report.Outcome] = {}
    todo: list[tuple[Mutant, str, str]] = []
    for mutant, text, digest in mutants:
        reason = results.equivalent_reason(mutant, equivalents)
        if reason is not None:
            outcomes[mutant.key] = report.Outcome(mutant, results.EQUIVALENT, reason)
            continue
        old = store.get(mutant.key)
        reusable = (
            old is not None
            and old.file_hash == digest
            and (old.tree_hash == stamp or (args.only_survivors and old.outcome == "killed"))
        )
        if args.report_only:
            kept = old.outcome if old is not None and old.file_hash == digest else results.NOT_RUN
            outcomes[mutant.key] = report.Outcome(mutant, kept)
        elif old is not None and reusable and not args.no_reuse:
            outcomes[mutant.key] = report.Outcome(mutant, old.outcome)
        else:
            todo.append((mutant, text, digest))
    print(f"{len(mutants)} mutants in {len(files)} files; {len(todo)} to run", flush=True)
    scanned = {path.relative_to(REPO).as_posix() for path in files}
    for entry in equivalents:
        if entry.file in scanned and not any(entry.matches(m) for m, _, _ in mutants):
            print(
                f"  note: no mutant matches the equivalent at {entry.file}: {entry.line!r} "
                f"({entry.mutation}); the code changed, so check it again",
                flush=True,
            )

    if todo:
        cov = _coverage(args.tests, stamp)
        chooser = selection.Selector(
            REPO, cov, selection.importers(REPO, PACKAGE), max_tests=args.max_tests
        )
        jobs: list[runner.Job] = []
        stamps: dict[str, str] = {}
        # Mutants never run before go first (with --retry-first: last), the packages
        # interleaved and each package in a seeded random order: a run stopped early has then
        # tried a random sample of each package, and earlier survivors (kept as such) wait.
        share: dict[str, list[str]] = {}
        for mutant, _, _ in todo:
            share.setdefault(results.package_of(mutant.file), []).append(mutant.key)
        for keys in share.values():
            random.Random(SAMPLE_SEED).shuffle(keys)
        place = {key: n / len(keys) for keys in share.values() for n, key in enumerate(keys)}
        todo.sort(
            key=lambda entry: (
                (entry[0].key in store) != args.retry_first,
                place[entry[0].key],
            )
        )
        for mutant, text, digest in todo:
            job = chooser.job(mutant, text)
            if job.tests:
                jobs.append(job)
                stamps[job.key] = digest
            else:
                outcomes[mutant.key] = report.Outcome(mutant, results.NO_TESTS)
                store[mutant.key] = results.Stored(results.NO_TESTS, 0.0, digest, stamp)
        forked = sum(j.mode == "fork" for j in jobs)
        print(
            f"  {forked} in a forked session, {len(jobs) - forked} in a fresh interpreter, "
            f"{len(todo) - len(jobs)} run by no test",
            flush=True,
        )
        try:
            _dispatch(jobs, stamps, stamp, args.jobs, len(jobs))
        finally:
            _merge_parts(store)
            results.save_results(OUT / "results.jsonl", store)
        for mutant, _, _ in todo:
            found = store.get(mutant.key)
            if found is not None and mutant.key not in outcomes:
                outcomes[mutant.key] = report.Outcome(mutant, found.outcome)

    final = [outcomes[m.key] for m, _, _ in mutants if m.key in outcomes]
    if todo:
        (OUT / "run.json").write_text(
            json.dumps(
                {
                    "when": time.strftime("%Y-%m-%d"),
                    "jobs": len(todo),
                    "seconds": round(time.perf_counter() - started),
                    "workers": args.jobs,
                }
            ),
            encoding="utf-8",
        )
    seconds = time.perf_counter() - started
    print(report.table(final))
    print(f"\n{seconds / 60:.1f} min; survivors:")
    print(report.survivors(final))
    if args.write:
        write_report(final, store, args)
        print(f"wrote {REPORT.relative_to(REPO)}")
    return 0


def write_report(
    final: list[report.Outcome], store: dict[str, results.Stored], args: argparse.Namespace
) -> None:
    from mutation_tool.document import render

    machine = (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}"
    )
    spent = sum(store[o.mutant.key].seconds for o in final if o.mutant.key in store)
    last = _last_run()
    text = (
        f"Time spent on the mutants above: {spent / 60:.0f} min in all (one worker, each mutant "
        f"timed from fork or start to its outcome), on {machine}, shared with other work."
    )
    if last:
        text += (
            f" The last run, {last['when']}, ran {last['jobs']} mutants in "
            f"{last['seconds'] / 60:.0f} min with {last['workers']} worker(s), the per-test "
            "coverage run included; the others kept their outcome from earlier runs."
        )
    REPORT.write_text(render(final, text, args.paths, args.max_tests), encoding="utf-8")


def _last_run() -> dict[str, Any]:
    path = OUT / "run.json"
    if not path.is_file():
        return {}
    found: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return found


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["_coverage"]:
        return coverage_child(argv[1], argv[2:])
    if argv[:1] == ["_worker"]:
        return worker_child(argv[1], argv[2])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--paths",
        nargs="+",
        default=list(DEFAULT_PATHS),
        help="source folders or files to mutate (repository-relative)",
    )
    parser.add_argument(
        "--tests",
        nargs="+",
        default=["tests"],
        help="test folders or files to run (default: tests)",
    )
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--write", action="store_true", help="rewrite benchmarks/MUTATION.md")
    parser.add_argument(
        "--only-survivors",
        action="store_true",
        help="keep earlier kills even if the tests changed; rerun the rest (timeouts too)",
    )
    parser.add_argument(
        "--retry-first",
        action="store_true",
        help="run the mutants tried before (survivors, and those of changed files) before "
        "the new ones, to see what new tests caught; the new ones then follow as a random "
        "sample",
    )
    parser.add_argument("--no-reuse", action="store_true", help="run every mutant again")
    parser.add_argument(
        "--max-tests",
        type=int,
        default=0,
        help="run at most this many tests per mutant, those of its file and the fastest first "
        "(default 0: all; 200 is a quick run in which a mutant only a later test would catch "
        "counts as a survivor)",
    )
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="run nothing: report the outcomes kept from earlier runs, even with other tests",
    )
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
