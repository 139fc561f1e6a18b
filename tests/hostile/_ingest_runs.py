"""Running the real ``storydiff ingest`` as separate processes, and reading back everything a
database holds about its articles and stories, for the concurrency and kill tests."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")
CLI = "from storydiff.cli import app; app()"

TOWNS = ["Tarnow", "Ribeira", "Kilcoole", "Mossvale", "Ostrava", "Pellworm", "Umeda", "Zandvoort"]
EVENTS = [
    ("flood", "river {town} burst its banks after {n} hours of rain, and {k} families left their homes"),
    ("strike", "{k} bus drivers in {town} stopped work for {n} hours over a pay offer the union rejected"),
    ("fire", "a warehouse fire in {town} burned for {n} hours before {k} firefighters put it out"),
    ("election", "voters in {town} chose a new mayor with {k} votes, a turnout of {n} percent"),
    ("transfer", "the {town} football club sold its captain for {k} thousand euros after {n} seasons"),
]


def record(number: int) -> dict:
    """One invented report: numbers of the same town and event read as one story."""
    town = TOWNS[number % len(TOWNS)]
    kind, sentence = EVENTS[(number // len(TOWNS)) % len(EVENTS)]
    n, k = 3 + number % 9, 40 + (number * 13) % 500
    lead = sentence.format(town=town, n=n, k=k)
    return {
        "id": f"r{number}",
        "title": f"{kind.title()} in {town}: report {number}",
        "text": (f"Officials said on Tuesday that {lead}. Reporter {number} spoke to residents who "
                 f"described the {kind} as the worst they could remember. A spokesperson for {town} "
                 f"council promised a review of what happened within {n + 2} weeks."),
        "url": f"https://news.example.org/{kind}/{number}",
        "published": f"2023-{1 + number % 12:02d}-{1 + number % 28:02d}",
        "outlet": ["North Gazette", "Harbour Times", "Valley Courier"][number % 3],
    }


def write_set(path: Path, numbers) -> Path:
    path.write_text("".join(json.dumps(record(n)) + "\n" for n in numbers), encoding="utf-8")
    return path


def start_ingest(db: Path, *paths: Path, batch_size: int = 25, env: dict | None = None,
                 stderr=subprocess.PIPE) -> subprocess.Popen:
    full_env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", ""), **(env or {})}
    return subprocess.Popen([sys.executable, "-c", CLI, "ingest", *map(str, paths), "--db", str(db),
                             "--batch-size", str(batch_size), "--quiet"],
                            env=full_env, stdout=subprocess.DEVNULL, stderr=stderr)


def dump(db: Path) -> dict:
    """Everything the store keeps about articles, stories, wire groups and the clusterer,
    less when it was written and who wrote it."""
    with sqlite3.connect(db) as conn:
        return {
            "articles": conn.execute("SELECT key, id, content_key, url, story, wire_group FROM articles "
                                     "ORDER BY key").fetchall(),
            "stories": conn.execute("SELECT id, title, size, first_day, last_day, sources, centroid "
                                    "FROM stories ORDER BY id").fetchall(),
            "wire_copies": conn.execute("SELECT * FROM wire_copies ORDER BY article").fetchall(),
            "term_df": conn.execute("SELECT term, df FROM term_df ORDER BY term").fetchall(),
            "n_docs": conn.execute("SELECT value FROM meta WHERE key = 'n_docs'").fetchall(),
        }


def consistent(db: Path) -> None:
    """The checks a mixed-up database fails: every article in a story and a wire group, and
    each story's recorded size and the clusterer's document count equal to what is stored."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE story IS NULL OR wire_group IS NULL"
                            ).fetchone()[0] == 0
        sizes = dict(conn.execute("SELECT id, size FROM stories"))
        counted = dict(conn.execute("SELECT story, COUNT(*) FROM articles GROUP BY story"))
        assert sizes == counted, "stories table and articles disagree"
        n_docs = conn.execute("SELECT value FROM meta WHERE key = 'n_docs'").fetchone()
        assert int(n_docs[0] if n_docs else 0) == conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
