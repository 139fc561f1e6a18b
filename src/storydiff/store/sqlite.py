"""The SQLite store: the zero-setup default (``./storydiff.db``).

WAL journal and ``synchronous=FULL``: a committed batch survives a killed process (and a
power cut), an uncommitted one leaves no trace. The schema carries its version in
``schema_version``; ``MIGRATIONS`` bring an older file up to date in one transaction, and a
file from a newer storydiff is refused rather than guessed at. See docs/store.md.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import cast

from ..errors import StoreError, WriterBusy
from ..model import Article, Evidence, Removed
from .base import Added, Group, GroupRecord, Merge, StorySummary, WireRecord, WriterLease
from .identity import content_key, url_key
from .results_sql import StoredResults
from .sqlite_schema import MIGRATIONS, SCHEMA_VERSION


def _fits(number: int) -> bool:
    """Whether SQLite can hold ``number`` (a signed 64-bit integer): a story or article number
    beyond that names nothing stored, rather than an OverflowError (found by schemathesis:
    ``/api/stories?limit=9223372036854775808``)."""
    return -(2 ** 63) <= number < 2 ** 63


def _date_text(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_date(text: str | None) -> date | datetime | None:
    if not text:
        return None
    return date.fromisoformat(text) if len(text) <= 10 else datetime.fromisoformat(text)


def _statements(sql: str) -> Iterator[str]:
    """The statements of a migration: split at ``;`` except inside a trigger's BEGIN ... END."""
    pending = ""
    for part in sql.split(";"):
        pending += part + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n;"):
                yield pending
            pending = ""


def _explain(path: str, exc: sqlite3.Error) -> StoreError:
    message = str(exc)
    if "locked" in message or "busy" in message:
        return StoreError(f"{path}: the database is locked by another process; wait for it to "
                          "finish or use another file with --db")
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return StoreError(f"{path}: the file is not a usable storydiff database ({message}); "
                          "restore it from a backup or start a new one with --db")
    if "readonly" in message or "unable to open" in message:
        return StoreError(f"{path}: cannot open the database for writing ({message}); check the "
                          "path and its permissions")
    return StoreError(f"{path}: database error: {message}")


class SQLiteStore(StoredResults):
    """A ``Store`` in one SQLite file.

    >>> store = SQLiteStore("storydiff.db")            # doctest: +SKIP
    >>> with store.transaction():                        # doctest: +SKIP
    ...     added = store.add_article(article)
    """

    def __init__(self, path: str | Path = "storydiff.db", *, timeout: float = 10.0, migrate: bool = True):
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None,
                                       check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            # FULL: a commit is on disk before ingest reports it; costs one fsync per batch.
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            if migrate:
                self._migrate()
            elif self.schema_version() != SCHEMA_VERSION:
                # a reader (the web app, one connection a request) takes no write lock to check
                raise StoreError(f"{self.path}: database schema version {self.schema_version()}, this "
                                 f"storydiff reads {SCHEMA_VERSION}; run `storydiff refresh --db {self.path}`")
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from exc
        self._depth = 0

    # -- schema ------------------------------------------------------------------------
    def schema_version(self) -> int:
        exists = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'").fetchone()
        if not exists:
            return 0
        row = self._db.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return row[0] or 0

    def _migrate(self, target: int = SCHEMA_VERSION) -> None:
        # A database already at the target is only read: a reader (stories, show, serve) must
        # not queue behind an ingest's open batch for the write lock it does not need.
        if self.schema_version() == target:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            tables = {row[0] for row in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if tables and "schema_version" not in tables:
                raise StoreError(f"{self.path}: this SQLite file was not made by storydiff (tables: "
                                 f"{', '.join(sorted(tables)[:5])}); use another file with --db")
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                             "description TEXT NOT NULL, applied_at TEXT NOT NULL)")
            current = self.schema_version()
            if current > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: database schema version {current} is newer than this "
                                 f"storydiff understands ({SCHEMA_VERSION}); upgrade storydiff")
            now = datetime.now(UTC).isoformat(timespec="seconds")
            for version, description, sql in MIGRATIONS:
                if current < version <= target:
                    for statement in _statements(sql):
                        self._db.execute(statement)
                    self._db.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (version, description, now))
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    # -- the writer lock ---------------------------------------------------------------
    @contextmanager
    def writer(self, timeout: float, *, waiting: Callable[[str], None] | None = None) -> Iterator[WriterLease]:
        """Hold the writer lock: an OS lock (flock on Unix) on ``<database>.lock``, so a
        killed holder's lock goes with its process. The holder and the order of writers are
        recorded in ``meta`` for the log and for a waiting writer's message."""
        started = time.monotonic()
        lock = None
        if self.path not in ("", ":memory:"):  # an in-memory database has no other process
            from filelock import FileLock, Timeout

            # preserve_lock_file: removing the file on release would let a newcomer lock a
            # fresh file while a waiter still holds the old one open
            lock = FileLock(self.path + ".lock", thread_local=False, preserve_lock_file=True)
            try:
                try:
                    lock.acquire(blocking=False)
                except Timeout:
                    if waiting is not None:
                        waiting(f"waiting up to {timeout:g} s for the writer lock on {self.path}, "
                                f"held by {self._writer_holder()}")
                    lock.acquire(timeout=max(timeout, 0))
            except Timeout as exc:
                raise WriterBusy(
                    f"{self.path}: another storydiff writer ({self._writer_holder()}) still holds the "
                    f"database after {timeout:g} s of waiting (lock_timeout, STORYDIFF_LOCK_TIMEOUT); "
                    "run this again when it has finished, or raise the timeout") from exc
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot lock the database for writing "
                                 f"({exc.strerror or exc}); check the folder's permissions") from exc
        try:
            waited = time.monotonic() - started
            now = datetime.now(UTC)
            with self.transaction():
                row = self._run("SELECT value FROM meta WHERE key = 'writer_number'").fetchone()
                number = int(row[0]) + 1 if row else 1
                self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                    ("writer_number", str(number)), ("writer_pid", str(os.getpid())),
                    ("writer_since", now.isoformat(timespec="microseconds"))])
            yield WriterLease(self.path, os.getpid(), number, now, waited)
        finally:
            if lock is not None:
                lock.release()

    def _writer_holder(self) -> str:
        """Who took the writer lock last (so, while it is held, who holds it)."""
        try:
            meta = dict(self._db.execute("SELECT key, value FROM meta WHERE key IN "
                                         "('writer_pid', 'writer_since')"))
        except sqlite3.Error:
            meta = {}
        if "writer_pid" not in meta:
            return "a process still opening it"
        return f"process {meta['writer_pid']}, since {meta['writer_since']}"

    # -- transactions ------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            # nested: a savepoint, so one failed article undoes only its own writes
            name = f"sp{self._depth}"
            self._run(f"SAVEPOINT {name}")
            self._depth += 1
            try:
                yield
            except BaseException:
                self._db.execute(f"ROLLBACK TO {name}")
                self._db.execute(f"RELEASE {name}")
                raise
            finally:
                self._depth -= 1
            self._run(f"RELEASE {name}")
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from exc
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._db.execute("ROLLBACK")
            raise
        self._depth = 0
        try:
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._db.execute("ROLLBACK")
            raise _explain(self.path, exc) from exc

    def _run(self, sql: str, params: Sequence | dict = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as exc:
            raise _explain(self.path, exc) from exc

    # -- articles ----------------------------------------------------------------------
    def add_article(self, article: Article, *, signature: bytes | None = None) -> Added:
        key_text = content_key(article)
        url = url_key(article.url)
        row = self._run("SELECT key, id FROM articles WHERE content_key = ?", (key_text,)).fetchone()
        if row:
            return Added(row[0], False, row[1], "same content")
        if url is not None:
            row = self._run("SELECT key, id FROM articles WHERE url_key = ?", (url,)).fetchone()
            if row:
                return Added(row[0], False, row[1], "same URL")
        article_id, number = article.id, 2
        while self._run("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
            article_id = f"{article.id}~{number}"
            number += 1
        evidence = article.published_evidence
        cursor = self._run(
            "INSERT INTO articles (id, content_key, url_key, title, text, original, source, outlet, url, "
            "published, published_inferred, published_evidence, agency, dateline, removed, signature, "
            "ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article_id, key_text, url, article.title, article.text, article.original or article.text,
             article.source, article.outlet, article.url, _date_text(article.published),
             int(article.published_inferred),
             json.dumps(evidence.__dict__, default=str) if evidence else None,
             article.agency, article.dateline,
             json.dumps([[r.start, r.end, r.reason, r.text] for r in article.removed]),
             signature, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        article.id = article_id
        if article.modified or article.partial:  # columns of migration 3, set only when known
            self._run("UPDATE articles SET modified = ?, partial = ? WHERE key = ?",
                      (_date_text(article.modified), article.partial, cursor.lastrowid))
        return Added(cast(int, cursor.lastrowid), True)  # the INSERT above sets it

    _COLUMNS = ("key, id, title, text, original, source, outlet, url, published, published_inferred, "
                "published_evidence, agency, dateline, removed, modified, partial")

    @staticmethod
    def _article(row: tuple) -> Article:
        (_, article_id, title, text, original, source, outlet, url, published, inferred, evidence,
         agency, dateline, removed, modified, partial) = row
        return Article(
            id=article_id, text=text, original=original, source=source, title=title, outlet=outlet,
            url=url, published=_parse_date(published), published_inferred=bool(inferred),
            published_evidence=Evidence(**json.loads(evidence)) if evidence else None,
            agency=agency, dateline=dateline,
            removed=[Removed(*item) for item in json.loads(removed)],
            modified=_parse_date(modified), partial=partial,
        )

    def get_article(self, ref: str | int) -> Article:
        column = "key" if isinstance(ref, int) else "id"
        if isinstance(ref, int) and not _fits(ref):
            raise KeyError(ref)
        row = self._run(f"SELECT {self._COLUMNS} FROM articles WHERE {column} = ?", (ref,)).fetchone()
        if row is None:
            raise KeyError(ref)
        return self._article(row)

    def get_articles(self, keys: Sequence[int]) -> dict[int, Article]:
        found: dict[int, Article] = {}
        keys = list(keys)
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self._run(f"SELECT {self._COLUMNS} FROM articles WHERE key IN ({marks})", chunk):
                found[row[0]] = self._article(row)
        return found

    def key_of(self, article_id: str) -> int:
        row = self._run("SELECT key FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return row[0]

    def count_articles(self) -> int:
        return self._run("SELECT COUNT(*) FROM articles").fetchone()[0]

    # -- stories -----------------------------------------------------------------------
    def assign_story(self, keys: Sequence[int], story: int) -> None:
        self._db.executemany("UPDATE articles SET story = ? WHERE key = ?", [(story, key) for key in keys])

    def merge_stories(self, gone: int, into: int) -> None:
        self._run("UPDATE articles SET story = ? WHERE story = ?", (into, gone))

    def story_of(self, key: int) -> int | None:
        if not _fits(key):
            return None
        row = self._run("SELECT story FROM articles WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def list_stories(self, *, limit: int | None = None, min_size: int = 1) -> list[StorySummary]:
        sql = ("SELECT story, COUNT(*), COUNT(DISTINCT COALESCE(wire_group, -key)), MIN(published), "
               "MAX(published), (SELECT title FROM stories WHERE id = story) FROM articles "
               "WHERE story IS NOT NULL GROUP BY story HAVING COUNT(*) >= ? "
               "ORDER BY COUNT(*) DESC, MAX(published) DESC, story")
        params: list = [max(min(min_size, 2 ** 63 - 1), -(2 ** 63))]
        if limit:
            sql += " LIMIT ?"
            params.append(min(limit, 2 ** 63 - 1) if limit > 0 else -1)  # -1: no limit
        found = [
            StorySummary(story, title, size, sources,
                         _day(first), _day(last))
            for story, size, sources, first, last, title in self._run(sql, params).fetchall()
        ]
        return [summary if summary.title else replace(summary, lead=self._lead_of(summary.id))
                for summary in found]

    def _lead_of(self, story: int) -> str | None:
        # only for the stories listed: one indexed lookup each
        row = self._run("SELECT substr(text, 1, 400) FROM articles WHERE story = ? "
                        "ORDER BY published, key LIMIT 1", (story,)).fetchone()
        return _lead(row[0]) if row else None

    def story_articles(self, story: int) -> list[Article]:
        if not _fits(story):
            return []
        rows = self._run(f"SELECT {self._COLUMNS} FROM articles WHERE story = ? ORDER BY published, key",
                         (story,)).fetchall()
        return [self._article(row) for row in rows]

    # -- wire groups -------------------------------------------------------------------
    def assign_wire_group(self, key: int, group: int) -> None:
        self._run("UPDATE articles SET wire_group = ? WHERE key = ?", (group, key))

    def wire_group_members(self, group: int) -> list[int]:
        return [row[0] for row in self._run("SELECT key FROM articles WHERE wire_group = ? ORDER BY key", (group,))]

    def wire_group_of(self, keys: Sequence[int]) -> dict[int, int]:
        keys = list(keys)
        if not keys:
            return {}
        marks = ",".join("?" * len(keys))
        return {key: group for key, group in self._run(
            f"SELECT key, wire_group FROM articles WHERE key IN ({marks}) AND wire_group IS NOT NULL", keys)}

    def replace_wire_copies(self, group: int, copies: Iterable[WireRecord]) -> None:
        self._run("DELETE FROM wire_copies WHERE wire_group = ?", (group,))
        self._db.executemany(
            "INSERT OR REPLACE INTO wire_copies VALUES (?,?,?,?,?,?,?)",
            [(c.article, group, c.original, c.similarity, json.dumps(c.added), json.dumps(c.removed),
              int(c.title_changed)) for c in copies])

    def wire_copies(self, story: int) -> list[WireRecord]:
        if not _fits(story):
            return []
        rows = self._run(
            "SELECT w.article, w.original, w.similarity, w.added, w.removed, w.title_changed FROM wire_copies w "
            "JOIN articles a ON a.key = w.article WHERE a.story = ? ORDER BY w.wire_group, w.article", (story,))
        return [WireRecord(a, o, s, json.loads(ad), json.loads(rm), bool(t)) for a, o, s, ad, rm, t in rows]

    def signatures(self, limit: int | None = None) -> Iterator[tuple[int, bytes]]:
        if limit is None:
            yield from self._run("SELECT key, signature FROM articles WHERE signature IS NOT NULL ORDER BY key")
            return
        rows = self._run("SELECT key, signature FROM articles WHERE signature IS NOT NULL "
                         "ORDER BY key DESC LIMIT ?", (limit,)).fetchall()
        yield from reversed(rows)

    def save_signatures(self, signatures: Iterable[tuple[int, bytes]]) -> None:
        self._db.executemany("UPDATE articles SET signature = ? WHERE key = ?",
                             [(blob, key) for key, blob in signatures])

    # -- clusterer state ---------------------------------------------------------------
    def save_cluster_state(self, df: dict[str, int], n_docs: int, stories: Iterable[Group],
                           removed: Iterable[int]) -> None:
        self._db.executemany("INSERT INTO term_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = excluded.df",
                             list(df.items()))
        self._run("INSERT OR REPLACE INTO meta VALUES ('n_docs', ?)", (str(n_docs),))
        self._db.executemany(
            "INSERT OR REPLACE INTO stories (id, title, size, first_day, last_day, centroid) VALUES (?,?,?,?,?,?)",
            [(s.id, s.title, s.size, s.first_day, s.last_day, json.dumps(s.centroid, separators=(",", ":")))
             for s in stories])
        self._db.executemany("DELETE FROM stories WHERE id = ?", [(story,) for story in removed])

    def load_cluster_state(self) -> tuple[dict[str, int], int, list[GroupRecord]]:
        df = dict(self._run("SELECT term, df FROM term_df"))
        row = self._run("SELECT value FROM meta WHERE key = 'n_docs'").fetchone()
        return df, int(row[0]) if row else 0, self._groups("stories")

    def _groups(self, table: str) -> list[GroupRecord]:
        """The stored events (``stories``) or ``storylines``, in key order."""
        # terms interned as in cluster.article_features: one string per term, not per story
        return [GroupRecord(group, title, size, first, last, {sys.intern(k): v for k, v in json.loads(c).items()})
                for group, title, size, first, last, c in self._run(
                    f"SELECT id, title, size, first_day, last_day, centroid FROM {table} ORDER BY id")]

    # -- storylines (storydiff.storylines) -------------------------------------------------
    def save_storyline_state(self, storylines: Iterable[Group], removed: Iterable[int],
                             of_event: dict[int, int], removed_events: Iterable[int]) -> None:
        self._db.executemany(
            "INSERT OR REPLACE INTO storylines (id, title, size, first_day, last_day, centroid) VALUES (?,?,?,?,?,?)",
            [(s.id, s.title, s.size, s.first_day, s.last_day, json.dumps(s.centroid, separators=(",", ":")))
             for s in storylines])
        self._db.executemany("DELETE FROM storylines WHERE id = ?", [(line,) for line in removed])
        self._db.executemany("INSERT OR REPLACE INTO event_storylines VALUES (?, ?)", list(of_event.items()))
        self._db.executemany("DELETE FROM event_storylines WHERE story = ?", [(e,) for e in removed_events])

    def load_storyline_state(self) -> tuple[list[GroupRecord], dict[int, int]]:
        return self._groups("storylines"), dict(self._run("SELECT story, storyline FROM event_storylines"))

    def load_meta(self, name: str) -> str | None:
        row = self._run("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def save_meta(self, name: str, value: str) -> None:
        # the upsert both SQLite and PostgreSQL read (PostgresStore inherits it)
        self._run("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  (name, value))

    def record_merges(self, changes: Iterable[Merge]) -> None:
        """Keep merges (``storylines.Change``) so a link to a merged event or storyline redirects."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._db.executemany("INSERT INTO merges VALUES (?,?,?,?,?)",
                             [(c.level, c.kind, c.gone, c.into, now) for c in changes])

    def merged_into(self, level: str, number: int) -> int | None:
        """Where a merged event or storyline (``level``) went, following later merges; None
        when it was never merged."""
        if not -2**63 <= number < 2**63:  # no SQLite integer: never a story, so never merged
            return None
        seen, current = set(), number
        while current not in seen:
            seen.add(current)
            row = self._run("SELECT into_id FROM merges WHERE level = ? AND gone = ? AND kind = 'merge' "
                            "ORDER BY rowid DESC LIMIT 1", (level, current)).fetchone()
            if row is None:
                break
            current = row[0]
        return None if current == number else current

    def storyline_of(self, story: int) -> int | None:
        row = self._run("SELECT storyline FROM event_storylines WHERE story = ?", (story,)).fetchone()
        return row[0] if row else None

    def storyline_events(self, storyline: int) -> list[StorySummary]:
        """The events of one storyline, oldest first."""
        if not -2**63 <= storyline < 2**63:
            return []
        rows = self._run(
            "SELECT a.story, COUNT(*), COUNT(DISTINCT COALESCE(a.wire_group, -a.key)), MIN(a.published), "
            "MAX(a.published), (SELECT title FROM stories WHERE id = a.story) FROM articles a "
            "JOIN event_storylines e ON e.story = a.story WHERE e.storyline = ? GROUP BY a.story "
            "ORDER BY MIN(a.published), a.story", (storyline,)).fetchall()
        found = [StorySummary(story, title, size, sources, _day(first), _day(last))
                 for story, size, sources, first, last, title in rows]
        return [summary if summary.title else replace(summary, lead=self._lead_of(summary.id))
                for summary in found]

    def list_storylines(self, *, limit: int | None = None, min_events: int = 1) -> list[tuple[int, list[StorySummary]]]:
        """(storyline, its events oldest first), the storylines with the most articles first."""
        sql = ("SELECT e.storyline FROM event_storylines e JOIN articles a ON a.story = e.story "
               "GROUP BY e.storyline HAVING COUNT(DISTINCT e.story) >= ? "
               "ORDER BY COUNT(*) DESC, MAX(a.published) DESC, e.storyline")
        # Out-of-range numbers mean "no such limit" rather than an overflow (as list_stories).
        params: list = [max(-(2 ** 63), min(min_events, 2 ** 63 - 1))]
        if limit:
            sql += " LIMIT ?"
            params.append(min(limit, 2 ** 63 - 1) if limit > 0 else -1)
        return [(line, self.storyline_events(line)) for (line,) in self._run(sql, params).fetchall()]

    # -- versions and HTTP validators (storydiff.live) ------------------------------------
    def find_url(self, url: str) -> int | None:
        """The key of the article stored under this URL (normalised by ``url_key``)."""
        row = self._run("SELECT key FROM articles WHERE url_key = ?", (url_key(url),)).fetchone()
        return row[0] if row else None

    def revise(self, key: int, article: Article, *, signature: bytes | None = None) -> int | None:
        """Store ``article`` as a new version of the stored article ``key`` (same URL, other
        text); the number of the new version, or None when its text and title are unchanged.

        The old text is kept in ``versions`` (version 1 is copied there from ``articles`` at
        the first revision); ``articles`` then holds the latest version, the one stories compare."""
        key_text = content_key(article)
        row = self._run("SELECT title, text, original, removed, published, modified, content_key, ingested_at "
                        "FROM articles WHERE key = ?", (key,)).fetchone()
        if row is None:
            raise KeyError(key)
        if row[6] == key_text:
            return None
        now = datetime.now(UTC).isoformat(timespec="seconds")
        last = self._run("SELECT MAX(number) FROM versions WHERE article = ?", (key,)).fetchone()[0]
        if last is None:
            self._run("INSERT INTO versions VALUES (?,?,?,?,?,?,?,?,?,?)", (key, 1, *row))
            last = 1
        published = _date_text(article.published) or row[4]
        removed = json.dumps([[r.start, r.end, r.reason, r.text] for r in article.removed])
        values = (article.title, article.text, article.original or article.text, removed, published,
                  _date_text(article.modified), key_text)
        self._run("INSERT INTO versions VALUES (?,?,?,?,?,?,?,?,?,?)", (key, last + 1, *values, now))
        self._run("UPDATE articles SET title = ?, text = ?, original = ?, removed = ?, published = ?, "
                  "modified = ?, content_key = ?, partial = ?, signature = COALESCE(?, signature) "
                  "WHERE key = ?", (*values, article.partial, signature, key))
        return last + 1

    def versions(self, key: int) -> list[tuple[int, str, Article]]:
        """(number, stored at, article) of each version of a stored article, oldest first;
        an article never revised has one version, itself. Version ``n`` has id ``ID@vn``."""
        current = self.get_article(key)
        stored = self._run("SELECT ingested_at FROM articles WHERE key = ?", (key,)).fetchone()[0]
        rows = self._run("SELECT number, title, text, original, removed, published, modified, stored_at "
                         "FROM versions WHERE article = ? ORDER BY number", (key,)).fetchall()
        if not rows:
            return [(1, stored, replace(current, id=f"{current.id}@v1"))]
        return [(number, stored_at, replace(
                    current, id=f"{current.id}@v{number}", title=title, text=text, original=original,
                    removed=[Removed(*item) for item in json.loads(removed)],
                    published=_parse_date(published), modified=_parse_date(modified)))
                for number, title, text, original, removed, published, modified, stored_at in rows]

    def outlet_lengths(self, outlet: str) -> list[int]:
        """Text lengths of the stored articles of one outlet not flagged partial."""
        return [row[0] for row in self._run(
            "SELECT length(text) FROM articles WHERE outlet = ? AND partial IS NULL", (outlet,))]

    def validators(self, url: str) -> tuple[str | None, str | None, bytes | None]:
        """(ETag, Last-Modified, body kept) last seen for ``url``, for a conditional request."""
        row = self._run("SELECT etag, last_modified, body FROM http_cache WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1], row[2]) if row else (None, None, None)

    def save_validators(self, url: str, etag: str | None, last_modified: str | None,
                        body: bytes | None = None) -> None:
        """``body`` only for what must be re-read on a 304 (robots.txt), not for pages."""
        self._run("INSERT OR REPLACE INTO http_cache VALUES (?,?,?,?,?)",
                  (url, etag, last_modified, datetime.now(UTC).isoformat(timespec="seconds"), body))

    def integrity_check(self) -> str:
        return self._run("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _lead(text: str, limit: int = 100) -> str:
    """The opening words of a text, cut at a word boundary: a label, not a summary."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] + " …"


def _day(text: str | None) -> date | None:
    value = _parse_date(text)
    return value.date() if isinstance(value, datetime) else value


__all__ = ["SQLiteStore", "MIGRATIONS", "SCHEMA_VERSION", "url_key"]
