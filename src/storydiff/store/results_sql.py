"""The stored story results (``storydiff.results``) and the story search of the web app, in
SQL both store engines read (the PostgreSQL store overrides its upserts and the full-text
search, which is SQLite's FTS5 here).

A mixin of ``SQLiteStore``: it runs its queries through the store's ``_run`` and ``_db``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any


class StoredResults:
    """Results of ``compare`` and ``brief`` per story, kept until the story changes."""

    if TYPE_CHECKING:  # provided by the store this is mixed into
        _db: Any

        def _run(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any: ...

        def _lead_of(self, story: int) -> str | None: ...

    def mark_stale(self, stories: Iterable[int] = (), *, articles: Iterable[int] = ()) -> None:
        """Mark the stored results of these stories (and of the stories of these article keys)
        out of date, so that ``storydiff refresh`` recomputes them."""
        self._db.executemany("INSERT INTO story_results (story, stale) VALUES (?, 1) "
                             "ON CONFLICT(story) DO UPDATE SET stale = 1", [(s,) for s in stories])
        self._db.executemany("INSERT INTO story_results (story, stale) SELECT story, 1 FROM articles "
                             "WHERE key = ? AND story IS NOT NULL ON CONFLICT(story) DO UPDATE SET stale = 1",
                             [(k,) for k in articles])

    def story_keys(self) -> dict[int, list[str]]:
        """Each story's articles' content keys, sorted: what a stored result is keyed by."""
        found: dict[int, list[str]] = {}
        for story, key in self._run("SELECT story, content_key FROM articles WHERE story IS NOT NULL "
                                    "ORDER BY story, content_key"):
            found.setdefault(story, []).append(key)
        return found

    def content_keys(self, story: int) -> list[str]:
        return [row[0] for row in self._run("SELECT content_key FROM articles WHERE story = ? "
                                            "ORDER BY content_key", (story,))]

    def save_result(self, story: int, key: str, *, comparison: str | None, brief: str | None,
                    series: str | None, error: str | None, conflicts: int, findings: int) -> None:
        self._run("INSERT OR REPLACE INTO story_results VALUES (?,?,0,?,?,?,?,?,?,?)",
                  (story, key, comparison, brief, series, error, conflicts, findings,
                   datetime.now(UTC).isoformat(timespec="seconds")))

    def stored_result(self, story: int) -> dict | None:
        row = self._run("SELECT story, key, stale, comparison, brief, series, error, conflicts, findings, "
                        "computed_at FROM story_results WHERE story = ?", (story,)).fetchone()
        names = ("story", "key", "stale", "comparison", "brief", "series", "error", "conflicts", "findings",
                 "computed_at")
        return dict(zip(names, row, strict=True)) if row else None

    def result_stamp(self, story: int) -> tuple | None:
        """(key, stale, computed_at) of a story's stored result: what identifies its pages."""
        return self._run("SELECT key, stale, computed_at FROM story_results WHERE story = ?", (story,)).fetchone()

    def result_states(self) -> dict[int, tuple[str | None, bool]]:
        """(key, stale) of every stored result, by story."""
        return {story: (key, bool(stale)) for story, key, stale in
                self._run("SELECT story, key, stale FROM story_results")}

    def drop_results(self, stories: Iterable[int]) -> None:
        self._db.executemany("DELETE FROM story_results WHERE story = ?", [(s,) for s in stories])

    def find_stories(self, *, query: str | None = None, outlet: str | None = None, since: date | None = None,
                     until: date | None = None, conflicts: bool = False, min_size: int = 1,
                     sort: str = "recent", limit: int = 50, offset: int = 0) -> tuple[list[dict], int]:
        """One page of stories matching the filters, and how many match: ``query`` is full-text
        (FTS5, every word must occur in one article), ``sort`` "recent" or "disputed".

        Over the clusterer's ``stories`` rows (size, days, title kept per story), not a GROUP BY
        of ``articles``: over 10,000 articles the grouped query took 1.0-1.2 s a page, this one
        a few milliseconds (benchmarks/web_load.py)."""
        # SQLite integers are signed 64-bit: a page beyond that is past every story (found by
        # schemathesis: ``/?page=368934881474191034``), not an OverflowError
        limit, offset = min(limit, 2 ** 63 - 1), min(max(offset, 0), 2 ** 63 - 1)
        where: list[str] = ["s.size >= ?"]
        params: list[object] = [max(min(min_size, 2 ** 63 - 1), -(2 ** 63))]
        if query:
            words = [w for w in query.replace('"', " ").split() if w]
            if words:
                where.append("s.id IN (SELECT story FROM articles WHERE key IN "
                             "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?))")
                params.append(" ".join(f'"{w}"' for w in words))
        if outlet:
            where.append("s.id IN (SELECT story FROM articles WHERE outlet = ?)")
            params.append(outlet)
        if since:
            where.append("s.last_day >= ?")
            params.append(since.toordinal())
        if until:
            where.append("s.first_day <= ?")
            params.append(until.toordinal())
        if conflicts:
            where.append("r.conflicts > 0")
        order = ("COALESCE(r.conflicts, 0) DESC, s.size DESC, s.id" if sort == "disputed"
                 else "s.last_day DESC, s.id DESC")  # NULL days sort last
        base = f"FROM stories s LEFT JOIN story_results r ON r.story = s.id WHERE {' AND '.join(where)}"
        # A search counts its matches with the page (a window): one full-text match a page, not
        # two; a plain list counts apart, as the window would make it scan past the page.
        window = "COUNT(*) OVER ()" if query else "NULL"
        rows = self._run(f"SELECT s.id, s.size, s.first_day, s.last_day, s.title, r.conflicts, r.findings, r.stale, "
                         f"r.key IS NOT NULL, {window} {base} ORDER BY {order} LIMIT ? OFFSET ?",
                         [*params, limit, offset]).fetchall()
        total = (rows[0][-1] if rows and query else self._run(f"SELECT COUNT(*) {base}", params).fetchone()[0])
        found = []
        for story, size, first, last, title, conflict_count, findings, stale, compared, _ in rows:
            sources = self._run("SELECT COUNT(DISTINCT COALESCE(wire_group, -key)) FROM articles WHERE story = ?",
                                (story,)).fetchone()[0]
            found.append({"story": story, "size": size, "sources": sources,
                          "first": date.fromordinal(first) if first else None,
                          "last": date.fromordinal(last) if last else None, "title": title,
                          "conflicts": conflict_count, "findings": findings, "stale": stale, "compared": compared,
                          "lead": None if title else self._lead_of(story)})
        return found, total

    def outlets(self) -> list[str]:
        return [row[0] for row in self._run("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL "
                                            "ORDER BY outlet")]


__all__ = ["StoredResults"]
