"""Direct quotes: the quoted regions of a text, paragraph by paragraph, and the reporting verb
(the cue) each one hangs from."""

from __future__ import annotations

from typing import Any

from ..nlp import doc_text
from .indirect import _is_reporting
from .spans import _inside_any, _rstrip
from .vocabulary import _CLOSERS, _MARK, _OPENERS, _TRIPLE, Extent, _Region

# --- direct quotes ---------------------------------------------------------------------


def _quote_regions(text: str) -> list[_Region]:
    """Pair quotation marks paragraph by paragraph.

    A quote left open at the end of a paragraph is closed there and marked ``continued``:
    news style repeats the opening mark on the next paragraph instead of closing the quote.
    """
    regions: list[_Region] = []
    open_at: int | None = None
    closer: str | None = None
    for match in _MARK.finditer(text):
        mark = match.group()
        if mark == "\n":
            if open_at is not None:
                end = _rstrip(text, open_at, match.start())
                if end - open_at > 1:
                    regions.append(_Region(open_at, end, continued=True))
            open_at = closer = None
            continue
        if mark == _TRIPLE:
            # A single quote closing inside a double one ("us,'" + "''") ends both; where
            # nothing is open, the first mark is a single quote and the double one opens.
            if open_at is not None:
                regions.append(_Region(open_at, match.end()))
                open_at = closer = None
            else:
                open_at, closer = match.start() + 1, "''"
            continue
        if mark in _OPENERS:
            open_at, closer = match.start(), _OPENERS[mark]
        elif mark == "''" and open_at is None:
            # Old wire copy uses '' to open as well as to close.
            open_at, closer = match.start(), "''"
        elif mark in _CLOSERS:
            if open_at is not None and (closer == mark or closer == '"' or mark == "\u201d"):
                regions.append(_Region(open_at, match.end()))
                open_at = closer = None
        elif mark == '"':
            if open_at is None:
                open_at, closer = match.start(), '"'
            else:
                regions.append(_Region(open_at, match.end()))
                open_at = closer = None
    if open_at is not None:
        end = _rstrip(text, open_at, len(text))
        if end - open_at > 1:
            regions.append(_Region(open_at, end, continued=True))
    return regions


def _is_speech(tokens: list[Any]) -> bool:
    """Tell a quoted statement from a scare quote or a title: it has a verb and some length.

    Three words without a verb ("a 'stiff'", "the 'Iowa way'") are names or labels, not
    something a person said; they stay inside whatever indirect quote contains them.
    """
    words = [t for t in tokens if not t.is_punct and not t.is_space]
    if len(words) >= 6:
        return True
    return len(words) >= 3 and any(t.pos_ in {"VERB", "AUX"} for t in words)


def _cue_for_region(doc: Any, region: _Region, regions: list[_Region], paragraphs: list[Extent]) -> Any:
    """The reporting verb outside ``region`` that governs it, or the nearest one around it.

    Only verbs of the same paragraph count, apart from a lead-in ending in a colon: the
    parser's sentences often run over paragraph breaks, and a verb in the next paragraph
    introduces the next quote, not this one.
    """
    low, high = _paragraph_of(paragraphs, region.start)
    candidates: list[tuple[int, Any]] = []
    for token in _tokens_between(doc, low, high):
        if not _is_reporting(token) or _inside_any(token.idx, regions):
            continue
        distance = _gap(token, region)
        if _other_quote_between(token, region, regions):
            distance += 1_000
        if _governs(token, region):
            distance -= 10_000
        candidates.append((distance, token))
    lead = doc_text(doc)[:region.start].rstrip()
    if lead.endswith(":"):
        colon = len(lead) - 1
        lead_low, _ = _paragraph_of(paragraphs, colon)
        for token in _tokens_between(doc, lead_low, colon):
            if token.sent.start_char <= colon < token.sent.end_char or token.sent.end_char >= colon - 1:
                if _is_reporting(token) and not _inside_any(token.idx, regions):
                    candidates.append((_gap(token, region) - 5_000, token))
    if not candidates:
        return None
    distance, token = min(candidates, key=lambda pair: pair[0])
    # A verb that does not govern the quote and sits far from it belongs to another clause.
    if distance > 80:
        return None
    return token


def _tokens_between(doc: Any, low: int, high: int) -> Any:
    span = doc.char_span(low, high, alignment_mode="expand") if high > low else None
    return span if span is not None else []


def _other_quote_between(token: Any, region: _Region, regions: list[_Region]) -> bool:
    low, high = sorted((token.idx, region.start if token.idx < region.start else region.end))
    return any(low <= other.start and other.end <= high for other in regions if other is not region)


def _paragraphs(text: str) -> list[Extent]:
    bounds: list[Extent] = []
    position = 0
    for line in text.split("\n"):
        if line.strip():
            bounds.append((position, position + len(line)))
        position += len(line) + 1
    return bounds or [(0, len(text))]


def _paragraph_index(paragraphs: list[Extent], offset: int) -> int:
    for index, (_low, high) in enumerate(paragraphs):
        if offset < high:
            return index
    return len(paragraphs)


def _paragraph_of(paragraphs: list[Extent], offset: int) -> Extent:
    for low, high in paragraphs:
        if low <= offset < high:
            return low, high
    return 0, 0


def _complement_swallows(cue: Any, region: _Region) -> bool:
    """The quote is only part of what the cue reports: 'said the system was "corrupt"'."""
    clauses = [child for child in cue.children if child.dep_ == "ccomp"]
    aside: set[int] = set()
    if cue.dep_ == "parataxis":
        # 'South Carolina, he said, was "where we can win"': the aside's head is the clause.
        aside = set(t.i for t in cue.subtree)
        clauses.append(cue.head)
    for child in clauses:
        subtree = [t for t in child.subtree if t.i not in aside]
        if not any(region.start <= t.idx < region.end for t in subtree):
            continue
        outside = [t for t in subtree if not (region.start <= t.idx < region.end) and not t.is_punct]
        return len(outside) >= 2
    return False


def _governs(token: Any, region: _Region) -> bool:
    """The verb takes the quote as its complement, or the quote's verb takes it as an aside."""
    for child in token.children:
        if region.start <= child.idx < region.end:
            return True
    head = token.head
    return head is not token and region.start <= head.idx < region.end


def _gap(token: Any, region: _Region) -> int:
    if token.idx >= region.end:
        return token.idx - region.end
    return max(region.start - (token.idx + len(token.text)), 0)
