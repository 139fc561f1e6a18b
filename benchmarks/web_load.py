"""The web app under readers: 10,000 stored articles, stored results for 300+ stories, 50
readers on loopback from a separate process.

    PYTHONPATH=src python benchmarks/web_load.py [--db /tmp/web_load.db] [--out benchmarks/results/web_load.md]

1. Store: the visible story sets of ../shared/data/stories/ (about 2,000 real articles) plus
   perturbed copies up to 10,000 articles (``scale.generate``: 70 % of a base's sentences, 35 %
   of words replaced), ingested with ``Feeder`` as ``storydiff ingest`` does.
2. Results: the stories of 2 to 6 articles are compared (``results.compute``) in a pool of two
   processes until 300 are stored; the time is reported (``storydiff refresh`` does the same
   work in one process).
3. Server: ``uvicorn`` over ``create_app`` in its own process on 127.0.0.1.
4. Readers (another process, asyncio with httpx2): 50 readers each open a story page, the
   list, a search, with 1 s think time between requests, for 60 s; then 50 readers open 50
   different stories at the same instant.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import random
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

TARGET_ARTICLES = 10_000
TARGET_RESULTS = 300
READERS = 50
SECONDS = 60
THINK = 1.0
WORDS = ["bridge", "election", "police", "court", "storm", "minister", "fire", "vote", "market", "hospital"]


def build(db: Path) -> dict:
    from _data import SETS, load_set, require_shared
    from scale import generate
    from storydiff.feed import Feeder
    from storydiff.store import open_store

    require_shared()
    started = time.perf_counter()
    real = [a for name in SETS for a in load_set(name)[0]]
    store = open_store(db)
    try:
        feeder = Feeder(store)
        feeder.feed(real)
        feeder.feed(generate(TARGET_ARTICLES - len(real)))
        count = store.count_articles()
    finally:
        store.close()
    return {"real": len(real), "articles": count, "ingest_s": time.perf_counter() - started}


def _compute(args):
    db, story = args
    from storydiff.results import compute, result_key
    from storydiff.settings import load_settings
    from storydiff.store import open_existing

    settings = load_settings()
    store = open_existing(db, migrate=False)
    try:
        key = result_key(store.content_keys(story), settings)
        return story, key, compute(store, story, settings)
    finally:
        store.close()


def store_results(db: Path) -> dict:
    from storydiff.store import open_existing

    store = open_existing(db)
    try:
        have = {s for s, (key, stale) in store.result_states().items() if key and not stale}
        sizes = {s: len(keys) for s, keys in store.story_keys().items()}
        lengths = dict(store._run("SELECT story, SUM(length(text)) FROM articles GROUP BY story").fetchall())
    finally:
        store.close()
    # the shortest stories first: 300 results within the time of one run on a loaded machine
    candidates = sorted((s for s, n in sizes.items() if 2 <= n <= 6 and s not in have), key=lambda s: lengths[s])
    started = time.perf_counter()
    stored = len(have)
    compared = failed = 0
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        store = open_existing(db)
        try:
            for story, key, columns in pool.imap_unordered(_compute, [(str(db), s) for s in candidates]):
                with store.transaction():
                    store.save_result(story, key, **columns)
                compared += 1
                if columns["error"]:
                    failed += 1
                else:
                    stored += 1
                print(f"results: {stored}/{TARGET_RESULTS} stored ({compared} compared)", file=sys.stderr)
                if stored >= TARGET_RESULTS:
                    pool.terminate()
                    break
        finally:
            store.close()
    return {"results": stored, "compared": compared, "not_comparable": failed,
            "results_s": time.perf_counter() - started, "before": len(have)}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(db: Path, port: int) -> subprocess.Popen:
    code = ("import uvicorn, sys; from storydiff.web import create_app; "
            f"uvicorn.run(create_app({str(db)!r}), host='127.0.0.1', port={port}, log_level='warning')")
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    server = subprocess.Popen([sys.executable, "-c", code], env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start")


# -- the readers (run in their own process: `web_load.py --readers URL STORIES_JSON`) ---------

async def _reader(client, base, stories, until, timings, rng):
    # readers arrive over the first second, as people do, not all in the same millisecond (the
    # burst below measures that); without this they stay in step, 50 requests a wave
    await asyncio.sleep(rng.random() * THINK)
    while time.monotonic() < until:
        for kind, path in (("story", f"/stories/{rng.choice(stories)}"), ("list", f"/?page={rng.randint(1, 20)}"),
                           ("search", f"/?q={rng.choice(WORDS)}")):
            started = time.perf_counter()
            try:
                answer = await client.get(base + path)
                ok = answer.status_code == 200
            except Exception:  # noqa: BLE001 (a timeout or a refused connection is an error to count)
                ok = False
            timings.append((kind, time.perf_counter() - started, ok))
            await asyncio.sleep(THINK)
            if time.monotonic() >= until:
                return


async def _readers(base: str, stories: list[int]) -> dict:
    import httpx2

    timings: list = []
    limits = httpx2.Limits(max_connections=READERS + 10)
    async with httpx2.AsyncClient(timeout=120, limits=limits) as client:
        until = time.monotonic() + SECONDS
        await asyncio.gather(*(_reader(client, base, stories, until, timings, random.Random(i))
                               for i in range(READERS)))
    burst: list = []

    async def one(story: int, gate: asyncio.Event):
        async with httpx2.AsyncClient(timeout=120) as own:
            await gate.wait()
            started = time.perf_counter()
            try:
                ok = (await own.get(f"{base}/stories/{story}")).status_code == 200
            except Exception:  # noqa: BLE001
                ok = False
            burst.append((time.perf_counter() - started, ok))

    gate = asyncio.Event()
    tasks = [asyncio.create_task(one(s, gate)) for s in random.Random(7).sample(stories, READERS)]
    await asyncio.sleep(0.5)
    gate.set()
    await asyncio.gather(*tasks)
    return {"timings": timings, "burst": burst}


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def summarise(found: dict) -> dict:
    rows = {}
    for kind in ("story", "list", "search", "all"):
        picked = [(t, ok) for k, t, ok in found["timings"] if kind in (k, "all")]
        times = [t * 1000 for t, _ in picked]
        rows[kind] = {"requests": len(picked), "p50": quantile(times, 0.5), "p99": quantile(times, 0.99),
                      "max": max(times, default=float("nan")), "errors": sum(not ok for _, ok in picked)}
    burst = [t * 1000 for t, _ in found["burst"]]
    rows["burst"] = {"requests": len(burst), "p50": quantile(burst, 0.5), "p99": quantile(burst, 0.99),
                     "max": max(burst, default=float("nan")), "errors": sum(not ok for _, ok in found["burst"])}
    return rows


def write(path: Path, built: dict, results: dict, rows: dict, command: str) -> None:
    lines = [
        "# Web app under load: 50 readers over 10,000 stored articles",
        "",
        f"Command: `{command}`.  ",
        f"Machine: 2 cores shared with other sessions' jobs, Python {platform.python_version()}; date "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Server: one uvicorn process; readers: another "
        "process (asyncio, httpx2), loopback.",
        "",
        f"Store: {built.get('articles', '?'):,} articles ({built.get('real', '?')} of the visible story sets, the "
        f"rest perturbed copies as `benchmarks/scale.py` makes them), ingested in {built.get('ingest_s', 0):.0f} s "
        "(Feeder, one process). "
        f"Stored results: {results['results']} stories of 2-6 articles (the shortest first), compared in a pool of "
        "2 processes "
        f"({results['compared']} compared in this run, {results['not_comparable']} with one independent source, "
        f"{results['before']} stored by an earlier run) in {results['results_s']:.0f} s.",
        "",
        f"{READERS} readers, each a story page, the list (a random page of 25), a search, with {THINK:.0f} s "
        f"think time, for {SECONDS} s, starting over the first second; then {READERS} readers opening {READERS} "
        "different stories at the same instant.",
        "",
        "| requests | n | p50 ms | p99 ms | max ms | errors |",
        "|---|---|---|---|---|---|",
    ]
    for kind, label in (("story", "story pages"), ("list", "story list"), ("search", "search"),
                        ("all", "all (60 s)"), ("burst", "50 stories at once")):
        r = rows[kind]
        lines.append(f"| {label} | {r['requests']} | {r['p50']:.0f} | {r['p99']:.0f} | {r['max']:.0f} "
                     f"| {r['errors']} |")
    lines += ["", "Goal: p99 under 200 ms, no errors. Before stored results, 49 of 50 story pages opened at "
              "once over 2,041 articles timed out after 120 s (issue 21): each page compared its story."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=Path("/tmp/storydiff-web-load.db"))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "web_load.md")
    parser.add_argument("--readers", nargs=2, metavar=("URL", "STORIES"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.readers:
        base, stories = args.readers
        print(json.dumps(asyncio.run(_readers(base, json.loads(stories)))))
        return
    # the store is built once and kept (--db) with what building it took beside it
    facts = args.db.with_suffix(".json")
    if not args.db.exists():
        built = build(args.db)
        facts.write_text(json.dumps(built), encoding="utf-8")
        print(f"stored {built['articles']} articles in {built['ingest_s']:.0f} s", file=sys.stderr)
    else:
        built = json.loads(facts.read_text(encoding="utf-8"))
    results = store_results(args.db)
    from storydiff.store import open_existing

    store = open_existing(args.db)
    stories = [s for s, (key, stale) in store.result_states().items() if key and not stale]
    store.close()
    port = free_port()
    server = serve(args.db, port)
    try:
        found = subprocess.run([sys.executable, __file__, "--readers", f"http://127.0.0.1:{port}", json.dumps(stories)],
                               capture_output=True, text=True, check=True)
    finally:
        server.terminate()
        server.wait(10)
    rows = summarise(json.loads(found.stdout))
    for kind, row in rows.items():
        print(kind, row, file=sys.stderr)
    write(args.out, built, results, rows, "PYTHONPATH=src python benchmarks/web_load.py")


if __name__ == "__main__":
    main()
