"""The limits a user's files meet by default: 16 MiB a file, 2,000,000 values once aliases are
expanded, 100 levels of nesting; each refusal says which limit, at the place it was passed."""

from __future__ import annotations

from icmkit.loading.yaml_reader import read_yaml


def _problems(data: bytes) -> list[tuple[str, str, int, int]]:
    return [(p.code, p.message, p.line, p.col) for p in read_yaml(data).problems]


def test_a_file_over_16_mib_is_refused_unread() -> None:
    data = b"a: 1\n" + b"#" * (16 * 1024 * 1024)
    assert _problems(data) == [
        (
            "YML004",
            "file is 16,777,221 bytes, over the limit of 16 MiB; split it into smaller files",
            1,
            1,
        )
    ]


def test_a_file_of_exactly_16_mib_is_read() -> None:
    data = b"a: 1\n" + b"#" * (16 * 1024 * 1024 - 5)
    assert _problems(data) == []


def test_an_alias_bomb_stops_at_two_million_values() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 8)]
    assert _problems(("\n".join(lines) + "\n").encode()) == [
        (
            "YML003",
            "file expands to more than 2,000,000 values (aliases counted each time they are "
            "used); remove the repeated aliases or split the file",
            6,
            5,
        )
    ]


def test_nesting_stops_past_100_levels() -> None:
    assert _problems(b"a: " + b"[" * 100 + b"]" * 100 + b"\n") == []
    assert _problems(b"a: " + b"[" * 101 + b"]" * 101 + b"\n") == [
        ("YML003", "values nested deeper than 100 levels; flatten them", 1, 104)
    ]
