"""Which tests run which lines: the test suite run once under ``coverage``, one context per test.

Lines run while the package's modules are imported are recorded under the context ``""``
(every module is imported before pytest starts); a mutant there is tested in a fresh
interpreter. Lines run while tests are collected (a parametrisation computed from a loaded
program) are recorded under ``<collection>`` and choose no test. Each test's duration and
outcome are kept too: a test that fails without any mutant is never used, and the fastest
tests run first.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import time
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

IMPORT_TIME = ""
COLLECTION = "<collection>"


@dataclass
class CoverageMap:
    tests: list[str]
    seconds: list[float]
    passed: list[bool]
    lines: dict[str, dict[int, list[int]]]
    """Repository-relative file -> line -> indexes into ``tests`` (-1: import time)."""
    fingerprint: str = ""
    index: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {name: i for i, name in enumerate(self.tests)}

    def save(self, path: Path) -> None:
        data = {
            "fingerprint": self.fingerprint,
            "tests": self.tests,
            "seconds": self.seconds,
            "passed": self.passed,
            "lines": {f: {str(k): v for k, v in ls.items()} for f, ls in self.lines.items()},
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> CoverageMap:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        lines = {f: {int(k): v for k, v in ls.items()} for f, ls in data["lines"].items()}
        return cls(data["tests"], data["seconds"], data["passed"], lines, data["fingerprint"])


class _Recorder:
    """A pytest plugin switching the coverage context around each test and timing it."""

    def __init__(self, cov: Any) -> None:
        self.cov = cov
        self.seconds: dict[str, float] = {}
        self.passed: dict[str, bool] = {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> Generator[None, None, None]:
        self.cov.switch_context(item.nodeid)
        start = time.perf_counter()
        yield
        self.seconds[item.nodeid] = time.perf_counter() - start
        self.cov.switch_context(COLLECTION)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        ok = not report.failed and not (report.when == "call" and report.skipped)
        self.passed[report.nodeid] = self.passed.get(report.nodeid, True) and ok


def _import_all(package: str) -> None:
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, package + "."):
        importlib.import_module(info.name)


def collect(
    repo: Path, package: str, sources: Sequence[Path], pytest_args: list[str]
) -> CoverageMap:
    """Run the tests once in this process under coverage (call in a child process)."""
    import coverage

    cov = coverage.Coverage(
        data_file=None, source=[str(s) for s in sources], config_file=False, branch=False
    )
    recorder = _Recorder(cov)
    cov.start()
    try:
        _import_all(package)
        cov.switch_context(COLLECTION)
        pytest.main(pytest_args, plugins=[recorder])
    finally:
        cov.stop()
    data = cov.get_data()
    tests = sorted(recorder.seconds)
    index = {name: i for i, name in enumerate(tests)}
    lines: dict[str, dict[int, list[int]]] = {}
    for measured in data.measured_files():
        rel = Path(measured).resolve().relative_to(repo).as_posix()
        by_line = data.contexts_by_lineno(measured)
        lines[rel] = {
            line: sorted({index.get(ctx, -1) for ctx in contexts if ctx != COLLECTION})
            for line, contexts in by_line.items()
        }
    return CoverageMap(
        tests,
        [recorder.seconds[t] for t in tests],
        [recorder.passed.get(t, False) for t in tests],
        lines,
    )
