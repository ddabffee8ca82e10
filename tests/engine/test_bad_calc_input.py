"""`icmkit calc` on inputs that cannot be computed: a one-line error and exit 2, never a
crash (exit 3) or a hang."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app

TOO_LATE = "is too far in the future to compute"


def _calc(program: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["calc", "PLAN-AE", "--path", str(program), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def transactions(tmp_path: Path) -> Path:
    path = tmp_path / "transactions.csv"
    path.write_text("participant,id,date,amount\nP1,T1,2027-01-05,100\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "period",
    ["9999", "9999-12", "9999-Q4", "9999-H2", "9999-W52", "9999-12-31", "9998-06..9999-12"],
)
def test_a_period_at_the_end_of_the_calendar_is_refused(
    minimal_program: Path, transactions: Path, period: str
) -> None:
    """`9999-W52` and `9999-12-31` used to end in OverflowError (exit 3)."""
    code, out, err = _calc(minimal_program, "--transactions", str(transactions), "--period", period)
    assert (code, out) == (2, "")
    assert err == f"icmkit: error: period `{period}` {TOO_LATE}\n"


@pytest.mark.parametrize("period", ["0000-01", "2027-13", "2027-02-30", "2027-W60", "soon"])
def test_a_period_that_does_not_exist_is_refused(
    minimal_program: Path, transactions: Path, period: str
) -> None:
    code, _, err = _calc(minimal_program, "--transactions", str(transactions), "--period", period)
    assert code == 2
    assert err.startswith(f"icmkit: error: period `{period}`") and err.count("\n") == 1


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs the proc file system")
@pytest.mark.parametrize("name", ["/proc/self/mem", "/proc/self/status", "/proc/self/environ"])
def test_a_file_of_the_proc_file_system_is_refused(minimal_program: Path, name: str) -> None:
    """`--transactions /proc/self/mem` used to end in an input/output error (exit 3)."""
    code, _, err = _calc(minimal_program, "--transactions", name, "--period", "2027-01")
    assert code == 2
    assert err == (
        f"icmkit: error: {name}: cannot read: a file of the system (/proc, /sys, /dev), "
        "not a data file\n"
    )


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_the_zero_device_is_refused_at_once(minimal_program: Path) -> None:
    started = time.monotonic()
    code, _, err = _calc(minimal_program, "--transactions", "/dev/zero", "--period", "2027-01")
    assert time.monotonic() - started < 20
    assert code == 2
    assert err == "icmkit: error: /dev/zero: cannot read: it is a device, not a regular file\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_at_once(minimal_program: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    started = time.monotonic()
    code, _, err = _calc(minimal_program, "--transactions", str(pipe), "--period", "2027-01")
    assert time.monotonic() - started < 20
    assert code == 2
    assert err == (
        f"icmkit: error: {pipe}: cannot read: it is a named pipe (FIFO), not a file; write the "
        "data to a file and give that\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links")
def test_a_link_to_the_zero_device_is_refused(minimal_program: Path, tmp_path: Path) -> None:
    link = tmp_path / "zero.csv"
    link.symlink_to("/dev/zero")
    code, _, err = _calc(minimal_program, "--transactions", str(link), "--period", "2027-01")
    assert code == 2
    assert "it is a device, not a regular file" in err


def test_a_read_error_is_an_error_not_a_crash(
    minimal_program: Path, transactions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that fails part-way (an input/output error) is reported like any unreadable one."""
    original = Path.open

    class Failing:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def __iter__(self) -> Failing:
            return self

        def __next__(self) -> str:
            raise OSError(5, "Input/output error")

    def failing_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == transactions:
            return Failing(None)
        return original(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", failing_open)
    code, _, err = _calc(
        minimal_program, "--transactions", str(transactions), "--period", "2027-01"
    )
    assert code == 2
    assert err == f"icmkit: error: {transactions}: cannot read: Input/output error\n"


def test_a_missing_file_is_refused(minimal_program: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    code, _, err = _calc(minimal_program, "--transactions", str(missing), "--period", "2027-01")
    assert code == 2
    assert err == f"icmkit: error: {missing}: cannot read: it does not exist\n"


def test_a_file_that_cannot_be_looked_at_is_refused(
    minimal_program: Path, transactions: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = Path.stat

    def refuse(self: Path, **kwargs: bool) -> os.stat_result:
        if self == transactions:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, **kwargs)

    monkeypatch.setattr(Path, "stat", refuse)
    code, _, err = _calc(
        minimal_program, "--transactions", str(transactions), "--period", "2027-01"
    )
    assert code == 2
    assert err == f"icmkit: error: {transactions}: cannot read: Permission denied\n"


def test_a_date_cell_outside_the_supported_years_is_a_bad_row(
    minimal_program: Path, tmp_path: Path
) -> None:
    late = tmp_path / "late.csv"
    late.write_text("participant,id,date,amount\nP1,T1,9999-12-31,100\n", encoding="utf-8")
    code, _, err = _calc(minimal_program, "--transactions", str(late), "--period", "2027-01")
    assert code == 2
    assert err.endswith(f"{late}:2: date `9999-12-31` is not in the years 1900 to 2999\n")


def test_as_of_outside_the_supported_years_is_refused(
    minimal_program: Path, transactions: Path
) -> None:
    code, _, err = _calc(
        minimal_program,
        "--transactions",
        str(transactions),
        "--period",
        "2027-01",
        "--as-of",
        "1066-10-14",
    )
    assert code == 2
    assert err == "icmkit: error: --as-of `1066-10-14` is not in the years 1900 to 2999\n"
