"""What a demanding user runs into: consistent messages, paths and options across commands."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from icmkit.cli.app import app
from icmkit.documents.render import DocumentFormat, render_documents
from icmkit.engine.load_and_check import load_and_check


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _break_reference(program: Path) -> None:
    plan = program / "plans/ae.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("FR-PC-001", "FR-PC-999"))


def test_status_warns_about_check_errors_in_the_icmkit_style(minimal_program: Path) -> None:
    _break_reference(minimal_program)
    result = run("status", str(minimal_program), "--width", "80")
    assert result.exit_code == 0
    assert result.stderr == ("icmkit: warning: the program has 1 check error; run `icmkit check`\n")


def test_schema_run_in_a_sub_folder_writes_where_the_files_point(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program / "requirements")
    result = run("schema")
    assert result.exit_code == 0, result.output
    assert (minimal_program / ".icmkit/schemas/requirements.schema.json").is_file()
    assert not (minimal_program / "requirements/.icmkit").exists()
    assert result.stdout.splitlines()[0] == "Wrote 13 schemas to ../.icmkit/schemas:"


def test_schema_outside_a_program_writes_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("schema")
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".icmkit/schemas/program.schema.json").is_file()


def _plan_markdown(program: Path) -> str:
    checked = load_and_check(program, use_cache=False)
    assert not checked.report.failed(strict=False), checked.report.findings
    docs = render_documents(checked.program, checked.root, DocumentFormat.MD)
    return docs["plans/PLAN-AE.md"]


@pytest.mark.parametrize(
    ("applies_to", "sentence"),
    [
        ("[quota, target_incentive]", "quota and target incentive are prorated"),
        ("[quota]", "quota is prorated"),
        ("[quota, cap, draw]", "quota, cap and draw are prorated"),
    ],
)
def test_proration_is_written_as_an_english_list(
    minimal_program: Path, applies_to: str, sentence: str
) -> None:
    plan = minimal_program / "plans/ae.yaml"
    text = plan.read_text(encoding="utf-8").replace(
        "  requirements: [FR-PC-001]",
        f"  proration: {{unit: months, applies_to: {applies_to}}}\n  requirements: [FR-PC-001]",
    )
    plan.write_text(text, encoding="utf-8")
    assert f"when you join or leave during a period, {sentence} by the months" in (
        _plan_markdown(minimal_program)
    )


def test_import_takes_the_program_as_path_like_every_other_command(
    minimal_program: Path, tmp_path: Path
) -> None:
    workbook = tmp_path / "req.xlsx"
    assert run("export", "xlsx", str(minimal_program), "--out", str(workbook)).exit_code == 0
    for option in ("--path", "-p"):
        result = run("import", "xlsx", str(workbook), option, str(minimal_program))
        assert result.exit_code == 0, result.output
        assert result.stdout == "No changes: the requirement files already hold every value.\n"


def test_calc_with_an_unknown_plan_names_the_plans_there_are(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program.parent)
    result = run(
        "calc", "PLAN-NOPE", "-p", "program", "--transactions", "t.csv", "--period", "2027-01"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: no valid plan `PLAN-NOPE` in this program (its plans: PLAN-AE); "
        "run `icmkit check` if a plan is missing\n"
    )


def test_diff_before_the_first_commit_says_so(minimal_program: Path) -> None:
    subprocess.run(["git", "init", "-q"], cwd=minimal_program, check=True)
    result = run("diff", "-p", str(minimal_program))
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: the repository has no commit yet: commit the program files "
        "first (`git add` and `git commit`)\n"
    )


@pytest.mark.parametrize(
    ("ci", "moved"),
    [
        ("gitlab", ".gitlab-ci.yml and .pre-commit-config.yaml"),
        ("github", ".github/workflows/icmkit.yml and .pre-commit-config.yaml"),
        ("none", ".pre-commit-config.yaml"),
    ],
)
def test_init_below_the_top_of_a_repo_says_which_files_git_tools_will_not_see(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ci: str, moved: str
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    result = run("init", "sub/acme", "--customer", "Acme", "--ci", ci, "--yes")
    assert result.exit_code == 0, result.output
    verb, them = ("takes", "it") if ci == "none" else ("take", "them")
    note = (
        f"Note: {moved} {verb} effect only at the top of the repository; move {them} to "
        f"{tmp_path} and run icmkit there as `icmkit check sub/acme`."
    )
    assert note in result.stdout


def test_init_at_the_top_of_a_repo_has_no_such_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    result = run("init", ".", "--customer", "Acme", "--ci", "gitlab", "--yes")
    assert result.exit_code == 0, result.output
    assert "Note:" not in result.stdout


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_to_a_folder_is_a_usage_error_not_a_crash(
    minimal_program: Path, force: list[str]
) -> None:
    result = run("export", "xlsx", str(minimal_program), "--out", str(minimal_program), *force)
    assert result.exit_code == 2
    assert result.stderr == (
        f"icmkit: error: {minimal_program.as_posix()} is a folder; give the workbook's file "
        "name, such as requirements.xlsx\n"
    )


def test_export_refuses_a_name_import_would_not_read(minimal_program: Path) -> None:
    out = minimal_program.parent / "requirements.csv"
    result = run("export", "xlsx", str(minimal_program), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr == (
        f"icmkit: error: {out.as_posix()}: a workbook's name must end in .xlsx\n"
    )
    assert not out.exists()


def test_import_of_a_folder_says_it_is_a_folder(minimal_program: Path) -> None:
    result = run("import", "xlsx", str(minimal_program), "-p", str(minimal_program))
    assert result.exit_code == 2
    shown = minimal_program.as_posix()
    assert result.stderr == (
        f"icmkit: error: `{shown}` is a program folder, not a workbook; give the program "
        f"with -p: icmkit import xlsx -p {shown} [WORKBOOK]\n"
    )


def _edit_status_in_workbook(source: Path, target: Path, status: str) -> None:
    from openpyxl import load_workbook

    book = load_workbook(source)
    sheet = book["Requirements"]
    header = [c.value for c in sheet[1]]
    sheet.cell(2, header.index("status") + 1).value = status
    book.save(target)


@pytest.mark.parametrize(
    ("prefix", "newline"), [(b"", b"\r\n"), (b"\xef\xbb\xbf", b"\n"), (b"\xef\xbb\xbf", b"\r\n")]
)
def test_import_keeps_the_line_endings_and_bom_of_a_file(
    minimal_program: Path, tmp_path: Path, prefix: bytes, newline: bytes
) -> None:
    core = minimal_program / "requirements/core.yaml"
    original = core.read_bytes()
    core.write_bytes(prefix + original.replace(b"\n", newline))
    workbook = tmp_path / "req.xlsx"
    edited = tmp_path / "edited.xlsx"
    assert run("export", "xlsx", str(minimal_program), "--out", str(workbook)).exit_code == 0
    _edit_status_in_workbook(workbook, edited, "configured")

    result = run("import", "xlsx", str(edited), "-p", str(minimal_program))

    assert result.exit_code == 0, result.output
    expected = original.replace(b"status: agreed", b"status: configured", 1)
    assert expected != original
    assert core.read_bytes() == prefix + expected.replace(b"\n", newline)


def test_status_refuses_an_owner_nobody_has_like_an_unknown_phase(minimal_program: Path) -> None:
    result = run("status", str(minimal_program), "--owner", "nobody")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: --owner nobody: no such team member (the program has ana, bo)\n"
    )


def test_status_refuses_an_unknown_category(minimal_program: Path) -> None:
    result = run("status", str(minimal_program), "--category", "data-integration")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "icmkit: error: --category data-integration: no such category id (the program has "
        "data_integration, participants_hierarchy, "
    )


def test_status_accepts_a_known_category_and_owner(minimal_program: Path) -> None:
    result = run("status", str(minimal_program), "--category", "data_integration", "--owner", "ana")
    assert result.exit_code == 0, result.output
    assert "FR-DI-001" in result.stdout


@pytest.mark.parametrize(("by", "role"), [("Ana\nLee", "Sales ops"), ("Ana Lee", "Sales\tops")])
def test_signoff_refuses_names_that_would_break_a_finding_line(
    minimal_program: Path, by: str, role: str
) -> None:
    result = run("signoff", "-p", str(minimal_program), "--by", by, "--role", role)
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: --by and --role must be one line of text without control characters\n"
    )
    assert not (minimal_program / "signoffs.yaml").exists()


@pytest.mark.parametrize("inner", ["requirements", "requirements/new", "docs/old"])
def test_init_refuses_to_start_a_program_inside_another(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch, inner: str
) -> None:
    monkeypatch.chdir(minimal_program.parent)
    before = sorted(p.as_posix() for p in minimal_program.rglob("*"))
    result = run("init", f"program/{inner}", "--customer", "Acme", "--yes")
    assert result.exit_code == 2
    assert result.stderr == (
        f"icmkit: error: program/{inner} is inside the program in program; start the new "
        "program in a folder of its own, outside that one\n"
    )
    assert sorted(p.as_posix() for p in minimal_program.rglob("*")) == before


def test_program_document_ends_with_the_last_phase_when_the_program_gives_no_end(
    minimal_program: Path,
) -> None:
    checked = load_and_check(minimal_program, use_cache=False)
    last_end = max(p.end for p in checked.program.timeline.phases).isoformat()
    docs = render_documents(checked.program, checked.root, DocumentFormat.ALL)
    assert f"| Minimal Co | Performio | USD | 2027-01-04 | {last_end} |" in docs["program.md"]
    assert (
        f'from <span class="nowrap">2027-01-04</span> to <span class="nowrap">{last_end}</span></p>'
        in docs["program.html"]
    )


def test_an_unreadable_program_file_is_one_error_not_one_per_owner(minimal_program: Path) -> None:
    (minimal_program / "program.yaml").write_text("program:\n\tcustomer: Minimal Co\n")
    result = run("check", str(minimal_program))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": ")[2].split()[0] for line in lines[:-1]] == ["YML001"], lines


def test_calc_writes_no_clawback_with_the_same_decimals_as_the_other_amounts(
    minimal_program: Path, tmp_path: Path
) -> None:
    transactions = tmp_path / "tx.csv"
    transactions.write_text(
        "participant,id,date,amount\nP1,T1,2027-01-10,60000\n", encoding="utf-8"
    )
    args = ["calc", "PLAN-AE", "-p", str(minimal_program), "--transactions", str(transactions)]
    result = run(*args, "--period", "2027-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "participant,commission,clawbacks,earnings,payout",
        "P1,5200.00,0.00,5200.00,5200.00",
    ]
    as_json = run(*args, "--period", "2027-01", "--format", "json")
    assert '"clawbacks": "0.00"' in as_json.stdout


def test_status_without_a_timeline_does_not_name_a_phase_after_itself(
    minimal_program: Path,
) -> None:
    (minimal_program / "timeline.yaml").unlink()
    text = run("status", str(minimal_program), "--width", "100")
    assert text.exit_code == 0
    assert "Phase 1: not in the timeline\n" in text.stdout
    md = run("status", str(minimal_program), "--format", "md")
    assert "### Phase 1: not in the timeline\n" in md.stdout
    gate = run("status", str(minimal_program), "--gate", "1")
    assert gate.stdout.startswith("Phase 1 (not in the timeline) cannot be closed")


def test_diff_shows_paths_from_the_current_folder_like_check(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=Ana", "-c", "user.email=ana@example.com", *args],
            cwd=minimal_program,
            check=True,
            capture_output=True,
        )

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("commit", "-q", "-m", "Start")
    core = minimal_program / "requirements/core.yaml"
    core.write_text(
        core.read_text(encoding="utf-8").replace("every night", "every hour"), encoding="utf-8"
    )
    monkeypatch.chdir(minimal_program / "plans")
    found = run("diff")
    assert found.exit_code == 0, found.output
    assert "~ changed requirement FR-DI-001" in found.stdout
    assert "(../requirements/core.yaml:2)" in found.stdout


def test_test_with_no_calculation_test_case_says_what_makes_one(minimal_program: Path) -> None:
    for case_file in (minimal_program / "tests").glob("*.yaml"):
        case_file.unlink()
    result = run("test", "-p", str(minimal_program))
    assert result.exit_code == 0
    assert result.stdout == (
        "No calculation test case to run: a test case is computed when it has `plan`, "
        "`given` and `expect`.\n"
        "0 passed, 0 failed, 0 could not be computed\n"
    )


def test_test_given_a_file_instead_of_ids_says_what_it_takes(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program)
    result = run("test", "tests/plan-ae.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: `tests/plan-ae.yaml` is a file, not a test case id: give ids such as "
        "TC-AE-001, and the program folder with --path\n"
    )
