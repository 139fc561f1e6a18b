"""Claim findings: edges between claims grouped into one conflict or agreement per fact, with
confidence and whether a conflict is likely an update.
"""

from __future__ import annotations

from collections import defaultdict

from ..align import ClaimPair
from ..model import Article, Claim, Finding
from ..settings import current
from .context import _Edge
from .keys import _describe, claim_evidence, fact_key
from .thresholds import UPDATE_CLASSES
from .timing import _timing


def _conflict_confidence(pair: ClaimPair) -> float:
    # Score is at least CONFLICT_SCORE here; shared named entities make it far more
    # likely that the two values are about the same event.
    conflict_score = current().compare.conflict_score
    confidence = 0.5 + 0.4 * min(1.0, (pair.score - conflict_score) / (1 - conflict_score))
    if pair.shared_entities:
        confidence += 0.1
    return round(min(confidence, 0.99), 2)


def _likely_update(pair: ClaimPair, articles: dict[str, Article]) -> tuple[bool, dict | None]:
    a, b = articles[pair.a.article], articles[pair.b.article]
    published = {a.id: _iso(a.published), b.id: _iso(b.published)}
    if pair.a.kind == "date" and _timing(pair.a, pair.b, articles) == "plan":
        return True, published
    if pair.a.kind != "number" or not (a.published and b.published):
        return False, published
    if a.published_date == b.published_date:
        return False, published
    head = pair.a.head
    unit = getattr(pair.a.mention.value, "unit", None)
    return (head in UPDATE_CLASSES or (unit or "") in UPDATE_CLASSES), published


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _claim_key(claim: Claim) -> tuple:
    return (claim.article, claim.mention.field, claim.mention.start, claim.mention.end)


def _group_edges(edges: list[_Edge]) -> list[list[_Edge]]:
    """Edges that share a claim, grouped: with three or more sources one fact is one
    finding ("two say 450 m, one says 300 m"), not one per pair of sources."""
    parent: dict[tuple, tuple] = {}

    def find(key: tuple) -> tuple:
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for edge in edges:
        parent[find(_claim_key(edge.pair.a))] = find(_claim_key(edge.pair.b))
    groups: dict[tuple, list[_Edge]] = defaultdict(list)
    for edge in edges:
        groups[find(_claim_key(edge.pair.a))].append(edge)
    return list(groups.values())


def _claim_findings(edges: list[_Edge], articles: dict[str, Article]) -> list[Finding]:
    findings = []
    conflict_edges = [e for e in edges if e.relation == "conflict"]
    in_conflict = {_claim_key(c) for e in conflict_edges for c in (e.pair.a, e.pair.b)}
    # A claim that says exactly what a conflicting claim says (a wire copy, a second
    # outlet) joins that side of the conflict; a merely compatible one ("nearly 300"
    # beside "297") stays an agreement of its own rather than being drawn into the dispute.
    joined = [e for e in edges if e.relation == "same"
              and (_claim_key(e.pair.a) in in_conflict or _claim_key(e.pair.b) in in_conflict)]
    rest = [e for e in edges if e.relation != "conflict" and e not in joined]
    for group in _group_edges(conflict_edges + joined):
        claims: dict[tuple, Claim] = {}
        for edge in group:
            claims.setdefault(_claim_key(edge.pair.a), edge.pair.a)
            claims.setdefault(_claim_key(edge.pair.b), edge.pair.b)
        evidence = [claim_evidence(c) for c in sorted(claims.values(), key=lambda c: (c.article, c.mention.start))]
        conflicting = [e for e in group if e.relation == "conflict"]
        chosen = max(conflicting, key=lambda e: e.pair.score)
        pair = chosen.pair
        update, published = _likely_update(pair, articles)
        values = " vs ".join(dict.fromkeys(str(e.value) for e in evidence))
        findings.append(Finding(
            id="", type="conflict", kind=pair.a.kind, about=_describe(pair), key=fact_key(pair),
            confidence=max(_conflict_confidence(e.pair) for e in conflicting), evidence=evidence,
            explanation=values, likely_update=update, published=published if update else None,
            rule=chosen.rule, vetoes_passed=list(chosen.vetoes),
        ))
    for group in _group_edges(rest):
        claims = {}
        for edge in group:
            claims.setdefault(_claim_key(edge.pair.a), edge.pair.a)
            claims.setdefault(_claim_key(edge.pair.b), edge.pair.b)
        evidence = [claim_evidence(c) for c in sorted(claims.values(), key=lambda c: (c.article, c.mention.start))]
        chosen = max(group, key=lambda e: e.pair.score)
        best = chosen.pair
        same = all(e.relation == "same" for e in group)
        findings.append(Finding(
            id="", type="agreement", kind=best.a.kind, about=_describe(best), key=fact_key(best),
            confidence=round(min(0.99, best.score), 2), evidence=evidence,
            explanation=("the same value" if same
                         else "compatible values (rounding, range or precision differ)"),
            rule=chosen.rule,
        ))
    return findings
