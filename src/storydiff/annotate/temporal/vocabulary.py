"""The temporal tagger's vocabulary: month, weekday, season and unit words as TIMEX3 values,
modifiers, and the pieces of pattern the grammar is written with. Month and weekday names
and number words come from ``storydiff.reference``."""

from __future__ import annotations

from typing import Literal

from ...model import Relation
from ...reference import numbers
from ...reference.calendar import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAY_NAMES

Tense = Literal["past", "present", "future"]
Verdict = Relation  # the model's one relation type (never "unresolved-conflict" here)

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
_TENS_WORD = "(?:" + "|".join(numbers.TENS) + ")"
_UNIT_WORD = "(?:" + "|".join(word for word, value in numbers.UNITS.items() if 1 <= value <= 9) + ")"
_NUMBER = (
    r"(?:\d+(?:\.\d+)?(?:\s+1/2|½)?|" + _TENS_WORD + r"(?:[- ]" + _UNIT_WORD + r")?"
    r"|a couple of|couple of|a dozen|dozen|half an?|a hundred|one hundred|a thousand|a single"
    r"|" + "|".join(word for word, value in numbers.UNITS.items() if value) +
    r"|an|a|a few|few|several|some|many"
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
# Broadcast transcripts spell years out: "nineteen ninety-four", "two thousand".
_SPELLED_YEAR = (
    r"(?:nineteen[- ](?:" + _TENS_WORD + r"(?:[- ]" + _UNIT_WORD + r")?|hundred)"
    r"|two[- ]thousand(?:[- ](?:and[- ])?" + _UNIT_WORD + r")?)"
)
_YEAR = "(?:" + _DIGITAL_YEAR + "|" + _SPELLED_YEAR + ")"
_B = r"(?<![\w$£€])"  # left edge of a word or number
_E = r"(?![\w])"
_NUMERIC_END = r"(?![\w%]|[.,]\d|-(?:year|month|day|week)|\s*(?:%|percent))"
