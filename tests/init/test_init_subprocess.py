"""``icmkit init`` as a real process: no terminal, no git identity, as on a CI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
from tests.init.conftest import CUSTOMER, GITHUB_FILES, files_below


def _icmkit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_AUTHOR", "GIT_COMMITTER"))}
    env.update(HOME=str(home), GIT_CONFIG_GLOBAL="/dev/null", GIT_CONFIG_NOSYSTEM="1")
    return subprocess.run(
        [sys.executable, "-m", "icmkit", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_real_process_without_terminal_or_identity(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    missing = _icmkit(tmp_path, home, "init", "acme")
    assert missing.returncode == 2
    assert missing.stderr.startswith("icmkit: error: --customer is required ")

    made = _icmkit(tmp_path, home, "init", "acme", "--customer", CUSTOMER)
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""
    root = tmp_path / "acme"
    assert files_below(root) == GITHUB_FILES
    assert len(list(git.Repo(root).iter_commits("main"))) == 1

    checked = _icmkit(root, home, "check")
    assert checked.returncode == 0, checked.stdout
