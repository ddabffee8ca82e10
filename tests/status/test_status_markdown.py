"""`--format md`: a GitHub task list grouped by phase."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import build_file_tree
from tests.status.conftest import AS_OF, EXAMPLE, run

TASK = re.compile(r"^- \[( |x)\] ")


def _markdown(path: Path, *args: str) -> list[str]:
    result = run(str(path), "--format", "md", "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_every_list_item_is_a_task(varied_program: Path) -> None:
    lines = _markdown(varied_program)
    items = [line for line in lines if line.startswith(("- ", "* ", "+ "))]
    assert items
    assert all(TASK.match(line) for line in items), items
    headings = [line for line in lines if line.startswith("#")]
    assert headings[0] == "## Minimal Co: delivery checklist"
    assert "### Phase 1: Sandbox prototype (2027-01-04 to 2027-02-12)" in headings
    assert [h for h in headings if h.startswith("### Phase")] == [
        "### Phase 1: Sandbox prototype (2027-01-04 to 2027-02-12)",
        "### Phase 2: Design revision and pre-production (2027-02-15 to 2027-03-26)",
        "### Phase 3: Administrator onboarding (2027-03-29 to 2027-04-30)",
        "### Phase 4: Go-live support (2027-05-03 to 2027-07-30)",
    ]


def test_accepted_requirements_are_ticked(varied_program: Path) -> None:
    lines = _markdown(varied_program)
    assert "- [x] FR-DI-001 Import opportunities from the CRM every night" in lines
    assert "- [ ] FR-PC-001 Account executive commission with marginal tiers (tested)" in lines
    assert "- [ ] FR-DI-003 Import product catalogue changes weekly (deferred)" in lines
    assert "- [x] Functional requirements agreed" in lines
    phase_3 = lines.index("### Phase 3: Administrator onboarding (2027-03-29 to 2027-04-30)")
    phase_4 = lines.index("### Phase 4: Go-live support (2027-05-03 to 2027-07-30)")
    assert lines[phase_3:phase_4] == [
        "### Phase 3: Administrator onboarding (2027-03-29 to 2027-04-30)",
        "",
        "Progress: 1/2 accepted (50%), 1/2 tested.",
        "",
        "- [ ] FR-DI-002 Help set up the month-end close checklist (proposed)",
        "- [x] FR-DI-004 Help reconcile the first payroll export",
        "",
    ]


def test_user_text_cannot_break_the_list(minimal_program: Path) -> None:
    core = (minimal_program / "requirements/core.yaml").read_text(encoding="utf-8")
    core = core.replace(
        "title: Import opportunities from the CRM every night",
        'title: "Import <b>deals</b> [link](x)\\n- [x] fake task"',
    )
    build_file_tree(minimal_program, {"requirements/core.yaml": core})
    lines = _markdown(minimal_program)
    row = next(line for line in lines if "FR-DI-001" in line)
    assert row == (
        r"- [ ] FR-DI-001 Import \<b\>deals\</b\> \[link\](x) - \[x\] fake task (agreed)"
    )
    assert not any(line.startswith("- [x] fake") for line in lines)


def test_example_markdown_is_a_task_list() -> None:
    lines = _markdown(EXAMPLE)
    items = [line for line in lines if line.startswith(("- ", "* ", "+ "))]
    assert all(TASK.match(line) for line in items)
    assert any(line.startswith("### Phase 1") for line in lines)
