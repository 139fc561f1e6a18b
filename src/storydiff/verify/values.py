"""Values: each derived date, number or place against the source's values
(``verify.check.same_value``, ``conflicting_value``, ``part_of_day``, ``unstated_value``).
"""

from __future__ import annotations

import re

from .. import rules
from ..align import ClaimPair, Weights, claims_of, pair_claims
from ..compare import claim_evidence, relation
from ..model import AnnotatedArticle, Claim, Timex
from ..settings import current
from .result import _Judgement


def _placed(claim: Claim) -> bool:
    """Whether a value is fully resolved: a calendar date, a number; not "Thursday" with no
    publication date to place it."""
    value = claim.mention.value
    if isinstance(value, Timex):
        # A calendar date, or a duration with a figure ("P3W"); not "PAST_REF" ("recently")
        # nor "PXW" ("in recent weeks"), which no source would state in the same words.
        return value.value[:4].isdigit() or re.fullmatch(r"P(T?\d[\dA-Z.]*)", value.value) is not None
    return value is not None


_PART_OF_DAY = re.compile(r"(.+)T(MO|AF|EV|NI|DT)")


def _other_part_of_day(claim: Claim, source_claims: list[Claim]) -> Claim | None:
    """A source time on the same day as a derived one in another part of it ("Thursday
    morning" / "Thursday afternoon"), where the source never puts anything in the derived
    part of that day. Whether or not the weekday can be placed on the calendar, the two
    cannot both be when one thing happened. SummEdits news dev: 2 inconsistent summaries
    more, no consistent one."""
    value = claim.mention.value
    found = _PART_OF_DAY.fullmatch(value.value) if isinstance(value, Timex) else None
    if found is None:
        return None
    others = []
    for other in source_claims:
        other_value = other.mention.value
        match = _PART_OF_DAY.fullmatch(other_value.value) if isinstance(other_value, Timex) else None
        if match is None or match.group(1) != found.group(1):
            continue
        if match.group(2) == found.group(2):
            return None
        others.append(other)
    return others[0] if others else None


def _claim_judgements(source: AnnotatedArticle, derived: AnnotatedArticle,
                      canonical: dict[str, str]) -> list[tuple[Claim, _Judgement]]:
    """Each derived value (date, number, place) against the source's values."""
    source_claims = claims_of(source, canonical)
    derived_claims = claims_of(derived, canonical)
    weights = Weights(source_claims + derived_claims)
    pairs = pair_claims(derived_claims, source_claims, weights, minimum=0.0)
    by_claim: dict[int, list[ClaimPair]] = {}
    for pair in pairs:
        by_claim.setdefault(id(pair.a), []).append(pair)
    stated: dict[str, set[str]] = {}
    for source_claim in source_claims:
        stated.setdefault(source_claim.kind, set()).add(source_claim.mention.text.lower())
    judged = []
    for claim in derived_claims:
        candidates = by_claim.get(id(claim), [])
        agreeing = [p for p in candidates if relation(p.a, p.b) in ("same", "compatible")]
        if agreeing:
            best = agreeing[0]
            judged.append((claim, _Judgement("supported", None, [claim_evidence(best.b)], "the same value", 2,
                                             "verify.check.same_value")))
            continue
        if rules.veto("verify.veto.stated_value", claim, stated):
            continue
        threshold = current().verify.contradict_score
        conflicting = [p for p in candidates if p.score >= threshold and relation(p.a, p.b) == "conflict"]
        if conflicting:
            best = conflicting[0]
            judged.append((claim, _Judgement(
                "contradicted", claim.kind, [claim_evidence(best.b), claim_evidence(claim)],
                f"{claim.kind}: source says {best.b.mention.text!r}, derived says {claim.mention.text!r}", 0,
                "verify.check.conflicting_value")))
            continue
        other_part = _other_part_of_day(claim, source_claims)
        if other_part is not None:
            judged.append((claim, _Judgement(
                "contradicted", "date", [claim_evidence(other_part), claim_evidence(claim)],
                f"date: source says {other_part.mention.text!r}, derived says {claim.mention.text!r}", 0,
                "verify.check.part_of_day")))
            continue
        if not _placed(claim):
            # A weekday or "yesterday" with no publication date to resolve it against:
            # nothing to hold against the source.
            continue
        judged.append((claim, _Judgement(
            "not_mentioned", claim.kind, [claim_evidence(claim)],
            f"the source never states {claim.mention.text!r}", 1, "verify.check.unstated_value")))
    return judged


@rules.register("verify.veto.stated_value", "verify.veto",
                effect="SummEdits news dev, leave-one-out: fired on 31 read / 76 score pairs; "
                       "strict balanced accuracy +0.0 read, +3.1 score")
def _stated_value(claim: Claim, stated: dict[str, set[str]]) -> bool:
    """A derived value the source states in the same words, as a value of the same kind, is
    not contradicted by another of the source's values that the pairing prefers.

    Whichever of its values the claim pairing prefers, the derived text restates one the
    source has. On SummEdits news dev this held for all 20 date "conflicts" of consistent
    summaries (a weekday of one event paired with the weekday of another). Only a value of
    the same kind counts: "six" killed is not stated by "six feet"."""
    return claim.mention.text.lower() in stated.get(claim.kind, ())
