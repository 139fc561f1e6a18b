"""storydiff.linkage groups as scikit-learn's complete-linkage AgglomerativeClustering does,
ties included (compare's statements were read on scikit-learn's groups)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.cluster import AgglomerativeClustering

from storydiff.linkage import complete_linkage_groups


def _partition(labels) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for item, label in enumerate(labels):
        groups.setdefault(int(label), []).append(item)
    return sorted(groups.values())


@st.composite
def distances(draw):
    n = draw(st.integers(min_value=2, max_value=20))
    # a few values only, so that distances tie (the order of merges then decides the groups)
    values = st.sampled_from([0.0, 0.2, 0.5, 0.6, 0.67, 0.7, 1.0, 2.0]) if draw(st.booleans()) \
        else st.floats(min_value=0.0, max_value=2.0)
    matrix = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            matrix[i, j] = matrix[j, i] = draw(values)
    return matrix


@settings(max_examples=400, deadline=None)
@given(distances(), st.sampled_from([0.3, 0.5, 0.67 + 1e-9, 0.7]))
def test_same_groups_as_sklearn(distance, threshold):
    expected = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="complete",
                                       distance_threshold=threshold).fit_predict(distance)
    assert _partition(complete_linkage_groups(distance, threshold)) == _partition(expected)


def test_complete_not_single_linkage():
    # a chain: 0 near 1, 1 near 2, 0 far from 2; and 3 far from all
    distance = np.array([[0.0, 0.1, 0.9, 1.0],
                         [0.1, 0.0, 0.2, 1.0],
                         [0.9, 0.2, 0.0, 1.0],
                         [1.0, 1.0, 1.0, 0.0]])
    assert _partition(complete_linkage_groups(distance, 0.5)) == [[0, 1], [2], [3]]
    assert _partition(complete_linkage_groups(distance, 0.95)) == [[0, 1, 2], [3]]
