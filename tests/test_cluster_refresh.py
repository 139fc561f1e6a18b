"""The stream's second look (``cluster_refine.refresh``): every ``refresh_every`` documents the
window of recent articles is re-clustered, and what moved reaches the store and the storylines."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from storydiff.cluster import StoryClusterer, StoryClusterSettings, cluster_stream
from storydiff.feed import Feeder, stage_settings, storyline_settings
from storydiff.model import Article
from storydiff.settings import load_settings
from storydiff.store import open_store
from storydiff.storylines import storylines_stream

LEVEE = ("Floodwater broke through the levee at Riverton on {d}, forcing {n} families from their homes. "
         "Sandbags were piled along the Mill River overnight and shelters opened at Riverton High School.")
BUDGET = ("The Riverton city council voted on {d} on the budget of Mayor Elena Marsh: {n} million dollars "
          "for roads, a new library branch and a raise for teachers. Councillor Tom Byrne opposed the "
          "property tax increase.")
# shares the flood's words and the budget's: the single pass chains the two events through it
BRIDGE = ("Floodwater from the broken levee at Riverton forced families from their homes along the Mill "
          "River. The city council met to vote on the budget of Mayor Elena Marsh, with the library, roads "
          "and the property tax increase debated; Councillor Tom Byrne opposed the tax.")


def _a(article_id, text, day, title):
    return Article(id=article_id, text=text, original=text, source=article_id, title=title,
                   published=date(2024, 3, day))


STREAM = [_a("l1", LEVEE.format(d="Monday", n=40), 4, "Levee breaks at Riverton"),
          _a("l2", LEVEE.format(d="Monday night", n=45), 4, "Riverton families flee flood"),
          _a("l3", LEVEE.format(d="Tuesday", n=52), 5, "Riverton levee breach"),
          _a("m", BRIDGE, 5, "Riverton council meets"),
          *[_a(f"b{k}", BUDGET.format(d=day, n=n), 5 + k // 2, "Riverton budget vote")
            for k, (day, n) in enumerate([("Tuesday", 12), ("Tuesday evening", 12), ("Wednesday", 13),
                                           ("Wednesday", 12)])]]
FLOOD, BUDGET_VOTE = {"l1", "l2", "l3"}, {"b0", "b1", "b2", "b3"}
SRC = str(Path(__file__).resolve().parents[1] / "src")


def _groups(articles, labels):
    groups: dict[int, set[str]] = {}
    for article, label in zip(articles, labels, strict=False):
        groups.setdefault(label, set()).add(article.id)
    return sorted(map(sorted, groups.values()))


def test_the_single_pass_chains_two_events_and_the_refresh_cuts_them_apart():
    chained = cluster_stream(STREAM, StoryClusterSettings(refresh_every=0))
    assert len(set(chained)) == 1  # the failure the refresh is for
    settings = StoryClusterSettings(refresh_every=len(STREAM), refresh_window=len(STREAM))
    clusterer = StoryClusterer(settings)
    for article in STREAM:
        clusterer.add(article, key=article.id)
    groups = _groups(STREAM, cluster_stream(STREAM, settings))
    assert len(groups) == 2
    assert any(FLOOD <= set(g) for g in groups) and any(BUDGET_VOTE <= set(g) for g in groups)
    # the budget reports moved to the new half, recorded as moves and a split
    assert BUDGET_VOTE <= set(clusterer.moves) and len(clusterer.splits) == 1
    cut, new = clusterer.splits[0]
    assert {after for _, after in clusterer.moves.values()} == {new} and cut in clusterer.stories


def test_no_refresh_before_refresh_every_documents_until_the_stream_settles():
    settings = StoryClusterSettings(refresh_every=len(STREAM) + 1, refresh_window=len(STREAM))
    clusterer = StoryClusterer(settings)
    labels = [clusterer.add(article, key=article.id) for article in STREAM]
    assert len(set(labels)) == 1 and not clusterer.moves and clusterer.refreshed_at == 0
    # the end of the stream: the window is refreshed once, a second settle finds nothing new
    assert clusterer.settle() and clusterer.refreshed_at == len(STREAM) and len(clusterer.splits) == 1
    assert not clusterer.settle()
    groups = _groups(STREAM, cluster_stream(STREAM, settings))  # cluster_stream settles at its end
    assert any(FLOOD <= set(g) for g in groups) and any(BUDGET_VOTE <= set(g) for g in groups)


def test_a_stream_just_refreshed_has_nothing_to_settle():
    settings = StoryClusterSettings(refresh_every=len(STREAM), refresh_window=len(STREAM))
    clusterer = StoryClusterer(settings)
    for article in STREAM:
        clusterer.add(article, key=article.id)
    assert clusterer.refreshed_at == len(STREAM) and not clusterer.settle()


def test_the_new_half_stays_in_its_events_storyline():
    settings = StoryClusterSettings(refresh_every=len(STREAM), refresh_window=len(STREAM))
    events, lines = storylines_stream(STREAM, cluster_settings=settings)
    assert len(set(events)) == 2 and len(set(lines)) == 1  # one town's week: one storyline


@pytest.mark.parametrize("restart_at", [None, 3, 6])
def test_the_feeder_moves_articles_in_the_store_and_a_restart_does_the_same(tmp_path, restart_at):
    settings = StoryClusterSettings(refresh_every=len(STREAM), refresh_window=len(STREAM))
    store = open_store(tmp_path / "s.db")
    parts = [STREAM] if restart_at is None else [STREAM[:restart_at], STREAM[restart_at:]]
    for part in parts:  # a new Feeder reloads the clusterer and its window from the store
        Feeder(store, settings).feed(part, batch_size=2)
    stories = {s.id: {a.id for a in store.story_articles(s.id)} for s in store.list_stories()}
    assert sorted(map(sorted, stories.values())) == _groups(STREAM, cluster_stream(STREAM, settings))
    sizes = {s.id: s.size for s in store.list_stories()}
    assert sizes == {story: len(ids) for story, ids in stories.items()}
    # both events are in one storyline, and the stored sizes match the clusterer's
    lines = store.list_storylines()
    assert len(lines) == 1 and sorted(e.id for e in lines[0][1]) == sorted(stories)
    _, _, state = store.load_cluster_state()
    assert {s.id: s.size for s in state} == sizes
    store.close()


@pytest.mark.parametrize("restart_at", [None, 3, 6])
def test_the_feeder_settles_at_the_end_of_an_ingest_and_a_restart_does_the_same(tmp_path, restart_at):
    # refresh_every above the stream's length: only the end of the ingest refreshes the window
    settings = StoryClusterSettings(refresh_every=100, refresh_window=200)
    store = open_store(tmp_path / "s.db")
    parts = [STREAM] if restart_at is None else [STREAM[:restart_at], STREAM[restart_at:]]
    for part in parts:  # killed before its end (no settle), then run again from the store
        Feeder(store, settings).feed(part, batch_size=2)
    stories = lambda: sorted(sorted(a.id for a in store.story_articles(s.id)) for s in store.list_stories())  # noqa: E731
    assert len(stories()) == 1  # not settled yet: the two events chained
    feeder = Feeder(store, settings)
    report = feeder.settle()
    assert stories() == _groups(STREAM, cluster_stream(STREAM, settings)) and len(stories()) == 2
    assert report.stored == 0 and len(report.stories) == 2
    assert store.load_meta("cluster_refreshed_at") == str(len(STREAM))
    # a run after the settle, with nothing new, settles nothing
    assert not Feeder(store, settings).settle().stories and len(stories()) == 2
    _, _, state = store.load_cluster_state()
    assert {s.id: s.size for s in state} == {s.id: s.size for s in store.list_stories()}
    store.close()


def test_storyline_settings_are_read_from_the_settings_file(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[storydiff.storylines]\nthreshold = 0.3\nmax_gap_days = 30\n", encoding="utf-8")
    settings = storyline_settings(load_settings(path))
    assert settings.threshold == 0.3 and settings.max_gap_days == 30.0
    path.write_text("[storydiff.storylines]\nthreshhold = 0.3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown setting storydiff.storylines.threshhold"):
        stage_settings(load_settings(path))


def _ingest(db, data, env=None):
    """The real ``storydiff ingest`` in its own process (batches of 2: 16 write points for the
    8 articles, then the settle's two)."""
    full_env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env or {})}
    return subprocess.run([sys.executable, "-c", "from storydiff.cli import app; app()", "ingest", str(data),
                           "--db", str(db), "--batch-size", "2", "--quiet"], env=full_env, capture_output=True,
                          timeout=120, check=False)


def _state(db):
    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT id, story FROM articles ORDER BY key").fetchall(),
                conn.execute("SELECT id, size, centroid FROM stories ORDER BY id").fetchall(),
                conn.execute("SELECT key, value FROM meta WHERE key IN ('n_docs', 'cluster_refreshed_at') "
                             "ORDER BY key").fetchall())


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_at", [17, 18])  # in the settle's transaction; after its commit
def test_an_ingest_killed_while_it_settles_ends_as_an_uninterrupted_one(tmp_path, kill_at):
    data = tmp_path / "stream.jsonl"
    data.write_text("".join(json.dumps({"id": a.id, "title": a.title, "text": a.text, "url": f"https://x.example/{a.id}",
                                        "published": a.published.isoformat()}) + "\n" for a in STREAM),
                    encoding="utf-8")
    clean, killed = tmp_path / "clean.db", tmp_path / "killed.db"
    assert _ingest(clean, data).returncode == 0
    stories = {story for _, story in _state(clean)[0]}
    assert len(stories) == 2  # the default settings' refresh_every (100) is never reached: the settle cut them
    run = _ingest(killed, data, {"STORYDIFF_FAULT_KILL_AT": str(kill_at)})
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()
    if kill_at == 17:  # rolled back: all articles stored, still chained
        assert len({story for _, story in _state(killed)[0]}) == 1
    assert _ingest(killed, data).returncode == 0
    assert _state(killed) == _state(clean)
