"""The PostgreSQL store, for a team sharing one database: ``--db postgresql://user@host:port/name``.

The same schema, migrations and queries as the SQLite store (``SQLiteStore``'s queries are
written in the SQL both engines read and are inherited), through psycopg 3; this class
overrides only what differs between the two dialects: connecting, the migration table,
``INSERT OR REPLACE`` (``ON CONFLICT`` here), generated keys (``RETURNING``), where NULLs
sort, byte-wise text order (``COLLATE "C"``, as SQLite compares text) and the writer lock,
which is a session-level advisory lock here: the server releases it when the holder's
connection ends, so a killed ingest never leaves it stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from ..errors import StoreError, WriterBusy
from ..model import Article
from .base import Added, Group, GroupRecord, Merge, StorySummary, WireRecord, WriterLease
from .identity import content_key, url_key
from .postgres_schema import MIGRATIONS, SCHEMA_VERSION
from .sqlite import SQLiteStore, _day, _lead

URL_SCHEMES = ("postgresql://", "postgres://")



def _lock_key(name: str) -> int:
    """A signed 64-bit advisory-lock key for ``name`` (advisory locks are per database)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


# held for the life of an ingest/follow; another, held only while migrating
WRITER_LOCK = _lock_key("storydiff.writer")
MIGRATION_LOCK = _lock_key("storydiff.migrate")


def is_url(value: object) -> bool:
    """Whether a ``--db`` value names a PostgreSQL database rather than a SQLite file."""
    text = str(value)
    # typer hands --db over as a Path, which folds "postgresql://" into "postgresql:/"
    return text.startswith(URL_SCHEMES) or text.startswith(("postgresql:/", "postgres:/"))


def database_url(value: object) -> str:
    """The connection URL of a ``--db`` value (restoring the ``//`` a Path folded)."""
    text = str(value)
    for scheme in ("postgresql:", "postgres:"):
        if text.startswith(scheme) and not text.startswith(scheme + "//"):
            return scheme + "//" + text[len(scheme):].lstrip("/")
    return text


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


class PostgresStore(SQLiteStore):
    """A ``Store`` in one PostgreSQL database (psycopg 3, autocommit outside ``transaction()``)."""

    def __init__(self, url: str, *, timeout: float = 10.0, create: bool = True):
        try:
            import psycopg
        except ImportError as exc:  # the engine is an extra: say how to get it, name the database
            raise StoreError(f"{redact(database_url(url))}: a PostgreSQL database needs psycopg; "
                             'install the extra with pip install -e ".[scale]"') from exc

        self._psycopg = psycopg
        self.url = database_url(url)
        self.path = redact(self.url)  # what messages name
        self._depth = 0
        self._tx: list = []
        try:
            self._db = psycopg.connect(self.url, autocommit=True, connect_timeout=max(1, int(timeout)))
        except psycopg.Error as exc:
            raise StoreError(f"{self.path}: cannot connect to the PostgreSQL database "
                             f"({str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}); "
                             "check the URL, that the server runs and that the database exists") from exc
        try:
            if not create and self.schema_version() == 0:
                raise StoreError(f"{self.path}: this PostgreSQL database holds no storydiff store; "
                                 f"store articles first with `storydiff ingest FILES --db {self.path}`")
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    # -- schema ------------------------------------------------------------------------
    def schema_version(self) -> int:
        if self._run("SELECT to_regclass('schema_version')").fetchone()[0] is None:
            return 0
        return self._run("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0

    def _migrate(self, target: int = SCHEMA_VERSION) -> None:
        if self.schema_version() == target:
            return
        with self.transaction():
            # two processes opening a new database at once: one migrates, the other waits
            self._run("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            tables = {row[0] for row in self._run(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")}
            if tables and "schema_version" not in tables:
                raise StoreError(f"{self.path}: this PostgreSQL database holds tables storydiff did not make "
                                 f"({', '.join(sorted(tables)[:5])}); use another database with --db")
            self._run("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                      "description TEXT NOT NULL, applied_at TEXT NOT NULL)")
            current = self.schema_version()
            if current > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: database schema version {current} is newer than this "
                                 f"storydiff understands ({SCHEMA_VERSION}); upgrade storydiff")
            now = datetime.now(UTC).isoformat(timespec="seconds")
            for version, description, sql in MIGRATIONS:
                if current < version <= target:
                    for statement in sql.split(";"):
                        if statement.strip():
                            self._run(statement)
                    self._run("INSERT INTO schema_version VALUES (?, ?, ?)", (version, description, now))

    # -- transactions ------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        # psycopg's transaction blocks nest as savepoints: one failed article undoes only its own writes
        try:
            block = self._db.transaction()
            block.__enter__()
        except self._psycopg.Error as exc:
            raise self._explain(exc) from exc
        self._depth += 1
        try:
            yield
        except BaseException as exc:
            self._depth -= 1
            try:
                block.__exit__(type(exc), exc, exc.__traceback__)
            except self._psycopg.Error:
                pass
            raise
        self._depth -= 1
        try:
            block.__exit__(None, None, None)
        except self._psycopg.Error as exc:
            raise self._explain(exc) from exc

    def _explain(self, exc: Exception) -> StoreError:
        message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return StoreError(f"{self.path}: database error: {message}")

    def _run(self, sql: str, params: Sequence | dict = ()) -> Any:  # a psycopg cursor (imported lazily)
        try:
            if not params:  # psycopg reads placeholders (and %%) only when given parameters
                return self._db.execute(sql)
            return self._db.execute(sql.replace("%", "%%").replace("?", "%s"), params)
        except self._psycopg.Error as exc:
            raise self._explain(exc) from exc

    def _many(self, sql: str, rows: list) -> None:
        if not rows:
            return
        try:
            with self._db.cursor() as cursor:
                cursor.executemany(sql.replace("?", "%s"), rows)
        except self._psycopg.Error as exc:
            raise self._explain(exc) from exc

    # -- the writer lock ---------------------------------------------------------------
    @contextmanager
    def writer(self, timeout: float, *, waiting: Callable[[str], None] | None = None) -> Iterator[WriterLease]:
        """Hold the writer lock: a session-level advisory lock, waited for in the server's
        queue (so writers get it in the order they asked) for at most ``timeout`` seconds."""
        started = time.monotonic()
        if not self._run("SELECT pg_try_advisory_lock(?)", (WRITER_LOCK,)).fetchone()[0]:
            if waiting is not None:
                waiting(f"waiting up to {timeout:g} s for the writer lock on {self.path}, "
                        f"held by {self._writer_holder()}")
            try:
                self._db.execute(f"SET lock_timeout = {max(1, int(timeout * 1000))}")
                self._db.execute("SELECT pg_advisory_lock(%s)", (WRITER_LOCK,))
            except self._psycopg.errors.LockNotAvailable as exc:
                raise WriterBusy(
                    f"{self.path}: another storydiff writer ({self._writer_holder()}) still holds the "
                    f"database after {timeout:g} s of waiting (lock_timeout, STORYDIFF_LOCK_TIMEOUT); "
                    "run this again when it has finished, or raise the timeout") from exc
            except self._psycopg.Error as exc:
                raise self._explain(exc) from exc
            finally:
                try:
                    self._db.execute("RESET lock_timeout")
                except self._psycopg.Error:
                    pass
        try:
            waited = time.monotonic() - started
            now = datetime.now(UTC)
            with self.transaction():
                row = self._run("SELECT value FROM meta WHERE key = 'writer_number'").fetchone()
                number = int(row[0]) + 1 if row else 1
                self._many("INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                           [("writer_number", str(number)), ("writer_pid", str(os.getpid())),
                            ("writer_since", now.isoformat(timespec="microseconds"))])
            yield WriterLease(self.path, os.getpid(), number, now, waited)
        finally:
            if not self._db.closed:
                try:
                    self._run("SELECT pg_advisory_unlock(?)", (WRITER_LOCK,))
                except StoreError:
                    pass  # the connection is gone, and the server released the lock with it

    def _writer_holder(self) -> str:
        try:
            meta = dict(self._run("SELECT key, value FROM meta WHERE key IN ('writer_pid', 'writer_since')"))
        except StoreError:
            meta = {}
        if "writer_pid" not in meta:
            return "a process still opening it"
        return f"process {meta['writer_pid']}, since {meta['writer_since']}"

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
        key = self._run(
            "INSERT INTO articles (id, content_key, url_key, title, text, original, source, outlet, url, "
            "published, published_inferred, published_evidence, agency, dateline, removed, signature, "
            "ingested_at, modified, partial) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING key",
            (article_id, key_text, url, article.title, article.text, article.original or article.text,
             article.source, article.outlet, article.url, _text(article.published),
             int(article.published_inferred),
             json.dumps(evidence.__dict__, default=str) if evidence else None,
             article.agency, article.dateline,
             json.dumps([[r.start, r.end, r.reason, r.text] for r in article.removed]),
             signature, datetime.now(UTC).isoformat(timespec="seconds"),
             _text(article.modified), article.partial),
        ).fetchone()[0]
        article.id = article_id
        return Added(key, True)

    # -- stories -----------------------------------------------------------------------
    def assign_story(self, keys: Sequence[int], story: int) -> None:
        self._many("UPDATE articles SET story = ? WHERE key = ?", [(story, key) for key in keys])

    def list_stories(self, *, limit: int | None = None, min_size: int = 1) -> list[StorySummary]:
        # NULLS LAST and COLLATE "C": the order SQLite gives (NULL smallest, text byte-wise)
        sql = ('SELECT story, COUNT(*), COUNT(DISTINCT COALESCE(wire_group, -key)), MIN(published COLLATE "C"), '
               'MAX(published COLLATE "C"), (SELECT title FROM stories WHERE id = story) FROM articles '
               "WHERE story IS NOT NULL GROUP BY story HAVING COUNT(*) >= ? "
               'ORDER BY COUNT(*) DESC, MAX(published COLLATE "C") DESC NULLS LAST, story')
        params: list = [max(min(min_size, 2 ** 63 - 1), -(2 ** 63))]
        if limit and limit > 0:
            sql += " LIMIT ?"
            params.append(min(limit, 2 ** 63 - 1))
        found = [StorySummary(story, title, size, sources, _day(first), _day(last))
                 for story, size, sources, first, last, title in self._run(sql, params).fetchall()]
        return [summary if summary.title else replace(summary, lead=self._lead_of(summary.id))
                for summary in found]

    def _lead_of(self, story: int) -> str | None:
        row = self._run('SELECT substr(text, 1, 400) FROM articles WHERE story = ? '
                        'ORDER BY published COLLATE "C" NULLS FIRST, key LIMIT 1', (story,)).fetchone()
        return _lead(row[0]) if row else None

    def story_of(self, key: int) -> int | None:
        if not -(2 ** 63) <= key < 2 ** 63:
            return None
        row = self._run("SELECT story FROM articles WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def story_articles(self, story: int) -> list[Article]:
        if not -(2 ** 63) <= story < 2 ** 63:
            return []
        rows = self._run(f'SELECT {self._COLUMNS} FROM articles WHERE story = ? '
                         'ORDER BY published COLLATE "C" NULLS FIRST, key', (story,)).fetchall()
        return [self._article(row) for row in rows]

    # -- wire groups -------------------------------------------------------------------
    def replace_wire_copies(self, group: int, copies: Iterable[WireRecord]) -> None:
        self._run("DELETE FROM wire_copies WHERE wire_group = ?", (group,))
        self._many(
            "INSERT INTO wire_copies VALUES (?,?,?,?,?,?,?) ON CONFLICT (article) DO UPDATE SET "
            "wire_group = excluded.wire_group, original = excluded.original, similarity = excluded.similarity, "
            "added = excluded.added, removed = excluded.removed, title_changed = excluded.title_changed",
            [(c.article, group, c.original, c.similarity, json.dumps(c.added), json.dumps(c.removed),
              int(c.title_changed)) for c in copies])

    # -- clusterer state ---------------------------------------------------------------
    def save_cluster_state(self, df: dict[str, int], n_docs: int, stories: Iterable[Group],
                           removed: Iterable[int]) -> None:
        self._many("INSERT INTO term_df VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = excluded.df",
                   list(df.items()))
        self._run("INSERT INTO meta VALUES ('n_docs', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  (str(n_docs),))
        self._save_groups("stories", stories, removed)

    def _save_groups(self, table: str, groups: Iterable[Group], removed: Iterable[int]) -> None:
        """Upsert the clusterer's groups (events in ``stories``, or ``storylines``) and drop the
        removed ones: both levels keep the same columns."""
        self._many(
            f"INSERT INTO {table} (id, title, size, first_day, last_day, centroid) VALUES (?,?,?,?,?,?) "
            "ON CONFLICT (id) DO UPDATE SET title = excluded.title, size = excluded.size, "
            "first_day = excluded.first_day, last_day = excluded.last_day, centroid = excluded.centroid",
            [(g.id, g.title, g.size, g.first_day, g.last_day, json.dumps(g.centroid, separators=(",", ":")))
             for g in groups])
        self._many(f"DELETE FROM {table} WHERE id = ?", [(group,) for group in removed])

    def load_cluster_state(self) -> tuple[dict[str, int], int, list[GroupRecord]]:
        df, n_docs, stories = super().load_cluster_state()
        return {sys.intern(term): n for term, n in df.items()}, n_docs, stories

    # -- storylines (storydiff.storylines) -------------------------------------------------
    def save_storyline_state(self, storylines: Iterable[Group], removed: Iterable[int],
                             of_event: dict[int, int], removed_events: Iterable[int]) -> None:
        self._save_groups("storylines", storylines, removed)
        self._many("INSERT INTO event_storylines VALUES (?, ?) ON CONFLICT (story) DO UPDATE SET "
                   "storyline = excluded.storyline", list(of_event.items()))
        self._many("DELETE FROM event_storylines WHERE story = ?", [(e,) for e in removed_events])

    def record_merges(self, changes: Iterable[Merge]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self._many("INSERT INTO merges (level, kind, gone, into_id, at) VALUES (?,?,?,?,?)",
                   [(c.level, c.kind, c.gone, c.into, now) for c in changes])

    def merged_into(self, level: str, number: int) -> int | None:
        if not -2**63 <= number < 2**63:
            return None
        seen, current = set(), number
        while current not in seen:
            seen.add(current)
            row = self._run("SELECT into_id FROM merges WHERE level = ? AND gone = ? AND kind = 'merge' "
                            "ORDER BY seq DESC LIMIT 1", (level, current)).fetchone()
            if row is None:
                break
            current = row[0]
        return None if current == number else current

    def storyline_events(self, storyline: int) -> list[StorySummary]:
        if not -2**63 <= storyline < 2**63:
            return []
        rows = self._run(
            'SELECT a.story, COUNT(*), COUNT(DISTINCT COALESCE(a.wire_group, -a.key)), MIN(a.published COLLATE "C"), '
            'MAX(a.published COLLATE "C"), (SELECT title FROM stories WHERE id = a.story) FROM articles a '
            "JOIN event_storylines e ON e.story = a.story WHERE e.storyline = ? GROUP BY a.story "
            'ORDER BY MIN(a.published COLLATE "C") NULLS FIRST, a.story', (storyline,)).fetchall()
        found = [StorySummary(story, title, size, sources, _day(first), _day(last))
                 for story, size, sources, first, last, title in rows]
        return [summary if summary.title else replace(summary, lead=self._lead_of(summary.id))
                for summary in found]

    def list_storylines(self, *, limit: int | None = None, min_events: int = 1) -> list[tuple[int, list[StorySummary]]]:
        sql = ("SELECT e.storyline FROM event_storylines e JOIN articles a ON a.story = e.story "
               "GROUP BY e.storyline HAVING COUNT(DISTINCT e.story) >= ? "
               'ORDER BY COUNT(*) DESC, MAX(a.published COLLATE "C") DESC NULLS LAST, e.storyline')
        params: list = [min_events]
        if limit and limit > 0:
            sql += " LIMIT ?"
            params.append(min(limit, 2 ** 63 - 1))
        return [(line, self.storyline_events(line)) for (line,) in self._run(sql, params).fetchall()]

    def signatures(self, limit: int | None = None) -> Iterator[tuple[int, bytes]]:
        for key, blob in super().signatures(limit):
            yield key, bytes(blob)

    def save_signatures(self, signatures: Iterable[tuple[int, bytes]]) -> None:
        self._many("UPDATE articles SET signature = ? WHERE key = ?", [(blob, key) for key, blob in signatures])

    # -- HTTP validators (storydiff.live) ------------------------------------------------
    def save_validators(self, url: str, etag: str | None, last_modified: str | None,
                        body: bytes | None = None) -> None:
        self._run("INSERT INTO http_cache VALUES (?,?,?,?,?) ON CONFLICT (url) DO UPDATE SET "
                  "etag = excluded.etag, last_modified = excluded.last_modified, "
                  "checked_at = excluded.checked_at, body = excluded.body",
                  (url, etag, last_modified, datetime.now(UTC).isoformat(timespec="seconds"), body))

    def validators(self, url: str) -> tuple[str | None, str | None, bytes | None]:
        etag, modified, body = super().validators(url)
        return etag, modified, bytes(body) if body is not None else None

    # -- stored story results (storydiff.results) ---------------------------------------
    def mark_stale(self, stories: Iterable[int] = (), *, articles: Iterable[int] = ()) -> None:
        self._many("INSERT INTO story_results (story, stale) VALUES (?, 1) "
                   "ON CONFLICT (story) DO UPDATE SET stale = 1", [(s,) for s in stories])
        self._many("INSERT INTO story_results (story, stale) SELECT story, 1 FROM articles "
                   "WHERE key = ? AND story IS NOT NULL ON CONFLICT (story) DO UPDATE SET stale = 1",
                   [(k,) for k in articles])

    def save_result(self, story: int, key: str, *, comparison: str | None, brief: str | None,
                    series: str | None, error: str | None, conflicts: int, findings: int) -> None:
        self._run("INSERT INTO story_results VALUES (?,?,0,?,?,?,?,?,?,?) ON CONFLICT (story) DO UPDATE SET "
                  "key = EXCLUDED.key, stale = 0, comparison = EXCLUDED.comparison, brief = EXCLUDED.brief, "
                  "series = EXCLUDED.series, error = EXCLUDED.error, conflicts = EXCLUDED.conflicts, "
                  "findings = EXCLUDED.findings, computed_at = EXCLUDED.computed_at",
                  (story, key, comparison, brief, series, error, conflicts, findings,
                   datetime.now(UTC).isoformat(timespec="seconds")))

    def drop_results(self, stories: Iterable[int]) -> None:
        self._many("DELETE FROM story_results WHERE story = ?", [(s,) for s in stories])

    def find_stories(self, *, query: str | None = None, **filters: Any) -> tuple[list[dict], int]:
        """As SQLite's, with the words of ``query`` matched in the articles' titles and texts
        (case-insensitive, every word in one article) instead of an FTS5 index."""
        if not query or not query.replace('"', " ").split():
            return super().find_stories(query=None, **filters)
        words = query.replace('"', " ").split()
        found = {row[0] for row in self._run(
            "SELECT DISTINCT story FROM articles WHERE story IS NOT NULL AND "
            + " AND ".join("(title ILIKE ? OR text ILIKE ?)" for _ in words),
            [p for w in words for p in (f"%{w}%", f"%{w}%")])}
        page, _total = super().find_stories(query=None, **{**filters, "limit": 2 ** 31, "offset": 0})
        matching = [row for row in page if row["story"] in found]
        offset, limit = filters.get("offset", 0), filters.get("limit", 50)
        return matching[offset:offset + limit], len(matching)

    def integrity_check(self) -> str:
        """PostgreSQL checks its own pages; what is checked here is storydiff's own invariant,
        that every wire copy and version names a stored article."""
        orphans = self._run("SELECT (SELECT COUNT(*) FROM wire_copies w LEFT JOIN articles a ON a.key = w.article "
                            "WHERE a.key IS NULL) + (SELECT COUNT(*) FROM versions v LEFT JOIN articles a "
                            "ON a.key = v.article WHERE a.key IS NULL)").fetchone()[0]
        return "ok" if orphans == 0 else f"{orphans} rows name no stored article"

    def close(self) -> None:
        self._db.close()


def _text(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


__all__ = ["PostgresStore", "MIGRATIONS", "SCHEMA_VERSION", "is_url", "database_url", "redact"]
