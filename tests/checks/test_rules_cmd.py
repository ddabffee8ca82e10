"""`icmkit rules`: every code with its severity and summary; docs/rules.md kept in step."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from icmkit.checks.rules import all_codes
from icmkit.cli.app import app
from icmkit.engine.load_and_check import EVERY_RULE

RULES_DOC = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def rules(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["rules", *args])
    return result.exit_code, result.output


def test_text_lists_every_code_once_with_severity_and_summary() -> None:
    code, out = rules()
    assert code == 0, out
    lines = out.splitlines()
    expected = list(all_codes(EVERY_RULE))
    assert len(lines) == len(expected)
    for line, (rule_code, severity, summary) in zip(lines, expected, strict=True):
        assert line.split(None, 2) == [rule_code, severity.value, summary]
    assert "REQ007  warning  `hours` on a requirement that is not assisted" in lines
    assert "REQ005  info     standard requirement specified instead of listed" in lines


def test_json_is_the_list_of_codes() -> None:
    code, out = rules("--format", "json")
    assert code == 0, out
    assert json.loads(out) == [
        {"code": c, "severity": s.value, "summary": summary}
        for c, s, summary in all_codes(EVERY_RULE)
    ]


def test_every_code_is_well_formed_and_documented() -> None:
    codes = [c for c, _, _ in all_codes(EVERY_RULE)]
    assert len(codes) == len(set(codes))
    for c, _, summary in all_codes(EVERY_RULE):
        assert re.fullmatch(r"[A-Z]{2,4}\d{3}", c), c
        assert summary and summary == summary.strip(), c


def test_markdown_is_a_table_row_per_code() -> None:
    code, out = rules("--format", "md")
    assert code == 0, out
    assert out.startswith("# Check rules\n")
    assert "| PLN008 | warning | cap without a limit |" in out.splitlines()
    assert sum(1 for line in out.splitlines() if re.match(r"\| [A-Z]+\d{3} \|", line)) == len(
        list(all_codes(EVERY_RULE))
    )


def test_unknown_format_is_a_usage_error() -> None:
    code, _ = rules("--format", "html")
    assert code == 2


def test_docs_rules_md_is_up_to_date() -> None:
    _, out = rules("--format", "md")
    current = RULES_DOC.read_text(encoding="utf-8") if RULES_DOC.exists() else ""
    assert current == out, (
        "docs/rules.md is out of date; regenerate it from the repository root with\n"
        "    icmkit rules --format md > docs/rules.md"
    )
