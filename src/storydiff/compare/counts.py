"""Single figures: two reports that each give one figure for the same counted thing or measure
(``compare.finder.same_count``), or two orders of magnitude against one
(``compare.finder.magnitude``), with their vetoes (``COUNT_VETOES``).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from .. import rules
from ..align import ClaimPair, Weights
from ..model import Claim
from ..settings import current
from .context import _Edge, _passes
from .judges import relation
from .keys import _is_counted_noun
from .thresholds import UPDATE_CLASSES

# Units that measure one property of the story's event (a quake's magnitude, a bridge's
# length): reports giving one such figure each are giving it for the same thing. Money,
# percentages and times are left out: a story quotes many of them for many things.
_MEASURES_EXCLUDED = {"%", "percentage point", "year", "month", "day", "hour", "minute", "second"}


def _single_figure_unit(unit: object) -> str | None:
    """The kind of single-figure rule a unit takes: "count", "measure" or None."""
    from ..annotate.quantities import _is_dimensioned

    if _is_counted_noun(unit):
        return "count"
    if isinstance(unit, str) and _is_dimensioned(unit) and not unit.isupper() and unit not in _MEASURES_EXCLUDED:
        return "measure"
    return None


def _same_count_conflicts(claims_a: Sequence[Claim], claims_b: Sequence[Claim], used: set[int],
                          weights: Weights | None = None, context: object = None) -> list[_Edge]:
    """Two reports that each give one figure for the same counted thing ("239 people",
    "230 people") or the same measure ("magnitude 6.1", "magnitude 6.0") and the figures
    are close but incompatible: the signature of a discrepancy even when the sentences
    share few words (``compare.finder.same_count``), and a report giving two orders of
    magnitude against one giving one of them (``compare.finder.magnitude``). Figures far
    apart (more than ``COUNT_RATIO``) are more likely of different things, and heads naming
    different kinds of event ("killed" vs "injured") rule the pair out. ``context`` (the pair's
    ``PairContext``) is what the vetoes read: ``compare.veto.different_fact`` reads the parses."""
    from ..align import ClaimPair

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
            pair = ClaimPair(a, b, current().compare.conflict_score, True, a.entities & b.entities)
            edges.append(_Edge(pair, "conflict",
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
        pair = ClaimPair(a, b, current().compare.conflict_score, True, a.entities & b.entities)
        passed = _passes(COUNT_VETOES, pair, context)
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
    "compare.veto.different_fact",
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
                                                         pair.b.mention.value.low) < current().compare.count_minimum


@rules.register("compare.veto.counted_event_differs", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _counted_event_differs(pair: ClaimPair, context: object) -> bool:
    """Single figures whose heads name different kinds of event ("killed" / "injured") count
    different things."""
    from ..align import EVENT_CLASS_NAMES

    a, b = pair.a, pair.b
    return a.head in EVENT_CLASS_NAMES and b.head in EVENT_CLASS_NAMES and a.head != b.head


@rules.register("compare.veto.far_apart", "compare.veto",
                effect='Never fired on the dev pairs (41).')
def _far_apart(pair: ClaimPair, context: object) -> bool:
    """Single figures more than 1.5 times apart (``COUNT_RATIO``) are more likely of different
    things than one thing misreported."""
    a, b = pair.a.mention.value, pair.b.mention.value
    low, high = min(a.high, b.high), max(a.low, b.low)
    return low <= 0 or high / low > current().compare.count_ratio


def _counted_event(claim: Claim) -> str | None:
    """The kind of event a count is a count of: its head when that names one ("killed"),
    else the one such kind its clause names ("leaving 70 people injured")."""
    from ..align import EVENT_CLASS_NAMES

    if claim.head in UPDATE_CLASSES:
        return claim.head
    named = {term for term in claim.about if term in UPDATE_CLASSES}
    if claim.head not in EVENT_CLASS_NAMES and len(named) == 1:
        return next(iter(named))
    return None


def _odd_magnitude(single: Sequence[Claim], double: Sequence[Claim],
                   weights: Weights | None) -> tuple[Claim, Claim] | None:
    """A report that gives one order of magnitude for a counted thing ("tens of thousands
    of files") against one that gives two ("tens of thousands" in its lead, "hundreds of
    thousands" further down): the second contradicts itself, and its other figure
    contradicts the first report, although the two share a figure. Only vague orders of
    magnitude, which a report does not give for two subsets of one thing; each side's
    figures must all be of that kind, on one topic (``SAME_TOPIC``), and the counted
    events must not differ ("killed", "injured")."""
    from ..align import EVENT_CLASS_NAMES

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

    if min(topic(one, odd), topic(shared, odd)) < current().compare.same_topic:
        return None
    return one, odd


def _order_of_magnitude(claim: Claim) -> bool:
    """"Tens of thousands", "hundreds": a vague amount that still fixes the order of
    magnitude, so two of them that do not overlap say different things."""
    value = claim.mention.value
    return value.approximate and math.isfinite(value.high) and value.low >= current().compare.count_minimum \
        and value.high >= 9 * value.low
