"""Prepare: clean a story's articles and infer missing publication dates, before annotation
(compare, verify and ``storydiff annotate`` start here).
"""

from __future__ import annotations

from collections.abc import Iterable

from .clean import clean_article
from .dating import infer_published
from .model import Article


def prepare(articles: Iterable[Article]) -> list[Article]:
    """Clean articles and infer missing publication dates across the story."""
    cleaned = [a if a.removed or not a.original else clean_article(a) for a in articles]
    return infer_published(cleaned)
