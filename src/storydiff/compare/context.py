"""What compare's rules read (a story, a pair of articles) and what a finder of typed values
returns (edges between claims), with the veto runner ``_passes``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .. import rules
from ..align import ClaimPair, Weights
from ..model import AnnotatedArticle, Article, Claim


@dataclass
class _Edge:
    pair: ClaimPair
    relation: str
    # Provenance: the finder that made the edge and the vetoes it passed (rules.py).
    rule: str | None = None
    vetoes: tuple[str, ...] = ()


@dataclass
class StoryContext:
    """What a story-level finder reads: the annotated articles of one story and the
    canonical form of each name."""

    annotated: Sequence[AnnotatedArticle]
    canonical: dict[str, str]


@dataclass
class PairContext:
    """What a veto or a finder of typed values reads about two articles of one story: their
    claims, the candidate pairs with their relations, the claims already placed in a finding
    (``used``, by ``id``) and the compatible counterparts of each claim (``compatible_with``)."""

    left: AnnotatedArticle
    right: AnnotatedArticle
    articles: dict[str, Article]
    claims: dict[str, list[Claim]]
    persons: set[str]
    canonical: dict[str, str]
    weights: Weights
    judged: list[tuple[ClaimPair, str]]
    used: set[int]
    compatible_with: dict[int, list[ClaimPair]]


def _passes(names: Sequence[str], pair: object, context: object) -> tuple[str, ...] | None:
    """The vetoes of ``names`` that were asked and passed, or None when one dropped the pair
    (a switched-off veto is not asked)."""
    passed = []
    for name in names:
        if not rules.enabled(name):
            continue
        if rules.veto(name, pair, context):
            return None
        passed.append(name)
    return tuple(passed)
