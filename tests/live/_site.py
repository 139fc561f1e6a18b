"""A small news site on the loopback interface for the live tests (and benchmarks/live.py).

Pages are written here (fictional reports); ``NewsSite(shared_pages=[...])`` also serves real
pages read at run time from ../shared (never copied). It serves an RSS feed, an Atom feed, a
sitemap, robots.txt (a disallowed path, a crawl-delay), ETags and Last-Modified with 304s,
redirects, a 429 with Retry-After, a 500, a page that never finishes, a 50 MB body, a page in
Windows-1252, and an article that can be edited between two fetches. Every request is logged
(time, path, conditional headers, client host)."""

from __future__ import annotations

import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

CRAWL_DELAY = 0.4
STAMP = formatdate(1764000000, usegmt=True)


def _paragraphs(*paragraphs: str) -> str:
    return "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


def article_page(title: str, paragraphs: list[str], *, published: str = "2026-11-20T09:00:00+00:00",
                 modified: str | None = None, canonical: str | None = None, free: bool = True,
                 charset: str = "utf-8") -> str:
    ld = {"@type": "NewsArticle", "headline": title, "datePublished": published}
    if modified:
        ld["dateModified"] = modified
    if not free:
        ld["isAccessibleForFree"] = False
    import json

    canon = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{html.escape(title)}</title>{canon}'
            f'<meta property="og:site_name" content="The Valley Courier">'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
            f'<nav><a href="/">Home</a> <a href="/news/">News</a></nav>'
            f'<article><h1>{html.escape(title)}</h1>{_paragraphs(*paragraphs)}</article>'
            f'<footer>Copyright The Valley Courier</footer></body></html>')


FLOOD = [
    "Floodwaters swept through the valley town of Riverton on Tuesday, and officials said 12 people "
    "had died as the Pell River broke its banks after three days of heavy rain.",
    "Mayor Katrina Halvorsen said rescue teams were still searching the east bank of the river, "
    "where the water rose fastest during the night.",
    "The county opened three shelters at local schools, and about 400 residents spent the night there "
    "while volunteers handed out blankets and hot meals.",
    "Forecasters expect the river to crest on Thursday afternoon, and the county asked drivers to stay "
    "off the valley road until the water recedes.",
]
FLOOD_EDITED = [
    FLOOD[0].replace("12 people", "15 people"),
    FLOOD[1].replace("Katrina Halvorsen", "Katrina Halvorsson"),
    FLOOD[2],
    FLOOD[3],
    "The state governor, Dana Whitcombe, declared an emergency for the whole county on Wednesday "
    "morning and sent National Guard trucks to the shelters.",
    "Correction: An earlier version of this article misspelled the name of the mayor.",
]
BRIDGE = [
    "The old iron bridge over the Pell River at Millbrook will close for repairs on Monday for at least "
    "six weeks, the state transport department said on Friday.",
    "Engineers found cracks in two of the bridge's support beams during an inspection in October, and "
    "the department said the repairs would cost about 2.4 million dollars.",
    "Drivers will be sent on a 14-mile detour through Eastfield, and the school district said its buses "
    "would leave twenty minutes earlier while the bridge is shut.",
]
ORCHARD = [
    "Apple growers in the upper valley harvested their largest crop in a decade this autumn, the "
    "growers' cooperative said on Wednesday, after a mild spring and a dry, warm September.",
    "The cooperative's manager, Tobias Lindqvist, said members picked 38,000 tonnes of apples, about a "
    "fifth more than last year, and that prices had held up despite the glut.",
    "Several orchards hired extra pickers from neighbouring counties, and the cooperative opened a "
    "second cold store near the railway station to keep the fruit until spring.",
]
LIBRARY = [
    "The Riverton public library reopened on Saturday after an eighteen-month renovation that added "
    "a children's wing, a café and a room for local history archives.",
    "The head librarian, Ines Moreau, said more than 1,200 people came through the doors on the first "
    "day, many of them to see the restored reading room with its original oak shelves.",
    "The renovation cost 6.5 million dollars, most of it raised by a bond measure that voters approved "
    "three years ago, with the rest from private donors.",
]
PRIVATE = ["This page sits under a path robots.txt disallows. " * 8]
CP1252 = [
    "The café on Main Street, run by the Müller family since 1972, closed its doors on Sunday after "
    "fifty years, and regulars said it was “the heart of the town”.",
    "Its owner, Renée Müller, said rising rents and a smaller lunch crowd had made it impossible to "
    "carry on, and that she would now spend more time with her grandchildren.",
    "Neighbours left flowers and notes at the door on Monday morning — one read “merci pour tout”.",
]


@dataclass
class Logged:
    at: float
    path: str
    host: str
    if_none_match: str | None
    if_modified_since: str | None
    user_agent: str | None


@dataclass
class NewsSite:
    """State shared by the handler threads."""

    shared_pages: list[Path] = field(default_factory=list)
    edited: bool = False
    log: list[Logged] = field(default_factory=list)
    busy_served: set = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    host: str = "127.0.0.1"
    port: int = 0
    crawl_delay: float | None = CRAWL_DELAY
    _built: dict = field(default_factory=dict)
    feed_paths: tuple = ("/news/flood.html", "/news/bridge.html", "/private/secret.html", "/old/orchard",
                         "/busy/library.html", "/broken", "/slow", "/huge", "/news/cafe.html")

    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def pages(self) -> dict[str, tuple[bytes, str]]:
        """path -> (body, content type) of every static page (built once per state of the site)."""
        with self.lock:
            if self.edited not in self._built:
                self._built[self.edited] = self._build()
            return self._built[self.edited]

    def _build(self) -> dict[str, tuple[bytes, str]]:
        pages = {
            "/news/flood.html": article_page("Deadly flood in Riverton as the Pell River bursts its banks",
                                             FLOOD_EDITED if self.edited else FLOOD,
                                             modified="2026-11-21T10:00:00+00:00" if self.edited else None,
                                             canonical="/news/flood.html"),
            "/news/bridge.html": article_page("Millbrook bridge to close for six weeks", BRIDGE,
                                              published="2026-11-18T08:00:00+00:00"),
            "/news/orchard.html": article_page("Upper valley growers pick a record apple crop", ORCHARD,
                                               published="2026-11-12T07:30:00+00:00"),
            "/busy/library.html": article_page("Riverton library reopens after renovation", LIBRARY,
                                               published="2026-11-15T12:00:00+00:00"),
            "/private/secret.html": article_page("Not for crawlers", PRIVATE),
        }
        pages["/alias/flood.html"] = pages["/news/flood.html"]  # same page, canonical to /news/
        pages["/paywalled.html"] = article_page("Council budget: what the leaked draft says", BRIDGE[:1] + [
            "Subscribe to continue reading: subscribers get unlimited access to every story."], free=False)
        out = {path: (text.encode("utf-8"), "text/html; charset=utf-8") for path, text in pages.items()}
        out["/news/cafe.html"] = (article_page("Main Street café closes after fifty years", CP1252,
                                               charset="windows-1252").encode("cp1252"),
                                  "text/html; charset=windows-1252")
        for number, path in enumerate(self.shared_pages):
            out[f"/real/{number}.html"] = (path.read_bytes(), "text/html")
        delay = f"Crawl-delay: {self.crawl_delay}\n" if self.crawl_delay is not None else ""
        out["/robots.txt"] = (f"User-agent: *\nDisallow: /private/\n{delay}"
                              f"Sitemap: {self.base()}/sitemap.xml\n".encode(), "text/plain")
        out["/"] = (b'<html><head><title>The Valley Courier</title>'
                    b'<link rel="alternate" type="application/rss+xml" title="News" href="/feed.rss">'
                    b'</head><body><h1>The Valley Courier</h1></body></html>', "text/html")
        out["/about.html"] = (b"<html><head><title>About us</title></head><body><p>A small paper.</p></body></html>",
                              "text/html")
        out["/feed.rss"] = (self.rss().encode(), "application/rss+xml")
        out["/feed.atom"] = (self.atom().encode(), "application/atom+xml")
        out["/sitemap.xml"] = (self.sitemap().encode(), "application/xml")
        return out

    def listed(self) -> list[str]:
        return list(self.feed_paths) + [f"/real/{n}.html" for n in range(len(self.shared_pages))]

    def rss(self) -> str:
        items = "".join(f"<item><title>Item {n}</title><link>{self.base()}{path}?utm_source=rss</link>"
                        f"<pubDate>{STAMP}</pubDate></item>" for n, path in enumerate(self.listed()))
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>The Valley Courier</title>'
                f'<link>{self.base()}/</link><description>News</description>{items}</channel></rss>')

    def atom(self) -> str:
        entries = "".join(f'<entry><title>Entry</title><link href="{self.base()}{path}"/><id>{path}</id>'
                          f'<updated>2026-11-20T09:00:00Z</updated></entry>'
                          for path in ("/news/orchard.html", "/news/bridge.html"))
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f'<title>Courier</title><id>{self.base()}/</id><updated>2026-11-20T09:00:00Z</updated>{entries}</feed>')

    def sitemap(self) -> str:
        urls = "".join(f"<url><loc>{self.base()}{path}</loc><lastmod>2026-11-20</lastmod></url>"
                       for path in ("/news/flood.html", "/news/orchard.html"))
        return f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


class Handler(BaseHTTPRequestHandler):
    site: NewsSite
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        site = self.site
        path = self.path.split("?", 1)[0]
        with site.lock:
            site.log.append(Logged(time.monotonic(), path, self.client_address[0],
                                   self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since"),
                                   self.headers.get("User-Agent")))
        try:
            self._route(site, path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _route(self, site: NewsSite, path: str) -> None:
        if path == "/old/orchard":
            return self._send(301, headers={"Location": "/news/orchard.html"})
        if path == "/to-metadata":
            return self._send(302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        if path == "/loop":
            return self._send(302, headers={"Location": "/loop"})
        if path == "/busy/library.html" and path not in site.busy_served:
            site.busy_served.add(path)
            return self._send(429, b"slow down", {"Retry-After": "1"})
        if path == "/unavailable":
            return self._send(503, b"down for maintenance", {"Retry-After": formatdate(time.time() + 2, usegmt=True)})
        if path == "/broken":
            return self._send(500, b"internal error")
        if path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<html><body><p>This page never finishes")
            self.wfile.flush()
            time.sleep(4)
            return None
        if path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65533 + b"\n"
            for _ in range(50 * 1024 * 1024 // len(chunk)):
                self.wfile.write(chunk)
            self.close_connection = True
            return None
        pages = site.pages()
        if path not in pages:
            return self._send(404, b"not found")
        body, kind = pages[path]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, headers={"ETag": etag})
        return self._send(200, body, {"Content-Type": kind, "ETag": etag, "Last-Modified": STAMP})


class Server:
    """``NewsSite`` served by a ThreadingHTTPServer in a daemon thread on ``host``."""

    def __init__(self, site: NewsSite, host: str = "127.0.0.1", port: int = 0):
        handler = type("SiteHandler", (Handler,), {"site": site})
        self.httpd = ThreadingHTTPServer((host, port), handler)
        self.httpd.daemon_threads = True
        site.host, site.port = host, self.httpd.server_address[1]
        self.site = site
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# -- fixtures (imported by the test modules: a conftest.py here would shadow tests/conftest.py) --


@pytest.fixture
def site():
    with Server(NewsSite()) as server:
        yield server.site


@pytest.fixture
def settings():
    from storydiff.settings import Settings

    return Settings(allowed_networks=["127.0.0.0/8"], host_delay=0.1, fetch_timeout=1.0,
                    max_body_bytes=1_000_000, max_retries=1, user_agent="storydiff-tests/1.0")


@pytest.fixture
def live_env(monkeypatch):
    """The same settings as environment variables, for the CLI."""
    values = {"ALLOWED_NETWORKS": "127.0.0.0/8", "HOST_DELAY": "0.1", "FETCH_TIMEOUT": "1",
              "MAX_BODY_BYTES": "1000000", "MAX_RETRIES": "1", "USER_AGENT": "storydiff-tests/1.0"}
    for name, value in values.items():
        monkeypatch.setenv("STORYDIFF_" + name, value)
    return {"STORYDIFF_" + k: v for k, v in values.items()}
