"""Store faults: ``kill -9`` of ``storydiff ingest`` at many seeded points in a row, and several
ingests into one database at once. Counts articles lost and duplicated (both must be 0) and
whether the end result equals an uninterrupted, sequential run.

    PYTHONPATH=src python benchmarks/store_faults.py --kills 50 --writers 4 --out benchmarks/results/store_faults.md

The CI tests (tests/hostile/test_kill_points.py, test_concurrent_ingest.py) run the same with
20 kills and 4 writers; this runs more, with a printed seed.
"""

from __future__ import annotations

import argparse
import platform
import random
import re
import signal
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

from _ingest_runs import STORIES, dump, record, start_ingest, write_set  # noqa: E402

BATCH = 20
FEED = [*range(240), *range(1000, 1000 + 160 * STORIES, STORIES)]  # 40 stories of 6, one of 166
LEASE = re.compile(r"writer lock on .*: writer (\d+), process (\d+), taken at (\S+) after waiting ([\d.]+) s")


def _ids(db: Path) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY key")]


def _consistent(db: Path) -> bool:
    with sqlite3.connect(db) as conn:
        sizes = dict(conn.execute("SELECT id, size FROM stories"))
        counted = dict(conn.execute("SELECT story, COUNT(*) FROM articles GROUP BY story"))
        unassigned = conn.execute(
            "SELECT COUNT(*) FROM articles WHERE story IS NULL OR wire_group IS NULL").fetchone()[0]
        return sizes == counted and unassigned == 0 and conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def kills(folder: Path, count: int, run_seed: int) -> dict:
    rng = random.Random(run_seed)
    data = write_set(folder / "feed.jsonl", FEED)
    in_order = [record(n)["id"] for n in FEED]
    points = len(FEED) + 2 * (len(FEED) // BATCH)
    db = folder / "killed.db"
    committed, lost, extra, duplicated, inconsistent, killed = 0, 0, 0, 0, 0, 0
    started = time.perf_counter()
    for _ in range(count):
        point = rng.randint(1, points)
        process = start_ingest(db, data, batch_size=BATCH, env={"STORYDIFF_FAULT_KILL_AT": str(point)})
        process.communicate(timeout=300)
        killed += process.returncode == -signal.SIGKILL
        committed = max(committed, min(len(FEED), BATCH * (point // (BATCH + 2))))
        ids = _ids(db)
        lost += len(set(in_order[:committed]) - set(ids))
        extra += len(set(ids) - set(in_order[:committed]))
        duplicated += len(ids) - len(set(ids))
        inconsistent += not _consistent(db)
    process = start_ingest(db, data, batch_size=BATCH)
    process.communicate(timeout=300)
    final = _ids(db)
    clean = folder / "clean.db"
    start_ingest(clean, data, batch_size=BATCH).communicate(timeout=300)
    return {"kills": count, "killed": killed, "articles": len(FEED), "lost": lost + len(set(in_order) - set(final)),
            "uncommitted kept": extra, "duplicated": duplicated + len(final) - len(set(final)),
            "inconsistent": inconsistent, "equal to clean run": dump(db) == dump(clean),
            "seconds": time.perf_counter() - started}


def writers(folder: Path, count: int) -> dict:
    """``count`` ingests of overlapping sets started at once on one database."""
    sets = [write_set(folder / f"set{i}.jsonl", range(i * 50, i * 50 + 90)) for i in range(count)]
    db = folder / "shared.db"
    logs = [folder / f"w{i}.err" for i in range(count)]
    started = time.perf_counter()
    processes = [start_ingest(db, path, stderr=log.open("w")) for path, log in zip(sets, logs, strict=False)]
    codes = [process.wait(timeout=600) for process in processes]
    seconds = time.perf_counter() - started
    leases = sorted((int(m[0]), float(m[3]), path) for path, log in zip(sets, logs, strict=False)
                    for m in LEASE.findall(log.read_text()))
    sequential = folder / "sequential.db"
    for _, _, path in leases:
        start_ingest(sequential, path).communicate(timeout=300)
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        distinct = conn.execute("SELECT COUNT(DISTINCT content_key) FROM articles").fetchone()[0]
    expected = len({n for i in range(count) for n in range(i * 50, i * 50 + 90)})
    return {"writers": count, "exit codes": codes, "order": [path.stem for _, _, path in leases],
            "waits": [round(w, 2) for _, w, _ in leases], "stored": stored, "expected": expected,
            "duplicated": stored - distinct, "consistent": _consistent(db),
            "equal to sequential run": dump(db) == dump(sequential), "seconds": seconds}


def reader_latency(folder: Path) -> float:
    """Seconds ``list_stories`` takes on a fresh connection while a writer holds an open batch."""
    from storydiff.store import open_store

    db = folder / "read.db"
    start_ingest(db, write_set(folder / "r.jsonl", range(200))).communicate(timeout=300)
    writer = open_store(db)
    with writer.writer(5), writer.transaction():
        writer.merge_stories(-1, -2)
        started = time.perf_counter()
        reader = open_store(db)
        reader.list_stories(limit=50)
        reader.close()
        seconds = time.perf_counter() - started
    writer.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    run_seed = args.seed if args.seed is not None else random.randrange(2 ** 32)
    print(f"seed {run_seed}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        k = kills(Path(folder), args.kills, run_seed)
        print(k, flush=True)
        w = writers(Path(folder), args.writers)
        print(w, flush=True)
        r = reader_latency(Path(folder))
        print(f"reader during an open batch: {r:.3f} s", flush=True)
    if not args.out:
        return
    command = (f"PYTHONPATH=src python benchmarks/store_faults.py --kills {args.kills} --writers {args.writers} "
               f"--seed {run_seed} --out {args.out}")
    args.out.write_text("\n".join([
        "# Store faults: kill -9 in a row, concurrent writers",
        "",
        f"Command: `{command}`.  ",
        f"Machine: 2 cores shared with other jobs, Python {platform.python_version()}; "
        f"date {datetime.now(UTC):%Y-%m-%d %H:%M} UTC.  ",
        f"Feed: {k['articles']} invented reports (`tests/hostile/_ingest_runs.py`): 40 events of 6 reports and "
        f"one of 166; batches of {BATCH}.",
        "",
        "| kill -9 at seeded write points, each followed by a re-run | figure |",
        "|---|---|",
        f"| kills (processes that died by SIGKILL) | {k['kills']} ({k['killed']}) |",
        f"| articles lost (committed before a kill, missing after it or at the end) | {k['lost']} |",
        f"| articles duplicated | {k['duplicated']} |",
        f"| uncommitted articles found after a kill | {k['uncommitted kept']} |",
        f"| kills after which story sizes or wire groups disagreed with the articles | {k['inconsistent']} |",
        f"| end result identical to a run never interrupted (articles, stories, centroids, wire copies, IDF) | "
        f"{'yes' if k['equal to clean run'] else 'NO'} |",
        f"| seconds | {k['seconds']:.0f} |",
        "",
        "| concurrent `ingest` processes on one database | figure |",
        "|---|---|",
        f"| writers started at once (overlapping sets of 90) | {w['writers']} (exit codes {w['exit codes']}) |",
        f"| lock order (logged) and seconds each waited | {', '.join(w['order'])}; {w['waits']} |",
        f"| articles stored / expected | {w['stored']} / {w['expected']} |",
        f"| articles duplicated | {w['duplicated']} |",
        "| result identical to a sequential run in the logged order "
        f"| {'yes' if w['equal to sequential run'] else 'NO'} |",
        f"| story sizes agree with the articles | {'yes' if w['consistent'] else 'NO'} |",
        f"| a reader's `list_stories` while a writer holds an open batch, seconds | {r:.3f} |",
        "",
    ]), encoding="utf-8")


if __name__ == "__main__":
    main()
