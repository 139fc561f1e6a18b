"""storydiff: compare news sources fact by fact."""

from .compare import compare_articles, compare_paths
from .ingest import read_articles
from .model import (
    AnnotatedArticle,
    Article,
    Claim,
    Comparison,
    Evidence,
    FactKey,
    Finding,
    Mention,
    Sentence,
    Series,
    SeriesPoint,
    Story,
)

__all__ = [
    "compare_articles", "compare_paths", "read_articles", "AnnotatedArticle", "Article", "Claim",
    "Comparison", "Evidence", "FactKey", "Finding", "Mention", "Sentence", "Series", "SeriesPoint", "Story",
]
