"""Cluster: group a stream of articles into stories, one article at a time.

``StoryClusterer`` keeps the state that makes this incremental: document frequencies of
terms seen so far, and for every story a centroid of its members' term vectors, its size and
its publication span. A new article joins the most similar story whose similarity passes
``StoryClusterSettings.threshold`` and whose dates are not too far away, or starts a story.

Features, chosen to stay cheap at a million articles (see ``benchmarks/results/scale.md``):

* terms: lower-cased, lightly stemmed words, weighted by log term frequency times IDF; the
  headline counts ``title_weight`` times;
* entities: capitalised phrases ("Los Angeles", "Lindsay Lohan"), a stand-in for NER that
  costs a regular expression instead of a spaCy pass: spaCy's small English pipeline ran
  12.6 articles/s on these texts against 361-576 articles/s for the whole ingest (store,
  clustering, wire copies) measured in benchmarks/results/scale.md, 30-45x slower. They
  separate two events of the same kind (two earthquakes, two arrests), the hard case in ECB+;
* time: a story whose dates are more than ``max_gap_days`` away from the article's date is
  never a candidate, and the similarity fades with the gap, so an earthquake in Chile in
  2010 and another in 2019 are different stories.

* undated articles: when only one side has a date, the similarity is scaled down
  (``undated_factor``), so an undated report of one event does not slip into the dated story
  of another event of the same kind.

``cluster_batch`` runs the same single pass, then moves articles to the story they fit best
once all stories exist, probes every story for merges (``refine_rounds``), and cuts in two
the stories whose members fall into two clearly separate groups (``split_min_size``). The
stream does the same over its window of recent articles every ``refresh_every`` documents
(``cluster_refine.refresh``); the articles it moves are listed in ``moves`` for the store.

Centroids hold raw (log-tf) sums; IDF is applied at comparison time with the current
document frequencies, so early articles are not stuck with the IDF of a tiny corpus.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import cast

# Words that carry no event identity. scikit-learn's list plus reporting verbs and the
# words every news article uses.
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as _SK_STOP

from . import cluster_refine
from .loose_dates import loose_date
from .model import Article
from .reference.calendar import MONTH_NAMES, WEEKDAY_NAMES

STOP_WORDS = frozenset(_SK_STOP) | frozenset(WEEKDAY_NAMES) | frozenset(
    "said says say told according reported report reports news just like year years "
    "new also would could one two mr mrs ms week day today yesterday time people percent".split()
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|\d{2,}")
# Capitalised phrases: runs of capitalised words, allowing "of"/"de" inside ("Bank of England").
_PHRASE = re.compile(
    r"\b(?:[A-Z][a-z’']+|[A-Z]{2,}|[A-Z]\.)(?:\s+(?:of|de|la|van|von|al|bin)?\s*(?:[A-Z][a-z’']+|[A-Z]{2,}))*"
)
# Entities that do not distinguish events: titles, months, days, news furniture.
_NOT_ENTITY = frozenset(WEEKDAY_NAMES) | frozenset(MONTH_NAMES) | frozenset(
    "the a an in on at it he she they we i but and or this that his her its their mr mrs ms "
    "dr president ap reuters afp associated press new however after when while there".split()
)


@dataclass
class StoryClusterSettings:
    # Similarity (cosine of IDF-weighted vectors) an article needs to join a story. Chosen on
    # the five labelled sets together (benchmarks/results/cluster.md): 0.10-0.15 is a plateau
    # (ECB+ B3-F1 0.80-0.82, BASIL 0.95-0.96, DUC 0.81-0.83); above 0.2 recall falls fast.
    threshold: float = 0.12
    title_weight: float = 2.0
    # Capitalised phrases count this many times a plain word. 2.0 against 1.5: BASIL
    # B3-F1 0.968 -> 0.973, ECB+ 0.906 -> 0.908, DUC 0.848 -> 0.837, the rest unchanged
    # (with the settings below; benchmarks/results/cluster.md).
    entity_weight: float = 2.0
    # An undated article takes the first full date ("December 13 2008") in this many
    # characters of its lead as its date, for clustering only; 0 turns it off. Off: with
    # ``undated_factor`` a wrongly guessed date now costs more than a right one gains
    # (300 characters: WikiRef220 stream F1 0.81 -> 0.70, ECB+ batch 0.907 -> 0.908).
    lead_dates: int = 0
    # IDF raised to this power: above 1, rare terms (names, places) count for more. 1.5 gave
    # +0.01-0.05 B3-F1 on ECB+, DUC and NewsWCL50 over 1.0 at the best threshold of each; 2.0
    # splits topic-level stories (WikiRef220 F1 0.71 -> 0.36).
    idf_power: float = 1.5
    # Only the lead of long articles is read: news puts the event first, and it bounds the
    # cost per article.
    max_words: int = 400
    # Terms kept per story centroid: bounds memory per story at scale.
    centroid_terms: int = 120
    # Terms of an article used to look up candidate stories, and stories looked at per term
    # (the most recent ones: a posting list of "police" must not be scanned in full).
    query_terms: int = 20
    postings_scanned: int = 100
    candidates: int = 40
    # After an article joins a story, that story absorbs any other story whose centroid is
    # this similar: single-pass clustering otherwise keeps the early fragments of a story
    # apart forever.
    merge_threshold: float = 0.3
    # An article this share of merge_threshold similar to a second story triggers the merge
    # check of the story it joined.
    bridge_factor: float = 0.5
    # Dates: no penalty within ``same_event_days``; similarity multiplied by
    # exp(-(gap - same_event_days) / gap_scale_days) beyond; never joined past max_gap_days.
    same_event_days: float = 3.0
    gap_scale_days: float = 30.0
    max_gap_days: float = 60.0
    # Similarity multiplied by this when one side is dated and the other is not: time can
    # neither confirm nor rule out the match, so the text must carry more of it. Two events
    # of one kind (two earthquakes, two product launches) share most of their words, and an
    # undated report of one otherwise lands in the dated story of the other. 0.5 against
    # 1.0: ECB+ (undated ECB documents, dated ECB+ ones) B3-F1 0.851 -> 0.907; sets that are
    # all dated or all undated do not change. 0.7: 0.880.
    undated_factor: float = 0.5
    # cluster_batch only. After the single pass, every article is taken out of its story
    # and put back into the story it is now most similar to (k-means style), up to this
    # many rounds: the single pass decides with the stories that existed when the article
    # arrived, and later articles can show it belongs elsewhere; a singleton moves if it
    # now reaches ``threshold`` with a story formed after it. Then every story is probed
    # once for merges. ECB+ 0.886 -> 0.907, BASIL 0.958 -> 0.973, DUC 0.820 -> 0.837,
    # WikiRef220 0.508 -> 0.853 (benchmarks/results/cluster.md); 1 round gets most of it.
    refine_rounds: int = 3
    # cluster_batch only. After the refinement, every story of at least this many articles
    # is cut in two (2-means over its members' IDF-weighted term vectors) and the halves
    # are kept apart when they are clearly two stories: each half at least half this size,
    # the mean similarity between the halves' articles below ``threshold`` and below
    # ``split_ratio`` times the mean similarity within the looser half. Single-pass
    # clustering chains: each article joins on its likeness to the story so far, so two
    # events of one broad subject can end up in one story that no pair of their articles
    # would have formed. 0 turns it off. Against no split: BASIL 0.973 -> 0.988 (three pairs
    # of 3-article stories), DUC 0.837 -> 0.857 (four merged stories cut), mixed
    # 0.895 -> 0.899; ECB+, NewsWCL50 and WikiRef220 unchanged (benchmarks/results/cluster.md).
    # split_ratio 0.5: DUC 0.849, BASIL 0.983; 0.65: DUC 0.856; 0.7: WikiRef220 0.853 -> 0.828.
    # Without the ``threshold`` condition ECB+ loses 0.005; split_min_size 4: ECB+ 0.906;
    # 8: BASIL's pairs are not cut. Average-link or Ward bisection instead of 2-means: DUC down.
    split_min_size: int = 6
    split_ratio: float = 0.6
    # cluster_batch only: the refinement (reassign rounds, then the merge probe) is run this
    # many times. A merge makes a centroid that some articles now fit better than their own
    # story, which only a reassignment after it can act on. 2 against 1: ECB+ 0.907 -> 0.908,
    # DUC 0.857 -> 0.859, WikiRef220 0.853 -> 0.863, the rest unchanged; 3 changes nothing more
    # (benchmarks/results/cluster.md).
    refine_passes: int = 2
    # The stream only (``ingest``): every ``refresh_every`` documents, the last
    # ``refresh_window`` articles are re-clustered as the batch does it (reassign rounds,
    # merge probe, splits of the stories the window holds whole: ``cluster_refine.refresh``),
    # and the articles that change story are moved in the store. The single pass never
    # revisits a decision made with the stories and the IDF of its moment. B3-F1 of the stream
    # (benchmarks/results/storylines.md) before -> after, read half in brackets: ECB+
    # 0.882 -> 0.906 (0.936 -> 0.958), BASIL 0.954 -> 0.983 (0.960 -> 0.979), DUC 0.830 ->
    # 0.847 (0.840 -> 0.863), WikiRef220 0.745 -> 0.864 (0.768 -> 0.931). Chosen on the read
    # halves among 10:100 to 400:400 (every:window; results/storylines.md). Cost: each
    # article is in two windows, up to 2 x 3 more similarity look-ups: clustering CPU per
    # article 1.2-1.4 ms -> 4.9-5.9 ms on the five sets in one stream (alternating runs), a
    # constant factor (the window is bounded), not a growth with the corpus. 0 turns it off.
    refresh_every: int = 100
    refresh_window: int = 200
    # Refreshes of the window when an ingest ends (``cluster_refine.settle``); 0: none. Read
    # halves, none -> 1 -> 2: NewsWCL50 0.763 -> 0.947 -> 0.947, DUC 0.863 -> 0.873 -> 0.873,
    # WikiRef220 0.931 -> 0.898 -> 0.931, ECB+ 0.958 -> 0.956 -> 0.955; 3 as 2 (results/cluster.md).
    settle_passes: int = 2


@dataclass
class ArticleFeatures:
    """The term vector (log term frequency, no IDF yet) and date of one article."""

    terms: dict[str, float]
    day: int | None  # days since 0001-01-01, or None when the date is unknown


@dataclass
class StoryState:
    """What the clusterer remembers of one story."""

    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    size: int = 0
    first_day: int | None = None
    last_day: int | None = None
    title: str | None = None
    # cached IDF-weighted norm of the centroid and the corpus size it was computed at
    norm: float = 0.0
    norm_at: int = -1


def _stem(word: str) -> str:
    if word.endswith("'s") or word.endswith("’s"):
        word = word[:-2]
    if len(word) > 4:
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
    return word


def entity_phrases(text: str) -> list[str]:
    """Capitalised phrases of ``text``, lower-cased: a cheap stand-in for named entities."""
    found = []
    for match in _PHRASE.finditer(text):
        phrase = match.group(0)
        words = phrase.split()
        if len(words) == 1:
            word = words[0].lower().strip(".’'")
            if word in _NOT_ENTITY or word in STOP_WORDS or len(word) < 3:
                continue
            # a capitalised word after a full stop is usually just a sentence start
            before = text[max(0, match.start() - 2):match.start()]
            if before.strip() in (".", "") and match.start() > 0 and word in STOP_WORDS:
                continue
        else:
            while words and words[0].lower() in _NOT_ENTITY:
                words = words[1:]
            if not words:
                continue
        found.append(" ".join(words).lower())
    return found


def _day(value: date | datetime | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    return value.toordinal()


def article_features(article: Article, settings: StoryClusterSettings | None = None) -> ArticleFeatures:
    """Terms and entities of one article as a log-tf vector; the headline weighs more."""
    settings = settings or StoryClusterSettings()
    words = article.text.split(None, settings.max_words)
    body = " ".join(words[: settings.max_words])
    # weighted counts: a Counter of floats, which typeshed types as int (hence the ignores below)
    counts: Counter[str] = Counter()
    for text, weight in ((body, 1.0), (article.title or "", settings.title_weight)):
        if not text:
            continue
        for token in _WORD.findall(text):
            token = token.lower()
            if token in STOP_WORDS:
                continue
            # interned: every story centroid keeps its terms, and one shared string per term
            # instead of one per article is most of the memory of a centroid
            counts[sys.intern(_stem(token))] += weight  # type: ignore[assignment]
        for phrase in entity_phrases(text):
            if " " in phrase:  # single words are already terms
                counts[sys.intern("@" + phrase)] += weight * settings.entity_weight  # type: ignore[assignment]
            else:
                counts[sys.intern(_stem(phrase))] += weight * (settings.entity_weight - 1.0)  # type: ignore[assignment]
    terms = {term: 1.0 + math.log(count) if count >= 1 else count for term, count in counts.items()}
    day = _day(article.published)
    if day is None and settings.lead_dates:
        day = _day(loose_date(body[: settings.lead_dates]))
    return ArticleFeatures(terms, day)


class StoryClusterer:
    """An online story clusterer: ``add(article)`` returns the story it joined or started.

    >>> clusterer = StoryClusterer()
    >>> story_id = clusterer.add(article)   # doctest: +SKIP

    State is plain data (``df``, ``n_docs``, ``stories``) so a store can persist it and a
    restarted process can carry on where the last one stopped; ``dirty_terms`` and
    ``dirty_stories`` say what changed since ``mark_clean()``.
    """

    def __init__(self, settings: StoryClusterSettings | None = None, *, fixed_df: Counter[str] | None = None,
                 fixed_n_docs: int | None = None):
        self.settings = settings or StoryClusterSettings()
        self.df: Counter[str] = Counter()
        self.n_docs = 0
        self.stories: dict[int, StoryState] = {}
        self.next_id = 1
        self._postings: dict[str, list[int]] = {}
        self._fixed_df = fixed_df
        self._fixed_n = fixed_n_docs
        self._idf_cache: dict[int, float] = {}  # document frequency -> IDF, for this n_docs
        self.dirty_terms: set[str] = set()
        self.dirty_stories: set[int] = set()
        # (absorbed story, surviving story) in the order merges happened, since mark_clean()
        self.merges: list[tuple[int, int]] = []
        # (story cut, new story) and article key -> (story before, story now), since mark_clean()
        self.splits: list[tuple[int, int]] = []
        self.moves: dict[object, tuple[int, int]] = {}
        # the stream's window of recent articles: [key, features, story], oldest first, and
        # n_docs at its last refresh (stored: ``settle`` depends on it)
        self.recent: deque[list] = deque(maxlen=max(0, self.settings.refresh_window))
        self.refreshed_at = 0

    # -- state -------------------------------------------------------------------------
    def load(self, df: dict[str, int], n_docs: int, stories: Iterable[StoryState]) -> None:
        """Restore the state a store saved."""
        self.df = Counter(df)
        self.n_docs = n_docs
        self._idf_cache.clear()
        for story in stories:
            self.stories[story.id] = story
            self.next_id = max(self.next_id, story.id + 1)
            for term in story.centroid:
                self._postings.setdefault(term, []).append(story.id)
        self.mark_clean()

    def mark_clean(self) -> None:
        self.dirty_terms = set()
        self.dirty_stories = set()
        self.merges = []
        self.splits = []
        self.moves = {}

    # -- similarity --------------------------------------------------------------------
    def _idf(self, term: str) -> float:
        # Cached: IDF was 40 % of the time per article before (2.2M calls for 3,000 articles,
        # cProfile). Keyed by the term's document frequency and dropped whenever the corpus
        # grows, so the value is exact and depends on the state alone: a cache of terms kept
        # for 1 % of corpus growth gave values that depended on when the process started, and
        # a restarted ingest (after kill -9) then kept other centroid terms than a run never
        # interrupted (tests/hostile/test_kill_points.py). Cost: none measurable
        # (benchmarks/scale.py --n 3000, two runs each side by side: CPU ms/article 1.84-3.10
        # against 1.72-3.11 before, the same 2,742 stories).
        df = (self._fixed_df if self._fixed_df is not None else self.df).get(term, 0)
        value = self._idf_cache.get(df)
        if value is not None:
            return value
        n_docs = self._fixed_n if self._fixed_df is not None else self.n_docs
        assert n_docs is not None  # a fixed df comes with its document count
        value = math.log((n_docs + 1) / (df + 1)) + 1.0
        if self.settings.idf_power != 1.0:
            value **= self.settings.idf_power
        self._idf_cache[df] = value
        return value

    def _count_document(self, terms: Iterable[str]) -> None:
        self.n_docs += 1
        for term in terms:
            self.df[term] += 1
        self._idf_cache.clear()  # keyed by df for this corpus size only

    def _story_norm(self, story: StoryState) -> float:
        # Recomputing the IDF-weighted norm on every comparison would cost a pass over the
        # centroid per candidate; it changes slowly, so refresh it when the story changed
        # (norm_at reset) or the corpus grew by 10 %.
        if story.norm_at < 0 or self.n_docs > story.norm_at * 1.1 + 10:
            idf = self._idf
            story.norm = math.sqrt(sum((value * idf(term)) ** 2 for term, value in story.centroid.items())) or 1.0
            story.norm_at = self.n_docs
        return story.norm

    def _time_factor(self, day: int | None, story: StoryState, until: int | None = None) -> float:
        if day is None and story.first_day is None:
            return 1.0
        if day is None or story.first_day is None:
            return self.settings.undated_factor
        until = day if until is None else until
        assert story.last_day is not None  # set together with first_day
        gap = max(0, story.first_day - until, day - story.last_day)
        s = self.settings
        if gap > s.max_gap_days:
            return 0.0
        if gap <= s.same_event_days:
            return 1.0
        return math.exp(-(gap - s.same_event_days) / s.gap_scale_days)

    def similarities(self, features: ArticleFeatures, until: int | None = None) -> list[tuple[float, int]]:
        """(similarity, story id) for the candidate stories of an article, best first."""
        s = self.settings
        idf = self._idf
        weighted = {term: value * idf(term) for term, value in features.terms.items()}
        # query weight times IDF once more: the centroid side's IDF, so the dot product below
        # is one multiplication per shared term
        twice = {term: value * idf(term) for term, value in weighted.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        top_terms = sorted(weighted, key=weighted.__getitem__, reverse=True)[: s.query_terms]
        hits: Counter[int] = Counter()
        for term in top_terms:
            posting = self._postings.get(term)
            if posting:
                w = weighted[term]
                for story_id in posting[-s.postings_scanned:]:
                    hits[story_id] += w  # type: ignore[assignment]  # float weights (see article_features)
        scored = []
        for story_id, _ in hits.most_common(s.candidates):
            story = self.stories.get(story_id)
            if story is None:  # merged away; its postings are left to go stale
                continue
            factor = self._time_factor(features.day, story, until)
            if factor == 0.0:
                continue
            centroid = story.centroid
            dot = 0.0
            small, large = (twice, centroid) if len(twice) <= len(centroid) else (centroid, twice)
            for term, value in small.items():
                other = large.get(term)
                if other is not None:
                    dot += value * other
            scored.append((factor * dot / (norm * self._story_norm(story)), story_id))
        scored.sort(reverse=True)
        return scored

    # -- updates -----------------------------------------------------------------------
    def add(self, article: Article, features: ArticleFeatures | None = None, key: object = None) -> int:
        """Assign one article to a story (existing or new) and return the story id. In a
        stream (document frequencies counted here), the article also enters the window of
        recent articles, which is re-clustered every ``refresh_every`` documents; ``key``
        names the article in ``moves`` when that moves it."""
        features = features or article_features(article, self.settings)
        story_id = self._place(article, features)
        s = self.settings
        if self._fixed_df is not None or not (s.refresh_every and s.refresh_window):
            return story_id
        self.recent.append([key, features, story_id])
        if self.n_docs % s.refresh_every == 0:
            cluster_refine.refresh(self)
        return self.recent[-1][2]

    def settle(self) -> bool:
        """``cluster_refine.settle``: the window refreshed at the end of an ingest."""
        return cluster_refine.settle(self)

    def load_recent(self, entries: Iterable[tuple[object, ArticleFeatures, int]]) -> None:
        """Restore the window of recent articles, oldest first: (key, features, story), the
        features recomputed from the stored articles (``Feeder`` does)."""
        self.recent.clear()
        self.recent.extend([key, features, story] for key, features, story in entries)

    def _place(self, article: Article, features: ArticleFeatures) -> int:
        if self._fixed_df is None:
            self._count_document(features.terms)
            self.dirty_terms.update(features.terms)
        scored = self.similarities(features)
        if scored and scored[0][0] >= self.settings.threshold:
            story = self.stories[scored[0][1]]
        else:
            story = self.new_story(article.title)
        self._join(story, features, article)
        # Only an article that is itself close to a second story can have bridged two
        # stories; probing every grown story for merges doubled the cost per article once
        # most articles join existing stories (benchmarks/results/scale.md).
        bridge = any(sim >= self.settings.merge_threshold * self.settings.bridge_factor
                     for sim, other in scored if other != story.id)
        if story.size == 1 or not bridge:
            return story.id
        return self._merge_into(story)

    def reassign(self, features: Sequence[ArticleFeatures], labels: list[int]) -> int:
        """``cluster_refine.reassign``: articles moved to the story they now fit best."""
        return cluster_refine.reassign(self, features, labels)

    def split(self, features: Sequence[ArticleFeatures], labels: list[int]) -> int:
        """``cluster_refine.split``: stories of two clearly separate groups cut in two."""
        return cluster_refine.split(self, features, labels)

    def new_story(self, title: str | None = None) -> StoryState:
        story = StoryState(id=self.next_id, title=title)
        self.next_id += 1
        self.stories[story.id] = story
        return story

    def merged(self, gone: int, keep: int) -> None:
        """Record that story ``gone`` was absorbed into ``keep`` (the window follows)."""
        self.merges.append((gone, keep))
        for entry in self.recent:
            if entry[2] == gone:
                entry[2] = keep

    def _merge_into(self, story: StoryState) -> int:
        """Absorb the stories that now look like ``story``; return the surviving id."""
        s = self.settings
        while True:
            probe = ArticleFeatures(story.centroid, story.first_day)
            best = next(((sim, other) for sim, other in self.similarities(probe, until=story.last_day)
                         if other != story.id), None)
            if best is None or best[0] < s.merge_threshold:
                return story.id
            other = self.stories.pop(best[1])
            # the older story keeps its id, so ids stay stable for readers of the store
            keep, gone = (other, story) if other.id < story.id else (story, other)
            if keep is other:
                self.stories[other.id] = other
                self.stories.pop(story.id, None)
            self.absorb(keep, gone)
            self.merged(gone.id, keep.id)
            story = keep

    def absorb(self, keep: StoryState, gone: StoryState) -> None:
        """Add ``gone``'s centroid, size and span to ``keep`` (the caller removes ``gone``
        from ``stories`` and records the merge)."""
        for term, value in gone.centroid.items():
            if term not in keep.centroid:
                self._postings.setdefault(term, []).append(keep.id)
            keep.centroid[term] = keep.centroid.get(term, 0.0) + value
        self._truncate(keep)
        keep.size += gone.size
        for day in (gone.first_day, gone.last_day):
            if day is not None:
                keep.first_day = day if keep.first_day is None else min(keep.first_day, day)
                keep.last_day = day if keep.last_day is None else max(keep.last_day, day)
        keep.title = keep.title or gone.title
        keep.norm_at = -1
        self.dirty_stories.update((keep.id, gone.id))

    def _truncate(self, story: StoryState) -> None:
        limit = self.settings.centroid_terms
        if len(story.centroid) > limit:
            # keep the terms that matter most for this story: weight times IDF; ties (terms
            # seen once, with equal weights) go by the term, not by the dict's order, which a
            # restart from the stored state does not reproduce (a kill -9 and re-run kept other
            # terms of a 300-article story than a run never interrupted: tests/hostile/test_kill_points.py)
            idf, centroid = self._idf, story.centroid
            kept = sorted(centroid, key=lambda t: (-centroid[t] * idf(t), t))[:limit]
            story.centroid = {term: centroid[term] for term in kept}

    def _join(self, story: StoryState, features: ArticleFeatures, article: Article) -> None:
        # Members are added as unit vectors so a long article does not own the centroid.
        length = math.sqrt(sum(v * v for v in features.terms.values())) or 1.0
        centroid = story.centroid
        before = set(centroid)
        for term, value in features.terms.items():
            centroid[term] = centroid.get(term, 0.0) + value / length
        self._truncate(story)
        # in centroid order, not set order, so runs are reproducible whatever the hash seed
        for term in [t for t in story.centroid if t not in before]:
            self._postings.setdefault(term, []).append(story.id)
        story.size += 1
        story.norm_at = -1
        if story.title is None and article.title:
            story.title = article.title
        if features.day is not None:
            story.first_day = features.day if story.first_day is None else min(story.first_day, features.day)
            story.last_day = features.day if story.last_day is None else max(story.last_day, features.day)
        self.dirty_stories.add(story.id)


def stream_order(articles: Sequence[Article]) -> list[int]:
    """Indices of ``articles`` in publication order; undated articles keep their place
    relative to each other and come after the dated ones of the same input."""
    return sorted(range(len(articles)), key=lambda i: (_day(articles[i].published) is None,
                                                       _day(articles[i].published) or 0, i))


_final = cluster_refine.resolve  # the old name, imported by storylines.py


def cluster_stream(articles: Sequence[Article], settings: StoryClusterSettings | None = None) -> list[int]:
    """Story ids for ``articles`` fed one by one in the given order (what one ``ingest``
    does), as they stand at its end: moves made by ``refresh`` and ``settle`` included."""
    clusterer = StoryClusterer(settings)
    labels = [clusterer.add(article, key=index) for index, article in enumerate(articles)]
    clusterer.settle()  # the stream ends here, as an ingest does
    for index, (_, story) in clusterer.moves.items():
        labels[cast(int, index)] = story  # the keys given to add() above
    return _final(labels, clusterer.merges)


def cluster_batch(articles: Sequence[Article], settings: StoryClusterSettings | None = None) -> list[int]:
    """Story ids for a whole corpus at once: IDF from the whole corpus, articles fed in
    publication order through the stream's algorithm, then refined with what only a batch
    knows: every article is moved to the story it is most similar to once all stories exist
    (``StoryClusterSettings.refine_rounds``), every story is checked for merges (both
    ``refine_passes`` times), and stories
    made of two clearly separate groups are cut in two (``split_min_size``). The stream and
    the batch agree closely (measured in ``benchmarks/cluster.py``)."""
    settings = settings or StoryClusterSettings()
    features = [article_features(article, settings) for article in articles]
    df: Counter[str] = Counter()
    for feature in features:
        df.update(feature.terms.keys())
    clusterer = StoryClusterer(settings, fixed_df=df, fixed_n_docs=len(articles))
    clusterer.n_docs = len(articles)
    labels = [0] * len(articles)
    for index in stream_order(articles):
        labels[index] = clusterer.add(articles[index], features[index])
    labels = _final(labels, clusterer.merges)
    for _ in range(settings.refine_passes if settings.refine_rounds else 0):
        for _ in range(settings.refine_rounds):
            if not clusterer.reassign(features, labels):
                break
        labels = cluster_refine.merge_probe(clusterer, labels, list(clusterer.stories))
    clusterer.split(features, labels)
    return labels


__all__ = [
    "StoryClusterSettings",
    "StoryClusterer",
    "StoryState",
    "ArticleFeatures",
    "article_features",
    "entity_phrases",
    "cluster_stream",
    "cluster_batch",
    "stream_order",
]
