"""``storydiff fetch`` and ``follow``: fetch pages and listings through the one ``Fetcher``,
read them, and store the articles through ``feed.Feeder``, the entry point ``ingest``
uses, so they are clustered and grouped with wire copies exactly as ingested files are (and
take the store's writer lock the same way).

Work is spread over hosts: one worker thread per host (each host sees one request at a time,
``Fetcher`` enforces the delay), results come back to the calling thread, which alone writes
the store, in batches of ``batch_size`` articles. A page's HTTP validators are written in the
same transaction as its article, and a listing's only once every entry it listed has been
stored: a run stopped at any point (``stop`` set, Ctrl-C) leaves no page marked as seen whose
article is missing, so the next run fetches exactly what is left.
"""

from __future__ import annotations

import queue
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..clean import clean_article
from ..errors import StorydiffError
from ..feed import Feeder, storyline_settings
from ..model import Article, InputError
from ..settings import Settings
from ..store.sqlite import url_key
from .feeds import Listing, read_listing
from .fetcher import Fetched, Fetcher
from .metadata import PAYWALL_RULES, flag_paywall, read_page

# Threads fetching at once, each for its own host. Politeness is per host, so more threads
# only help with more hosts; past a few dozen they wait on the GIL while parsing.
MAX_HOST_WORKERS = 32
# A home page lists feeds, a sitemap index lists sitemaps: listings are followed this deep.
LISTING_DEPTH = 2


@dataclass
class LiveReport:
    """What one ``fetch`` or ``follow`` run did."""

    listings: int = 0  # feeds, sitemaps and pages read for links
    listed: int = 0  # article URLs they gave
    pages: int = 0  # article pages fetched (HTTP 200)
    unchanged: int = 0  # 304: not modified since the last run
    stored: int = 0
    revised: list[tuple[str, int]] = field(default_factory=list)  # (article id, new version)
    duplicates: int = 0
    errors: list[InputError] = field(default_factory=list)
    stories: set[int] = field(default_factory=set)
    requests: int = 0
    stopped: bool = False


@dataclass
class _Result:
    url: str
    fetched: Fetched | None = None
    article: Article | None = None
    listing: Listing | None = None
    error: InputError | None = None


_DONE = object()


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class Live:
    """Fetch and follow into one store."""

    def __init__(self, store, settings: Settings, *, cluster_settings=None, wire_settings=None,
                 batch_size: int = 20, stop: threading.Event | None = None, on_request=None):
        self.store = store
        self.settings = settings
        self.feeder = Feeder(store, cluster_settings, wire_settings, storyline_settings(settings))
        self.fetcher = Fetcher(settings, on_request=on_request)
        self.batch_size = batch_size
        self.stop = stop or threading.Event()

    def close(self) -> None:
        self.fetcher.close()

    # -- the two commands ----------------------------------------------------------------
    def fetch(self, urls: Iterable[str]) -> LiveReport:
        """Fetch these article pages and store what they hold."""
        report = LiveReport()
        self._prime(urls := list(dict.fromkeys(urls)), new_round=True)
        self._store_pages(urls, report, listing_validators={})
        return report

    def follow(self, sources: Iterable[str]) -> LiveReport:
        """Read feeds, sitemaps or home pages, then fetch and store the articles they list."""
        report = LiveReport()
        pending = list(dict.fromkeys(sources))
        self._prime(pending, new_round=True)
        seen: set[str] = set(pending)
        entries: list[str] = []
        listing_validators: dict[str, tuple[str | None, str | None]] = {}
        for _depth in range(LISTING_DEPTH + 1):
            if not pending or self.stop.is_set():
                break
            more: list[str] = []
            for result in self._parallel(pending, self._read_listing):
                if result.error is not None:
                    report.errors.append(result.error)
                    continue
                fetched = result.fetched
                assert fetched is not None  # a result without an error holds what was fetched
                if fetched.not_modified:
                    report.unchanged += 1
                    continue
                report.listings += 1
                listing = result.listing
                assert listing is not None  # ... and, unless unchanged, what it lists
                if fetched.etag or fetched.last_modified:
                    listing_validators[result.url] = (fetched.etag, fetched.last_modified)
                if listing.kind == "page" and not listing.more:
                    # no feed link on the page: the sitemaps its robots.txt names (already fetched)
                    listing.more = self.fetcher.robots(fetched.final_url).sitemaps
                    if not listing.more:
                        report.errors.append(InputError(result.url, "no RSS/Atom feed, sitemap or feed link found"))
                entries.extend(entry.url for entry in listing.entries)
                more.extend(url for url in listing.more if url not in seen)
                seen.update(listing.more)
            pending = more
        entries = list(dict.fromkeys(entries))
        report.listed = len(entries)
        self._prime(entries)
        self._store_pages(entries, report, listing_validators)
        return report

    # -- workers (one thread per host) ---------------------------------------------------
    def _prime(self, urls: list[str], *, new_round: bool = False) -> None:
        """Give the fetcher what the store knows of each origin's robots.txt (read afresh,
        conditionally, at the start of each round)."""
        origins = {f"{p.scheme}://{p.netloc}/robots.txt" for p in map(urlsplit, urls) if p.netloc}
        self.fetcher.prime_robots({url: self.store.validators(url) for url in origins}, forget=new_round)

    def _parallel(self, urls: list[str], work: Callable[[str, tuple], _Result]) -> Iterator[_Result]:
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in urls:
            by_host[_host(url)].append(url)
        # validators are read here, in the thread that owns the store
        known = {url: self.store.validators(url)[:2] for url in urls}
        results: queue.Queue = queue.Queue()

        def run(host_urls: list[str]) -> None:
            try:
                for url in host_urls:
                    if self.stop.is_set():
                        break
                    try:
                        results.put(work(url, known[url]))
                    except StorydiffError as exc:
                        results.put(_Result(url, error=InputError(getattr(exc, "url", None) or url,
                                                                  getattr(exc, "problem", None) or str(exc))))
                    except Exception as exc:  # one bad page must not stop its host's others
                        results.put(_Result(url, error=InputError(url, f"{type(exc).__name__}: {exc}")))
            finally:
                results.put(_DONE)

        if not by_host:
            return
        with ThreadPoolExecutor(min(len(by_host), MAX_HOST_WORKERS), thread_name_prefix="storydiff-fetch") as pool:
            for host_urls in by_host.values():
                pool.submit(run, host_urls)
            remaining = len(by_host)
            while remaining:
                item = results.get()
                if item is _DONE:
                    remaining -= 1
                else:
                    yield item

    def _read_listing(self, url: str, validators: tuple) -> _Result:
        fetched = self.fetcher.fetch(url, etag=validators[0], last_modified=validators[1])
        if fetched.not_modified:
            return _Result(url, fetched)
        return _Result(url, fetched, listing=read_listing(fetched))

    def _read_article(self, url: str, validators: tuple) -> _Result:
        fetched = self.fetcher.fetch(url, etag=validators[0], last_modified=validators[1])
        if fetched.not_modified:
            return _Result(url, fetched)
        article = read_page(fetched, article_id=url)
        article.id = url_key(article.url) or url
        article.source = url
        return _Result(url, fetched, article=clean_article(article))

    # -- storing (the calling thread only) -----------------------------------------------
    def _store_pages(self, urls: list[str], report: LiveReport,
                     listing_validators: dict[str, tuple[str | None, str | None]]) -> None:
        batch: list[tuple[Article, Fetched]] = []
        try:
            for result in self._parallel(urls, self._read_article):
                if result.error is not None:
                    report.errors.append(result.error)
                elif result.fetched is not None and result.fetched.not_modified:
                    report.unchanged += 1
                else:
                    # a result without an error holds the page fetched and the article read from it
                    assert result.fetched is not None and result.article is not None
                    report.pages += 1
                    batch.append((result.article, result.fetched))
                if len(batch) >= self.batch_size:
                    self._write(batch, report, {})
                    batch = []
                if self.stop.is_set():
                    break
        finally:
            # what was fetched whole is stored even when the run is being stopped; a listing
            # is marked seen only when all its entries were stored
            report.stopped = self.stop.is_set()
            self._write(batch, report, {} if report.stopped else listing_validators)
            report.requests = self.fetcher.requests
        report.stories |= self.feeder.settle().stories  # the round's end, as an ingest's (Feeder.settle)

    def _write(self, batch: list[tuple[Article, Fetched]], report: LiveReport,
               listing_validators: dict[str, tuple[str | None, str | None]]) -> None:
        articles = [article for article, _ in batch]
        for article in articles:
            flag_paywall(article, None, self.store.outlet_lengths(article.outlet or ""), PAYWALL_RULES[2:])
        robots = dict(self.fetcher.robots_fetched)

        def save_validators(_stored: list[Article]) -> None:
            for _article, fetched in batch:
                if fetched.etag or fetched.last_modified:
                    self.store.save_validators(fetched.url, fetched.etag, fetched.last_modified)
            for url, (etag, last_modified) in listing_validators.items():
                self.store.save_validators(url, etag, last_modified)
            for url, (etag, last_modified, body) in robots.items():
                self.store.save_validators(url, etag, last_modified, body)

        if not batch and not listing_validators and not robots:
            return
        fed = self.feeder.feed(articles, batch_size=max(len(articles), 1), on_batch=save_validators)
        for url in robots:
            self.fetcher.robots_fetched.pop(url, None)
        report.stored += fed.stored
        report.revised += fed.revised
        report.duplicates += len(fed.duplicates)
        report.errors += fed.errors
        report.stories |= fed.stories
