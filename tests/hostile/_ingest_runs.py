"""Running the real ``storydiff ingest`` as separate processes, and reading back everything a
database holds about its articles and stories, for the concurrency and kill tests."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")
CLI = "from storydiff.cli import app; app()"

TOWNS = ["Tarnow", "Ribeira", "Kilcoole", "Mossvale", "Ostrava", "Pellworm", "Umeda", "Zandvoort"]
EVENTS = [
    ("flood", "The river at {town} burst its banks after {n} hours of rain; {k} families left "
              "their homes and sandbags ran out by nightfall."),
    ("strike", "{k} bus drivers in {town} walked out for {n} hours over a pay offer their union "
               "rejected, leaving commuters stranded at depots."),
    ("fire", "A warehouse blaze in {town} burned for {n} hours before {k} firefighters brought "
             "the flames under control; smoke closed the motorway."),
    ("election", "Voters in {town} elected a new mayor with {k} ballots, a turnout of {n} in ten, "
                 "after a campaign fought over housing and parking."),
    ("transfer", "{town} Rovers sold their captain for {k} thousand euros after {n} seasons, "
                 "and supporters protested outside the stadium."),
]
STORIES = len(TOWNS) * len(EVENTS)


def record(number: int) -> dict:
    """One invented report; numbers equal modulo ``STORIES`` report the same event (one town,
    one kind of event, days apart), other numbers other events, months apart."""
    story = number % STORIES
    town = TOWNS[story % len(TOWNS)]
    kind, sentence = EVENTS[story // len(TOWNS)]
    n, k = 3 + number % 9, 40 + (number * 13) % 500
    # every event more than the clusterer's 60-day gap from every other
    day = date(2016, 1, 4) + timedelta(days=story * 61 + (number // STORIES) % 3)
    return {
        "id": f"r{number}",
        "title": f"{kind.title()} in {town}: report {number}",
        "text": f"{sentence.format(town=town, n=n, k=k)} Correspondent {number} filed this from {town}.",
        "url": f"https://news.example.org/{kind}/{number}",
        "published": day.isoformat(),
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
            # a centroid as a mapping: the order its terms are written in carries no meaning
            "stories": [(*row[:-1], json.loads(row[-1])) for row in conn.execute(
                "SELECT id, title, size, first_day, last_day, sources, centroid FROM stories ORDER BY id")],
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
