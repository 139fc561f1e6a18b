"""Store: where ingested articles, stories and wire groups live (SQLite by default).

``open_store(path)`` gives the default store; code that uses a store depends only on the
``Store`` protocol, so another backend (PostgreSQL) can stand behind the same interface.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import StoreError
from .base import Added, Store, StorySummary, WireRecord
from .sqlite import SQLiteStore


def is_url(value: object) -> bool:
    """Whether a ``--db`` value is a PostgreSQL URL (psycopg is imported only then)."""
    from .postgres import is_url as _is_url

    return _is_url(value)


def open_store(path: str | Path = "storydiff.db") -> SQLiteStore:
    """Open (creating or migrating) the SQLite store at ``path``, or the PostgreSQL store when
    ``path`` is a ``postgresql://`` URL; ``StoreError`` if it is corrupt, locked or from a
    newer storydiff."""
    if is_url(path):
        from .postgres import PostgresStore

        return PostgresStore(str(path))
    return SQLiteStore(path)


def open_existing(path: str | Path = "storydiff.db", *, migrate: bool = True) -> SQLiteStore:
    """Open the store at ``path`` for reading or comparing: unlike ``open_store`` it never
    creates one, so a typo in ``--db`` is an error rather than a new empty database."""
    if is_url(path):
        from .postgres import PostgresStore

        return PostgresStore(str(path), create=False)
    if not Path(path).is_file():
        raise StoreError(f"{path}: no such database file; check --db (or STORYDIFF_DATABASE), "
                         f"or store articles first with `storydiff ingest FILES --db {path}`")
    return SQLiteStore(path, migrate=migrate)


# SQLite integers are signed 64-bit: a larger story number names no story (and would raise
# OverflowError in the driver).
_MAX_ID = 2**63 - 1


def story_sources(store: Store, story: int, *, copies: bool = False) -> tuple[list, int]:
    """The articles of a stored story to compare, and how many wire copies were left out.

    By default each wire group gives only its likely original: a copy repeats its
    original's words, so comparing it adds agreements that are not independent."""
    if not -_MAX_ID - 1 <= story <= _MAX_ID:
        return [], 0
    articles = store.story_articles(story)
    copy_keys = {record.article for record in store.wire_copies(story)}
    if copies or not copy_keys:
        return articles, 0
    keep = [a for a in articles if store.key_of(a.id) not in copy_keys]
    return keep, len(articles) - len(keep)


__all__ = ["Store", "Added", "StorySummary", "WireRecord", "SQLiteStore", "open_store", "open_existing",
           "story_sources"]
