"""Spans: exact character extents of quotes and speakers, closing quotation marks, sentence
indexes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ...model import Field, Span
from .vocabulary import _Region

# --- spans -----------------------------------------------------------------------------


def _trimmed_extent(tokens: Iterable[Any]) -> tuple[int, int]:
    """Character extent of ``tokens`` without edge punctuation, keeping closing quote marks
    and the sentence-final mark inside them, as quotes are usually cited."""
    ordered = sorted(tokens, key=lambda t: t.i)
    while ordered and (ordered[0].is_punct and ordered[0].text not in {"\u201c", '"', "``"}):
        ordered.pop(0)
    while ordered and ordered[-1].is_punct and ordered[-1].text not in {"\u201d", '"', "''"}:
        ordered.pop()
    if not ordered:
        return 0, 0
    return ordered[0].idx, ordered[-1].idx + len(ordered[-1].text)


_CLOSING_TAIL = re.compile(r"[.,!?]*(?:\u201d|\"|'')")


def _close_quote(text: str, start: int, end: int) -> int:
    """Extend a content span over the punctuation and closing mark of a quote it opened:
    'the ruling was "a mistake' becomes 'the ruling was "a mistake."'."""
    inside = text[start:end]
    opened = (
        inside.count("\u201c") > inside.count("\u201d")
        or inside.count('"') % 2 == 1
        or (inside.count("``") + inside.count("''")) % 2 == 1
    )
    if not opened:
        return end
    tail = _CLOSING_TAIL.match(text, end)
    return tail.end() if tail else end


def _extent(tokens: list[Any]) -> tuple[int, int] | None:
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _span(text: str, start: int, end: int, field: Field) -> Span | None:
    if end <= start:
        return None
    return Span(start=start, end=end, text=text[start:end], field=_field(field))


def _field(name: str) -> Field:
    return "title" if name == "title" else "text"


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _inside_any(offset: int, regions: list[_Region], used_only: bool = False) -> bool:
    return any(r.start <= offset < r.end and (r.used or not used_only) for r in regions)


def _sentence_index(starts: list[int], offset: int) -> int:
    index = 0
    for position, start in enumerate(starts):
        if start <= offset:
            index = position
        else:
            break
    return index
