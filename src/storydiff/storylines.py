"""Storylines: events (stories) grouped into the ongoing stories they belong to.

Two granularities of "story" exist in news, and the labelled sets show both: ECB+, BASIL and
NewsWCL50 label one *event* per story (two earthquakes of one kind are two stories); DUC 2004
and WikiRef220 label a *storyline* followed for weeks (a hurricane from landfall to relief).
One flat level cannot serve both (``benchmarks/results/cluster.md``), so the events of
``cluster.py`` are grouped a second time, over a longer span and at a looser bar, into
storylines. Every event belongs to exactly one storyline; a storyline may hold one event.

The storyline level reuses the event clusterer's machinery (``StoryClusterer``: centroids,
IDF-weighted cosine, time decay, merge probe) with its own settings
(``StorylineSettings``), and the event clusterer's document frequencies (one corpus, one
IDF). In the stream (``StorylineClusterer.add``, what the feeder runs) a new event joins the
storyline its first article is most like, or starts one; a later article of an event grows
that event's storyline; when two events merge, their storylines merge. ``storylines_batch``
runs the same pass over the batch's events and then moves whole events between storylines
(k-means style) once all storylines exist, as ``cluster_batch`` does for articles.

Merges at either level are returned as ``Change`` records so the store can keep them (a link
to a merged event redirects to the event that absorbed it).
"""

from __future__ import annotations

import math
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any, cast

import numpy as np

from .cluster import (
    ArticleFeatures,
    StoryClusterer,
    StoryClusterSettings,
    StoryState,
    _day,
    _final,
    article_features,
    cluster_batch,
    entity_phrases,
    stream_order,
)
from .model import Article, Series
from .storyline_vectors import DenseLines, dense_batch


@dataclass
class StorylineSettings:
    """How events are grouped into storylines. Names mean what they mean in
    ``StoryClusterSettings``, applied to storylines instead of events; chosen on the read
    half of DUC 2004 and WikiRef220 (storyline gold) and ECB+ (two events of one kind per
    topic must stay apart), see ``benchmarks/results/storylines.md``."""

    # Similarity an event's first article (stream) or a whole event (batch) needs to join a
    # storyline.
    threshold: float = 0.18
    merge_threshold: float = 0.3
    bridge_factor: float = 0.5
    # A storyline is followed for weeks (DUC's TDT topics: median span 15 days, 14 of 50
    # longer than 30 days), so time fades slower and later than for one event.
    same_event_days: float = 14.0
    gap_scale_days: float = 60.0
    max_gap_days: float = 120.0
    # Stricter than the events' 0.5: storylines join at a looser bar, and a storyline whose
    # date is unknown next to a dated one is where two events of one kind years apart meet
    # (ECB+: a boxer's two title fights, two earthquakes in one county). 0.25 against 0.5:
    # ECB+ read-half topics joined in batch 2 -> 1 of 18 (terms and embeddings alike); DUC
    # (all dated) and WikiRef220 (all undated) cannot change.
    undated_factor: float = 0.25
    # storylines_batch only: rounds of moving whole events to the storyline they fit best.
    refine_rounds: int = 3
    # What a storyline is compared on: "terms" (the event features: words and names) or
    # "entities" (the capitalised phrases only, with their own IDF): a storyline follows the
    # same actors and places, while two events of one kind share their words but not them;
    # or "embeddings": sentence vectors of each article (``embeddings.py``, the optional
    # extra ``storydiff[embeddings]``), storylines compared by average link (the mean cosine
    # of their articles' vectors) at ``dense_threshold`` / ``dense_merge_threshold``. Against
    # "terms", whole sets batch / stream: WikiRef220 0.863 -> 0.913 / 0.864 -> 0.931, DUC
    # 0.865 -> 0.873 / 0.857 -> 0.853, ECB+ topics joined 7 -> 6 / 8 -> 7 of 43; encoding
    # 0.09 CPU s per article (benchmarks/results/storylines.md).
    features: str = "terms"
    # Chosen on the read halves: 0.40-0.44 batch DUC 0.906-0.911 but stream 0.876-0.896;
    # 0.45 batch DUC 0.897, WikiRef 0.964, stream 0.903 / 0.947; 0.50 0.877 / 0.931.
    dense_threshold: float = 0.45
    dense_merge_threshold: float = 0.45
    # Average link divided by the geometric mean of the two groups' cohesion (the mean cosine
    # between two of their own articles), a single article counting this value; 0: not
    # divided. Two events of one kind are each tight (their reports retell one happening) and
    # share only their kind; the events of one storyline are looser, each and between them.
    # Batch, 0.5 at threshold 0.7: DUC read 0.905, WikiRef 0.971 (better than plain), but the
    # stream then joins early single articles too easily (DUC read 0.78-0.88): off.
    dense_cohesion: float = 0.0

    def cluster_settings(self, base: StoryClusterSettings | None = None) -> StoryClusterSettings:
        """The event clusterer's settings with this level's values in place (features are
        the events' own: same words, same IDF)."""
        base = base or StoryClusterSettings()
        values = {f.name: getattr(base, f.name) for f in fields(StoryClusterSettings)}
        values.update({f.name: getattr(self, f.name) for f in fields(self) if f.name in values})
        values["refresh_every"] = 0  # the stream's window is of articles, not of events
        return StoryClusterSettings(**values)


@dataclass
class Change:
    """A merge at one level: ``gone`` was absorbed into ``into``. ``level`` is "event" or
    "storyline"; ``kind`` "merge" or "split" (a split names the new id as ``into``)."""

    level: str
    kind: str
    gone: int
    into: int


def entity_features(article: Article, settings: StoryClusterSettings | None = None) -> ArticleFeatures:
    """The capitalised phrases of an article's lead and headline as a log-tf vector."""
    settings = settings or StoryClusterSettings()
    body = " ".join(article.text.split(None, settings.max_words)[: settings.max_words])
    counts: defaultdict[str, float] = defaultdict(float)
    for text, weight in ((body, 1.0), (article.title or "", settings.title_weight)):
        for phrase in entity_phrases(text):
            counts[sys.intern("@" + phrase)] += weight
    return ArticleFeatures({t: 1.0 + math.log(c) for t, c in counts.items()}, _day(article.published))


class StorylineClusterer:
    """The storyline level over an event clusterer, fed the same articles in the same order.

    >>> events = StoryClusterer(); lines = StorylineClusterer(events)
    >>> event = events.add(article); line = lines.add(article, event)   # doctest: +SKIP

    State: ``lines`` (a ``StoryClusterer`` whose stories are storylines) and ``of_event``
    (event id -> storyline id), plain data a store can save and load.
    """

    def __init__(self, events: StoryClusterer, settings: StorylineSettings | None = None,
                 vector_of: Callable[[Article], np.ndarray] | None = None):
        self.settings = settings or StorylineSettings()
        self.events = events
        self.lines = StoryClusterer(self.settings.cluster_settings(events.settings))
        self.of_event: dict[int, int] = {}
        self.members: dict[int, set[int]] = {}
        self.changes: list[Change] = []
        self.dirty_events: set[int] = set()
        self._seen_merges = 0
        self._seen_splits = 0
        self._epoch = -1
        self.dense = DenseLines(self.lines, self.settings) if self.settings.features == "embeddings" else None
        # an article's sentence vector (features "embeddings"); the feeder's reads and keeps
        # them in its store. Without one, the model must be installed: said now, not at the
        # first article.
        if self.dense is not None and vector_of is None:
            from .embeddings import require

            require()
        self.vector_of: Callable[[Article], np.ndarray] = vector_of or _compute_vector

    # -- state -------------------------------------------------------------------------
    def keep_vectors_in(self, store: Any) -> None:
        """With ``features = "embeddings"``, read each article's vector from ``store``'s
        annotations, computing and storing it the first time (``embeddings.stored_vectors``)."""
        if self.dense is not None:
            from .embeddings import stored_vectors

            self.vector_of = lambda article: stored_vectors(store, [article])[0]

    def load(self, storylines: Sequence[StoryState], of_event: dict[int, int]) -> None:
        """Restore what a store saved (after ``events.load``)."""
        self.lines.load({}, 0, storylines)
        if self.dense is not None:
            self.dense.load()
        self.of_event = dict(of_event)
        self.members = {}
        for event, line in self.of_event.items():
            self.members.setdefault(line, set()).add(event)
        self.mark_clean()

    def mark_clean(self) -> None:
        self.lines.mark_clean()
        self.changes = []
        self.dirty_events = set()
        self._seen_merges = len(self.events.merges)
        self._seen_splits = len(self.events.splits)

    def _share_idf(self) -> None:
        if self.settings.features == "entities":
            return  # the storyline level counts its own documents (entity terms only)
        # One corpus, one IDF: the storyline level reads the event level's document
        # frequencies and never counts a document itself.
        events, lines = self.events, self.lines
        df = events._fixed_df if events._fixed_df is not None else events.df
        n = events._fixed_n if events._fixed_df is not None else events.n_docs
        assert n is not None  # a fixed df comes with its document count
        lines._fixed_df, lines._fixed_n, lines.n_docs = df, n, n
        if n != self._epoch or df is not lines.df:
            # the same IDF as the event level's, exactly: dropped whenever the corpus grew
            lines.df = df
            lines._idf_cache.clear()
            self._epoch = n

    # -- updates -----------------------------------------------------------------------
    def _move_events(self, gone_line: int, into_line: int) -> None:
        for event in self.members.pop(gone_line, set()):
            self.of_event[event] = into_line
            self.members.setdefault(into_line, set()).add(event)
            self.dirty_events.add(event)
        self.changes.append(Change("storyline", "merge", gone_line, into_line))

    def _follow_line_merges(self, start: int) -> None:
        for gone, into in self.lines.merges[start:]:
            self._move_events(gone, into)

    def sync(self) -> None:
        """Carry the event merges made since the last call over to storylines."""
        self._follow_event_merges()

    def _follow_event_merges(self) -> None:
        # an event cut in two (the stream's refresh) leaves its new half in its storyline
        for cut, new in self.events.splits[self._seen_splits:]:
            self.changes.append(Change("event", "split", cut, new))
            line = self.of_event.get(cut)
            if line is not None and new not in self.of_event:
                self.of_event[new] = line
                self.members.setdefault(line, set()).add(new)
                self.dirty_events.add(new)
        self._seen_splits = len(self.events.splits)
        for gone, into in self.events.merges[self._seen_merges:]:
            self.changes.append(Change("event", "merge", gone, into))
            line_gone = self.of_event.pop(gone, None)
            if line_gone is not None:
                self.members.get(line_gone, set()).discard(gone)
            self.dirty_events.add(gone)
            line_into = self.of_event.get(into)
            if line_gone is None or line_into is None or line_gone == line_into:
                continue
            # the two events are one now, so their storylines are one: the older id stays
            keep, drop = sorted((line_gone, line_into))
            start = len(self.lines.merges)
            if self.dense is not None:
                self.dense.absorb(self.lines.stories[keep], self.lines.stories.pop(drop))
            else:
                self.lines.absorb(self.lines.stories[keep], self.lines.stories.pop(drop))
            self.lines.merges.append((drop, keep))
            self._follow_line_merges(start)
        self._seen_merges = len(self.events.merges)

    def add(self, article: Article, event: int, features: ArticleFeatures | None = None,
            vector: np.ndarray | None = None) -> int:
        """Place ``article``, which ``events.add`` just put in ``event``, and return its
        storyline: a new event joins the storyline most like its first article or starts
        one; an article of a known event grows that event's storyline. ``vector``: the
        article's sentence vector (``features = "embeddings"``; computed when not given)."""
        if self.dense is not None:
            return self._add_dense(article, event, self.vector_of(article) if vector is None else vector)
        self._share_idf()
        self._follow_event_merges()
        entities = self.settings.features == "entities"
        if entities:
            features = entity_features(article, self.lines.settings)
        features = features or article_features(article, self.lines.settings)
        start = len(self.lines.merges)
        line_id = self.of_event.get(event)
        if line_id is None:
            line_id = self.lines.add(article, features)
            self.of_event[event] = line_id
            self.members.setdefault(line_id, set()).add(event)
            self.dirty_events.add(event)
        else:
            story = self.lines.stories[line_id]
            if entities and self.lines._fixed_df is None:
                self.lines._count_document(features.terms)
                self.lines.dirty_terms.update(features.terms)
            self.lines._join(story, features, article)
            s = self.lines.settings
            if any(sim >= s.merge_threshold * s.bridge_factor
                   for sim, other in self.lines.similarities(features) if other != line_id):
                self.lines._merge_into(story)
        self._follow_line_merges(start)
        return self.of_event[event]

    def _add_dense(self, article: Article, event: int, vector: np.ndarray) -> int:
        dense, s = self.dense, self.settings
        assert dense is not None
        self._follow_event_merges()
        start = len(self.lines.merges)
        day = _day(article.published)
        scored = dense.similarities(vector, 1, day, day)
        line_id = self.of_event.get(event)
        if line_id is None:
            if scored and scored[0][0] >= s.dense_threshold:
                story = self.lines.stories[scored[0][1]]
            else:
                story = self.lines.new_story(article.title)
            self.of_event[event] = story.id
            self.members.setdefault(story.id, set()).add(event)
            self.dirty_events.add(event)
        else:
            story = self.lines.stories[line_id]
        dense.join(story, vector, 1, day)
        if story.title is None and article.title:
            story.title = article.title
        if any(sim >= s.dense_merge_threshold * s.bridge_factor for sim, other in scored if other != story.id):
            dense.merge_probe(story)
        self._follow_line_merges(start)
        return self.of_event[event]


def _no_vector(article: Article) -> np.ndarray:
    raise ValueError(f"no vector given for {article.id}")


def _compute_vector(article: Article) -> np.ndarray:
    from .embeddings import article_vectors

    return article_vectors([article])[0]


def storylines_stream(articles: Sequence[Article], settings: StorylineSettings | None = None,
                      cluster_settings: StoryClusterSettings | None = None,
                      vectors: np.ndarray | None = None) -> tuple[list[int], list[int]]:
    """(event ids, storyline ids) for ``articles`` fed one by one in the given order;
    ``vectors``, one row per article, for ``features = "embeddings"`` (computed if absent)."""
    events = StoryClusterer(cluster_settings)
    if vectors is None and settings is not None and settings.features == "embeddings":
        vectors = _vectors(articles)
    lines = StorylineClusterer(events, settings, vector_of=None if vectors is None else _no_vector)
    event_labels = []
    for index, article in enumerate(articles):
        features = article_features(article, events.settings)
        event = events.add(article, features, key=index)
        event_labels.append(event)
        lines.add(article, event, features, None if vectors is None else vectors[index])
    events.settle()  # the window refreshed at the end of the feed, as ``ingest`` ends (cluster_refine.settle)
    lines.sync()
    for key, (_, moved_to) in events.moves.items():
        event_labels[cast(int, key)] = moved_to  # the keys given to add() above
    event_labels = _final(event_labels, events.merges)
    return event_labels, [lines.of_event[event] for event in event_labels]


def _event_features(features: Sequence[ArticleFeatures], labels: Sequence[int]) -> dict[int, ArticleFeatures]:
    # an event as the sum of its members' unit vectors (as its centroid is built), dated by
    # its first day
    summed: dict[int, defaultdict[str, float]] = {}
    days: dict[int, int] = {}
    for feature, label in zip(features, labels, strict=False):
        length = math.sqrt(sum(v * v for v in feature.terms.values())) or 1.0
        total = summed.setdefault(label, defaultdict(float))
        for term, value in feature.terms.items():
            total[term] += value / length
        if feature.day is not None:
            first = days.get(label)
            days[label] = feature.day if first is None else min(first, feature.day)
    return {label: ArticleFeatures(dict(total), days.get(label)) for label, total in summed.items()}


def _vectors(articles: Sequence[Article]) -> np.ndarray:
    from .embeddings import article_vectors

    return article_vectors(articles)


def storylines_batch(articles: Sequence[Article], settings: StorylineSettings | None = None,
                     cluster_settings: StoryClusterSettings | None = None,
                     events: Sequence[int] | None = None,
                     vectors: np.ndarray | None = None) -> tuple[list[int], list[int]]:
    """(event ids, storyline ids) for a whole corpus: events from ``cluster_batch`` (or the
    ``events`` given), then the stream's storyline pass over the articles in publication
    order with the events fixed, then whole events moved to the storyline they now fit best
    (``StorylineSettings.refine_rounds``) and every storyline probed for merges. With
    ``features = "embeddings"``, events are grouped by average link over ``vectors`` (one
    row per article, computed if absent) instead (``storyline_vectors.dense_batch``)."""
    settings = settings or StorylineSettings()
    cluster_settings = cluster_settings or StoryClusterSettings()
    event_labels = list(events) if events is not None else cluster_batch(articles, cluster_settings)
    if settings.features == "embeddings":
        vectors = _vectors(articles) if vectors is None else vectors
        return event_labels, dense_batch(articles, event_labels, vectors, settings)
    features = [article_features(article, cluster_settings) for article in articles]
    df: Counter[str] = Counter()
    for feature in features:
        df.update(feature.terms.keys())
    frame = StoryClusterer(cluster_settings, fixed_df=df, fixed_n_docs=len(articles))
    lines = StorylineClusterer(frame, settings)
    if settings.features == "entities":
        features = [entity_features(article, cluster_settings) for article in articles]
        entity_df: Counter[str] = Counter()
        for feature in features:
            entity_df.update(feature.terms.keys())
        lines.lines._fixed_df, lines.lines._fixed_n = entity_df, len(articles)
        lines.lines.n_docs = len(articles)
    for index in stream_order(articles):
        lines.add(articles[index], event_labels[index], features[index])
    order = sorted(lines.of_event)
    per_event = _event_features(features, event_labels)
    event_features = [per_event[event] for event in order]
    line_labels = [lines.of_event[event] for event in order]
    clusterer = lines.lines
    for _ in range(settings.refine_rounds):
        if not clusterer.reassign(event_features, line_labels):
            break
    merged_before = len(clusterer.merges)
    for line_id in sorted(clusterer.stories):
        if line_id in clusterer.stories:
            clusterer._merge_into(clusterer.stories[line_id])
    line_labels = _final(line_labels, clusterer.merges[merged_before:])
    of_event = dict(zip(order, line_labels, strict=False))
    return event_labels, [of_event[event] for event in event_labels]


def storyline_view(store, storyline: int, *, series: bool = True) -> dict | None:
    """A stored storyline as a timeline: its events oldest first (each with its span, size,
    independent sources and outlets), its outlets, its span, and the figures that moved from
    one event to the next as ``Series`` (values read from each event's first article, compared
    with compare's machinery as two versions of one report are: a toll of 12 one week and 15
    the next is a figure that evolved, not a conflict). None when there is no such storyline."""
    events = store.storyline_events(storyline)
    if not events:
        return None
    timeline, leads, outlets = [], [], []
    for event in events:
        articles = store.story_articles(event.id)
        names = sorted({a.outlet for a in articles if a.outlet})
        outlets += [n for n in names if n not in outlets]
        timeline.append({**event.as_record(), "outlets": names})
        if articles:
            leads.append(articles[0])
    found: list[Series] = []
    if series and len(leads) > 1:
        from .live.revisions import figure_series, revisions

        versions = [(number, "", lead) for number, lead in enumerate(leads, 1)]
        found = figure_series(versions, revisions(versions))
        from .compare import _figure

        for number, item in enumerate(found, 1):
            item.id = f"S{number}"
            # the figure itself, as compare's own series give it (4000.0, not "4000 resident")
            figures = [_figure(p.evidence) for p in item.points]
            item.points = [replace(point, value=figure) if figure is not None else point
                           for point, figure in zip(item.points, figures, strict=True)]
            known = [f for f in figures if f is not None]
            if len(known) == len(figures) and known[0] != known[-1]:
                item.direction = "rose" if known[-1] > known[0] else "fell"
    firsts = [e.first for e in events if e.first]
    lasts = [e.last for e in events if e.last]
    title = next((e.title for e in events if e.title), None) or events[0].lead
    return {"storyline": storyline, "title": title, "first": min(firsts).isoformat() if firsts else None,
            "last": max(lasts).isoformat() if lasts else None, "events": timeline, "sources": outlets,
            "series": found}


def storyline_record(store, storyline: int, events: Sequence | None = None) -> dict:
    """One line of ``storydiff storylines --format json`` and ``/api/storylines``."""
    events = events if events is not None else store.storyline_events(storyline)
    firsts = [e.first for e in events if e.first]
    lasts = [e.last for e in events if e.last]
    return {"storyline": storyline, "title": next((e.title for e in events if e.title), None)
            or (events[0].lead if events else None),
            "first": min(firsts).isoformat() if firsts else None, "last": max(lasts).isoformat() if lasts else None,
            "events": [e.id for e in events], "articles": sum(e.size for e in events)}


__all__ = ["StorylineSettings", "StorylineClusterer", "Change", "storylines_stream", "storylines_batch",
           "storyline_view", "storyline_record"]
