"""Cluster refinement: what needs the articles' features again, not just the story centroids.

``reassign`` moves articles to the story they now fit best (k-means style), ``split`` cuts in
two the stories whose members fall into two clearly separate groups, and ``refresh`` runs both,
with a merge probe between them, over the stream's window of recent articles
(``StoryClusterSettings.refresh_every``, and ``settle`` at the end of an ingest).
``cluster_batch`` runs them over the whole corpus.
The functions change a ``StoryClusterer`` in place and record what they did in it (``merges``,
``splits``, ``moves``), as the clusterer's own methods do.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the clusterer calls these functions; they only use its methods
    from .cluster import ArticleFeatures, StoryClusterer, StoryState


def resolve(labels: Sequence[int], merges: Sequence[tuple[int, int]]) -> list[int]:
    """``labels`` with every merged story replaced by the story it ended in."""
    into = dict(merges)
    resolved = []
    for label in labels:
        while label in into:
            label = into[label]
        resolved.append(label)
    return resolved


def merge_probe(clusterer: StoryClusterer, labels: list[int], stories: Iterable[int]) -> list[int]:
    """Probe each of ``stories`` (in id order) for merges; ``labels`` with the merges applied."""
    merged_before = len(clusterer.merges)
    for story_id in sorted(stories):
        if story_id in clusterer.stories:  # not absorbed by an earlier one
            clusterer._merge_into(clusterer.stories[story_id])
    return resolve(labels, clusterer.merges[merged_before:])


def refresh(clusterer: StoryClusterer) -> None:
    """Re-cluster the stream's window of recent articles (``clusterer.recent``) as a batch
    would: reassign rounds, a merge probe of their stories, then splits of the stories the
    window holds whole. The single pass decides with the stories and the IDF that existed
    when an article arrived and never looks back; this is the stream's only second look.
    Articles that change story are recorded in ``clusterer.moves``, new stories from splits in
    ``clusterer.splits``, merges in ``clusterer.merges``. Depends on the clusterer's state and
    window only, so a restarted stream that reloads both does the same."""
    entries = list(clusterer.recent)
    features = [entry[1] for entry in entries]
    labels = [entry[2] for entry in entries]
    before = list(labels)
    for _ in range(clusterer.settings.refine_rounds):
        if not reassign(clusterer, features, labels):
            break
    if clusterer.settings.refine_rounds:  # as in cluster_batch: no refinement, no merge probe
        labels = merge_probe(clusterer, labels, set(labels))
    # a split rebuilds a story from the members it is given: only stories held whole qualify
    counts = Counter(labels)
    whole = [i for i, label in enumerate(labels) if clusterer.stories[label].size == counts[label]]
    part = [labels[i] for i in whole]
    split(clusterer, [features[i] for i in whole], part)
    for i, label in zip(whole, part, strict=True):
        labels[i] = label
    for story_id in set(labels):  # reassign adds terms without the stream's bound
        clusterer._truncate(clusterer.stories[story_id])
    for entry, old, new in zip(entries, before, labels, strict=False):
        entry[2] = new
        if old != new and entry[0] is not None:
            first = clusterer.moves.get(entry[0], (old, new))[0]
            clusterer.moves[entry[0]] = (first, new)
    clusterer.refreshed_at = clusterer.n_docs


def settle(clusterer: StoryClusterer) -> bool:
    """The end of an ingest: ``refresh`` the window if articles arrived since its last
    refresh; True if it ran. A stream shorter than ``refresh_every`` (50 articles) otherwise
    never gets its second look, and the last articles of any stream wait for the next ingest.
    ``refreshed_at`` is stored with the clusterer's state (``Feeder``), so an ingest killed
    before its end and run again settles once, where an uninterrupted one did: what the end of
    an ingest changes is a function of the stored state, not of the process."""
    s = clusterer.settings
    if (clusterer._fixed_df is not None or not (s.refresh_every and s.refresh_window and s.settle_passes)
            or not clusterer.recent or clusterer.refreshed_at >= clusterer.n_docs):
        return False
    for _ in range(s.settle_passes):
        refresh(clusterer)
    return True


def reassign(clusterer: StoryClusterer, features: Sequence[ArticleFeatures], labels: list[int]) -> int:
    """One k-means style round over articles already clustered: each article leaves its
    story (``labels[i]``, updated in place) and joins the story it is now most similar
    to, if that beats its own and passes ``threshold``; returns how many moved.

    Needs every article's features, so it is for a batch, not for the stream. A story's
    date span is widened by articles moving in but not narrowed by those moving out
    (members are not kept). Centroids are not truncated here: the batch holds every
    article's terms anyway, and truncating after each move cost WikiRef220 B3-F1
    0.853 -> 0.685 (topic-wide stories lose the terms their members share)."""
    moved = 0
    threshold = clusterer.settings.threshold
    idf = clusterer._idf

    def shift(story: StoryState, unit: dict[str, float], sign: float) -> None:
        # The IDF-weighted norm is updated by the terms that change instead of recomputed
        # over the whole centroid after every article: the recomputation was a third of the
        # stream's refresh time (cProfile, the five sets in one stream). IDF does not change
        # during a round, so the update is exact up to rounding.
        norm = clusterer._story_norm(story)
        squared = norm * norm
        centroid = story.centroid
        for term, value in unit.items():
            old = centroid.get(term)
            if old is None:
                if sign < 0:
                    continue
                clusterer._postings.setdefault(term, []).append(story.id)
                old = 0.0
            new = max(0.0, old - value) if sign < 0 else old + value
            centroid[term] = new
            squared += (new * new - old * old) * idf(term) ** 2
        story.norm = math.sqrt(max(squared, 0.0)) or 1.0

    for index, feature in enumerate(features):
        own = clusterer.stories[labels[index]]
        length = math.sqrt(sum(v * v for v in feature.terms.values())) or 1.0
        unit = {term: value / length for term, value in feature.terms.items()}
        if own.size > 1:  # compare with the story as it would be without this article
            shift(own, unit, -1.0)
        scored = clusterer.similarities(feature)
        if own.size > 1:
            own_sim = next((sim for sim, story_id in scored if story_id == own.id), 0.0)
            best = scored[0] if scored else None
        else:  # a singleton's only match with its own story is itself
            own_sim = -1.0
            best = next(((sim, story_id) for sim, story_id in scored if story_id != own.id), None)
        target = own
        if best is not None and best[1] != own.id and best[0] > own_sim and best[0] >= threshold:
            target = clusterer.stories[best[1]]
            own.size -= 1
            target.size += 1
            labels[index] = target.id
            moved += 1
            if feature.day is not None:
                target.first_day = feature.day if target.first_day is None else min(target.first_day, feature.day)
                target.last_day = feature.day if target.last_day is None else max(target.last_day, feature.day)
            if own.size == 0:
                del clusterer.stories[own.id]  # its postings go stale, as after a merge
                clusterer.merged(own.id, target.id)
        shift(target, unit, 1.0)
        clusterer.dirty_stories.update((own.id, target.id))
    return moved

def split(clusterer: StoryClusterer, features: Sequence[ArticleFeatures], labels: list[int]) -> int:
    """Cut stories that hold two clearly separate groups of articles in two
    (``StoryClusterSettings.split_min_size``); ``labels`` is updated in place and the
    number of stories cut is returned. Needs every article's features, so it is for a
    batch, like ``reassign``. The new half is a new story; a half that is large
    enough is tried again."""
    s = clusterer.settings
    if not s.split_min_size:
        return 0
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(label, []).append(index)
    queue = [story_id for story_id in sorted(members) if len(members[story_id]) >= s.split_min_size]
    cuts = 0
    while queue:
        story_id = queue.pop(0)
        indices = members[story_id]
        side = _bisect(clusterer, [features[i] for i in indices])
        if side is None:
            continue
        stay = [i for i, first in zip(indices, side, strict=True) if first]
        leave = [i for i, first in zip(indices, side, strict=True) if not first]
        story = clusterer.stories[story_id]
        indexed = set(story.centroid)  # terms whose postings already name the story
        new = clusterer.new_story()
        clusterer.splits.append((story_id, new.id))
        for part, target in ((stay, story), (leave, new)):
            target.centroid = {}
            target.first_day = target.last_day = None
            for index in part:
                feature = features[index]
                length = math.sqrt(sum(v * v for v in feature.terms.values())) or 1.0
                for term, value in feature.terms.items():
                    target.centroid[term] = target.centroid.get(term, 0.0) + value / length
                if feature.day is not None:
                    target.first_day = feature.day if target.first_day is None else min(target.first_day, feature.day)
                    target.last_day = feature.day if target.last_day is None else max(target.last_day, feature.day)
                labels[index] = target.id
            target.size = len(part)
            target.norm_at = -1
        for target, known in ((story, indexed), (new, set())):
            for term in target.centroid:
                if term not in known:
                    clusterer._postings.setdefault(term, []).append(target.id)
        members[story_id], members[new.id] = stay, leave
        clusterer.dirty_stories.update((story.id, new.id))
        cuts += 1
        queue += [sid for sid in (story_id, new.id) if len(members[sid]) >= s.split_min_size]
    return cuts

def _bisect(clusterer: StoryClusterer, features: Sequence[ArticleFeatures]) -> list[bool] | None:
    """Two groups of ``features`` (True: first group) by spherical 2-means over the
    IDF-weighted unit vectors, or None when they are not clearly apart. Mean pairwise
    similarities come from sums of unit vectors, so the cost is linear in the members."""
    s = clusterer.settings
    idf = clusterer._idf
    units = []
    for feature in features:
        weighted = {term: value * idf(term) for term, value in feature.terms.items()}
        norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        units.append({term: value / norm for term, value in weighted.items()})

    def total(vectors: Iterable[dict[str, float]]) -> dict[str, float]:
        summed: dict[str, float] = {}
        for vector in vectors:
            for term, value in vector.items():
                summed[term] = summed.get(term, 0.0) + value
        return summed

    def dot(a: dict[str, float], b: dict[str, float]) -> float:
        if len(a) > len(b):
            a, b = b, a
        return sum(value * b.get(term, 0.0) for term, value in a.items())

    # seeds: the article least like the rest, and the article least like that one
    everything = total(units)
    first = min(range(len(units)), key=lambda i: dot(units[i], everything))
    second = min((i for i in range(len(units)) if i != first), key=lambda i: dot(units[first], units[i]))
    centres = [units[first], units[second]]
    side: list[bool] | None = None
    for _ in range(20):
        norms = [math.sqrt(dot(c, c)) or 1.0 for c in centres]
        new_side = [dot(u, centres[0]) / norms[0] >= dot(u, centres[1]) / norms[1] for u in units]
        if new_side == side or all(new_side) or not any(new_side):
            break
        side = new_side
        centres = [total(u for u, first_half in zip(units, side, strict=False) if first_half),
                   total(u for u, first_half in zip(units, side, strict=False) if not first_half)]
    if side is None:
        return None
    size_a = sum(side)
    size_b = len(side) - size_a
    if min(size_a, size_b) < max(2, s.split_min_size // 2):
        return None
    sum_a, sum_b = centres
    within = min((dot(sum_a, sum_a) - size_a) / (size_a * (size_a - 1)),
                 (dot(sum_b, sum_b) - size_b) / (size_b * (size_b - 1)))
    cross = dot(sum_a, sum_b) / (size_a * size_b)
    if cross < s.threshold and cross < s.split_ratio * within:
        return side
    return None
