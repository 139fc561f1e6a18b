"""What a followed address lists: an RSS or Atom feed (feedparser), a sitemap or news sitemap
(an XML ``urlset``/``sitemapindex``, read with lxml), or a site's home page, whose feeds are
found in its ``<link rel="alternate">`` elements. Only bytes the fetcher fetched are parsed."""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree
from lxml import html as lxml_html

from .fetcher import Fetched

log = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+xml", "application/xml",
              "text/xml")


@dataclass
class Entry:
    url: str
    title: str | None = None
    published: datetime | None = None


@dataclass
class Listing:
    """``kind``: "feed", "sitemap", "sitemap index" or "page"; ``entries`` the article URLs it
    lists; ``more`` further listings to read (a sitemap index's sitemaps, a page's feeds)."""

    kind: str
    entries: list[Entry] = field(default_factory=list)
    more: list[str] = field(default_factory=list)


def _xml_root(body: bytes):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=False, huge_tree=False)
    try:
        return etree.fromstring(body.lstrip(), parser=parser)
    except etree.XMLSyntaxError:
        return None


def _local(tag) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _sitemap(root, base: str) -> Listing | None:
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        return None
    listing = Listing("sitemap" if kind == "urlset" else "sitemap index")
    for item in root:
        values = {_local(child.tag): (child.text or "").strip() for child in item.iter()}
        loc = values.get("loc")
        if not loc:
            continue
        if kind == "sitemapindex":
            listing.more.append(urljoin(base, loc))
            continue
        # a news sitemap's <news:publication_date>, else <lastmod>
        when = values.get("publication_date") or values.get("lastmod")
        listing.entries.append(Entry(urljoin(base, loc), values.get("title") or None, _iso(when)))
    return listing


def _iso(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        log.info("sitemap date %r is not ISO 8601: the entry is kept undated", text)
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _feed(fetched: Fetched) -> Listing | None:
    # A file-like object: given bytes or a str, feedparser may take them for a file name or URL.
    parsed = feedparser.parse(io.BytesIO(fetched.body), response_headers={
        "content-location": fetched.final_url, "content-type": fetched.content_type or "application/xml"})
    if not parsed.get("version"):
        return None
    listing = Listing("feed")
    for item in parsed.entries:
        link = item.get("link")
        if not link:
            continue
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        if stamp:  # a time.struct_time: year, month, day, hour, minute, second first
            year, month, day, hour, minute, second = stamp[:6]
            published = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
        else:
            published = None
        listing.entries.append(Entry(urljoin(fetched.final_url, link), item.get("title"), published))
    return listing


def _discover(fetched: Fetched) -> Listing:
    listing = Listing("page")
    try:
        tree = lxml_html.fromstring(fetched.body)
    except (etree.ParserError, ValueError) as exc:
        log.info("%s: neither a sitemap, a feed nor a readable page (%s): it lists nothing", fetched.final_url, exc)
        return listing
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = link.get("href")
        if "alternate" in rel and kind in FEED_TYPES and href:
            listing.more.append(urljoin(fetched.final_url, href))
    listing.more = list(dict.fromkeys(listing.more))
    return listing


def read_listing(fetched: Fetched) -> Listing:
    """What ``fetched`` lists; a page with no feed links lists nothing (``kind`` "page")."""
    root = _xml_root(fetched.body)
    if root is not None:
        found = _sitemap(root, fetched.final_url)
        if found is not None:
            return found
    found = _feed(fetched)
    if found is not None:
        return found
    return _discover(fetched)
