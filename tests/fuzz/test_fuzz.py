"""A seeded mutation fuzzer over every kind of program file, running `check`, `render`,
`status`, `test` and `export xlsx` in-process on each mutated program.

Every command must end with exit 0, 1 or 2: never exit 3 (an internal error), a traceback or
a hang. ``ICMKIT_FUZZ_CASES`` sets the number of cases (250 by default) and
``ICMKIT_FUZZ_SEED`` the seed (a fixed one by default, so a CI run is repeatable); a failure
names the seed of its case, which :func:`tests.fuzz.mutations.make_case` makes again.
``ICMKIT_FUZZ_REPORT`` names a file to write the run's summary to.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from tests.conftest import REPO
from tests.fuzz.mutations import Case, make_case
from typer.testing import CliRunner

from icmkit.cli.app import app

SEED = int(os.environ.get("ICMKIT_FUZZ_SEED", "1414"))
CASES = int(os.environ.get("ICMKIT_FUZZ_CASES", "250"))
HANG_SECONDS = 60
BASES = {
    "minimal": REPO / "tests" / "fixtures" / "minimal",
    "harbor-supply": REPO / "examples" / "harbor-supply",
}
SIGNOFFS = b"""\
signoffs:
  - by: "Bo Park"
    role: "ICM administrator"
    on: "2027-02-12T16:30:00Z"
    scope: ["plans"]
    items:
      "PLAN-AE": "sha256:0000000000000000000000000000000000000000000000000000000000000000"
"""
"""A sign-offs file, so the fuzz mutates that kind of file too (no base program has one)."""


class Hang(BaseException):
    """A command ran longer than HANG_SECONDS (a BaseException: icmkit cannot catch it)."""


@contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    def stop(signum: int, frame: object) -> None:
        raise Hang

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*.yaml"))
        if "build" not in p.parts
    }


def _write(program: Path, base: dict[str, bytes], case: Case) -> None:
    if program.exists():
        shutil.rmtree(program)
    for rel, data in {**base, **case.files}.items():
        if data is None:
            continue
        target = program / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def _commands(case: Case, out: Path) -> list[list[str]]:
    others = [
        ["render", "--out", str(out / "docs"), "--force"],
        ["status"],
        ["test"],
        ["export", "xlsx", "--out", str(out / "requirements.xlsx"), "--force"],
    ]
    return [["check"], random.Random(case.seed).choice(others)]


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs interval timers")
def test_mutated_programs_never_crash_or_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bases = {name: _files(folder) for name, folder in BASES.items()}
    bases["minimal"]["signoffs.yaml"] = SIGNOFFS
    program, out = tmp_path / "program", tmp_path / "out"
    out.mkdir()
    runner = CliRunner()
    chance = random.Random(SEED)
    failures: list[str] = []
    exits: Counter[str] = Counter()
    started = time.monotonic()
    for _ in range(CASES):
        case = make_case(chance.getrandbits(48), bases)
        _write(program, bases[case.base], case)
        monkeypatch.chdir(program)
        for args in _commands(case, out):
            name = " ".join(args[:2] if args[0] == "export" else args[:1])
            try:
                with _time_limit(HANG_SECONDS):
                    result = runner.invoke(app, args)
            except Hang:
                failures.append(f"{case.describe()}: `{name}` ran over {HANG_SECONDS} s")
                continue
            exits[f"{name} {result.exit_code}"] += 1
            output = result.stdout + result.stderr
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                failures.append(f"{case.describe()}: `{name}` raised {result.exception!r}")
            elif result.exit_code not in (0, 1, 2) or "Traceback" in output:
                failures.append(
                    f"{case.describe()}: `{name}` exit {result.exit_code}: {output[-600:]}"
                )
    monkeypatch.chdir(tmp_path)
    summary = (
        f"{CASES} cases, seed {SEED}, {time.monotonic() - started:.0f} s; "
        f"{len(failures)} failures; exits: "
        + ", ".join(f"{key}: {count}" for key, count in sorted(exits.items()))
    )
    report = os.environ.get("ICMKIT_FUZZ_REPORT")
    if report:
        Path(report).write_text(summary + "\n" + "\n".join(failures) + "\n", encoding="utf-8")
    print(summary)
    assert not failures, "\n".join(failures[:20])
