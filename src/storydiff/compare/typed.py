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
from ..model import AnnotatedArticle, Claim
from ..settings import current
from .context import PairContext, _Edge, _passes
from .counts import _same_count_conflicts
from .judges import relation
from .propositions import AGREEMENTS_EFFECT
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
            # Not reported when the two are not one value of one fact, but still used: a value
            # with a compatible counterpart is never also a conflict (the conflicts stay as they were).
            if _not_one_value(pair, found, context):
                continue
            edges.append(_Edge(pair, found))
    return edges


rules.define("compare.judge.same_speaker", "compare.judge",
             "The day or place of a statement is its speaker's: a date or place agreement between two "
             "statements needs one speaker named on both sides (\"Ardent announced Friday\" / \"on Friday, "
             "she said\" agree on nothing) (compare.propositions.different_speakers).",
             effect=AGREEMENTS_EFFECT)
rules.define("compare.judge.vague_agreement", "compare.judge",
             "Two figures that are both approximations or bounds (\"more than 75 percent\" / \"close to 90 "
             "percent\") do not state one value: no agreement, unless one side is an exact figure the other "
             "covers (\"nearly 300\" / \"297\").",
             effect=AGREEMENTS_EFFECT)


rules.define("compare.judge.place_of_event", "compare.judge",
             "A place named only as someone's or something's (\"Arland's prime minister\", \"Arland's "
             "northern province\") or as one item of an enumeration (\"Arland, Bresca and Corvo\") is not "
             "where a reported event happened: two such mentions are no place agreement.",
             effect=AGREEMENTS_EFFECT)


def _not_one_value(pair: ClaimPair, found: str, context: PairContext) -> bool:
    """Whether an aligned pair of compatible values is not one value of one fact: two vague
    figures (``compare.judge.vague_agreement``), or the date or place of two speakers'
    statements (``compare.judge.same_speaker``)."""
    from ..model import Quantity
    from .propositions import different_speakers, value_predicate

    a, b = pair.a.mention.value, pair.b.mention.value
    if (found == "compatible" and isinstance(a, Quantity) and isinstance(b, Quantity)
            and rules.enabled("compare.judge.vague_agreement")
            and not any(v.exact is not None and not v.approximate and v.low == v.high for v in (a, b))):
        rules.fired("compare.judge.vague_agreement")
        return True
    items = {context.left.id: context.left, context.right.id: context.right}
    if pair.a.kind == "place" and rules.enabled("compare.judge.place_of_event") and all(
            _placed_nowhere(claim, items) for claim in (pair.a, pair.b)):
        rules.fired("compare.judge.place_of_event")
        return True
    if pair.a.kind not in ("date", "place") or not rules.enabled("compare.judge.same_speaker"):
        return False
    predicates = []
    for claim in (pair.a, pair.b):
        item = items.get(claim.article)
        doc = None if item is None else item.doc if claim.mention.field == "text" else item.title_doc
        found_predicate = None if doc is None else value_predicate(doc, claim.mention.start, claim.mention.end,
                                                                   context.canonical)
        if found_predicate is None:
            return False  # no verb around the value: no verdict
        predicates.append(found_predicate)
    if different_speakers(*predicates) is not None:
        rules.fired("compare.judge.same_speaker")
        return True
    return False


def _placed_nowhere(claim: Claim, items: dict[str, AnnotatedArticle]) -> bool:
    """Whether a place is named only as a possessor ("Arland's province") or as an item of an
    enumeration (``facts.list_member``), not as where something happened."""
    from .facts import list_member

    sentence, mention = claim.sentence, claim.mention
    if list_member(sentence.text, mention.start - sentence.start, mention.end - sentence.start):
        return True
    item = items.get(claim.article)
    doc = None if item is None else item.doc if mention.field == "text" else item.title_doc
    span = None if doc is None else doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "poss"


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
