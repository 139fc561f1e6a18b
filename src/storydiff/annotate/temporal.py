"""Dates and times in news English, normalised to TimeML TIMEX3 values.

``find_timexes`` finds time expressions with a grammar of news idioms ("Monday (21)",
"April last year", "the third quarter", "over two decades", "6:41pm"), adds the spaCy
DATE/TIME spans the grammar misses (normalised with dateparser), and resolves relative
expressions against the publication date, reading the tense of the governing verb to decide
whether a bare "Wednesday" lies before or after it. ``compare_timex`` says whether two
sources' values for the same fact agree, are compatible (one is coarser), or conflict.

The benchmark is ``benchmarks/temporal.py`` (TimeBank + AQUAINT, scored the TempEval-3 way
against HeidelTime); figures quoted in comments below come from its training signal.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Literal

from .. import rules
from ..model import Mention, Timex
from ..reference import numbers
from ..reference.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAY_NAMES

Tense = Literal["past", "present", "future"]
Verdict = Literal["same", "compatible", "conflict", "unknown"]

__all__ = ["find_timexes", "compare_timex"]

# --------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------

_MONTHS = dict(MONTHS)
_MONTH_WORDS = "|".join(name.capitalize() for name in MONTH_NAMES)
_MONTH_ABBREVIATIONS = "|".join(word.capitalize() for word in MONTH_ABBREVIATIONS)
# Month names are matched case-sensitively (Title or UPPER case): lowercase "may" and
# "march" are a verb and a noun far more often than a month in news text.
_MONTH = (
    "(?-i:" + _MONTH_WORDS + "|" + _MONTH_WORDS.upper() + "|"
    + "(?:" + _MONTH_ABBREVIATIONS + "|" + _MONTH_ABBREVIATIONS.upper() + r")(?:\.|(?![a-z])))"
)
# A bare month that is also a common name or word needs a preceding cue ("in May").
_AMBIGUOUS_MONTHS = {"may", "march", "april", "june", "august", "jan", "mar", "jun"}
_MONTH_CUES = {
    "in", "since", "until", "till", "by", "of", "last", "next", "this", "through",
    "from", "to", "between", "and", "or", "before", "after", "during", "for", "on", "early",
    "late", "mid", "mid-", "that", "each", "every", "past", "coming", "end", "beginning",
    "start", "middle", "around",
}

# Verbs whose present tense announces a coming event ("the vote is scheduled to take place").
_EXPECTATION = {"expect", "schedule", "set", "due", "plan", "slate", "intend", "poise"}

# ISO weekday numbers (Monday 1), as TIMEX3 writes them.
_WEEKDAYS = {name: number for number, name in enumerate(WEEKDAY_NAMES, 1)}
_WEEKDAY = "(?:" + "|".join(WEEKDAY_NAMES) + ")"

_PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI",
}
_PART = "(?:morning|afternoon|evening|night)"

_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# First month of each season (winter starts in December of the year it is named after).
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

_SMALL_NUMBERS = {
    **numbers.UNITS, "a": 1, "an": 1, "single": 1, "a single": 1, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2, "a hundred": 100, "one hundred": 100,
    "a thousand": 1000, "half a": 0.5, "half an": 0.5,
}
_TENS = dict(numbers.TENS)
_VAGUE_NUMBERS = {"several", "few", "a few", "some", "many", "a number of", "dozens of", "hundreds of"}
_NUMBER = (
    r"(?:\d+(?:\.\d+)?(?:\s+1/2|½)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|a couple of|couple of|a dozen|dozen|half an?|a hundred|one hundred|a thousand|a single"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|an|a|a few|few|several|some|many"
    r"|a number of|dozens of|hundreds of)"
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}

# Unit word -> (TIMEX3 duration letter, whether it sits after "T", size in days).
_UNITS: dict[str, tuple[str, bool, float]] = {
    "second": ("S", True, 1 / 86400), "minute": ("M", True, 1 / 1440),
    "hour": ("H", True, 1 / 24), "day": ("D", False, 1), "night": ("D", False, 1),
    "week": ("W", False, 7), "fortnight": ("W", False, 14), "month": ("M", False, 30.44),
    "quarter": ("Q", False, 91.31), "year": ("Y", False, 365.25),
    "decade": ("Y", False, 3652.5), "century": ("Y", False, 36525),
    "millennium": ("Y", False, 365250),
}
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|centur(?:y|ies)|millenni(?:um|a))"
)

# Quantity modifiers before a duration or a distance in time, as TIMEX3 ``mod`` values.
_DURATION_MODS = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN",
    "just over": "MORE_THAN", "longer than": "MORE_THAN", "upwards of": "MORE_THAN",
    "less than": "LESS_THAN", "under": "LESS_THAN", "just under": "LESS_THAN",
    "fewer than": "LESS_THAN", "nearly": "LESS_THAN", "almost": "LESS_THAN",
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "an estimated": "APPROX",
    "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}
_DURATION_MOD = "(?:" + "|".join(sorted(_DURATION_MODS, key=len, reverse=True)) + ")"

# Position modifiers: "early 1998", "late November", "the end of the year".
_POSITION_MODS = {
    "early": "START", "the beginning of": "START", "the start of": "START",
    "earlier": "START", "late": "END", "the end of": "END", "later": "END",
    "mid": "MID", "mid-": "MID", "the middle of": "MID",
}
_POSITION = r"(?:(?P<pos>early|late|mid-?|the (?:beginning|start|end|middle) of)[\s-]*)?"

_DIGITAL_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# Broadcast transcripts spell years out: "nineteen ninety-four", "two thousand".
_SPELLED_YEAR = (
    r"(?:nineteen[- ](?:" + _TENS_WORD + r"(?:[- ]" + _UNIT_WORD + r")?|hundred)"
    r"|two[- ]thousand(?:[- ](?:and[- ])?" + _UNIT_WORD + r")?)"
)
_YEAR = "(?:" + _DIGITAL_YEAR + "|" + _SPELLED_YEAR + ")"
_B = r"(?<![\w$£€])"  # left edge of a word or number
_E = r"(?![\w])"
_NUMERIC_END = r"(?![\w%]|[.,]\d|-(?:year|month|day|week)|\s*(?:%|percent))"


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
        total = _TENS[parts[0]]
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


# --------------------------------------------------------------------------------------
# The grammar: each rule is a pattern and a function that turns a match into candidates
# --------------------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], _Context], list[_Candidate]]
# (registered name, pattern, handler): each pattern is the rule "temporal.pattern.<handler>",
# switchable by name (``rules.enabled``) like compare's and verify's rules.
_RULES: list[tuple[str, re.Pattern[str], _Handler]] = []

# One line per pattern of the grammar, for ``storydiff rules`` and docs/rules.md.
_PATTERN_DOCS = {
    "month_day": "a month and a day, maybe a weekday and a year: 'Tuesday, March 3', 'Jan. 5, 2021'",
    "day_month": "a day and a month, maybe a year: '3 March 2021', 'the 5th of June'",
    "iso_date": "an ISO date: '2021-03-04'",
    "slash_date": "a numeric date, US order unless the first number is above 12: '3/4/2021'",
    "month_year": "a month and a year: 'March 2021', 'in early June of 2019'",
    "month_relative_year": "a month of last, this or next year: 'March last year'",
    "bare_month": "a month without a day or year, placed by the publication date: 'in March'",
    "year": "a year, maybe fiscal: '2021', 'fiscal 2020'",
    "year_range": "a range of years: '2019-20', '2018-2021'",
    "decade": "a decade: 'the 1990s', \"the '80s\", 'the sixties'",
    "century": "a century: 'the 19th century', 'the last century'",
    "quarter": "a quarter or half of a year: 'the first quarter', 'its fiscal second quarter'",
    "season": "a season, maybe of a year: 'last summer', 'winter 2020'",
    "weekday": "a weekday, maybe with a part of the day: 'on Tuesday', 'last Friday night'",
    "relative_day": "today, yesterday, tomorrow, tonight, maybe with a part of the day: 'yesterday morning'",
    "relative_unit": "a week, month, year or decade relative to the publication date: 'last week', 'next year'",
    "the_weekend": "'the weekend', placed by the publication date",
    "the_year": "the year, week or month a report speaks of: 'the year ended', 'its fiscal year'",
    "reporting_period": "an earnings report's period: 'the latest period', 'the year-ago period'",
    "anchored_year": "a year relative to another: 'that year', 'the following year'",
    "duration": "a length of time with a number: 'three years', 'the past 18 months'",
    "bare_plural": "a vague length of time: 'for years', 'in recent weeks'",
    "vague_span": "a vague span back or ahead: 'the past few years', 'the coming months'",
    "year_earlier": "the same period a year before: 'year-earlier', 'a year earlier'",
    "anchored_day": "a day relative to another: 'that day', 'the next morning'",
    "reference": "a time relative to speaking: 'now', 'currently', 'recently', 'soon', 'former'",
    "set_word": "a recurrence in one word: 'daily', 'weekly', 'annually'",
    "set_every": "a recurrence: 'every week', 'each Monday', 'every two years'",
    "set_rate": "a rate per unit of time: '$5 a year', 'twice a day'",
    "clock": "a time of day: '3 p.m.', '14:30', 'noon', 'about 9 a.m. EST'",
}


def _rule(pattern: str) -> Callable[[_Handler], _Handler]:
    compiled = re.compile(pattern, re.IGNORECASE)

    def register(handler: _Handler) -> _Handler:
        short = handler.__name__.lstrip("_")
        name = f"temporal.pattern.{short}"
        rules.define(name, "temporal.pattern", _PATTERN_DOCS[short], func=handler)
        _RULES.append((name, compiled, handler))
        return handler

    return register


def _span(match: re.Match[str], group: int | str = 0) -> tuple[int, int]:
    return match.start(group), match.end(group)


def _one(match: re.Match[str], type_: str, value: str, mod: str | None = None,
         rank: int = 0, group: int | str = 0) -> list[_Candidate]:
    start, end = _span(match, group)
    return [_Candidate(start, end, type_, value, mod, rank)]


def _position_mod(match: re.Match[str]) -> str | None:
    position = match.groupdict().get("pos")
    if not position:
        return None
    return _POSITION_MODS.get(re.sub(r"[\s-]+$", "", position.lower()))


def _month_number(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _year_number(text: str, published: date | None) -> int:
    words = re.split(r"[- ]+", text.lower())
    if words[0] == "nineteen":
        rest = " ".join(words[1:])
        return 1900 if rest == "hundred" else 1900 + int(_number(rest) or 0)
    if words[0] == "two" and len(words) > 1 and words[1] == "thousand":
        return 2000 + int(_number(words[-1]) or 0) if len(words) > 2 else 2000
    digits = text.lstrip("'’")
    if len(digits) == 2:
        # A two-digit year is taken in the century that brings it closest to the report.
        century = (published.year if published else 2000) // 100 * 100
        year = century + int(digits)
        if published and year - published.year > 20:
            year -= 100
        return year
    return int(digits)


# -- explicit calendar dates -----------------------------------------------------------


# "The Sept. 11 attacks", "the July 7 bombings": a day used as the name of an event. Its
# year is the one the reader knows, not the one nearest the report, so it stays unresolved
# (a 2016 report on a 9/11 bill is not about 2016-09-11).
_NAMED_EVENT = re.compile(r"\s+(?:terror(?:ist)?\s+)?(?:attacks?|bombings?|massacres?|shootings?|riots?|"
                          r"uprising|revolution|coup|terror)\b", re.IGNORECASE)


def _day_candidate(match: re.Match[str], ctx: _Context, month: int, day: int,
                   year_text: str | None) -> list[_Candidate]:
    if not 1 <= day <= 31:
        return []
    weekday = match.groupdict().get("wd")
    if year_text:
        year = _year_number(year_text, ctx.published)
        if day > calendar.monthrange(year, month)[1]:
            return []
        return _one(match, "DATE", f"{year}-{month:02d}-{day:02d}", rank=3)
    if ctx.published is None or (not weekday and _NAMED_EVENT.match(ctx.text, match.end())):
        return _one(match, "DATE", f"XXXX-{month:02d}-{day:02d}", rank=3)
    if weekday:
        # "Wednesday, Feb. 23" pins the year: the nearby one where that date is a Wednesday.
        for year in (ctx.published.year, ctx.published.year - 1, ctx.published.year + 1):
            if day <= calendar.monthrange(year, month)[1] and \
                    date(year, month, day).isoweekday() == _WEEKDAYS[weekday.lower()]:
                return _one(match, "DATE", f"{year}-{month:02d}-{day:02d}", rank=3)
    year = _year_for_month(ctx.published, month, ctx.tense(match.start(), match.end()), day)
    if day > calendar.monthrange(year, month)[1]:
        return []
    return _one(match, "DATE", f"{year}-{month:02d}-{day:02d}", rank=3)


@_rule(_B + r"(?:(?P<wd>" + _WEEKDAY + r"),?\s+)?(?P<mon>" + _MONTH + r")\s*(?P<day>\d{1,2})"
       r"(?:st|nd|rd|th)?(?:,?\s+(?P<year>" + _YEAR + r"|'\d\d))?" + _NUMERIC_END)
def _month_day(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    return _day_candidate(match, ctx, _month_number(match["mon"]), int(match["day"]), match["year"])


@_rule(_B + r"(?:(?P<wd>" + _WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?"
       r"\s+(?:of\s+)?(?P<mon>" + _MONTH + r")(?:,?\s+(?P<year>" + _YEAR + r"))?" + _NUMERIC_END)
def _day_month(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    return _day_candidate(match, ctx, _month_number(match["mon"]), int(match["day"]), match["year"])


@_rule(_B + r"(?P<year>" + _YEAR + r")-(?P<mon>[01]\d)-(?P<day>[0-3]\d)" + _E)
def _iso_date(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    return _day_candidate(match, ctx, int(match["mon"]), int(match["day"]), match["year"]) \
        if 1 <= int(match["mon"]) <= 12 else []


@_rule(_B + r"(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})" + _E)
def _slash_date(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    # US order, as in American wire copy; a day above 12 in first place means day/month.
    first, second = int(match["mon"]), int(match["day"])
    month, day = (first, second) if first <= 12 else (second, first)
    if not 1 <= month <= 12:
        return []
    return _day_candidate(match, ctx, month, day, match["year"])


# -- months, years, decades, centuries --------------------------------------------------


@_rule(_B + _POSITION + r"(?P<mon>" + _MONTH + r")(?:\s+of)?,?\s+(?P<year>" + _YEAR + r"|'\d\d)"
       + _NUMERIC_END)
def _month_year(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    year = _year_number(match["year"], ctx.published)
    return _one(match, "DATE", f"{year}-{_month_number(match['mon']):02d}", _position_mod(match), 2)


@_rule(_B + _POSITION + r"(?P<mon>" + _MONTH + r")\s+(?P<rel>last|this|next)\s+year" + _E)
def _month_relative_year(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    month = _month_number(match["mon"])
    if ctx.published is None:
        return _one(match, "DATE", f"XXXX-{month:02d}", _position_mod(match), 2)
    year = ctx.published.year + {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
    return _one(match, "DATE", f"{year}-{month:02d}", _position_mod(match), 2)


@_rule(_B + r"(?:(?P<rel>last|this|next|this past|this coming|past|coming)\s+)?" + _POSITION
       + r"(?P<mon>" + _MONTH + r")(?!\s*\d)" + _E)
def _bare_month(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    word = match["mon"].lower().rstrip(".")
    if word in _AMBIGUOUS_MONTHS and not match["rel"] and not match["pos"] \
            and ctx.preceding_word(match.start()) not in _MONTH_CUES:
        return []
    month = _MONTHS[word]
    if ctx.published is None:
        return _one(match, "DATE", f"XXXX-{month:02d}", _position_mod(match), 1)
    relation = (match["rel"] or "").lower()
    if relation in ("last", "this past", "past"):
        year = ctx.published.year if month < ctx.published.month else ctx.published.year - 1
    elif relation in ("next", "this coming", "coming"):
        year = ctx.published.year if month > ctx.published.month else ctx.published.year + 1
    elif relation == "this":
        year = ctx.published.year
    else:
        year = _year_for_month(ctx.published, month, ctx.tense(match.start(), match.end()))
    return _one(match, "DATE", f"{year}-{month:02d}", _position_mod(match), 1)


@_rule(_B + _POSITION + r"(?:(?P<fiscal>fiscal(?:\s+year)?|FY|the\s+year)\s*)?(?P<year>" + _YEAR
       + r")" + _NUMERIC_END)
def _year(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    token = ctx.token(match.start("year"))
    if token is not None and not match["fiscal"] and not match["pos"]:
        # "2000 people": a number modifying a noun is a count, not a year, unless spaCy
        # calls it a date ("the 1998 budget").
        # A plural noun marks a count ("2000 people"); spaCy often calls those DATE too.
        if token.dep_ == "nummod" and (token.ent_type_ != "DATE" or token.head.tag_ in ("NNS", "NNPS")):
            return []
        if token.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"):
            return []
    year = _year_number(match["year"], ctx.published)
    # TimeBank writes fiscal years as plain years ("fiscal 1989" -> 1989).
    return _one(match, "DATE", str(year), _position_mod(match), 1)


@_rule(_B + r"(?P<first>" + _YEAR + r")\s*[-–]\s*(?P<second>\d{2}|" + _YEAR + r")" + _NUMERIC_END)
def _year_range(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if not match["first"].isdigit() or not match["second"].isdigit():
        return []
    first = int(match["first"])
    second_text = match["second"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if not first < second <= first + 100:
        return []
    return [
        _Candidate(match.start("first"), match.end("first"), "DATE", str(first), rank=2),
        _Candidate(match.start("second"), match.end("second"), "DATE", str(second), rank=2),
    ]


_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}


@_rule(_B + r"(?:the\s+)?" + _POSITION + r"(?:(?P<century>1[6-9]|20)(?P<decade>\d)0'?s|['’](?P<short>\d)0s"
       r"|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))" + _E)
def _decade(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if match["word"]:
        if not match.group(0).lower().startswith("the"):
            return []  # "in his forties" is an age
        century, decade = "19", str(_DECADE_WORDS[match["word"].lower()])
    elif match["short"]:
        century, decade = "19", match["short"]
    else:
        century, decade = match["century"], match["decade"]
    return _one(match, "DATE", f"{century}{decade}", _position_mod(match), 2)


_CENTURY_ORDINALS = {
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}


@_rule(_B + r"(?:the\s+)?" + _POSITION + r"(?:(?P<number>\d{1,2})(?:st|nd|rd|th)|(?P<word>fifteenth|"
       r"sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[- ]first)|(?P<rel>this|last|next))"
       r"[- ]century" + _E)
def _century(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if match["rel"]:
        if ctx.published is None:
            return _one(match, "DATE", "XX", _position_mod(match), 2)
        number = ctx.published.year // 100 + 1 + {"this": 0, "last": -1, "next": 1}[match["rel"].lower()]
    elif match["number"]:
        number = int(match["number"])
    else:
        number = _CENTURY_ORDINALS[match["word"].lower().replace("-", " ").replace("twenty first", "twenty-first")]
    return _one(match, "DATE", f"{number - 1:02d}", _position_mod(match), 2)


# -- quarters, halves, seasons ---------------------------------------------------------


@_rule(_B + r"(?:(?P<the>the|its|their)\s+)?(?:(?P<pyear>" + _DIGITAL_YEAR + r"|(?:last|this|next)\s+"
       r"year['’]s)\s+)?(?:(?P<adj>fiscal|year-earlier|year-ago|year-before|latest|"
       r"current|previous|prior|same|past|last|most recent|comparable|recent|next|coming|final|"
       r"first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:(?:fiscal|calendar)\s+)?"
       r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last)[\s-]+)?"
       r"(?P<unit>quarter|half)(?:\s+of\s+(?:fiscal\s+|calendar\s+)?(?P<year>" + _YEAR
       + r"|this year|last year|next year))?" + _E)
def _quarter(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    adjective = (match["adj"] or "").lower()
    ordinal_word = (match["ord"] or "").lower()
    if adjective in _ORDINALS or adjective == "final":
        ordinal_word, adjective = adjective, ""
    if not ordinal_word and not adjective and not match["the"] and not match["pyear"]:
        return []
    if not ordinal_word and not match["the"] and adjective not in ("year-earlier", "year-ago"):
        return []
    if match.group(0).lower().startswith("the half") or (match["unit"].lower() == "half" and not ordinal_word):
        return []  # "half" alone is a fraction, not a half-year
    letter = "Q" if match["unit"].lower() == "quarter" else "H"
    count = 4 if letter == "Q" else 2
    ordinal = _ORDINALS.get(ordinal_word) or (count if ordinal_word in ("final", "last") and
                                              ordinal_word != "last" else None)
    if ordinal_word == "last" and not match["year"]:
        # "last quarter" is the previous quarter, not the fourth.
        ordinal, adjective = None, "last"
    year_text = (match["year"] or match["pyear"] or "").lower().replace("'s", "").replace("’s", "")
    year_text = re.sub(r"\s+", " ", year_text)
    if ctx.published is None:
        value = f"XXXX-{letter}{ordinal}" if ordinal else f"XXXX-{letter}X"
        return _one(match, "DATE", value, rank=2)
    published = ctx.published
    if year_text:
        year = {"this year": published.year, "last year": published.year - 1,
                "next year": published.year + 1}.get(year_text) or int(year_text)
    else:
        year = None
    current_year, current = _quarter_of(published)
    if letter == "H":
        current = 1 if published.month <= 6 else 2
    if ordinal is None:
        if adjective in ("current", "this"):
            year, ordinal = current_year, current
        elif adjective in ("next", "coming"):
            index = current_year * count + current
            year, ordinal = index // count, index % count + 1
        else:
            # "the quarter", "the latest quarter", "last quarter": the last one reported on,
            # the one before the current.
            index = current_year * count + current - 2
            year, ordinal = index // count, index % count + 1
    elif year is None:
        tense = ctx.tense(match.start(), match.end())
        start_month = (ordinal - 1) * (12 // count) + 1
        year = current_year if start_month <= published.month or tense == "future" else current_year - 1
    if adjective in ("year-earlier", "year-ago", "year-before"):
        year -= 1
    return _one(match, "DATE", f"{year}-{letter}{ordinal}", rank=2)


@_rule(_B + r"(?:(?P<rel>last|this|next|this past|this coming|past|coming|early|late|the)\s+)?"
       r"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<year>" + _YEAR + r"))?" + _E)
def _season(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    relation = (match["rel"] or "").lower()
    if not relation and not match["year"]:
        return []
    season = _SEASONS[match["season"].lower()]
    mod = {"early": "START", "late": "END"}.get(relation)
    if match["year"]:
        return _one(match, "DATE", f"{_year_number(match['year'], ctx.published)}-{season}", mod, 2)
    if ctx.published is None:
        return _one(match, "DATE", f"XXXX-{season}", mod, 2)
    published = ctx.published
    start_month = _SEASON_START[season]
    # Months since the season began this year (negative: it has not begun yet).
    started = published.month - start_month
    if season == "WI":
        # Winter straddles the new year: January-February belong to the previous year's.
        this_year = published.year if published.month == 12 else published.year - 1
        in_season = published.month in (12, 1, 2)
        last = this_year - 1 if in_season else (published.year - 1)
        upcoming = this_year if in_season else published.year
    else:
        in_season = 0 <= started < 3
        this_year = published.year
        last = published.year - 1 if started < 3 else published.year
        upcoming = published.year if started < 0 or in_season else published.year + 1
    if relation in ("last", "this past", "past"):
        year = last
    elif relation in ("next", "this coming", "coming"):
        year = upcoming
    elif relation == "the":
        tense = ctx.tense(match.start(), match.end())
        year = last if tense == "past" and not in_season else (upcoming if tense == "future" else this_year)
    else:
        year = this_year
    return _one(match, "DATE", f"{year}-{season}", mod, 2)


# -- weekdays and days relative to the report ------------------------------------------


@_rule(_B + r"(?:(?P<rel>last|next|this|this past|this coming|coming|past|previous|earlier|later|"
       r"early|late)\s+)?(?P<wd>" + _WEEKDAY + r")(?P<plural>s)?(?:\s+(?P<part>" + _PART + r"))?"
       r"(?:\s*\(\s*(?P<dom>\d{1,2})(?:st|nd|rd|th)?\s*\)|\s+the\s+(?P<dom2>\d{1,2})(?:st|nd|rd|th))?"
       r"(?:\s+(?P<week>last|next|this)\s+week)?" + _E)
def _weekday(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    weekday = _WEEKDAYS[match["wd"].lower()]
    part = _PARTS_OF_DAY.get((match["part"] or "").lower())
    suffix = f"T{part}" if part else ""
    type_ = "TIME" if part else "DATE"
    relation = (match["rel"] or "").lower()
    mod = {"earlier": "START", "early": "START", "later": "END", "late": "END"}.get(relation)
    if match["plural"]:
        if match["dom"] or match["dom2"]:
            return []
        return _one(match, "SET", f"XXXX-WXX-{weekday}{suffix}", rank=2)
    day_of_month = match["dom"] or match["dom2"]
    if ctx.published is None:
        value = f"XXXX-XX-{int(day_of_month):02d}" if day_of_month else f"XXXX-WXX-{weekday}"
        return _one(match, type_, value + suffix, mod, 2)
    published = ctx.published
    resolved: date | None
    if day_of_month:
        resolved = _weekday_with_day(published, weekday, int(day_of_month)) or \
            _weekday_with_day(published, None, int(day_of_month))
        if resolved is None:
            return []
    elif match["week"]:
        monday = published - timedelta(days=published.isoweekday() - 1)
        monday += timedelta(weeks={"last": -1, "this": 0, "next": 1}[match["week"].lower()])
        resolved = monday + timedelta(days=weekday - 1)
    elif relation in ("last", "this past", "past", "previous"):
        back = (published.isoweekday() - weekday) % 7 or 7
        resolved = published - timedelta(days=back)
    elif relation in ("next", "this coming", "coming"):
        ahead = (weekday - published.isoweekday()) % 7 or 7
        resolved = published + timedelta(days=ahead)
    else:
        resolved = _weekday_near(published, weekday, ctx.tense(match.start(), match.end()))
    return _one(match, type_, resolved.isoformat() + suffix, mod, 2)


_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@_rule(_B + r"(?:(?P<pos>early|late|earlier|later)\s+)?(?:(?P<word>today|yesterday|tomorrow|tonight)"
       r"(?:\s+(?P<part>" + _PART + r"))?|(?P<this>this|last)\s+(?P<part2>morning|afternoon|evening|night))"
       r"(?:['’]s)?" + _E)
def _relative_day(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    word = (match["word"] or "").lower()
    part_word = (match["part"] or match["part2"] or "").lower()
    if word == "tonight":
        part_word = "night"
    offset = _RELATIVE_DAYS.get(word, 0)
    if (match["this"] or "").lower() == "last":
        if part_word != "night":
            return []
        offset = -1
    part = _PARTS_OF_DAY.get(part_word)
    mod = _POSITION_MODS.get((match["pos"] or "").lower())
    end = match.end() - (2 if re.search(r"['’]s$", match.group(0)) else 0)
    if ctx.published is None:
        value = {0: "PRESENT_REF"}.get(offset, "XXXX-XX-XX") if not part else "XXXX-XX-XXT" + part
        return [_Candidate(match.start(), end, "TIME" if part else "DATE", value, mod, 2)]
    day = (ctx.published + timedelta(days=offset)).isoformat()
    return [_Candidate(match.start(), end, "TIME" if part else "DATE",
                       day + (f"T{part}" if part else ""), mod, 2)]


@_rule(_B + r"(?:(?P<pos>earlier|later|early|late)\s+)?(?P<rel>last|this|next|past|coming|previous|"
       r"current|this past|this coming)\s+(?P<unit>week(?:end)?|month|year|decade)" + _E)
def _relative_unit(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    relation = match["rel"].lower()
    unit = match["unit"].lower()
    mod = _POSITION_MODS.get((match["pos"] or "").lower())
    step = {"last": -1, "past": -1, "previous": -1, "this past": -1, "next": 1, "coming": 1,
            "this coming": 1}.get(relation, 0)
    if relation in ("past", "coming") and ctx.preceding_word(match.start()) == "the":
        return []  # "the past week" is a duration (the duration rule takes it)
    published = ctx.published
    if published is None:
        value = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                 "year": "XXXX", "decade": "XXX"}[unit]
        return _one(match, "DATE", value, mod, 2)
    if unit == "week":
        value = _week_value(published + timedelta(weeks=step))
    elif unit == "weekend":
        if step == 0:
            tense = ctx.tense(match.start(), match.end())
            step = -1 if tense == "past" and published.isoweekday() < 6 else 0
        value = _week_value(published + timedelta(weeks=step)) + "-WE"
    elif unit == "month":
        year, month = _add_months(published.year, published.month, step)
        value = f"{year}-{month:02d}"
    elif unit == "year":
        value = str(published.year + step)
    else:
        value = str(published.year // 10 + step)
    return _one(match, "DATE", value, mod, 2)


@_rule(_B + r"the\s+(?P<unit>weekend)" + _E)
def _the_weekend(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if ctx.published is None:
        return _one(match, "DATE", "XXXX-WXX-WE", rank=1)
    tense = ctx.tense(match.start(), match.end())
    published = ctx.published
    if tense == "past" and published.isoweekday() < 6:
        published -= timedelta(weeks=1)
    return _one(match, "DATE", _week_value(published) + "-WE", rank=1)


@_rule(_B + r"(?:the|its|their)\s+(?:(?P<adj>full|fiscal|current|whole|entire)\s+)?(?P<unit>year|week|"
       r"month)(?P<ended>\s+(?:ended|ending|that\s+ended|through|to))?(?!['’\w-])")
def _the_year(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    unit = match["unit"].lower()
    if match["ended"]:
        # "the year ended Sept. 30" is a twelve-month period (TimeBank: DURATION P1Y).
        return [_Candidate(match.start(), match.end("unit"), "DURATION", _duration_value(1.0, unit))]
    preceding = ctx.preceding_word(match.start())
    if preceding in ("a", "per", "each", "every", "of") and unit != "year":
        return []
    if ctx.published is None:
        return _one(match, "DATE", {"year": "XXXX", "week": "XXXX-WXX", "month": "XXXX-XX"}[unit])
    value = {"year": str(ctx.published.year), "week": _week_value(ctx.published),
             "month": f"{ctx.published.year}-{ctx.published.month:02d}"}[unit]
    return _one(match, "DATE", value, rank=0)


@_rule(_B + r"the\s+(?:latest|most\s+recent|latest\s+reporting|reporting|year-earlier|year-ago|"
       r"comparable|same)\s+period" + _E)
def _reporting_period(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    # Earnings reports: "the latest period" is the last completed quarter.
    if ctx.published is None:
        return _one(match, "DATE", "XXXX-QX", rank=1)
    year, quarter = _last_completed_quarter(ctx.published)
    if re.search(r"year-(?:earlier|ago)|comparable|same", match.group(0), re.IGNORECASE):
        year -= 1
    return _one(match, "DATE", f"{year}-Q{quarter}", rank=1)


@_rule(_B + r"(?P<phrase>that|the\s+following|the\s+next|the\s+previous|the\s+prior)\s+year" + _E)
def _anchored_year(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    phrase = match["phrase"].lower()
    step = 1 if ("following" in phrase or "next" in phrase) else -1 if ("previous" in phrase or "prior" in phrase) else 0
    candidate = _Candidate(match.start(), match.end(), "DATE", "XXXX", None, 1)
    candidate.shift = (step, "Y@")
    return [candidate]


# -- durations and distances in time ---------------------------------------------------


@_rule(_B + r"(?:(?P<mod>" + _DURATION_MOD + r")\s+)?(?:(?P<det>the|a|an|its|their|his|her)\s+)?"
       r"(?:(?P<rel>past|last|next|first|final|coming|previous|following|preceding|latest|recent|"
       r"initial|additional|further|remaining|entire|whole)\s+)?(?P<num>" + _NUMBER + r")"
       r"(?:\s+(?:or|to)\s+(?P<num2>" + _NUMBER + r"))?(?:\s+(?:more|additional|full|long))?"
       r"(?P<sep>[- ]|\s+)(?P<unit>" + _UNIT + r")(?:\s+and\s+a\s+half)?"
       r"(?P<tail>\s+(?:ago|earlier|later|from\s+now|hence|before|after|since|old|of\s+age)|-old"
       r"|[-\s]long)?(?![\w-])")
def _duration(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    tail = re.sub(r"\s+", " ", (match["tail"] or "").strip(" -").lower())
    if tail in ("old", "of age"):
        return []  # an age, not a time expression
    unit = _unit_key(match["unit"])
    number_text = match["num"].lower()
    amount = _number(number_text)
    if number_text in ("a", "an", "one", "a single") and match["unit"].lower().endswith("s") and \
            unit != "century":
        return []
    if amount is not None and re.search(r"and\s+a\s+half", match.group(0), re.IGNORECASE):
        amount += 0.5
    if number_text in ("a couple of", "couple of", "a couple"):
        mod = "APPROX"
    else:
        mod = _DURATION_MODS.get(re.sub(r"\s+", " ", (match["mod"] or "").lower()))
    if re.fullmatch(r"1[6-9]\d\d|20\d\d", number_text) and match["sep"] != "-":
        return []  # "the 1988 second quarter", "the 1988 quarter": a year, not a count
    if amount is not None and amount > 5000 and unit != "year":
        return []
    end = match.end()
    if tail in ("before", "after", "since"):
        end = match.end("unit")
        if re.search(r"and\s+a\s+half", match.group(0), re.IGNORECASE):
            end = match.start("tail")
        tail = ""
    elif tail == "long":
        tail = ""
    start = match.start()
    relation = (match["rel"] or "").lower()
    determiner = (match["det"] or "").lower()
    if match["mod"] and determiner not in ("", "a", "an"):
        # "over the past two years": "over" is a preposition here, not "more than".
        start, mod = match.start("det"), None
    if tail in ("ago", "earlier", "later", "from now", "hence"):
        return _distance(match, ctx, start, end, amount, unit, tail, mod)
    if relation in ("recent",) and amount is None:
        return [_Candidate(start, end, "DATE", "PAST_REF", rank=1)]
    value = _duration_value(amount, unit)
    if unit == "quarter" and amount is not None:
        value = f"P{int(amount * 3)}M" if amount * 3 == int(amount * 3) else value
    rank = 1
    if determiner and not relation and match["num"].lower() in ("a", "an"):
        rank = 0
    return [_Candidate(start, end, "DURATION", value, mod, rank)]


def _distance(match: re.Match[str], ctx: _Context, start: int, end: int, amount: float | None,
              unit: str, tail: str, mod: str | None) -> list[_Candidate]:
    """ "two years ago", "a week later": a date at a distance from now or from the last date."""
    direction = -1 if tail in ("ago", "earlier") else 1
    point_mod = {"MORE_THAN": "BEFORE" if direction < 0 else "AFTER",
                 "LESS_THAN": "APPROX", "APPROX": "APPROX"}.get(mod or "", None)
    if amount is None:
        ref = "PAST_REF" if direction < 0 else "FUTURE_REF"
        return [_Candidate(start, end, "DATE", ref, point_mod, 2)]
    letter = _UNITS[unit][0]
    scale = {"decade": 10, "century": 100, "millennium": 1000, "fortnight": 2}.get(unit, 1)
    amount *= scale
    if _UNITS[unit][1]:
        # Hours and minutes ago: the day of the report is as precise as TimeBank goes.
        value = ctx.published.isoformat() if ctx.published else "XXXX-XX-XX"
        return [_Candidate(start, end, "DATE", value, point_mod, 2)]
    candidate = _Candidate(start, end, "DATE", "", point_mod, 2)
    if tail in ("earlier", "later"):
        candidate.shift = (direction * amount, letter)
    else:
        candidate.shift = (direction * amount, letter + "!")  # "!": counted from the report
    candidate.value = _from_report(ctx.published, direction * amount, letter) or "XXXX"
    return [candidate]


def _from_report(published: date | None, amount: float, letter: str) -> str | None:
    if published is None:
        return None
    if amount != int(amount):
        return None
    n = int(amount)
    if letter == "D":
        return (published + timedelta(days=n)).isoformat()
    if letter == "W":
        return _week_value(published + timedelta(weeks=n))
    if letter == "M":
        year, month = _add_months(published.year, published.month, n)
        return f"{year}-{month:02d}"
    if letter == "Q":
        index = published.year * 4 + (published.month - 1) // 3 + n
        return f"{index // 4}-Q{index % 4 + 1}"
    if letter == "Y":
        return str(published.year + n)
    return None


@_rule(_B + r"(?:for|over|in|during|within)\s+(?P<unit>years|months|weeks|days|decades|hours|"
       r"minutes|centuries)(?!\s+(?:of|to|and|ago|before|after|earlier|later))" + _E)
def _bare_plural(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    # "for years": a vague duration; the preposition is not part of the expression.
    unit = _unit_key(match["unit"])
    return [_Candidate(match.start("unit"), match.end("unit"), "DURATION",
                       _duration_value(None, unit), None, 0)]


@_rule(_B + r"(?:the\s+)?(?P<rel>past|last|next|coming|previous|recent)\s+(?P<few>few\s+|several\s+)?"
       r"(?P<unit>years|months|weeks|days|decades|hours)" + _E)
def _vague_span(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    unit = _unit_key(match["unit"])
    relation = match["rel"].lower()
    if relation == "recent":
        # "recent years/months/weeks": a vague duration in 5 of 8 TimeBank cases.
        return _one(match, "DURATION", _duration_value(None, unit), rank=2)
    # "the last few months", "coming months": vague references in TimeBank.
    value = "FUTURE_REF" if relation in ("next", "coming") else "PAST_REF"
    return _one(match, "DATE", value, rank=2)


@_rule(_B + r"(?P<adj>year-earlier|year-ago|year-before|prior-year|a\s+year\s+earlier)"
       r"(?:\s+(?P<noun>(?:first|second|third|fourth)?\s*(?:quarter|period)))?" + _E)
def _year_earlier(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    start = match.start()
    if ctx.text[max(0, start - 4):start].lower() == "the ":
        start -= 4
    if not match["noun"] and start != match.start():
        return []
    candidate = _Candidate(start, match.end(), "DATE", "", None, 1)
    candidate.shift = (-1, "Y")
    if ctx.published is None:
        candidate.value = "XXXX"
        return [candidate]
    year, quarter = _last_completed_quarter(ctx.published)
    candidate.value = f"{year - 1}-Q{quarter}" if match["noun"] else str(ctx.published.year - 1)
    return [candidate]


@_rule(_B + r"(?P<phrase>(?:earlier|later)\s+that\s+day|that\s+day|the\s+same\s+day|"
       r"the\s+(?:next|following|previous)\s+day|the\s+day\s+(?:before|after)|"
       r"the\s+(?:next|following)\s+(?:morning|evening))" + _E)
def _anchored_day(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    phrase = re.sub(r"\s+", " ", match["phrase"].lower())
    step = 1 if any(w in phrase for w in ("next", "following", "after")) else \
        -1 if any(w in phrase for w in ("previous", "before")) else 0
    candidate = _Candidate(match.start(), match.end(), "DATE", "", None, 1)
    candidate.shift = (step, "D")
    candidate.value = "XXXX-XX-XX"
    return [candidate]


# -- vague references and sets ----------------------------------------------------------


@_rule(_B + r"(?P<word>now|currently|nowadays|presently|at present|at the moment|right now|"
       r"these days|recently|lately|the past|the future|in future|soon|shortly|current|recent|"
       r"future|once|previously|formerly|former|earlier|later)" + _E)
def _reference(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    word = re.sub(r"\s+", " ", match["word"].lower())
    token = ctx.token(match.start())
    if word in ("once", "previously", "formerly", "former", "earlier", "later", "shortly", "soon",
                "future", "recent"):
        # TimeBank leaves these untagged, or tags them less often than not: "soon" 4 times
        # against 13 untagged, adjectival "future" 4 against 13, "recent" 6 against 9.
        return []
    if word == "current":
        if token is None or token.pos_ != "ADJ" or token.head.pos_ not in ("NOUN", "PROPN"):
            return []
    if word == "in future":
        start = match.start() + 3
        return [_Candidate(start, match.end(), "DATE", "FUTURE_REF", None, 1)]
    if word in ("future",) and token is not None and token.pos_ == "ADJ" and \
            token.head.lower_ in ("generations", "use"):
        return []
    value = {"recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
             "recent": "PAST_REF", "the future": "FUTURE_REF", "soon": "FUTURE_REF",
             "future": "FUTURE_REF"}.get(word, "PRESENT_REF")
    return _one(match, "DATE", value, rank=0)


_SET_WORDS = {
    "daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
    "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
    "annual": "P1Y", "semiannual": "P6M",
}


# "quarterly" is left out: TimeBank tags it in none of its 10 uses ("quarterly dividend").
@_rule(_B + r"(?P<word>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly)" + _E)
def _set_word(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    return _one(match, "SET", _SET_WORDS[match["word"].lower()], rank=1)


@_rule(_B + r"(?P<q>every|each|per)\s+(?:(?P<num>" + _NUMBER + r")\s+)?(?P<unit>day|week|month|year|"
       r"hour|minute|morning|night|evening|weekend|days|weeks|months|years|hours|" + _WEEKDAY + "|"
       + _MONTH + r")" + _E)
def _set_every(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    word = match["unit"].lower()
    if word in _WEEKDAYS:
        return _one(match, "SET", f"XXXX-WXX-{_WEEKDAYS[word]}", rank=2)
    if word.rstrip(".") in _MONTHS:
        return _one(match, "SET", f"XXXX-{_MONTHS[word.rstrip('.')]:02d}", rank=2)
    if word in ("morning", "night", "evening"):
        return _one(match, "SET", f"XXXX-XX-XXT{_PARTS_OF_DAY[word]}", rank=1)
    if word == "weekend":
        return _one(match, "SET", "XXXX-WXX-WE", rank=1)
    amount = _number(match["num"]) if match["num"] else 1.0
    return _one(match, "SET", _duration_value(amount, _unit_key(word)), rank=1)


@_rule(r"(?:\d|illion|dollars|cents|percent|%|times|twice)\s+(?P<set>(?:a|an|per)\s+(?P<unit>year|month|week|"
       r"day|hour))" + _E)
def _set_rate(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    # "$5 a year", "twice a day": a rate, not a length of time.
    return _one(match, "SET", _duration_value(1.0, match["unit"].lower()), rank=3, group="set")


# -- clock times -----------------------------------------------------------------------

_ZONE = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|local\s+time)"


@_rule(_B + r"(?:(?P<mod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after)"
       r")\s+)?(?:(?P<h>[012]?\d)(?::(?P<m>[0-5]\d))?\s*(?P<ap>a\.m\.?|p\.m\.?|am|pm)(?![a-z])"
       r"|(?P<h24>[012]?\d):(?P<m24>[0-5]\d)(?!\d)|(?P<word>noon|midnight|midday))"
       r"(?:\s+(?P<zone>" + _ZONE + r"))?(?:,?\s+(?P<wd>" + _WEEKDAY + r"|today|yesterday|tomorrow))?"
       r"(?![\w])")
def _clock(match: re.Match[str], ctx: _Context) -> list[_Candidate]:
    if match["word"]:
        hour, minute = (12, 0) if match["word"].lower() in ("noon", "midday") else (24, 0)
    elif match["h24"]:
        hour, minute = int(match["h24"]), int(match["m24"])
        if ctx.text[match.end():match.end() + 1].isdigit():
            return []
    else:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if not 1 <= hour <= 12:
            return []
        pm = match["ap"].lower().startswith("p")
        hour = (hour % 12) + (12 if pm else 0)
    if hour > 24 or (match["h24"] and ctx.text[max(0, match.start() - 1):match.start()] in ("$", ".")):
        return []
    if hour == 24:
        hour = 0 if not match["word"] else 24
    clock = f"T{hour:02d}:{minute:02d}"
    mod = "APPROX" if match["mod"] and match["mod"].lower() in ("about", "around", "approximately") else None
    end = match.end()
    candidate = _Candidate(match.start(), end, "TIME", "", mod, 3, clock=clock)
    day_word = (match["wd"] or "").lower()
    if day_word and ctx.published is not None:
        if day_word in _RELATIVE_DAYS:
            day = ctx.published + timedelta(days=_RELATIVE_DAYS[day_word])
        else:
            day = _weekday_near(ctx.published, _WEEKDAYS[day_word], ctx.tense(match.start(), end))
        candidate.value = day.isoformat() + clock
        candidate.clock = None
    return [candidate]


# --------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------


def _rule_candidates(ctx: _Context) -> Iterator[_Candidate]:
    for name, pattern, handler in _RULES:
        if not rules.enabled(name):
            continue
        made = False
        for match in pattern.finditer(ctx.text):
            for candidate in handler(match, ctx):
                made = True
                yield candidate
        if made:
            rules.fired(name)


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest expressions first; among equals, the more specific rule."""
    chosen: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for candidate in sorted(candidates, key=lambda c: (-(c.end - c.start), -c.rank, c.start)):
        if candidate.end <= candidate.start:
            continue
        if any(candidate.start < end and start < candidate.end for start, end in taken):
            continue
        chosen.append(candidate)
        taken.append((candidate.start, candidate.end))
    return sorted(chosen, key=lambda c: c.start)


def _resolve_anchors(chosen: list[_Candidate], ctx: _Context) -> None:
    """Fill in times of day and "a year earlier" from the dates around them."""
    last_date: str | None = None
    last_day: str | None = None
    last_day_end = -10_000
    for index, candidate in enumerate(chosen):
        if candidate.clock:
            day = _neighbouring_day(chosen, index, ctx)
            if day is None:
                day = ctx.published.isoformat() if ctx.published else "XXXX-XX-XX"
            candidate.value = day + candidate.clock
        elif candidate.shift is not None:
            amount, letter = candidate.shift
            from_report = letter.endswith("!")
            letter = letter.rstrip("!")
            # A day mentioned within a few sentences anchors "the next day", "two days
            # later"; further back the report's own date is the better guess.
            near_day = last_day if candidate.start - last_day_end < 400 else None
            if letter == "Y@":
                # "that year", "the following year": the year of the last date mentioned.
                base = last_date[:4] if last_date else None
                candidate.value = str(int(base) + int(amount)) if base else (
                    str(ctx.published.year + int(amount)) if ctx.published else "XXXX")
            elif letter in ("D", "W") and not from_report and near_day:
                candidate.value = _shift_value(near_day, amount, letter) or candidate.value
            elif letter == "D" and not from_report and ctx.published:
                candidate.value = _shift_value(ctx.published.isoformat(), amount, "D") or candidate.value
            elif letter == "Y" and last_date and re.fullmatch(r"\d{4}-[QH]\d", last_date):
                # "a year ago"/"a year earlier" after a quarter compares that quarter with
                # the same one a year before (TimeBank: a quarter in 26 of 39 cases).
                candidate.value = _shift_value(last_date, amount, "Y") or candidate.value
        if candidate.type in ("DATE", "TIME") and re.match(r"\d{4}", candidate.value):
            if candidate.shift is None:
                last_date = candidate.value.split("T")[0]
            if re.match(r"\d{4}-\d{2}-\d{2}", candidate.value):
                last_day = candidate.value[:10]
                last_day_end = candidate.end


def _neighbouring_day(chosen: list[_Candidate], index: int, ctx: _Context) -> str | None:
    """The day of a clock time: a day expression right before or after it ("Thursday at 6")."""
    here = chosen[index]
    for other in (chosen[index - 1] if index > 0 else None,
                  chosen[index + 1] if index + 1 < len(chosen) else None):
        if other is None or not re.match(r"\d{4}-\d{2}-\d{2}", other.value):
            continue
        gap = ctx.text[min(other.end, here.end):max(other.start, here.start)]
        if len(gap) <= 6 and re.fullmatch(r"[\s,]*(?:on|at)?[\s,]*", gap):
            return other.value[:10]
    return None


def _spacy_candidates(ctx: _Context, chosen: list[_Candidate]) -> list[_Candidate]:
    """spaCy DATE/TIME spans the grammar did not cover, normalised with dateparser."""
    extra: list[_Candidate] = []
    taken = [(c.start, c.end) for c in chosen]
    for ent in getattr(ctx.doc, "ents", ()):
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end = ent.start_char, ent.end_char
        if any(start < e and s < end for s, e in taken):
            continue
        if re.fullmatch(r"\d+", ent.text):
            continue  # bare numbers were judged by the year rule ("2000 people")
        timex = _dateparser_timex(ctx.text[start:end], ctx.published, ent.label_)
        if timex is not None:
            extra.append(_Candidate(start, end, timex.type, timex.value, timex.modifier, -1))
    return extra


def _dateparser_timex(text: str, published: date | None, label: str) -> Timex | None:
    if published is None or not re.search(r"\d|" + _MONTH, text):
        return None
    from dateparser.date import DateDataParser

    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": datetime(published.year, published.month, published.day),
                  "RETURN_TIME_AS_PERIOD": True, "PREFER_DATES_FROM": "past"},
    )
    try:
        data = parser.get_date_data(text)
    except (ValueError, OverflowError, TypeError):
        return None
    if data.date_obj is None:
        return None
    moment = data.date_obj
    period = data.period or "day"
    if period == "year":
        return Timex("DATE", f"{moment.year}")
    if period == "month":
        return Timex("DATE", f"{moment.year}-{moment.month:02d}")
    if period == "week":
        return Timex("DATE", _week_value(moment.date()))
    if period == "time":
        return Timex("TIME", f"{moment.date().isoformat()}T{moment.hour:02d}:{moment.minute:02d}")
    return Timex("DATE", moment.date().isoformat())


def find_timexes(text: str, published: date | None, doc: Any = None) -> list[Mention]:
    """Time expressions in ``text`` as ``Mention``s of kind date/time/duration/set.

    Relative expressions are resolved against ``published`` (a date or datetime); without it
    they keep ``X`` placeholders ("XXXX-04") instead of a guess. ``doc`` is the spaCy Doc of
    ``text`` when the caller already has one.

    >>> [m.value.value for m in find_timexes("He arrived in April last year.", date(2022, 2, 21))]
    ['2021-04']
    """
    if isinstance(published, datetime):
        published = published.date()
    if doc is None:
        from ..settings import default_settings
        from .nlp import load_nlp

        doc = load_nlp(default_settings().spacy_model)(text)
    ctx = _Context(text, published, doc)
    chosen = _select(list(_rule_candidates(ctx)))
    chosen = _select(chosen + _spacy_candidates(ctx, chosen))
    _resolve_anchors(chosen, ctx)
    mentions = []
    for candidate in chosen:
        start, end = candidate.start, candidate.end
        # Trailing periods belong to the sentence unless they end an abbreviation.
        while end > start and text[end - 1] in " ,;:" :
            end -= 1
        while start < end and text[start] in " ,;:":
            start += 1
        kind = candidate.type.lower()
        mentions.append(Mention(
            kind=kind, start=start, end=end, text=text[start:end],
            value=Timex(candidate.type, candidate.value, candidate.mod), label="TIMEX3",
        ))
    return mentions


# --------------------------------------------------------------------------------------
# Comparing two values
# --------------------------------------------------------------------------------------

_REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


@dataclass(frozen=True)
class _Interval:
    """A calendar value as the days it covers, or None for a part left open (X)."""

    start: date | None
    end: date | None  # exclusive
    fields: tuple[tuple[str, int | None], ...] = ()


def _calendar_interval(value: str) -> _Interval | None:
    """Days covered by a DATE/TIME value; ``fields`` keep partially known parts for X values."""
    value = value.split("T")[0]
    if match := re.fullmatch(r"(\d{4}|XXXX)-(\d{2}|XX)-(\d{2}|XX)", value):
        year, month, day = (None if "X" in g else int(g) for g in match.groups())
        if year and month and day:
            start = date(year, month, day)
            return _Interval(start, start + timedelta(days=1))
        return _Interval(None, None, (("year", year), ("month", month), ("day", day)))
    if match := re.fullmatch(r"(\d{4}|XXXX)-W(\d{2}|XX)(?:-(\d|WE))?", value):
        year = None if "X" in match[1] else int(match[1])
        week = None if "X" in match[2] else int(match[2])
        day_part = match[3]
        if year and week:
            monday = date.fromisocalendar(year, week, 1)
            if day_part == "WE":
                return _Interval(monday + timedelta(days=5), monday + timedelta(days=7))
            if day_part:
                start = monday + timedelta(days=int(day_part) - 1)
                return _Interval(start, start + timedelta(days=1))
            return _Interval(monday, monday + timedelta(days=7))
        weekday = int(day_part) if day_part and day_part.isdigit() else None
        return _Interval(None, None, (("year", year), ("week", week), ("weekday", weekday)))
    if match := re.fullmatch(r"(\d{4}|XXXX)-(\d{2}|XX)", value):
        year = None if "X" in match[1] else int(match[1])
        month = None if "X" in match[2] else int(match[2])
        if year and month and 1 <= month <= 12:
            end_year, end_month = _add_months(year, month, 1)
            return _Interval(date(year, month, 1), date(end_year, end_month, 1))
        return _Interval(None, None, (("year", year), ("month", month)))
    if match := re.fullmatch(r"(\d{4}|XXXX)-(Q|H)(\d|X)", value):
        year = None if "X" in match[1] else int(match[1])
        part = None if match[3] == "X" else int(match[3])
        if year and part:
            months = 3 if match[2] == "Q" else 6
            first = (part - 1) * months + 1
            end_year, end_month = _add_months(year, first, months)
            return _Interval(date(year, first, 1), date(end_year, end_month, 1))
        return _Interval(None, None, (("year", year),))
    if match := re.fullmatch(r"(\d{4}|XXXX)-(SP|SU|FA|WI)", value):
        if "X" in match[1]:
            return _Interval(None, None, (("season", _SEASON_START[match[2]]),))
        year, first = int(match[1]), _SEASON_START[match[2]]
        end_year, end_month = _add_months(year, first, 3)
        return _Interval(date(year, first, 1), date(end_year, end_month, 1))
    if match := re.fullmatch(r"(?:FY)?(\d{4})", value):
        year = int(match[1])
        return _Interval(date(year, 1, 1), date(year + 1, 1, 1))
    if match := re.fullmatch(r"(\d{3})X?", value):
        decade = int(match[1]) * 10
        return _Interval(date(max(decade, 1), 1, 1), date(decade + 10, 1, 1))
    if match := re.fullmatch(r"(\d{2})X{0,2}", value):
        century = int(match[1]) * 100
        return _Interval(date(max(century, 1), 1, 1), date(century + 100, 1, 1))
    return None


def timex_interval(value: Timex) -> tuple[date, date] | None:
    """The days a DATE/TIME value covers, [start, end) , or None when a part is left open."""
    interval = _calendar_interval(value.value)
    if interval is None or interval.start is None or interval.end is None:
        return None
    return interval.start, interval.end


def _compare_fields(a: _Interval, b: _Interval) -> Verdict:
    """Compare values where one or both leave parts open: only a known part can disagree."""
    known_a = _known_fields(a)
    known_b = _known_fields(b)
    for name in set(known_a) & set(known_b):
        if known_a[name] != known_b[name]:
            return "conflict"
    return "unknown"


def _known_fields(interval: _Interval) -> dict[str, int]:
    if interval.start is not None and interval.end is not None:
        days = (interval.end - interval.start).days
        known = {"year": interval.start.year}
        if days <= 31 and interval.start.month == (interval.end - timedelta(days=1)).month:
            known["month"] = interval.start.month
        if days == 1:
            known["day"] = interval.start.day
            known["weekday"] = interval.start.isoweekday()
            known["week"] = interval.start.isocalendar()[1]
        return known
    return {name: value for name, value in interval.fields if value is not None}


_LOOSE_POINT_MODS = {"APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN",
                     "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE"}


def _compare_points(a: Timex, b: Timex) -> Verdict:
    if a.value in _REFS or b.value in _REFS:
        return "same" if a.value == b.value else "unknown"
    first, second = _calendar_interval(a.value), _calendar_interval(b.value)
    if first is None or second is None:
        return "same" if a.value == b.value else "unknown"
    if first.start is None or second.start is None:
        return _compare_fields(first, second)
    assert first.end is not None and second.end is not None
    clock_a = a.value.partition("T")[2]
    clock_b = b.value.partition("T")[2]
    if first == second:
        if clock_a and clock_b and clock_a != clock_b:
            both_exact = re.fullmatch(r"\d\d:\d\d", clock_a) and re.fullmatch(r"\d\d:\d\d", clock_b)
            return "conflict" if both_exact and not (a.modifier or b.modifier) else "compatible"
        if clock_a != clock_b or (a.modifier or None) != (b.modifier or None):
            return "compatible"
        return "same"
    overlap = first.start < second.end and second.start < first.end
    if overlap:
        return "compatible"
    if a.modifier in _LOOSE_POINT_MODS or b.modifier in _LOOSE_POINT_MODS:
        return "unknown"
    return "conflict"


def _duration_days(value: str) -> tuple[float, float] | None:
    """Length of a duration in days, as a range: a count of decades means anything in them."""
    match = re.fullmatch(r"P(?:(\d+(?:\.\d+)?)(Y|M|W|D|Q|DE|CE|ML|L))?(?:T(\d+(?:\.\d+)?)(H|M|S))?", value)
    if not match or not (match[1] or match[3]):
        return None
    sizes = {"Y": 365.25, "M": 30.44, "W": 7, "D": 1, "Q": 91.31, "DE": 3652.5, "CE": 36525,
             "ML": 365250, "L": 365250}
    times = {"H": 1 / 24, "M": 1 / 1440, "S": 1 / 86400}
    days = 0.0
    width = 0.0
    if match[1]:
        days += float(match[1]) * sizes[match[2]]
        if match[2] in ("DE", "CE", "ML", "L"):
            width = sizes[match[2]]  # "two decades": 20 years and up to, not including, 30
    if match[3]:
        days += float(match[3]) * times[match[4]]
    return days, days + width


def _compare_durations(a: Timex, b: Timex) -> Verdict:
    first, second = _duration_days(a.value), _duration_days(b.value)
    if first is None or second is None:
        if a.value == b.value and a.modifier == b.modifier:
            return "same"
        return "unknown"
    range_a = _modified_range(first, a.modifier)
    range_b = _modified_range(second, b.modifier)
    # Months and years have no fixed length in days: 24 months is two years within 1%.
    tolerance = 0.01 * max(range_a[0], range_b[0], 1e-9)
    if a.modifier == b.modifier and abs(first[0] - second[0]) <= tolerance and \
            abs(first[1] - second[1]) <= tolerance:
        return "same"
    if range_a[0] <= range_b[1] + tolerance and range_b[0] <= range_a[1] + tolerance:
        return "compatible"
    return "conflict"


def _modified_range(days: tuple[float, float], modifier: str | None) -> tuple[float, float]:
    low, high = days
    inf = float("inf")
    if modifier == "MORE_THAN":
        return (low, inf) if high > low else (low * 1.0001, inf)
    if modifier == "EQUAL_OR_MORE":
        return low, inf
    if modifier == "LESS_THAN":
        return 0.0, low * 0.9999
    if modifier == "EQUAL_OR_LESS":
        return 0.0, low
    if modifier == "APPROX":
        # "about two years": reporters round to the nearest unit; a fifth either way.
        return low * 0.8, high * 1.2
    return low, high


def compare_timex(a: Timex, b: Timex) -> Verdict:
    """Whether two sources' time values for the same fact agree.

    "same": equal values; "compatible": one contains or overlaps the other ("1999" and
    "1999-04", "23 years" and "over two decades"); "conflict": they cannot both be right
    ("2021-09" and "2021-04"); "unknown": not comparable (different types, open values that
    agree on everything they state).

    >>> compare_timex(Timex("DATE", "1999"), Timex("DATE", "1999-04"))
    'compatible'
    """
    points = {"DATE", "TIME"}
    if a.type in points and b.type in points:
        return _compare_points(a, b)
    if a.type != b.type:
        return "unknown"
    if a.type == "DURATION":
        return _compare_durations(a, b)
    if a.value == b.value:
        return "same" if a.modifier == b.modifier else "compatible"
    if re.fullmatch(r"P1[YMWD]|PT1H", a.value) and re.fullmatch(r"P1[YMWD]|PT1H", b.value):
        return "conflict"
    return "unknown"
