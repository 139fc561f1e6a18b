"""Comparing two TIMEX3 values: ``compare_timex`` says whether two sources' values for the same
fact agree, are compatible (one is coarser), or conflict; ``timex_interval`` gives a value's
days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ...model import Timex
from .context import _add_months
from .vocabulary import _SEASON_START, Verdict

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
