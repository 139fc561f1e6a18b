"""``kill -9`` of ``storydiff ingest`` at 20 seeded points in a row, each followed by a re-run:
what was committed is never lost, nothing is stored twice, the clusterer state always matches
the stored articles, and the end result is identical to a run that was never interrupted.

The points are write points of the feeder (after an article, after a batch's clusterer
state, after its commit), reached through STORYDIFF_FAULT_KILL_AT, so every kill lands at a
reproducible place; STORYDIFF_KILL_SEED picks another set of points."""

from __future__ import annotations

import os
import random
import signal
import sqlite3

import pytest
from _ingest_runs import STORIES, consistent, dump, record, start_ingest, write_set
from typer.testing import CliRunner

from storydiff.cli import app

# 240 reports of 40 events, and 160 more of the first event: a story large enough for its
# centroid to be cut to its top terms, where a restart once changed which terms were kept
FEED = [*range(240), *range(1000, 1000 + 160 * STORIES, STORIES)]
TOTAL, BATCH, KILLS = len(FEED), 20, 20
# write points of one run: each article, then the batch's state, then its commit
POINTS = TOTAL + 2 * (TOTAL // BATCH)


def _ids(db) -> list[str]:
    with sqlite3.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT id FROM articles ORDER BY key")]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_twenty_kills_in_a_row_lose_and_duplicate_nothing(tmp_path):
    seed = int(os.environ.get("STORYDIFF_KILL_SEED", "1805"))
    print(f"kill points seed {seed} (STORYDIFF_KILL_SEED)")
    rng = random.Random(seed)
    data = write_set(tmp_path / "feed.jsonl", FEED)
    in_order = [record(n)["id"] for n in FEED]
    db = tmp_path / "killed.db"
    committed = 0
    for kill in range(1, KILLS + 1):
        point = rng.randint(1, POINTS)
        where = f"seed {seed}, kill {kill} at write point {point}"
        process = start_ingest(db, data, batch_size=BATCH, env={"STORYDIFF_FAULT_KILL_AT": str(point)})
        _, err = process.communicate(timeout=120)
        assert process.returncode == -signal.SIGKILL, f"{where}: {err.decode()}"
        # every BATCH + 2 points a batch is committed; the batches of a re-run start with the
        # articles already stored, so the stored articles are always a prefix of the feed
        committed = max(committed, min(TOTAL, BATCH * (point // (BATCH + 2))))
        assert _ids(db) == in_order[:committed], where
        consistent(db)

    process = start_ingest(db, data, batch_size=BATCH)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err.decode()
    assert _ids(db) == in_order
    consistent(db)

    clean = tmp_path / "clean.db"
    result = CliRunner().invoke(app, ["ingest", str(data), "--db", str(clean), "--batch-size", str(BATCH), "-q"])
    assert result.exit_code == 0, result.output
    assert dump(db) == dump(clean)
