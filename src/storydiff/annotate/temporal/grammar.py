"""The grammar: each rule is a pattern and a function that turns a match into candidates,
registered by name as ``temporal.pattern.<name>`` (``storydiff rules``, docs/rules.md). Here:
the registry and calendar dates (month and day, ISO and numeric dates, months, years)."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date

from ... import rules
from .context import _Candidate, _Context, _number, _year_for_month
from .vocabulary import (
    _AMBIGUOUS_MONTHS,
    _B,
    _E,
    _MONTH,
    _MONTH_CUES,
    _MONTHS,
    _NUMERIC_END,
    _POSITION,
    _POSITION_MODS,
    _WEEKDAY,
    _WEEKDAYS,
    _YEAR,
)

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
