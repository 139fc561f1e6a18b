"""Metadata of a fetched page: canonical URL, dates from JSON-LD before the URL, outlet, and
the paywall flag ("partial (paywall)" in reports; what it lacks is no omission)."""

from __future__ import annotations

from datetime import date

from _site import BRIDGE, ORCHARD, article_page

from storydiff import rules
from storydiff.compare import _note_partial
from storydiff.live.fetcher import Fetched
from storydiff.live.metadata import flag_paywall, read_page
from storydiff.model import Article, Comparison, Evidence, Finding
from storydiff.render import render


def _fetched(html: str, url: str = "https://courier.example/2020/01/01/orchard") -> Fetched:
    return Fetched(url, url, 200, html.encode("utf-8"), "text/html; charset=utf-8")


def test_dates_come_from_json_ld_before_the_url_and_the_canonical_url_wins():
    page = article_page("Record apple crop", ORCHARD, published="2026-11-12T07:30:00+00:00",
                        modified="2026-11-14T10:00:00+00:00", canonical="/news/orchard?utm_source=x")
    article = read_page(_fetched(page), article_id="a")
    assert article.published and article.published.isoformat().startswith("2026-11-12")  # not 2020-01-01
    assert article.modified == date(2026, 11, 14)
    assert article.url == "https://courier.example/news/orchard?utm_source=x"
    assert article.outlet == "The Valley Courier" and article.partial is None


def test_the_outlet_is_the_site_when_the_page_names_none():
    page = article_page("Record apple crop", ORCHARD).replace(
        '<meta property="og:site_name" content="The Valley Courier">', "")
    assert read_page(_fetched(page, "https://www.courier.example/a"), article_id="a").outlet == "courier.example"


def test_a_page_marked_not_free_is_partial():
    page = article_page("Council budget", BRIDGE, free=False)
    assert read_page(_fetched(page), article_id="a").partial == "paywall"


def test_a_subscribe_to_read_tail_is_partial_and_the_rule_can_be_switched_off():
    page = article_page("Council budget", BRIDGE[:2] + ["Subscribe to continue reading this story."])
    assert read_page(_fetched(page), article_id="a").partial == "paywall"
    with rules.rule_run(disabled={"live.paywall.subscribe_tail"}):
        assert read_page(_fetched(page), article_id="a").partial is None


def test_short_for_its_outlet_only_once_twenty_articles_are_stored():
    short = Article("s", "A short teaser of a story. " * 4, outlet="Courier")
    flag_paywall(short, None, [2000] * 19)
    assert short.partial is None
    flag_paywall(short, None, [2000] * 20)
    assert short.partial == "paywall"
    normal = Article("n", "x" * 900, outlet="Courier")
    flag_paywall(normal, None, [2000] * 20)
    assert normal.partial is None  # 900 is over a quarter of 2000


def test_reports_mark_a_partial_article_and_its_gaps_are_no_omission():
    full = Article("full", "The bridge closes on Monday. Repairs cost 2.4 million dollars.", outlet="Courier")
    cut = Article("cut", "The bridge closes on Monday.", outlet="Gazette", partial="paywall")
    unique = Finding("F1", "unique", "statement", "Repairs cost", 0.9,
                     [Evidence("full", 29, 62, full.text[29:62])], explanation="no other source says this")
    _note_partial([unique], {"full": full, "cut": cut})
    assert unique.explanation == "no other source says this (not an omission: Gazette is partial (paywall))"
    comparison = Comparison([full, cut], [unique])
    assert "partial (paywall)" in render(comparison, "text")
    assert "partial (paywall)" in render(comparison, "html")
    assert '"partial": "paywall"' in render(comparison, "json")
