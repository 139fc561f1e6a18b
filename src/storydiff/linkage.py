"""Complete-linkage grouping of items under a distance threshold: every two members of a group
are closer than the threshold (compare's statements: sentences that all say the same thing).

The groups are those of scikit-learn's ``AgglomerativeClustering(metric="precomputed",
linkage="complete", distance_threshold=threshold)`` (tests/test_linkage.py compares the two):
that class builds SciPy's tree (``scipy.cluster.hierarchy.linkage``, method "complete") and
undoes every merge at or above the threshold, which is what is done here with SciPy directly.
Importing scikit-learn cost more than the whole comparison of two short articles (0.95 CPU s,
it pulls in ``scipy.stats``; benchmarks/results/cold_start.md); SciPy's hierarchy is imported
only when a comparison groups sentences.
"""

from __future__ import annotations

import numpy as np


def complete_linkage_groups(distance: np.ndarray, threshold: float) -> list[int]:
    """A group number for each item of the square ``distance`` matrix: items are grouped by
    complete linkage, merging while the distance between two groups is below ``threshold``."""
    from scipy.cluster.hierarchy import linkage

    matrix = np.asarray(distance, dtype=np.float64)
    n = len(matrix)
    if n < 2:
        return list(range(n))
    # the condensed form SciPy takes: the upper triangle, row by row (``squareform``'s order)
    tree = linkage(matrix[np.triu_indices(n, 1)], method="complete")
    # Union-find over the leaves; node n + i is the cluster the i-th merge made. Complete
    # linkage is monotone, so the merges below the threshold are the first ones.
    parent = list(range(n))
    leader = list(range(n)) + [0] * (n - 1)

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for step, (left, right, at, _) in enumerate(tree):
        if at >= threshold:
            break
        a, b = root(leader[int(left)]), root(leader[int(right)])
        parent[a] = b
        leader[n + step] = b
    return [root(i) for i in range(n)]


__all__ = ["complete_linkage_groups"]
