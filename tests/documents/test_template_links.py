"""A program's templates are read only from its own ``templates/`` folder: a link leading out
of it, a pipe or a device is refused with one error (exit 2), never read into a document."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from icmkit.cli.app import app
from icmkit.documents.environment import TemplateError
from icmkit.documents.render import DocumentFormat, render_documents
from icmkit.engine.load_and_check import load_and_check

needs_links = pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
SECRET = "ci-secret-token-8d1f"


def _render(root: Path) -> dict[str, str]:
    checked = load_and_check(root, use_cache=False)
    return render_documents(checked.program, checked.root, DocumentFormat.MD)


def _templates(root: Path, program_md: str) -> Path:
    folder = root / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "program.md.j2").write_text(program_md, encoding="utf-8")
    return folder


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secrets" / "token.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n", encoding="utf-8")
    return secret


@needs_links
def test_an_included_link_to_a_file_outside_is_refused(
    minimal_program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _templates(minimal_program, "# Doc\n{% include 'leak.txt' %}\n")
    (folder / "leak.txt").symlink_to(_secret(tmp_path))
    monkeypatch.chdir(minimal_program)
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", "--out", str(out)])
    assert result.exit_code == 2
    assert result.stderr == (
        "icmkit: error: templates/leak.txt: a symbolic link leading outside the program's "
        "templates folder; it is not read (copy the file into the templates folder instead)\n"
    )
    assert SECRET not in result.stdout
    assert not out.exists() or not any(SECRET in p.read_text() for p in out.rglob("*.md"))


@needs_links
def test_a_template_that_is_a_link_outside_is_refused(
    minimal_program: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.j2"
    outside.write_text("{{ program.name }}\n", encoding="utf-8")
    folder = minimal_program / "templates"
    folder.mkdir()
    (folder / "program.md.j2").symlink_to(outside)
    with pytest.raises(TemplateError, match=r"^templates/program\.md\.j2: a symbolic link"):
        _render(minimal_program)


@needs_links
def test_a_templates_folder_that_is_a_link_outside_is_refused(
    minimal_program: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "shared-templates"
    outside.mkdir()
    (outside / "program.md.j2").write_text("{{ program.name }}\n", encoding="utf-8")
    (minimal_program / "templates").symlink_to(outside, target_is_directory=True)
    with pytest.raises(TemplateError, match=r"leading outside the program's templates folder"):
        _render(minimal_program)


@needs_links
def test_a_link_between_files_of_the_templates_folder_is_read(minimal_program: Path) -> None:
    folder = _templates(minimal_program, "# Doc\n{% include 'part.txt' %}\n")
    (folder / "real-part.txt").write_text("the part\n", encoding="utf-8")
    (folder / "part.txt").symlink_to(folder / "real-part.txt")
    assert _render(minimal_program)["program.md"] == "# Doc\nthe part\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_the_templates_folder_is_refused_at_once(minimal_program: Path) -> None:
    folder = _templates(minimal_program, "{% include 'pipe.txt' %}\n")
    os.mkfifo(folder / "pipe.txt")
    started = time.monotonic()
    with pytest.raises(TemplateError, match=r"^templates/pipe\.txt: a named pipe \(FIFO\)"):
        _render(minimal_program)
    assert time.monotonic() - started < 20


@needs_links
def test_a_link_to_the_zero_device_is_refused_at_once(minimal_program: Path) -> None:
    folder = _templates(minimal_program, "{% include 'zero.txt' %}\n")
    (folder / "zero.txt").symlink_to("/dev/zero")
    with pytest.raises(TemplateError, match=r"^templates/zero\.txt: "):
        _render(minimal_program)


def test_a_template_that_is_not_utf8_is_one_error(minimal_program: Path) -> None:
    folder = _templates(minimal_program, "")
    (folder / "program.md.j2").write_bytes(b"\xff\xfe{{ x }}")
    with pytest.raises(TemplateError, match=r"^templates/program\.md\.j2: not UTF-8 text$"):
        _render(minimal_program)


def test_a_template_path_cannot_climb_out(minimal_program: Path) -> None:
    _templates(minimal_program, "{% include '../program.yaml' %}\n")
    with pytest.raises(TemplateError, match=r"template \.\./program\.yaml not found"):
        _render(minimal_program)
