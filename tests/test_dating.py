"""Publication dates inferred from weekday/day cues and the story's explicit dates."""

from __future__ import annotations

from datetime import date

from storydiff.dating import infer_published
from storydiff.model import Article


def make(id_: str, text: str, published=None) -> Article:
    return Article(id=id_, text=text, original=text, published=published)


def test_weekday_day_cues_with_story_floor():
    a = make("a", "The minister said on Tuesday (14) that talks would resume on Thursday (16).")
    b = make("b", "The previous round of talks, in November 2022, ended without agreement.")
    dated = {x.id: x for x in infer_published([a, b])}
    # 14 February 2023 is the first Tuesday the 14th after November 2022.
    assert dated["a"].published == date(2023, 2, 14)
    assert dated["a"].published_inferred
    assert dated["a"].published_evidence.text == "Tuesday (14)"


def test_undecidable_stays_unknown():
    (a,) = infer_published([make("a", "The minister spoke on Tuesday (14).")])
    assert a.published is None and not a.published_inferred


def test_given_date_is_never_changed():
    given = date(2020, 1, 1)
    (a,) = infer_published([make("a", "On Tuesday (14) the minister spoke.", published=given)])
    assert a.published == given and not a.published_inferred


def test_relative_only_article_takes_the_story_date():
    a = make("a", "The council confirmed on Monday that the bridge will close this month.")
    b = make("b", "The bridge closes next week.", published=date(2024, 6, 3))
    dated = {x.id: x for x in infer_published([a, b])}
    assert dated["a"].published == date(2024, 6, 3) and dated["a"].published_inferred
