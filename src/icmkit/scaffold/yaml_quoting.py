"""Quoting user text for YAML templates: a double-quoted scalar that loads back exactly."""

from __future__ import annotations

from typing import Final

_ESCAPES: Final[dict[str, str]] = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\0": "\\0",
}


def _printable(char: str) -> bool:
    """Characters YAML allows as they are inside a double-quoted scalar (no line breaks)."""
    code = ord(char)
    if code in (0x85, 0x2028, 0x2029, 0xFEFF):
        return False
    return (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def yaml_quote(value: object) -> str:
    """``value`` as a YAML double-quoted scalar: ``Acme: "West" #1`` -> ``"Acme: \\"West\\" #1"``.

    Quotes and backslashes are escaped, and so is every character YAML would not keep as it
    is (control characters, line and paragraph separators), so the text loads back unchanged.
    """
    text = str(value)
    out: list[str] = ['"']
    for char in text:
        escaped = _ESCAPES.get(char)
        if escaped is not None:
            out.append(escaped)
        elif _printable(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)
