"""Substitution: a noun or adjective put where the window has one WordNet does not relate to it."""

from __future__ import annotations

from typing import Any

from ..settings import current
from .windows import _in_text, _Window

# In a sentence that restates its window (``RESTATES``), one word put in place of another is
# an edit however the source uses the new word elsewhere ("emergency stock buying" for
# "emergency bond buying"), and WordNet siblings ("bond"/"stock", "brother"/"sister") are
# not paraphrases. SummEdits news dev: balanced accuracy 68.8 -> 70.3 (half A 65.7 -> 66.7,
# half B 71.3 -> 73.1), no consistent summary newly flagged; the same from coverage 0.5 to
# 0.6, 69.9 at 0.8.
SUBSTITUTED_POS = frozenset({"NOUN", "ADJ"})


def _same_stem(a: str, b: str) -> bool:
    """Whether two words share a stem of at least seven letters ("connectivity" /
    "connection"): derivations WordNet does not list. Seven, not six: "investor" and
    "investigation" share six."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 7


def _content(token: Any) -> bool:
    return token.pos_ in SUBSTITUTED_POS and token.is_alpha and not token.is_stop


def _substitution(mine: list[Any], theirs: list[Any], window: _Window, derived_lemmas: set[str],
                  source_text: str, source_lemmas: set[str]) -> tuple[Any, Any] | None:
    """(derived word, source word) where a derived content word stands in the place of a
    source word of the same part of speech that the derived sentence drops, and WordNet
    knows both and relates them in no way: not a synonym, a broader or narrower word, a
    sibling or a derivation ("library" -> "prison"). A word the source uses anywhere, or one
    related to any word of the window, is a paraphrase ("buses" -> "coaches"); so is one of
    the same stem (``_same_stem``: "connectivity" for "connection", a false alarm on
    SummEdits news dev)."""
    from ..annotate.lexicon import related

    close = window.coverage >= current().verify.restates
    steps = 1 if close else 2
    window_lemmas = {t.lemma_.lower() for t in window.source}
    for token in mine:
        lemma = token.lemma_.lower()
        if not _content(token) or lemma in window_lemmas:
            continue
        if not close and (lemma in source_lemmas or _in_text(token.lower_, source_text)):
            continue
        replaced = [t for t in theirs if _content(t) and t.pos_ == token.pos_
                    and t.lemma_.lower() not in derived_lemmas]
        if not replaced:
            continue
        judged = [related(lemma, t.lemma_.lower(), token.pos_, steps) for t in replaced]
        if any(judged):
            continue
        if any(_same_stem(lemma, t.lemma_.lower()) for t in replaced):
            continue
        # In a loose restatement the alignment may have put the edit in the wrong place:
        # a word related to any word of the window is taken for a paraphrase of it.
        if not close and any(related(lemma, t.lemma_.lower(), token.pos_, steps) for t in window.source
                             if _content(t) and t.pos_ == token.pos_):
            continue
        return token, replaced[0]
    return None
