"""storydiff.tfidf gives scikit-learn's TF-IDF cosine to the last bit (the statement and
alignment thresholds were read on scikit-learn's figures)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from storydiff.tfidf import tfidf_cosine

# few distinct terms, so that terms repeat within and across documents (tf > 1, df > 1)
documents = st.lists(st.lists(st.sampled_from([f"t{i}" for i in range(12)]), max_size=15),
                     min_size=2, max_size=25).filter(any)


def _sklearn(docs: list[list[str]]):
    return TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True).fit_transform(docs)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_same_bits_as_sklearn_all_pairs(docs):
    assert np.array_equal(tfidf_cosine(docs), cosine_similarity(_sklearn(docs)))


@settings(max_examples=300, deadline=None)
@given(documents, st.integers(min_value=1, max_value=24))
def test_same_bits_as_sklearn_left_against_right(docs, split):
    split = min(split, len(docs) - 1)
    matrix = _sklearn(docs)
    expected = cosine_similarity(matrix[:split], matrix[split:])
    assert np.array_equal(tfidf_cosine(docs, split=split), expected)


def test_values_on_a_written_example():
    docs = [["storm", "coast", "storm"], ["storm", "coast"], ["vote", "senate"], []]
    similarity = tfidf_cosine(docs)
    assert similarity.shape == (4, 4)
    assert similarity[0, 1] > 0.9 and similarity[0, 2] == 0.0
    assert np.allclose(np.diag(similarity)[:3], 1.0) and similarity[3, 3] == 0.0
    assert np.array_equal(similarity, similarity.T)
