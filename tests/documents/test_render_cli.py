"""``icmkit render`` on the command line: exit codes, messages, where files go."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO, snapshot_tree
from typer.testing import CliRunner

from icmkit.cli.app import app

DOCUMENTS = [
    "plans/PLAN-AE-curves/component-commission.svg",
    "plans/PLAN-AE.html",
    "plans/PLAN-AE.md",
    "program.html",
    "program.md",
]


def _render(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["render", *args])
    return result.exit_code, result.stdout, result.stderr


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _break_a_reference(root: Path) -> None:
    path = root / "requirements" / "core.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("business: [BR-001]", "business: [BR-999]"), encoding="utf-8")


def test_renders_into_build_docs_by_default_and_lists_the_files(minimal_program: Path) -> None:
    code, out, err = _render(str(minimal_program))
    assert code == 0, err
    folder = minimal_program / "build" / "docs"
    assert _files(folder) == DOCUMENTS
    listed = [Path(line).resolve() for line in out.splitlines()]
    assert listed == [(folder / rel).resolve() for rel in DOCUMENTS]
    assert err == ""


def test_format_md_writes_only_markdown(minimal_program: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs"
    code, _, err = _render(str(minimal_program), "--out", str(out), "--format", "md")
    assert code == 0, err
    assert _files(out) == [
        "plans/PLAN-AE-curves/component-commission.svg",
        "plans/PLAN-AE.md",
        "program.md",
    ]


def test_writes_only_inside_out_and_changes_no_program_file(
    minimal_program: Path, tmp_path: Path
) -> None:
    before = snapshot_tree(minimal_program)
    outside = snapshot_tree(tmp_path)
    out = tmp_path / "site" / "docs"
    code, _, err = _render(str(minimal_program), "--out", str(out))
    assert code == 0, err
    assert snapshot_tree(minimal_program) == before
    after = snapshot_tree(tmp_path)
    new = {rel for rel in after if rel not in outside}
    assert new == {f"site/docs/{rel}" for rel in DOCUMENTS}
    assert all(after[rel] == outside[rel] for rel in outside)


def test_same_program_renders_byte_identical_files(minimal_program: Path, tmp_path: Path) -> None:
    assert _render(str(minimal_program), "--out", str(tmp_path / "a"))[0] == 0
    assert _render(str(minimal_program), "--out", str(tmp_path / "b"))[0] == 0
    assert snapshot_tree(tmp_path / "a") == snapshot_tree(tmp_path / "b")
    assert "Rendered" not in (tmp_path / "a" / "program.md").read_text(encoding="utf-8")


def test_timestamp_only_when_asked(minimal_program: Path, tmp_path: Path) -> None:
    code, _, err = _render(str(minimal_program), "--out", str(tmp_path / "t"), "--timestamp")
    assert code == 0, err
    for rel in DOCUMENTS:
        if not rel.endswith(".svg"):
            assert "Rendered 2" in (tmp_path / "t" / rel).read_text(encoding="utf-8")


def test_refuses_a_program_with_check_errors(minimal_program: Path, tmp_path: Path) -> None:
    _break_a_reference(minimal_program)
    out = tmp_path / "docs"
    code, stdout, err = _render(str(minimal_program), "--out", str(out))
    assert code == 1
    assert stdout == ""
    lines = err.splitlines()
    assert lines[0].endswith(
        "requirements/core.yaml:21:24: error: REF001 unknown business requirement `BR-999`; "
        "use the id of an existing business requirement"
    )
    assert lines[-1] == (
        "icmkit: error: the program has 1 error; fix them, or render anyway with --force"
    )
    assert not out.exists()


def test_force_renders_a_program_with_check_errors(minimal_program: Path, tmp_path: Path) -> None:
    _break_a_reference(minimal_program)
    out = tmp_path / "docs"
    code, _, err = _render(str(minimal_program), "--out", str(out), "--force")
    assert code == 0
    assert "REF001" in err
    assert err.splitlines()[-1] == "icmkit: warning: rendering despite 1 error (--force)"
    assert _files(out) == DOCUMENTS


@pytest.mark.parametrize(
    ("out", "message"),
    [
        (".", "the output folder cannot be the program folder itself"),
        ("plans", "the output folder contains program file plans/ae.yaml"),
        ("..", "the output folder contains the program; choose a folder below it"),
        (
            "templates",
            "the output folder is inside the program's templates/ folder; choose one "
            "that holds no program files, such as build/docs",
        ),
        (
            "templates/docs",
            "inside the program's templates/ folder; choose one that holds no "
            "program files, such as build/docs",
        ),
        (
            "plans/x",
            "the output folder is inside the program's plans/ folder; choose one that "
            "holds no program files, such as build/docs",
        ),
        (
            "requirements/sub/docs",
            "inside the program's requirements/ folder; choose one "
            "that holds no program files, such as build/docs",
        ),
        (
            ".git/docs",
            "inside the program's .git/ folder; choose one that holds no program "
            "files, such as build/docs",
        ),
        (
            ".icmkit/docs",
            "inside the program's .icmkit/ folder; choose one that holds no "
            "program files, such as build/docs",
        ),
    ],
)
def test_refuses_an_out_folder_holding_the_program(
    minimal_program: Path, out: str, message: str
) -> None:
    before = snapshot_tree(minimal_program.parent)
    code, stdout, err = _render(str(minimal_program), "--out", str(minimal_program / out))
    assert code == 2
    assert stdout == ""
    assert err.startswith("icmkit: error: ") and err.rstrip().endswith(message)
    assert snapshot_tree(minimal_program.parent) == before


def test_undefined_template_variable_exits_2_naming_template_and_line(
    minimal_program: Path, tmp_path: Path
) -> None:
    (minimal_program / "templates").mkdir()
    (minimal_program / "templates" / "program.md.j2").write_text(
        "# {{ program.name }}\n{{ foo }}\n", encoding="utf-8"
    )
    code, stdout, err = _render(str(minimal_program), "--out", str(tmp_path / "d"))
    assert code == 2
    assert err == "icmkit: error: templates/program.md.j2:2: 'foo' is undefined\n"
    assert stdout == ""
    assert not (tmp_path / "d").exists()


def test_not_a_program_exits_2(tmp_path: Path) -> None:
    code, _, err = _render(str(tmp_path))
    assert code == 2
    assert "not an icmkit program" in err


def test_real_subprocess_renders_html(minimal_program: Path, tmp_path: Path) -> None:
    out = tmp_path / "html"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "icmkit", "render", ".", "--out", str(out), "--format", "html"],
        cwd=minimal_program,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["../html/plans/PLAN-AE.html", "../html/program.html"]
    assert _files(out) == ["plans/PLAN-AE.html", "program.html"]


def test_importing_the_cli_does_not_import_jinja2() -> None:
    code = "import sys, icmkit.cli.app; print('jinja2' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert proc.stdout.strip() == "False"
