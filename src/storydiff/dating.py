"""Infer an article's publication date from its text when the input does not carry it.

News text pins its own date down more often than it seems: "on Monday (21)" is only true in
months whose 21st is a Monday, and a report cannot be older than the latest explicit date it
mentions ("in September 2021"). Reports of one story are written within days of each
other, so the constraints of all of them are pooled. The earliest month that satisfies every
constraint is taken: news refers back to recent dates, so the first fit after the latest
mentioned date is the most likely.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from .model import Article, Evidence
from .reference.calendar import MONTH_NAMES, WEEKDAY_NAMES

WEEKDAYS = list(WEEKDAY_NAMES)
MONTHS = {**{name: number for number, name in enumerate(MONTH_NAMES, 1)},
          **{name[:3]: number for number, name in enumerate(MONTH_NAMES, 1)}, "sept": 9}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# "Monday (21)", "Monday, Feb. 21", "Monday 21 February", "Monday, February 21, 2022"
_WEEKDAY_DAY = re.compile(
    r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b"
    r"(?:\s*\(\s*(?P<day1>\d{1,2})\s*\)"
    r"|,?\s+" + _MONTH.replace("month", "month2") + r"\s+(?P<day2>\d{1,2})\b(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
    r"|,?\s+(?P<day3>\d{1,2})\s+" + _MONTH.replace("month", "month3") + r"(?:,?\s+(?P<year3>(?:19|20)\d\d))?)",
    re.IGNORECASE,
)
# Explicit calendar dates that bound the publication date from below.
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r"\s+(?:\d{1,2},?\s+)?(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:in|since|of|from|by|until|till)\s+(?P<year>(?:19|20)\d\d)\b")
_FUTURE_CUE = re.compile(r"\b(?:will|would|to be|is to|are to|scheduled|expected|plans? to|set to|due)\b[^.]{0,60}$",
                         re.IGNORECASE)


@dataclass(frozen=True)
class DayCue:
    """A weekday tied to a day of month ("Monday (21)") in an article."""

    article: str
    weekday: int
    day: int
    month: int | None
    year: int | None
    future: bool
    start: int
    end: int
    text: str


def day_cues(article: Article) -> list[DayCue]:
    cues = []
    for match in _WEEKDAY_DAY.finditer(article.text):
        day = int(match.group("day1") or match.group("day2") or match.group("day3"))
        if not 1 <= day <= 31:
            continue
        month_name = match.group("month2") or match.group("month3")
        year = match.group("year2") or match.group("year3")
        before = article.text[max(0, match.start() - 80):match.start()]
        cues.append(DayCue(
            article.id, WEEKDAYS.index(match.group("weekday").lower()), day,
            MONTHS.get(month_name.lower().rstrip(".")) if month_name else None,
            int(year) if year else None,
            bool(_FUTURE_CUE.search(before)), match.start(), match.end(), match.group(0),
        ))
    return cues


def latest_explicit(article: Article) -> tuple[int, int] | None:
    """The latest (year, month) the article names outright; a bare year counts as January."""
    found: list[tuple[int, int]] = []
    for match in _MONTH_YEAR.finditer(article.text):
        found.append((int(match.group("year")), MONTHS[match.group("month").lower().rstrip(".")]))
    for match in _YEAR.finditer(article.text):
        found.append((int(match.group("year")), 1))
    return max(found) if found else None


def _fits(year: int, month: int, cue: DayCue) -> bool:
    if cue.month is not None and cue.month != month:
        return False
    if cue.year is not None and cue.year != year:
        return False
    if cue.day > calendar.monthrange(year, month)[1]:
        return False
    return date(year, month, cue.day).weekday() == cue.weekday


def infer_month(cues: Sequence[DayCue], floor: tuple[int, int] | None,
                horizon_years: int = 6) -> tuple[int, int] | None:
    """The earliest (year, month) at or after ``floor`` in which every cue holds."""
    if not cues:
        return None
    fixed_years = {c.year for c in cues if c.year}
    if fixed_years:
        years = sorted(fixed_years)
    elif floor is None:
        return None  # weekday cues alone fit a month every year or so: undecidable
    else:
        years = list(range(floor[0], floor[0] + horizon_years))
    for year in years:
        for month in range(1, 13):
            if floor and (year, month) < floor and not fixed_years:
                continue
            if all(_fits(year, month, cue) for cue in cues):
                return year, month
    return None


def infer_published(articles: Sequence[Article]) -> list[Article]:
    """Articles of one story with ``published`` inferred where it was missing and decidable.

    Given dates are never changed. An inferred date carries ``published_inferred=True`` and
    the evidence it rests on.
    """
    floors = [f for f in (latest_explicit(a) for a in articles) if f]
    known = [a.published_date for a in articles if a.published_date]
    floor = max(floors) if floors else None
    if known:
        # A story is reported within days: a dated sibling bounds the month from below.
        earliest = min(known)
        floor = max(floor, (earliest.year, earliest.month)) if floor else (earliest.year, earliest.month)
    result = []
    for article in articles:
        if article.published is not None:
            result.append(article)
            continue
        cues = day_cues(article)
        month = infer_month(cues, floor)
        if month is None:
            result.append(article)
            continue
        year, number = month
        past = [c.day for c in cues if not c.future]
        future = [c.day for c in cues if c.future]
        # Published after the last day it reports in the past tense, before the days it
        # announces; with only future cues, the day before the first of them.
        day = max(past) if past else max(1, min(future) - 1)
        cue = next(c for c in cues if c.day == day) if day in past else cues[0]
        result.append(replace(
            article,
            published=date(year, number, day),
            published_inferred=True,
            published_evidence=Evidence(article.id, cue.start, cue.end, cue.text),
        ))
    return _share_story_date(result)


def _share_story_date(articles: list[Article]) -> list[Article]:
    """Give an undated article of a story whose other reports are dated the earliest of
    their dates, flagged as inferred, when it refers to the calendar only relatively
    ("Monday", "this month"): without a date those references cannot be resolved at all."""
    dated = [a for a in articles if a.published_date]
    if not dated:
        return articles
    anchor = min(dated, key=lambda a: a.published_date or date.max)  # every one is dated
    relative = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r"|this month|this week|this year|last week|"
                          r"last month|yesterday|today|tomorrow)\b", re.IGNORECASE)
    result = []
    for article in articles:
        match = relative.search(article.text) if article.published is None else None
        if match:
            evidence = anchor.published_evidence or Evidence(anchor.id, 0, 0, "")
            article = replace(article, published=anchor.published_date, published_inferred=True,
                              published_evidence=evidence)
        result.append(article)
    return result
