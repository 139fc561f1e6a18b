"""Timing: how the publication dates of two reports bear on the dates they give (a plan that
changed, a date the other report could not know, background against the reporting days).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from ..model import Article, Claim, Timex
from ..settings import current


def _approximate_date(claim: Claim) -> bool:
    """"A century ago", "decades ago", "about a year ago": a reckoning, not a date that a
    precise one can contradict."""
    text = claim.mention.text.lower()
    return "ago" in text.split() or any(word in text for word in ("century", "decade", "about", "around"))


def _after_publication(claim: Claim, other: Article) -> bool:
    """Whether a date claim falls after the other article was published: that report
    could not have known of it, so a different date there is an earlier event of the same
    kind (the previous meeting), not a contradiction."""
    value = getattr(claim.mention.value, "value", "")
    published = other.published_date
    if not published or not value[:4].isdigit():
        return False
    return value[:10] > published.isoformat()[: len(value[:10])]


def _still_to_come(claim: Claim) -> bool:
    """"Later Monday", "tonight": a date its report gives as still to come on its own day."""
    return bool({"later", "tonight"} & set(claim.mention.text.lower().split()))


def _timing(a: Claim, b: Claim, articles: dict[str, Article]) -> str | None:
    """How the publication dates of two reports bear on two different dates they give
    for one event: "plan" when one report dates a still-coming event ("the House is
    expected to vote on Thursday") and the other dates it on or after that report was
    written ("the House voted on Wednesday"): the plan changed, a conflict and an update;
    "apart" when one date falls after the other report was published (that report could
    not have known of it: an earlier event of the same kind, the previous meeting), or a
    planning report is set against a date before it was written (which it knew of); None
    when neither applies."""
    for planned, done in ((a, b), (b, a)):
        own = articles[planned.article].published_date
        value = getattr(done.mention.value, "value", "")
        if own is None or not value[:4].isdigit() or not (
                _after_publication(planned, articles[planned.article]) or _still_to_come(planned)):
            continue
        return "plan" if value[:10] >= own.isoformat()[: len(value[:10])] else "apart"
    if _after_publication(a, articles[b.article]) or _after_publication(b, articles[a.article]):
        return "apart"
    return None


def days_before(value: Timex, published: date | datetime | None) -> float | None:
    """How many days before ``published`` a date ends (0 when it covers that day, negative when
    it starts after it), or None when either is open."""
    from ..annotate.temporal import timex_interval

    if published is None or value.type not in ("DATE", "TIME"):
        return None
    if value.value == "PRESENT_REF":  # "now": the report's own day
        return 0.0
    interval = timex_interval(value)
    if interval is None:
        return None
    start, end = interval
    day = published.date() if isinstance(published, datetime) else published
    if end <= day:
        return float((day - end).days + 1)
    return 0.0 if start <= day else -float((start - day).days)


def _days_before_publication(claim: Claim, articles: dict[str, Article]) -> float | None:
    value = claim.mention.value
    if not isinstance(value, Timex):
        return None
    return days_before(value, articles[claim.article].published)


def _background_against_current(a: Claim, b: Claim, articles: dict[str, Article]) -> bool:
    """Whether one date is of the reporting days and the other a year or more before its own
    report ("Sharon, born in 1928" against "met on Friday")."""
    da, db = _days_before_publication(a, articles), _days_before_publication(b, articles)
    if da is None or db is None:
        return False
    days = current().compare
    return (abs(da) <= days.current_days and _to_the_day(a) and db >= days.background_days) or (
        abs(db) <= days.current_days and _to_the_day(b) and da >= days.background_days)


def _to_the_day(claim: Claim) -> bool:
    """Whether a date names a day or a week: how a report dates the event it covers ("on
    Friday"); "in the last month" may reach back to anything."""
    from ..annotate.temporal import timex_interval

    interval = timex_interval(claim.mention.value)
    return interval is not None and (interval[1] - interval[0]).days <= 7


def background_against_current(old: Claim, old_dates: Sequence[Timex], new: Claim, new_scope: Any,
                               articles: dict[str, Article]) -> bool:
    """Whether a value whose clause dates it (``old_dates``) a year or more before its own
    report is set against one of its report's days (``new_scope``, a ``scope.Scope``: dated
    within them, or undated in the present tense, a current state): "142,410 in 1992" against
    "about 100,000 are performed annually"."""
    days = current().compare
    old_article, new_article = articles.get(old.article), articles.get(new.article)
    if old_article is None or new_article is None or not old_dates:
        return False
    before = [days_before(t, old_article.published) for t in old_dates]
    # Any of them: "in 1992, the last year for which it has figures" is one date read twice.
    if not any(d is not None and d >= days.background_days for d in before):
        return False
    if new_scope.dates:
        recent = [days_before(t, new_article.published) for t in new_scope.dates]
        return all(d is not None and abs(d) <= days.current_days for d in recent)
    return bool(new_scope.present)

