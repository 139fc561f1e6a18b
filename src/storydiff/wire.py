"""Wire: find copies of the same report (an agency story re-published lightly edited,
re-headlined, trimmed or with a paragraph added), name the likely original, and record what
each re-publisher added and removed.

Candidates come from MinHash LSH over word 4-shingles of the body (rensa: ~250k docs/s
hashing, see docs/dependencies.md); the headline is left out because re-headlining is the
most common edit. Each candidate is then checked exactly: the share of the shorter text's
shingles found in the longer one (containment) must reach ``min_containment``. Containment,
not Jaccard, because a copy trimmed to half its length is still a copy (Jaccard 0.5,
containment 1.0).

The likely original of a group is its earliest published member; undated members, or a tie,
go to the one stored first, the best proxy a stream has for "seen first".
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .model import Article, WireCopy


@dataclass
class WireSettings:
    # 126 permutations in 42 bands of 3 rows: an article pair with Jaccard 0.4 becomes a
    # candidate with probability 0.94, 0.5 with 0.996, 0.1 with 0.04 (1 - (1 - J^3)^42), so
    # trimmed copies keeping half the text are found while unrelated pairs rarely need the
    # exact check.
    num_perm: int = 126
    bands: int = 42
    shingle_words: int = 4
    # Exact check. At 0.6, generated light edits of real articles (trimmed to half, a
    # paragraph added, re-headlined, reordered, 3 % of words changed) are found with pair
    # recall 0.989 and precision 0.996 against same-story reports of other outlets
    # (benchmarks/results/wire.md). The real same-story pairs above 0.5 that were inspected
    # are real copies (DUC AP updates at 0.99, one agency text on several ECB+ sites at 0.78-1.0).
    min_containment: float = 0.6
    seed: int = 1729
    # Copies are looked for among the most recent ``window`` articles indexed. The LSH index
    # costs ~3.5 KB per article (rensa, 42 bands; 349 MB for 100k, measured), so an unbounded
    # index alone would be 3.5 GB at a million articles; wire copies appear within days of the
    # original, far inside 200k articles of a news stream.
    window: int = 200_000


_TOKEN = re.compile(r"\w+")
_SENTENCE = re.compile(r"(?<=[.!?…”\"])\s+(?=[A-Z0-9“\"(])|\n+")


def shingles(text: str, size: int = 4) -> set[str]:
    """Word ``size``-grams of ``text``, case and punctuation folded."""
    words = _TOKEN.findall(text.lower())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def containment(first: set[str], second: set[str]) -> float:
    """Share of the smaller set found in the larger one."""
    if not first or not second:
        return 0.0
    small, large = (first, second) if len(first) <= len(second) else (second, first)
    return len(small & large) / len(small)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(text) if part and part.strip()]


def _norm(sentence: str) -> str:
    return " ".join(_TOKEN.findall(sentence.lower()))


def compare_copy(copy: Article, original: Article, similarity: float | None = None) -> WireCopy[str]:
    """The sentences ``copy`` added to and removed from ``original``."""
    copy_sentences = sentences(copy.text)
    original_sentences = sentences(original.text)
    in_copy = {_norm(s) for s in copy_sentences}
    in_original = {_norm(s) for s in original_sentences}
    if similarity is None:
        similarity = containment(shingles(copy.text), shingles(original.text))
    return WireCopy[str](
        article=copy.id,
        original=original.id,
        similarity=round(similarity, 4),
        added=[s for s in copy_sentences if _norm(s) not in in_original],
        removed=[s for s in original_sentences if _norm(s) not in in_copy],
        title_changed=_norm(copy.title or "") != _norm(original.title or ""),
    )


def _when(article: Article) -> date:
    value = article.published
    if isinstance(value, datetime):
        return value.date()
    return value or date.max


def likely_original(members: Sequence[tuple[int, Article]]) -> int:
    """Index into ``members`` ((store key, article) pairs) of the likely original: earliest
    published, then first stored."""
    return min(range(len(members)), key=lambda i: (_when(members[i][1]), members[i][0]))


def describe_group(members: Sequence[tuple[int, Article]]) -> tuple[int, list[tuple[int, WireCopy[str]]]]:
    """(key of the likely original, [(key, WireCopy)] for every other member)."""
    best = likely_original(members)
    original_key, original = members[best]
    copies = [(key, compare_copy(article, original)) for i, (key, article) in enumerate(members) if i != best]
    return original_key, copies


# fetch(keys) -> {key: (article, wire group or None)} for keys already indexed
Fetch = Callable[[Sequence[int]], Mapping[int, tuple[Article, int | None]]]


class WireDetector:
    """An LSH index of the articles seen so far; ``match`` finds the wire group a new article
    belongs to. Texts are not kept in memory: ``fetch`` reads candidates back from wherever
    the articles live (the store, or a dict for ``storydiff cluster``)."""

    def __init__(self, settings: WireSettings | None = None):
        import rensa

        self.settings = settings or WireSettings()
        self._rensa = rensa
        self._lsh = rensa.RMinHashLSH(threshold=0.5, num_perm=self.settings.num_perm,
                                      num_bands=self.settings.bands)
        self._indexed: deque[tuple[int, object]] = deque()

    def signature(self, article: Article) -> Any:
        """The MinHash of an article's body (``signatures.pack`` stores it as plain integers)."""
        minhash = self._rensa.RMinHash(num_perm=self.settings.num_perm, seed=self.settings.seed)
        minhash.update(sorted(shingles(article.text, self.settings.shingle_words)))
        return minhash

    def index(self, key: int, minhash: Any) -> None:
        self._lsh.insert(key, minhash)
        self._indexed.append((key, minhash))
        if len(self._indexed) > self.settings.window:
            old_key, _ = self._indexed.popleft()
            self._lsh.remove(old_key)

    def match(self, article: Article, minhash: Any, fetch: Fetch) -> tuple[int, float] | None:
        """(key of the most similar indexed copy, containment), or None if it is no copy."""
        candidates = self._lsh.query(minhash)
        if not candidates:
            return None
        mine = shingles(article.text, self.settings.shingle_words)
        best: tuple[int, float] | None = None
        for key, (other, _group) in fetch(candidates).items():
            score = containment(mine, shingles(other.text, self.settings.shingle_words))
            if score >= self.settings.min_containment and (best is None or score > best[1]):
                best = (key, score)
        return best


def wire_groups(articles: Sequence[Article], settings: WireSettings | None = None) -> list[int]:
    """Wire group (index of the group's first article) of every article, in memory."""
    detector = WireDetector(settings)
    groups: list[int] = []

    def fetch(keys: Sequence[int]) -> dict[int, tuple[Article, int | None]]:
        return {key: (articles[key], groups[key]) for key in keys}

    for index, article in enumerate(articles):
        minhash = detector.signature(article)
        found = detector.match(article, minhash, fetch)
        groups.append(groups[found[0]] if found else index)
        detector.index(index, minhash)
    return groups


__all__ = [
    "WireSettings", "WireDetector", "WireCopy", "wire_groups", "describe_group", "compare_copy",
    "likely_original", "shingles", "containment", "sentences",
]
