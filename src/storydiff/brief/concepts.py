"""A sentence's concepts (stemmed content words and bigrams, numbers and date words), and
whether another source's sentence says the same thing (``support_score``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..model import Sentence
from ..reference.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, WEEKDAY_NAMES

_WORD = re.compile(r"[a-z0-9]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Words that pin a fact to a value as numbers do: a report of a closure "on Saturday" does
# not support one "on Sunday".
_DATE_WORD = re.compile(
    r"\b(?:" + "|".join((*WEEKDAY_NAMES, *MONTH_NAMES, *MONTH_ABBREVIATIONS, "yesterday", "today", "tomorrow"))
    + r")\b")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS | {"s", "t", "said", "say", "says", "mr", "mrs"})


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _porter().stem(word)


@lru_cache(maxsize=1)
def _porter() -> Any:
    # NLTK's Porter stemmer needs no data download; it is the stemmer ROUGE uses, so a
    # concept counts as covered exactly when the scorer would count it.
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@dataclass
class _Unit:
    """A sentence of one article with its concepts."""

    article: int
    sentence: Sentence
    words: int
    bigrams: frozenset[tuple[str, str]]
    unigrams: frozenset[str]
    numbers: frozenset[str]


def _unit(article: int, sentence: Sentence) -> _Unit:
    stop = _stopwords()
    tokens = _WORD.findall(sentence.text.lower())
    stems = [_stem(t) for t in tokens]
    bigrams = frozenset(
        (a, b) for a, b, x, y in zip(stems, stems[1:], tokens, tokens[1:], strict=False)
        if not (x in stop and y in stop)
    )
    unigrams = frozenset(s for s, t in zip(stems, tokens, strict=True) if t not in stop)
    numbers = frozenset([n.replace(",", "") for n in _NUMBER.findall(sentence.text)]
                        + _DATE_WORD.findall(sentence.text.lower()))
    return _Unit(article, sentence, len(sentence.text.split()), bigrams, unigrams, numbers)


# --------------------------------------------------------------------------------------
# Support: does another source's sentence say the same thing?

# Measured on DUC 2004 (benchmarks/brief.py --support): of 195k random pairs of sentences
# from different stories, 0.009% score >= 0.5 and 0.001% >= 0.6. Within a story, a hand
# reading of same-story pairs (4 clusters, 3 pairs a tenth) found 0.5-0.6 mostly false
# ("The games open Dec. 6." inside a long sentence on a housing estate) and 0.6 and above
# mostly restatements ("Wang was a student leader in the 1989 Tiananmen Square democracy
# demonstrations" / "...in 1989's influential Tiananmen Square democracy movement"). Short
# claims match by accident, hence also at least 3 shared content words. Recall is not
# measured: there is no gold alignment of same-content sentences here.
SUPPORT_THRESHOLD = 0.6
MIN_SHARED_WORDS = 3


def support_score(claim: _Unit, other: _Unit, *, numbers: bool = True) -> float:
    """How much of ``claim``'s content ``other`` states: containment of its content words
    and bigrams; 0 when ``other`` lacks a number ``claim`` gives (that is a different, or a
    conflicting, statement, never support) unless ``numbers`` is off (the timeline matches
    events, whose tolls may differ)."""
    if not claim.unigrams:
        return 0.0
    if numbers and claim.numbers - other.numbers:
        return 0.0
    shared = len(claim.unigrams & other.unigrams)
    if shared < min(MIN_SHARED_WORDS, len(claim.unigrams)):
        return 0.0
    unigram = shared / len(claim.unigrams)
    bigram = len(claim.bigrams & other.bigrams) / len(claim.bigrams) if claim.bigrams else unigram
    return 0.5 * unigram + 0.5 * bigram
