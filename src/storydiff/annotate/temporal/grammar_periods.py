"""The grammar, continued: periods (decades, centuries, quarters, seasons), weekdays, days
and units relative to the publication date, and the periods a report speaks of."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .context import (
    _add_months,
    _Candidate,
    _Context,
    _duration_value,
    _last_completed_quarter,
    _quarter_of,
    _week_value,
    _weekday_near,
    _weekday_with_day,
)
from .grammar import _one, _position_mod, _rule, _year_number
from .vocabulary import (
    _B,
    _DIGITAL_YEAR,
    _E,
    _ORDINALS,
    _PART,
    _PARTS_OF_DAY,
    _POSITION,
    _POSITION_MODS,
    _SEASON_START,
    _SEASONS,
    _WEEKDAY,
    _WEEKDAYS,
    _YEAR,
)

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
    step = (1 if ("following" in phrase or "next" in phrase)
            else -1 if ("previous" in phrase or "prior" in phrase) else 0)
    candidate = _Candidate(match.start(), match.end(), "DATE", "XXXX", None, 1)
    candidate.shift = (step, "Y@")
    return [candidate]
