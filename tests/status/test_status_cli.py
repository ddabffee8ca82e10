"""The command as users run it: stderr warning, exit codes, one real subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.status.conftest import ANSI, run

from icmkit.model.requirements import Kind, Status


def test_help_offers_every_kind_and_status_of_the_model() -> None:
    result = run("--help")
    assert result.exit_code == 0
    words = " ".join(result.stdout.split())
    assert "--kind <standard|unique|assisted>" in words
    assert "--kind <" + "|".join(k.value for k in Kind) + ">" in words
    assert "--status <" + "|".join(s.value for s in Status) + ">" in words


def test_check_errors_give_one_warning_line_and_status_still_shows(minimal_program: Path) -> None:
    plan = minimal_program / "plans/ae.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("FR-PC-001", "FR-PC-999"))
    result = run(str(minimal_program), "--width", "80")
    assert result.exit_code == 0
    assert result.stderr == ("icmkit: warning: the program has 1 check error; run `icmkit check`\n")
    assert "FR-DI-001 Import opportunities from the CRM every night" in result.stdout


def test_a_clean_program_has_no_warning(minimal_program: Path) -> None:
    result = run(str(minimal_program))
    assert result.exit_code == 0
    assert result.stderr == ""


def test_not_a_program_exits_2(tmp_path: Path) -> None:
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("icmkit: error:")


def test_status_does_not_change_any_file(minimal_program: Path) -> None:
    from tests.conftest import snapshot_tree

    before = snapshot_tree(minimal_program)
    run(str(minimal_program))
    run(str(minimal_program), "--gate", "1")
    assert snapshot_tree(minimal_program) == before


def test_real_subprocess(minimal_program: Path) -> None:
    env = {**os.environ, "COLUMNS": "72"}
    env.pop("FORCE_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "icmkit", "status", str(minimal_program), "--as-of", "2027-06-01"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0] == "Minimal Co: delivery status as of 2027-06-01"
    assert max(len(line) for line in lines) <= 72
    assert not ANSI.search(done.stdout)
    assert "  [!] MS-GOLIVE  Go live  due 2027-05-03, 29 days late" in lines

    gate = subprocess.run(
        [sys.executable, "-m", "icmkit", "status", str(minimal_program), "--gate", "1"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    assert gate.returncode == 1
    assert "FR-DI-001" in gate.stdout
