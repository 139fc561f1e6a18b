"""Sentence similarity: the TF-IDF cosine of term lists, as compare's statements and verify's
sentence alignment use it.

The figures are those of scikit-learn's ``TfidfVectorizer(analyzer=<the lists as given>,
sublinear_tf=True)`` followed by ``sklearn.metrics.pairwise.cosine_similarity``, to the last
bit (tests/test_tfidf.py compares the two): the same weights (1 + log tf, smoothed IDF
``1 + log((n + 1) / (df + 1))``, computed by the same numpy functions), the same L2
normalisations (twice: once by the vectorizer, once more by the cosine) and the same order of
every sum, so no threshold that was read on scikit-learn's figures moves. It is written out
here because importing scikit-learn cost 0.95 CPU s of a 4.8 s ``storydiff compare`` of two
short articles (its import pulls in ``scipy.stats``; benchmarks/results/cold_start.md), on
every comparison, for a few thousand multiplications.

Order of the sums: scikit-learn holds a sentence's terms in the order the vocabulary first met
them (over all sentences, in order), adds squares in that order for a norm, and adds the
products of a dot product in the order of the left sentence's terms.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


class _Rows:
    """Sparse rows: row ``r`` holds ``values[start[r]:start[r + 1]]`` for the terms
    ``terms[start[r]:start[r + 1]]``, in the order of the sums above."""

    def __init__(self, values: np.ndarray, terms: np.ndarray, start: np.ndarray) -> None:
        self.values, self.terms, self.start = values, terms, start
        self.lengths = np.diff(start)

    def positions(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """For each place p in a row: (the rows that have a p-th term, where it is stored)."""
        rows = np.arange(len(self.lengths))
        return [(rows[self.lengths > p], self.start[:-1][self.lengths > p] + p)
                for p in range(int(self.lengths.max(initial=0)))]

    def normalise(self) -> None:
        """Divide each row by its L2 norm, its squares added in row order (an empty row stays)."""
        sums = np.zeros(len(self.lengths))
        for rows, at in self.positions():
            sums[rows] = sums[rows] + self.values[at] * self.values[at]
        norms = np.sqrt(sums)
        has = np.repeat(sums != 0.0, self.lengths)
        self.values[has] = self.values[has] / np.repeat(norms, self.lengths)[has]


def _weighted(documents: Sequence[Sequence[str]]) -> _Rows:
    vocabulary: dict[str, int] = {}
    counts: list[int] = []
    terms: list[int] = []
    start = [0]
    for document in documents:
        counter: dict[int, int] = {}
        for term in document:
            index = vocabulary.setdefault(term, len(vocabulary))
            counter[index] = counter.get(index, 0) + 1
        for index in sorted(counter):
            terms.append(index)
            counts.append(counter[index])
        start.append(len(terms))
    term_array = np.asarray(terms, dtype=np.int64)
    values = np.asarray(counts, dtype=np.float64)
    np.log(values, values)
    values += 1.0
    frequency = np.bincount(term_array, minlength=len(vocabulary)).astype(np.float64)
    frequency += 1.0
    idf = np.full_like(frequency, fill_value=len(documents) + 1, dtype=np.float64)
    idf /= frequency
    np.log(idf, out=idf)
    idf += 1.0
    values *= idf[term_array]
    rows = _Rows(values, term_array, np.asarray(start, dtype=np.int64))
    rows.normalise()
    return rows


def _slice(rows: _Rows, first: int, last: int) -> _Rows:
    begin, end = rows.start[first], rows.start[last]
    return _Rows(rows.values[begin:end].copy(), rows.terms[begin:end], rows.start[first:last + 1] - begin)


def _products(left: _Rows, right: _Rows) -> np.ndarray:
    """left @ right.T as a dense matrix, each entry summed over the left row's terms in order."""
    out = np.zeros((len(left.lengths), len(right.lengths)))
    # right by term: for term t, the right rows holding it and their values
    order = np.argsort(right.terms, kind="stable")
    right_rows = np.repeat(np.arange(len(right.lengths)), right.lengths)[order]
    right_values = right.values[order]
    n_terms = int(max(left.terms.max(initial=-1), right.terms.max(initial=-1))) + 1
    term_start = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(right.terms, minlength=n_terms), out=term_start[1:])
    for rows, at in left.positions():
        term = left.terms[at]
        holders = term_start[term + 1] - term_start[term]
        # one entry per (left row, right row holding its p-th term); within one place p a
        # pair occurs once, so the += below adds each product once
        offsets = np.repeat(term_start[term] - np.cumsum(holders) + holders, holders) + np.arange(holders.sum())
        i = np.repeat(rows, holders)
        out[i, right_rows[offsets]] += np.repeat(left.values[at], holders) * right_values[offsets]
    return out


def tfidf_cosine(documents: Sequence[Sequence[str]], split: int | None = None) -> np.ndarray:
    """The TF-IDF cosine of every two documents (each a list of terms, IDF over all of them):
    an n x n matrix; with ``split``, only documents[:split] against documents[split:]. An
    empty document has similarity 0 to everything."""
    rows = _weighted(documents)
    rows.normalise()  # cosine_similarity normalises its inputs once more
    if split is None:
        return _products(rows, rows)
    return _products(_slice(rows, 0, split), _slice(rows, split, len(documents)))


__all__ = ["tfidf_cosine"]
