"""The SQLite store's schema: its migrations, numbered, each applied once in one transaction.

``SQLiteStore`` brings an older file up to ``SCHEMA_VERSION`` when it opens it, and refuses a
file from a newer storydiff. The PostgreSQL store has the same migrations in its own types
under the same numbers (``postgres_schema``). See docs/store.md.
"""

from __future__ import annotations

# (version, what it does, SQL). Append only: a released migration is never edited.
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "articles, stories, wire copies, clusterer state", """
        CREATE TABLE articles (
            key INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            content_key TEXT NOT NULL UNIQUE,
            url_key TEXT UNIQUE,
            title TEXT,
            text TEXT NOT NULL,
            original TEXT NOT NULL,
            source TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            published TEXT,
            published_inferred INTEGER NOT NULL DEFAULT 0,
            published_evidence TEXT,
            agency TEXT,
            dateline TEXT,
            removed TEXT NOT NULL DEFAULT '[]',
            story INTEGER,
            wire_group INTEGER,
            signature BLOB,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_story ON articles(story);
        CREATE INDEX articles_wire_group ON articles(wire_group);
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            title TEXT,
            size INTEGER NOT NULL,
            first_day INTEGER,
            last_day INTEGER,
            centroid TEXT NOT NULL
        );
        CREATE TABLE wire_copies (
            article INTEGER PRIMARY KEY REFERENCES articles(key),
            wire_group INTEGER NOT NULL,
            original INTEGER NOT NULL REFERENCES articles(key),
            similarity REAL NOT NULL,
            added TEXT NOT NULL,
            removed TEXT NOT NULL,
            title_changed INTEGER NOT NULL
        );
        CREATE INDEX wire_copies_group ON wire_copies(wire_group);
        CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """),
    (2, "cache each story's count of independent sources", """
        ALTER TABLE stories ADD COLUMN sources INTEGER;
    """),
    (3, "article versions, HTTP validators per URL, modified time and paywall flag (storydiff.live)", """
        ALTER TABLE articles ADD COLUMN modified TEXT;
        ALTER TABLE articles ADD COLUMN partial TEXT;
        CREATE TABLE versions (
            article INTEGER NOT NULL REFERENCES articles(key),
            number INTEGER NOT NULL,
            title TEXT,
            text TEXT NOT NULL,
            original TEXT NOT NULL,
            removed TEXT NOT NULL DEFAULT '[]',
            published TEXT,
            modified TEXT,
            content_key TEXT NOT NULL,
            stored_at TEXT NOT NULL,
            PRIMARY KEY (article, number)
        );
        CREATE TABLE http_cache (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            checked_at TEXT NOT NULL,
            body BLOB
        );
    """),
    (4, "storylines: events grouped over time, each event's storyline, merges at either level", """
        CREATE TABLE storylines (
            id INTEGER PRIMARY KEY,
            title TEXT,
            size INTEGER NOT NULL,
            first_day INTEGER,
            last_day INTEGER,
            centroid TEXT NOT NULL
        );
        CREATE TABLE event_storylines (story INTEGER PRIMARY KEY, storyline INTEGER NOT NULL);
        CREATE INDEX event_storylines_line ON event_storylines(storyline);
        CREATE TABLE merges (
            level TEXT NOT NULL,
            kind TEXT NOT NULL,
            gone INTEGER NOT NULL,
            into_id INTEGER NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX merges_gone ON merges(level, gone);
        -- a store made before storylines: each event its own storyline, so every event has one
        INSERT INTO storylines SELECT id, title, size, first_day, last_day, centroid FROM stories;
        INSERT INTO event_storylines SELECT id, id FROM stories;
    """),
    (5, "stored story results (storydiff.results) and full-text search over articles (the web app)", """
        CREATE TABLE story_results (
            story INTEGER PRIMARY KEY,
            key TEXT,
            stale INTEGER NOT NULL DEFAULT 1,
            comparison TEXT,
            brief TEXT,
            series TEXT,
            error TEXT,
            conflicts INTEGER NOT NULL DEFAULT 0,
            findings INTEGER NOT NULL DEFAULT 0,
            computed_at TEXT
        );
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE INDEX stories_list ON stories(last_day, size, first_day, title);
        CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, outlet, content='articles', content_rowid='key');
        INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');
        CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, text, outlet) VALUES (new.key, new.title, new.text, new.outlet);
        END;
        CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet)
            VALUES ('delete', old.key, old.title, old.text, old.outlet);
        END;
        CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, outlet ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet)
            VALUES ('delete', old.key, old.title, old.text, old.outlet);
            INSERT INTO articles_fts(rowid, title, text, outlet) VALUES (new.key, new.title, new.text, new.outlet);
        END;
    """),
    (6, "stored annotation (issue 22): spaCy parses, and what the extractors found as JSON; a pickled "
        "annotations table made on first use by an older storydiff is dropped unread (it is a cache)", """
        CREATE TABLE IF NOT EXISTS parses (
            parse_key TEXT PRIMARY KEY,
            model TEXT NOT NULL,
            model_version TEXT NOT NULL,
            docs BLOB NOT NULL,
            stored_at TEXT NOT NULL
        );
        DROP TABLE IF EXISTS annotations;
        CREATE TABLE annotations (
            parse_key TEXT NOT NULL,
            context TEXT NOT NULL,
            found TEXT NOT NULL,
            PRIMARY KEY (parse_key, context)
        );
    """),
    (7, "MinHash signatures as plain integers: pickled ones are cleared unread, and the next ingest "
        "recomputes them from the article texts", """
        UPDATE articles SET signature = X'' WHERE signature IS NOT NULL;
    """),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]
