"""The full-text index (schema 4) follows the articles: filled from a schema-3 file at the
upgrade, and kept in step by triggers on insert and revision."""

from __future__ import annotations

import sqlite3

from storydiff.cluster import StoryState
from storydiff.model import Article
from storydiff.store import open_store
from storydiff.store.sqlite import SQLiteStore


def _stories(store, query):
    return {row["story"] for row in store.find_stories(query=query, limit=100)[0]}


def test_an_upgraded_file_is_searchable(tmp_path):
    path = tmp_path / "s.db"
    store = SQLiteStore.__new__(SQLiteStore)
    store.path, store._db, store._depth = str(path), sqlite3.connect(path, isolation_level=None), 0
    store._migrate(target=3)
    added = store.add_article(Article(id="old", text="The ferry to Kirkwall sailed late.", title="Ferry late"))
    store.assign_story([added.key], 7)
    store.save_cluster_state({}, 1, [StoryState(id=7, title="Ferry late", size=1, centroid={})], [])
    store.close()
    upgraded = open_store(path)
    try:
        assert _stories(upgraded, "kirkwall") == {7}
        assert _stories(upgraded, "kirkwall ferry") == {7} and _stories(upgraded, "kirkwall harbour") == set()
    finally:
        upgraded.close()


def test_a_revision_is_searched_by_its_new_words_only(tmp_path):
    store = open_store(tmp_path / "s.db")
    try:
        with store.transaction():
            added = store.add_article(Article(id="a", text="Ten boats were lost off Stornoway.",
                                              url="https://example.org/boats"))
            store.assign_story([added.key], 3)
            store.save_cluster_state({}, 1, [StoryState(id=3, title=None, size=1, centroid={})], [])
            store.revise(added.key, Article(id="a", text="Twelve boats were lost off Lerwick.",
                                            url="https://example.org/boats"))
        assert _stories(store, "lerwick") == {3}
        assert _stories(store, "stornoway") == set()
        assert store.outlets() == []
    finally:
        store.close()
