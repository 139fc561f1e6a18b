"""storydiff: compare news sources fact by fact."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("storydiff")
except PackageNotFoundError:  # run from a source tree that was never installed
    __version__ = "0+unknown"

from .compare import compare_articles, compare_paths  # noqa: E402
from .ingest import read_articles  # noqa: E402
from .model import (  # noqa: E402
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
    WireCopy,
)

__all__ = [
    "__version__", "compare_articles", "compare_paths", "read_articles", "AnnotatedArticle", "Article",
    "Claim", "Comparison", "Evidence", "FactKey", "Finding", "Mention", "Sentence", "Series", "SeriesPoint",
    "WireCopy",
]
