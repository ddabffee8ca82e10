"""The one-pass event reader gives exactly what composing the node graph and building from it
gives (``node_reader_oracle``): the same data (types included), positions and problems, in the
same order, and the same problem when a file has several."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.loading.node_reader_oracle import read_yaml_by_nodes

from icmkit.loading.yaml_reader import DEFAULT_LIMITS, Limits, ReadResult, read_yaml

ROOT = Path(__file__).resolve().parents[2]
FENCE = re.compile(r"^```ya?ml\s*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def _typed(value: Any) -> Any:
    """``value`` with every leaf's type next to it (``1 == True == Decimal(1)`` in Python)."""
    if isinstance(value, dict):
        return ("map", [(k, _typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", [_typed(v) for v in value])
    if isinstance(value, float) and value != value:
        return ("float", "nan")
    return (type(value).__name__, value)


def _same(data: bytes, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    new = read_yaml(data, limits)
    old = read_yaml_by_nodes(data, limits)
    assert new.problems == old.problems
    assert _typed(new.data) == _typed(old.data)
    assert new.positions == old.positions
    return new


def _project_yaml() -> list[tuple[str, bytes]]:
    found: list[tuple[str, bytes]] = []
    for folder in ("examples", "tests/fixtures", "templates"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".yaml", ".yml") and path.is_file():
                found.append((str(path.relative_to(ROOT)), path.read_bytes()))
    for doc in sorted((ROOT / "docs").glob("*.md")):
        text = doc.read_text(encoding="utf-8")
        for n, match in enumerate(FENCE.finditer(text)):
            found.append((f"{doc.relative_to(ROOT)}#{n}", match.group(1).encode()))
    return found


PROJECT_YAML = _project_yaml()


def test_project_yaml_was_found() -> None:
    names = [name for name, _ in PROJECT_YAML]
    assert any(name.startswith("examples/") for name in names)
    assert any(name.startswith("tests/fixtures/") for name in names)
    assert any(name.startswith("docs/") for name in names)


@pytest.mark.parametrize("data", [d for _, d in PROJECT_YAML], ids=[n for n, _ in PROJECT_YAML])
def test_project_files_read_the_same(data: bytes) -> None:
    _same(data)


TRICKY = {
    "scalars": "a: [x, NO, yes, ~, null, '', 1, 0x1F, 0o17, 017, 1_000, -1.5e3, .inf, .nan]\n"
    "b: [2027-02-30, 2027-01-01, 2027-01-01T10:00:00Z, 12:30, 1:30.5, 1.10, +1, =, '1.0']\n"
    'c: ["x", |\n    block\n  , >\n    folded\n  ]\n',
    "tags": "a: !!int 5\nb: !!str 5\nc: !foo x\nd: ! 12\ne: !!float 1\nf: !!bool yes\n"
    "g: !!timestamp x\nh: !!int x\ni: !!map {a: 1}\nj: !!seq [1]\nk: !!set {a}\nl: !x [1]\n",
    "untagged collections": "a: ! {b: 1}\nc: ! [1]\n",
    "merge": "base: &b {x: 1, y: 2}\nother: &o {z: 3}\n"
    "one: {<<: *b, y: 5}\nmany: {<<: [*b, *o], x: 0}\nbad: {<<: [1, *b]}\nscalar: {<<: 1}\n"
    "quoted: {'<<': *b}\ntagged: {!!merge a: *b}\ninline: {<<: {q: 1}}\ntwice: {<<: *b, <<: *o}\n",
    "duplicates": "a: 1\nb: {c: 1, c: 2}\na: 2\na: &x [1, {d: 1}]\ne: *x\n",
    "alias to a dropped value": "a: 1\na: &x [1, 2]\nb: *x\n",
    "alias to a dropped scalar": "a: 1\na: &x NO\nb: *x\nc: *x\n",
    "recursive alias": "a: &x [1, *x]\n",
    "recursive mapping": "a: &x {b: *x}\n",
    "recursive, used as a key": "&x {*x : 1}\n",
    "recursive, after built values": "a: &r [[1, 2], {b: &s [3]}, *s, *r]\n",
    "recursive, through a merge": "a: &r {x: 1, <<: *r}\n",
    "recursive, dropped values on the way": "a: &r {k: 1, k: [1, [2]], [q]: 3, m: *r}\n",
    "recursive, two levels": "a: &r [1, &s {b: *r}]\nc: *s\n",
    "recursive, deep inside": "a: &r [" + "[" * 40 + "*r" + "]" * 40 + "]\n",
    "recursive, then a syntax error": "a: &r [*r]\nb: [\n",
    "alias to a dropped value, twice": "a: 1\na: &x {b: [1]}\nc: *x\nd: *x\n",
    "alias to a dropped value holding a built one": "a: 1\na: &x [&y [1], 2]\nb: *y\nc: *x\n",
    "alias to a dropped value holding an alias to it": "a: 1\na: &x [1, *x]\nb: *x\n",
    "alias to a dropped value, dropped inside": "a: 1\na: &x {? [z] : 1, q: 2, q: [3]}\nb: *x\n",
    "alias to a dropped key": "? &k {? [z] : 1, q: 2}\n: 3\nd: *k\n",
    "collection keys": "? [a]\n: 1\n{b: 1}: 2\nc: 3\n? &k [z]\n: 4\nd: *k\n",
    "alias keys": "a: &k key\n*k : 1\nb: &m {x: 1}\n*m : 2\nc: &l <<\nd: {*l : {y: 2}}\n",
    "anchored key": "&k a: 1\nb: *k\n",
    "scalar alias reports again": "a: &t 1:30\nb: *t\nc: &u !foo x\nd: *u\n",
    "undefined alias": "a: 1\nb: *nope\n",
    "duplicate anchor": "a: &x 1\nb: &x 2\n",
    "duplicate anchor, still open": "a: &x [&x 1]\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "two documents, second bad": "a: 1\n---\nb: [\n",
    "explicit end": "a: 1\n...\n",
    "document marker only": "---\n",
    "comment only": "# nothing\n",
    "empty": "",
    "bom": "\ufeffa: 1\n",
    "tab": "a:\n\tb: 1\n",
    "control character": "a: b\x07\n",
    "unclosed": "a: [1, 2\nb: 3\n",
    "bad indent": "a:\n  b: 1\n c: 2\n",
    "root scalar": "just text\n",
    "root alias": "*a\n",
    "root anchored": "&a [1, 2]\n",
    "null root": "~\n",
    "nested aliases": "a: &a [1, 2]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n",
    "unicode": "naïve: ünïcode\nemoji: 😀\n",
    "deep": "a: " + "[" * 150 + "]" * 150 + "\n",
    "deep, then undefined alias": "a: " + "[" * 150 + "]" * 150 + "\nb: *x\n",
    "undefined alias, then deep": "b: *x\na: " + "[" * 150 + "]" * 150 + "\n",
    "deep, then syntax error": "a: " + "[" * 150 + "]" * 150 + "\nb: [\n",
    "deep in a dropped value": "a: 1\na: " + "[" * 120 + "]" * 120 + "\n",
    "deep in a second document": "a: 1\n---\n" + "[" * 150 + "]" * 150 + "\n",
    "deep block": "".join(f"{' ' * (2 * i)}k{i}:\n" for i in range(120)) + " " * 240 + "v\n",
    "deep block, then tab": "".join(f"{' ' * (2 * i)}k{i}:\n" for i in range(105)) + "x:\t[\n",
    "very deep": "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "very deep, unclosed": "a: " + "[" * 5000 + "\n",
    "long line": "a: " + "x" * 3000 + "\nb: *nope\n",
    "long line, two documents": "a: " + "x" * 3000 + "\n---\nb: 1\n",
    "long line, control character": "a: b\x07\n# " + "x" * 1100 + "\n",
    "long line, undefined alias, control character": "a: *x\nb: c\x07\n# " + "x" * 1100 + "\n",
    "long line, undefined alias, syntax error": "a: *x\nb: [\n# " + "x" * 1100 + "\n",
    "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(7)
    ),
    "alias bomb, then syntax error": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(7)
    )
    + "z: [\n",
}


@pytest.mark.parametrize("text", list(TRICKY.values()), ids=list(TRICKY))
def test_tricky_inputs_read_the_same(text: str) -> None:
    _same(text.encode())


def test_empty_number_or_float_tag_keeps_the_text() -> None:
    result = _same(b"a: !!int\nb: !!float\nc: !!int 7\n")
    assert result.problems == []
    assert _typed(result.data) == _typed({"a": "", "b": "", "c": 7})


def test_control_character_in_a_file_with_a_long_line() -> None:
    result = _same(b"a: b\x07\n# " + b"x" * 1100 + b"\n")
    assert [(p.code, p.line, p.col) for p in result.problems] == [("YML005", 1, 5)]


@pytest.mark.parametrize(
    "text",
    [
        "a: &r [[1, 2], {b: [3]}, 4, *r]\n",
        "a: &r {x: [1], k: [2], k: 3, <<: *r}\n",
        "a: 1\na: &x [&y [1], {b: *x}]\nc: *y\nd: *x\n",
    ],
    ids=["recursive", "recursive merge", "dropped, then recursive"],
)
def test_small_limits_stop_expanding_at_the_same_place(text: str) -> None:
    for max_nodes in range(1, 40):
        for max_depth in range(12):
            _same(text.encode(), Limits(max_nodes=max_nodes, max_depth=max_depth))


REFUSED = {
    "flow": "a: " + "[" * 5000 + "\n",
    "mappings": "a: " + "{b: " * 1200 + "\n",
    "undefined alias first": "a: *x\nb: " + "[" * 1100 + "\n",
    "undefined alias after": "b: " + "[" * 1100 + "]" * 1100 + "\na: *x\n",
    "duplicate anchor first": "a: &x 1\nb: &x 2\nc: " + "[" * 1100 + "\n",
    "second document first": "a: 1\n---\nb: " + "[" * 1100 + "\n",
    "syntax error first": "a: [\n  b: c: d\ne: " + "[" * 1100 + "\n",
    "recursive alias first": "a: &r [*r]\nb: " + "[" * 1100 + "\n",
}


@pytest.mark.parametrize("text", list(REFUSED.values()), ids=list(REFUSED))
def test_nesting_libyaml_refuses_reads_the_same(text: str) -> None:
    _same(text.encode())


@pytest.mark.parametrize(
    "text",
    [REFUSED["undefined alias first"], REFUSED["duplicate anchor first"], "a: " + "[" * 1100],
    ids=["undefined alias", "duplicate anchor", "nesting"],
)
def test_nesting_libyaml_refuses_under_the_limit_reads_the_same(text: str) -> None:
    # libyaml refuses nesting past 1,000 levels while looking ahead; with a limit of 2,000
    # no value passes the limit, so the file's first error is what is reported.
    _same(text.encode(), Limits(max_depth=2000))


@pytest.mark.parametrize("long_line", [False, True], ids=["short lines", "a long line"])
def test_small_limits_stop_at_the_same_place(long_line: bool) -> None:
    # A long line makes the nesting limit win over every other problem (see could_be_deep).
    text = b"a: &a [1, {b: [2, 3]}]\nc: *a\nd: [[[[1]]]]\ne: 1\ne: [[[[[[2]]]]]]\nf: *z\n"
    if long_line:
        text += b"# " + b"x" * 1100 + b"\n"
    for max_nodes in range(1, 30):
        for max_depth in range(7):
            _same(text, Limits(max_nodes=max_nodes, max_depth=max_depth))
            _same(text.replace(b"f: *z", b"f: 1"), Limits(max_nodes=max_nodes, max_depth=max_depth))


# ---- generated inputs -----------------------------------------------------------------------

SCALARS = [
    "x", "NO", "yes", "on", "~", "null", "''", "1", "-7", "0x1F", "0o17", "017", "1_000",
    "1:30", "1:30.5", "-1.5e3", ".inf", ".nan", "2027-02-30", "2027-01-01", "12:30", "1.10",
    "2027-01-01 10:00:00", "'quoted'", '"1.0"', "!!int 5", "!!str 5", "!foo x", "! 12",
    "!!float 1", "!!bool yes", "!!timestamp x", "!!int x", "=", "<<", "0b101", "+.5",
]  # fmt: skip
KEYS = ["a", "b", "c", "<<", "'<<'", "1", "yes", "!!merge m", "!!str s"]
NAMES = ["a0", "a1", "a2"]


@st.composite
def _node(draw: st.DrawFn, depth: int = 0) -> Any:
    """A small YAML value as a tree: ("scalar", text) / ("alias", name) / ("map"|"seq", ...)."""
    anchor = draw(st.sampled_from([None, None, None, *NAMES]))
    choice = draw(st.integers(0, 9 if depth < 4 else 4))
    if choice <= 3:
        return ("scalar", draw(st.sampled_from(SCALARS)), anchor)
    if choice == 4:
        return ("alias", draw(st.sampled_from(NAMES)), None)
    tag = draw(st.sampled_from([None, None, None, "!", "!!set", "!!map", "!!seq"]))
    flow = draw(st.booleans())
    if choice <= 6:
        items = draw(st.lists(_node(depth + 1), max_size=4))
        return ("seq", items, anchor, tag, flow)
    pairs = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.integers(0, 9))
        if kind <= 7:
            key: Any = ("scalar", draw(st.sampled_from(KEYS)), None)
        elif kind == 8:
            key = ("alias", draw(st.sampled_from(NAMES)), None)
        else:
            key = ("seq", [("scalar", "k", None)], None, None, True)
        pairs.append((key, draw(_node(depth + 1))))
    return ("map", pairs, anchor, tag, flow)


def _props(node: Any) -> str:
    parts = [f"&{node[2]}"] if node[2] else []
    if node[0] in ("map", "seq") and node[3]:
        parts.append(node[3])
    return " ".join(parts)


def _flow(node: Any) -> str:
    if node[0] == "alias":
        return f"*{node[1]} "
    props = _props(node)
    prefix = f"{props} " if props else ""
    if node[0] == "scalar":
        return prefix + node[1]
    if node[0] == "seq":
        return prefix + "[" + ", ".join(_flow(item) for item in node[1]) + "]"
    return prefix + "{" + ", ".join(f"{_flow(k)}: {_flow(v)}" for k, v in node[1]) + "}"


def _block(node: Any, indent: int) -> list[str]:
    """Lines for ``node`` as a block collection at ``indent`` (flow when asked or empty)."""
    pad = " " * indent
    lines = []
    if node[0] == "seq":
        for item in node[1]:
            if item[0] in ("map", "seq") and not item[4] and item[1]:
                lines.append(f"{pad}- {_props(item)}".rstrip())
                lines.extend(_block(item, indent + 2))
            else:
                lines.append(f"{pad}- {_flow(item)}")
    else:
        for key, value in node[1]:
            if value[0] in ("map", "seq") and not value[4] and value[1]:
                lines.append(f"{pad}{_flow(key)}: {_props(value)}".rstrip())
                lines.extend(_block(value, indent + 2))
            else:
                lines.append(f"{pad}{_flow(key)}: {_flow(value)}")
    return lines


def _text(node: Any) -> str:
    if node[0] in ("map", "seq") and not node[4] and node[1]:
        props = _props(node)
        return (f"--- {props}\n" if props else "") + "\n".join(_block(node, 0)) + "\n"
    return _flow(node) + "\n"


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    node=_node(),
    extra=st.sampled_from(["", "", "", "\n---\na: 1\n", "\n# " + "x" * 1100 + "\n", "z: [\n"]),
    mutation=st.one_of(
        st.none(),
        st.none(),
        st.tuples(st.integers(0, 400), st.sampled_from(["]", "}", "\t", ":", "&", "*", "\n", " "])),
    ),
    limits=st.sampled_from(
        [DEFAULT_LIMITS, DEFAULT_LIMITS, Limits(max_nodes=12), Limits(max_depth=2)]
    ),
)
def test_generated_inputs_read_the_same(
    node: Any, extra: str, mutation: tuple[int, str] | None, limits: Limits
) -> None:
    text = _text(node) + extra
    if mutation is not None:
        at = mutation[0] % (len(text) + 1)
        text = text[:at] + mutation[1] + text[at:]
    _same(text.encode(), limits)


@st.composite
def _aliased_text(draw: st.DrawFn) -> str:
    """A flow-style document whose anchors are unique and whose aliases name values defined
    before them: values already built, values around the alias, and dropped values."""
    defined: list[str] = []

    def value(depth: int) -> str:
        anchor = f"n{len(defined)}" if draw(st.integers(0, 2)) == 0 else None
        props = f"&{anchor} " if anchor else ""
        choice = draw(st.integers(0, 9 if depth < 5 else 3))
        if choice == 3 and defined:
            return f"*{draw(st.sampled_from(defined))} "
        if anchor:
            defined.append(anchor)
        if choice <= 3:
            return props + draw(st.sampled_from(["x", "1", "NO", "1:30", "!foo y", "<<"]))
        tag = draw(st.sampled_from(["", "", "", "!!set ", "! "]))
        if choice <= 6:
            items = [value(depth + 1) for _ in range(draw(st.integers(0, 4)))]
            return f"{props}{tag}[{', '.join(items)}]"
        pairs = []
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.integers(0, 9))
            if kind <= 6:
                key = draw(st.sampled_from(["a", "b", "a", "<<", "c"]))
            elif kind == 7 and defined:
                key = f"*{draw(st.sampled_from(defined))} "
            else:
                key = value(depth + 1)
            pairs.append(f"? {key} : {value(depth + 1)}")
        return f"{props}{tag}{{{', '.join(pairs)}}}"

    extra = draw(st.sampled_from(["", "", "", "# " + "x" * 1100 + "\n", "---\n", "z: [\n"]))
    return value(0) + "\n" + extra


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    text=_aliased_text(),
    limits=st.one_of(
        st.just(DEFAULT_LIMITS),
        st.builds(Limits, max_nodes=st.integers(1, 80), max_depth=st.integers(0, 12)),
    ),
)
def test_generated_aliases_read_the_same(text: str, limits: Limits) -> None:
    _same(text.encode(), limits)


def test_generated_text_is_mostly_valid_yaml() -> None:
    """The generator is worth its time: the inputs it writes read with anchors and merges."""
    node = (
        "map",
        [
            (("scalar", "a", None), ("map", [(("scalar", "x", None), ("scalar", "1", None))],
                                     "a0", None, False)),
            (("scalar", "b", None), ("map", [(("scalar", "<<", None), ("alias", "a0", None))],
                                     None, None, True)),
        ],
        None,
        None,
        False,
    )  # fmt: skip
    result = _same(_text(node).encode())
    assert result.problems == []
    assert result.data == {"a": {"x": 1}, "b": {"x": 1}}
    assert isinstance(result.data["a"]["x"], int)
    assert not isinstance(Decimal(1), int)  # the typed comparison tells these apart
    assert _typed(1) != _typed(True) and _typed(1) != _typed(Decimal(1))
    assert _typed(datetime.date(2027, 1, 1)) == ("date", datetime.date(2027, 1, 1))
