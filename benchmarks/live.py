"""Live fetching on 20 hosts: articles per second with politeness held, against the same pages
fetched one after another with no delay at all (the baseline), in the same run.

    PYTHONPATH=src python benchmarks/live.py [--delay 1.0] [--out benchmarks/results/live.md]

The loopback news site of the tests (tests/live/_site.py) is served on 20 addresses,
127.0.0.1 to 127.0.0.20, each a host of its own with its own share of the pages: the real
news pages of ../shared/data/extraction/scrapinghub/html (read at run time) when present,
else the test site's own few pages. Both modes fetch every page, read it (trafilatura) and
store it (the same Feeder as ingest) into a fresh database:

- polite: ``Live.fetch`` as ``storydiff fetch`` runs it: robots.txt per host, one request at a
  time per host, ``host_delay`` seconds between two requests to one host, hosts in parallel;
- baseline: one ``Fetcher`` with no delay, each page fetched and read after the previous one,
  no robots.txt request (the site's robots.txt has no crawl-delay).

Each mode runs in a child process (the servers stay in this one), whose peak resident memory
is reported. The servers' logs give the smallest gap between two requests to one host in the
polite run, the check that politeness held.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests" / "live"))

from _site import NewsSite, Server  # noqa: E402

HOSTS = 20
SHARED_HTML = ROOT.parent / "shared" / "data" / "extraction" / "scrapinghub" / "html"
FALLBACK_PATHS = ("/news/flood.html", "/news/bridge.html", "/news/orchard.html", "/news/cafe.html")


def _settings(delay: float):
    from storydiff.settings import Settings

    return Settings(allowed_networks=["127.0.0.0/8"], host_delay=delay, fetch_timeout=10.0,
                    user_agent="storydiff-benchmark/1.0")


def child(mode: str, delay: float, urls: list[str]) -> dict:
    from storydiff.clean import clean_article
    from storydiff.errors import InputProblem
    from storydiff.feed import Feeder
    from storydiff.live.fetcher import Fetcher, FetchError
    from storydiff.live.follow import Live
    from storydiff.live.metadata import read_page
    from storydiff.store import open_store

    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "live.db") as store:
        started = time.perf_counter()
        if mode == "polite":
            live = Live(store, _settings(delay))
            report = live.fetch(urls)
            live.close()
            stored, problems, requests = report.stored + report.duplicates, len(report.errors), report.requests
        else:
            articles, problems = [], 0
            with Fetcher(_settings(0.0)) as fetcher:
                for url in urls:
                    try:
                        fetched = fetcher._request(url, {})  # no robots.txt, no delay: the baseline
                        article = read_page(fetched, article_id=url)
                        article.id = url
                        articles.append(clean_article(article))
                    except (FetchError, InputProblem):
                        problems += 1
                requests = fetcher.requests
            fed = Feeder(store).feed(articles, batch_size=20)
            stored = fed.stored + len(fed.duplicates)
        seconds = time.perf_counter() - started
    return {"mode": mode, "seconds": seconds, "stored": stored, "problems": problems, "requests": requests,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--delay", type=float, default=1.0, help="host_delay of the polite run (s)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "live.md")
    parser.add_argument("--child", choices=["polite", "baseline"])
    parser.add_argument("--urls", type=Path)
    args = parser.parse_args()
    if args.child:
        urls = json.loads(args.urls.read_text())
        print(json.dumps(child(args.child, args.delay, urls)))
        return

    real = sorted(SHARED_HTML.glob("*.html")) if SHARED_HTML.exists() else []
    shares = [real[number::HOSTS] for number in range(HOSTS)]
    sites = [NewsSite(shared_pages=shares[number] if real else [], crawl_delay=None) for number in range(HOSTS)]
    servers = [Server(site, host=f"127.0.0.{number + 1}") for number, site in enumerate(sites)]
    for server in servers:
        server.__enter__()
    try:
        urls = [f"{site.base()}/real/{n}.html" for site in sites for n in range(len(site.shared_pages))] if real \
            else [site.base() + path for site in sites for path in FALLBACK_PATHS]
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(urls, handle)
        results = {}
        for mode in ("baseline", "polite"):
            for site in sites:
                site.log.clear()
            done = subprocess.run([sys.executable, __file__, "--child", mode, "--delay", str(args.delay),
                                   "--urls", handle.name], capture_output=True, text=True, check=True)
            results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
            if mode == "polite":
                gaps = []
                for site in sites:
                    by_host = [entry.at for entry in site.log]
                    gaps += [b - a for a, b in zip(by_host, by_host[1:], strict=False)]
                results[mode]["min_gap"] = min(gaps) if gaps else None
                results[mode]["hosts_seen"] = sum(1 for site in sites if site.log)
    finally:
        for server in servers:
            server.__exit__(None, None, None)
    Path(handle.name).unlink()

    base, polite = results["baseline"], results["polite"]
    data = (f"{len(real)} real pages of `../shared/data/extraction/scrapinghub/html/`" if real
            else f"the test site's {len(FALLBACK_PATHS)} fictional pages on each host (no ../shared)")
    lines = [
        "# Live fetching: 20 hosts, politeness held",
        "",
        f"Command: `PYTHONPATH=src python benchmarks/live.py --delay {args.delay:g}`  ",
        f"Data: {data}, served on 127.0.0.1 to 127.0.0.{HOSTS} as {HOSTS} hosts ({len(urls)} pages, "
        f"about {len(urls) // HOSTS} a host).  ",
        f"Machine: 2 cores shared, Python {platform.python_version()}; date "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Each mode fetches, reads (trafilatura) and stores "
        "(Feeder, as ingest) every page into a fresh database, in a child process.",
        "",
        "| mode | pages stored | failed | requests | time | articles/s | peak memory (RSS) |",
        "|---|---|---|---|---|---|---|",
        f"| baseline: one after another, no delay, no robots.txt | {base['stored']} | {base['problems']} | "
        f"{base['requests']} | {base['seconds']:.1f} s | {base['stored'] / base['seconds']:.1f} | "
        f"{base['peak_rss_mb']:.0f} MB |",
        f"| polite: `host_delay` {args.delay:g} s, one request at a time per host, robots.txt, hosts in parallel | "
        f"{polite['stored']} | {polite['problems']} | {polite['requests']} | {polite['seconds']:.1f} s | "
        f"**{polite['stored'] / polite['seconds']:.1f}** | {polite['peak_rss_mb']:.0f} MB |",
        "",
        f"Politeness held: the smallest gap between two requests to one host in the polite run was "
        f"{polite['min_gap']:.2f} s (delay {args.delay:g} s), over {polite['hosts_seen']} hosts. "
        f"The polite run took {polite['seconds'] / base['seconds']:.2f}x the baseline's time: with "
        f"{len(urls) // HOSTS} pages a host and {args.delay:g} s between them, the floor is about "
        f"{(len(urls) // HOSTS) * args.delay:.0f} s; the work of reading pages overlaps the waits.",
    ]
    from _data import publish

    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
