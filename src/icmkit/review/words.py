"""A word diff of two texts: which words were kept, removed and added."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Literal

_TOKENS = re.compile(r"\s+|[^\s]+")

Op = Literal["same", "removed", "added"]

LONG_TEXT = 60
"""Texts at least this long, or with a line break, are compared word by word."""


@dataclass(frozen=True, slots=True)
class WordPart:
    op: Op
    text: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "text": self.text}


def is_long(value: object) -> bool:
    return isinstance(value, str) and (len(value) >= LONG_TEXT or "\n" in value)


def word_diff(before: str, after: str) -> list[WordPart]:
    """The parts of ``after`` and ``before`` in reading order, joined runs of the same op."""
    old = _TOKENS.findall(before)
    new = _TOKENS.findall(after)
    parts: list[WordPart] = []

    def add(op: Op, tokens: list[str]) -> None:
        text = "".join(tokens)
        if not text:
            return
        if parts and parts[-1].op == op:
            parts[-1] = WordPart(op, parts[-1].text + text)
        else:
            parts.append(WordPart(op, text))

    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("same", old[i1:i2])
        else:
            if i2 > i1:
                add("removed", old[i1:i2])
            if j2 > j1:
                add("added", new[j1:j2])
    return _absorb_spaces(parts)


def _absorb_spaces(parts: list[WordPart]) -> list[WordPart]:
    """Whitespace-only kept parts between two changes join the change, so a replaced phrase
    reads as one removal and one addition."""
    result: list[WordPart] = []
    for index, part in enumerate(parts):
        between_changes = (
            part.op == "same"
            and not part.text.strip()
            and 0 < index < len(parts) - 1
            and parts[index - 1].op != "same"
            and parts[index + 1].op != "same"
        )
        if between_changes:
            result.append(WordPart("removed", part.text))
            result.append(WordPart("added", part.text))
        else:
            result.append(part)
    merged: list[WordPart] = []
    removed: list[str] = []
    added: list[str] = []
    for part in result:
        if part.op == "removed":
            removed.append(part.text)
        elif part.op == "added":
            added.append(part.text)
        else:
            if removed:
                merged.append(WordPart("removed", "".join(removed)))
            if added:
                merged.append(WordPart("added", "".join(added)))
            removed, added = [], []
            merged.append(part)
    if removed:
        merged.append(WordPart("removed", "".join(removed)))
    if added:
        merged.append(WordPart("added", "".join(added)))
    return merged
