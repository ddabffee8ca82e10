"""The one writer of JSON output: every `--format json` (and SARIF) looks the same."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from icmkit.terminal.json_text import json_text


def test_keys_keep_their_order_text_stays_utf8_and_a_newline_ends_it() -> None:
    text = json_text({"b": 1, "a": ["Zoë", None, True]})
    assert text == '{\n  "b": 1,\n  "a": [\n    "Zoë",\n    null,\n    true\n  ]\n}\n'


def test_a_decimal_is_written_as_its_digits_in_a_string() -> None:
    amounts = [Decimal("5200.00"), Decimal("1E+2"), Decimal("-0.10")]
    assert json.loads(json_text(amounts)) == ["5200.00", "100", "-0.10"]


def test_anything_else_without_a_json_form_is_refused() -> None:
    with pytest.raises(TypeError, match="set has no JSON form"):
        json_text({"x": {1}})
