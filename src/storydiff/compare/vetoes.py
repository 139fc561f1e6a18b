"""Conflict vetoes: the ``compare.veto.*`` rules a candidate conflict of two aligned values must
pass (``CONFLICT_VETOES``).
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import rules
from ..align import EVENT_CLASS_NAMES, ClaimPair
from ..model import Claim, Quantity, Timex
from ..settings import current
from .context import PairContext
from .judges import relation
from .timing import _approximate_date, _background_against_current, _timing

# The vetoes a candidate conflict of two aligned values is checked against, in order; the
# first that holds drops it (``compare.veto.*`` below).
CONFLICT_VETOES = (
    "compare.veto.weak_alignment",
    "compare.veto.different_event",
    "compare.veto.different_fact",
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


@rules.register("compare.veto.weak_alignment", "compare.veto",
                effect=("Dev pairs, rule off (benchmarks/pairs.py --ablate): read no change (18 pairs); score"
                        " −1 TP, +1 FP (precision 1.00 → 0.75, recall 0.80 → 0.60)."))
def _weak_alignment(pair: ClaimPair, context: PairContext) -> bool:
    """Two values whose clauses align below 0.6 (``CONFLICT_SCORE``) are not taken for one fact."""
    return pair.score < current().compare.conflict_score


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
    return unresolved and pair.score < current().compare.unresolved_conflict_score


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
    return pair.a.kind == "place" and pair.score < current().compare.place_conflict_score


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
    return pair.a.kind == "number" and _small_count(pair) and pair.score < current().compare.small_count_score


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


# Heads that name no event: two values attached to them are not thereby about one thing.
_EVENTLESS_HEADS = {"be", "have", "do", "get"}

# Heads that say nothing of what is counted: two counts under them may be any two measures,
# so they neither make nor break a match of measures.
_GENERIC_HEADS = _EVENTLESS_HEADS | {"say", "include", "report", "people", "number", "total", "more", "least"}

def _different_measure(a: Claim, b: Claim) -> bool:
    """Whether two counts are of different measures, judged from the predicates they attach
    to: two verbs or nouns WordNet does not relate ("lay off"/"hire"). A generic head ("said",
    "include") or a word WordNet lacks gives no verdict."""
    from ..annotate.lexicon import related

    x, y = a.head, b.head
    if not x or not y or x == y or x in _GENERIC_HEADS or y in _GENERIC_HEADS:
        return False
    if x in EVENT_CLASS_NAMES and y in EVENT_CLASS_NAMES:
        return False  # two event classes: compare.veto.counted_event_differs and different_event judge them
    # Both readings must say unrelated: a word WordNet knows only as a noun ("death") against
    # a light verb ("left 60 dead") is no evidence of two measures.
    return all(related(x, y, pos) is False for pos in ("VERB", "NOUN"))


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


def _is_age(claim: Claim) -> bool:
    """"The 23-year-old", "aged 81": a person's age."""
    value = claim.mention.value
    return isinstance(value, Quantity) and value.unit == "year" and claim.head in ("old", "age", "aged")


def _same_person(pair: ClaimPair, persons: set[str]) -> bool:
    """Whether two ages are of one named person: a story gives the ages of many people
    ("an 18-year-old who had fought in Syria", "the 25-year-old was born in Idlib"), so
    two ages conflict only when their clauses name the same person."""
    return bool(pair.a.entities & pair.b.entities & persons)


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
    return all(isinstance(v, Quantity) and v.high < current().compare.count_minimum and v.exact is not None
               and float(v.exact).is_integer() for v in values)
