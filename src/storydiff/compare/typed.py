"""Typed values: agreements and conflicts between the aligned dates, numbers and places of two
articles (``compare.finder.agreements``, ``compare.finder.typed_values``), and the order the
pair finders run in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations

from .. import rules
from ..align import ClaimPair, Weights, claims_of, pair_claims
from ..model import AnnotatedArticle
from ..settings import current
from .context import PairContext, _Edge, _passes
from .counts import _same_count_conflicts
from .judges import relation
from .vetoes import CONFLICT_VETOES


def _judge_claims(annotated: Sequence[AnnotatedArticle], canonical: dict[str, str]) -> list[_Edge]:
    articles = {item.id: item.article for item in annotated}
    claims = {item.id: claims_of(item, canonical) for item in annotated}
    persons = {canonical.get(m.text, m.text) for item in annotated for m in item.mentions if m.kind == "person"}
    weights = Weights([c for cs in claims.values() for c in cs])
    edges: list[_Edge] = []
    for left, right in combinations(annotated, 2):
        pairs = pair_claims(claims[left.id], claims[right.id], weights)
        judged = [(p, relation(p.a, p.b)) for p in pairs]
        # Agreements first: a value with a compatible counterpart is never also a conflict.
        compatible_with: dict[int, list[ClaimPair]] = defaultdict(list)
        for pair, found in judged:
            if found in ("same", "compatible") and pair.score >= current().compare.alternative_score:
                compatible_with[id(pair.a)].append(pair)
                compatible_with[id(pair.b)].append(pair)
        context = PairContext(left, right, articles, claims, persons, canonical, weights, judged, set(),
                              compatible_with)
        edges += rules.find("compare.finder.agreements", context)
        edges += rules.find("compare.finder.typed_values", context)
        edges += _same_count_conflicts(claims[left.id], claims[right.id], context.used, weights, context)
        edges += rules.find("compare.finder.inception", context)
    return edges


@rules.register("compare.finder.agreements", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no conflict changes (fired on 16"
                        " read / 10 score pairs); it makes the typed agreements."))
def _agreements(context: PairContext) -> list[_Edge]:
    """Two aligned values that are the same or compatible (score >= 0.45), each value in one
    agreement; a place agreement needs the same event around it."""
    edges = []
    for pair, found in context.judged:
        # The same place named in two loosely related clauses says little; a place
        # agreement needs the same event around it.
        if found in ("same", "compatible") and pair.score >= current().compare.agree_score and (
                pair.a.kind != "place" or pair.head_match):
            if id(pair.a) in context.used or id(pair.b) in context.used:
                continue
            context.used.update((id(pair.a), id(pair.b)))
            edges.append(_Edge(pair, found))
    return edges


@rules.register("compare.finder.typed_values", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read −1 TP (recall 0.86 → 0.71);"
                        " never fired in the score half. Finds the seed pair's date conflict."))
def _typed_value_conflicts(context: PairContext) -> list[_Edge]:
    """Two aligned values of one kind (date, number, place) that cannot both be true, unless a
    veto (``CONFLICT_VETOES``) drops the pair."""
    edges = []
    for pair, found in context.judged:
        if found not in ("conflict", "unresolved-conflict"):
            continue
        passed = _passes(CONFLICT_VETOES, pair, context)
        if passed is None:
            continue
        context.used.update((id(pair.a), id(pair.b)))
        edges.append(_Edge(pair, "conflict", vetoes=passed))
    return edges
