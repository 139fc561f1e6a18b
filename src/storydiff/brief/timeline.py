"""The brief's timeline: sentences that carry a calendar date, merged across sources when
they say the same thing, flagged when those sources date it differently."""

from __future__ import annotations

import re
from typing import Any

from ..model import Article, Evidence, Mention, Sentence
from .concepts import SUPPORT_THRESHOLD, _Unit, _unit, support_score
from .model import TimelineEvent

_DATE_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def _date_mentions(articles: list[Article], timexes: dict[str, list[Mention]] | None = None
                   ) -> list[list[tuple[int, int, str, str]]]:
    """(start, end, text, TIMEX3 value) of the calendar dates in each article's text: from
    ``timexes`` (article id -> the time expressions the annotate stage found in its text, the
    pipeline's, so the text is not parsed again) where given, else read now."""
    from ..annotate.temporal import find_timexes

    timexes = timexes or {}
    missing = [a for a in articles if a.id not in timexes]
    if missing:
        from ..annotate.nlp import load_nlp
        from ..settings import default_settings

        # One batched pass of the full pipeline (the tagger reads verb tense from the parse):
        # this is most of the brief's time, about 1 s for 10 wire stories on an idle core.
        docs = load_nlp(default_settings().spacy_model).pipe([a.text for a in missing])
        timexes = {**timexes, **{a.id: find_timexes(a.text, a.published_date, doc)
                                 for a, doc in zip(missing, docs, strict=True)}}
    return [_timex_dates(timexes[a.id]) for a in articles]


def _timex_dates(mentions: list[Any]) -> list[tuple[int, int, str, str]]:
    found = []
    for mention in mentions:
        timex = mention.value
        value = getattr(timex, "value", None)
        if getattr(timex, "type", None) == "DATE" and isinstance(value, str) and _DATE_VALUE.match(value):
            found.append((mention.start, mention.end, mention.text, value))
    return found


def build_timeline(articles: list[Article], sentences: dict[str, list[Sentence]],
                   units: list[_Unit] | None = None, max_events: int = 30, *,
                   timexes: dict[str, list[Mention]] | None = None) -> list[TimelineEvent]:
    """Dated events, in date order: sentences that carry a calendar date, merged across
    sources when they say the same thing; ``date_conflict`` when those sources date it
    differently."""
    if units is None:
        units = [_unit(n, s) for n, a in enumerate(articles) for s in sentences.get(a.id, []) if s.field == "text"]
    by_sentence = {(u.article, u.sentence.start): u for u in units}
    dated: list[tuple[_Unit, str, Evidence]] = []
    for number, (article, mentions) in enumerate(zip(articles, _date_mentions(articles, timexes), strict=False)):
        for start, end, text, value in mentions:
            unit = next((u for (n, s), u in by_sentence.items() if n == number and s <= start
                         and end <= u.sentence.end), None)
            if unit is not None:
                dated.append((unit, value, Evidence(article.id, start, end, text, value=value)))
    # one event per sentence: its first date
    seen: set[tuple[int, int]] = set()
    firsts = []
    for unit, value, found in dated:
        key = (unit.article, unit.sentence.start)
        if key not in seen:
            seen.add(key)
            firsts.append((unit, value, found))
    groups: list[list[tuple[_Unit, str, Evidence]]] = []
    for item in firsts:
        for group in groups:
            head = group[0][0]
            if item[0].article not in {g[0].article for g in group} and (
                support_score(head, item[0], numbers=False) >= SUPPORT_THRESHOLD
                or support_score(item[0], head, numbers=False) >= SUPPORT_THRESHOLD
            ):
                group.append(item)
                break
        else:
            groups.append([item])
    # Most-reported events first when there are too many, then in date order.
    groups.sort(key=lambda g: (-len(g), g[0][0].article, g[0][0].sentence.index))
    events = []
    for group in groups[:max_events]:
        head_unit, head_value, _ = group[0]
        evidence: list[Evidence] = []
        for unit, value, mention in group:
            article = articles[unit.article]
            evidence.append(Evidence(article.id, unit.sentence.start, unit.sentence.end, unit.sentence.text,
                                     value=value))
            evidence.append(mention)
        dates = {articles[u.article].id: v for u, v, _ in group}
        values = set(dates.values())
        # "1998-11" and "1998-11-06" are compatible (one is coarser), not a conflict.
        conflict = any(not (a.startswith(b) or b.startswith(a)) for a in values for b in values)
        events.append(TimelineEvent(min(values, key=lambda v: (-len(v), v)) if not conflict else head_value,
                                    head_unit.sentence.text, list(dates), evidence, conflict, dates))
    events.sort(key=lambda e: (e.date, e.sources[0]))
    return events
