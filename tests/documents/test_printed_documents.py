"""Documents as a finance reviewer reads and prints them: names rather than ids and field
names, one meaning of hours, worked examples that flow across pages, dates and chart labels
that are never cut."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO

from icmkit.documents.gantt import LABEL_WIDTH, label_width, short
from icmkit.documents.render import DocumentFormat, render_documents
from icmkit.engine.load_and_check import load_and_check

LUMEN = REPO / "examples" / "lumen-analytics"


def _documents(root: Path) -> dict[str, str]:
    checked = load_and_check(root, use_cache=False)
    return render_documents(checked.program, checked.root, DocumentFormat.ALL)


def test_plans_name_sources_quotas_and_fields_instead_of_their_ids() -> None:
    plan = _documents(LUMEN)["plans/PLAN-AE-2027.md"]
    assert (
        "| New ARR booked | the amount of each transaction, counted on the date it is booked "
        "| the type is New Logo or Expansion | Salesforce opportunities and splits |"
    ) in plan
    assert "| New ARR booked | annual | USD 900,000 |" in plan
    assert "- Annual New ARR booked quota: USD 900,000." in plan
    assert "DS-SFDC" not in plan
    assert "q_new_arr" not in plan
    assert "sum of" not in plan


def test_hours_planned_and_spent_mean_the_same_as_in_status(minimal_program: Path) -> None:
    core = minimal_program / "requirements/core.yaml"
    text = core.read_text(encoding="utf-8")
    assert text.count("status: proposed") == 1  # FR-DI-002, the assisted one (4 hours)
    core.write_text(text.replace("status: proposed", "status: deferred"), encoding="utf-8")
    program = _documents(minimal_program)["program.md"]
    assert "- Hours of assistance: 0 planned, 0 accepted" in program
    assert "| Hour budget | Kind | Phase | Hours | Spent | Left |" in program


def test_printed_worked_examples_flow_across_pages() -> None:
    plan = _documents(LUMEN)["plans/PLAN-AE-2027.html"]
    printed = plan[plan.index("@media print") :]
    assert "#examples .requirement { break-inside: auto; }" in printed


def test_dates_in_the_subtitle_do_not_break_at_their_hyphens() -> None:
    documents = _documents(LUMEN)
    plan = documents["plans/PLAN-AE-2027.html"]
    assert 'effective <span class="nowrap">2027-01-01</span>' in plan
    assert "span.nowrap" in plan
    assert 'from <span class="nowrap">' in documents["program.html"]


def test_chart_labels_are_whole() -> None:
    phase = "Phase 3: Administrator onboarding on pre-production"
    assert label_width(["Go live"]) == LABEL_WIDTH
    wide = label_width([phase])
    assert wide > LABEL_WIDTH
    assert short(phase, wide) == phase
    assert short("x" * 200, label_width(["x" * 200])).endswith("…")
