"""A fetched page as an ``Article``: main text, title and dates through trafilatura (dates
through its htmldate, JSON-LD and meta tags read before the URL or the text), the canonical URL,
the outlet, and whether a paywall cut the text off.

The paywall rules are registered (``storydiff rules`` lists them; family ``live.paywall``):
each looks at one signal and says why the text is partial, or nothing."""

from __future__ import annotations

import json
import logging
import re
import statistics
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from .. import rules
from ..errors import InputProblem
from ..ingest import decode, from_html, parse_published
from ..model import Article
from .fetcher import Fetched

log = logging.getLogger(__name__)

# htmldate: the publication date from JSON-LD and meta tags first, a date in the URL only
# when the page says none (deferred_url_extractor), then the text.
PUBLISHED_DATES: dict[str, Any] = {"original_date": True, "extensive_search": True, "deferred_url_extractor": True}
MODIFIED_DATES: dict[str, Any] = {"original_date": False, "extensive_search": False, "deferred_url_extractor": True}

# Median-length rule: only once an outlet has this many stored articles (a median of three
# articles says nothing), and flags a text under this share of it.
PAYWALL_MIN_ARTICLES = 20
PAYWALL_SHARE = 0.25
_SUBSCRIBE_TAIL = re.compile(
    r"(subscribe|subscription|subscriber|sign in|log in|register|become a member)\b[^.!?\n]{0,60}"
    r"\b(to (continue|keep) reading|to read|to unlock|for full access|the full (story|article))"
    r"|\b(continue|keep) reading[^.!?\n]{0,40}\b(subscri|sign in|log in)"
    r"|\bthis (article|story|content) is (for|available to|reserved for) (subscribers|members)",
    re.IGNORECASE)
TAIL_CHARACTERS = 300


def _json_ld(tree) -> list:
    found = []
    for script in (tree.iter("script") if tree is not None else ()):
        if (script.get("type") or "").lower().strip() != "application/ld+json" or not script.text:
            continue
        try:
            found.append(json.loads(script.text))
        except ValueError as exc:
            log.info("a JSON-LD block that is not JSON is skipped (%s)", exc)
            continue
    return found


def _walk(value) -> list[dict]:
    if isinstance(value, dict):
        return [value] + [d for v in value.values() for d in _walk(v)]
    if isinstance(value, list):
        return [d for v in value for d in _walk(v)]
    return []


@rules.register("live.paywall.not_free", "live.paywall",
                effect="schema.org's own flag: publishers mark paywalled pages so search engines index them")
def not_free(article: Article, page_tree, outlet_lengths: Sequence[int]) -> str | None:
    """The page's JSON-LD says isAccessibleForFree: false."""
    for node in (d for blob in _json_ld(page_tree) for d in _walk(blob)):
        flag = node.get("isAccessibleForFree")
        if flag is False or (isinstance(flag, str) and flag.strip().lower() == "false"):
            return "paywall"
    return None


@rules.register("live.paywall.subscribe_tail", "live.paywall",
                effect="the text ends on an invitation to subscribe ('subscribe to continue reading')")
def subscribe_tail(article: Article, page_tree, outlet_lengths: Sequence[int]) -> str | None:
    """The main text ends with a 'subscribe to read' line."""
    return "paywall" if _SUBSCRIBE_TAIL.search(article.text[-TAIL_CHARACTERS:]) else None


@rules.register("live.paywall.short_for_outlet", "live.paywall",
                effect="under a quarter of the outlet's median length, once 20 of its articles are stored")
def short_for_outlet(article: Article, page_tree, outlet_lengths: Sequence[int]) -> str | None:
    """The text is under a quarter of its outlet's median stored length (20 or more stored)."""
    if len(outlet_lengths) < PAYWALL_MIN_ARTICLES:
        return None
    return "paywall" if len(article.text) < PAYWALL_SHARE * statistics.median(outlet_lengths) else None


PAYWALL_RULES = ("live.paywall.not_free", "live.paywall.subscribe_tail", "live.paywall.short_for_outlet")


def page_text(fetched: Fetched) -> str:
    """The body as text: the charset the server names, else UTF-8, else charset_normalizer's
    guess (``ingest.decode``, which refuses a guess that reads as nonsense)."""
    charset = fetched.charset
    if charset:
        try:
            return fetched.body.decode(charset)
        except (LookupError, UnicodeDecodeError) as exc:
            log.info("%s: the body is not %s as the server says (%s): decoded as UTF-8 or a guess",
                     fetched.final_url, charset, type(exc).__name__)
    return decode(fetched.body, fetched.final_url, max(len(fetched.body), 1)).text


def _canonical(tree, page_url: str) -> str | None:
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            url = urljoin(page_url, link.get("href").strip())
            if urlsplit(url).scheme in ("http", "https"):
                return url
    return None


def _date(text: str | None, source: str) -> date | datetime | None:
    if not text:
        return None
    try:
        return parse_published(text, source)
    except InputProblem as exc:
        log.info("%s: the page's date is left out: %s", source, exc.problem)
        return None


def read_page(fetched: Fetched, *, article_id: str,
              outlet_lengths: Callable[[str], Sequence[int]] = lambda outlet: ()) -> Article:
    """The article on a fetched page; ``InputProblem`` naming the URL when there is none."""
    from htmldate import find_date

    html = page_text(fetched)
    try:
        tree = lxml_html.fromstring(html.encode("utf-8") if html.lstrip().startswith("<?xml") else html)
    except (etree.ParserError, ValueError) as exc:
        raise InputProblem(fetched.final_url, f"not an HTML page ({exc})") from None
    canonical = _canonical(tree, fetched.final_url)
    article = from_html(html, fetched.final_url, article_id, url=canonical or fetched.final_url,
                        date_params=PUBLISHED_DATES)
    article.url = canonical or article.url or fetched.final_url
    host = (urlsplit(article.url).hostname or urlsplit(fetched.final_url).hostname or "").removeprefix("www.")
    article.outlet = article.outlet or host
    modified = _date(find_date(tree, **MODIFIED_DATES), fetched.final_url)
    if modified and article.published and _later(modified, article.published):
        article.modified = modified
    flag_paywall(article, tree, outlet_lengths(article.outlet), PAYWALL_RULES[:2])
    return article


def flag_paywall(article: Article, page_tree, outlet_lengths: Sequence[int],
                 names: Sequence[str] = PAYWALL_RULES) -> None:
    """Set ``article.partial`` when one of the paywall rules ``names`` (those switched on) says so.
    ``read_page`` runs the rules that read the page; the outlet-median rule runs where the
    store is (``follow``)."""
    if article.partial:
        return
    for name in names:
        if rules.enabled(name):
            rule = rules.get(name).func
            assert rule is not None  # registered by its decorator
            reason = rule(article, page_tree, outlet_lengths)
            if reason:
                rules.fired(name)
                article.partial = reason
                return


def _later(a: date | datetime, b: date | datetime) -> bool:
    day_a = a.date() if isinstance(a, datetime) else a
    day_b = b.date() if isinstance(b, datetime) else b
    return day_a > day_b
