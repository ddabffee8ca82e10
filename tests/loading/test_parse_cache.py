"""The parse cache holds JSON data: whatever is in the cache folder, it is never run, and an
entry that is not exactly what a read gives is ignored (the file is parsed again). An
unchanged file is read from it without parsing again; a changed file is parsed again."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import icmkit.loading.program_loader as program_loader
from icmkit.cli.app import app
from icmkit.loading.cache import ParseCache, default_cache_dir
from icmkit.loading.cache_entries import BadEntry, decode, encode
from icmkit.loading.program_loader import load_working_tree
from icmkit.loading.yaml_reader import read_yaml

LIMITS_KEY = "16777216/2000000/100"

SAMPLES = {
    "plain": b"requirements:\n  - id: FR-1\n    title: x\n    phase: 1\n",
    "numbers": b"a: 1.50\nb: -0.0\nc: 1.\nd: 12\ne: .inf\nf: -.inf\ng: 1_000.5\nh: 1:30.5\n",
    "dates": b"a: 2027-01-31\nb: 2027-01-31T09:00:00Z\nc: 2027-01-31 09:00:00+05:30\n",
    "text kept": b"a: NO\nb: 1.10\nc: 12:30\nd: ~\ne: yes\n",
    "aliases": b"base: &b {x: 1, y: [1, 2]}\nuse: *b\nmerged:\n  <<: *b\n  z: 3\n",
    "nested": b"a: [[[[1]]], {b: {c: [x, {d: e}]}}]\n",
    "problems": b"a: 1\na: 2\nb: !!python/object x\n",
    "broken": b"a: [1, 2\n",
    "empty": b"",
    "unicode": 't: "Zoë \\u00e9 \\ud83d\\ude00 שלום"\n'.encode(),
    "lone surrogate": b'a: "\\ud800"\n',
    "tagged-looking text": b'a: {n: "\\0n"}\nb: ["\\0d"]\n',
}


def _same(left: object, right: object) -> bool:
    """Equal, NaN included (a NaN is not equal to itself)."""
    return json.dumps(left, default=repr) == json.dumps(right, default=repr)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_an_entry_reads_back_as_the_read_it_was_made_from(name: str) -> None:
    fresh = read_yaml(SAMPLES[name])
    raw = encode(fresh)
    assert raw is not None
    back = decode(raw)
    assert _same(back.data, fresh.data)
    assert back.positions == fresh.positions
    assert back.problems == fresh.problems
    assert [type(v) for v in _walk(back.data)] == [type(v) for v in _walk(fresh.data)]


def test_a_decimal_keeps_its_exponent() -> None:
    back = decode(encode(read_yaml(b"a: 1.50\nb: 100.\n")) or b"")
    assert [str(v) for v in back.data.values()] == ["1.50", "100"]


def test_an_entry_is_decoded_as_written() -> None:
    raw = b'[2, {"a": 1}, [1, 1, 1, 1, 0, 1, 4, 1, 1, 1], ["1"], []]'
    assert decode(raw).positions == (1, 1, 1, 1, {"a": (1, 4, 1, 1, None, "1")}, None)


def test_data_with_a_key_starting_with_nul_is_not_cached() -> None:
    fresh = read_yaml(b'a: {"\\0n": "1.5"}\n')
    assert fresh.data == {"a": {"\x00n": "1.5"}}
    assert encode(fresh) is None


def _walk(value: object) -> list[object]:
    found = [value]
    if isinstance(value, dict):
        for item in value.values():
            found += _walk(item)
    elif isinstance(value, list):
        for item in value:
            found += _walk(item)
    return found


class _Boom:
    """Pickled, it would create ``path`` when loaded."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.makedirs, (str(self.path),))


def test_a_pickle_planted_in_the_cache_is_never_run(minimal_program: Path, tmp_path: Path) -> None:
    """The cache used to be a pickle: an entry written by someone else ran as code."""
    load_working_tree(minimal_program)  # fill the cache
    folder = default_cache_dir()
    entries = [p for p in folder.rglob("*") if p.is_file()]
    assert entries
    marker = tmp_path / "pwned"
    payload = pickle.dumps(_Boom(marker))
    for entry in entries:
        entry.write_bytes(payload)
        entry.with_suffix(".pickle").write_bytes(payload)
    result = load_working_tree(minimal_program)
    assert not marker.exists()
    assert result.findings == []
    assert result.program.requirements


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"[]",
        b"[999, null, null, [], []]",
        b'[2, {"a": 1}, [1, 1, 1, 1, 0], [], []]',  # one value short of places
        b'[2, {"a": 1}, [1, 1, 1, 1, 0, 1, 4, 1, 1, 0, 1, 1, 1, 1, 0], [], []]',  # one too many
        b'[2, "x", [1, 1, 1, 1], [], []]',  # places not in fives
        b'[2, "x", "here", [], []]',  # places that are not a list
        b'[2, "x", [1, "1", 1, 1, 0], [], []]',  # a place that is text
        b'[2, "x", [1, 1.5, 1, 1, 0], [], []]',  # a place that is not whole
        b'[2, "x", [1, 1, 1, 1, 99999999999999999999999], [], []]',  # too big to be a place
        b'[2, "x", [1, 1, 1, 1, 2], ["t"], []]',  # a text that is not there
        b'[2, "x", [1, 1, 1, 1, -1], ["t"], []]',  # a text before the first
        b'[2, "x", [1, 1, 1, 1, 1], [5], []]',  # a text that is a number
        b'[2, "x", [1, 1, 1, 1, 0], "t", []]',  # texts that are not a list
        b'[2, "x", [1, 1, 1, 1, 0], [], [["YML001", "m", "one", 1]]]',
        b'[2, "x", [1, 1, 1, 1, 0], [], "no"]',
        b'[2, {"\\u0000d": "not a date"}, [1, 1, 1, 1, 0], [], []]',
        b'[2, {"\\u0000n": 5}, [1, 1, 1, 1, 0], [], []]',
        b'[2, "x", null, [], []]',
        b"[" * 100_000 + b"]" * 100_000,
    ],
)
def test_an_entry_of_another_shape_is_refused(raw: bytes) -> None:
    with pytest.raises(BadEntry):
        decode(raw)


def test_a_bad_entry_is_a_cache_miss(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    data = b"a: 1\n"
    key = cache.key(data, LIMITS_KEY)
    cache.put(key, read_yaml(data))
    [entry] = (tmp_path / "cache").rglob("*.json")
    assert cache.get(key) is not None
    entry.write_bytes(b'[2, {"a": 1}, [1, 1, 1, 1, 0], [], []]')
    assert cache.get(key) is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_in_place_of_an_entry_is_a_cache_miss(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    key = cache.key(b"a: 1\n", LIMITS_KEY)
    entry = tmp_path / "cache" / key[:2] / f"{key}.json"
    entry.parent.mkdir(parents=True)
    os.mkfifo(entry)
    assert cache.get(key) is None  # returns at once; reading the pipe would wait forever


def test_a_warm_run_reads_the_same_program(minimal_program: Path) -> None:
    cold = load_working_tree(minimal_program)
    assert list(default_cache_dir().rglob("*.json"))
    warm = load_working_tree(minimal_program)
    assert warm.findings == cold.findings
    assert warm.program.requirements == cold.program.requirements
    assert [p.id for p in warm.program.plans] == [p.id for p in cold.program.plans]


def test_an_unwritable_cache_is_ignored(minimal_program: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ParseCache(blocker / "cache")
    data = b"a: 1\n"
    cache.put(cache.key(data, LIMITS_KEY), read_yaml(data))
    assert cache.get(cache.key(data, LIMITS_KEY)) is None
    assert not list(tmp_path.rglob("*.tmp"))


def test_every_file_of_the_examples_is_cached_exactly() -> None:
    root = Path(__file__).resolve().parents[2]
    files = sorted((root / "examples").rglob("*.yaml")) + sorted(
        (root / "tests" / "fixtures").rglob("*.yaml")
    )
    assert len(files) > 30
    for path in files:
        fresh = read_yaml(path.read_bytes())
        raw = encode(fresh)
        assert raw is not None, path
        back = decode(raw)
        assert (back.data, back.positions, back.problems) == (
            fresh.data,
            fresh.positions,
            fresh.problems,
        ), path


def _check(program: Path) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["check", str(program)])
    return result.exit_code, result.stdout


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.json"))


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ICMKIT_CACHE_DIR", str(folder))
    return folder


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    parsed: list[int] = []

    def refuse(data: bytes, limits: object) -> object:
        parsed.append(len(data))
        raise AssertionError("parsed although the cache holds it")

    monkeypatch.setattr(program_loader, "read_yaml", refuse)
    return parsed


def test_an_unchanged_program_is_read_from_the_cache(
    minimal_program: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _check(minimal_program) == (0, "No problems found (7 files checked).\n")
    entries = _entries(cache)
    assert len(entries) == 7
    assert all(e.parent.name == e.name[:2] for e in entries)  # fanned out by key
    assert not list(cache.rglob("*.tmp"))
    parsed = _no_parsing(monkeypatch)
    assert _check(minimal_program) == (0, "No problems found (7 files checked).\n")
    assert parsed == []


def test_damaged_or_foreign_entries_are_parsed_again(minimal_program: Path, cache: Path) -> None:
    assert _check(minimal_program)[0] == 0
    entries = _entries(cache)
    entries[0].write_bytes(b"not JSON")
    entries[1].write_bytes(pickle.dumps({"not": "a read result"}))
    entries[2].write_bytes(b"")
    assert _check(minimal_program) == (0, "No problems found (7 files checked).\n")


def test_a_changed_file_is_parsed_again(minimal_program: Path, cache: Path) -> None:
    assert _check(minimal_program)[0] == 0
    plan = minimal_program / "plans" / "ae.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert _check(minimal_program)[0] == 0
    assert len(_entries(cache)) == 8
