"""Month and weekday names, with the abbreviations news text uses: the one definition every
reader of dates takes them from (the temporal tagger, publication-date inference, loose
dates, quantities that are no quantities).

Lower case; readers that match case-sensitively capitalise them. English only, as the rest
of the pipeline (``storydiff.language`` warns on other languages).
"""

from __future__ import annotations

# Month n is MONTH_NAMES[n - 1].
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
# The abbreviations of the months whose name is longer than one: "Sept" and "Sep" both
# (wire style writes "Sept."), "Sept" first so that an alternation tries it before "Sep".
MONTH_ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sept": 9,
                       "sep": 9, "oct": 10, "nov": 11, "dec": 12}
# Every month word, full or abbreviated, with its number.
MONTHS = {**{name: number for number, name in enumerate(MONTH_NAMES, 1)}, **MONTH_ABBREVIATIONS}

# Weekday d (Monday 0, as ``date.weekday()``) is WEEKDAY_NAMES[d].
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS = {"mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4,
                         "sat": 5, "sun": 6}


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in any case, with or without a full stop."""
    return MONTHS.get(word.lower().rstrip("."))


__all__ = ["MONTH_NAMES", "MONTH_ABBREVIATIONS", "MONTHS", "WEEKDAY_NAMES", "WEEKDAY_ABBREVIATIONS",
           "month_number"]
