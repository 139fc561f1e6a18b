"""Measures (issue 16): what a figure is a figure of, read from its parse, so that two values of
one measure are compared even when told in different words, and two values of different
measures never are, however alike their clauses.

Compare aligns two values by the words their clauses share (``align.pair_claims``). On the read
half of ``benchmarks/stories.py`` the biggest cause of missed number conflicts was one measure
told in different words ("239 passengers on board" / "there were 227 passengers on the flight",
"at least 180 people were injured" / "put the number of injured at more than 300"): aligned at
0.39 to 0.55, under the conflict floor of 0.6. The key of a count (``FactKey`` on ``Claim.key``):

- ``unit``: the counted noun ("passengers", "people", "year");
- ``event``: the event class the count is a count of: the predicate's ("were injured"), a
  modifier's ("wounded people"), or the one a tally noun names ("the number of injured", "the
  death toll");
- ``holder``: whose figure it is: a named possessor ("Indianapolis' record"), a named person the
  figure is predicated of, a place or year qualifier ("the toll in Marra", "in 2011");
- ``scope``: "part" ("150 of the 239 passengers"), "increment" ("another 22"), or None (a total).

``same_measure`` says "same" (one measure), "clash" (different measures, holders or scopes) or
None (the key cannot tell; the clause alignment decides as before).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .. import rules
from ..align import EVENT_CLASS_NAMES, EVENT_CLASSES, ClaimPair, Weights, _governor, event_class, pair_claims
from ..model import AnnotatedArticle, Claim, FactKey, Quantity, Timex
from ..settings import current

MEASURED = (
    "The three measure rules together (benchmarks/stories.py, 2026-12-05; not ablated one by one, a visible-set "
    "run takes 20 min on the shared machine): stories_dev read half recall 0.21 -> 0.29 (5/24 -> 7/24: the "
    "passengers 239/227, the injured 180/300), precision 0.71 -> 0.78 (no new false alarm); score half "
    "unchanged (recall 0.07, 1/15; conflicts right 0.50, 14/28, no new visible conflict); visible read half 3 "
    "new conflicts pending blind judging. Dev pairs unchanged (P 1.00, R 0.83)."
)
SAME_MEASURE = "compare.judge.same_measure"
MEASURE_CLASH = "compare.judge.measure_clash"
DURATION_COUNT = "compare.judge.duration_count"

# Event classes (align.EVENT_CLASSES) that name what a count counts, one figure per story: the
# dead, the injured, the arrested, the displaced, the passengers aboard, years of a sentence. A
# visit, a meeting ("held 300 people"), a signing or a start counts nothing of its own; amounts
# paid, votes and charges name many figures in one story (one cost of each thing, one vote per
# motion), so their class alone does not make two of them one measure.
MEASURE_CLASSES = frozenset({"death", "injury", "hospital", "arrest", "evacuate", "missing", "aboard", "sentence",
                             "release"}) & EVENT_CLASS_NAMES
# Nouns that name a tally of something else: "the number of injured", "the death toll".
_TALLY_NOUNS = {"number", "toll", "total", "count", "tally", "figure"}
# Counted nouns that say nothing of which count it is: many measures of a story count people
# or years.
_GENERIC_NOUNS = {"people", "person", "one", "time", "case", "other", "year", "month", "week", "day", "hour",
                  "minute", "second", "percent", "%", "point", "unit", "thing"}
# Heads that name no measure of their own.
_GENERIC_HEADS = {"be", "have", "do", "get", "say", "include", "report", "make", "take", "give", "put", "number",
                  "total", "more", "least", "people", "leave", "show", "bring", "reach", "rise", "fall"}
_TIME_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day"}
_MINIMUM = 0.25  # align.pair_claims' default floor for a candidate pair

_PART_AFTER = re.compile(r"^\s+of\s+(?:the|its|their|all|them|whom|which|those|these|\d)", re.IGNORECASE)
_PART_BEFORE = re.compile(r"\b(?:including|among\s+them|of\s+whom|of\s+which|of\s+them|first|last)\s*$",
                          re.IGNORECASE)


# --- the key -----------------------------------------------------------------------------------

def keyed(item: AnnotatedArticle, claims: Sequence[Claim], canonical: dict[str, str]) -> list[Claim]:
    """The claims of one article with their measure keys (``Claim.key``) where the parse is at
    hand; claims of other kinds, or without a parse, are returned as they are."""
    found = []
    for claim in claims:
        key = None
        if claim.kind == "number" or _duration(claim) is not None:
            doc = item.doc if claim.mention.field == "text" else item.title_doc
            span = doc.char_span(claim.mention.start, claim.mention.end, alignment_mode="expand") \
                if doc is not None else None
            if span is not None:
                key = claim_key(claim, span, canonical)
        found.append(replace(claim, key=key) if key is not None else claim)
    return found


def claim_key(claim: Claim, span, canonical: dict[str, str]) -> FactKey:
    """The measure key of one count (or duration) from its spaCy span."""
    duration = _duration(claim)
    unit = duration[1] if duration else getattr(claim.mention.value, "unit", None)
    noun = _counted_noun(span, unit)
    governor = _governor(span)
    event = _event(claim, noun, governor)
    holder = _holder(span, noun, governor, canonical)
    scope = _scope(claim)
    words = [str(unit)] if unit else []
    if event and event != unit:
        words.append(f"({event})")
    return FactKey(event=event, measure=" ".join(words) or None, holder=holder, unit=unit, scope=scope)


def _counted_noun(span, unit: object):
    """The token of the counted noun ("passengers" of "239 passengers"), or None."""
    if not unit:
        return None
    target = str(unit).lower()
    sentence = span.sent
    for token in (span.root, span.root.head, *span.doc[span.end:min(span.end + 4, sentence.end)]):
        if token.lower_ == target or token.lemma_.lower() == target:
            return token
    return None


def _event(claim: Claim, noun, governor) -> str | None:
    """The event class a count counts: its head's, else a modifier of its counted noun's
    ("wounded people", "people injured"), else the one a tally noun names ("the number of
    injured", "the death toll"); else its head when that is a content word."""
    # A head that is the counted noun's own class ("passengers": aboard) says nothing of the count.
    own = event_class(noun.lemma_.lower()) if noun is not None else None
    if claim.head in MEASURE_CLASSES and claim.head != own:
        return claim.head
    if noun is not None:
        for child in noun.children:
            if child.dep_ in ("amod", "acl", "relcl", "compound") and _class(child) in MEASURE_CLASSES:
                return _class(child)
    if governor is not None:
        for token in (governor, *governor.children):
            if token.lemma_.lower() not in _TALLY_NOUNS:
                continue
            for child in token.children:
                if child.dep_ in ("compound", "amod", "nmod") and _class(child) in MEASURE_CLASSES:
                    return _class(child)
                if child.dep_ == "prep" and child.lower_ == "of":
                    for named in child.children:
                        if _class(named) in MEASURE_CLASSES:
                            return _class(named)
    if claim.head and claim.head not in _GENERIC_HEADS and claim.head != own and governor is not None \
            and governor.pos_ in ("VERB", "NOUN"):
        return claim.head
    return None


def _class(token) -> str:
    lemma = token.lemma_.lower()
    return event_class(lemma if lemma in EVENT_CLASSES else token.lower_)


def _holder(span, noun, governor, canonical: dict[str, str]) -> str | None:
    """Whose figure it is: a named possessor of the counted noun or of the noun the figure
    hangs from ("Indianapolis' record"), or a place or year qualifying it ("the toll in Marra",
    "in 2011"). Not a verb's subject: "Judge Amell sentenced Deyle to seven years" is Deyle's
    sentence."""
    inside = range(span.start, span.end)
    holders = []
    for token in (noun, governor):
        if token is None:
            continue
        for child in token.children:
            if child.i in inside:
                continue
            if child.dep_ == "poss" and child.pos_ == "PROPN":
                holders.append(_entity_text(child))
            elif child.dep_ == "prep" and child.lower_ in ("in", "for"):
                for place in child.children:
                    if place.i not in inside and place.ent_type_ in ("GPE", "LOC", "FAC", "DATE") \
                            and (place.ent_type_ != "DATE" or place.like_num):
                        holders.append(_entity_text(place))
    if not holders:
        return None
    return canonical.get(holders[0], holders[0])


def _entity_text(token) -> str:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text
    words = [t for t in token.subtree if t.dep_ in ("compound", "flat") or t is token]
    return " ".join(t.text for t in words)


def _scope(claim: Claim) -> str | None:
    """"part" for a part of a count ("150 of the 239 passengers", "including 12 children"),
    "increment" for an addition ("another 22 countries", "five more people"), None for a total."""
    from .judges import _scope as increment

    sentence, mention = claim.sentence, claim.mention
    before = sentence.text[:max(0, mention.start - sentence.start)]
    after = sentence.text[mention.end - sentence.start:]
    if _PART_AFTER.match(after) or _PART_BEFORE.search(before):
        return "part"
    return "increment" if increment(claim) == "increment" else None


def _duration(claim: Claim) -> tuple[float, str] | None:
    """(amount, unit) of a duration told as a date-kind value in one whole unit ("seven years":
    P7Y), or None."""
    value = claim.mention.value
    if claim.kind != "date" or not isinstance(value, Timex) or value.type != "DURATION":
        return None
    match = re.fullmatch(r"P(\d+(?:\.\d+)?)([YMWD])", value.value)
    if not match or value.modifier not in (None, "MORE_THAN", "EQUAL_OR_MORE"):
        return None
    return float(match.group(1)), _TIME_UNITS[match.group(2)]


def as_count(claim: Claim) -> Claim | None:
    """A duration told as a date ("sentenced to seven years", P7Y) as a count in its unit (7
    year), so that it compares with one told as a count ("a five-year sentence")."""
    found = _duration(claim)
    if found is None or claim.key is None:
        return None
    amount, unit = found
    floor = claim.mention.value.modifier is not None
    value = Quantity(amount, float("inf") if floor else amount, unit, amount)
    return replace(claim, kind="number", mention=replace(claim.mention, value=value))


# --- the judgement -----------------------------------------------------------------------------

def same_measure(a: Claim, b: Claim) -> str | None:
    """"same" when two counts' keys name one measure (the same specific counted noun, or the
    same event with counted nouns that agree; one scope; no other holder), "clash" when they
    name different ones (a part against a total, two different counted events, two holders),
    None when the keys cannot tell."""
    ka, kb = a.key, b.key
    if ka is None or kb is None or a.kind != "number" or b.kind != "number":
        return None
    if ka.scope != kb.scope:
        return "clash"
    class_a = ka.event if ka.event in MEASURE_CLASSES else None
    class_b = kb.event if kb.event in MEASURE_CLASSES else None
    if class_a and class_b and class_a != class_b:
        return "clash"
    if _holders_differ(ka.holder, kb.holder):
        return "clash"
    if ka.scope is not None or (ka.holder or "").lower() != (kb.holder or "").lower():
        # Two parts (or two additions) may be parts of anything; a holder only one side names
        # ("168,000 killed in Aceh" / "230,000 killed") may be a part of the other's count.
        return None
    # The same specific counted noun under no two different predicates ("rescued 40 passengers"
    # and "carried 227 passengers" are two counts of passengers).
    if ka.unit and ka.unit == kb.unit and _specific(ka.unit) and (ka.event == kb.event or not (ka.event and kb.event)):
        return "same"
    if class_a and class_a == class_b and _nouns_agree(ka.unit, kb.unit):
        return "same"
    return None


def _specific(unit: str) -> bool:
    from ..annotate.quantities import _is_dimensioned

    return unit.isalpha() and unit.islower() and len(unit) > 2 and unit not in _GENERIC_NOUNS \
        and not _is_dimensioned(unit)


def _nouns_agree(x: str | None, y: str | None) -> bool:
    return x == y or (x in (None, "people", "person") and y in (None, "people", "person"))


def _holders_differ(x: str | None, y: str | None) -> bool:
    """Two named holders that share no word and are not one place inside the other."""
    if not x or not y:
        return False
    if set(x.lower().split()) & set(y.lower().split()):
        return False
    from ..annotate.places import place_relation

    return place_relation(x, y) in ("different", "unknown")


def lifts(pair: ClaimPair, *, durations_only: bool = False) -> bool:
    """Whether the key says the pair's values are of one measure, so that a veto reading only
    the clauses (a weak alignment, a head that names no event) does not drop it: the pair must
    still align at ``measure_conflict_score``. Records that ``compare.judge.same_measure``
    decided. ``durations_only``: only for lengths of time, which are small numbers without
    being subsets of anything ("seven years" / "five - year"), unlike small counts."""
    if durations_only and getattr(pair.a.mention.value, "unit", None) not in _TIME_UNITS.values():
        return False
    if not pair.same_measure or pair.score < current().compare.measure_conflict_score \
            or not rules.enabled(SAME_MEASURE):
        return False
    rules.fired(SAME_MEASURE)
    return True


def comparable_pairs(claims_a: Sequence[Claim], claims_b: Sequence[Claim], weights: Weights) -> list[ClaimPair]:
    """``align.pair_claims`` judged by the measure keys: a pair whose keys clash is not a
    candidate however alike its clauses (``compare.judge.measure_clash``); one whose keys name
    one measure is kept from ``measure_conflict_score`` (``compare.judge.same_measure``); a
    duration told as a date pairs with a count in its unit (``compare.judge.duration_count``)."""
    clash_on, same_on = rules.enabled(MEASURE_CLASH), rules.enabled(SAME_MEASURE)
    if not (clash_on or same_on or rules.enabled(DURATION_COUNT)):
        return pair_claims(claims_a, claims_b, weights)
    floor = current().compare.measure_conflict_score
    ambiguous = _ambiguous(claims_a) | _ambiguous(claims_b)
    pairs = []
    for pair in pair_claims(claims_a, claims_b, weights, minimum=min(_MINIMUM, floor)):
        verdict = same_measure(pair.a, pair.b)
        if verdict == "clash" and clash_on:
            if pair.score >= _MINIMUM:
                rules.fired(MEASURE_CLASH)
            continue
        one = verdict == "same" and same_on and id(pair.a) not in ambiguous and id(pair.b) not in ambiguous \
            and _close(pair.a, pair.b)
        if pair.score >= _MINIMUM or one:
            pairs.append(replace(pair, same_measure=True) if one else pair)
    if rules.enabled(DURATION_COUNT):
        pairs += _duration_pairs(claims_a, claims_b, weights, floor, ambiguous)
        pairs.sort(key=lambda p: -p.score)
    return pairs


# Two figures of one measure told in different words, misreported or revised, stay within this
# ratio (a toll of 40 rising to 94); past it the read half's lifted pairs were a part against a
# whole ("almost 600,000 displaced" / "some 3,000 evacuated" near the plant).
CLOSE_RATIO = 3.0


def _close(a: Claim, b: Claim) -> bool:
    """Whether two counts are exact figures (not "dozens", "several", "tens of thousands", which
    fix no figure to contradict) within ``CLOSE_RATIO`` of each other."""
    x, y = a.mention.value, b.mention.value
    if not (isinstance(x, Quantity) and isinstance(y, Quantity)) or x.exact is None or y.exact is None:
        return False
    low, high = sorted((abs(x.exact), abs(y.exact)))
    return low > 0 and high / low <= CLOSE_RATIO


def _ambiguous(claims: Sequence[Claim]) -> set[int]:
    """The counts (by ``id``) whose article gives another, conflicting value of the same measure
    ("a 12-year sentence imposed in 1997" and "sentenced to seven years" in 1959): there the key
    names several facts, not one, and only the clauses can say which is which."""
    from .judges import relation

    keyed_counts = [(claim, as_count(claim) or claim) for claim in claims
                    if claim.key is not None and (claim.kind == "number" or as_count(claim) is not None)]
    found: set[int] = set()
    for i, (claim, count) in enumerate(keyed_counts):
        for other, other_count in keyed_counts[i + 1:]:
            if same_measure(count, other_count) == "same" and relation(count, other_count) == "conflict":
                found.update((id(claim), id(other)))
    return found


def _duration_pairs(claims_a: Sequence[Claim], claims_b: Sequence[Claim], weights: Weights,
                    floor: float, ambiguous: set[int]) -> list[ClaimPair]:
    """Pairs of a duration told as a date on one side and a count in the same time unit on the
    other whose keys name one measure ("sentenced to seven years" / "a five-year sentence")."""
    found = []
    for left, right, flip in ((claims_a, claims_b, False), (claims_b, claims_a, True)):
        counts = [c for c in right if c.kind == "number" and c.key is not None and c.key.unit in _TIME_UNITS.values()]
        if not counts:
            continue
        for claim in left:
            twin = as_count(claim)
            if twin is None or id(claim) in ambiguous:
                continue
            for other in counts:
                # "same" needs one time unit (_nouns_agree)
                if id(other) in ambiguous or same_measure(twin, other) != "same" or not _close(twin, other):
                    continue
                a, b = (other, twin) if flip else (twin, other)
                for pair in pair_claims([a], [b], weights, minimum=floor):
                    rules.fired(DURATION_COUNT)
                    found.append(replace(pair, same_measure=True))
    return found


rules.define(SAME_MEASURE, "compare.judge",
             "Two counts whose measure keys name one measure (the same specific counted noun, \"239 passengers\" "
             "/ \"227 passengers\"; or the same counted event with agreeing nouns, \"180 people were injured\" / "
             "\"put the number of injured at 300\"; both totals, no other holder) are compared from a lower "
             "alignment (measure_conflict_score) and though their head names no event (compare.measures).",
             effect=MEASURED)
rules.define(MEASURE_CLASH, "compare.judge",
             "Two counts whose measure keys clash (a part against a total, \"150 of the 239 passengers\" / \"227 "
             "passengers\"; different counted events; different named holders or places) are not aligned at "
             "all: no agreement, no conflict (compare.measures).",
             effect=MEASURED + " The passengers conflict needs this rule: the part '150 of the 239' otherwise "
             "agrees with 227 and claims it.")
rules.define(DURATION_COUNT, "compare.judge",
             "A duration told as a date (\"sentenced to seven years in prison\", P7Y) and a count in the same "
             "time unit (\"a five-year sentence\") whose keys name one measure are compared as counts "
             "(compare.measures).",
             effect=MEASURED + " This rule changed no stories_dev result: the read half's one such pair (seven "
             "years / a five - year sentence) is in an article that gives two sentences, where the key names "
             "several facts and is not used.")
