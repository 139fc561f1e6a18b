"""Putting it together: ``find_timexes`` runs the grammar, keeps the best candidate of each
span, resolves anchored expressions, and adds the spaCy DATE/TIME spans the grammar misses
(normalised with dateparser)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, cast

from ... import rules
from ...model import Mention, MentionKind, Timex, TimexType
from .context import _Candidate, _Context, _shift_value, _week_value
from .grammar import _RULES
from .vocabulary import _MONTH

log = logging.getLogger(__name__)


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
    except (ValueError, OverflowError, TypeError) as exc:
        log.info("dateparser could not resolve %r (%s: %s): the expression is left unresolved", text,
                 type(exc).__name__, exc)
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
        from ...settings import default_settings
        from ..nlp import load_nlp

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
        # the grammar's types are TimeML's DATE, TIME, DURATION and SET, each a mention kind in lower case
        timex_type = cast(TimexType, candidate.type)
        mentions.append(Mention(
            kind=cast(MentionKind, timex_type.lower()), start=start, end=end, text=text[start:end],
            value=Timex(timex_type, candidate.value, candidate.mod), label="TIMEX3",
        ))
    return mentions
