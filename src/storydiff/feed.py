"""Feed: put a stream of articles into a store in crash-safe batches, assigning each new
article to a story and a wire group as it arrives.

The feeder sits above the store: it runs the stages (clustering, storylines, wire copies)
and hands the store plain records (articles, story numbers, wire copies, the clusterer's
state, MinHash signatures as integers), so the store itself depends on no stage."""

from __future__ import annotations

import logging
import os
import signal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from . import signatures
from .cluster import StoryClusterer, StoryClusterSettings, StoryState, _final, article_features
from .errors import InputProblem, StoreError
from .ingest import from_record
from .loose_dates import loose_date
from .model import Article, InputError
from .settings import Settings
from .store.base import GroupRecord, Store, WireRecord
from .storylines import StorylineClusterer, StorylineSettings
from .wire import WireDetector, WireSettings, describe_group

logger = logging.getLogger(__name__)
# the clusterer's n_docs at its last refresh of the window, kept in the store's meta values
REFRESHED_AT = "cluster_refreshed_at"

# What one odd record can raise in the stages (dates, features, shingles, wire diffs) without
# anything else being wrong: the record is reported and the batch goes on. A StoreError, an
# OSError or a MemoryError is not about the record, and stops the batch (it is rolled back).
RECORD_ERRORS = (InputProblem, ValueError, TypeError, LookupError, ArithmeticError, AttributeError,
                 RecursionError)


def read_story_record(record: Any, source: str, fallback_id: str) -> Article:
    """One record of the ``stories/`` format; a non-ISO ``published`` (a scraped date line)
    is read loosely instead of refusing the record, and dropped when it cannot be read.
    A record with a title but no text (61 ECB+ documents) is read with its title as text:
    a headline is enough to place an article in a story."""
    if isinstance(record, dict) and not str(record.get("text") or "").strip():
        title = record.get("title")
        if isinstance(title, str) and title.strip():
            record = {**record, "text": title}
    try:
        article = from_record(record, source, fallback_id)
    except InputProblem as exc:
        if not isinstance(record, dict) or "published date" not in exc.problem:
            raise
        article = from_record({**record, "published": None}, source, fallback_id)
    if article.published is None and isinstance(record, dict) and record.get("published"):
        # dateparser (used by from_record) misses shapes such as "Posted : May 3rd, 2013"
        article.published = loose_date(str(record["published"]))
    return article


@dataclass
class FeedReport:
    """What one ``feed`` call did."""

    stored: int = 0
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (article id, why)
    errors: list[InputError] = field(default_factory=list)
    stories: set[int] = field(default_factory=set)
    revised: list[tuple[str, int]] = field(default_factory=list)  # (article id, new version number)


def stage_settings(settings: Settings) -> tuple[StoryClusterSettings, WireSettings]:
    """The clusterer's and the wire detector's settings: ``settings.cluster`` and ``.wire``,
    typed and checked when the settings were loaded (``settings.py``)."""
    return settings.cluster.build(), settings.wire.build()


def storyline_settings(settings: Settings) -> StorylineSettings:
    """``StorylineSettings`` of the ``storylines`` table (typed in ``settings.py``)."""
    return settings.storylines.build()


class Feeder:
    """Adds articles to a store, each joining a story and a wire group as it arrives.

    The clusterer's state and the LSH index are rebuilt from the store when the feeder is
    made, so a second run (or a run after a crash) carries on from the last committed batch.
    Each batch is one transaction: articles, their story and wire group, and the clusterer
    state changed by them are committed together, so a killed process loses at most the
    uncommitted batch, which the next run stores again (already-stored articles are skipped
    by content and URL identity).

    The clusterer state is read once, here, and written with every batch: whoever feeds a
    store must hold ``store.writer()`` for the feeder's whole life (``storydiff ingest``
    does), or two feeders would each overwrite the other's stories.
    """

    def __init__(self, store: Store, cluster_settings: StoryClusterSettings | None = None,
                 wire_settings: WireSettings | None = None, storyline_settings: StorylineSettings | None = None):
        self.store = store
        self.clusterer = StoryClusterer(cluster_settings)
        df, n_docs, stories = store.load_cluster_state()
        self.clusterer.load(df, n_docs, [_state(record) for record in stories])
        # a store from before ``settle`` holds no mark: taken as settled, so an ingest of
        # nothing new changes nothing there either
        self.clusterer.refreshed_at = int(store.load_meta(REFRESHED_AT) or n_docs)
        self._load_recent()
        # the second level: each new event joins a storyline or starts one (storylines.py)
        self.storylines = StorylineClusterer(self.clusterer, storyline_settings)
        self.storylines.keep_vectors_in(store)  # features "embeddings": one vector per article, stored
        lines, of_event = store.load_storyline_state()
        self.storylines.load([_state(record) for record in lines], of_event)
        self.wire = WireDetector(wire_settings)
        self._index_stored()
        # Fault injection for the crash-safety test (tests/hostile/test_kill_points.py):
        # STORYDIFF_FAULT_KILL_AT=N makes the process SIGKILL itself at its N-th write point
        # (after an article, after the batch's clusterer state, after the batch's commit), so
        # a kill lands at a chosen, reproducible place instead of wherever a timer falls.
        self._kill_at = int(os.environ.get("STORYDIFF_FAULT_KILL_AT") or 0)
        self._points = 0
        self._revised: list[int] = []  # keys of articles revised in the current batch

    def _load_recent(self) -> None:
        # the stream's window of recent articles (cluster_refine.refresh), rebuilt from the
        # last stored ones so that a restarted ingest re-clusters what one never stopped would
        settings = self.clusterer.settings
        if not (settings.refresh_every and settings.refresh_window):
            return
        keys = [key for key, _ in self.store.signatures(limit=settings.refresh_window)]
        articles = self.store.get_articles(keys)
        # story_of is None only for an article stored but never clustered; passed on as before
        self.clusterer.load_recent((key, article_features(articles[key], settings), self.store.story_of(key))  # type: ignore[misc]
                                   for key in keys if key in articles)

    def _index_stored(self) -> None:
        """Rebuild the LSH index from the stored signatures (the ``window`` most recent),
        recomputing from its text each one that is not stored as plain values (cleared by
        migration 7, or of another ``num_perm``), and storing it for the next run."""
        settings = self.wire.settings
        stored = list(self.store.signatures(limit=settings.window))
        rebuilt = signatures.rebuild([blob for _, blob in stored], settings.num_perm, settings.seed)
        missing = [key for (key, _), minhash in zip(stored, rebuilt, strict=False) if minhash is None]
        recomputed = self._recompute(missing) if missing else {}
        for (key, _), minhash in zip(stored, rebuilt, strict=False):
            minhash = minhash if minhash is not None else recomputed.get(key)
            if minhash is not None:
                self.wire.index(key, minhash)

    def _recompute(self, keys: list[int]) -> dict[int, object]:
        logger.info("recomputing %d MinHash signatures from the stored texts", len(keys))
        found: dict[int, object] = {}
        for start in range(0, len(keys), 500):
            for key, article in self.store.get_articles(keys[start:start + 500]).items():
                found[key] = self.wire.signature(article)
        try:
            with self.store.transaction():
                self.store.save_signatures([(key, signatures.pack(m)) for key, m in found.items()])
        except StoreError as exc:  # the next run recomputes them again: slower, not wrong
            logger.warning("recomputed signatures not stored: %s", exc)
        return found

    def _write_point(self) -> None:
        self._points += 1
        if self._points == self._kill_at:
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

    def _fetch(self, keys: Sequence[int]) -> dict[int, tuple[Article, int | None]]:
        articles = self.store.get_articles(keys)
        groups = self.store.wire_group_of(list(articles))
        return {key: (article, groups.get(key)) for key, article in articles.items()}

    def _add_one(self, article: Article, report: FeedReport) -> None:
        minhash = self.wire.signature(article)
        signature = signatures.pack(minhash)
        added = self.store.add_article(article, signature=signature)
        if not added.new and added.reason == "same URL":
            # a known page whose text changed: a new version, the old one kept (store.revise)
            version = self.store.revise(added.key, article, signature=signature)
            if version is not None:
                self._revised.append(added.key)
                report.revised.append((added.duplicate_of or article.id, version))
                return
        if not added.new:
            report.duplicates.append((article.id, f"{added.reason} as {added.duplicate_of}: not stored again"))
            return
        features = article_features(article, self.clusterer.settings)
        story = self.clusterer.add(article, features, key=added.key)
        self.storylines.add(article, story, features)
        self.store.assign_story([added.key], story)
        found = self.wire.match(article, minhash, self._fetch)
        group = added.key
        if found is not None:
            group = self.store.wire_group_of([found[0]]).get(found[0], found[0])
        self.store.assign_wire_group(added.key, group)
        if found is not None:
            members = self.store.get_articles(self.store.wire_group_members(group))
            original, copies = describe_group(sorted(members.items()))
            self.store.replace_wire_copies(group, [
                WireRecord(key, original, copy.similarity, copy.added, copy.removed, copy.title_changed)
                for key, copy in copies])
        self.wire.index(added.key, minhash)
        report.stored += 1
        report.stories.add(story)

    def _save_state(self, report: FeedReport) -> None:
        clusterer = self.clusterer
        for gone, into in clusterer.merges:
            self.store.merge_stories(gone, into)
            report.stories.discard(gone)
            report.stories.add(into)
        # articles the stream's refresh moved: after the merges, to where their story ended
        for key, (before, after) in clusterer.moves.items():
            after = _final([after], clusterer.merges)[0]
            self.store.assign_story([cast(int, key)], after)  # the clusterer holds the store's keys
            report.stories.update(s for s in (before, after) if s in clusterer.stories)
        live = [clusterer.stories[s] for s in clusterer.dirty_stories if s in clusterer.stories]
        removed = [s for s in clusterer.dirty_stories if s not in clusterer.stories]
        self.store.save_cluster_state({t: clusterer.df[t] for t in clusterer.dirty_terms},
                                      clusterer.n_docs, live, removed)
        self.store.save_meta(REFRESHED_AT, str(clusterer.refreshed_at))
        self._save_storylines()

    def _save_storylines(self) -> None:
        lines = self.storylines
        lines.sync()
        self.store.record_merges(lines.changes)
        dirty = lines.lines.dirty_stories
        self.store.save_storyline_state(
            [lines.lines.stories[s] for s in dirty if s in lines.lines.stories],
            [s for s in dirty if s not in lines.lines.stories],
            {e: lines.of_event[e] for e in lines.dirty_events if e in lines.of_event},
            [e for e in lines.dirty_events if e not in lines.of_event])

    def feed(self, articles: Iterable[Article], *, batch_size: int = 200,
             progress: Callable[[int], None] | None = None,
             on_batch: Callable[[list[Article]], None] | None = None) -> FeedReport:
        """Store ``articles`` (cleaned) in transactions of ``batch_size``. ``on_batch(batch)``
        writes what belongs with the batch inside its transaction (``storydiff.live`` saves each
        page's HTTP validators with its article); with no articles it runs once, alone."""
        report = FeedReport()
        batch: list[Article] = []
        batches = 0
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                self._feed_batch(batch, report, progress, on_batch)
                batch, batches = [], batches + 1
        if batch or (on_batch is not None and not batches):
            self._feed_batch(batch, report, progress, on_batch)
        return report

    def settle(self) -> FeedReport:
        """The end of an ingest (``storydiff ingest`` after its last file, ``live`` after each
        round): the window of recent articles is refreshed if articles arrived since its last
        refresh (``StoryClusterer.settle``), in a transaction of its own that stores the moves,
        the clusterer's state and the mark saying it was done. Killed before the commit, the
        next run does it; after, the next run has nothing to settle."""
        report = FeedReport()
        with self.store.transaction():
            if not self.clusterer.settle():
                return report
            self._save_state(report)
            if hasattr(self.store, "mark_stale"):
                self.store.mark_stale(report.stories)
            self._write_point()
        self._write_point()
        self.clusterer.mark_clean()
        self.storylines.mark_clean()
        return report

    def _feed_batch(self, batch: list[Article], report: FeedReport,
                    progress: Callable[[int], None] | None,
                    on_batch: Callable[[list[Article]], None] | None = None) -> None:
        with self.store.transaction():
            if on_batch is not None:
                on_batch(batch)
            for article in batch:
                try:
                    with self.store.transaction():
                        self._add_one(article, report)
                except StoreError:
                    raise
                except RECORD_ERRORS as exc:  # one bad record must not cost the batch
                    logger.warning("%s not stored: %s: %s", article.source or article.id, type(exc).__name__, exc,
                                   exc_info=logger.isEnabledFor(logging.DEBUG))
                    report.errors.append(InputError(article.source or article.id,
                                                    f"not stored: {type(exc).__name__}: {exc}"))
                if progress:
                    progress(1)
                self._write_point()
            self._save_state(report)
            # the stored results of the stories this batch changed are out of date (results.py)
            if hasattr(self.store, "mark_stale"):
                self.store.mark_stale(report.stories, articles=self._revised)
            self._write_point()
        self._write_point()
        self._revised = []
        self.clusterer.mark_clean()
        self.storylines.mark_clean()


def _state(record: GroupRecord) -> StoryState:
    """The clusterer's state of a group from the plain record the store keeps."""
    return StoryState(id=record.id, centroid=record.centroid, size=record.size, first_day=record.first_day,
                      last_day=record.last_day, title=record.title)
