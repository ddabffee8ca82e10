"""Input that is not plain YAML text: refused quickly, with one finding, never executed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import build_file_tree
from tests.loading.conftest import CheckRun

from icmkit.loading.source import WorkingTreeSource
from icmkit.loading.yaml_reader import Limits, ReadProblem, read_yaml

SIXTEEN_MIB = 16 * 1024 * 1024


def _billion_laughs() -> str:
    lines = [
        "requirements:",
        "  - &a0 {id: FR-DI-003, title: x, category: data_integration, kind: standard, phase: 1}",
    ]
    for level in range(1, 10):
        lines.append(f"  - &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly(program: Path, check: CheckRun) -> None:
    build_file_tree(program, {"requirements/bomb.yaml": _billion_laughs()})
    started = time.perf_counter()
    run = check()
    assert time.perf_counter() - started < 5
    assert run.findings == [
        "requirements/bomb.yaml:7:5: error: YML003 file expands to more than 2,000,000 values "
        "(aliases counted each time they are used); remove the repeated aliases or split the file"
    ]
    assert run.exit_code == 1


def test_a_few_aliases_are_fine() -> None:
    result = read_yaml(b"base: &b {rate: 1}\nx: *b\ny: *b\n")
    assert result.problems == []
    assert result.data == {"base": {"rate": 1}, "x": {"rate": 1}, "y": {"rate": 1}}


def test_deep_nesting(program: Path, check: CheckRun) -> None:
    build_file_tree(program, {"requirements/deep.yaml": f"requirements: {'[' * 150}{']' * 150}\n"})
    run = check()
    assert run.findings == [
        "requirements/deep.yaml:1:115: error: YML003 values nested deeper than 100 levels; flatten "
        "them"
    ]
    assert run.exit_code == 1


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,  # flow
        "a: " + "[" * 100_000,  # flow, never closed
        "- " * 100_000 + "x",  # block sequences on one line
        "a: " + "{b: " * 50_000 + "1" + "}" * 50_000,
    ],
    ids=["flow", "unclosed", "block", "mappings"],
)
def test_very_deep_nesting_does_not_crash_the_process(tmp_path: Path, text: str) -> None:
    # Run in a child process: a C stack overflow would kill the whole test run otherwise.
    source = tmp_path / "deep.yaml"
    source.write_text(text, encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from icmkit.loading.yaml_reader import read_yaml;"
        "print([(p.code, p.line) for p in read_yaml(Path(sys.argv[1]).read_bytes()).problems])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(source)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[('YML003', 1)]"


def test_depth_limit_is_configurable() -> None:
    assert read_yaml(b"a: [[1]]", Limits(max_depth=2)).problems == []
    assert read_yaml(b"a: [[[1]]]", Limits(max_depth=2)).problems == [
        ReadProblem("YML003", "values nested deeper than 2 levels; flatten them", 1, 6)
    ]


def test_value_limit_is_configurable() -> None:
    assert read_yaml(b"[1, 2, 3]", Limits(max_nodes=4)).problems == []
    problems = read_yaml(b"[1, 2, 3, 4]", Limits(max_nodes=4)).problems
    assert [(p.code, p.line, p.col) for p in problems] == [("YML003", 1, 11)]


def test_oversized_file_is_refused_without_being_read(
    program: Path, check: CheckRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = program / "requirements/huge.yaml"
    with big.open("wb") as handle:  # sparse: nothing is written, the size is all that counts
        handle.truncate(SIXTEEN_MIB + 1)
    read: list[str] = []
    original = WorkingTreeSource.read_bytes

    def spy(self: WorkingTreeSource, path: str) -> bytes:
        read.append(path)
        return original(self, path)

    monkeypatch.setattr(WorkingTreeSource, "read_bytes", spy)
    run = check()
    assert run.findings == [
        "requirements/huge.yaml:1:1: error: YML004 file is 16,777,217 bytes, over the limit of 16 "
        "MiB; split it into smaller files"
    ]
    assert run.exit_code == 1
    assert "requirements/huge.yaml" not in read
    assert "requirements/core.yaml" in read


def test_read_yaml_size_limit() -> None:
    text = b"requirements: []\n"
    assert read_yaml(text, Limits(max_bytes=len(text))).problems == []
    result = read_yaml(text, Limits(max_bytes=len(text) - 1))
    assert result.problems == [
        ReadProblem(
            "YML004", "file is 17 bytes, over the limit of 16 bytes; split it into smaller files"
        )
    ]
    assert not result.ok
    kib = read_yaml(b"#" * 2049, Limits(max_bytes=2048)).problems
    assert kib[0].message == (
        "file is 2,049 bytes, over the limit of 2 KiB; split it into smaller files"
    )


def test_not_utf8_names_line_and_column(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {"requirements/latin1.yaml": b"requirements:\n  - id: FR-DI-003\n    title: Caf\xe9\n"},
    )
    run = check()
    assert run.findings == [
        "requirements/latin1.yaml:3:15: error: YML005 file is not valid UTF-8 (byte 0xe9); "
        "save it with UTF-8 encoding"
    ]
    assert run.exit_code == 1


def test_not_utf8_column_counts_characters() -> None:
    # "é" is two bytes but one column; the BOM is not a column either.
    problems = read_yaml(b"\xef\xbb\xbfa: caf\xc3\xa9 \xff\n").problems
    assert [(p.code, p.line, p.col) for p in problems] == [("YML005", 1, 9)]


def test_utf8_bom_is_accepted(program: Path, check: CheckRun) -> None:
    core = program / "requirements/core.yaml"
    core.write_bytes(b"\xef\xbb\xbf" + core.read_bytes())
    run = check()
    assert run.lines == ["No problems found (7 files checked)."]
    assert run.exit_code == 0


def test_nul_byte(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {"requirements/nul.yaml": b"requirements:\n  - id: FR-DI-003\n    title: Nightly\x00\n"},
    )
    run = check()
    assert run.findings == [
        "requirements/nul.yaml:3:19: error: YML005 file contains a NUL byte; it is not a text file"
    ]
    assert run.exit_code == 1


def test_control_character(program: Path, check: CheckRun) -> None:
    build_file_tree(
        program,
        {"requirements/esc.yaml": b"requirements:\n  - id: FR-DI-003\n    title: Night\x1b[31m\n"},
    )
    run = check()
    assert run.findings == [
        "requirements/esc.yaml:3:17: error: YML005 file contains the control character U+001B, "
        "which YAML does not allow; remove it"
    ]
    assert run.exit_code == 1


def test_empty_file(program: Path, check: CheckRun) -> None:
    build_file_tree(program, {"requirements/empty.yaml": b""})
    run = check()
    assert run.findings == [
        "requirements/empty.yaml:1:1: error: YML006 file is empty; add its content or delete the "
        "file"
    ]
    assert run.exit_code == 1


def test_comment_only_file(program: Path, check: CheckRun) -> None:
    build_file_tree(program, {"requirements/todo.yaml": "# to do\n\n# later\n"})
    run = check()
    assert run.findings == [
        "requirements/todo.yaml:1:1: error: YML006 file is empty; add its content or delete the "
        "file"
    ]
    assert run.exit_code == 1


def test_python_tags_are_refused_and_never_run(program: Path, check: CheckRun) -> None:
    marker = program.parent / "pwned"
    build_file_tree(
        program,
        {
            "requirements/tags.yaml": f"""
                requirements:
                  - !!python/object/apply:os.system ["touch {marker}"]
                  - id: !!python/name:os.system
                  - !!python/object/new:builtins.exec ["open('{marker}', 'w')"]
                """
        },
    )
    run = check()
    assert run.findings == [
        "requirements/tags.yaml:2:5: error: YML007 unsupported YAML tag "
        "`!!python/object/apply:os.system`; remove it",
        "requirements/tags.yaml:3:9: error: YML007 unsupported YAML tag `!!python/name:os.system`; "
        "remove it",
        "requirements/tags.yaml:4:5: error: YML007 unsupported YAML tag "
        "`!!python/object/new:builtins.exec`; remove it",
    ]
    assert run.exit_code == 1
    assert not marker.exists()


def test_local_tag_is_refused(program: Path, check: CheckRun) -> None:
    build_file_tree(program, {"requirements/include.yaml": "requirements: !include more.yaml\n"})
    run = check()
    assert run.findings == [
        "requirements/include.yaml:1:15: error: YML007 unsupported YAML tag `!include`; remove it"
    ]
    assert run.exit_code == 1


@pytest.mark.parametrize("text", ["a: 0x_", "a: 0b_", "a: !!int x", "a: !!bool maybe"])
def test_malformed_typed_scalars_stay_text(text: str) -> None:
    result = read_yaml(text.encode())
    assert result.problems == []
    assert result.data == {"a": text.split()[-1]}
