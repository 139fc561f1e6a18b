"""Candidates (time expressions found by a rule, before overlaps are resolved), the context
they are resolved in (the text, its publication date, the spaCy parse and the tense of the
governing verb), calendar arithmetic, and numbers and units of durations."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .vocabulary import _EXPECTATION, _SMALL_NUMBERS, _TENS, _UNITS, _VAGUE_NUMBERS, Tense

# --------------------------------------------------------------------------------------
# Candidates and the context they are resolved in
# --------------------------------------------------------------------------------------


@dataclass
class _Candidate:
    """A time expression found by a rule, before overlaps are resolved."""

    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    # Higher wins among candidates of the same length.
    rank: int = 0
    # A time of day whose date comes from a neighbouring expression (or the publication).
    clock: str | None = None
    # A shift relative to the last resolved date before it ("a year earlier").
    shift: tuple[float, str] | None = None


@dataclass
class _Context:
    text: str
    published: date | None
    doc: Any
    _token_at: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._token_at = [-1] * (len(self.text) + 1)
        for token in self.doc:
            for offset in range(token.idx, token.idx + len(token.text)):
                self._token_at[offset] = token.i

    def token(self, offset: int) -> Any | None:
        index = self._token_at[offset] if 0 <= offset < len(self._token_at) else -1
        return self.doc[index] if index >= 0 else None

    def tense(self, start: int, end: int) -> Tense | None:
        """Tense of the verb that governs the expression at ``start:end``."""
        token = self.token(start)
        if token is None:
            return None
        for _ in range(8):
            if token.pos_ in ("VERB", "AUX") or token.head is token:
                break
            token = token.head
        if token.pos_ not in ("VERB", "AUX"):
            return None
        # A participle or infinitive has no tense of its own ("expected to begin on
        # Wednesday, followed by the House on Thursday"): it takes the tense of the
        # clause it hangs from.
        for _ in range(3):
            if token.tag_ not in ("VB", "VBN", "VBG") or token.dep_ not in ("advcl", "xcomp", "conj"):
                break
            if any(child.dep_ in ("aux", "auxpass") and child.lower_ != "to" for child in token.children):
                break
            if token.head is token or token.head.pos_ not in ("VERB", "AUX"):
                break
            token = token.head
        auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
        # "is expected to", "are scheduled to", "is set for next week": a present verb of
        # expectation announces what has not happened yet.
        if token.lemma_.lower() in _EXPECTATION and not any(aux.tag_ == "VBD" for aux in auxiliaries) \
                and token.tag_ != "VBD" and any(child.dep_ in ("xcomp", "auxpass") for child in token.children):
            return "future"
        for aux in auxiliaries:
            lower = aux.lower_
            if lower in ("will", "'ll", "shall", "wo") or (lower == "going" and token.tag_ == "VB"):
                return "future"
        if token.tag_ == "VBD" or any(aux.tag_ == "VBD" for aux in auxiliaries):
            return "past"
        if any(aux.lemma_ == "have" for aux in auxiliaries) and token.tag_ == "VBN":
            return "past"
        if token.tag_ in ("VBZ", "VBP", "VBG"):
            if token.tag_ == "VBG" and any(aux.tag_ == "VBD" for aux in auxiliaries):
                return "past"
            return "present"
        return None

    def preceding_word(self, offset: int) -> str:
        match = re.search(r"([\w'-]+)\W*$", self.text[max(0, offset - 30) : offset])
        return match.group(1).lower() if match else ""


# --------------------------------------------------------------------------------------
# Calendar arithmetic
# --------------------------------------------------------------------------------------


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _last_completed_quarter(day: date) -> tuple[int, int]:
    year, quarter = _quarter_of(day)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def _weekday_near(published: date, weekday: int, tense: Tense | None) -> date:
    """The date of ``weekday`` (1 = Monday) that a report published on ``published`` means.

    Only a future verb ("will travel") looks ahead; everything else looks back, the
    publication day included (wire copy says "said Friday" of the day it is filed). In
    TimeBank/AQUAINT a bare weekday is before the report 163 times, on its day 141 and after
    it only 18, so present tense ("is due Friday") is not trusted to mean the future."""
    back = (published.isoweekday() - weekday) % 7
    ahead = (weekday - published.isoweekday()) % 7
    if tense == "future":
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)


def _weekday_with_day(published: date, weekday: int | None, day: int) -> date | None:
    """The date closest to ``published`` whose day of month is ``day`` (and weekday matches)."""
    best: date | None = None
    for months in range(-3, 4):
        year, month = _add_months(published.year, published.month, months)
        if day > calendar.monthrange(year, month)[1]:
            continue
        candidate = date(year, month, day)
        if weekday is not None and candidate.isoweekday() != weekday:
            continue
        if best is None or abs((candidate - published).days) < abs((best - published).days):
            best = candidate
    return best


def _year_for_month(published: date, month: int, tense: Tense | None, day: int | None = None) -> int:
    """The year of a month (and day) named without one: the occurrence nearest the report,
    where one on the wrong side of the verb's tense counts as six months further away.

    A strict tense rule put "Jan. 13" in a future-tense sentence of a March report into the
    next year, and "Dec. 7" in a past-tense one of October into the last; the nearest
    occurrence with a bias got both right (TimeBank/AQUAINT training signal)."""
    best_year, best_cost = published.year, float("inf")
    for year in (published.year - 1, published.year, published.year + 1):
        last_day = calendar.monthrange(year, month)[1]
        if day is None:
            # A whole month: its middle, against the publication day.
            offset = (date(year, month, min(15, last_day)) - published).days
            if year == published.year and month == published.month:
                offset = 0
        else:
            offset = (date(year, month, min(day, last_day)) - published).days
        cost = abs(offset)
        if (tense == "past" and offset > 0) or (tense == "future" and offset < 0):
            cost += 183
        if cost < best_cost:
            best_year, best_cost = year, cost
    return best_year


def _shift_value(value: str, amount: float, unit: str) -> str | None:
    """Move a resolved TIMEX3 value by ``amount`` units, keeping its granularity."""
    if amount != int(amount):
        return None
    n = int(amount)
    letter = unit
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = date(int(match[1]), int(match[2]), int(match[3]))
        if letter == "D":
            return (day + timedelta(days=n)).isoformat()
        if letter == "W":
            return (day + timedelta(weeks=n)).isoformat()
        if letter in ("M", "Y"):
            months = n if letter == "M" else 12 * n
            year, month = _add_months(day.year, day.month, months)
            return date(year, month, min(day.day, calendar.monthrange(year, month)[1])).isoformat()
        return None
    if match := re.fullmatch(r"(\d{4})-(\d{2})", value):
        if letter in ("M", "Y"):
            year, month = _add_months(int(match[1]), int(match[2]), n if letter == "M" else 12 * n)
            return f"{year}-{month:02d}"
        return None
    if match := re.fullmatch(r"(\d{4})-(Q|H)(\d)", value):
        if letter == "Y":
            return f"{int(match[1]) + n}-{match[2]}{match[3]}"
        if letter == "Q" and match[2] == "Q":
            index = int(match[1]) * 4 + int(match[3]) - 1 + n
            return f"{index // 4}-Q{index % 4 + 1}"
        return None
    if match := re.fullmatch(r"(\d{4})(-\w+)?", value):
        if letter == "Y":
            return f"{int(match[1]) + n}{match[2] or ''}"
    return None


# --------------------------------------------------------------------------------------
# Numbers and units
# --------------------------------------------------------------------------------------


def _number(text: str) -> float | None:
    """The value of a spelled or written number; None for vague ones ("several")."""
    words = re.sub(r"\s+", " ", text.lower().strip())
    if words in _VAGUE_NUMBERS:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", words):
        return float(words)
    if half := re.fullmatch(r"(\d+)(?:\s+1/2|½)", words):
        return float(half[1]) + 0.5
    if words in _SMALL_NUMBERS:
        return float(_SMALL_NUMBERS[words])
    parts = re.split(r"[- ]", words)
    if parts[0] in _TENS:
        total: float = _TENS[parts[0]]
        if len(parts) > 1:
            total += _SMALL_NUMBERS.get(parts[1], 0)
        return float(total)
    return None


def _unit_key(word: str) -> str:
    word = word.lower()
    if word.startswith("centur"):
        return "century"
    if word.startswith("millenni"):
        return "millennium"
    return word[:-1] if word.endswith("s") and word[:-1] in _UNITS else word


def _duration_value(amount: float | None, unit: str) -> str:
    """``P2Y``, ``PT30M``, ``PXY``; decades and centuries are written in years, as in TimeBank."""
    letter, timed, _ = _UNITS[unit]
    prefix = "PT" if timed else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    scale = {"decade": 10, "century": 100, "millennium": 1000, "fortnight": 2}.get(unit, 1)
    amount *= scale
    if amount != int(amount):
        # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M, as TimeBank writes them.
        smaller = {"Y": (12, "M", False), "D": (24, "H", True), "H": (60, "M", True),
                   "M": (60, "S", True) if timed else (30, "D", False), "W": (7, "D", False)}
        if letter in smaller:
            factor, small_letter, small_timed = smaller[letter]
            whole = int(amount)
            rest = (amount - whole) * factor
            if rest == int(rest):
                if whole == 0:
                    return ("PT" if small_timed else "P") + f"{int(rest)}{small_letter}"
                if small_timed and not timed:
                    return f"P{whole}{letter}T{int(rest)}{small_letter}"
                return f"{prefix}{whole}{letter}{int(rest)}{small_letter}"
        return f"{prefix}{amount:g}{letter}"
    return f"{prefix}{int(amount)}{letter}"
