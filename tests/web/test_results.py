"""Stored story results: keyed by content, version and settings; marked stale by ingest and
revisions; computed by refresh; read by pages that never parse."""

from __future__ import annotations

import json
import shutil

from typer.testing import CliRunner

from storydiff.cli import app
from storydiff.cli.compare_cmd import example_files
from storydiff.ingest import read_articles
from storydiff.model import Article
from storydiff.results import load, out_of_date, result_key
from storydiff.settings import load_settings
from storydiff.store import open_store

from .conftest import fill


def test_a_refreshed_story_is_fresh_with_exact_evidence(example_db):
    store = open_store(example_db)
    try:
        [story] = store.list_stories()
        result = load(store, story.id, load_settings())
        assert result.state == "fresh" and result.comparison is not None and result.brief.sentences
        conflicts = [f for f in result.comparison.findings if f.type == "conflict"]
        assert conflicts and result.conflicts == len(conflicts)
        texts = {a.id: a for a in result.comparison.articles}
        for finding in result.comparison.findings:
            for e in finding.evidence:
                assert texts[e.article].field(e.field)[e.start:e.end] == e.text
        # the example's toll (12 in one source, 15 in another) is a figure that moved
        assert any(len({p["value"] for p in s["points"]}) > 1 for s in result.series)
        assert out_of_date(store, load_settings()) == ([], [])
    finally:
        store.close()


def test_the_key_changes_with_articles_settings_and_disabled_rules():
    plain = load_settings()
    off = load_settings(compare={"disabled_rules": ["compare.finder.spelling"]})
    assert result_key(["a", "b"], plain) == result_key(["b", "a"], plain)
    assert result_key(["a", "b"], plain) != result_key(["a", "b", "c"], plain)
    assert result_key(["a", "b"], plain) != result_key(["a", "b"], off)


def _stale_after(example_db, tmp_path, make) -> None:
    path = tmp_path / "news.db"
    shutil.copy(example_db, path)
    settings = load_settings()
    store = open_store(path)
    [story] = store.list_stories()
    article = make(store.story_articles(story.id))
    store.close()
    fill(path, [article])
    store = open_store(path)
    try:
        assert store.stored_result(story.id)["stale"] == 1
        assert load(store, story.id, settings).state == "stale"
        assert out_of_date(store, settings)[0] == [story.id]
    finally:
        store.close()


def test_a_revision_marks_its_story_stale(example_db, tmp_path):
    def revised(articles):  # a changed text of a stored page (same URL): a new version
        first = next(a for a in articles if a.url)
        return Article(id="rev", text=first.text.replace("1", "4", 1), title=first.title, outlet=first.outlet,
                       url=first.url, published=first.published)

    _stale_after(example_db, tmp_path, revised)


def test_a_new_article_in_the_story_marks_it_stale(example_db, tmp_path):
    def copied(articles):  # a re-publication with one more sentence joins the story
        first = articles[0]
        return Article(id="more", text=first.text + "\nOfficials said the search would resume at dawn.\n",
                       title=first.title, outlet="Another Outlet", published=first.published)

    _stale_after(example_db, tmp_path, copied)


def test_a_result_whose_articles_changed_behind_its_back_is_stale(example_db, tmp_path):
    # even without the mark (a writer that does not know about results), the key tells
    path = tmp_path / "news.db"
    shutil.copy(example_db, path)
    store = open_store(path)
    try:
        [story] = store.list_stories()
        store._run("UPDATE story_results SET stale = 0, key = 'old'")
        assert load(store, story.id, load_settings()).state == "stale"
    finally:
        store.close()


def test_ingest_leaves_results_missing_and_refresh_computes_them(tmp_path):
    path = tmp_path / "news.db"
    runner = CliRunner()
    files = [str(f) for f in example_files()]
    assert runner.invoke(app, ["ingest", *files, "--db", str(path), "--quiet"]).exit_code == 0
    store = open_store(path)
    [story] = store.list_stories()
    assert load(store, story.id, load_settings()).state == "missing"
    store.close()
    done = runner.invoke(app, ["refresh", "--db", str(path)])
    assert done.exit_code == 0, done.output
    assert f"refresh: 1/1 story {story.id}" in done.stderr and "refreshed 1 story" in done.stderr
    again = runner.invoke(app, ["refresh", "--db", str(path)])
    assert "refreshed 0 stories" in again.stderr
    store = open_store(path)
    try:
        row = store.stored_result(story.id)
        assert row["stale"] == 0 and json.loads(row["comparison"])["findings"]
    finally:
        store.close()


def test_a_story_of_one_source_is_stored_as_not_comparable(tmp_path):
    path = tmp_path / "news.db"
    fill(path, read_articles(example_files()).articles[:1])
    store = open_store(path)
    try:
        from storydiff.results import refresh

        report = refresh(store, load_settings())
        assert report.failed and "nothing to compare" in report.failed[0][1]
        assert out_of_date(store, load_settings())[0] == []  # not retried on every refresh
    finally:
        store.close()
