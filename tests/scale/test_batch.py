"""``storydiff annotate-batch``: the same stored records in one process, on a local Dask
cluster and on a scheduler with one worker started as separate processes; a failed
partition retried, or reported while the rest is stored; and ``show`` after a batch parses
nothing. Dask listens on 127.0.0.1 only."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("distributed")

from storydiff.annotate.stored import compare_stored, decode_found  # noqa: E402
from storydiff.cli import app  # noqa: E402
from storydiff.feed import Feeder  # noqa: E402
from storydiff.model import Article  # noqa: E402
from storydiff.scale import annotate_batch  # noqa: E402
from storydiff.store import open_existing, open_store, story_sources  # noqa: E402

runner = CliRunner()
SRC = str(Path(__file__).resolve().parents[2] / "src")
PLACES = ["Varnsdorf", "Oulainen", "Castlebar", "Tiverton"]
EVENTS = [
    "A storm cut power to {n} homes in {place} on Tuesday, the utility said, and crews expected to restore "
    "it by Thursday. Mayor Hanne Olsen said {k} schools would stay shut.",
    "Police in {place} arrested {k} people after a protest over bus fares on Tuesday drew about {n} "
    "marchers, a spokesman said. Two officers were hurt.",
]


def _articles() -> list[Article]:
    found = []
    for story, (place, event) in enumerate((p, e) for p in PLACES for e in EVENTS[:1] + EVENTS[1:]):
        for copy in range(3):
            text = event.format(place=place, n=1200 + 100 * copy + story, k=3 + copy)
            day = date(2023, 1, 2) + timedelta(days=70 * story + copy)
            found.append(Article(id=f"s{story}-{copy}", text=text + f" Reporter {copy} filed from {place}.",
                                 original=text, source=f"s{story}-{copy}", title=f"{place}: report {copy}",
                                 published=day, outlet=f"Outlet {copy}"))
    return found


def _filled(location: str, extra: list[Article] = ()) -> str:
    store = open_store(location)
    Feeder(store).feed(_articles() + list(extra))
    store.close()
    return location


def _records(location: str) -> list[tuple]:
    store = open_existing(location)
    try:
        parses = {key: (model, version, bytes(docs)) for key, model, version, docs in
                  store._run("SELECT parse_key, model, model_version, docs FROM parses")}
        return sorted((key, context, parses[key], decode_found(found)) for key, context, found in
                      store._run("SELECT parse_key, context, found FROM annotations"))
    finally:
        store.close()


@pytest.fixture(scope="module")
def in_process(tmp_path_factory) -> tuple[str, list]:
    location = _filled(str(tmp_path_factory.mktemp("one") / "one.db"))
    store = open_existing(location)
    report = annotate_batch(store, workers=0, partition_size=4, say=lambda _: None)
    store.close()
    assert report.articles == len(_articles()) and not report.failed
    return location, _records(location)


def test_a_local_cluster_stores_what_one_process_stores(tmp_path, in_process):
    location = _filled(str(tmp_path / "two.db"))
    said = []
    store = open_existing(location)
    fault = f"1:{tmp_path}"  # partition 1 fails once: its retry must recover it
    os.environ["STORYDIFF_FAULT_PARTITION_ONCE"] = fault
    try:
        report = annotate_batch(store, workers=2, partition_size=4, batch_size=5, dashboard="127.0.0.1:0",
                                say=said.append)
    finally:
        del os.environ["STORYDIFF_FAULT_PARTITION_ONCE"]
    store.close()
    assert (tmp_path / "partition-1").exists() and not report.failed
    assert report.articles == len(_articles()) and report.partitions >= 3
    assert report.dashboard.startswith("http://127.0.0.1:") and any("dashboard" in line for line in said)
    assert _records(location) == in_process[1]
    # a second run finds nothing left to do
    store = open_existing(location)
    assert annotate_batch(store, workers=0).articles == 0
    store.close()


def test_a_failing_partition_is_reported_and_the_rest_stored(tmp_path, db):
    too_long = "Word " * 210_000  # over spaCy's max_length: every attempt fails
    store = open_store(db)
    Feeder(store).feed(_articles())
    with store.transaction():
        key = store.add_article(Article(id="huge", text=too_long, original=too_long, source="huge",
                                        published=date(2024, 6, 1))).key
        store.assign_story([key], 999_999)
    report = annotate_batch(store, workers=0, partition_size=4, retries=1)
    assert [f.articles for f in report.failed] == [["huge"]]
    assert "partition" in report.failed[0].describe() and "huge" in report.failed[0].describe()
    assert report.articles == len(_articles())
    store.close()


def test_show_after_a_batch_parses_nothing(in_process, nlp, monkeypatch):
    seen = []
    original = nlp.pipe
    monkeypatch.setattr(nlp, "pipe", lambda texts, *a, **k: (seen.extend(texts := list(texts)),
                                                              original(texts, *a, **k))[1])
    store = open_existing(in_process[0])
    story = store.list_stories()[0].id
    articles, _ = story_sources(store, story, copies=True)
    compare_stored(articles, store)
    store.close()
    assert seen == []


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_remote_scheduler_and_worker(tmp_path, in_process):
    location = _filled(str(tmp_path / "remote.db"))
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    scheduler = subprocess.Popen([*dask, "--host", "127.0.0.1", "--port", str(port),
                                  "--dashboard-address", "127.0.0.1:0"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", f"tcp://127.0.0.1:{port}",
                               "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                               "--dashboard-address", "127.0.0.1:0"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        from distributed import Client

        deadline = time.monotonic() + 120
        while True:  # wait for the worker to join
            try:
                with Client(f"tcp://127.0.0.1:{port}", timeout="5s") as client:
                    if client.scheduler_info()["workers"]:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the Dask worker did not join"
            time.sleep(0.5)
        result = runner.invoke(app, ["annotate-batch", "--db", location, "--scheduler",
                                     f"tcp://127.0.0.1:{port}", "--partition-size", "6", "-q"])
        assert result.exit_code == 0, result.output
        assert "Dask dashboard: http://127.0.0.1:" in result.output
        assert f"annotated {len(_articles())} articles" in result.output
        assert _records(location) == in_process[1]
    finally:
        for process in (worker, scheduler):
            process.terminate()
        for process in (worker, scheduler):
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
