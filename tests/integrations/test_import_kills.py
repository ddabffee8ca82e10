"""`icmkit import xlsx` killed at random moments (SIGKILL, a fixed seed): once the next run
has finished what the killed one left, the requirement files are all old or all new, and no
temporary file is left.

``ICMKIT_KILL_RUNS`` sets the number of kills (10 by default); ``ICMKIT_KILL_SEED`` the seed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from tests.conftest import REPO
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.spreadsheet.import_journal import JOURNAL, finish_interrupted

RUNS = int(os.environ.get("ICMKIT_KILL_RUNS", "10"))
SEED = int(os.environ.get("ICMKIT_KILL_SEED", "20270101"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _requirements(root: Path) -> dict[str, bytes]:
    folder = root / "requirements"
    return {
        p.relative_to(root).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def _import_command(book: Path, program: Path) -> list[str]:
    return [sys.executable, "-m", "icmkit", "import", "xlsx", str(book), "--path", str(program)]


def _edited_workbook(program: Path, book: Path) -> None:
    """Export ``program`` to ``book`` and change a value in every row (so every file)."""
    result = CliRunner().invoke(app, ["export", "xlsx", str(program), "--out", str(book)])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(book)
    sheet = workbook["Requirements"]
    notes = [cell.value for cell in sheet[1]].index("notes")
    for row in sheet.iter_rows(min_row=2):
        row[notes].value = f"Reviewed in the workshop ({row[1].value})."
    workbook.save(book)


def test_a_killed_import_leaves_old_or_new_files_never_a_mix(tmp_path: Path) -> None:
    pristine = tmp_path / "pristine"
    shutil.copytree(REPO / "examples" / "lumen-analytics", pristine)
    book = tmp_path / "edited.xlsx"
    _edited_workbook(pristine, book)
    env = {**os.environ, "NO_COLOR": "1"}

    done = tmp_path / "done"
    shutil.copytree(pristine, done)
    started = time.monotonic()
    finished = subprocess.run(_import_command(book, done), env=env, capture_output=True)
    duration = time.monotonic() - started
    assert finished.returncode == 0, finished.stderr.decode()
    old, new = _requirements(pristine), _requirements(done)
    assert len([rel for rel in new if new[rel] != old.get(rel)]) >= 5

    chance = random.Random(SEED)
    outcomes: Counter[str] = Counter()
    for run in range(RUNS):
        program = tmp_path / f"run-{run}"
        shutil.copytree(pristine, program)
        child = subprocess.Popen(
            _import_command(book, program),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(chance.uniform(0.5, 1.1) * duration)
        child.send_signal(signal.SIGKILL)
        child.wait()
        interrupted = (program / JOURNAL).exists()
        finish_interrupted(program)  # what the next import does first
        now = _requirements(program)
        assert not [rel for rel in now if rel.endswith(".tmp")], f"run {run}: temporaries left"
        assert not (program / JOURNAL).exists()
        assert now in (old, new), f"run {run}: some files old, some new"
        outcomes[("new" if now == new else "old") + (" (finished)" if interrupted else "")] += 1
        shutil.rmtree(program)
    print(f"{RUNS} kills, seed {SEED}: {dict(outcomes)}")
