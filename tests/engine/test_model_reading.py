"""`icmkit model --against`: each version reads the history with its own number format, so a
change of the data source's format is a change of what is paid."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.review.conftest import AUTHOR, EMAIL, Repo
from typer.testing import CliRunner

from icmkit.cli.app import app

COMMA = "    number_format: {decimal: comma, thousands: dot}\n"
DOT = "    number_format: {decimal: dot, thousands: comma}\n"


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
    """The minimal program whose CRM writes `1.234,56`, committed on ``main``; the working
    tree says the CRM writes `1,234.56` instead."""
    found = Repo(minimal_program.parent, minimal_program)
    found.git("init", "-q", "-b", "main")
    found.git("config", "user.name", AUTHOR)
    found.git("config", "user.email", EMAIL)
    found.git("config", "commit.gpgsign", "false")
    found.edit("data/sources.yaml", "    owner: bo\n", "    owner: bo\n" + COMMA)
    found.write(
        "history/transactions.csv", 'participant,id,date,amount\nP1,T1,2027-01-15,"60.000"\n'
    )
    found.commit("Start the program with its history")
    found.edit("data/sources.yaml", COMMA, DOT)
    monkeypatch.chdir(minimal_program)
    return found


@pytest.mark.parametrize("engine", ["python", "duckdb"])
def test_each_version_reads_the_history_in_its_own_number_format(repo: Repo, engine: str) -> None:
    result = CliRunner().invoke(
        app, ["model", "--against", "main", "--engine", engine, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    # main reads 60.000 as 60,000: 50,000 at 8% + 10,000 at 12% = 5,200; the working tree
    # reads it as 60 at 8% = 4.80
    assert json.loads(result.stdout)["impact"]["total"] == {
        "base": "5200.00",
        "head": "4.80",
        "change": "-5195.20",
        "relative": "-0.9991",
    }
