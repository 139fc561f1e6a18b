"""The one fetcher: every byte storydiff reads from the network comes through ``Fetcher.fetch``.

It applies, to every request and every redirect hop:

- the address policy (``addresses``), on the address actually connected to, through a network
  backend of httpx2's connection pool, so a name that resolves to 169.254.169.254 or a
  redirect to it is refused before a byte is sent;
- robots.txt (``robots``), fetched once per origin, including its crawl-delay;
- one request at a time per host, at least ``host_delay`` seconds (or the crawl-delay, if
  longer) between the end of one request and the start of the next;
- an identifying user agent, timeouts, a maximum body size (the body is streamed and cut
  off, never read whole), redirects followed one hop at a time up to ``max_redirects``,
  retries on 429/503 honouring Retry-After (else exponential backoff), and conditional
  requests (If-None-Match / If-Modified-Since) when the caller knows the validators.

trafilatura and feedparser only ever parse the bytes this returns.
"""

from __future__ import annotations

import email.utils
import logging
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpcore2
import httpx2

from ..errors import StorydiffError
from ..settings import Settings
from .addresses import AddressRefused, check_address, parse_networks
from .robots import RobotsRules

log = logging.getLogger(__name__)

REDIRECTS = (301, 302, 303, 307, 308)
RETRY_STATUSES = (429, 503)
# A server that asks for a longer pause than this is skipped for the run rather than waited
# for: a `follow --every` loop comes back later anyway.
MAX_RETRY_AFTER = 120.0
# The whole response must arrive within this many read timeouts: a server that trickles a
# byte at a time never trips the read timeout alone.
TOTAL_TIMEOUTS = 3


class FetchError(StorydiffError):
    """A URL that could not be fetched; the message names it and says why."""

    def __init__(self, url: str, problem: str, *, refused: bool = False):
        self.url = url
        self.problem = problem
        self.refused = refused  # the address policy refused the connection
        super().__init__(f"{url}: {problem}")


@dataclass
class Fetched:
    """What one fetch brought back (after redirects)."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            name, _, value = part.strip().partition("=")
            if name.lower() == "charset" and value:
                return value.strip("\"' ")
        return None


class GuardedBackend(httpcore2.NetworkBackend):
    """httpcore's synchronous network backend, resolving each host itself and refusing an
    address the policy does not allow before connecting to it (no second lookup follows, so
    the address checked is the address used)."""

    def __init__(self, allowed):
        self._inner = httpcore2.SyncBackend()
        self._allowed = allowed

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise httpcore2.ConnectError(f"cannot resolve {host}: {exc}") from exc
        address = str(infos[0][4][0])  # the host part of an IPv4 or IPv6 socket address
        check_address(host, address, self._allowed)
        return self._inner.connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                       socket_options=socket_options)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise AddressRefused(f"{path}: unix sockets are never fetched from")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _GuardedTransport(httpx2.HTTPTransport):
    def __init__(self, allowed):
        super().__init__(trust_env=False)
        # httpx2's transport takes no network backend; its pool (public httpcore2 API) does.
        self._pool = httpcore2.ConnectionPool(
            ssl_context=httpx2.create_ssl_context(trust_env=False), max_connections=100,
            max_keepalive_connections=40, keepalive_expiry=5.0, network_backend=GuardedBackend(allowed))


@dataclass
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    next_at: float = 0.0
    delay: float = 0.0


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        log.info("Retry-After %r is neither seconds nor an HTTP date: the usual backoff is used", value)
        return None
    return max(0.0, when.timestamp() - time.time())


class Fetcher:
    """Polite HTTP GETs; safe to call from several threads (one request at a time per host)."""

    def __init__(self, settings: Settings, *, on_request=None):
        self.settings = settings
        self._allowed = parse_networks(settings.allowed_networks)
        self._client = httpx2.Client(
            transport=_GuardedTransport(self._allowed), follow_redirects=False, trust_env=False,
            timeout=httpx2.Timeout(settings.fetch_timeout),
            headers={"User-Agent": settings.user_agent})
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._robots: dict[str, RobotsRules] = {}
        self._robots_lock = threading.Lock()
        self.requests = 0
        self._on_request = on_request  # called with (method, url, headers) before each request
        # robots.txt validators and bodies: known from the store (``prime_robots``), and new
        # ones to save, so an unchanged robots.txt also costs only a 304
        self._robots_known: dict[str, tuple[str | None, str | None, bytes | None]] = {}
        self.robots_fetched: dict[str, tuple[str | None, str | None, bytes]] = {}

    def prime_robots(self, known: dict[str, tuple[str | None, str | None, bytes | None]], *,
                     forget: bool = False) -> None:
        """What the store keeps of robots.txt files. ``forget``: drop the rules read so far, so
        each round of ``follow --every`` asks again (conditionally: a 304 when unchanged)."""
        self._robots_known.update({url: v for url, v in known.items() if v[2] is not None})
        if forget:
            with self._robots_lock:
                self._robots.clear()

    # -- politeness ----------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        host = (urlsplit(url).hostname or "").lower()
        with self._hosts_lock:
            return self._hosts.setdefault(host, _Host(delay=self.settings.host_delay))

    @contextmanager
    def _turn(self, url: str) -> Iterator[_Host]:
        """Hold the host's single request slot, after its delay has passed."""
        host = self._host(url)
        with host.lock:
            wait = host.next_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield host
            finally:
                host.next_at = max(host.next_at, time.monotonic() + host.delay)

    def robots(self, url: str) -> RobotsRules:
        """The robots.txt rules of ``url``'s origin (fetched once, politely)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            rules = self._robots.get(origin)
        if rules is not None:
            return rules
        robots_url = origin + "/robots.txt"
        etag, last_modified, kept = self._robots_known.get(robots_url, (None, None, None))
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        try:
            fetched = self._get(robots_url, headers, redirects_left=self.settings.max_redirects, check_robots=False)
            body = kept if fetched.not_modified and kept is not None else fetched.body
            if not fetched.not_modified and (fetched.etag or fetched.last_modified):
                self.robots_fetched[robots_url] = (fetched.etag, fetched.last_modified, body)
            rules = RobotsRules.parse(robots_url, body, self.settings.user_agent)
        except FetchError as exc:
            if exc.refused:  # the site itself is out of bounds: say so, not "robots.txt unavailable"
                raise FetchError(url, exc.problem, refused=True) from None
            rules = RobotsRules.unavailable(robots_url, exc)
            log.info("%s: unavailable (%s): %s", robots_url, exc.problem,
                     "nothing is fetched from this site" if rules.problem else "no robots.txt: every page allowed")
        if rules.crawl_delay:
            host = self._host(url)
            if rules.crawl_delay > host.delay:
                # the robots.txt request itself already counts: its successor waits the crawl-delay
                host.next_at += rules.crawl_delay - host.delay
                host.delay = rules.crawl_delay
        with self._robots_lock:
            self._robots[origin] = rules
        return rules

    # -- fetching ------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url``; a 304 when the validators still hold. ``FetchError`` naming the URL
        for anything else than a page (refused, disallowed, too big, too slow, an HTTP error)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        fetched = self._get(url, headers, redirects_left=self.settings.max_redirects, check_robots=True)
        fetched.url = url
        return fetched

    def _get(self, url: str, headers: dict, *, redirects_left: int, check_robots: bool) -> Fetched:
        hops: list[str] = []
        current = url
        while True:
            scheme = urlsplit(current).scheme.lower()
            if scheme not in ("http", "https"):
                raise FetchError(current, f"not an http(s) URL{' (redirected from ' + url + ')' if hops else ''}")
            if check_robots:
                try:
                    rules = self.robots(current)
                except FetchError as exc:
                    raise FetchError(current, exc.problem + (f" (redirected from {url})" if hops else ""),
                                     refused=exc.refused) from None
                if not rules.allowed(current):
                    raise FetchError(current, (rules.problem or "disallowed by robots.txt: not fetched")
                                     + (f" (redirected from {url})" if hops else ""))
            fetched = self._request(current, headers)
            if fetched.status in REDIRECTS:
                if len(hops) >= redirects_left:
                    raise FetchError(url, f"more than {redirects_left} redirects (last to {fetched.final_url})")
                hops.append(current)
                current = fetched.final_url
                continue
            fetched.redirects = hops
            return fetched

    def _request(self, url: str, headers: dict) -> Fetched:
        """One request, retried on 429/503; a redirect comes back with its target in final_url."""
        settings = self.settings
        for attempt in range(settings.max_retries + 1):
            with self._turn(url) as host:
                if self._on_request:
                    self._on_request("GET", url, headers)
                self.requests += 1
                response_or_wait = self._once(url, headers)
                if isinstance(response_or_wait, Fetched):
                    return response_or_wait
                status, retry_after = response_or_wait
                wait = retry_after if retry_after is not None else settings.host_delay * 2 ** attempt
                if wait > MAX_RETRY_AFTER:
                    raise FetchError(url, f"HTTP {status}: the server asks to wait {wait:.0f} s; skipped this run")
                if attempt == settings.max_retries:
                    break
                host.next_at = time.monotonic() + wait
        raise FetchError(url, f"HTTP {status} after {settings.max_retries + 1} attempts; skipped this run")

    def _once(self, url: str, headers: dict) -> Fetched | tuple[int, float | None]:
        settings = self.settings
        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in RETRY_STATUSES:
                    return status, _retry_after(response.headers.get("retry-after"))
                if status in REDIRECTS:
                    location = response.headers.get("location")
                    if not location:
                        raise FetchError(url, f"HTTP {status} redirect without a Location")
                    return Fetched(url, urljoin(url, location), status)
                fetched = Fetched(url, url, status, content_type=response.headers.get("content-type", ""),
                                  etag=response.headers.get("etag"),
                                  last_modified=response.headers.get("last-modified"))
                if status == 304:
                    return fetched
                if status >= 400 or status < 200:
                    raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip())
                declared = response.headers.get("content-length")
                if declared and declared.isdigit() and int(declared) > settings.max_body_bytes:
                    raise FetchError(url, f"body of {int(declared):,} bytes is over the limit of "
                                          f"{settings.max_body_bytes:,} (max_body_bytes): not read")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > settings.max_body_bytes:
                        raise FetchError(url, f"body over the limit of {settings.max_body_bytes:,} bytes "
                                              "(max_body_bytes): cut off, not read")
                    if time.monotonic() - started > settings.fetch_timeout * TOTAL_TIMEOUTS:
                        raise FetchError(url, f"still arriving after {settings.fetch_timeout * TOTAL_TIMEOUTS:.0f} s: "
                                              "cut off, not read")
                    chunks.append(chunk)
                fetched.body = b"".join(chunks)
                return fetched
        except AddressRefused as exc:
            raise FetchError(url, str(exc), refused=True) from None
        except httpx2.TimeoutException:
            raise FetchError(url, f"timed out (no answer within {settings.fetch_timeout:g} s)") from None
        except httpx2.HTTPError as exc:
            raise FetchError(url, f"network error: {exc or type(exc).__name__}") from None

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
