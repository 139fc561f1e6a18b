"""The grammar, continued: durations and distances in time, vague spans, anchored days,
references to the present, recurrences and clock times."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .context import (
    _add_months,
    _Candidate,
    _Context,
    _duration_value,
    _last_completed_quarter,
    _number,
    _unit_key,
    _week_value,
    _weekday_near,
)
from .grammar import _one, _rule
from .grammar_periods import _RELATIVE_DAYS
from .vocabulary import (
    _B,
    _DURATION_MOD,
    _DURATION_MODS,
    _E,
    _MONTH,
    _MONTHS,
    _NUMBER,
    _PARTS_OF_DAY,
    _UNIT,
    _UNITS,
    _WEEKDAY,
    _WEEKDAYS,
)

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
    mod: str | None
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
