"""Documents for the people who are paid: plan documents without test details or raw field
names, a letter for every participant of the roster with its version, and the approval page
that opens the program document."""

from __future__ import annotations

import re
import shutil
import subprocess
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.documents.approval_view import Revision
from icmkit.documents.render import Audience, DocumentFormat, render_documents
from icmkit.engine.load_and_check import load_and_check
from icmkit.model.base import Item
from icmkit.model.layout import FILE_KINDS
from icmkit.model.program_bundle import Program
from icmkit.signoffs.letters import letters_of

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = {
    "lumen-analytics": REPO / "examples" / "lumen-analytics",
    "harbor-supply": REPO / "examples" / "harbor-supply",
    "letters": REPO / "tests" / "fixtures" / "letters",
}
APPENDIX_ANCHOR = '<a id="examples"></a>'
STATUSES = ("not run", "not_run", "passed", "failed", "blocked")


def _models_in(annotation: object) -> list[type[Item]]:
    if isinstance(annotation, type) and issubclass(annotation, Item):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _field_names() -> set[str]:
    """Every key of the program format with an underscore (``term_months``,
    ``credit_date``): none may show in a participant's text."""
    found: set[str] = set()
    seen: set[type[Item]] = set()

    def walk(model: type[Item]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            key = info.alias or name
            if "_" in key.strip("_"):
                found.add(key)
            for inner in _models_in(info.annotation):
                walk(inner)

    for kind in FILE_KINDS:
        walk(kind.model)
        if kind.item_model is not None:
            walk(kind.item_model)
    return found


FIELD_NAMES = _field_names()


def _internal_ids(program: Program) -> set[str]:
    """Ids participants never see: test cases, components, measures, quotas, data sources."""
    ids = {t.id for t in program.test_cases}
    ids |= {d.id for d in program.data_sources}
    for plan in program.plans:
        ids |= {c.id for c in plan.components if "_" in c.id or "-" in c.id}
        ids |= {m.id for m in plan.measures if "_" in m.id}
        ids |= {q.id for q in plan.quotas}
    return ids


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _visible(path: str, text: str) -> str:
    """What a reader sees: HTML without tags, Markdown without anchors and link targets."""
    if path.endswith(".html"):
        parser = _Text()
        parser.feed(text.split("<body", 1)[1])
        return " ".join(parser.parts)
    text = re.sub(r'<a id="[^"]*"></a>', "", text)
    return re.sub(r"\]\([^)]*\)", "]", text)


def _render(
    name: str, audience: Audience = Audience.PARTICIPANTS
) -> tuple[Program, dict[str, str]]:
    checked = load_and_check(EXAMPLES[name], use_cache=False)
    docs = render_documents(
        checked.program, checked.root, audience=audience, revision=Revision("1a2b3c4", "2027-03-28")
    )
    return checked.program, docs


def _problems(program: Program, path: str, text: str) -> list[str]:
    seen = _visible(path, text)
    words = set(re.findall(r"[A-Za-z][A-Za-z0-9_-]*", seen))
    found = sorted(words & (FIELD_NAMES | _internal_ids(program)))
    found += [s for s in STATUSES if re.search(rf"\({s}\)|\b{s}\b\)", seen)]
    if re.search(r"\bTC-[A-Z0-9-]+", seen):
        found.append("a test case id")
    return found


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_participant_plan_documents_hold_no_test_details_or_raw_names(name: str) -> None:
    program, docs = _render(name)
    plans = {p: t for p, t in docs.items() if p.startswith("plans/") and not p.endswith(".svg")}
    assert plans
    for path, text in plans.items():
        assert APPENDIX_ANCHOR not in text and "Appendix" not in text, path
        assert _problems(program, path, text) == [], path


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_the_team_s_plan_documents_keep_the_test_cases_in_an_appendix(name: str) -> None:
    program, docs = _render(name, Audience.TEAM)
    for path, text in docs.items():
        if not path.startswith("plans/") or path.endswith(".svg"):
            continue
        anchor = APPENDIX_ANCHOR if path.endswith(".md") else '<section class="part" id="examples">'
        participant_part, _, appendix = text.partition(anchor)
        assert _problems(program, path, participant_part) == [], path
        plan_id = path.split("/")[1].rsplit(".", 1)[0]
        if any(t.plan == plan_id and t.given is not None for t in program.test_cases):
            assert "Test case TC-" in appendix, path


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_a_letter_for_every_participant_and_plan_with_its_version(name: str) -> None:
    program, docs = _render(name)
    letters = letters_of(program)
    assert letters
    rendered = sorted(p for p in docs if p.startswith("letters/"))
    assert len(rendered) == 2 * len(letters)
    for letter in letters:
        matching = [
            p
            for p in rendered
            if p.endswith(f"/{letter.participant.id}.md") and letter.fingerprint in docs[p]
        ]
        assert len(matching) == 1, letter.key
        text = docs[matching[0]]
        assert letter.short in text and (letter.participant.name or "") in text
        assert _problems(program, matching[0], text) == [], matching[0]


def test_letters_state_personal_quotas_draws_and_what_changed() -> None:
    _, docs = _render("letters")
    eli = docs["letters/PLAN-AE/A1.md"]
    assert "| Quota: New ARR | USD 700,000 annual (your own) |" in eli
    assert "| Target incentive | USD 70,000 annual (your own) |" in eli
    assert "You do not get the draw" in eli
    fay = docs["letters/PLAN-AE/A2.md"]
    assert "You get the draw: you were hired on 2027-03-15" in fay
    assert "## What changed in your plan" in fay
    assert "  - Before: 100% of quota and above: 12%\n  - Now: 100% of quota and above: 14%" in fay
    gus = docs["letters/PLAN-AE/A3.md"]  # left in May, before the July version
    assert "What changed" not in gus and "14%" not in gus


def test_letters_are_deterministic_and_not_written_when_asked() -> None:
    _, first = _render("letters")
    _, second = _render("letters")
    assert first == second
    checked = load_and_check(EXAMPLES["letters"], use_cache=False)
    docs = render_documents(checked.program, checked.root, DocumentFormat.MD, letters=False)
    assert not [p for p in docs if p.startswith("letters/")]


def test_the_approval_page_opens_the_program_document() -> None:
    _, docs = _render("letters", Audience.TEAM)
    md = docs["program.md"]
    assert md.index("## Approval") < md.index("## Scope")
    assert "Revision: commit 1a2b3c4 of 2027-03-28." in md
    assert "| Cy Moreno | VP Sales | 2027-02-12 | plans (1 item) | 1 |" in md
    assert "| Bo Park | ICM administrator | 2027-02-19 | requirements (4 items) | none |" in md
    assert "Changed since Cy Moreno (VP Sales) signed off on 2027-02-12:" in md
    assert "- PLAN-AE Account executive plan 2027 (plan, changed)" in md


def _git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=root,
        check=True,
        capture_output=True,
        env={
            "GIT_AUTHOR_NAME": "T",
            "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "T",
            "GIT_COMMITTER_EMAIL": "t@example.com",
            "GIT_AUTHOR_DATE": "2027-03-28T12:00:00Z",
            "GIT_COMMITTER_DATE": "2027-03-28T12:00:00Z",
            "PATH": "/usr/bin:/bin:/usr/local/bin",
            "HOME": str(root),
        },
    )


def test_render_takes_the_revision_from_git(minimal_program: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = CliRunner().invoke(app, ["render", str(minimal_program), "-o", str(out), "-f", "md"])
    assert done.exit_code == 0, done.output
    assert "Revision: none, the program is not in a git repository." in (
        out / "program.md"
    ).read_text(encoding="utf-8")
    _git(minimal_program, "init", "-q")
    _git(minimal_program, "add", ".")
    _git(minimal_program, "commit", "-q", "-m", "program")
    shutil.rmtree(out)
    done = CliRunner().invoke(app, ["render", str(minimal_program), "-o", str(out), "-f", "md"])
    text = (out / "program.md").read_text(encoding="utf-8")
    assert re.search(r"Revision: commit [0-9a-f]{7} of 2027-03-28\.", text), text[:400]
    (minimal_program / "business-requirements.yaml").write_text(
        (minimal_program / "business-requirements.yaml").read_text(encoding="utf-8") + "\n",
        encoding="utf-8",
    )
    shutil.rmtree(out)
    CliRunner().invoke(app, ["render", str(minimal_program), "-o", str(out), "-f", "md"])
    assert "with changes to the program files not committed yet" in (out / "program.md").read_text(
        encoding="utf-8"
    )


def test_render_for_participants_leaves_the_appendix_out(
    minimal_program: Path, tmp_path: Path
) -> None:
    team, people = tmp_path / "team", tmp_path / "people"
    runner = CliRunner()
    assert runner.invoke(app, ["render", str(minimal_program), "-o", str(team)]).exit_code == 0
    done = runner.invoke(
        app, ["render", str(minimal_program), "-o", str(people), "--audience", "participants"]
    )
    assert done.exit_code == 0, done.output
    assert "TC-AE-001" in (team / "plans" / "PLAN-AE.md").read_text(encoding="utf-8")
    assert "TC-AE-001" not in (people / "plans" / "PLAN-AE.html").read_text(encoding="utf-8")


def test_a_component_the_engine_cannot_chart_says_so(minimal_program: Path) -> None:
    plan = minimal_program / "plans" / "ae.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace(
            "  requirements: [FR-PC-001]\n",
            "    - {id: team, name: Team override, kind: override, measure: arr, rate: '1%',\n"
            "       basis: team_earnings}\n"
            "  requirements: [FR-PC-001]\n",
        ),
        encoding="utf-8",
    )
    checked = load_and_check(minimal_program, use_cache=False)
    docs = render_documents(checked.program, checked.root, DocumentFormat.MD)
    text = docs["plans/PLAN-AE.md"]
    assert "No chart: what this pays depends on more than its own credit" in text
    assert "plans/PLAN-AE-curves/component-commission.svg" in docs
    assert "plans/PLAN-AE-curves/component-team.svg" not in docs


def test_a_tier_edge_far_beyond_quota_keeps_the_chart_s_ticks_few(minimal_program: Path) -> None:
    """A tier ending at 99,999,999,999.99 on a 500,000 quota drew a tick every 50% of quota
    up to that edge: render ran for a minute and stopped on its step budget."""
    plan = minimal_program / "plans" / "ae.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("50000") == 2
    plan.write_text(text.replace("50000", "99999999999.99"), encoding="utf-8")
    checked = load_and_check(minimal_program, use_cache=False)
    docs = render_documents(checked.program, checked.root, DocumentFormat.MD)
    chart = docs["plans/PLAN-AE-curves/component-commission.svg"]
    assert 3 <= chart.count('text-anchor="middle" fill="#59636e"') <= 12
