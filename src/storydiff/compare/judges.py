"""Judges: how the values of two aligned claims relate (``relation``: same, compatible, conflict,
unknown), with the ``compare.judge.*`` rules that refine it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .. import rules
from ..model import Claim, Quantity, Timex


def relation(a: Claim, b: Claim) -> str:
    """"same" | "compatible" | "conflict" | "unknown" for the values of two claims, or
    "unresolved-conflict" for dates that conflict only if they are in the same week."""
    va, vb = a.mention.value, b.mention.value
    if isinstance(va, Timex) and isinstance(vb, Timex):
        from ..annotate.temporal import compare_timex

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
        from ..annotate.quantities import compare_quantities

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
        from ..annotate.places import place_relation

        where = place_relation(_expand_place(a.mention.text), _expand_place(b.mention.text))
        return {"same": "same", "contains": "compatible", "within": "compatible",
                "different": "conflict"}.get(where, "unknown")
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
    from ..annotate.quantities import _is_dimensioned

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
    from ..annotate.quantities import _is_dimensioned

    if not (_is_floor(a) and _is_floor(b)) or a.exact == b.exact or a.exact is None or b.exact is None:
        return False  # (a floor always has its exact value)
    if _is_dimensioned(a.unit) or _is_dimensioned(b.unit) or None not in (a.unit, b.unit) and a.unit != b.unit:
        return False
    (low_text, low), (_, high) = sorted(((text_a, a.exact), (text_b, b.exact)), key=lambda pair: pair[1])
    places = _precision(low_text)
    step = 10.0 ** -(places if places is not None else 0)
    return abs(math.floor(high / step) * step - low) > 1e-9
