"""Store: where ingested articles, stories and wire groups live (SQLite by default).

``open_store(path)`` gives the default store; code that uses a store depends only on the
``Store`` protocol, so another backend (PostgreSQL) can stand behind the same interface.
"""

from __future__ import annotations

from pathlib import Path

from .base import Added, Store, StorySummary, WireRecord
from .sqlite import SQLiteStore


def open_store(path: str | Path = "storydiff.db") -> SQLiteStore:
    """Open (creating or migrating) the SQLite store at ``path``; ``StoreError`` if it is
    corrupt, locked or from a newer storydiff."""
    return SQLiteStore(path)


__all__ = ["Store", "Added", "StorySummary", "WireRecord", "SQLiteStore", "open_store"]
