"""The SQLite store: identity, transactions, migrations, and clear errors on bad files."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from storydiff.errors import StoreError
from storydiff.model import Article, Removed
from storydiff.store import SQLiteStore, Store, open_store
from storydiff.store.sqlite import MIGRATIONS, SCHEMA_VERSION, url_key


def make(article_id: str, text: str, url: str | None = None, **extra) -> Article:
    return Article(id=article_id, text=text, original=text, source=f"{article_id}.txt", url=url, **extra)


def test_implements_the_protocol(db):
    store = open_store(db)
    assert isinstance(store, Store)
    assert store.schema_version() == SCHEMA_VERSION


def test_round_trip_keeps_every_field(db):
    store = open_store(db)
    article = make("a1", "The mayor opened the bridge.", "https://example.org/a1", title="Bridge opens",
                   outlet="Daily", published=date(2024, 3, 1), agency="AP", dateline="Lisbon",
                   removed=[Removed(0, 5, "dateline", "LISB:")])
    with store.transaction():
        added = store.add_article(article)
    assert added.new
    back = store.get_article("a1")
    assert back == store.get_article(added.key)
    for name in ("id", "text", "title", "outlet", "url", "published", "agency", "dateline", "removed", "source"):
        assert getattr(back, name) == getattr(article, name), name


def test_same_content_or_url_is_stored_once(db):
    store = open_store(db)
    with store.transaction():
        first = store.add_article(make("a", "Floods closed the road.", "https://www.example.org/x/?utm_source=t"))
        again = store.add_article(make("b", "  floods closed   the ROAD. "))
        same_url = store.add_article(make("c", "A later version of the text.", "http://example.org/x#top"))
    assert first.new and not again.new and not same_url.new
    assert again.reason == "same content" and again.duplicate_of == "a"
    assert same_url.reason == "same URL"
    assert store.count_articles() == 1


def test_same_id_different_content_gets_a_new_id(db):
    store = open_store(db)
    with store.transaction():
        store.add_article(make("stdin", "One text."))
        store.add_article(make("stdin", "Another text."))
    assert {store.get_article("stdin").text, store.get_article("stdin~2").text} == {"One text.", "Another text."}


def test_url_key_folds_what_does_not_identify_a_page():
    assert url_key("https://WWW.Example.org/a/b/?utm_medium=x&id=3#c") == url_key("http://example.org/a/b?id=3")
    assert url_key(None) is None and url_key("  ") is None


def test_a_failed_transaction_leaves_nothing(db):
    store = open_store(db)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.add_article(make("a", "Kept only if committed."))
            raise RuntimeError("crash")
    assert store.count_articles() == 0


def test_a_nested_failure_undoes_only_its_own_writes(db):
    store = open_store(db)
    with store.transaction():
        store.add_article(make("a", "First."))
        with pytest.raises(ValueError):
            with store.transaction():
                store.add_article(make("b", "Second."))
                raise ValueError("bad record")
    assert store.count_articles() == 1


def test_corrupt_file_is_a_clear_store_error(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a usable storydiff database"):
        open_store(path)


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE invoices (n INTEGER)")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="not made by storydiff"):
        open_store(path)


def test_locked_file_is_a_clear_store_error(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked"):
            store = SQLiteStore(path, timeout=0.2)
            with store.transaction():
                store.add_article(make("a", "Text."))
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    open_store(path).close()
    db = sqlite3.connect(path)
    db.execute("INSERT INTO schema_version VALUES (?, 'from the future', 'now')", (SCHEMA_VERSION + 1,))
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_an_old_schema_is_migrated_and_keeps_its_articles(tmp_path):
    path = tmp_path / "s.db"
    store = SQLiteStore.__new__(SQLiteStore)
    store.path = str(path)
    store._db = sqlite3.connect(path, isolation_level=None)
    store._depth = 0
    store._migrate(target=1)
    assert store.schema_version() == 1
    store.add_article(make("old", "Stored by version 1."))
    store.close()
    migrated = open_store(path)
    assert migrated.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1][0]
    assert migrated.get_article("old").text == "Stored by version 1."
    columns = {row[1] for row in migrated._db.execute("PRAGMA table_info(stories)")}
    assert "sources" in columns
