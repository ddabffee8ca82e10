"""The one JUnit XML writer, shared by `check --format junit` and `test --format junit`."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from icmkit.terminal.junit_xml import Case, Problem, Suite, junit_xml, xml_text


def test_text_xml_cannot_hold_is_escaped_or_replaced() -> None:
    assert xml_text("a\x01b\tc\nd\x85e") == "a\\x01b\tc\nd\x85e"
    assert xml_text("\ufffe\uffff\ud800") == "\ufffd\ufffd\ufffd"


def test_any_text_in_any_field_parses_and_counts_add_up() -> None:
    odd = "x\x02 <&> \ufffe"
    suites = [
        Suite(
            odd,
            [
                Case(odd, odd, file=odd, line=3, failure=Problem(odd, odd, odd), output=odd),
                Case("b", "c", error=Problem("boom", "EngineError", "boom")),
                Case("passes", "c"),
            ],
        )
    ]

    text = junit_xml(odd, suites)

    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    assert text.endswith("</testsuites>\n")
    root = ET.fromstring(text)
    shown = "x\\x02 <&> \ufffd"
    assert root.get("name") == shown
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("name"), suite.get("skipped")) == (shown, "0")
    first = suite.find("testcase")
    assert first is not None
    assert (first.get("classname"), first.get("file"), first.get("line")) == (shown, shown, "3")
    assert [child.tag for child in first] == ["failure", "system-out"]
    assert [child.text for child in first] == [shown, shown]
