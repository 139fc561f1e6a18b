"""What only the PostgreSQL store has: URLs in ``--db``, refusing what is not a storydiff
database, the writer lock as an advisory lock, and several ingest processes on one database
equal to a sequential run in the order they obtained the lock. (The engine-neutral store
tests run on both engines through the ``db`` fixture.)"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hostile"))
from _ingest_runs import write_set  # noqa: E402  (reports of 40 distinct events, several per event)

from storydiff.cli import app
from storydiff.errors import StoreError, WriterBusy
from storydiff.store import open_existing, open_store
from storydiff.store.postgres import SCHEMA_VERSION, database_url, is_url, redact

pytestmark = pytest.mark.postgres
runner = CliRunner()
SRC = str(Path(__file__).resolve().parents[2] / "src")
LEASE = re.compile(r"writer lock on .*: writer (\d+), process (\d+), taken at (\S+)")


def test_a_url_survives_being_read_as_a_path():
    url = "postgresql://team@db.example:5432/news"
    assert is_url(url) and is_url(Path(url)) and not is_url("postgresql.db")
    assert database_url(Path(url)) == url
    assert redact("postgresql://team:secret@db.example/news") == "postgresql://team:***@db.example/news"


def test_readers_refuse_an_empty_database_and_ingest_creates_the_store(postgres_url):
    with pytest.raises(StoreError, match="no storydiff store"):
        open_existing(postgres_url)
    store = open_store(postgres_url)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    open_existing(postgres_url).close()


def test_an_unreachable_server_is_a_clear_store_error(postgres_server):
    url = postgres_server.url("postgres").replace(str(postgres_server.port), "1")
    with pytest.raises(StoreError, match="cannot connect"):
        open_store(url)
    result = runner.invoke(app, ["stories", "--db", url])
    assert result.exit_code == 3 and "cannot connect" in " ".join(result.output.split())


def test_a_database_with_other_tables_is_refused(postgres_url):
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (number INTEGER)")
    with pytest.raises(StoreError, match="did not make"):
        open_store(postgres_url)


def test_a_newer_schema_is_refused(postgres_url):
    open_store(postgres_url).close()
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version VALUES (%s, 'from the future', 'now')", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer than this storydiff"):
        open_store(postgres_url)


def test_a_waiting_writer_gives_up_after_its_timeout_naming_the_holder(postgres_url):
    holder, other = open_store(postgres_url), open_store(postgres_url)
    told = []
    with holder.writer(5) as lease:
        started = time.monotonic()
        with pytest.raises(WriterBusy, match=f"process {lease.pid}"):
            with other.writer(0.5, waiting=told.append):
                pass
        assert 0.4 < time.monotonic() - started < 30
    assert len(told) == 1 and "waiting up to 0.5 s" in told[0]
    with other.writer(0.5) as second:  # released with the block
        assert second.number == lease.number + 1
    holder.close(), other.close()


def test_a_killed_holders_lock_is_released_by_the_server(postgres_url):
    open_store(postgres_url).close()
    code = ("import sys, time; from storydiff.store import open_store; s = open_store(sys.argv[1]); "
            "w = s.writer(5); w.__enter__(); print('held', flush=True); time.sleep(600)")
    holder = subprocess.Popen([sys.executable, "-c", code, postgres_url], stdout=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONPATH": SRC})
    try:
        assert holder.stdout.readline().strip() == "held"
        store = open_store(postgres_url)
        with pytest.raises(WriterBusy):
            with store.writer(0.3):
                pass
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        with store.writer(20) as lease:
            assert lease.number == 2
        store.close()
    finally:
        holder.kill()
        holder.stdout.close()


def _stories(url_or_path: str) -> list[tuple]:
    """Every story as the ids of its articles, each with its wire original's id (or None)."""
    store = open_existing(url_or_path)
    try:
        found = []
        for summary in store.list_stories():
            articles = store.story_articles(summary.id)
            by_key = {store.key_of(a.id): a.id for a in articles}
            originals = {record.article: record.original for record in store.wire_copies(summary.id)}
            found.append(tuple(sorted((article.id, by_key.get(originals.get(store.key_of(article.id))))
                                      for article in articles)))
        assert store.count_articles() == sum(len(story) for story in found)
        return sorted(found)
    finally:
        store.close()


def test_parallel_ingests_equal_a_sequential_run_in_lock_order(tmp_path, postgres_url):
    # overlapping sets: which process stores a shared article first decides its story, so any
    # interleaving other than one-after-another shows in the comparison
    sets = [write_set(tmp_path / f"set{i}.jsonl", numbers)
            for i, numbers in enumerate([range(0, 50), range(40, 90), range(80, 130), range(0, 130, 7)])]
    holder = open_store(postgres_url)
    logs = [tmp_path / f"ingest{i}.err" for i in range(len(sets))]
    env = {**os.environ, "PYTHONPATH": SRC}
    with holder.writer(5):
        # all of them start while the lock is taken, so all of them queue for it
        processes = [subprocess.Popen(
            [sys.executable, "-c", "from storydiff.cli import app; app()", "ingest", str(path),
             "--db", postgres_url, "--batch-size", "10", "--quiet"],
            env=env, stdout=subprocess.DEVNULL, stderr=log.open("w")) for path, log in zip(sets, logs, strict=False)]
        deadline = time.monotonic() + 120
        while not all("waiting up to" in log.read_text() for log in logs):
            assert time.monotonic() < deadline, [log.read_text() for log in logs]
            time.sleep(0.05)
    holder.close()
    for process, log in zip(processes, logs, strict=False):
        assert process.wait(timeout=300) == 0, log.read_text()
    leases = sorted((int(LEASE.search(log.read_text()).group(1)), path) for path, log in zip(sets, logs, strict=False))
    assert [number for number, _ in leases] == [2, 3, 4, 5]  # 1 was the test's own lease

    sequential = tmp_path / "sequential.db"
    for _, path in leases:
        result = runner.invoke(app, ["ingest", str(path), "--db", str(sequential), "--batch-size", "10", "-q"])
        assert result.exit_code == 0, result.output
    assert _stories(postgres_url) == _stories(str(sequential))
    assert len(_stories(postgres_url)) > 1


def test_storylines_are_kept_on_postgresql_as_on_sqlite(tmp_path, postgres_url):
    data = write_set(tmp_path / "in.jsonl", range(90))
    listed = []
    for location in (postgres_url, str(tmp_path / "s.db")):
        assert runner.invoke(app, ["ingest", str(data), "--db", location, "-q"]).exit_code == 0
        store = open_existing(location)
        listed.append([[(e.size, e.first, e.last, e.title) for e in events]
                       for _, events in store.list_storylines()])
        store.close()
    assert listed[0] == listed[1] and listed[0]


def test_a_postgresql_url_without_psycopg_is_a_clear_error_naming_the_database(monkeypatch):
    import sys

    from storydiff.errors import StoreError
    from storydiff.store.postgres import PostgresStore

    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if the scale extra were not installed
    with pytest.raises(StoreError) as caught:
        PostgresStore("postgresql://reader:secret@127.0.0.1:1/news")
    assert "postgresql://reader:***@127.0.0.1:1/news" in str(caught.value)
    assert 'pip install -e ".[scale]"' in str(caught.value) and "secret" not in str(caught.value)
