"""What one file reads as: nulls, merges, numbers with underscores, places of bad bytes, the
size a limit is shown in; and the parse cache entries and file reads underneath."""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from icmkit.loading.cache import ParseCache
from icmkit.loading.cache_entries import BadEntry, decode, encode
from icmkit.loading.regular_files import FileTooBigError, read_regular
from icmkit.loading.source import RefusedFileError, WorkingTreeSource
from icmkit.loading.yaml_reader import Limits, ReadResult, read_yaml, yaml_error_problem
from icmkit.loading.yaml_stream import nesting_problem


def _problems(data: bytes, limits: Limits | None = None) -> list[tuple[str, str, int, int]]:
    result = read_yaml(data) if limits is None else read_yaml(data, limits)
    return [(p.code, p.message, p.line, p.col) for p in result.problems]


# -- values -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [b"a: ~\n", b"a: null\n", b"a: Null\n", b"a:\n", b"a: !!null\n"])
def test_every_spelling_of_nothing_reads_as_none(text: bytes) -> None:
    """The YAML tag of nothing, `tag:yaml.org,2002:null`, is read, not refused as unknown."""
    result = read_yaml(text)
    assert result.problems == []
    assert result.data == {"a": None}


def test_a_merge_key_copies_the_keys_it_names() -> None:
    """`<<` (tag `tag:yaml.org,2002:merge`) merges the mapping in; it is not a key itself."""
    result = read_yaml(b"base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n")
    assert result.problems == []
    assert result.data["use"] == {"y": 3, "x": 1}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (b"a: 1_000.50\n", "1000.50"),
        (b"a: 1_000_000.0\n", "1000000.0"),
        (b"a: -2_5.125\n", "-25.125"),
    ],
)
def test_a_decimal_with_underscores_reads_as_the_exact_number(text: bytes, value: str) -> None:
    result = read_yaml(text)
    assert result.problems == []
    number = result.data["a"]
    assert type(number) is Decimal
    assert str(number) == value


def test_an_unquoted_base_60_number_is_reported_and_a_quoted_one_is_text() -> None:
    assert _problems(b"a: 1:30\n") == [
        (
            "YML008",
            "YAML reads the unquoted `1:30` as the base-60 number 90; write the number you "
            'mean, or put text in quotes: "1:30"',
            1,
            4,
        )
    ]
    [place] = read_yaml(b"a: 1:30\n").positions[4].values()  # type: ignore[union-attr,index]
    assert place == (1, 4, 1, 1, None, "1:30")
    quoted = read_yaml(b'a: "1:30"\nb: !!int "12"\n')
    assert quoted.problems == []
    assert quoted.data == {"a": "1:30", "b": 12}
    assert quoted.positions == (
        1,
        1,
        1,
        1,
        {"a": (1, 4, 1, 1, None, None), "b": (2, 4, 2, 1, None, None)},
        None,
    )


# -- places and limits ------------------------------------------------------------------------


def test_a_bad_byte_after_a_blank_first_line_is_placed_at_its_column() -> None:
    assert _problems(b"\n\xff: 1\n") == [
        ("YML005", "file is not valid UTF-8 (byte 0xff); save it with UTF-8 encoding", 2, 1)
    ]
    assert _problems(b"\nab\xff: 1\n")[0][2:] == (2, 3)


def test_a_control_character_after_a_blank_first_line_is_placed_at_its_column() -> None:
    [(code, _, line, col)] = _problems(b"\na: \x01\n")
    assert (code, line, col) == ("YML005", 2, 4)


@pytest.mark.parametrize(
    ("max_bytes", "shown"),
    [(1 << 10, "1 KiB"), (1 << 20, "1 MiB"), (3 << 10, "3 KiB"), (1000, "1,000 bytes")],
)
def test_a_limit_of_whole_units_is_shown_in_them(max_bytes: int, shown: str) -> None:
    data = b"a: 1\n" + b"#" * max_bytes
    assert _problems(data, Limits(max_bytes=max_bytes)) == [
        (
            "YML004",
            f"file is {len(data):,} bytes, over the limit of {shown}; split it into smaller files",
            1,
            1,
        )
    ]


def test_nesting_with_no_known_place_is_reported_at_the_start_of_the_file() -> None:
    problem = nesting_problem(100, None)
    assert (problem.code, problem.line, problem.col) == ("YML003", 1, 1)
    assert problem.message == "values nested deeper than 100 levels; flatten them"


# -- parse cache entries ----------------------------------------------------------------------

LIMITS_KEY = "16777216/2000000/100"
FIVES = "places that do not come in fives"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b'[2, "x", null, [], []]', "data without positions"),
        (b'[2, "x", [1, 1, 1, 1, 0], [1], []]', "texts that are not text"),
        # a text before the first, behind one that is in range
        (b'[2, {"a": 1}, [1, 1, 1, 1, 0, 1, 4, 1, 1, -1], ["t", "u"], []]', FIVES),
        (b'[2, {"a": 1}, [1, 1, 1, 1, -1, 1, 4, 1, 1, 0], ["t", "u"], []]', FIVES),
        # a text past the last, behind one that is in range
        (b'[2, {"a": 1}, [1, 1, 1, 1, 0, 1, 4, 1, 1, 2], ["t"], []]', FIVES),
        (b'[2, {"a": 1}, [1, 1, 1, 1, 2, 1, 4, 1, 1, 1], ["t"], []]', FIVES),
    ],
)
def test_an_entry_that_does_not_hold_a_read_is_refused_with_the_reason(
    raw: bytes, reason: str
) -> None:
    with pytest.raises(BadEntry) as refused:
        decode(raw)
    assert str(refused.value) == reason


@pytest.mark.parametrize(
    "children",
    [
        ((1, 3, 1, 1, None, None),),  # one child, but not in a list
        [(1, 3, 1, 1, None, None)] * 2,  # a list of the wrong length
        {"0": (1, 3, 1, 1, None, None)},
    ],
)
def test_a_read_whose_places_do_not_follow_its_items_is_not_cached(children: object) -> None:
    result = ReadResult(data=[5], positions=(1, 1, 1, 1, children, None))  # type: ignore[arg-type]
    assert encode(result) is None


def test_entries_that_share_a_folder_are_all_written(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    first = b"a: 0\n"
    prefix = cache.key(first, LIMITS_KEY)[:2]
    second = next(
        data
        for n in range(1, 100_000)
        if cache.key(data := f"a: {n}\n".encode(), LIMITS_KEY)[:2] == prefix
    )
    for data in (first, second):
        cache.put(cache.key(data, LIMITS_KEY), read_yaml(data))
    assert len(list((tmp_path / "cache" / prefix).glob("*.json"))) == 2
    hit = cache.get(cache.key(second, LIMITS_KEY))
    assert hit is not None and hit.data == read_yaml(second).data


# -- reading files ----------------------------------------------------------------------------


def test_a_file_too_big_says_how_big(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1234)
    with pytest.raises(FileTooBigError) as refused:
        read_regular(path, 1000)
    assert str(refused.value) == f"{path}: larger than 1,234 bytes"


def test_a_big_file_is_read_in_one_read_and_one_to_see_its_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big"
    data = b"y" * (3 * 1024 * 1024 + 5)
    path.write_bytes(data)
    original = os.read
    asked: list[int] = []

    def counted(fd: int, size: int) -> bytes:
        asked.append(size)
        return original(fd, size)

    monkeypatch.setattr(os, "read", counted)
    assert read_regular(path) == data
    assert len(asked) == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_refused_program_file_says_which_and_why(
    minimal_program: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(minimal_program)
    os.mkfifo(minimal_program / "requirements" / "pipe.yaml")
    with pytest.raises(RefusedFileError) as refused:
        WorkingTreeSource(minimal_program).read_bytes("requirements/pipe.yaml")
    assert str(refused.value) == (
        "requirements/pipe.yaml: a named pipe (FIFO), not a regular file; it is not read"
    )


def test_a_syntax_error_with_no_description_still_says_it_is_invalid_yaml() -> None:
    problem = yaml_error_problem(yaml.MarkedYAMLError(), "a: 1\n")
    assert (problem.code, problem.message, problem.line, problem.col) == (
        "YML001",
        "YAML syntax error: invalid YAML",
        1,
        1,
    )
