"""The narrow interface every store implements (SQLite by default).

A store keeps articles (each once: identity by normalised content and by URL), which story
and which wire group each article belongs to, what a re-publisher added to or removed from
the original, and the clusterer's state so that a restarted ingest carries on where the
last one stopped. Writes happen inside ``transaction()``: everything in one batch is
stored, or nothing is.

One writer at a time: a process that adds articles holds ``writer(timeout)`` from loading
the clusterer state to saving it, so two ingests into one database run one after the other
(in the order they obtained the lock) instead of clustering against each other's stale state.
Readers never take it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, runtime_checkable

from ..model import Article, WireCopy


@dataclass(frozen=True)
class Added:
    """The outcome of offering one article to the store."""

    key: int  # the store's key of the stored article (the existing one for a duplicate)
    new: bool
    duplicate_of: str | None = None  # the id of the stored article it duplicates
    reason: str | None = None  # "same content" or "same URL"


@dataclass(frozen=True)
class StorySummary:
    """One line of ``storydiff stories``."""

    id: int
    title: str | None
    size: int
    sources: int  # independent sources: wire groups, each counted once
    first: date | None
    last: date | None
    # The opening words of the story's first article, for stories whose articles have no
    # headline (wire feeds, some data sets): a list of blank titles tells a reader nothing.
    lead: str | None = None

    def as_record(self) -> dict:
        """The JSON form ``storydiff stories --json`` and the web API give."""
        return {"story": self.id, "size": self.size, "sources": self.sources,
                "first": self.first and self.first.isoformat(), "last": self.last and self.last.isoformat(),
                "title": self.title, "lead": self.lead}


# A stored wire copy: ``article`` republishes ``original`` (store keys); one type with wire's.
WireRecord = WireCopy[int]


@dataclass
class GroupRecord:
    """A stored group of the clusterer: an event (table ``stories``) or a storyline, as the
    store keeps it. The feeder turns it into the clusterer's own state (``cluster.StoryState``);
    the store knows only these fields."""

    id: int
    title: str | None
    size: int
    first_day: int | None
    last_day: int | None
    centroid: dict[str, float]


class Group(Protocol):
    """What the store saves of a clusterer's group: ``GroupRecord``'s fields, on any object
    (the clusterer's ``StoryState``), so the store needs no stage to save one."""

    id: int
    title: str | None
    size: int
    first_day: int | None
    last_day: int | None
    centroid: dict[str, float]


class Merge(Protocol):
    """A merge of two events or storylines (``storylines.Change``): ``gone`` went ``into``."""

    level: str
    kind: str
    gone: int
    into: int


@dataclass(frozen=True)
class WriterLease:
    """A held writer lock: who holds it, since when, and its place in the order of writers."""

    database: str
    pid: int
    number: int  # 1 for the first writer this database ever had, 2 for the next, ...
    taken_at: datetime  # UTC
    waited: float  # seconds spent waiting for the previous writer to finish

    def describe(self) -> str:
        """The log line: which process got the lock when."""
        return (f"writer lock on {self.database}: writer {self.number}, process {self.pid}, "
                f"taken at {self.taken_at.isoformat(timespec='microseconds')} after waiting {self.waited:.2f} s")


@runtime_checkable
class Store(Protocol):
    """Storage for articles, stories and wire groups."""

    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside are committed together or not at all."""

    def writer(self, timeout: float, *, waiting: Callable[[str], None] | None = None
               ) -> AbstractContextManager[WriterLease]:
        """Hold the database's one writer lock while inside (SQLite: a lock file beside the
        database; PostgreSQL: an advisory lock). Waits at most ``timeout`` seconds for another
        writer, then raises ``WriterBusy`` naming the database and the holder; ``waiting`` is
        told once, with who holds it, when the lock is not free at first. A killed holder's
        lock is released by the operating system (or the server), never left stale."""

    def add_article(self, article: Article, *, signature: bytes | None = None) -> Added:
        """Store an article unless the same content or URL is already stored."""

    def get_article(self, ref: str | int) -> Article:
        """One article by its id (str) or store key (int); ``KeyError`` if absent."""

    def get_articles(self, keys: Sequence[int]) -> dict[int, Article]:
        """Articles by store key (missing keys are left out)."""

    def key_of(self, article_id: str) -> int:
        """The store key of the article with this id; ``KeyError`` if absent."""

    def count_articles(self) -> int: ...

    def assign_story(self, keys: Sequence[int], story: int) -> None: ...

    def merge_stories(self, gone: int, into: int) -> None:
        """Move every article of story ``gone`` to story ``into``."""

    def assign_wire_group(self, key: int, group: int) -> None: ...

    def wire_group_members(self, group: int) -> list[int]: ...

    def wire_group_of(self, keys: Sequence[int]) -> dict[int, int]: ...

    def story_of(self, key: int) -> int | None:
        """The story of the article ``key`` (None when it is unknown or not yet assigned)."""

    def replace_wire_copies(self, group: int, copies: Iterable[WireRecord]) -> None:
        """Record what each copy in ``group`` added to and removed from the original."""

    def wire_copies(self, story: int) -> list[WireRecord]: ...

    def signatures(self, limit: int | None = None) -> Iterator[tuple[int, bytes]]:
        """(key, MinHash signature) of the stored articles (the ``limit`` most recent), oldest
        first, to rebuild the LSH index. A signature is plain bytes (``signatures.pack``: hash
        values as little-endian uint32); the store never interprets it."""

    def save_signatures(self, signatures: Iterable[tuple[int, bytes]]) -> None:
        """Replace the stored signatures of these article keys (recomputed ones)."""

    def save_cluster_state(self, df: dict[str, int], n_docs: int, stories: Iterable[Group],
                           removed: Iterable[int]) -> None:
        """Persist changed document frequencies and story centroids."""

    def save_storyline_state(self, storylines: Iterable[Group], removed: Iterable[int],
                             of_event: dict[int, int], removed_events: Iterable[int]) -> None:
        """Persist changed storylines and each changed event's storyline."""

    def record_merges(self, changes: Iterable[Merge]) -> None:
        """Keep merges so a link to a merged event or storyline redirects."""

    def load_cluster_state(self) -> tuple[dict[str, int], int, list[GroupRecord]]:
        """Document frequencies, the number of documents, and the stored events."""

    def load_storyline_state(self) -> tuple[list[GroupRecord], dict[int, int]]:
        """The stored storylines, and each event's storyline."""

    def load_meta(self, name: str) -> str | None:
        """A named value a stage keeps between runs (``feed``: the clusterer's ``refreshed_at``)."""

    def save_meta(self, name: str, value: str) -> None:
        """Keep a named value (inside the caller's transaction)."""

    def list_stories(self, *, limit: int | None = None, min_size: int = 1) -> list[StorySummary]: ...

    def story_articles(self, story: int) -> list[Article]: ...

    def revise(self, key: int, article: Article, *, signature: bytes | None = None) -> int | None:
        """Store a changed text of a stored article as its next version (None if unchanged)."""

    def versions(self, key: int) -> list[tuple[int, str, Article]]:
        """(number, stored at, article) of each version of a stored article, oldest first."""

    def close(self) -> None: ...


__all__ = ["Store", "Added", "Group", "GroupRecord", "Merge", "StorySummary", "WireRecord", "WriterLease"]
