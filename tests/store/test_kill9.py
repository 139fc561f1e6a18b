"""A process killed with SIGKILL in the middle of an ingest loses nothing and duplicates
nothing once the same command is run again."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from _gen import write_jsonl

SRC = str(Path(__file__).resolve().parents[2] / "src")
INGEST = "from storydiff.cli import app; app()"


def _ingest(db: Path, data: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-c", INGEST, "ingest", str(data), "--db", str(db),
                             "--batch-size", "25", "--quiet"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _stored(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_dash_nine_mid_ingest_then_restart(tmp_path):
    total = 1500
    data = write_jsonl(tmp_path / "articles.jsonl", range(total))
    db = tmp_path / "s.db"
    process = _ingest(db, data)
    deadline = time.time() + 120
    while time.time() < deadline and _stored(db) < 200:
        time.sleep(0.05)
    stored_before_kill = _stored(db)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert 0 < stored_before_kill < total, "the kill must land mid-ingest"

    process = _ingest(db, data)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in conn.execute("SELECT id FROM articles")]
        unassigned = conn.execute(
            "SELECT COUNT(*) FROM articles WHERE story IS NULL OR wire_group IS NULL").fetchone()[0]
        story_sizes = dict(conn.execute("SELECT id, size FROM stories"))
        counted = dict(conn.execute("SELECT story, COUNT(*) FROM articles GROUP BY story"))
    assert sorted(ids) == sorted(f"gen-{n}" for n in range(total))  # every article exactly once
    assert unassigned == 0
    assert story_sizes == counted  # the clusterer state matches what is stored

    # and a third run changes nothing: read the database again after it, not before
    with sqlite3.connect(db) as conn:
        before = conn.execute("SELECT key, id, story, wire_group FROM articles ORDER BY key").fetchall()
    process = _ingest(db, data)
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    assert f"stored 0 new article(s); {total} already stored" in " ".join(err.decode().split())
    with sqlite3.connect(db) as conn:
        after = conn.execute("SELECT key, id, story, wire_group FROM articles ORDER BY key").fetchall()
    assert after == before
    expected = {json.loads(line)["id"] for line in data.read_text().splitlines()}
    assert {row[1] for row in after} == expected and len(after) == total
