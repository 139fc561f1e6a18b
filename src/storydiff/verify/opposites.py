"""Opposite words: whether two words in the same place of two sentences are opposites (WordNet's
antonyms, a short closed-class list, a negating prefix).
"""

from __future__ import annotations

from typing import Any

# Opposites are read from WordNet (``annotate.lexicon.antonyms``), which was not written
# while looking at any dev edit. This list keeps only closed-class words WordNet has no
# antonyms for (prepositions, particles, comparatives, quantifiers). It used to hold some 80
# pairs of news verbs and nouns as well ("arrest"/"release", "confirm"/"deny"); WordNet has
# 55 of them. Dropping the other 29 cost one inconsistent summary of 232 on SummEdits news
# dev (balanced accuracy 69.0 -> 68.8, benchmarks/verify.py): the list was partly written
# with those edits in view, so its figure was the optimistic one.
_OPPOSITE_PAIRS = """
before after | up down | above below | over under | inside outside | upper lower
higher lower | more less | more fewer | most least | first last
""".strip()
OPPOSITES: dict[str, frozenset[str]] = {}
for _pair in _OPPOSITE_PAIRS.replace("\n", "|").split("|"):
    _left, _right = _pair.split()
    OPPOSITES[_left] = OPPOSITES.get(_left, frozenset()) | {_right}
    OPPOSITES[_right] = OPPOSITES.get(_right, frozenset()) | {_left}


def _opposites(token: Any) -> frozenset[str]:
    """Lemmas opposite to a token's: the closed-class list, and WordNet in its part of speech."""
    from ..annotate.lexicon import antonyms

    lemma = token.lemma_.lower()
    return OPPOSITES.get(lemma, frozenset()) | antonyms(lemma, token.pos_)


# Prefixes that make an adjective or participle its opposite ("crewed"/"uncrewed",
# "surprising"/"unsurprising", "legal"/"illegal"). Only for adjectives and participles: on
# verbs they make other words ("dis-close", "im-pose").
_NEGATING_PREFIXES = ("un", "in", "im", "il", "ir", "dis", "non", "non-")


def _prefix_opposite(a: Any, b: Any) -> bool:
    if not all(t.pos_ in ("ADJ", "ADV") or t.tag_ in ("VBN", "VBG") for t in (a, b)):
        return False
    x, y = a.lower_, b.lower_
    short, long = (x, y) if len(x) < len(y) else (y, x)
    return len(short) >= 4 and any(long == prefix + short for prefix in _NEGATING_PREFIXES)


def opposite_words(a: Any, b: Any) -> bool:
    """Whether two spaCy tokens that stand in the same place of two near-identical token
    sequences are opposites: by the lexicons (lemmas) or by a negating prefix."""
    la, lb = a.lemma_.lower(), b.lemma_.lower()
    if la == lb:
        return False
    return lb in OPPOSITES.get(la, ()) or b.lower_ in OPPOSITES.get(a.lower_, ()) \
        or _prefix_opposite(a, b) or _wordnet_opposite(a, b)


def _wordnet_opposite(a: Any, b: Any) -> bool:
    """Direct antonyms in WordNet, in the same part of speech ("rise"/"fall",
    "guilty"/"innocent", "accept"/"reject")."""
    from ..annotate.lexicon import antonyms

    if a.pos_ != b.pos_:
        return False
    la, lb = a.lemma_.lower(), b.lemma_.lower()
    return lb in antonyms(la, a.pos_) or la in antonyms(lb, b.pos_)
