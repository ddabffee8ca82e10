"""`icmkit signoff` loses nothing: sign-offs made at the same time are all kept, and what a
person wrote in signoffs.yaml (comments, layout) stays as it was."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.loading.program_loader import load_program
from icmkit.loading.source import WorkingTreeSource
from icmkit.locking import lock_path, locked

ROUNDS = int(os.environ.get("ICMKIT_SIGNOFF_ROUNDS", "2"))
"""Rounds of four sign-offs at once (the issue that found records lost ran ten)."""
KILLS = int(os.environ.get("ICMKIT_KILL_RUNS", "5"))
KILL_SEED = int(os.environ.get("ICMKIT_KILL_SEED", "20270101"))


def _signoff(program: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["signoff", "--path", str(program), *args])
    return result.exit_code, result.stdout, result.stderr


def _names(program: Path) -> list[str]:
    loaded = load_program(WorkingTreeSource(program))
    assert not loaded.findings, loaded.findings
    return [record.by for record in loaded.program.signoffs]


def test_concurrent_signoffs_keep_every_record(minimal_program: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    expected: list[str] = []
    for round_ in range(ROUNDS):
        names = [f"Person {round_}-{i}" for i in range(4)]
        expected += names
        children = [
            subprocess.Popen(
                [sys.executable, "-m", "icmkit", "signoff", "--by", name, "--role", "Reviewer"],
                cwd=minimal_program,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for name in names
        ]
        for child in children:
            _, err = child.communicate(timeout=300)
            assert child.returncode == 0, err.decode()
    assert sorted(_names(minimal_program)) == sorted(expected)
    assert not lock_path(minimal_program / "signoffs.yaml").exists()


HAND_WRITTEN = """\
# Sign-offs for the Minimal Co program.
# Ana keeps the paper copies in the shared drive.
signoffs:
    # The kick-off approval.
    -   by: 'Bo Park'   # sales operations
        role: Admin
        on: "2027-01-05T10:00:00Z"
        scope: [plans]
        items:
            PLAN-AE: "sha256:0000000000000000000000000000000000000000000000000000000000000000"

# Later approvals go below.
"""


def test_a_signoff_keeps_comments_and_layout(minimal_program: Path) -> None:
    target = minimal_program / "signoffs.yaml"
    target.write_text(HAND_WRITTEN, encoding="utf-8")
    code, _, err = _signoff(minimal_program, "--by", "Cy Diaz", "--role", "Sales ops")
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN)
    assert text[len(HAND_WRITTEN) :].startswith(
        '    -   by: "Cy Diaz"\n        role: "Sales ops"\n'
    )
    assert _names(minimal_program) == ["Bo Park", "Cy Diaz"]


def test_a_signoff_keeps_crlf_line_endings(minimal_program: Path) -> None:
    target = minimal_program / "signoffs.yaml"
    target.write_bytes(HAND_WRITTEN.replace("\n", "\r\n").encode())
    assert _signoff(minimal_program, "--by", "Cy Diaz", "--role", "Sales ops")[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(HAND_WRITTEN.replace("\n", "\r\n").encode())
    assert b"\n" not in raw.replace(b"\r\n", b"")


def test_a_flow_list_is_written_again_in_the_standard_layout(minimal_program: Path) -> None:
    target = minimal_program / "signoffs.yaml"
    target.write_text(
        '# old\nsignoffs: [{by: Bo Park, role: Admin, on: "2027-01-05T10:00:00Z", '
        "scope: [plans], items: {}}]\n",
        encoding="utf-8",
    )
    assert _signoff(minimal_program, "--by", "Cy Diaz", "--role", "Sales ops")[0] == 0
    assert _names(minimal_program) == ["Bo Park", "Cy Diaz"]
    assert '  - by: "Bo Park"' in target.read_text(encoding="utf-8")


def test_an_empty_list_gets_the_first_record(minimal_program: Path) -> None:
    target = minimal_program / "signoffs.yaml"
    target.write_text("# nothing yet\nsignoffs:\n", encoding="utf-8")
    assert _signoff(minimal_program, "--by", "Cy Diaz", "--role", "Sales ops")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("# nothing yet\nsignoffs:\n  - by:")
    assert _names(minimal_program) == ["Cy Diaz"]


def test_a_signoff_waits_for_the_lock_then_says_so(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("icmkit.locking.DEFAULT_TIMEOUT", 0.3)
    target = minimal_program / "signoffs.yaml"
    with locked(target):
        code, out, err = _signoff(minimal_program, "--by", "Cy Diaz", "--role", "Sales ops")
    assert code == 2
    assert out == ""
    assert err == (
        "icmkit: error: signoffs.yaml is being changed by another icmkit command (it holds "
        ".signoffs.yaml.lock); waited 0.3 seconds. Try again when it has finished.\n"
    )
    assert not target.exists()


def test_a_lock_file_left_by_a_killed_command_locks_nothing(minimal_program: Path) -> None:
    target = minimal_program / "signoffs.yaml"
    lock_path(target).write_text("", encoding="utf-8")  # no process holds it
    assert _signoff(minimal_program, "--by", "Cy Diaz", "--role", "Sales ops")[0] == 0
    assert not lock_path(target).exists()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_signoff_leaves_the_file_whole(minimal_program: Path) -> None:
    """SIGKILL at random moments (a fixed seed): signoffs.yaml holds the records of before,
    or those and the new one; the next signoff removes what a killed one left."""
    target = minimal_program / "signoffs.yaml"
    target.write_text(HAND_WRITTEN, encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1"}
    command = [sys.executable, "-m", "icmkit", "signoff", "--by", "Cy Diaz", "--role", "Ops"]
    started = time.monotonic()
    subprocess.run(command, cwd=minimal_program, env=env, capture_output=True, check=True)
    duration = time.monotonic() - started
    chance = random.Random(KILL_SEED)
    kept = 2
    for _ in range(KILLS):
        child = subprocess.Popen(command, cwd=minimal_program, env=env)
        time.sleep(chance.uniform(0.5, 1.1) * duration)
        child.send_signal(signal.SIGKILL)
        child.wait()
        names = _names(minimal_program)
        assert names in (["Bo Park"] + ["Cy Diaz"] * (kept - 1), ["Bo Park"] + ["Cy Diaz"] * kept)
        assert target.read_text(encoding="utf-8").startswith(HAND_WRITTEN)
        kept = len(names)
    assert _signoff(minimal_program, "--by", "Di Eng", "--role", "Ops")[0] == 0
    assert not list(minimal_program.glob(".signoffs.yaml.*.tmp"))


def test_the_lock_is_released_when_the_block_fails(tmp_path: Path) -> None:
    target = tmp_path / "file.yaml"
    with pytest.raises(RuntimeError), locked(target):
        raise RuntimeError("boom")
    with locked(target, timeout=0):
        assert lock_path(target).exists()
    assert not lock_path(target).exists()
