"""The pieces of the columnar stage, one by one: how cells are read, the hierarchy's spells,
segments, the streams of results, the sums handed to the plan math, and the engine settings."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.engine.conftest import make_plan

from icmkit.engine.calc_inputs import Row
from icmkit.engine.calendar import Calendar
from icmkit.engine.columnar.backend import too_many_values
from icmkit.engine.columnar.duckdb_backend import DEFAULT_MEMORY_LIMIT, DuckDBBackend
from icmkit.engine.columnar.lookups import DAY_KIND, TERM_KIND, amount_kind, share_kind
from icmkit.engine.columnar.owner_streams import by_owner, merged
from icmkit.engine.columnar.seat_credits import SegmentedCredits, Sums
from icmkit.engine.columnar.segments import boundaries, days_table, own_days
from icmkit.engine.columnar.spark_backend import SparkSettings, spark_available
from icmkit.engine.columnar.spells import (
    FIRST_DAY,
    LAST_DAY,
    manager_spells,
    role_spells,
)
from icmkit.engine.columnar.text_rules import (
    NOTHING_TO_STRIP,
    PYTHON_WHITESPACE,
    read_day,
    read_number,
    read_share,
    read_term,
)
from icmkit.engine.credited_input import CreditList
from icmkit.engine.crediting import Credit, Selection
from icmkit.engine.errors import EngineError
from icmkit.engine.hierarchy import RosterHierarchy, StaticHierarchy
from icmkit.engine.periods import Window
from icmkit.engine.targets import Person
from icmkit.model.number_text import UNDECLARED_TEXT, number_format, parse_number
from icmkit.model.roster import RosterEntry

# ---- reading cells -------------------------------------------------------------------------

CELLS = st.text(alphabet="0123456789.,-+%e _\u00a0' ", max_size=14)


@settings(max_examples=400, deadline=None)
@given(CELLS)
def test_a_plain_amount_is_what_python_reads(text: str) -> None:
    """What the engine converts itself (plain texts) reads as the reference reads it, and
    the reference's reading of the others is what the lookup carries."""
    for fmt in (UNDECLARED_TEXT, number_format("comma", "dot"), number_format("dot", "none")):
        kind = amount_kind(fmt)
        plain = bool(re.search(kind.plain, text)) and not (
            kind.refused is not None and re.search(kind.refused, text)
        )
        reading = read_number(text, fmt)
        if plain:
            converted = Decimal(text.replace(",", ".") if kind.decimal_comma else text)
            assert reading.value is not None and Decimal(reading.value) == converted
            assert reading.scale == -converted.as_tuple().exponent or converted == 0
        if reading.value is not None:
            assert Decimal(reading.value) == parse_number(text.strip(), fmt)


def test_readings_of_the_other_kinds() -> None:
    assert read_share("60%", UNDECLARED_TEXT).value == "0.6"
    assert read_share("-0.4", UNDECLARED_TEXT).value is None
    assert read_share("1,5", UNDECLARED_TEXT).value is None
    assert read_day("20270105").value == "2027-01-05"
    assert read_day("2027-02-30").value is None
    assert read_term("007").value == "7"
    assert read_term("0").value is None
    assert read_term("²").value is None
    assert re.search(DAY_KIND.plain, "2027-01-05")
    assert not re.search(DAY_KIND.plain, "0999-01-05")
    assert re.search(TERM_KIND.plain, "012") and not re.search(TERM_KIND.plain, "0")
    assert share_kind(number_format("comma", "dot")).decimal_comma


def test_only_texts_without_whitespace_at_an_end_are_taken_as_they_are() -> None:
    backend = DuckDBBackend()
    try:
        raw = backend.connection.con  # type: ignore[attr-defined]
        for text in ["a", "a b", "\u00a0a", "a\u3000", " ", "", "a\nb", "\ta", "x\x1f"]:
            (taken,) = raw.execute(
                "SELECT regexp_matches(?, ?)", [text, NOTHING_TO_STRIP]
            ).fetchone()
            assert taken == (text != "" and text == text.strip()), repr(text)
        (stripped,) = raw.execute(
            "SELECT trim(?, ?)", ["\u3000\u00a0 x y \x1c", PYTHON_WHITESPACE]
        ).fetchone()
        assert stripped == "x y"
    finally:
        backend.close()


def test_duckdb_draws_no_progress_bar_and_keeps_to_its_memory() -> None:
    backend = DuckDBBackend()
    try:
        raw = backend.connection.con  # type: ignore[attr-defined]
        assert raw.execute("SELECT current_setting('enable_progress_bar')").fetchone() == (False,)
        (limit,) = raw.execute("SELECT current_setting('memory_limit')").fetchone()
        assert limit.replace(" ", "").upper().startswith(("572", "600", "0.5"))
        assert DEFAULT_MEMORY_LIMIT == "600MB"
    finally:
        backend.close()


def test_too_many_values_in_the_words_of_the_csv_reader() -> None:
    assert too_many_values(Path("t.csv"), "a,b,c", 3, 2) == "t.csv:3: 3 values for 2 columns"
    assert too_many_values(Path("t.csv"), "a", 3, 2) is None


# ---- the hierarchy as spells ---------------------------------------------------------------

DAYS = [dt.date(2027, 1, 1) + dt.timedelta(days=n) for n in range(0, 400, 7)]


def _at(spells: list[tuple[str, dt.date, dt.date, str]], who: str, day: dt.date) -> str | None:
    found = [value for person, start, end, value in spells if person == who and start <= day < end]
    assert len(found) <= 1, found
    return found[0] if found else None


def test_spells_answer_as_the_roster_hierarchy_does() -> None:
    entries = [
        RosterEntry.model_validate(e)
        for e in [
            {"id": "M", "role": "Manager"},
            {"id": "A", "role": "AE", "manager": "M"},
            {
                "id": "B",
                "role": "AE",
                "managers": [
                    {"manager": "M", "from": "2027-01-01", "to": "2027-03-01"},
                    {"manager": "A", "from": "2027-02-01"},
                    {"manager": "X", "from": "2027-06-01", "to": "2027-07-01"},
                ],
                "assignments": [
                    {"plan": "P", "from": "2027-04-01", "to": "2027-05-01", "role": "SE"},
                    {"plan": "P", "from": "2027-05-01", "role": "Lead"},
                ],
            },
            {"id": "C"},
        ]
    ]
    hierarchy = RosterHierarchy.of(entries)
    managers, roles = manager_spells(hierarchy), role_spells(hierarchy)
    for who in ("M", "A", "B", "C"):
        for day in DAYS:
            assert _at(managers, who, day) == hierarchy.manager_of(who, day), (who, day)
            assert _at(roles, who, day) == hierarchy.role_of(who, day), (who, day)


def test_a_static_hierarchy_is_one_spell_each() -> None:
    hierarchy = StaticHierarchy({"A": "M", "M": None}, {"A": "AE", "M": None})
    assert manager_spells(hierarchy) == [("A", FIRST_DAY, LAST_DAY, "M")]
    assert role_spells(hierarchy) == [("A", FIRST_DAY, LAST_DAY, "AE")]


# ---- segments ------------------------------------------------------------------------------


def test_the_days_windows_start_on() -> None:
    plan = make_plan(
        {"id": "c", "name": "C", "kind": "flat", "measure": "arr", "rate": "10%",
         "effective": {"from": "2027-02-10", "to": "2027-11-20"}},
        payment={"frequency": "quarterly"},
        quotas=[{"id": "q", "measure": "arr", "period": "monthly", "amount": 100}],
    )  # fmt: skip
    window = Window(dt.date(2027, 1, 1), dt.date(2028, 1, 1))
    found = boundaries(plan, window, Calendar(), as_of=dt.date(2027, 8, 14))
    assert found[0] == dt.date(2027, 1, 1) and found[-1] == dt.date(2028, 1, 1)
    for day in (dt.date(2027, 2, 10), dt.date(2027, 11, 20), dt.date(2027, 8, 15)):
        assert day in found
    assert all(dt.date(2027, m, 1) in found for m in range(1, 13))
    assert found == sorted(set(found))
    weekly = make_plan({"id": "c", "name": "C", "kind": "flat", "measure": "arr", "rate": "1%"},
                       payment={"frequency": "weekly"})  # fmt: skip
    widened = boundaries(weekly, window, Calendar())
    assert widened[0] == dt.date(2026, 12, 28)  # the week holding New Year's Day


def test_a_participants_own_days() -> None:
    person = Person("P", None, dt.date(2027, 3, 5), dt.date(2027, 9, 9),
                    Window(dt.date(2027, 2, 1), dt.date(2027, 10, 1)))  # fmt: skip
    assert own_days([person]) == {
        dt.date(2027, 3, 5), dt.date(2027, 9, 10), dt.date(2027, 2, 1), dt.date(2027, 10, 1)
    }  # fmt: skip
    assert own_days([Person("Q")]) == set()


def test_days_table() -> None:
    days, starts = days_table([dt.date(2027, 1, 1), dt.date(2027, 1, 3), dt.date(2027, 1, 4)])
    assert days == [dt.date(2027, 1, 1), dt.date(2027, 1, 2), dt.date(2027, 1, 3)]
    assert starts == [dt.date(2027, 1, 1), dt.date(2027, 1, 1), dt.date(2027, 1, 3)]


# ---- streams of results --------------------------------------------------------------------


class _Batch:
    def __init__(self, rows: list[dict[str, object]]) -> None:
        self.rows = rows

    def to_pylist(self) -> list[dict[str, object]]:
        return self.rows


def test_rows_are_grouped_by_owner_across_batches() -> None:
    batches = [_Batch([{"owner": "a"}, {"owner": "b"}]), _Batch([{"owner": "b"}, {"owner": "c"}])]
    assert [(o, len(r)) for o, r in by_owner(batches)] == [("a", 1), ("b", 2), ("c", 1)]
    with pytest.raises(EngineError, match="did not order"):
        list(by_owner([_Batch([{"owner": "b"}, {"owner": "a"}])]))


def test_streams_are_merged_owner_by_owner() -> None:
    one = iter([("a", [{"x": 1}]), ("c", [{"x": 2}])])
    two = iter([("b", [{"y": 1}]), ("c", [{"y": 2}])])
    assert list(merged([one, two, iter(())])) == [
        ("a", [[{"x": 1}], [], []]),
        ("b", [[], [{"y": 1}], []]),
        ("c", [[{"x": 2}], [{"y": 2}], []]),
    ]


# ---- sums handed to the plan math ----------------------------------------------------------


def _credit(day: dt.date, amount: str, order: int, cancelled: bool = False) -> Credit:
    row = Row(f"T{order}", day, Decimal(amount), None, "P", Decimal(1), {},
              day + dt.timedelta(days=30) if cancelled else None, 12)  # fmt: skip
    return Credit(row, order, "arr", "P", Decimal(amount))


def test_sums_add_up_whole_segments_only() -> None:
    sums = Sums()
    sums.add(dt.date(2027, 1, 3), dt.date(2027, 1, 28), Decimal("10.50"))
    sums.add(dt.date(2027, 2, 1), dt.date(2027, 2, 20), Decimal("4"))
    assert sums.within(Window(dt.date(2027, 1, 1), dt.date(2027, 3, 1))) == Decimal("14.50")
    assert sums.within(Window(dt.date(2027, 2, 1), dt.date(2027, 3, 1))) == Decimal(4)
    assert sums.within(Window(dt.date(2027, 1, 29), dt.date(2027, 2, 1))) == 0
    for window in (
        Window(dt.date(2027, 1, 10), dt.date(2027, 3, 1)),
        Window(dt.date(2027, 1, 1), dt.date(2027, 2, 10)),
        Window(dt.date(2027, 1, 5), dt.date(2027, 1, 6)),
    ):
        with pytest.raises(EngineError, match="does not fit"):
            sums.within(window)


def test_segmented_credits_answer_as_a_list_of_the_same_credits_does() -> None:
    january, february = dt.date(2027, 1, 1), dt.date(2027, 2, 1)
    summed = [_credit(january + dt.timedelta(days=n), "100", n) for n in range(0, 28, 3)]
    cancelled = _credit(dt.date(2027, 1, 13), "7.25", 100, cancelled=True)
    reference = CreditList.of(
        sorted([*summed, cancelled], key=lambda c: (c.transaction.date, c.order))
    )
    sums = Sums()
    sums.add(summed[0].transaction.date, summed[-1].transaction.date, Decimal(1000))
    place = (cancelled.transaction.date, cancelled.order)
    before = sum((c.amount for c in summed if (c.transaction.date, c.order) < place), Decimal(0))
    credits = SegmentedCredits(
        {("arr", 0, None): sums},
        CreditList.of([cancelled]),
        frozenset(),
        {100: {(0, None): before}},
        {100: january},
        [("P", 0, None)],
    )
    everyone, window = Selection(), Window(january, february)
    assert credits.total("arr", window, everyone, frozenset()) == reference.total(
        "arr", window, everyone, frozenset()
    )
    assert credits.befores([cancelled], january, everyone, frozenset()) == reference.befores(
        [cancelled], january, everyone, frozenset()
    )
    assert credits.cancelled() == reference.cancelled() == [cancelled]
    assert credits.cancellable() == [cancelled]
    assert credits.sellers(everyone) == reference.sellers(everyone) == ["P"]
    assert credits.sellers(Selection(False, 1)) == []
    assert list(credits.own_deals()) == ["T100"]
    with pytest.raises(EngineError) as summed_only:
        credits.each("arr", window, everyone, frozenset())
    assert str(summed_only.value) == (
        "internal error: credits of `arr` were asked one by one but summed; please report it "
        "(--engine python computes it)"
    )


# ---- settings ------------------------------------------------------------------------------


def test_spark_settings_from_program_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ICMKIT_SPARK_MASTER", "spark://host:7077")
    monkeypatch.setenv("ICMKIT_SPARK_CONF", "spark.executor.memory=8g, bad, spark.x = y")
    found = SparkSettings.from_environment(SparkSettings("local[2]", {"spark.a": "1"}))
    assert found.master == "spark://host:7077"
    assert found.config == {"spark.a": "1", "spark.executor.memory": "8g", "spark.x": "y"}
    monkeypatch.delenv("ICMKIT_SPARK_MASTER")
    monkeypatch.delenv("ICMKIT_SPARK_CONF")
    assert SparkSettings.from_environment(SparkSettings("local[2]")).master == "local[2]"


def test_spark_says_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    missing = spark_available()
    assert missing is not None and ("Java" in missing or "PySpark" in missing)


def test_spark_finds_java_on_the_path_without_java_home(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyspark")
    monkeypatch.setattr(
        "shutil.which", lambda name: "/opt/jre/bin/java" if name == "java" else None
    )
    monkeypatch.delenv("JAVA_HOME", raising=False)
    assert spark_available() is None


def test_a_progress_line_only_on_a_terminal() -> None:
    from icmkit.cli.terminal_progress import ProgressLine, terminal_progress

    quiet = io.StringIO()
    with terminal_progress(quiet) as progress:
        progress("computing participants", 1, 2)
    assert quiet.getvalue() == ""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    with terminal_progress(screen) as progress:
        progress("reading", 0, None)
        progress("computing participants", 2, 2)
    assert "reading…" in screen.getvalue() and "2/2" in screen.getvalue()
    assert screen.getvalue().endswith("\r\x1b[K")
    line = ProgressLine(Terminal())
    line.clear()
    assert line.stream.getvalue() == ""  # type: ignore[attr-defined]
