"""Run the chosen tests against each mutant and say whether any failed.

One pytest session per worker collects the tests once. Then, for each mutant, either

- **fork**: a child of that session swaps the mutated code into the live functions
  (``patching``) and runs the mutant's tests with pytest's own run protocol, stopping at the
  first failure; the child exits, so the parent's modules are never touched; or
- **fresh**: for module-level code, a new ``python -m pytest -x`` runs the mutant's tests with a
  copy of the package, holding the mutated file, first on ``PYTHONPATH``.

Each test has a time limit (a multiple of its measured time); a mutant past it is a timeout.
No file of the working tree is ever changed.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import pkgutil
import select
import shutil
import signal
import subprocess
import sys
import time
import types
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from mutation_tool import patching

PR_SET_PDEATHSIG = 1
KILLED, SURVIVED, TIMEOUT, UNPATCHABLE = "killed", "survived", "timeout", "unpatchable"
_EXIT = {10: KILLED, 11: SURVIVED, 12: UNPATCHABLE}
_CODE = {v: k for k, v in _EXIT.items()}


@dataclass
class Job:
    """One mutant to run: where, the mutated text, how, and which tests in which order."""

    key: str
    path: str
    """Absolute path of the mutated file."""
    start: int
    end: int
    replacement: str
    mode: str
    """``fork`` or ``fresh``."""
    tests: list[str]
    limits: list[float]
    """Seconds allowed for each test."""

    def mutate(self, original: str) -> str:
        return original[: self.start] + self.replacement + original[self.end :]


def hypothesis_profile() -> None:
    """Fixed examples and no deadline: a mutant is judged the same on every run."""
    try:
        from hypothesis import settings
    except ImportError:  # pragma: no cover - hypothesis is a test dependency
        return
    settings.register_profile("mutation", derandomize=True, database=None, deadline=None)
    settings.load_profile("mutation")


class ForkRunner:
    """A pytest plugin: after collection, run every job instead of the normal test loop."""

    def __init__(
        self,
        jobs: list[Job],
        fresh: Callable[[Job], str],
        record: Callable[[Job, str, float], None],
    ) -> None:
        self.jobs = jobs
        self.fresh = fresh
        self.record = record

    def pytest_configure(self, config: pytest.Config) -> None:
        hypothesis_profile()

    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        _import_all("icmkit")  # once here, not again in every child
        items = {item.nodeid: item for item in session.items}
        files = {Path(job.path) for job in self.jobs}
        live = patching.live_functions(files)
        clearers = patching.cache_clearers("icmkit")
        originals: dict[str, str] = {}
        for job in self.jobs:
            start = time.perf_counter()
            if job.mode == "fork":
                original = originals.get(job.path)
                if original is None:
                    original = originals[job.path] = Path(job.path).read_text(encoding="utf-8")
                chosen = [items[t] for t in job.tests if t in items]
                outcome = _run_forked(job, chosen, original, live.get(Path(job.path), []), clearers)
                if outcome == UNPATCHABLE:
                    outcome = self.fresh(job)
            else:
                outcome = self.fresh(job)
            self.record(job, outcome, time.perf_counter() - start)
        return True


def _import_all(package: str) -> None:
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        if not info.name.endswith("__main__"):
            importlib.import_module(info.name)


def _run_forked(
    job: Job,
    items: list[pytest.Item],
    original: str,
    functions: list[types.FunctionType],
    clearers: list[Callable[[], None]],
) -> str:
    from _pytest.runner import runtestprotocol

    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = _CODE[KILLED]
        try:
            os.setpgid(0, 0)
            _die_with_parent()
            if not patching.patch(Path(job.path), original, job.mutate(original), functions):
                os._exit(_CODE[UNPATCHABLE])
            for clear in clearers:
                clear()
            code = _CODE[SURVIVED]
            for index, item in enumerate(items):
                following = items[index + 1] if index + 1 < len(items) else None
                signal.setitimer(signal.ITIMER_REAL, job.limits[index])
                reports = runtestprotocol(item, nextitem=following, log=False)
                signal.setitimer(signal.ITIMER_REAL, 0)
                if any(r.failed for r in reports):
                    code = _CODE[KILLED]
                    break
        except BaseException:  # the mutant broke the run itself: a failure all the same
            code = _CODE[KILLED]
        os._exit(code)
    budget = sum(job.limits) + 30
    fd = os.pidfd_open(pid)
    try:
        ready, _, _ = select.select([fd], [], [], budget)
        if not ready:
            _kill_group(pid)
    finally:
        os.close(fd)
    _, status = os.waitpid(pid, 0)
    _kill_group(pid)  # whatever the tests started and left running
    if os.WIFSIGNALED(status):
        return TIMEOUT if os.WTERMSIG(status) in (signal.SIGALRM, signal.SIGKILL) else KILLED
    return _EXIT.get(os.WEXITSTATUS(status), KILLED)


def _die_with_parent() -> None:
    """Linux: end this process when the worker that started it ends (a stopped run leaves
    nothing behind)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


class FreshRunner:
    """Runs a job in a new interpreter with a private copy of the package holding the mutant."""

    def __init__(self, repo: Path, package: Path, scratch: Path, pytest_args: list[str]) -> None:
        self.repo = repo
        self.package = package
        self.overlay = scratch / "overlay"
        self.pytest_args = pytest_args
        target = self.overlay / package.name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(package, target, ignore=shutil.ignore_patterns("__pycache__"))
        templates = repo / "templates"
        if templates.is_dir() and not (target / "templates").exists():
            (target / "templates").symlink_to(templates)

    def __call__(self, job: Job) -> str:
        if not job.tests:
            return SURVIVED
        rel = Path(job.path).relative_to(self.package)
        copy = self.overlay / self.package.name / rel
        original = copy.read_bytes()
        copy.write_text(job.mutate(original.decode("utf-8")), encoding="utf-8")
        env = dict(os.environ, PYTHONPATH=str(self.overlay), PYTHONDONTWRITEBYTECODE="1")
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-x",
            *self.pytest_args,
            "-p",
            "mutation_tool.fresh_plugin",
            *job.tests,
        ]
        env["PYTHONPATH"] += os.pathsep + str(Path(__file__).resolve().parents[1])
        try:
            done = subprocess.run(
                command,
                cwd=self.repo,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=sum(job.limits) + 20,
                start_new_session=True,
                preexec_fn=_die_with_parent,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return TIMEOUT
        finally:
            copy.write_bytes(original)
        if done.returncode == 0:
            return SURVIVED
        if done.returncode == 1:
            return KILLED
        # 2-5: interrupted, internal error, usage, nothing collected: the mutant broke the
        # import of a module the tests need, which a user would notice as well.
        return KILLED


def write_result(out: Any, job: Job, outcome: str, seconds: float) -> None:
    out.write(json.dumps({"key": job.key, "outcome": outcome, "seconds": round(seconds, 3)}))
    out.write("\n")
    out.flush()
