"""Several ``storydiff ingest`` processes on one database serialise on the writer lock: the
result equals a sequential run in the order they obtained it; a writer that waits longer
than ``lock_timeout`` gives up with a message naming the database; readers are not held up."""

from __future__ import annotations

import re
import sqlite3
import time

from _ingest_runs import consistent, dump, start_ingest, write_set
from typer.testing import CliRunner

from storydiff.cli import app
from storydiff.store import open_store

runner = CliRunner()
LEASE = re.compile(r"writer lock on .*: writer (\d+), process (\d+), taken at (\S+)")


def _wait_for(paths, text, seconds=90.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all(text in path.read_text(errors="replace") for path in paths):
            return
        time.sleep(0.05)
    raise AssertionError(f"not every process printed {text!r}: "
                         + " | ".join(p.read_text(errors="replace") for p in paths))


def test_parallel_ingests_equal_a_sequential_run_in_lock_order(tmp_path):
    # overlapping sets: which process stores a shared report first decides its id's story,
    # so any interleaving other than one-after-another shows in the comparison
    sets = [write_set(tmp_path / f"set{i}.jsonl", numbers)
            for i, numbers in enumerate([range(0, 70), range(50, 120), range(100, 170), range(0, 170, 9)])]
    db = tmp_path / "shared.db"
    holder = open_store(db)
    logs = [tmp_path / f"ingest{i}.err" for i in range(len(sets))]
    with holder.writer(5):
        # all of them start while the lock is taken, so all of them contend for it
        processes = [start_ingest(db, path, stderr=log.open("w")) for path, log in zip(sets, logs, strict=False)]
        _wait_for(logs, "waiting up to")
    holder.close()
    for process, log in zip(processes, logs, strict=False):
        assert process.wait(timeout=180) == 0, log.read_text()

    leases = []
    for path, log in zip(sets, logs, strict=False):
        [(number, pid, taken)] = LEASE.findall(log.read_text())
        leases.append((int(number), taken, path))
    leases.sort()
    assert [number for number, _, _ in leases] == [2, 3, 4, 5]  # 1 was the test's own lease
    assert [taken for _, taken, _ in leases] == sorted(taken for _, taken, _ in leases)
    consistent(db)

    sequential = tmp_path / "sequential.db"
    for _, _, path in leases:
        result = runner.invoke(app, ["ingest", str(path), "--db", str(sequential), "--batch-size", "25", "-q"])
        assert result.exit_code == 0, result.output
    assert dump(db) == dump(sequential)


def test_a_waiting_writer_gives_up_after_lock_timeout(tmp_path):
    data = write_set(tmp_path / "a.jsonl", range(10))
    db = tmp_path / "busy.db"
    holder = open_store(db)
    with holder.writer(5) as lease:
        started = time.monotonic()
        result = runner.invoke(app, ["ingest", str(data), "--db", str(db), "-q"],
                               env={"STORYDIFF_LOCK_TIMEOUT": "0.4"})
        waited = time.monotonic() - started
    holder.close()
    assert result.exit_code == 3, result.output
    message = " ".join(result.output.split())
    assert str(db) in message and "lock_timeout" in message and f"process {lease.pid}" in message
    assert waited < 30
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
    # once the writer has gone, the same command stores everything
    again = runner.invoke(app, ["ingest", str(data), "--db", str(db), "-q"], env={"STORYDIFF_LOCK_TIMEOUT": "0.4"})
    assert again.exit_code == 0, again.output
    assert "stored 10 new" in again.output


def test_readers_are_not_held_up_by_a_writer_in_the_middle_of_a_batch(tmp_path):
    data = write_set(tmp_path / "a.jsonl", range(12))
    db = tmp_path / "read.db"
    assert runner.invoke(app, ["ingest", str(data), "--db", str(db), "-q"]).exit_code == 0
    store = open_store(db)
    with store.writer(5), store.transaction():
        # an ingest's open batch: the write lock of SQLite itself is taken and not released
        store.merge_stories(-1, -2)
        listed = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    store.close()
    assert listed.exit_code == 0, listed.output
    assert sum(1 for line in listed.stdout.splitlines() if line.startswith("{")) >= 1
