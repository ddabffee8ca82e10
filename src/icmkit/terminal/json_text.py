"""The one way icmkit writes a JSON document for the user (every ``--format json``, and
SARIF): keys in the order the document gives them, an indent of two spaces, text as UTF-8
(not ``\\u`` escapes), a newline at the end, and a ``Decimal`` as a string of its digits
(``"5200.00"``), so that amounts keep every decimal place and never pass through a float.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

_SURROGATE = re.compile("[\ud800-\udfff]")
"""A lone surrogate (a file name's byte that is not UTF-8): not encodable as UTF-8 text."""


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"{type(value).__name__} has no JSON form")


def json_text(document: Any) -> str:
    """``document`` (dicts, lists, strings, numbers, booleans, None, Decimals) as JSON text.

    A lone surrogate in a string is written as its ``\\udcff`` escape, so the text is always
    valid UTF-8 (and valid JSON: surrogates only occur inside strings)."""
    text = json.dumps(document, indent=2, ensure_ascii=False, default=_plain) + "\n"
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
