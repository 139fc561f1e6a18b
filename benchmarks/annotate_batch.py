"""Batch annotation throughput: the single-process loop against Dask with 1 and 2 local workers.

    PYTHONPATH=src python benchmarks/annotate_batch.py [--limit N] [--out benchmarks/results/annotate_batch.md]

The same articles (the first N of ../shared/data/stories/, sets in a fixed order; all 2,041
without --limit) are ingested into three fresh SQLite stores, one per run; the runs go one
after the other in one process, on the same loaded machine. Also: the cost per article
broken down (parse, mentions, claims, store), reading a stored parse against parsing again,
and bytes stored per article. The three runs' stored records are checked to be identical.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _data import SETS, load_set, publish, require_shared  # noqa: E402


def _records(store) -> list:
    from storydiff.annotate.stored import decode_found

    parses = {key: bytes(docs) for key, docs in store._run("SELECT parse_key, docs FROM parses")}
    return sorted((key, context, parses[key], decode_found(found))
                  for key, context, found in store._run("SELECT parse_key, context, found FROM annotations"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--rounds", type=int, default=4,
                        help="interleave the three runs over this many chunks of the articles")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "annotate_batch.md")
    args = parser.parse_args()
    require_shared()

    from storydiff.align import claims_of
    from storydiff.annotate import load_models
    from storydiff.annotate.stored import annotate_stored, stored_bytes
    from storydiff.compare import canonical_names
    from storydiff.feed import Feeder
    from storydiff.scale import annotate_batch
    from storydiff.store import open_store

    articles = [a for name in SETS for a in load_set(name)[0]]
    total = len(articles)
    if args.limit:
        articles = articles[:args.limit]
    load_models()
    folder = Path(tempfile.mkdtemp(prefix="storydiff-batch-"))
    runs = [("single process (loop)", 0), ("Dask, 1 local worker", 1), ("Dask, 2 local workers", 2)]
    # The runs are interleaved: the articles come in `--rounds` chunks, and each chunk is fed to
    # the three stores and annotated by the three runs in a rotating order, so a change in the
    # machine's load (other sessions share its 2 cores) falls on all three alike. Measured one after
    # the other, the same command gave 0.73x and then 1.70x for 2 workers on one subset.
    paths = [folder / f"w{workers}.db" for _, workers in runs]
    stores = [open_store(path) for path in paths]
    totals = [dict(seconds=0.0, startup=0.0, articles=0, timings={}) for _ in runs]
    # the bytes each file would hold without annotation: its size when opened plus what feeding added
    size_before = [path.stat().st_size for path in paths]
    chunks = [articles[i::args.rounds] for i in range(args.rounds)]
    for number, chunk in enumerate(chunks):
        order = [(number + k) % len(runs) for k in range(len(runs))]
        for k in order:
            label, workers = runs[k]
            store = stores[k]
            before = paths[k].stat().st_size
            Feeder(store).feed([a.__class__(**a.__dict__) for a in chunk])
            size_before[k] += paths[k].stat().st_size - before
            started = time.perf_counter()
            report = annotate_batch(store, workers=workers, partition_size=25, dashboard="127.0.0.1:0",
                                    say=lambda _: None)
            seconds = time.perf_counter() - started
            assert not report.failed, [f.describe() for f in report.failed]
            sums = totals[k]
            sums["seconds"] += seconds
            sums["startup"] += report.startup
            sums["articles"] += report.articles
            for name, value in report.timings.items():
                sums["timings"][name] = sums["timings"].get(name, 0.0) + value
            print(f"round {number + 1}/{args.rounds}, {label}: {report.articles} articles in {seconds:.1f} s "
                  f"(load {os.getloadavg()[0]:.1f})", file=sys.stderr)
    results, records = [], []
    for k, (label, workers) in enumerate(runs):
        records.append(_records(stores[k]))
        sizes = stored_bytes(stores[k])
        stores[k].close()
        sums = totals[k]
        report = type("Totals", (), dict(articles=sums["articles"], startup=sums["startup"],
                                        timings=sums["timings"]))
        results.append((label, workers, report, sums["seconds"], sizes, size_before[k], paths[k]))
    identical = all(r == records[0] for r in records[1:])

    # cost per article of the loop run, and of reading back what it stored
    loop_report = results[0][2]
    n = loop_report.articles
    store = open_store(results[0][6])
    stories = [store.story_articles(s.id) for s in store.list_stories()]
    from storydiff.compare import prepare

    read_s = claims_s = 0.0
    for story in stories:
        prepared = prepare(story)
        begun = time.perf_counter()
        annotated = annotate_stored(prepared, store, save=False)
        read_s += time.perf_counter() - begun
        begun = time.perf_counter()
        canonical = canonical_names(annotated)
        for item in annotated:
            claims_of(item, canonical)
        claims_s += time.perf_counter() - begun
    store.close()
    per = {name: 1000 * loop_report.timings.get(name, 0.0) / n for name in ("parse", "mentions", "serialise", "store")}
    per["claims"] = 1000 * claims_s / n
    sizes = results[0][4]
    parse_bytes = sizes["parse_bytes"] / max(sizes["parses"], 1)
    found_bytes = sizes["annotation_bytes"] / max(sizes["annotations"], 1)
    file_growth = (results[0][6].stat().st_size - results[0][5]) / n

    base = results[0][3]
    load = os.getloadavg()
    lines = [
        "# Batch annotation (`storydiff annotate-batch`)", "",
        f"`PYTHONPATH=src python benchmarks/annotate_batch.py{f' --limit {args.limit}' if args.limit else ''}` "
        f"on {platform.machine()}, {os.cpu_count()} cores shared with other sessions; "
        f"{len(articles)} of the {total} visible articles of `../shared/data/stories/`"
        + (" (a fixed subset: the first in set order, since the whole run is too slow on this loaded machine)"
           if len(articles) < total else "")
        + f", each run into its own fresh SQLite store; the three runs interleaved over {args.rounds} chunks of the "
        "articles in a rotating order, in one process, so load changes fall on all three. "
        "Wall time includes starting a Dask cluster for each chunk and loading the model and the extractors' data "
        "in each "
        "worker (the loop's process had them loaded already); the last column leaves that out.", "",
        f"Load average during the runs: {' / '.join(f'{x:.1f}' for x in load)} (1, 5, 15 min, at the end).", "",
        "| run | articles | seconds | articles/s | speed-up | of which cluster start | articles/s after start |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for label, _workers, report, seconds, _, _, _ in results:
        working = seconds - report.startup
        lines.append(f"| {label} | {report.articles} | {seconds:.1f} | {report.articles / seconds:.2f} | "
                     f"{base / seconds:.2f}× | {report.startup:.1f} | {report.articles / working:.2f} |")
    lines += ["", f"Stored records identical across the three runs: **{'yes' if identical else 'NO'}**.", "",
              "Cost per article (single-process run; claims measured afterwards on the stored annotations, "
              "story by story, as `show` builds them):", "",
              "| step | ms per article |", "|---|---:|"]
    for name in ("parse", "mentions", "claims", "serialise", "store"):
        lines.append(f"| {name} | {per[name]:.1f} |")
    lines += ["", f"Reading a stored annotation back (DocBin into Docs, mentions read from JSON): "
              f"{1000 * read_s / n:.1f} ms per article, against {per['parse'] + per['mentions']:.1f} ms to "
              "parse and extract again.", "",
              f"Bytes stored per article: {parse_bytes:,.0f} (DocBin of text and title) + {found_bytes:,.0f} "
              f"(sentences, mentions, quotes) payload; the SQLite file grew {file_growth:,.0f} bytes per article "
              f"(so about {file_growth * 1e6 / 1e9:.1f} GB per million articles).", ""]
    publish("\n".join(lines), args.out)


if __name__ == "__main__":  # Dask's local workers are spawned processes that import this module
    main()
