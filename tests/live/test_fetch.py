"""The fetcher and `follow` against the loopback news site: robots.txt, the per-host delay,
conditional requests, limits, redirects, retries, and clear messages for every bad response."""

from __future__ import annotations

import pytest
from _site import CP1252, CRAWL_DELAY, settings, site  # noqa: F401  (fixtures)

from storydiff.live.addresses import AddressRefused, check_address, parse_networks
from storydiff.live.fetcher import Fetcher, FetchError
from storydiff.live.follow import Live
from storydiff.store import open_store


def _gaps(log):
    starts = [entry.at for entry in log]
    return [b - a for a, b in zip(starts, starts[1:], strict=False)]


def _no_download_helpers(monkeypatch):
    """trafilatura and feedparser parse bytes the fetcher fetched; their own downloaders never run."""
    import feedparser.http
    import trafilatura.downloads

    def refuse(*args, **kwargs):
        raise AssertionError("a download helper other than storydiff's fetcher was called")

    monkeypatch.setattr(feedparser.http, "get", refuse)
    for name in ("fetch_url", "fetch_response", "_send_urllib_request", "_send_pycurl_request"):
        if hasattr(trafilatura.downloads, name):
            monkeypatch.setattr(trafilatura.downloads, name, refuse)


def test_follow_a_site_stores_its_feed_articles_and_names_every_bad_response(site, settings, tmp_path,
                                                                             monkeypatch):
    _no_download_helpers(monkeypatch)
    with open_store(tmp_path / "news.db") as store:
        live = Live(store, settings)
        report = live.follow([site.base() + "/"])  # the RSS feed is found on the home page
        live.close()
        stored = {store.get_article(store.find_url(site.base() + path)).title
                  for path in ("/news/flood.html", "/news/bridge.html", "/news/orchard.html",
                               "/busy/library.html", "/news/cafe.html")}
        cafe = store.get_article(store.find_url(site.base() + "/news/cafe.html"))
        orchard = store.get_article(store.find_url(site.base() + "/news/orchard.html"))
    assert report.stored == 5 and len(stored) == 5
    paths = [entry.path for entry in site.log]
    # robots.txt first, nothing ever asked of the disallowed path
    assert paths[0] == "/robots.txt" and not any(p.startswith("/private/") for p in paths)
    # one request at a time, the crawl-delay (longer than the host_delay setting) held between them
    assert min(_gaps(site.log)) >= CRAWL_DELAY - 0.02
    assert {entry.user_agent for entry in site.log} == {"storydiff-tests/1.0"}
    # the 429 was retried after its Retry-After (1 s), then stored
    busy = [entry.at for entry in site.log if entry.path == "/busy/library.html"]
    assert len(busy) == 2 and busy[1] - busy[0] >= 1.0
    # the redirect was followed, and the article stored under its canonical URL
    assert "/old/orchard" in paths and orchard.url == site.base() + "/news/orchard.html"
    # Windows-1252 decoded as the server said
    assert "café" in cafe.text and "“the heart of the town”" in cafe.text and cafe.title.startswith("Main Street café")
    messages = {error.source.split("?")[0].removeprefix(site.base()): error.message for error in report.errors}
    assert set(messages) == {"/private/secret.html", "/broken", "/slow", "/huge"}
    assert "disallowed by robots.txt" in messages["/private/secret.html"]
    assert "HTTP 500" in messages["/broken"]
    assert "timed out" in messages["/slow"]
    assert "cut off" in messages["/huge"] and "1,000,000" in messages["/huge"]


def test_a_second_follow_over_unchanged_feeds_makes_only_conditional_requests(site, settings, tmp_path):
    sources = [site.base() + "/feed.atom", site.base() + "/sitemap.xml"]
    with open_store(tmp_path / "news.db") as store:
        first = Live(store, settings)
        report = first.follow(sources)
        first.close()
        assert report.stored == 3 and not report.errors  # orchard, bridge (Atom), flood (sitemap)
        count = store.count_articles()
        site.log.clear()
        second = Live(store, settings)  # a new run: nothing but the store remembers the first
        again = second.follow(sources)
        # and a further round of the same run (follow --every) asks robots.txt again, conditionally
        third = second.follow(sources)
        second.close()
        assert store.count_articles() == count
    for report in (again, third):
        assert report.stored == 0 and report.pages == 0 and report.unchanged == 2
    assert sorted(entry.path for entry in site.log) == sorted(["/robots.txt", "/feed.atom", "/sitemap.xml"] * 2)
    assert all(entry.if_none_match for entry in site.log)


def test_one_article_under_two_urls_is_stored_once(site, settings, tmp_path):
    with open_store(tmp_path / "news.db") as store:
        live = Live(store, settings)
        report = live.fetch([site.base() + "/news/flood.html?utm_source=newsletter",
                             site.base() + "/alias/flood.html"])
        live.close()
        assert store.count_articles() == 1
    assert report.stored == 1 and report.duplicates == 1


def test_a_redirect_to_the_metadata_address_is_refused_while_loopback_is_allowed(site, settings):
    with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(site.base() + "/to-metadata")
    message = str(caught.value)
    assert "169.254.169.254" in message and "link-local" in message and "refused" in message
    assert "redirected from " + site.base() + "/to-metadata" in message
    assert [entry.path for entry in site.log] == ["/robots.txt", "/to-metadata"]


def test_loopback_is_refused_unless_allowed(site, settings):
    with Fetcher(settings.model_copy(update={"allowed_networks": []})) as fetcher:
        with pytest.raises(FetchError, match="loopback address: refused"):
            fetcher.fetch(site.base() + "/news/flood.html")
    assert site.log == []  # refused before connecting


def test_redirect_loops_stop_at_the_limit(site, settings):
    with Fetcher(settings.model_copy(update={"max_redirects": 2})) as fetcher:
        with pytest.raises(FetchError, match="more than 2 redirects"):
            fetcher.fetch(site.base() + "/loop")


@pytest.mark.parametrize("address, allowed, refused", [
    ("169.254.169.254", ["127.0.0.0/8"], True),
    ("::ffff:169.254.169.254", ["127.0.0.0/8"], True),
    ("10.1.2.3", [], True),
    ("192.168.0.10", ["10.0.0.0/8"], True),
    ("::1", ["127.0.0.0/8"], True),
    ("127.0.0.5", ["127.0.0.0/8"], False),
    ("93.184.216.34", [], False),
])
def test_the_address_policy(address, allowed, refused):
    networks = parse_networks(allowed)
    if refused:
        with pytest.raises(AddressRefused):
            check_address("example", address, networks)
    else:
        check_address("example", address, networks)


def test_allowed_networks_come_comma_separated_from_the_environment(monkeypatch):
    from storydiff.settings import load_settings

    monkeypatch.setenv("STORYDIFF_ALLOWED_NETWORKS", "127.0.0.0/8, 10.0.0.0/8")
    assert load_settings().allowed_networks == ["127.0.0.0/8", "10.0.0.0/8"]
    with pytest.raises(ValueError, match="not a network"):
        parse_networks(["127.0.0.300/8"])


def test_cp1252_fixture_is_not_utf8():
    # the Windows-1252 page really is not UTF-8: decoding it as UTF-8 would fail
    with pytest.raises(UnicodeDecodeError):
        CP1252[0].encode("cp1252").decode("utf-8")


def test_a_page_without_feed_links_is_followed_through_the_sitemaps_of_its_robots_txt(site, settings, tmp_path):
    with open_store(tmp_path / "news.db") as store:
        live = Live(store, settings)
        report = live.follow([site.base() + "/about.html"])
        live.close()
    assert report.stored == 2 and not report.errors  # flood and orchard, from /sitemap.xml
    assert "/sitemap.xml" in [entry.path for entry in site.log]


def test_a_503_is_retried_after_its_retry_after_date_then_reported(site, settings):
    with Fetcher(settings) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(site.base() + "/unavailable")
    assert str(caught.value) == site.base() + "/unavailable: HTTP 503 after 2 attempts; skipped this run"
    tries = [entry.at for entry in site.log if entry.path == "/unavailable"]
    # an HTTP date two seconds ahead (whole seconds): at least one second left when sent
    assert len(tries) == 2 and tries[1] - tries[0] >= 0.4
