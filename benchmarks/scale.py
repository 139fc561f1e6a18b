"""Ingest and cluster N articles into a fresh SQLite store on this machine.

    PYTHONPATH=src python benchmarks/scale.py --n 10000 [--n 100000] [--paired 5000] [--stop-at 19:10]
        [--out benchmarks/results/scale.md]

Texts: the real articles of ../shared/data/stories/ (about 2,000), perturbed into distinct
documents: a random 70 % of a base article's sentences in order, 35 % of words replaced by
words drawn from the whole corpus, a publication date spread over five years, a unique URL.
At that rate two variants of one base share few word 4-shingles, so they are distinct
documents (not wire copies) that still look like news to the clusterer.

Reports articles/s per tenth of the run (how the cost per article grows with the corpus),
time per stage (features+clustering, MinHash, wire check, store writes, commits), peak
resident memory, and spaCy NER throughput on the same texts for comparison. ``--paired K``
keeps the smallest and largest stores open and feeds both the same K new articles in
alternating chunks: the growth of the cost per article measured side by side, under one load.
``--stop-at HH:MM`` (UTC) ends the largest run at that time, whatever size it has reached
(reported as its N), so a shared machine's time box still gets its paired probe.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from _data import SETS, load_set, require_shared  # noqa: E402


def base_texts():
    from storydiff.wire import sentences

    bases = []
    for name in SETS:
        articles, _, _ = load_set(name)
        bases += [(a.title or "", sentences(a.text)) for a in articles if len(a.text) > 200]
    vocabulary = [w for _, ss in bases for s in ss for w in s.split()][::7]
    return bases, vocabulary


def generate(n: int, seed: int = 11):
    from storydiff.model import Article

    bases, vocabulary = base_texts()
    rng = random.Random(seed)
    start = date(2019, 1, 1)
    for number in range(n):
        title, sents = bases[rng.randrange(len(bases))]
        kept = [s for s in sents if rng.random() < 0.7] or sents[:1]
        words = " ".join(kept).split()
        for i in range(len(words)):
            if rng.random() < 0.35:
                words[i] = vocabulary[rng.randrange(len(vocabulary))]
        text = " ".join(words)
        yield Article(id=f"scale-{number}", text=text, original=text, source="scale",
                      title=title, url=f"https://scale.example/{number}",
                      published=start + timedelta(days=rng.randrange(5 * 365)))


def timed(owner, name, totals):
    method = getattr(owner, name)

    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - started
    setattr(owner, name, wrapper)


def run(n: int, db: Path, keep_open: list | None = None, stop_at: datetime | None = None) -> dict:
    from storydiff.feed import Feeder
    from storydiff.store import open_store

    store = open_store(db)
    feeder = Feeder(store)
    totals: dict[str, float] = defaultdict(float)
    timed(feeder.clusterer, "add", totals)
    timed(feeder.wire, "signature", totals)
    timed(feeder.wire, "match", totals)
    timed(store, "add_article", totals)
    timed(store, "replace_wire_copies", totals)
    timed(feeder, "_save_state", totals)

    # articles are generated lazily, chunk by chunk, so peak memory is the pipeline's, not
    # the benchmark's copy of the corpus
    from itertools import islice

    stream = generate(n)
    words = 0
    elapsed = cpu = 0.0
    gc.collect()
    tenths, cpu_tenths = [], []
    chunk = max(1, n // 10)
    fed = 0
    for _offset in range(0, n, chunk):
        if stop_at is not None and datetime.now(UTC) >= stop_at:
            break
        wall = used = 0.0
        done = 0
        # a tenth in parts of at most 1,000, so that --stop-at ends a large run on time
        while done < chunk and (stop_at is None or datetime.now(UTC) < stop_at):
            batch = list(islice(stream, min(1000, chunk - done)))
            if not batch:
                break
            words += sum(len(a.text.split()) for a in batch)
            t0, c0 = time.perf_counter(), time.process_time()
            feeder.feed(batch, batch_size=500)
            wall, used = wall + time.perf_counter() - t0, used + time.process_time() - c0
            done += len(batch)
        if not done:
            break
        elapsed += wall
        cpu += used
        fed += done
        tenths.append(done / wall)
        # CPU time per article: the machine is shared, so wall time swings with other jobs
        cpu_tenths.append(1000 * used / done)
    n = fed
    # the ingest's end: one refresh of the window of recent articles (Feeder.settle), a
    # constant, outside the per-article figures
    feeder.settle()
    stories = len(feeder.clusterer.stories)
    if keep_open is None:
        store.close()
    else:
        keep_open.append((store, feeder))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 1e6
    accounted = sum(totals.values())
    totals["other (batching, wire group updates, commits)"] = elapsed - accounted
    return {"n": n, "seconds": elapsed, "rate": n / elapsed, "tenths": tenths, "stages": dict(totals),
            "cpu": cpu, "cpu_tenths": cpu_tenths,
            "peak_mb": peak_mb, "db_mb": size_mb, "stories": stories,
            "words": words / n}


def paired_probe(small, large, articles: int = 2000, chunk: int = 100) -> dict:
    """Feed the same new articles to the smallest and the largest store, chunk by chunk,
    alternating which goes first, and compare CPU time per article.

    The machine is shared: a 1M run lasts an hour and the load changes under it, so the
    figures of two separate runs mix code and load. Interleaved chunks see the same load."""
    from dataclasses import replace
    from itertools import islice

    probe = [replace(a, id=f"probe-{i}", url=f"https://probe.example/{i}")
             for i, a in enumerate(islice(generate(articles, seed=97), articles))]
    cpu = {"small": 0.0, "large": 0.0}
    wall = {"small": 0.0, "large": 0.0}
    for round_number, offset in enumerate(range(0, articles, chunk)):
        batch = probe[offset:offset + chunk]
        order = [("small", small), ("large", large)]
        if round_number % 2:
            order.reverse()
        for name, (_, feeder) in order:
            t0, c0 = time.perf_counter(), time.process_time()
            feeder.feed(batch, batch_size=chunk)
            wall[name] += time.perf_counter() - t0
            cpu[name] += time.process_time() - c0
    return {"articles": articles, "chunk": chunk,
            "cpu_ms": {k: 1000 * v / articles for k, v in cpu.items()},
            "wall_ms": {k: 1000 * v / articles for k, v in wall.items()}}


def spacy_rate(sample: int = 300) -> float:
    from storydiff.annotate.nlp import load_nlp
    from storydiff.settings import default_settings

    nlp = load_nlp(default_settings().spacy_model)
    texts = [a.text for a in generate(sample, seed=5)]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return sample / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, action="append", required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--spacy", action="store_true", help="also measure spaCy NER on 300 of the texts")
    parser.add_argument("--paired", type=int, default=0, metavar="K",
                        help="keep the smallest and largest stores open and feed both the same K new "
                             "articles in alternating chunks (cost ratio under the same load)")
    parser.add_argument("--stop-at", metavar="HH:MM",
                        help="UTC time at which the largest run stops growing (its size reached is reported)")
    args = parser.parse_args()
    stop_at = None
    if args.stop_at:
        hour, minute = map(int, args.stop_at.split(":"))
        stop_at = datetime.now(UTC).replace(hour=hour, minute=minute, second=0, microsecond=0)
    require_shared()
    results = []
    ns = sorted(args.n)
    probe = None
    with tempfile.TemporaryDirectory() as tmp:
        kept: list = []
        for n in ns:
            keep = kept if args.paired and n in (ns[0], ns[-1]) and len(ns) > 1 else None
            db = Path(tmp) / f"scale-{n}.db"
            result = run(n, db, keep, stop_at if n == ns[-1] else None)
            if keep is None:
                for path in db.parent.glob(db.name + "*"):
                    path.unlink()
            results.append(result)
            print(f"n={result['n']}: {result['rate']:.0f} articles/s, cpu ms/article per tenth "
                  f"{[round(c, 2) for c in result['cpu_tenths']]}, tenths {[round(r) for r in result['tenths']]}, "
                  f"peak {result['peak_mb']:.0f} MB, db {result['db_mb']:.0f} MB, stories {result['stories']}, "
                  f"stages { {k: round(v, 1) for k, v in result['stages'].items()} }", flush=True)
        if len(kept) == 2:
            probe = paired_probe(kept[0], kept[1], articles=args.paired)
            probe["small_n"], probe["large_n"] = ns[0], results[-1]["n"]
            print(f"paired probe: {probe}", flush=True)
        for store, _ in kept:
            store.close()
    spacy = spacy_rate() if args.spacy else None
    if spacy:
        print(f"spaCy {spacy:.1f} articles/s", flush=True)
    if args.out:
        write(args.out, results, spacy, ns, probe, args.paired, args.stop_at)


def write(path: Path, results: list[dict], spacy: float | None, ns: list[int], probe: dict | None = None,
          paired: int = 0, stop_at: str | None = None) -> None:
    lines = [
        "# Scale: ingest and cluster into SQLite",
        "",
        f"Command: `PYTHONPATH=src python benchmarks/scale.py {' '.join(f'--n {n}' for n in ns)}"
        f"{' --spacy' if spacy else ''}{f' --paired {paired}' if paired else ''}"
        f"{f' --stop-at {stop_at}' if stop_at else ''} --out {path}` "
        "(one process, each N in a fresh database"
        f"{f'; the largest run stopped at {stop_at} UTC with the N shown' if stop_at else ''}).  ",
        "Data: real articles of `../shared/data/stories/` perturbed into distinct documents (see the "
        "module docstring).  ",
        f"Machine: 2 cores shared with other developers' jobs, Python {platform.python_version()}, "
        f"{os.cpu_count()} CPUs visible; date {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        "Wall-clock rates swing with the other jobs on the machine; CPU time per article (this "
        "process, `time.process_time`) is the fairer measure of cost and its growth.",
        "",
        "| articles | words/article | wall s | articles/s (wall) | CPU s | articles/CPU-s "
        "| CPU ms/article, first tenth | last tenth | stories | peak RSS MB | DB MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(f"| {r['n']:,} | {r['words']:.0f} | {r['seconds']:.0f} | {r['rate']:.0f} | {r['cpu']:.0f} | "
                     f"{r['n'] / r['cpu']:.0f} | {r['cpu_tenths'][0]:.2f} | {r['cpu_tenths'][-1]:.2f} | "
                     f"{r['stories']:,} | {r['peak_mb']:.0f} | {r['db_mb']:.0f} |")
    lines += ["", "CPU ms per article in each tenth of the run (growth with corpus size):", ""]
    for r in results:
        lines.append(f"- {r['n']:,}: " + ", ".join(f"{c:.2f}" for c in r["cpu_tenths"]))
    lines += ["", "Time per stage (seconds; share of the run):", ""]
    for r in results:
        parts = ", ".join(f"{k} {v:.1f} ({100 * v / r['seconds']:.0f} %)" for k, v in
                          sorted(r["stages"].items(), key=lambda kv: -kv[1]))
        lines.append(f"- {r['n']:,}: {parts}")
    if probe:
        small, large = probe["cpu_ms"]["small"], probe["cpu_ms"]["large"]
        lines += ["", f"Paired probe: the same {probe['articles']:,} new articles fed to the {probe['small_n']:,}- "
                  f"and the {probe['large_n']:,}-article stores in alternating chunks of {probe['chunk']} "
                  f"(both stores open in this process, so the load on the machine is the same for both): "
                  f"{small:.2f} CPU ms per article at {probe['small_n']:,}, {large:.2f} at "
                  f"{probe['large_n']:,}, **{large / small:.2f}x**; wall {probe['wall_ms']['small']:.2f} against "
                  f"{probe['wall_ms']['large']:.2f} ms ({probe['wall_ms']['large'] / probe['wall_ms']['small']:.2f}x). "
                  f"Peak RSS of the largest run includes the smallest store held open."]
    if spacy:
        lines += ["", f"spaCy `en_core_web_sm` full pipeline (`nlp.pipe`, batch 32, one process) on 300 of "
                  f"the same texts: {spacy:.1f} articles/s."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
