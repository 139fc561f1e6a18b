"""Complete-linkage grouping of items under a distance threshold: every two members of a group
are closer than the threshold (compare's statements: sentences that all say the same thing).

The groups are those of scikit-learn's ``AgglomerativeClustering(metric="precomputed",
linkage="complete", distance_threshold=threshold)``, ties included (tests/test_linkage.py
compares the two): that class builds SciPy's tree with the nearest-neighbour-chain algorithm
(``scipy.cluster.hierarchy.linkage``, method "complete") and undoes every merge at or above
the threshold; the same algorithm is run here, with the same order of visits, so that where
two merges tie the same one is made. It is written out because importing scikit-learn (or
``scipy.cluster``, 0.25 CPU s: it pulls in ``scipy.spatial`` and ``scipy.linalg``) cost more
than the whole comparison of two short articles (benchmarks/results/cold_start.md).
"""

from __future__ import annotations

import numpy as np


def _merges(distance: np.ndarray) -> list[tuple[int, int, float]]:
    """SciPy's ``nn_chain`` for complete linkage: (dropped slot, kept slot, distance) per merge,
    in the order made. Only the upper triangle of ``distance`` is read."""
    n = len(distance)
    upper = np.triu(distance, 1)
    between = upper + upper.T  # symmetric; x + 0.0 is x, so every entry is the one given
    active = np.ones(n, dtype=bool)
    chain: list[int] = []
    merges = []
    for _ in range(n - 1):
        if not chain:
            chain.append(int(np.argmax(active)))
        while True:
            x = chain[-1]
            # the previous element of the chain is preferred on a tie (no cycles)
            y, nearest = (chain[-2], between[x, chain[-2]]) if len(chain) > 1 else (-1, np.inf)
            row = np.where(active, between[x], np.inf)
            row[x] = np.inf
            first = int(np.argmin(row))  # the first of equal minima, as SciPy's scan finds it
            if row[first] < nearest:
                y, nearest = first, row[first]
            if len(chain) > 1 and y == chain[-2]:
                break
            chain.append(y)
        del chain[-2:]
        x, y = min(x, y), max(x, y)  # slot y holds the merged cluster, as in SciPy
        merges.append((x, y, float(nearest)))
        active[x] = False
        others = active.copy()
        others[y] = False
        merged = np.maximum(between[x, others], between[y, others])
        between[y, others] = merged
        between[others, y] = merged
    return merges


def complete_linkage_groups(distance: np.ndarray, threshold: float) -> list[int]:
    """A group number for each item of the square ``distance`` matrix: items are grouped by
    complete linkage, merging while the distance between two groups is below ``threshold``."""
    n = len(distance)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for dropped, kept, at in _merges(np.asarray(distance, dtype=np.float64)):
        if at < threshold:
            parent[root(dropped)] = root(kept)
    return [root(i) for i in range(n)]


__all__ = ["complete_linkage_groups"]
