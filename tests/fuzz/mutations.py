"""Seeded mutations of a program's files, for the fuzz test.

A case is made from a seed alone (:func:`make_case`), so any case the fuzz test reports can be
made again. Each case changes one to three things in the program:

* bytes: bytes flipped, inserted, deleted or cut, a NUL, a BOM, bytes that are not UTF-8;
* lines: lines deleted, repeated, swapped, indented or joined;
* YAML structure: a value (at any depth) replaced by a list, a mapping, null, a huge or
  non-finite number, a long, right-to-left or hostile text, a bad date; a key removed; a list
  item repeated (duplicate ids); a plan's tiers made to overlap, leave a gap or be empty;
* files: a file removed, copied as ``.yml``, emptied or replaced by random bytes.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import yaml

from icmkit.loading.yaml_reader import read_yaml

HOSTILE_TEXT = [
    "[click](javascript:alert(1))",
    "# Heading from a description",
    "```\nunclosed fence",
    "<script>alert(1)</script>",
    '=HYPERLINK("http://evil.example","x")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "\u202eevil\u202c RTL override",
    "שלום עולם مرحبا",
    "x" * 5000,
    "line one\nline two\r\nline three",
    "tab\there",
    "{{ 7 * 7 }} {% for x in y %}",
    "%(name)s {0} %s",
    "| a | b |",
    "\\",
    "nul\x00inside",
    "control\x01\x1f\x7f chars",
    "emoji 😀 and zero\u200bwidth",
    "../../etc/passwd",
    "section Owned\nclick x href javascript:alert(1)",
    "ID-WITH-" + "A" * 300,
    "",
    " ",
]

SPECIAL_VALUES: list[Any] = [
    None,
    [],
    {},
    [1, 2],
    {"key": "value"},
    10**30,
    -(10**30),
    "1e400",
    float("inf"),
    float("-inf"),
    float("nan"),
    Decimal("-0.0"),
    Decimal("123456789012345678901234567890.123456789"),
    0,
    -1,
    True,
    "2027-02-30",
    "0000-00-00",
    dt.date(9999, 12, 31),
    dt.date(1, 1, 1),
    dt.datetime(2027, 1, 1, 12, 0, tzinfo=dt.UTC),
    "12:30",
    "NO",
    "1.10",
]


EDGE_NUMBERS: list[Any] = [
    0,
    1,
    -1,
    2**31,
    10**18,
    Decimal("0.00"),
    Decimal("-0.01"),
    Decimal("1E-30"),
    Decimal("1E+30"),
    Decimal("99999999999.99"),
    Decimal("0.333333333333333333333333333333"),
]
EDGE_DATES: list[Any] = [
    dt.date(1, 1, 1),
    dt.date(1970, 1, 1),
    dt.date(2027, 12, 31),
    dt.date(2028, 2, 29),
    dt.date(9999, 12, 31),
    dt.date(2026, 1, 1),
]
EDGE_RATES = ["0%", "-5%", "100%", "1000%", "1e400%", "NaN%", "0.0000001%", "5", "5%%", "%"]


def _same_kind(rng: random.Random, here: Any, data: Any) -> tuple[Any, str] | None:
    """A value of the kind ``here`` is that the models may well accept: it gets past
    validation and into the checks, the engine and the documents."""
    if isinstance(here, bool):
        return (not here), "flip yes/no"
    if isinstance(here, int | Decimal):
        value = rng.choice(EDGE_NUMBERS)
        return value, f"number {value}"
    if isinstance(here, dt.date):
        value = rng.choice(EDGE_DATES)
        return value, f"date {value}"
    if isinstance(here, str):
        if here.endswith("%"):
            value = rng.choice(EDGE_RATES)
            return value, f"rate {value}"
        ids = [v for v in _strings(data) if "-" in v and v.upper() == v and v != here]
        if ids and rng.random() < 0.4:
            value = rng.choice(ids)
            return value, f"id {here} -> {value}"
        value = rng.choice(HOSTILE_TEXT)
        return value, f"text {value[:30]!r}"
    if isinstance(here, list) and here:
        shape = rng.choice(["empty", "reversed", "doubled"])
        value = {"empty": [], "reversed": here[::-1], "doubled": here + copy.deepcopy(here)}[shape]
        return value, f"list {shape}"
    return None


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in _strings(v)]
    return []


class _Dumper(yaml.SafeDumper):
    pass


def _decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = str(value)
    if value.is_finite() and "." not in text and "E" not in text:
        text += ".0"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(Decimal, _decimal)


def dump(data: Any) -> bytes:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False).encode("utf-8")


@dataclass
class Case:
    seed: int
    base: str
    changes: list[str] = field(default_factory=list)
    files: dict[str, bytes | None] = field(default_factory=dict)
    """Relative path -> new bytes, or None to remove the file."""

    def describe(self) -> str:
        return f"seed {self.seed} on {self.base}: " + "; ".join(self.changes)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``data`` (mapping keys and list indexes)."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    _get(data, path[:-1])[path[-1]] = value
    return data


def _mutate_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    buf = bytearray(data)
    kind = rng.choice(["flip", "insert", "delete", "cut", "nul", "bom", "bad utf-8", "crlf"])
    at = rng.randrange(len(buf) + 1) if buf else 0
    if kind == "flip" and buf:
        at = min(at, len(buf) - 1)
        buf[at] = rng.randrange(256)
    elif kind == "insert":
        buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))
    elif kind == "delete":
        del buf[at : at + rng.randint(1, 40)]
    elif kind == "cut":
        del buf[at:]
    elif kind == "nul":
        buf[at:at] = b"\x00"
    elif kind == "bom":
        buf[0:0] = b"\xef\xbb\xbf"
    elif kind == "bad utf-8":
        buf[at:at] = rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"])
    else:
        buf = bytearray(bytes(buf).replace(b"\n", b"\r\n"))
    return bytes(buf), f"bytes: {kind} at {at}"


def _mutate_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = data.split(b"\n")
    kind = rng.choice(["delete", "repeat", "swap", "indent", "dedent", "join", "tab"])
    at = rng.randrange(len(lines))
    if kind == "delete":
        del lines[at]
    elif kind == "repeat":
        lines.insert(at, lines[at])
    elif kind == "swap" and len(lines) > 1:
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "indent":
        lines[at] = b"  " + lines[at]
    elif kind == "dedent":
        lines[at] = lines[at].lstrip(b" ")
    elif kind == "join" and at + 1 < len(lines):
        lines[at : at + 2] = [lines[at] + b" " + lines[at + 1]]
    elif kind == "tab":
        lines[at] = b"\t" + lines[at]
    return b"\n".join(lines), f"lines: {kind} at line {at + 1}"


def _value(rng: random.Random) -> tuple[Any, str]:
    if rng.random() < 0.4:
        text = rng.choice(HOSTILE_TEXT)
        return text, f"text {text[:30]!r}"
    value = rng.choice(SPECIAL_VALUES)
    return value, f"value {value!r}"[:60]


def _mutate_structure(rng: random.Random, data: Any) -> tuple[Any, str]:
    paths = _paths(data)
    path = rng.choice(paths)
    kind = rng.choice(
        ["same kind"] * 6 + ["replace", "replace", "replace", "drop", "repeat", "tiers", "rename"]
    )
    here = _get(data, path)
    if kind == "same kind" and path:
        found = _same_kind(rng, here, data)
        if found is not None:
            return _set(data, path, found[0]), f"{found[1]} at {path}"
    if kind == "drop" and path:
        parent = _get(data, path[:-1])
        del parent[path[-1]]
        return data, f"drop {path}"
    if kind == "repeat":
        lists = [p for p in paths if isinstance(_get(data, p), list) and _get(data, p)]
        if lists:
            chosen = rng.choice(lists)
            items = _get(data, chosen)
            items.append(copy.deepcopy(rng.choice(items)))
            return data, f"repeat an item of {chosen}"
    if kind == "tiers":
        tiers = [p for p in paths if p and p[-1] == "tiers"]
        if tiers:
            chosen = rng.choice(tiers)
            shape = rng.choice(["overlap", "gap", "empty", "reversed", "zero width"])
            new: list[dict[str, Any]] = {
                "overlap": [{"from": 0, "to": 100, "rate": "5%"}, {"from": 50, "rate": "9%"}],
                "gap": [{"from": 0, "to": 100, "rate": "5%"}, {"from": 200, "rate": "9%"}],
                "empty": [],
                "reversed": [{"from": 100, "to": 0, "rate": "5%"}],
                "zero width": [{"from": 0, "to": 0, "rate": "5%"}, {"from": 0, "rate": "1%"}],
            }[shape]
            return _set(data, chosen, new), f"tiers {shape} at {chosen}"
    if kind == "rename" and path and isinstance(path[-1], str):
        parent = _get(data, path[:-1])
        parent[path[-1] + "x"] = parent.pop(path[-1])
        return data, f"rename key {path}"
    value, what = _value(rng)
    if isinstance(here, str) and rng.random() < 0.5:
        value, what = rng.choice(HOSTILE_TEXT), "hostile text"
    return _set(data, path, value), f"{what} at {path}"


Mutator = Callable[[random.Random, dict[str, bytes], Case], None]


def _one_file(rng: random.Random, files: dict[str, bytes], case: Case) -> None:
    rel = rng.choice(sorted(files))
    data = case.files.get(rel) or files[rel]
    roll = rng.random()
    if roll < 0.2:
        new, what = _mutate_bytes(rng, data)
    elif roll < 0.35:
        new, what = _mutate_lines(rng, data)
    else:
        parsed = read_yaml(data)
        if not parsed.ok:
            new, what = _mutate_bytes(rng, data)
        else:
            tree, what = _mutate_structure(rng, parsed.data)
            new = dump(tree)
    case.files[rel] = new
    case.changes.append(f"{rel}: {what}")


def _whole_file(rng: random.Random, files: dict[str, bytes], case: Case) -> None:
    rel = rng.choice(sorted(files))
    kind = rng.choice(["remove", "yml copy", "empty", "random bytes", "new file"])
    if kind == "remove":
        case.files[rel] = None
    elif kind == "yml copy":
        case.files[rel[: -len(".yaml")] + ".yml"] = files[rel]
    elif kind == "empty":
        case.files[rel] = b""
    elif kind == "random bytes":
        case.files[rel] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
    else:
        folder = rng.choice(["requirements", "plans", "tests"])
        rel = f"{folder}/fuzz-{rng.randrange(1000)}.yaml"
        case.files[rel] = files[rng.choice(sorted(files))]
    case.changes.append(f"{rel}: file {kind}")


def make_case(seed: int, bases: dict[str, dict[str, bytes]]) -> Case:
    """The case of ``seed``: a base program and its changes."""
    rng = random.Random(seed)
    base = rng.choice(sorted(bases)) if rng.random() < 0.2 else "minimal"
    case = Case(seed, base)
    files = bases[base]
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        (_whole_file if rng.random() < 0.1 else _one_file)(rng, files, case)
    return case
