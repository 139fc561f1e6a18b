"""Storylines over sentence vectors (``StorylineSettings.features = "embeddings"``).

Each storyline keeps the sum of its articles' unit vectors (``embeddings.py``), so the mean
cosine between the articles of two groups, average link, is one dot product divided by their
sizes: the stream (``DenseLines``, driven by ``storylines.StorylineClusterer``) and the batch
(``dense_batch``) compare on the same exact quantity. Measured in
``benchmarks/results/storylines.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .cluster import StoryClusterer, StoryState, _day, _final
from .model import Article

if TYPE_CHECKING:
    from .storylines import StorylineSettings


class DenseLines:
    """Storylines over sentence vectors (``features = "embeddings"``): each storyline keeps the
    sum of its articles' unit vectors, so the mean cosine between an article (or a group) and
    a storyline's articles, average link, is one dot product divided by the sizes. The
    storylines themselves are ``lines``' ``StoryState``s (ids, sizes, spans, merges, what a
    store saves); their centroid holds the sum as {"0": x0, "1": x1, ...}."""

    def __init__(self, lines: StoryClusterer, settings: StorylineSettings):
        self.lines, self.settings = lines, settings
        self._row: dict[int, int] = {}
        self._sums = np.zeros((64, 0))  # one row per storyline, as wide as the first vector
        self._sizes = np.zeros(64)
        self._first = np.full(64, np.nan)
        self._last = np.full(64, np.nan)

    def _slot(self, story: StoryState) -> int:
        row = self._row.get(story.id)
        if row is None:
            row = len(self._row)
            if row >= len(self._sizes):
                grow = len(self._sizes)
                self._sums = np.vstack([self._sums, np.zeros_like(self._sums)])
                self._sizes = np.concatenate([self._sizes, np.zeros(grow)])
                self._first = np.concatenate([self._first, np.full(grow, np.nan)])
                self._last = np.concatenate([self._last, np.full(grow, np.nan)])
            self._row[story.id] = row
            # loaded from a store; a centroid of words (a store fed with features "terms") has
            # no vector sum, so that storyline is not matched by vectors
            if story.centroid and all(key.isdigit() for key in story.centroid):
                width = self._width(len(story.centroid))
                self._sums[row] = [story.centroid.get(str(i), 0.0) for i in range(width)]
            self._sizes[row] = story.size if self._sums.shape[1] and self._sums[row].any() else 0
            self._first[row] = np.nan if story.first_day is None else story.first_day
            self._last[row] = np.nan if story.last_day is None else story.last_day
        return row

    def _width(self, width: int) -> int:
        if self._sums.shape[1] == 0:
            self._sums = np.zeros((len(self._sizes), width))
        return self._sums.shape[1]

    def load(self) -> None:
        self._row.clear()
        self._sums = np.zeros((len(self._sizes), 0))
        self._sizes[:] = 0
        for story in self.lines.stories.values():
            self._slot(story)

    def absorb(self, keep: StoryState, gone: StoryState) -> None:
        """``gone``'s articles added to ``keep`` (the caller removes ``gone`` and records it)."""
        row = self._slot(gone)
        self.join(keep, self._sums[row].copy(), int(self._sizes[row]), gone.first_day, gone.last_day)
        self._sizes[row] = 0
        self.lines.dirty_stories.add(gone.id)

    def _time_factors(self, first: int | None, last: int | None) -> np.ndarray:
        """``StoryClusterer._time_factor`` for every row at once."""
        s = self.settings
        undated = np.isnan(self._first)
        if first is None or last is None:
            return np.where(undated, 1.0, s.undated_factor)
        with np.errstate(invalid="ignore"):
            gap = np.maximum(0.0, np.maximum(self._first - last, first - self._last))
            factor = np.where(gap <= s.same_event_days, 1.0, np.exp(-(gap - s.same_event_days) / s.gap_scale_days))
            factor = np.where(gap > s.max_gap_days, 0.0, factor)
        return np.where(undated, s.undated_factor, factor)

    def similarities(self, total: np.ndarray, size: int, first: int | None, last: int | None,
                     exclude: int | None = None) -> list[tuple[float, int]]:
        """(average link, storyline id) of a group of ``size`` articles whose vectors sum to
        ``total`` against every storyline, times the time factor, best first."""
        if not self._row or self._sums.shape[1] == 0:
            return []
        sims = self.scores(total, size, first, last)
        ids = list(self._row)
        order = np.argsort(-sims)
        return [(float(sims[i]), ids[i]) for i in order if self._sizes[i] > 0 and ids[i] != exclude]

    def scores(self, total: np.ndarray, size: int, first: int | None, last: int | None) -> np.ndarray:
        """``similarities`` as an array over the rows (a row of no articles scores -inf)."""
        rows = len(self._row)
        sums, sizes = self._sums[:rows], self._sizes[:rows]
        with np.errstate(invalid="ignore", divide="ignore"):
            sims = (sums @ total) / (sizes * size)
            if self.settings.dense_cohesion:
                sims /= np.sqrt(self.cohesion(np.einsum("ij,ij->i", sums, sums), sizes)
                                * self.cohesion(np.array([total @ total]), np.array([size])))
        sims = np.nan_to_num(sims) * self._time_factors(first, last)[:rows]
        sims[sizes == 0] = -np.inf
        return sims

    def cohesion(self, squared: np.ndarray, sizes: np.ndarray) -> np.ndarray:
        """The mean cosine between two articles of a group, from the squared length of the
        sum of its unit vectors (|sum|² = n + twice the sum over pairs); a single article's
        group takes ``dense_cohesion``, the typical value."""
        with np.errstate(invalid="ignore", divide="ignore"):
            pairs = (squared - sizes) / (sizes * (sizes - 1))
        return np.where(sizes > 1, np.clip(np.nan_to_num(pairs), 0.05, 1.0), self.settings.dense_cohesion)

    def join(self, story: StoryState, vector: np.ndarray, size: int = 1, day: int | None = None,
             last: int | None = None) -> None:
        row = self._slot(story)
        self._width(len(vector))
        self._sums[row] += vector
        self._sizes[row] += size
        story.size += size
        for d in (day, last):
            if d is not None:
                story.first_day = d if story.first_day is None else min(story.first_day, d)
                story.last_day = d if story.last_day is None else max(story.last_day, d)
        self._first[row] = np.nan if story.first_day is None else story.first_day
        self._last[row] = np.nan if story.last_day is None else story.last_day
        story.centroid = {str(i): round(float(x), 6) for i, x in enumerate(self._sums[row])}
        self.lines.dirty_stories.add(story.id)

    def merge_probe(self, story: StoryState) -> int:
        """Absorb the storylines whose average link with ``story`` reaches
        ``dense_merge_threshold``; the surviving id."""
        while True:
            row = self._slot(story)
            best = next(iter(self.similarities(self._sums[row], int(self._sizes[row]), story.first_day,
                                               story.last_day, exclude=story.id)), None)
            if best is None or best[0] < self.settings.dense_merge_threshold:
                return story.id
            other = self.lines.stories[best[1]]
            # the older storyline keeps its id, as events do
            keep, gone = (other, story) if other.id < story.id else (story, other)
            self.absorb(keep, gone)
            self.lines.stories.pop(gone.id)
            self.lines.merges.append((gone.id, keep.id))
            story = keep


def dense_batch(articles: Sequence[Article], event_labels: Sequence[int], vectors: np.ndarray,
                 settings: StorylineSettings) -> list[int]:
    """Events grouped by average link over their articles' vectors: each event starts as a
    storyline, and the two most alike storylines (mean cosine of their articles times the
    time factor of their spans) are merged while that reaches ``dense_threshold``."""
    lines = DenseLines(StoryClusterer(settings.cluster_settings()), settings)
    stories = lines.lines.stories
    slot = {event: lines.lines.new_story().id for event in sorted(set(event_labels))}
    for label, vector, article in zip(event_labels, vectors, articles, strict=True):
        lines.join(stories[slot[label]], vector, 1, _day(article.published))
    ids = list(lines._row)  # row i of the matrix is storyline ids[i], as DenseLines' rows

    def row(story: StoryState) -> np.ndarray:
        r = lines._slot(story)
        sims = lines.scores(lines._sums[r], int(lines._sizes[r]), story.first_day, story.last_day)
        sims[r] = -np.inf
        return sims

    matrix = np.array([row(stories[i]) for i in ids]).reshape(len(ids), len(ids))
    while matrix.size:
        a, b = np.unravel_index(int(np.argmax(matrix)), matrix.shape)
        if matrix[a, b] < settings.dense_threshold:
            break
        keep, gone = sorted((ids[a], ids[b]))
        lines.absorb(stories[keep], stories.pop(gone))
        lines.lines.merges.append((gone, keep))
        k, g = lines._row[keep], lines._row[gone]
        matrix[g, :] = matrix[:, g] = -np.inf
        matrix[k, :] = matrix[:, k] = row(stories[keep])
        matrix[k, g] = matrix[g, k] = -np.inf
    final = dict(zip(slot.values(), _final(list(slot.values()), lines.lines.merges), strict=True))
    return [final[slot[label]] for label in event_labels]


__all__ = ["DenseLines", "dense_batch"]
