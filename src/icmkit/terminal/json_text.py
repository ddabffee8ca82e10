"""The one way icmkit writes a JSON document for the user (every ``--format json``, and
SARIF): keys in the order the document gives them, an indent of two spaces, text as UTF-8
(not ``\\u`` escapes), a newline at the end, and a ``Decimal`` as a string of its digits
(``"5200.00"``), so that amounts keep every decimal place and never pass through a float.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def _plain(value: object) -> str:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(f"{type(value).__name__} has no JSON form")


def json_text(document: Any) -> str:
    """``document`` (dicts, lists, strings, numbers, booleans, None, Decimals) as JSON text."""
    return json.dumps(document, indent=2, ensure_ascii=False, default=_plain) + "\n"
