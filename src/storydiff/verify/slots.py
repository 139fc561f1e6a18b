"""Anchored slots: a derived word between the neighbours of another source word that is its
opposite or another number.
"""

from __future__ import annotations

from typing import Any

from ..model import AnnotatedArticle, Sentence
from .edits import _NUMBER_PATTERN
from .opposites import opposite_words
from .result import _Judgement
from .windows import _in_text, _sentence_tokens, _token_evidence

# ---------------------------------------------------------------------------------------
# Anchored slots: one word of a derived sentence between the words that surround another word
# somewhere in the source ("allowed to [keep] TikTok on" / "ordered to [remove] TikTok from").
# A summary reorders and merges its source's clauses, so the window of a sentence often
# aligns only its stop words and leaves each edited word inside a long differing stretch;
# the words around an edited word still pin down the source word it replaced.

_ARTICLES = frozenset({"a", "an", "the"})
_SLOT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "NUM"})


def _slot_key(token: Any) -> str:
    return token.lemma_.lower()


def _slot_index(units: list[tuple[Sentence, list[Any]]]) -> dict[tuple[str, ...], list[tuple[Any, str]]]:
    """Context keys of every source word (articles left out, so "a gunman" and "the gunman"
    are one context): (left, right), (right, right+1) and (left-1, left), each with "<" or
    ">" marking the side."""
    index: dict[tuple[str, ...], list[tuple[Any, str]]] = {}
    for sentence, words in units:
        tokens = [t for t in words if t.lower_ not in _ARTICLES]
        keys = [_slot_key(t) for t in tokens]
        for j, token in enumerate(tokens):
            contexts = []
            if 0 < j < len(tokens) - 1:
                contexts.append(("<>", keys[j - 1], keys[j + 1]))
            if j < len(tokens) - 2:
                contexts.append((">>", keys[j + 1], keys[j + 2]))
            if j > 1:
                contexts.append(("<<", keys[j - 2], keys[j - 1]))
            for context in contexts:
                index.setdefault(context, []).append((token, sentence.field))
    return index


def _slot_contexts(tokens: list[Any], i: int) -> list[tuple[tuple[str, ...], list[Any]]]:
    keys = [_slot_key(t) for t in tokens]
    found: list[tuple[tuple[str, ...], list[Any]]] = []
    if 0 < i < len(tokens) - 1:
        found.append((("<>", keys[i - 1], keys[i + 1]), [tokens[i - 1], tokens[i + 1]]))
    if i < len(tokens) - 2:
        found.append(((">>", keys[i + 1], keys[i + 2]), tokens[i + 1:i + 3]))
    if i > 1:
        found.append((("<<", keys[i - 2], keys[i - 1]), tokens[i - 2:i]))
    return found


def _slot_kind(token: Any, other: Any) -> str | None:
    """What putting ``token`` where the source has ``other`` changes, or None if nothing.

    Only opposites and numbers: an unrelated word of the same part of speech in the slot
    (the substitution rule of the window edits) flagged 2 consistent summaries for 3
    inconsistent ones on half A of SummEdits news dev, and 50 consistent summaries on half
    B, whose paraphrases WordNet relates less often ("address"/"fix", "peer"/"probe")."""
    if opposite_words(token, other):
        return "antonym"
    if token.like_num or other.like_num:
        if token.like_num and other.like_num and _NUMBER_PATTERN.fullmatch(token.text) \
                and _NUMBER_PATTERN.fullmatch(other.text):
            return "number"
        return None
    # Names are compare's and the edit rules' business (a slot is too little to tell a
    # different name from another part of the same one), and other words are judged by the
    # window's substitution rule.
    return None


def _slot_substitutions(source: AnnotatedArticle, derived: AnnotatedArticle, source_text: str,
                        source_lemmas: set[str]) -> list[_Judgement]:
    """Derived words the source never uses, each anchored where the source has another word
    between the same two neighbours (at least one of them a content word), and judged
    against it: an opposite or another number (``_slot_kind``)."""
    index = _slot_index(_sentence_tokens(source))
    judgements = []
    for sentence, words in _sentence_tokens(derived):
        tokens = [t for t in words if t.lower_ not in _ARTICLES]
        sentence_lemmas = {_slot_key(t) for t in tokens}
        for i, token in enumerate(tokens):
            # spaCy counts "three" as a stop word.
            if token.pos_ not in _SLOT_POS or not token.text[0].isalnum() or token.is_stop and not token.like_num \
                    or _slot_key(token) in source_lemmas or _in_text(token.lower_, source_text):
                continue
            for context, neighbours in _slot_contexts(tokens, i):
                # The neighbour next to the slot, or one of the two around it, must be a content
                # word: "ordered to [spend]" and "ordered to [keep]" share only "to" in place.
                adjacent = (neighbours if context[0] == "<>"
                            else neighbours[:1] if context[0] == ">>" else neighbours[1:])
                if all(n.is_stop or not n.is_alpha for n in adjacent):
                    continue
                candidates = [(other, field_name) for other, field_name in index.get(context, [])
                              if _slot_key(other) not in sentence_lemmas]
                judged = [(other, field_name, _slot_kind(token, other)) for other, field_name in candidates]
                # Any source word in that slot that the derived word may stand for clears it.
                if not judged or any(kind is None for _, _, kind in judged):
                    continue
                other, field_name, kind = judged[0]
                ev_source = _token_evidence(source.id, field_name, [other])
                ev_derived = _token_evidence(derived.id, sentence.field, [token])
                judgements.append(_Judgement(
                    "contradicted", kind, [ev_source, ev_derived],
                    f"{kind}: the source has {other.text!r} between the same words "
                    f"({' '.join(n.text for n in neighbours)}), the derived text {token.text!r}", 0))
                break
    return judgements
