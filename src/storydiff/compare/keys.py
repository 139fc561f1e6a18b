"""Fact keys: what a finding is about and its evidence (the exact span and normalised value of each
claim).
"""

from __future__ import annotations

from ..align import ClaimPair
from ..model import Claim, Evidence, FactKey, Mention, Quantity, Timex


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


def _is_counted_noun(unit: object) -> bool:
    from ..annotate.quantities import _is_dimensioned

    return isinstance(unit, str) and unit.isalpha() and unit.islower() and not _is_dimensioned(unit) \
        and len(unit) > 2
