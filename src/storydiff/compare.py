"""Compare: what the sources of one story agree on, where they conflict, what only one says.

Input: cleaned ``Article`` objects of one story. Output: a ``Comparison`` whose findings
each carry exact evidence spans in every article involved.

The judgement is typed: two aligned dates conflict only if their TIMEX3 values cannot both
be true ("2021-09" vs "2021-04"; not "1999" vs "1999-04"), two quantities if their
intervals are disjoint or one is a floor that is not the other rounded down ("at least 12"
vs "15" are two tallies; "more than 200" vs "212" one), two places only if neither contains the
other (not "Kasur" vs "Punjab"), two names only if one is a near-miss spelling of the other
and not a standard variant. Where a source states a value compatible with the other
source's, the pair is an agreement, however many other values the sentence holds.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from itertools import combinations, permutations

from .align import (
    EVENT_CLASS_NAMES,
    ClaimPair,
    Weights,
    claims_of,
    pair_claims,
    sentence_terms,
)
from .annotate import annotate_articles
from .clean import clean_article
from .dating import infer_published
from .errors import NotEnoughArticles
from . import rules
from .ingest import article_length_problem, read_articles
from .language import language_warnings
from .polarity import denial_conflicts, kin_age_conflicts
from . import rules
from .model import (
    AnnotatedArticle,
    Article,
    Claim,
    Comparison,
    Evidence,
    FactKey,
    Finding,
    Mention,
    Series,
    SeriesPoint,
    Quantity,
    Timex,
)
from .settings import Settings, default_settings

# Thresholds on the claim-pair score (align.pair_claims: 0.6 weighted clause overlap +
# 0.25 same event head + 0.15 shared entities). Chosen on the seed pair and the
# discrepancies dev set (benchmarks/pairs.py); a conflict needs more than an agreement
# because a false alarm costs a fact-checker more than a missed corroboration.
AGREE_SCORE = 0.45
CONFLICT_SCORE = 0.6
PLACE_CONFLICT_SCORE = 0.75
# Two undated reports that put one event on different weekdays ("voted on Wednesday" /
# "voted on Thursday") cannot be placed in a week, so only a close match of the event
# makes them the same occasion.
UNRESOLVED_CONFLICT_SCORE = 0.7
# "two senators" vs "three senators": small counts name many subsets in one story.
SMALL_COUNT_SCORE = 0.8
# A competing reading counts as an alternative if it aligns at least this well.
ALTERNATIVE_SCORE = 0.35
# Sentence cosine (TF-IDF over content lemmas) above which two sentences corroborate each
# other, and below which a sentence has no counterpart at all. Read on the seed pair: paraphrases
# of one fact across two outlets score 0.33-0.39, different facts on one topic 0.18-0.29.
STATEMENT_AGREE = 0.33
STATEMENT_UNIQUE = 0.2
STATEMENT_MIN_TERMS = 3
# Two single figures for the same counted noun conflict only if within this ratio and
# at least this large (read on BASIL: "two senators" vs "three senators" were different
# subsets every time).
COUNT_RATIO = 1.5
COUNT_MINIMUM = 10
# Names: spelling-variant score above which two names are taken as one name spelt two ways.
SPELLING_VARIANT = 0.8

UPDATE_CLASSES = {"death", "injury", "missing", "arrest", "evacuate"}
ENTITY_NAME_KINDS = {"person", "org", "facility", "product", "event", "law", "work"}


def relation(a: Claim, b: Claim) -> str:
    """"same" | "compatible" | "conflict" | "unknown" for the values of two claims, or
    "unresolved-conflict" for dates that conflict only if they are in the same week."""
    va, vb = a.mention.value, b.mention.value
    if isinstance(va, Timex) and isinstance(vb, Timex):
        from .annotate.temporal import compare_timex

        if va.type == vb.type == "DURATION" and _duration_unit(va.value) != _duration_unit(vb.value) \
                and _judged("compare.judge.duration_unit"):
            # "three weeks" and "nearly an hour" measure different things; nobody rounds
            # a week to an hour, so only same-unit durations can disagree.
            return "unknown"
        found = compare_timex(va, vb)
        # An unresolved value ("Tuesday" in a report with no date: XXXX-WXX-2) may be any
        # week: two of them contradict each other only if they date the same occasion,
        # which the caller judges from how closely the two claims align.
        if found == "conflict" and ("X" in va.value or "X" in vb.value):
            return "unresolved-conflict"
        return found
    if isinstance(va, Quantity) and isinstance(vb, Quantity):
        from .annotate.quantities import compare_quantities

        # "$22 million per season" and "$150 million" over seven years, "another 22
        # countries" and "25 countries": a rate and a total, a part and a whole, are
        # two amounts.
        if _is_rate(a) != _is_rate(b) and _judged("compare.judge.rate"):
            return "unknown"
        if _scope(a) != _scope(b) and _judged("compare.judge.increment"):
            return "unknown"
        found = compare_quantities(va, vb)
        if found == "conflict" and _rounds_to(a.mention.text, va, b.mention.text, vb) \
                and _judged("compare.judge.rounding"):
            return "compatible"
        if found == "compatible" and (_bound_differs(a.mention.text, va, vb)
                                      or _bound_differs(b.mention.text, vb, va)) \
                and _judged("compare.judge.floor"):
            return "conflict"
        if found == "compatible" and rules.enabled("compare.judge.floors_differ") \
                and _floors_differ(a.mention.text, va, b.mention.text, vb):
            rules.fired("compare.judge.floors_differ")
            return "conflict"
        return found
    if a.kind == "place" and b.kind == "place":
        from .annotate.places import place_relation

        found = place_relation(_expand_place(a.mention.text), _expand_place(b.mention.text))
        return {"same": "same", "contains": "compatible", "within": "compatible",
                "different": "conflict"}.get(found, "unknown")
    return "unknown"


def _judged(name: str) -> bool:
    """Whether the judge ``name`` is on, recording that it decided when it is."""
    if rules.enabled(name):
        rules.fired(name)
        return True
    return False


rules.define("compare.judge.duration_unit", "compare.judge",
             "Durations in different units (\"three weeks\" / \"nearly an hour\") measure different things: "
             "their relation is unknown, never a conflict.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no change (fired on 1 read / 2 "
                     "score pairs)."))
rules.define("compare.judge.rate", "compare.judge",
             "A rate and a total (\"$22 million per season\" / \"$150 million\") are two amounts: their "
             "relation is unknown.",
             effect=("Never fired on the dev pairs (41). Other sets −1 false alarm when added "
                     "(docs/compare.md, first round)."))
rules.define("compare.judge.increment", "compare.judge",
             "An increment and a whole (\"another 22 countries\" / \"25 countries\") are two amounts: their "
             "relation is unknown.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no change (2 score pairs). Other "
                     "sets −1 false alarm when added (docs/compare.md, first round)."))
rules.define("compare.judge.rounding", "compare.judge",
             "The coarser of two exact figures that is the finer one rounded (\"36 percent\" / \"35.7 "
             "percent\") is compatible with it, not a conflict.",
             effect='Dev pairs, rule off (benchmarks/pairs.py --ablate): no change (1 read pair).')
rules.define("compare.judge.floor", "compare.judge",
             "A floor (\"at least 12 dead\") against a larger figure it is not a rounding down of (\"15 "
             "killed\") is two tallies: a conflict, though compatible read literally.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): score −1 TP (recall 0.80 → 0.60); "
                     "never fired in the read half."))


_RATE = re.compile(
    r"[\s,]*(?:(?:per|a|an|each|every)\s+(?:year|season|month|week|day|night|hour|minute|game|match|"
    r"person|head|capita|share|barrel|episode|unit|member|household|student|child|worker|employee)s?\b"
    r"(?!\s+(?:ago|earlier|later|before|after))"
    r"|per\s+\w+|annually\b|yearly\b|apiece\b|each\b|a\s+piece\b)",
    re.IGNORECASE)


_INCREMENT_BEFORE = re.compile(r"\b(?:another|an\s+additional|a\s+further|additional)\s*$", re.IGNORECASE)
_INCREMENT_AFTER = re.compile(r"\s+(?:more|other|others|additional|further|extra)\b", re.IGNORECASE)


def _scope(claim: Claim) -> str:
    """What part of a count a figure gives: "increment" ("another 22 countries", "five
    more people", "12 other ships") or "whole"."""
    sentence, mention = claim.sentence, claim.mention
    before = sentence.text[:mention.start - sentence.start]
    after = sentence.text[mention.end - sentence.start:]
    if _INCREMENT_BEFORE.search(before) or _INCREMENT_AFTER.match(after):
        return "increment"
    return "whole"


def _is_rate(claim: Claim) -> bool:
    """Whether a quantity is given per something ("$22 million per season", "$5 a
    share", "200 a day"), read from the words right after it."""
    sentence, mention = claim.sentence, claim.mention
    after = sentence.text[mention.end - sentence.start:]
    return bool(_RATE.match(after))


@lru_cache(maxsize=1)
def _ap_state_names() -> dict[str, str]:
    import us

    return {state.ap_abbr: state.name for state in us.states.STATES_AND_TERRITORIES if state.ap_abbr}


def _expand_place(name: str) -> str:
    """US state abbreviations in news style ("Ill.", "Fla.") to their names."""
    return _ap_state_names().get(name.strip(), name)


def _duration_unit(value: str) -> str:
    return value[-1:] if value.startswith("P") else ""


def _approximate_date(claim: Claim) -> bool:
    """"A century ago", "decades ago", "about a year ago": a reckoning, not a date that a
    precise one can contradict."""
    text = claim.mention.text.lower()
    return "ago" in text.split() or any(word in text for word in ("century", "decade", "about", "around"))


def _after_publication(claim: Claim, other: Article) -> bool:
    """Whether a date claim falls after the other article was published: that report
    could not have known of it, so a different date there is an earlier event of the same
    kind (the previous meeting), not a contradiction."""
    value = getattr(claim.mention.value, "value", "")
    published = other.published_date
    if not published or not value[:4].isdigit():
        return False
    return value[:10] > published.isoformat()[: len(value[:10])]


def _timing(a: Claim, b: Claim, articles: dict[str, Article]) -> str | None:
    """How the publication dates of two reports bear on two different dates they give
    for one event: "plan" when one report dates a still-coming event ("the House is
    expected to vote on Thursday") and the other dates it on or after that report was
    written ("the House voted on Wednesday"): the plan changed, a conflict and an update;
    "apart" when one date falls after the other report was published (that report could
    not have known of it: an earlier event of the same kind, the previous meeting), or a
    planning report is set against a date before it was written (which it knew of); None
    when neither applies."""
    for planned, done in ((a, b), (b, a)):
        own = articles[planned.article].published_date
        value = getattr(done.mention.value, "value", "")
        if own is None or not value[:4].isdigit() or not _after_publication(planned, articles[planned.article]):
            continue
        return "plan" if value[:10] >= own.isoformat()[: len(value[:10])] else "apart"
    if _after_publication(a, articles[b.article]) or _after_publication(b, articles[a.article]):
        return "apart"
    return None


_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _precision(text: str) -> int | None:
    """Decimal places a figure is written to; negative for round integers ("230" -> -1,
    "2,000" -> -3), None when the figure is not written in digits."""
    match = _DIGITS.search(text)
    if not match:
        return None
    digits = match.group(0).replace(",", "")
    if "." in digits:
        return len(digits.split(".")[1])
    return -(len(digits) - len(digits.rstrip("0"))) if digits.strip("0") else 0


def _rounds_to(text_a: str, a: Quantity, text_b: str, b: Quantity) -> bool:
    """Whether the coarser of two exact figures is the finer one rounded ("36 percent" and
    "35.7 percent"; "240" and "239"), which is no contradiction."""
    if a.exact is None or b.exact is None or a.approximate or b.approximate:
        return False
    pa, pb = _precision(text_a), _precision(text_b)
    if pa is None or pb is None or pa == pb:
        return False
    coarse, fine, places = (a.exact, b.exact, pa) if pa < pb else (b.exact, a.exact, pb)
    return abs(round(fine, places) - coarse) < 1e-9


def _bound_differs(bound_text: str, bound: Quantity, other: Quantity) -> bool:
    """Whether a count given as a floor ("at least 70 injured") and a figure for the same
    count ("about 100 injured") are two different tallies rather than one tally said twice.

    Read literally they are compatible, but news gives a floor as the confirmed count, so
    "at least 12 dead" against "15 killed" is two reports disagreeing (or one updating).
    The floor still agrees with a figure it is a rounding down of ("more than 200" for
    212): that is how the figure is written loosely."""
    from .annotate.quantities import _is_dimensioned

    if not (math.isinf(bound.high) and math.isfinite(bound.low) and bound.exact is not None):
        return False
    if not (math.isfinite(other.high) and other.exact is not None):
        return False
    if bound.unit != other.unit or _is_dimensioned(bound.unit):
        return False
    places = _precision(bound_text)
    if places is None or other.exact <= bound.exact:
        return False
    step = 10.0 ** -places
    return abs(math.floor(other.exact / step) * step - bound.exact) > 1e-9


def _value(mention: Mention) -> object:
    value = mention.value
    if isinstance(value, Timex):
        return value.value if not value.modifier else f"{value.modifier} {value.value}"
    if isinstance(value, Quantity):
        low = "-inf" if value.low == float("-inf") else f"{value.low:g}"
        high = "inf" if value.high == float("inf") else f"{value.high:g}"
        reading = f"{low}" if value.low == value.high else f"[{low}, {high}]"
        return f"{reading} {value.unit}".strip() if value.unit else reading
    return value


def claim_evidence(claim: Claim) -> Evidence:
    """The evidence of one claim: its value's exact span and normalised reading."""
    m = claim.mention
    return Evidence(claim.article, m.start, m.end, m.text, m.field, _value(m))


def _sentence_evidence(article: str, sentence) -> Evidence:
    return Evidence(article, sentence.start, sentence.end, sentence.text, sentence.field)


def fact_key(claim_pair: ClaimPair) -> FactKey:
    """What two aligned claims are about: their event (the head word), measure (what is
    counted or dated), holder (the names both clauses share) and unit."""
    from spacy.lang.en.stop_words import STOP_WORDS

    a = claim_pair.a
    event = a.head or ""
    # A place's governor is often "be" or a word of a name beside it ("China" hangs from
    # "States" in "the United States and China", "South Korea" from "in" of "Moon Jae-in"):
    # "place of states" tells a reader nothing.
    name_words = {w.lower() for name in a.entities | {a.mention.text} for w in name.split()}
    if event in STOP_WORDS or event in name_words:
        event = ""
    unit = getattr(a.mention.value, "unit", None)
    if a.kind == "date":
        measure = "date"
    elif a.kind == "number":
        if unit and _is_counted_noun(unit):
            measure = f"number of {unit}"
        elif unit:
            measure = f"figure in {unit}"
        else:
            measure = "figure"
    else:
        measure = a.kind
    holder = ", ".join(sorted(claim_pair.shared_entities)[:3])
    return FactKey(event=event or None, measure=measure, holder=holder or None, unit=unit)


def describe(key: FactKey) -> str:
    """A fact key in words a reader can scan: "date of visit — Sergey Lavrov", "number of
    people (death)", "figure in m — Sword of Orion"."""
    event, measure = key.event or "", key.measure or ""
    if measure == "date" or measure in ("place", "name", "status", "other"):
        text = f"{measure} of {event}" if event else measure
    elif measure.startswith("number of "):
        text = measure + (f" ({event})" if event and event != key.unit else "")
    else:
        text = measure + (f" ({event})" if event else "")
    return f"{text} — {key.holder}" if key.holder else text


def _describe(claim_pair: ClaimPair) -> str:
    return describe(fact_key(claim_pair))


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
            if found in ("same", "compatible") and pair.score >= ALTERNATIVE_SCORE:
                compatible_with[id(pair.a)].append(pair)
                compatible_with[id(pair.b)].append(pair)
        context = PairContext(left, right, articles, claims, persons, canonical, weights, judged, set(),
                              compatible_with)
        edges += rules.find("compare.finder.agreements", context)
        edges += rules.find("compare.finder.typed_values", context)
        edges += _same_count_conflicts(claims[left.id], claims[right.id], context.used, weights)
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
        if found in ("same", "compatible") and pair.score >= AGREE_SCORE and (
                pair.a.kind != "place" or pair.head_match):
            if id(pair.a) in context.used or id(pair.b) in context.used:
                continue
            context.used.update((id(pair.a), id(pair.b)))
            edges.append(_Edge(pair, found))
    return edges


# The vetoes a candidate conflict of two aligned values is checked against, in order; the
# first that holds drops it (``compare.veto.*`` below).
CONFLICT_VETOES = (
    "compare.veto.weak_alignment",
    "compare.veto.different_event",
    "compare.veto.unresolved_week",
    "compare.veto.eventless_head",
    "compare.veto.age_of_another",
    "compare.veto.different_measure",
    "compare.veto.background_date",
    "compare.veto.loose_place",
    "compare.veto.claimed",
    "compare.veto.agreeing_counterpart",
    "compare.veto.shared_figure",
    "compare.veto.small_count",
    "compare.veto.approximate_date",
    "compare.veto.after_publication",
)


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


@rules.register("compare.veto.weak_alignment", "compare.veto",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read no change (18 pairs); score"
                        " −1 TP, +1 FP (precision 1.00 → 0.75, recall 0.80 → 0.60)."))
def _weak_alignment(pair: ClaimPair, context: PairContext) -> bool:
    """Two values whose clauses align below 0.6 (``CONFLICT_SCORE``) are not taken for one fact."""
    return pair.score < CONFLICT_SCORE


@rules.register("compare.veto.different_event", "compare.veto",
                effect='Dev pairs, rule off (benchmarks/pairs.py --ablate): no change (1 read pair).')
def _different_event(pair: ClaimPair, context: PairContext) -> bool:
    """Two values attached to heads that name different events ("killed" / "injured") are
    two facts."""
    return not pair.head_match


@rules.register("compare.veto.unresolved_week", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _unresolved_week(pair: ClaimPair, context: PairContext) -> bool:
    """Two weekdays of undated reports ("on Wednesday" / "on Thursday") conflict only when the
    claims align closely (0.7, ``UNRESOLVED_CONFLICT_SCORE``): either may be any week."""
    unresolved = any("X" in getattr(c.mention.value, "value", "") for c in (pair.a, pair.b)
                     if isinstance(c.mention.value, Timex))
    return unresolved and pair.score < UNRESOLVED_CONFLICT_SCORE


@rules.register("compare.veto.eventless_head", "compare.veto",
                effect=("Never fired on the dev pairs (41). ECB+ −1 false alarm when added (docs/compare.md, "
                        "first round)."))
def _eventless_head(pair: ClaimPair, context: PairContext) -> bool:
    """Values attached to "be", "have", "do" or "get" are not thereby about one event."""
    # "there were seven arrests in 2006" and "the second player within the last
    # month to be arrested" share only "be", which names no event (a false alarm
    # on ECB+, read on 300 same-story pairs of the other sets).
    return pair.a.head in _EVENTLESS_HEADS


@rules.register("compare.veto.age_of_another", "compare.veto",
                effect=("Never fired on the dev pairs (41). Other sets −2 false alarms when added "
                        "(docs/compare.md, first round)."))
def _age_of_another(pair: ClaimPair, context: PairContext) -> bool:
    """Two ages conflict only when their clauses name the same person."""
    return _is_age(pair.a) and not _same_person(pair, context.persons)


@rules.register("compare.veto.loose_place", "compare.veto",
                effect='Dev pairs, rule off (benchmarks/pairs.py --ablate): no change (1 read pair).')
def _loose_place(pair: ClaimPair, context: PairContext) -> bool:
    """A place conflict needs a closer match (0.75, ``PLACE_CONFLICT_SCORE``) than a date or a
    figure."""
    # Places are named for many roles in one clause (who, where from, where to).
    return pair.a.kind == "place" and pair.score < PLACE_CONFLICT_SCORE


@rules.register("compare.veto.claimed", "compare.veto",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no change (2 read / 1 score "
                        "pairs)."))
def _claimed(pair: ClaimPair, context: PairContext) -> bool:
    """A value already in an agreement or in another conflict is in no further conflict."""
    return id(pair.a) in context.used or id(pair.b) in context.used


@rules.register("compare.veto.agreeing_counterpart", "compare.veto",
                effect=("Never fired on the dev pairs (41): where the counterpart is an agreement, "
                        "compare.veto.claimed drops the pair first."))
def _agreeing_counterpart(pair: ClaimPair, context: PairContext) -> bool:
    """A value with a compatible counterpart in the other report (aligned at 0.35 or more) is
    never also a conflict."""
    return bool(context.compatible_with.get(id(pair.a)) or context.compatible_with.get(id(pair.b)))


@rules.register("compare.veto.shared_figure", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _shared_figure(pair: ClaimPair, context: PairContext) -> bool:
    """A figure the other report also states anywhere (same unit) is shared; a differing figure
    beside it is more likely another fact."""
    return _has_compatible(pair.a, context.claims[context.right.id]) or _has_compatible(
        pair.b, context.claims[context.left.id])


@rules.register("compare.veto.small_count", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _small_count_veto(pair: ClaimPair, context: PairContext) -> bool:
    """Counts under 10 ("two senators" / "three senators") conflict only when aligned at 0.8
    (``SMALL_COUNT_SCORE``): small counts name many subsets in one story."""
    return pair.a.kind == "number" and _small_count(pair) and pair.score < SMALL_COUNT_SCORE


@rules.register("compare.veto.approximate_date", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _approximate_date_veto(pair: ClaimPair, context: PairContext) -> bool:
    """A reckoning ("decades ago", "about a year ago") is no date a precise one contradicts."""
    return pair.a.kind == "date" and (_approximate_date(pair.a) or _approximate_date(pair.b))


@rules.register("compare.veto.after_publication", "compare.veto",
                effect="Never fired on the dev pairs (41); passed by the seed pair's date conflict.")
def _after_publication_veto(pair: ClaimPair, context: PairContext) -> bool:
    """A date after the other report was published (which that report could not know of) is an
    earlier event of the same kind, not a contradiction."""
    return pair.a.kind == "date" and _timing(pair.a, pair.b, context.articles) == "apart"


@rules.register("compare.finder.inception", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read −1 TP (recall 0.86 → 0.71);"
                        " never fired in the score half. BASIL and other sets ±0 (docs/compare.md, second "
                        "round)."))
def _inception_conflicts(context: PairContext) -> list[_Edge]:
    """Two dates for the first time one named person did one kind of act ("she began
    modeling in 1950" / "she posed for her first pin-up photos in 1947"): a start happens
    once, so different dates conflict although the two sentences share few words. The
    acts must be one verb or share a WordNet sense, done to the same thing where both
    say, and the person must be the same (a pronoun is the person last named before it)."""
    from .align import inception, same_first

    left, right, used, canonical = context.left, context.right, context.used, context.canonical

    def firsts(item: AnnotatedArticle) -> list[tuple[Claim, object]]:
        found = []
        for claim in context.claims[item.id]:
            if claim.kind == "date" and id(claim) not in used:
                first = inception(item, claim, canonical)
                if first is None:
                    continue
                if _approximate_date(claim) and rules.enabled("compare.veto.approximate_date"):
                    rules.fired("compare.veto.approximate_date")
                    continue
                found.append((claim, first))
        return found

    firsts_left = firsts(left)
    if not firsts_left:
        return []
    firsts_right = firsts(right)
    edges = []
    for a, first_a in firsts_left:
        for b, first_b in firsts_right:
            if id(a) in used or id(b) in used or not same_first(first_a, first_b):
                continue
            found = relation(a, b)
            if found in ("same", "compatible"):
                # The other report dates the same first: a second date is something else.
                used.update((id(a), id(b)))
                continue
            if found != "conflict":
                continue
            pair = ClaimPair(a, b, CONFLICT_SCORE, True, frozenset({first_a.who}))
            passed = _passes(("compare.veto.after_publication",), pair, context)
            if passed is None:
                continue
            used.update((id(a), id(b)))
            edges.append(_Edge(pair, "conflict", vetoes=passed))
    return edges


# Heads that name no event: two values attached to them are not thereby about one thing.
_EVENTLESS_HEADS = {"be", "have", "do", "get"}

# Heads that say nothing of what is counted: two counts under them may be any two measures,
# so they neither make nor break a match of measures.
_GENERIC_HEADS = _EVENTLESS_HEADS | {"say", "include", "report", "people", "number", "total", "more", "least"}

def _different_measure(a: Claim, b: Claim) -> bool:
    """Whether two counts are of different measures, judged from the predicates they attach
    to: two verbs or nouns WordNet does not relate ("lay off"/"hire"). A generic head ("said",
    "include") or a word WordNet lacks gives no verdict."""
    from .annotate.lexicon import related

    x, y = a.head, b.head
    if not x or not y or x == y or x in _GENERIC_HEADS or y in _GENERIC_HEADS:
        return False
    if x in EVENT_CLASS_NAMES and y in EVENT_CLASS_NAMES:
        return False  # two event classes: compare.veto.counted_event_differs and different_event judge them
    # Both readings must say unrelated: a word WordNet knows only as a noun ("death") against
    # a light verb ("left 60 dead") is no evidence of two measures.
    return all(related(x, y, pos) is False for pos in ("VERB", "NOUN"))


# A report does not misdate the event it covers by more than this: a date this far before its
# publication is another, earlier event (background), however alike the sentences.
BACKGROUND_DAYS = 365
CURRENT_DAYS = 31


def _days_before_publication(claim: Claim, articles: dict[str, Article]) -> float | None:
    from .annotate.temporal import timex_interval

    published = articles[claim.article].published
    value = claim.mention.value
    if published is None or not isinstance(value, Timex) or value.type not in ("DATE", "TIME"):
        return None
    interval = timex_interval(value)
    if interval is None:
        return None
    start, end = interval
    day = published.date() if isinstance(published, datetime) else published
    if end <= day:
        return float((day - end).days + 1)
    return 0.0 if start <= day else -float((start - day).days)


@rules.register("compare.veto.different_measure", "compare.veto",
                effect=("stories_dev, with compare.veto.background_date: read +1 right, -1 false alarm; "
                        "score -1 false alarm (benchmarks/stories.py)."))
def _different_measure_veto(pair: ClaimPair, context: object) -> bool:
    """Two counts whose predicates are different measures (killed against hospitalized, laid
    off against hired) are not one fact, even in sentences that share words."""
    return pair.a.kind == "number" and _different_measure(pair.a, pair.b)


@rules.register("compare.veto.background_date", "compare.veto",
                effect=("stories_dev, with compare.veto.different_measure: read -1 false alarm (a birth "
                        "year against the day of a meeting); score -1 false alarm (benchmarks/stories.py)."))
def _background_date(pair: ClaimPair, context: PairContext) -> bool:
    """A date in the days of the reports against a date a year or more before them is the
    story's event against background, not two dates of one event."""
    return pair.a.kind == "date" and _background_against_current(pair.a, pair.b, context.articles)


def _background_against_current(a: Claim, b: Claim, articles: dict[str, Article]) -> bool:
    """Whether one date is of the reporting days and the other a year or more before its own
    report ("Sharon, born in 1928" against "met on Friday")."""
    da, db = _days_before_publication(a, articles), _days_before_publication(b, articles)
    if da is None or db is None:
        return False
    return (abs(da) <= CURRENT_DAYS and _to_the_day(a) and db >= BACKGROUND_DAYS) or (
        abs(db) <= CURRENT_DAYS and _to_the_day(b) and da >= BACKGROUND_DAYS)


def _to_the_day(claim: Claim) -> bool:
    """Whether a date names a day or a week: how a report dates the event it covers ("on
    Friday"); "in the last month" may reach back to anything."""
    from .annotate.temporal import timex_interval

    interval = timex_interval(claim.mention.value)
    return interval is not None and (interval[1] - interval[0]).days <= 7


def _is_age(claim: Claim) -> bool:
    """"The 23-year-old", "aged 81": a person's age."""
    value = claim.mention.value
    return isinstance(value, Quantity) and value.unit == "year" and claim.head in ("old", "age", "aged")


def _same_person(pair: ClaimPair, persons: set[str]) -> bool:
    """Whether two ages are of one named person: a story gives the ages of many people
    ("an 18-year-old who had fought in Syria", "the 25-year-old was born in Idlib"), so
    two ages conflict only when their clauses name the same person."""
    return bool(pair.a.entities & pair.b.entities & persons)


def _is_counted_noun(unit: object) -> bool:
    from .annotate.quantities import _is_dimensioned

    return isinstance(unit, str) and unit.isalpha() and unit.islower() and not _is_dimensioned(unit) \
        and len(unit) > 2


# Units that measure one property of the story's event (a quake's magnitude, a bridge's
# length): reports giving one such figure each are giving it for the same thing. Money,
# percentages and times are left out: a story quotes many of them for many things.
_MEASURES_EXCLUDED = {"%", "percentage point", "year", "month", "day", "hour", "minute", "second"}


def _single_figure_unit(unit: object) -> str | None:
    """The kind of single-figure rule a unit takes: "count", "measure" or None."""
    from .annotate.quantities import _is_dimensioned

    if _is_counted_noun(unit):
        return "count"
    if isinstance(unit, str) and _is_dimensioned(unit) and not unit.isupper() and unit not in _MEASURES_EXCLUDED:
        return "measure"
    return None


def _same_count_conflicts(claims_a: Sequence[Claim], claims_b: Sequence[Claim], used: set[int],
                          weights: Weights | None = None) -> list[_Edge]:
    """Two reports that each give one figure for the same counted thing ("239 people",
    "230 people") or the same measure ("magnitude 6.1", "magnitude 6.0") and the figures
    are close but incompatible: the signature of a discrepancy even when the sentences
    share few words (``compare.finder.same_count``), and a report giving two orders of
    magnitude against one giving one of them (``compare.finder.magnitude``). Figures far
    apart (more than ``COUNT_RATIO``) are more likely of different things, and heads naming
    different kinds of event ("killed" vs "injured") rule the pair out."""
    from .align import ClaimPair

    count_rule, magnitude_rule = "compare.finder.same_count", "compare.finder.magnitude"
    if not (rules.enabled(count_rule) or rules.enabled(magnitude_rule)):
        return []
    irrealis_on = rules.enabled("compare.judge.irrealis")
    counted_event_on = rules.enabled("compare.judge.counted_event")

    def by_unit(claims: Sequence[Claim]) -> dict[tuple, list[Claim]]:
        # Keyed by the unit alone, and by the unit with the kind of event the figure
        # counts ("people" injured): a report that gives many counts of people may still
        # give one count of the injured.
        grouped: dict[tuple, list[Claim]] = defaultdict(list)
        for claim in claims:
            unit = getattr(claim.mention.value, "unit", None)
            if not (claim.kind == "number" and _single_figure_unit(unit)):
                continue
            # A figure a report only supposes or requires ("the 67 votes necessary", "if
            # they get 60 votes") is not the report's figure for the thing.
            if claim.irrealis and irrealis_on:
                rules.fired("compare.judge.irrealis")
                continue
            grouped[(unit,)].append(claim)
            event = _counted_event(claim)
            if event and _single_figure_unit(unit) == "count" and counted_event_on:
                grouped[(unit, event)].append(claim)
        return grouped

    edges = []
    units_a, units_b = by_unit(claims_a), by_unit(claims_b)
    for key in sorted(units_a.keys() & units_b.keys(), key=len):
        side_a, side_b = units_a[key], units_b[key]
        if len(key) > 1:
            rules.fired("compare.judge.counted_event")
        # One report's figure against the other's odd one: the figure may already agree
        # with the other report's matching one, so only the odd one must be free.
        odd_pair, odd = None, None
        if not rules.enabled(magnitude_rule):
            pass
        elif found := _odd_magnitude(side_a, side_b, weights):
            odd_pair, odd = found, found[1]
        elif found := _odd_magnitude(side_b, side_a, weights):
            odd_pair, odd = (found[1], found[0]), found[1]
        if odd_pair and id(odd) not in used:
            a, b = odd_pair
            used.update((id(a), id(b)))
            rules.fired(magnitude_rule)
            edges.append(_Edge(ClaimPair(a, b, CONFLICT_SCORE, True, a.entities & b.entities), "conflict",
                               rule=magnitude_rule))
            continue
        if not rules.enabled(count_rule) or any(id(c) in used for c in side_a + side_b):
            continue
        values_a = {(c.mention.value.low, c.mention.value.high) for c in side_a}
        values_b = {(c.mention.value.low, c.mention.value.high) for c in side_b}
        if len(values_a) != 1 or len(values_b) != 1:
            continue
        a, b = side_a[0], side_b[0]
        if relation(a, b) != "conflict":
            continue
        pair = ClaimPair(a, b, CONFLICT_SCORE, True, a.entities & b.entities)
        passed = _passes(COUNT_VETOES, pair, None)
        if passed is None:
            continue
        used.update((id(a), id(b)))
        rules.fired(count_rule)
        edges.append(_Edge(pair, "conflict", rule=count_rule, vetoes=passed))
    return edges


rules.define("compare.finder.same_count", "compare.finder",
             "Two reports that each give one figure for the same counted thing or measure (\"239 people\" / "
             "\"230 people\", \"magnitude 6.1\" / \"6.0\"), close but incompatible, conflict though their "
             "sentences share few words.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): score −2 TP (recall 0.80 → 0.40); "
                     "never fired in the read half."))
rules.define("compare.finder.magnitude", "compare.finder",
             "A report that gives two vague orders of magnitude for one counted thing (\"tens of thousands\", "
             "\"hundreds of thousands\") conflicts, by its odd one, with a report that gives one.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read −1 TP (recall 0.86 → 0.71); "
                     "never fired in the score half. BASIL and other sets ±0 (docs/compare.md)."))
rules.define("compare.judge.irrealis", "compare.judge",
             "A figure a report only supposes or requires (\"the 67 votes necessary\", \"if they get 60 "
             "votes\"; Claim.irrealis) is not its figure for the thing: the single-figure rule leaves it out.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no change (3 read / 4 score pairs)."
                     " Other sets 4 → 3 conflicts, BASIL 12 → 11, a false alarm gone (commit 803ed1f)."))
rules.define("compare.judge.counted_event", "compare.judge",
             "Single figures are also grouped by the kind of event they count (\"people\" injured): a report "
             "with many counts of people may still give one count of the injured.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): score −1 TP (recall 0.80 → 0.60); "
                     "never fired in the read half."))

# The vetoes a single-figure pair (``compare.finder.same_count``) is checked against, in order.
COUNT_VETOES = (
    "compare.veto.vague_amount",
    "compare.veto.small_single_count",
    "compare.veto.counted_event_differs",
    "compare.veto.different_measure",
    "compare.veto.far_apart",
)


@rules.register("compare.veto.vague_amount", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _vague_amount(pair: ClaimPair, context: object) -> bool:
    """A vague amount ("several", "thousands") that fixes no order of magnitude is no figure a
    single-figure conflict can rest on."""
    a, b = pair.a, pair.b
    return (a.mention.value.exact is None or b.mention.value.exact is None) and not (
        _order_of_magnitude(a) and _order_of_magnitude(b))


@rules.register("compare.veto.small_single_count", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _small_single_count(pair: ClaimPair, context: object) -> bool:
    """Single counts under 10 (``COUNT_MINIMUM``: "two senators", "three debates") name many
    different subsets in one story."""
    unit = getattr(pair.a.mention.value, "unit", None)
    return _single_figure_unit(unit) == "count" and min(pair.a.mention.value.low,
                                                         pair.b.mention.value.low) < COUNT_MINIMUM


@rules.register("compare.veto.counted_event_differs", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _counted_event_differs(pair: ClaimPair, context: object) -> bool:
    """Single figures whose heads name different kinds of event ("killed" / "injured") count
    different things."""
    from .align import EVENT_CLASS_NAMES

    a, b = pair.a, pair.b
    return a.head in EVENT_CLASS_NAMES and b.head in EVENT_CLASS_NAMES and a.head != b.head


@rules.register("compare.veto.far_apart", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _far_apart(pair: ClaimPair, context: object) -> bool:
    """Single figures more than 1.5 times apart (``COUNT_RATIO``) are more likely of different
    things than one thing misreported."""
    a, b = pair.a.mention.value, pair.b.mention.value
    low, high = min(a.high, b.high), max(a.low, b.low)
    return low <= 0 or high / low > COUNT_RATIO


def _counted_event(claim: Claim) -> str | None:
    """The kind of event a count is a count of: its head when that names one ("killed"),
    else the one such kind its clause names ("leaving 70 people injured")."""
    from .align import EVENT_CLASS_NAMES

    if claim.head in UPDATE_CLASSES:
        return claim.head
    named = {term for term in claim.about if term in UPDATE_CLASSES}
    if claim.head not in EVENT_CLASS_NAMES and len(named) == 1:
        return next(iter(named))
    return None


# Two claims with a figure of one counted thing are on one topic when their clauses, or
# their sentences, share this much weighted content (align.Weights.overlap) besides the
# counted noun. Read on the annotated pairs: the two sentences of one report about one
# archive of files share 0.33, and that archive against the other report's 0.30.
SAME_TOPIC = 0.25


def _odd_magnitude(single: Sequence[Claim], double: Sequence[Claim],
                   weights: Weights | None) -> tuple[Claim, Claim] | None:
    """A report that gives one order of magnitude for a counted thing ("tens of thousands
    of files") against one that gives two ("tens of thousands" in its lead, "hundreds of
    thousands" further down): the second contradicts itself, and its other figure
    contradicts the first report, although the two share a figure. Only vague orders of
    magnitude, which a report does not give for two subsets of one thing; each side's
    figures must all be of that kind, on one topic (``SAME_TOPIC``), and the counted
    events must not differ ("killed", "injured")."""
    from .align import EVENT_CLASS_NAMES

    if weights is None or not all(_order_of_magnitude(c) for c in (*single, *double)):
        return None
    values = {(c.mention.value.low, c.mention.value.high) for c in single}
    others = {(c.mention.value.low, c.mention.value.high) for c in double}
    if len(values) != 1 or len(others) != 2 or not values < others:
        return None
    one = single[0]
    odd = next(c for c in double if (c.mention.value.low, c.mention.value.high) not in values)
    shared = next(c for c in double if c is not odd)
    if relation(one, odd) != "conflict":
        return None
    if any(c.head in EVENT_CLASS_NAMES and c.head != one.head for c in (*single, *double)):
        return None

    def topic(x: Claim, y: Claim) -> float:
        unit = {x.mention.value.unit}
        return max(weights.overlap(x.about - unit, y.about - unit),
                   weights.overlap(x.context - unit, y.context - unit))

    if min(topic(one, odd), topic(shared, odd)) < SAME_TOPIC:
        return None
    return one, odd


def _order_of_magnitude(claim: Claim) -> bool:
    """"Tens of thousands", "hundreds": a vague amount that still fixes the order of
    magnitude, so two of them that do not overlap say different things."""
    value = claim.mention.value
    return value.approximate and math.isfinite(value.high) and value.low >= COUNT_MINIMUM \
        and value.high >= 9 * value.low


def _has_compatible(claim: Claim, others: Sequence[Claim]) -> bool:
    """Whether the other report states a value compatible with this claim's anywhere,
    for the same unit: then the two reports share that figure, and a differing one
    elsewhere is more likely another fact ("36 percent" of one group, "30 percent" of
    another) than a contradiction."""
    if claim.kind != "number":
        return False
    unit = getattr(claim.mention.value, "unit", None)
    return any(
        other.kind == "number" and getattr(other.mention.value, "unit", None) == unit
        and relation(claim, other) in ("same", "compatible")
        for other in others)


def _small_count(pair: ClaimPair) -> bool:
    values = (pair.a.mention.value, pair.b.mention.value)
    return all(isinstance(v, Quantity) and v.high < COUNT_MINIMUM and v.exact is not None
               and float(v.exact).is_integer() for v in values)


def _conflict_confidence(pair: ClaimPair) -> float:
    # Score is at least CONFLICT_SCORE here; shared named entities make it far more
    # likely that the two values are about the same event.
    confidence = 0.5 + 0.4 * min(1.0, (pair.score - CONFLICT_SCORE) / (1 - CONFLICT_SCORE))
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


def _is_floor(quantity: Quantity) -> bool:
    return math.isinf(quantity.high) and math.isfinite(quantity.low) and quantity.exact is not None


rules.define(
    "compare.judge.floors_differ", "compare.judge",
    "Two floors of one count ('at least 127 killed' / 'at least 128 killed') are two tallies, "
    "not one: they conflict unless the coarser is the finer rounded down ('more than 200' / "
    "'at least 212').",
    effect="stories_dev read half: +1 right (a death toll rising, marked as an update)")


def _floors_differ(text_a: str, a: Quantity, text_b: str, b: Quantity) -> bool:
    """Whether two floors of the same count give different confirmed tallies.

    News gives a floor as the count confirmed so far (GUIDE: "at least 12 dead" against "15
    killed" is a conflict, ``_bound_differs``); two floors that differ are two such counts, the
    same disagreement (or update). The lower floor still agrees with a higher one it is a
    rounding down of, written loosely."""
    from .annotate.quantities import _is_dimensioned

    if not (_is_floor(a) and _is_floor(b)) or a.exact == b.exact:
        return False
    if _is_dimensioned(a.unit) or _is_dimensioned(b.unit) or None not in (a.unit, b.unit) and a.unit != b.unit:
        return False
    (low_text, low), (_, high) = sorted(((text_a, a), (text_b, b)), key=lambda pair: pair[1].exact)
    places = _precision(low_text)
    step = 10.0 ** -(places if places is not None else 0)
    return abs(math.floor(high.exact / step) * step - low.exact) > 1e-9


_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def _typographic(name: str) -> str:
    """A name with typographic variants folded: "O’Neill" and "O'Neill" are one spelling."""
    return " ".join(name.translate(_TYPOGRAPHY).split())


def _vowel_swap(a: str, b: str) -> bool:
    """Whether two names differ only in one vowel for another ("Muammar"/"Moammar",
    "Cowan"/"Cowen", "Capitol"/"Capital"): romanisations and homophones vary there, so it
    is no evidence of a misspelling. Doubled or dropped letters ("Hefner"/"Heffner") and
    added ones ("Steam"/"Stream") are."""
    from rapidfuzz.distance import Levenshtein

    ops = Levenshtein.editops(a.lower(), b.lower())
    vowels = set("aeiouy")
    return bool(ops) and all(
        op.tag == "replace" and a.lower()[op.src_pos] in vowels and b.lower()[op.dest_pos] in vowels
        for op in ops)


def _misspelt_words(a_words: list[str], b_words: list[str]) -> frozenset[str]:
    """The pair of words that differ by a letter or two between two forms of a name."""
    from rapidfuzz.distance import OSA

    only_a = [w for w in a_words if w not in b_words]
    only_b = [w for w in b_words if w not in a_words]
    pairs = [(OSA.distance(x, y), x, y) for x in only_a for y in only_b]
    if not pairs:
        return frozenset(only_a + only_b)
    _, x, y = min(pairs)
    return frozenset((x, y))


rules.define(
    "compare.judge.one_off_misspelling", "compare.judge",
    "A name spelt once in the whole story against a spelling two or more sources use is a "
    "misspelling, even where the same report also spells it right ('Pinochet' ... 'Pincohet').",
    effect="stories_dev: see benchmarks/results/stories.md")


# The vetoes two spellings of one name are checked against: (a, b, the differing words).
NAME_VETOES = ("compare.veto.standard_variant", "compare.veto.vowel_swap", "compare.veto.regional_spelling",
               "compare.veto.different_kind_of_name")


# British and American spellings of one word in a name ("Kodak Theatre" / "Kodak Theater",
# "Warning Centre" / "Warning Center"): house style, not a misspelling.
_REGIONAL_ENDINGS = (("re", "er"), ("our", "or"), ("ise", "ize"), ("yse", "yze"), ("ence", "ense"),
                     ("ogue", "og"), ("lled", "led"), ("lling", "ling"))


@rules.register("compare.veto.regional_spelling", "compare.veto",
                effect=("Visible sets, read half (judged blind): -2 false alarms (Theatre/Theater, "
                        "Centre/Center); score half: see benchmarks/results/stories.md."))
def _regional_spelling(pair: tuple, context: object) -> bool:
    """A word of a name spelt the British or the American way ("Centre" / "Center") is one
    name in two house styles, not a misspelling."""
    difference = sorted(pair[2])
    if len(difference) != 2:
        return False
    x, y = (w.lower() for w in difference)
    for british, american in _REGIONAL_ENDINGS:
        for one, other in ((x, y), (y, x)):
            if one.endswith(british) and other.endswith(american) and \
                    one[: -len(british)] == other[: -len(american)] and len(one) > len(british) + 2:
                return True
    return False


@rules.register("compare.veto.different_kind_of_name", "compare.veto",
                effect=("Visible sets, read half (judged blind): -1 false alarm (a player named Harley "
                        "against a village named Arley); score half: see benchmarks/results/stories.md."))
def _different_kind_of_name(pair: tuple, context: object) -> bool:
    """A person's name against a place's or an organisation's one letter away ("Harley" / the
    village of "Arley") names two things, not one thing spelt two ways."""
    # Only a person against a place: the small model tags one person's name as a person in one
    # report and an organisation in another ("Hugh Heffner"), which says nothing.
    kinds = pair[3] if len(pair) > 3 else None
    return bool(kinds) and set(kinds) == {"person", "place"}


@rules.register("compare.veto.standard_variant", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _standard_variant(pair: tuple[str, str, frozenset[str]], context: object) -> bool:
    """Two standard forms of one name ("Mohammed" / "Muhammad", a known variant) are no
    misspelling."""
    from .annotate.names import is_standard_variant

    return is_standard_variant(pair[0], pair[1])


@rules.register("compare.veto.vowel_swap", "compare.veto",
                effect=("Never fired on the dev pairs (41). Other sets: romanisations kept out when added "
                        "(docs/compare.md, first round)."))
def _vowel_swap_veto(pair: tuple[str, str, frozenset[str]], context: object) -> bool:
    """Names that differ only in one vowel for another ("Muammar" / "Moammar") vary by
    romanisation or sound, no evidence of a misspelling."""
    difference = pair[2]
    return len(difference) == 2 and _vowel_swap(*sorted(difference))


@rules.register("compare.finder.spelling", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read −2 TP (recall 0.86 → 0.57);"
                        ' never fired in the score half. Finds the seed pair\'s "Steam"/"Stream".'))
def _spelling(context: StoryContext) -> list[Finding]:
    """Names one or two edits apart across sources (\"Steam\" / \"Stream\"): one name spelt two
    ways, unless a veto (``NAME_VETOES``) drops the pair."""
    return _name_conflicts(context.annotated)


def _name_conflicts(annotated: Sequence[AnnotatedArticle]) -> list[Finding]:
    """Names one edit apart across sources: the same name, spelt two ways."""
    from .annotate.names import name_tokens, spelling_variant

    forms: dict[str, dict[str, Mention]] = {}
    for item in annotated:
        forms[item.id] = {}
        for mention in item.mentions:
            if mention.kind in ENTITY_NAME_KINDS | {"place"} and mention.text not in forms[item.id]:
                forms[item.id][mention.text] = mention
    findings = []
    reported: set[tuple[str, str] | frozenset[str]] = set()
    texts = {item.id: _typographic(f"{item.article.title or ''}\n{item.article.text}") for item in annotated}
    one_offs = rules.enabled("compare.judge.one_off_misspelling")

    def one_off(odd: str, usual: str) -> bool:
        # A spelling used once in the whole story against one at least two sources use is a
        # slip of that one report, even where the same report also spells it right.
        if not one_offs or len(odd) < 4:
            return False
        uses = sum(text.count(odd) for text in texts.values())
        sources = sum(1 for text in texts.values() if usual in text)
        return uses == 1 and sources >= 2

    # Both orders: the slip may be in either report of a pair.
    for left, right in permutations(annotated, 2):
        left_text, right_text = texts[left.id], texts[right.id]
        for a_form, a_mention in forms[left.id].items():
            a_plain = _typographic(a_form)
            if a_plain in right_text:
                continue
            for b_form, b_mention in forms[right.id].items():
                b_plain = _typographic(b_form)
                if (a_form, b_form) in reported or a_plain == b_plain:
                    continue
                slip = False
                if b_plain in left_text:
                    # the left report spells it both ways: only a one-off slip is a finding
                    if not one_off(a_plain, b_plain):
                        continue
                    slip = True
                # Standard variants are compare.veto.standard_variant's to drop (NAME_VETOES).
                score = spelling_variant(a_plain, b_plain, standard_variants=False)
                if score < SPELLING_VARIANT:
                    continue
                # "Cossuta"/"Armando Cossutta" and "Armando Cossuta"/"Armando Cossutta" are
                # one misspelling: one finding per pair of differing words.
                difference = _misspelt_words(name_tokens(a_plain), name_tokens(b_plain))
                if difference in reported:
                    continue
                passed = _passes(NAME_VETOES, (a_plain, b_plain, difference, (a_mention.kind, b_mention.kind)), None)
                if passed is None:
                    continue
                if slip:
                    rules.fired("compare.judge.one_off_misspelling")
                reported.update(((a_form, b_form), difference))
                findings.append(Finding(vetoes_passed=list(passed), 
                    id="", type="conflict", kind="name", about=f"spelling of {b_form}",
                    confidence=round(min(0.99, 0.6 + 0.35 * score), 2),
                    evidence=[
                        Evidence(left.id, a_mention.start, a_mention.end, a_mention.text, a_mention.field, a_form),
                        Evidence(right.id, b_mention.start, b_mention.end, b_mention.text, b_mention.field, b_form),
                    ],
                    explanation=f"{a_form!r} and {b_form!r} differ by a letter or two: one is likely misspelt",
                ))
    return findings


@rules.register("compare.finder.kinship", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): score −1 TP (recall 0.80 → "
                        "0.60); never fired in the read half. BASIL +1 when added (docs/compare.md)."))
def _kinship(context: StoryContext) -> list[Finding]:
    """Reports that order the same two siblings the opposite way ("the younger sister of Liz" /
    "Liz's older sister") conflict (``polarity.kin_age_conflicts``)."""
    return kin_age_conflicts(list(context.annotated), context.canonical)


@rules.register("compare.finder.denial", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read −1 TP (recall 0.86 → 0.71),"
                        " score −1 TP (0.80 → 0.60). BASIL ±0; other sets: gold findings only "
                        "(docs/compare.md, second round)."))
def _denial(context: StoryContext) -> list[Finding]:
    """An act denied in a bounded period ("no deal has yet been announced") against the act
    reported ("they struck a deal") conflicts (``polarity.denial_conflicts``)."""
    return denial_conflicts(list(context.annotated), context.canonical)


@rules.register("compare.finder.statements", "compare.finder",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no conflict changes (fires on "
                        "every pair); it makes the statement agreements and uniques."))
def _statement_findings(context: StoryContext) -> list[Finding]:
    """Sentences two or more sources say alike (TF-IDF cosine >= 0.33, complete linkage) are
    agreements; a sentence with no counterpart (< 0.2) is unique."""
    return _statements(context.annotated, context.canonical)


def _statements(annotated: Sequence[AnnotatedArticle], canonical: dict[str, str]) -> list[Finding]:
    """Sentences corroborated by other sources, and sentences only one source has."""
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    keys: list[tuple[str, object]] = []
    documents: list[list[str]] = []
    for item in annotated:
        terms = sentence_terms(item, canonical)
        for sentence in item.title_sentences + item.sentences:
            words = terms.get((sentence.field, sentence.index), [])
            keys.append((item.id, sentence))
            # A fragment of a word or two ("“This Week.”", cut off a sentence by the
            # parser) matches whatever shares its word: it is no statement.
            documents.append(words if len(set(words)) >= STATEMENT_MIN_TERMS else [])
    if len(documents) < 2 or not any(documents):
        return []
    vectorizer = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True)
    matrix = vectorizer.fit_transform(documents)
    similarity = cosine_similarity(matrix)
    article_of = [k[0] for k in keys]
    articles = np.array(article_of)
    other_source = articles[:, None] != articles[None, :]
    best_elsewhere = np.where(other_source, similarity, 0.0).max(axis=1)
    # Complete linkage: every two sentences of a statement are alike, so a chain of
    # paraphrases that drifts (A like B, B like C, A unlike C) is not one statement; with
    # single linkage a many-source story joined a hundred sentences into one "agreement".
    # Two sentences of one source never form a statement together (distance 2 is out of reach).
    filled = [i for i in range(len(keys)) if documents[i]]
    labels = {i: -1 - i for i in range(len(keys))}  # alone unless grouped below
    if len(filled) >= 2:
        distance = np.clip(1.0 - similarity[np.ix_(filled, filled)], 0.0, 1.0)
        distance[~other_source[np.ix_(filled, filled)]] = 2.0
        np.fill_diagonal(distance, 0.0)
        grouped = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage="complete",
            distance_threshold=1.0 - STATEMENT_AGREE + 1e-9,
        ).fit_predict(distance)
        labels.update(zip(filled, (int(label) for label in grouped)))
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(keys)):
        groups[labels[i]].append(i)
    group_of = {i: members for members in groups.values() for i in members}
    findings = []
    for members in groups.values():
        articles_in = {article_of[i] for i in members}
        if len(articles_in) >= 2:
            pairs = [similarity[i, j] for i in members for j in members if article_of[i] != article_of[j]]
            findings.append(Finding(
                id="", type="agreement", kind="statement",
                about=_topic(keys[members[0]][1].text),
                confidence=round(float(max(pairs)), 2),
                evidence=[_sentence_evidence(article_of[i], keys[i][1]) for i in members],
                explanation=f"said by {len(articles_in)} sources",
            ))
    for i, (article, sentence) in enumerate(keys):
        if documents[i] and best_elsewhere[i] < STATEMENT_UNIQUE and len(group_of[i]) == 1:
            findings.append(Finding(
                id="", type="unique", kind="statement", about=_topic(sentence.text),
                confidence=round(1.0 - float(best_elsewhere[i]), 2),
                evidence=[_sentence_evidence(article, sentence)],
                explanation="no other source says this",
            ))
    return findings


def _topic(sentence: str, limit: int = 80) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= limit else text[: text.rfind(" ", 0, limit)] + " …"


def canonical_names(annotated: Sequence[AnnotatedArticle]) -> dict[str, str]:
    from .annotate.names import canonical_entities

    names = sorted({m.text for item in annotated for m in item.mentions
                    if m.kind in ENTITY_NAME_KINDS | {"place", "group"}})
    return canonical_entities(names)


def _entity_index(annotated: Sequence[AnnotatedArticle], canonical: dict[str, str]) -> dict[str, list[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for item in annotated:
        for mention in item.mentions:
            if mention.kind in ENTITY_NAME_KINDS | {"place"}:
                index[canonical.get(mention.text, mention.text)].add(item.id)
    return {name: sorted(ids) for name, ids in sorted(index.items())}


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


rules.define("compare.judge.restated", "compare.judge",
             "A typed agreement whose every span sits inside one corroborated statement (\"Texas\" agreed "
             "inside two copies of one quote) is left out: the statement already says it.",
             effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): no conflict changes (7 read / 5 "
                     "score pairs); it only drops agreements."))


def _restates(finding: Finding, statements: list[Finding]) -> bool:
    """A typed agreement whose every span sits inside the sentences of one corroborated
    statement tells the reader nothing the statement does not ("Texas" agreed inside two
    copies of the same quote)."""
    if finding.type != "agreement":
        return False
    for statement in statements:
        if statement.type != "agreement":
            continue
        if all(any(e.article == s.article and e.field == s.field and s.start <= e.start and e.end <= s.end
                   for s in statement.evidence) for e in finding.evidence):
            return True
    return False


def _note_disputes(findings: list[Finding]) -> None:
    """A corroborated sentence that holds a disputed value says so, so that a reader does
    not take "said by 3 sources" for agreement on every detail."""
    conflicts = [f for f in findings if f.type == "conflict"]
    for finding in findings:
        if finding.type != "agreement" or finding.kind != "statement":
            continue
        disputed = [c.id for c in conflicts if any(
            e.article == s.article and e.field == s.field and s.start <= e.start and e.end <= s.end
            for e in c.evidence for s in finding.evidence)]
        if disputed:
            finding.explanation += "; but they differ on a detail: see " + ", ".join(disputed)


def compare_annotated(annotated: Sequence[AnnotatedArticle],
                      canonical: dict[str, str] | None = None) -> list[Finding]:
    """Findings for already annotated articles of one story (``canonical``: surface form
    to canonical name, computed here when not given)."""
    canonical = canonical if canonical is not None else canonical_names(annotated)
    articles = {item.id: item.article for item in annotated}
    story = StoryContext(annotated, canonical)
    findings = _claim_findings(_judge_claims(annotated, canonical), articles)
    findings += rules.find("compare.finder.spelling", story)
    # Conflicts without a typed value: which of two named siblings is the older, and an
    # act denied in a bounded period against the act reported (docs/compare.md).
    findings += rules.find("compare.finder.kinship", story)
    findings += rules.find("compare.finder.denial", story)
    # The general negation/antonym (status) reader of ``polarity`` is left out of reports: on the
    # annotated pairs they found none of the gold status conflicts, and on BASIL all ten
    # they raised were false alarms (the same quote split into sentences differently).
    # ``verify`` uses them, where the derived text is read against one source.
    statements = rules.find("compare.finder.statements", story)
    if rules.enabled("compare.judge.restated"):
        kept = [f for f in findings if not _restates(f, statements)]
        if len(kept) < len(findings):
            rules.fired("compare.judge.restated")
        findings = kept
    findings += statements
    order = {"conflict": 0, "agreement": 1, "unique": 2}
    findings.sort(key=lambda f: (order[f.type], -f.confidence))
    for number, finding in enumerate(findings, 1):
        finding.id = f"F{number}"
    _note_disputes(findings)
    _note_partial(findings, articles)
    return findings


def _figure(evidence: Evidence) -> float | None:
    """The figure a number's evidence states: its exact value, or the floor of an open range."""
    from .annotate.quantities import read_quantity

    quantity = read_quantity(evidence.text)
    if quantity is None:
        return None
    if quantity.exact is not None:
        return quantity.exact
    return quantity.low if math.isfinite(quantity.low) else None


def series_of(findings: Sequence[Finding], articles: dict[str, Article]) -> list[Series]:
    """Each number conflict marked as a likely update, as a series of the reports' values in
    publication order ("40 -> 65 -> 90"), one point per report."""
    found: list[Series] = []
    for finding in findings:
        if finding.type != "conflict" or not finding.likely_update or finding.kind != "number":
            continue
        points: dict[str, SeriesPoint] = {}
        for evidence in finding.evidence:
            if evidence.article in points or evidence.article not in articles:
                continue
            figure = _figure(evidence)
            points[evidence.article] = SeriesPoint(
                value=figure if figure is not None else evidence.value, article=evidence.article,
                published=articles[evidence.article].published, evidence=evidence)
        ordered = sorted(points.values(), key=lambda p: (p.published is None, str(p.published or ""), p.article))
        if len(ordered) < 2:
            continue
        first, last = ordered[0].value, ordered[-1].value
        direction = "changed"
        if isinstance(first, float) and isinstance(last, float) and first != last:
            direction = "rose" if last > first else "fell"
        found.append(Series(id=f"S{len(found) + 1}", about=finding.about, points=ordered, key=finding.key,
                            finding=finding.id, direction=direction))
    return found


def _note_partial(findings: list[Finding], articles: dict[str, Article]) -> None:
    """A statement only one source makes is not held against a source whose text a paywall
    cut off: the unique says so, so a reader does not count it as that source's omission."""
    partial = [a for a in articles.values() if a.partial]
    for finding in findings:
        if finding.type != "unique":
            continue
        others = [a for a in partial if a.id != finding.evidence[0].article]
        if others:
            names = ", ".join(f"{a.outlet or a.id} is {a.partial_note}" for a in others)
            finding.explanation += f" (not an omission: {names})"


def prepare(articles: Iterable[Article]) -> list[Article]:
    """Clean articles and infer missing publication dates across the story."""
    cleaned = [a if a.removed or not a.original else clean_article(a) for a in articles]
    return infer_published(cleaned)


def compare_articles(articles: Sequence[Article], settings: Settings | None = None, *,
                     annotator=None) -> Comparison:
    """Compare the articles of one story: the core of ``storydiff compare``. ``annotator``
    replaces ``annotate_articles`` (``annotate.stored`` reads parses from the store)."""
    settings = settings or default_settings()
    # A misspelt rule name is refused before any work is done (rules.UnknownRule names it).
    rules.check_names(settings.compare.disabled_rules, "compare.")
    for article in articles:  # spaCy refuses over 1,000,000 characters (E088); see ingest
        if problem := article_length_problem(article, settings.max_article_chars):
            raise problem
    prepared = prepare(articles)
    if len(prepared) < 2:
        raise NotEnoughArticles(
            f"a comparison needs at least two articles, got {len(prepared)}: "
            "give two or more reports of the same story"
        )
    # Quotes are not compared yet (attribution conflicts are future work): skip them.
    annotated = (annotator or annotate_articles)(prepared, settings, with_quotes=False)
    return comparison_of(prepared, annotated, settings)


def comparison_of(prepared: Sequence[Article], annotated: Sequence[AnnotatedArticle],
                  settings: Settings | None = None) -> Comparison:
    """The comparison of prepared and annotated articles, with the rules the settings switch
    off (``[storydiff.compare] disabled_rules``) off: the step after annotation, which a
    benchmark that annotates once re-runs with one rule off at a time."""
    settings = settings or default_settings()
    with rules.rule_run(rules.check_names(settings.compare.disabled_rules, "compare.")):
        canonical = canonical_names(annotated)
        findings = [f for f in compare_annotated(annotated, canonical)
                    if f.type != "conflict" or f.confidence >= settings.min_conflict_confidence]
    by_id = {a.id: a for a in prepared}
    return Comparison(articles=list(prepared), findings=findings, entities=_entity_index(annotated, canonical),
                      warnings=language_warnings(prepared, settings.min_language_chars),
                      series=series_of(findings, by_id))


def compare_paths(paths: Iterable[str], settings: Settings | None = None, **metadata) -> Comparison:
    """Read, clean and compare files; unreadable inputs are listed in ``errors``."""
    settings = settings or default_settings()
    result = read_articles(paths, max_bytes=settings.max_input_bytes, max_chars=settings.max_article_chars,
                           **metadata)
    if len(result.articles) < 2:
        raise NotEnoughArticles(
            f"a comparison needs at least two readable articles, got {len(result.articles)}"
            + ("; problems: " + "; ".join(f"{e.source}: {e.message}" for e in result.errors)
               if result.errors else "")
        )
    comparison = compare_articles(result.articles, settings)
    comparison.errors = result.errors
    comparison.warnings = result.warnings + comparison.warnings
    return comparison
