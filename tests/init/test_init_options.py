"""How ``init`` gets its options: from the command line, from prompts on a terminal, or from
defaults; and what it says when a required one is missing or a value is wrong."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from tests.init.conftest import files_below, run_init

from icmkit.cli import init_cmd
from icmkit.scaffold.schedule import next_monday


def _program(root: Path) -> dict[str, object]:
    data = yaml.safe_load((root / "program.yaml").read_text(encoding="utf-8"))
    program: dict[str, object] = data["program"]
    return program


def test_without_a_terminal_customer_is_required(workdir: Path) -> None:
    result = run_init()  # CliRunner's stdin is not a terminal
    assert result.exit_code == 2
    assert result.stderr.startswith("icmkit: error: --customer is required ")
    assert not (workdir / "acme").exists()


def test_yes_never_asks_even_on_a_terminal(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init_cmd, "_interactive", lambda: True)
    result = run_init("--yes")
    assert result.exit_code == 2
    assert "--customer is required" in result.stderr


def test_a_bad_answer_is_asked_again_at_once(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init_cmd, "_interactive", lambda: True)
    answers = "Acme\n\n2027-13-01\n2027-03-01\neuros\nEUR\nnone\n"
    result = run_init(input=answers)
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Program start date (YYYY-MM-DD)") == 2
    assert result.stdout.count("Currency [USD]: ") == 2
    assert result.stderr == (
        "The answer must be a date written YYYY-MM-DD, not '2027-13-01'; please try again.\n"
        "The answer must be a three-letter ISO code such as USD, not 'euros'; please try "
        "again.\n"
    )
    program = _program(workdir / "acme")
    assert program["customer"] == "Acme"
    assert program["start"] == dt.date(2027, 3, 1)
    assert program["currency"] == "EUR"


def test_a_bad_option_is_refused_before_any_question(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(init_cmd, "_interactive", lambda: True)
    result = run_init("--start", "2027-02-30", input="Acme\n")
    assert result.exit_code == 2
    assert "Customer name" not in result.stdout
    assert result.stderr.startswith("icmkit: error: --start must be a date written YYYY-MM-DD")


def test_defaults_without_a_terminal(workdir: Path) -> None:
    result = run_init("--customer", "Acme")
    assert result.exit_code == 0, result.output
    program = _program(workdir / "acme")
    assert program["platform"] == "Performio"
    assert program["currency"] == "USD"
    assert program["start"] == next_monday(dt.date.today())
    assert ".github/workflows/icmkit.yml" in files_below(workdir / "acme")


def test_prompts_on_a_terminal(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init_cmd, "_interactive", lambda: True)
    answers = "Ünïcode Ltd\n\n2027-03-01\nEUR\nnone\n"
    result = run_init(input=answers)
    assert result.exit_code == 0, result.output
    assert "Customer name: " in result.stdout
    assert "ICM platform [Performio]: " in result.stdout
    root = workdir / "acme"
    program = _program(root)
    assert program["customer"] == "Ünïcode Ltd"
    assert program["platform"] == "Performio"
    assert program["start"] == dt.date(2027, 3, 1)
    assert program["currency"] == "EUR"
    assert not any(".github" in name or "gitlab" in name for name in files_below(root))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start", "2027-13-01"], "icmkit: error: --start must be a date written YYYY-MM-DD"),
        (["--currency", "dollars"], "icmkit: error: --currency must be a three-letter ISO code"),
        (["--author", "nobody"], 'icmkit: error: --author must look like "Name <email'),
        (["--customer", "  "], "icmkit: error: --customer must not be empty"),
    ],
)
def test_bad_values_exit_2_and_write_nothing(workdir: Path, args: list[str], message: str) -> None:
    base = ["--customer", "Acme", "--yes"]
    result = run_init(*base, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert not (workdir / "acme").exists()


def test_customer_name_on_two_lines_is_refused(workdir: Path) -> None:
    result = run_init("--customer", "Acme\nWest", "--yes")
    assert result.exit_code == 2
    assert "one line of text" in result.stderr
