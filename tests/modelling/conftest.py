"""A program in a git repository with a year of hand-made history, for comparing versions.

The minimal plan pays each month 8% of the first 50,000 of new ARR and 12% above. Without a
roster, everyone in the transactions is on it:

- P1: 60,000 in January (4,000 + 1,200 = 5,200) and 30,000 in February (2,400);
- P2: 40,000 in January (3,200);
- P3: 80,000 and 20,000 in March (4,000 + 50,000 × 12% = 10,000).

Total 20,800. Raising the upper rate to 15% pays P1 300 more in January and P3 1,500 more in
March (50,000 × 3%): 22,600.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.review.conftest import AUTHOR, EMAIL, Repo

TRANSACTIONS = """\
participant,id,date,amount
P1,T1,2027-01-15,60000
P2,T2,2027-01-20,40000
P1,T3,2027-02-10,30000
P3,T4,2027-03-05,80000
P3,T5,2027-03-25,20000
"""
UPPER_TIER = '        - {from: 50000, rate: "12%"}\n'
RAISED_TIER = '        - {from: 50000, rate: "15%"}\n'


@pytest.fixture(autouse=True)
def _git_isolated(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    yield


@pytest.fixture
def repo(minimal_program: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    """The minimal program with ``history/transactions.csv``, committed on ``main``; the
    current folder is the program, on a branch ``raise`` whose working tree raises the upper
    tier's rate from 12% to 15% (not committed)."""
    found = Repo(minimal_program.parent, minimal_program)
    found.git("init", "-q", "-b", "main")
    found.git("config", "user.name", AUTHOR)
    found.git("config", "user.email", EMAIL)
    found.git("config", "commit.gpgsign", "false")
    found.write("history/transactions.csv", TRANSACTIONS)
    found.commit("Start the program with a year of history")
    found.git("checkout", "-q", "-b", "raise")
    found.edit("plans/ae.yaml", UPPER_TIER, RAISED_TIER)
    monkeypatch.chdir(minimal_program)
    return found
