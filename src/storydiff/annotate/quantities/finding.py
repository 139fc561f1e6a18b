"""Finding quantities in a spaCy ``Doc``: the candidate spans, the counted noun ("40 people" ->
"people"), the physical unit quantulum3 reads after a number, and what is no quantity (years,
numbers in names)."""

from __future__ import annotations

import logging
import re
from typing import Any

from ...model import Field, Mention, Quantity
from ...reference.units import quantulum_parser
from ..nlp import doc_text
from .comparison import _is_dimensioned
from .reading import _read, _tokenize
from .vocabulary import (
    _CURRENCY_WORDS,
    _MAX_MODIFIER,
    _MODIFIER_WORDS,
    _MODIFIERS,
    _SCALE_WORDS,
    _TENS_WORDS,
    _TIME_UNITS,
    _UNIT_NAMES,
    _UNITS_WORDS,
    _VAGUE_MULTIPLIERS,
    NAME_LABELS,
    QUANTITY_LABELS,
)

log = logging.getLogger(__name__)

# --- finding quantities in a spaCy Doc ----------------------------------------------------

_DURATION = re.compile(
    r"(?:\b(?:\d[\d,.]*\s?(?:-|to)\s?)?(?:an?|\d[\d,.]*(?:\s\d[/-]\d)?|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|several|a few)"
    r"(?:\s?-\s?|\s)(?:years?|decades?|centur(?:y|ies)|months?|weeks?|days?|hours?|"
    r"minutes?|seconds?)\b)(?!\s+(?:ago|later|earlier|before|after|from now)\b)",
    re.IGNORECASE,
)
_NUMBERISH = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|several|few|couple|"
    r"handful|scores)\b",
    re.IGNORECASE,
)


_quantulum_parser = quantulum_parser  # the old name, kept for imports from here


def _physical_unit(window: str) -> tuple[str, float, int] | None:
    """The unit quantulum3 reads right after the number at the start of ``window``:
    (short unit name, value in that unit, characters consumed)."""
    # quantulum3's number pattern backtracks on long runs of digits (100 digits took 2.5 s a
    # call, 150 took 7.8 s, 400 minutes; found by fuzzing compare, tests/hostile/test_fuzz.py);
    # no unit follows a number that long in news, so such a window is not given to it.
    if sum(character.isdigit() for character in window) > 24:
        return None
    parser = _quantulum_parser()
    try:
        found = parser.parse(window)
    except Exception as exc:  # quantulum3 raises on odd inputs; a missing unit is not an error
        log.info("quantulum3 could not read %r (%s: %s): the number is kept without a unit", window,
                 type(exc).__name__, exc)
        return None
    if not found:
        return None
    first = found[0]
    if first.span[0] != 0 or first.unit.entity.name in ("dimensionless", "unknown", "currency"):
        return None
    name = first.unit.name
    if name not in _UNIT_NAMES:
        return None
    return _UNIT_NAMES[name][0], float(first.value), first.span[1]


def _excluded(token: Any) -> bool:
    ent = token.ent_type_
    return ent in NAME_LABELS


def _with_joint(noun: Any) -> str:
    """The counted noun, or both nouns of a joint count: "239 passengers and crew" counts
    passengers and crew together ("passenger and crew"), so it is no count of passengers.
    A coordinated noun with a number, article or owner of its own is not in the count
    ("227 passengers and 12 crew members", "3 sons and a daughter", "40 people and their
    dogs"), nor is one said to be other ("tens of thousands of files and other evidence"
    counts files); coordinated verbs ("killed 12 people and injured 40") are not nouns of it."""
    lemma = noun.lemma_.lower()
    if not any(c.dep_ == "cc" and c.lower_ in ("and", "plus", "&") for c in noun.children):
        return lemma
    for other in noun.children:
        if other.dep_ == "conj" and other.pos_ == "NOUN" and other.i > noun.i and not any(
                c.dep_ in ("nummod", "det", "poss", "quantmod") or c.like_num
                or c.lower_ in ("other", "more", "additional") for c in other.children):
            return f"{lemma} and {other.lemma_.lower()}"
    return lemma


def _counted_noun(doc: Any, start: int, end: int) -> str | None:
    """The noun a number counts: "40 people" -> "people", "238-count indictment" -> "count",
    "tens of thousands of protesters" -> "protester"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    last = span[-1]
    # "238-count indictment": a noun glued to the number by a hyphen is what it counts
    if last.i + 2 < len(doc) and doc[last.i + 1].text == "-" and \
            doc[last.i + 1].idx == last.idx + len(last.text) and doc[last.i + 2].pos_ == "NOUN":
        return doc[last.i + 2].lemma_.lower()
    # the dependency parse: the number's head noun, after it
    for tok in reversed(span):
        if tok.like_num or tok.lower_ in _VAGUE_MULTIPLIERS:
            head = tok.head
            if tok.dep_ in ("nummod", "quantmod", "compound", "amod") and head.i > last.i \
                    and head.pos_ in ("NOUN",) and head.i - last.i <= 3:
                while head.dep_ == "compound" and head.head.i > head.i and \
                        head.head.pos_ == "NOUN":
                    head = head.head
                return _with_joint(head)
            break
    # otherwise the next noun: "12 more people", "dozens of people", "238-count indictment"
    j = last.i + 1
    steps = 0
    while j < len(doc) and steps < 6:
        tok = doc[j]
        if tok.pos_ == "NOUN":
            # "police stations": the head of a compound is what is counted
            while tok.dep_ == "compound" and tok.head.i > tok.i and tok.head.pos_ == "NOUN":
                tok = tok.head
            return _with_joint(tok)
        if tok.text in ("-", "of", "more", "other", "the", "additional", "new", "those") or \
                tok.pos_ in ("ADJ", "PROPN"):
            j += 1
            steps += 1
            continue
        break
    return None


def _candidate_spans(doc: Any) -> list[tuple[int, int, str | None, bool]]:
    """(start_char, end_char, spaCy label, is_duration) of phrases that may be quantities."""
    spans: list[tuple[int, int, str | None, bool]] = []
    covered: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in QUANTITY_LABELS:
            spans.append((ent.start_char, ent.end_char, ent.label_, False))
            covered.update(range(ent.start, ent.end))
        elif ent.label_ in ("DATE", "TIME"):
            covered.update(range(ent.start, ent.end))
            # durations inside dates and times: "23 years", "over two decades", "12 hours",
            # "May 1997 to 20 years" (the date part is the temporal tagger's)
            for match in _DURATION.finditer(ent.text):
                spans.append((ent.start_char + match.start(), ent.start_char + match.end(),
                              "DATE", True))
        elif ent.label_ in NAME_LABELS:
            covered.update(range(ent.start, ent.end))
    # numbers spaCy left unlabelled ("12 killed" sometimes), and vague counts ("several")
    for tok in doc:
        if tok.i in covered:
            continue
        low = tok.lower_
        if tok.like_num or low in ("several", "dozens", "hundreds", "thousands", "millions",
                                   "scores", "few", "handful", "couple"):
            if tok.like_num and not any(c.isdigit() for c in tok.text) and low not in \
                    _UNITS_WORDS and low not in _TENS_WORDS and low not in _SCALE_WORDS:
                continue
            if low in ("few", "handful", "couple") and (tok.i == 0 or doc[tok.i - 1].lower_ != "a"):
                continue
            start_tok = doc[tok.i - 1] if low in ("few", "handful", "couple") else tok
            spans.append((start_tok.idx, tok.idx + len(tok.text), None, False))
    return spans


# Counted nouns that are units quantulum3 did not read ("15 inches" after "up to").
_UNIT_LEMMAS = {
    "inch": "in", "kilometer": "km", "kilometre": "km", "km": "km", "centimetre": "cm",
    "centimeter": "cm", "mile": "mile", "foot": "ft", "feet": "ft", "meter": "m", "metre": "m",
    "yard": "yd", "ton": "t", "tonne": "t", "kilogram": "kg", "kg": "kg", "acre": "acre",
    "hectare": "ha", "barrel": "barrel", "gallon": "gal", "litre": "l", "liter": "l",
}
# Nouns after a number that are not what it counts ("300 others", "three times").
_NOT_COUNTED = frozenset({"other", "time", "%", "percent", "one", "more", "lot", "number"})


def _follows_name(doc: Any, start: int) -> bool:
    """A number that is part of a name: "Flight 93", "Apollo 11", "Chapter 11", "No. 2"."""
    before = doc_text(doc)[max(0, start - 12) : start]
    if re.search(r"(?:\b(?:No|Nos|Number|Juror)\.?|#)\s*$", before) or \
            re.search(r"\d\s*[:.]\s*$", before):
        return True  # "No. 8", "#3", and times written "10 : 58"
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    prev = doc[span.start - 1]
    if prev.lower_ in ("no", "no.", "number", "nos", "#"):
        return True
    # a capitalised word right before a number that counts nothing; sentence-initial
    # "Flight" is tagged NOUN, so the tag alone is not enough
    return prev.pos_ in ("PROPN", "NOUN") and prev.text.istitle() and \
        prev.ent_type_ not in ("GPE", "NORP")


def _is_year_like(doc: Any, start: int, end: int, text: str, unit: str | None) -> bool:
    if unit is not None:
        return False
    stripped = text.strip()
    if re.fullmatch(r"(1[5-9]|20)\d\d", stripped):
        return True
    # times and scores glued by colons or slashes: "5:30", "9/11"
    after = doc_text(doc)[end : end + 1]
    before = doc_text(doc)[start - 1 : start] if start else ""
    return after in (":", "/") or before in (":", "/")


def find_quantities(doc: Any, field: Field = "text") -> list[Mention]:
    """Quantity mentions in a spaCy ``Doc``, each with exact offsets into ``doc.text`` and a
    ``Quantity`` reading. Dates, times, ordinals and numbers inside names are skipped."""
    text = doc_text(doc)
    mentions: list[Mention] = []
    seen: list[tuple[int, int]] = []
    for start, end, label, is_duration in sorted(_candidate_spans(doc)):
        if any(s < end and start < e for s, e in seen):
            continue
        # look a few words left for a modifier spaCy left out ("nearly", "at least")
        left = start
        before = text[max(0, start - 30) : start]
        for size in range(_MAX_MODIFIER, 0, -1):
            pattern = r"(?:^|(?<=\W))(" + r"\s+".join(r"\S+" for _ in range(size)) + r")\s+$"
            m = re.search(pattern, before)
            if m and tuple(w.lower().rstrip(".") for w in m.group(1).split()) in _MODIFIERS:
                left = start - (len(before) - m.start(1))
                break
        else:
            m = re.search(r"(\$|US\$|dlrs|Rs\.?|£|€)\s*$", before)
            if m:
                left = start - (len(before) - m.start(1))
        # read the phrase plus a little to the right ("-some", "percent", "or more")
        window_end = min(len(text), end + 24)
        window = text[left:window_end]
        words = _tokenize(window)
        if not words:
            continue
        reading = _read(window)
        if reading is None:
            # spaCy's span may start with words we do not read ("the", "his"): start at the
            # first numeric or modifier word
            for k, word in enumerate(words):
                if word.start >= end - left:
                    break
                if word.is_digit or word.text in _UNITS_WORDS or word.text in _TENS_WORDS or \
                        word.text in _MODIFIER_WORDS or word.text in ("several", "dozens", "a",
                                                                      "hundreds", "thousands",
                                                                      "tens", "between"):
                    reading = _read(window, k)
                    if reading is not None:
                        break
        if reading is None:
            continue
        m_start, m_end = left + reading.start, left + reading.end
        if m_start >= end or m_end <= start:
            continue
        # never end past spaCy's span by more than the right-hand extras we read
        if is_duration and reading.unit not in ("year", "month", "day", "hour", "minute"):
            continue
        phrase = text[m_start:m_end]
        tok = doc.char_span(m_start, m_end, alignment_mode="expand")
        if tok is not None and any(_excluded(t) for t in tok if t.like_num) and label is None:
            continue
        unit = reading.unit
        low, high, exact = reading.low, reading.high, reading.exact
        if unit is None:
            core = re.search(r"\d", phrase)
            core_start = m_start + (core.start() if core else 0)
            physical = _physical_unit(text[core_start : min(len(text), m_end + 30)]) \
                if reading.exact is not None else None
            number_text = phrase.lower()
            # "1.2m": quantulum3 reads metres, news means millions (handled by _read); here
            # quantulum3 is asked only when our reader found no unit
            if physical is not None and core_start + physical[2] > m_end:
                unit = physical[0]
                consumed = text[m_start : core_start + physical[2]]
                if consumed.endswith(("-", " ")):
                    consumed = consumed.rstrip("- ")
                m_end = m_start + len(consumed)
                phrase = text[m_start:m_end]
            elif "magnitude" in text[max(0, m_start - 12) : m_end + 12].lower() and \
                    "." in number_text:
                unit = "magnitude"
        if unit is None:
            unit = _counted_noun(doc, m_start, m_end)
            if unit in _TIME_UNITS or unit in _NOT_COUNTED:
                unit = None
            elif unit in _UNIT_LEMMAS:
                unit = _UNIT_LEMMAS[unit]
            elif unit in _CURRENCY_WORDS:
                # "tens of thousands of dollars"; "pounds" is money only in a MONEY span
                unit = _CURRENCY_WORDS[unit]
            elif unit == "pound":
                unit = "GBP" if label == "MONEY" else "lb"
        if _is_year_like(doc, m_start, m_end, phrase, unit):
            continue
        if not _is_dimensioned(unit) and _follows_name(doc, m_start):
            continue
        if phrase.lower() == "one" or re.match(r"\s+of\b", text[m_end : m_end + 4]) and \
                reading.exact == 1:
            continue  # "one of the attacks"
        if phrase.lower() in ("one", "a", "an") and unit is None:
            continue
        seen.append((m_start, m_end))
        mentions.append(
            Mention(
                kind="quantity",
                start=m_start,
                end=m_end,
                text=phrase,
                field=field,
                value=Quantity(low, high, unit, exact, reading.approximate),
                label=label if label != "DATE" else "DURATION",
            )
        )
    return mentions
