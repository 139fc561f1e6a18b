"""Which reports are not in English: storydiff's readers (spaCy's English model, English
date, number and quote patterns) find no facts in them, and the user is told so instead of
getting an empty comparison in silence.

The detector is py3langid (langid.py's model, shipped inside its wheel: nothing is
downloaded; kept uncompressed in the user's cache by ``reference.language_model``). It is
asked only about texts of at least ``Settings.min_language_chars`` letters, and a text is
named only when another language is the detector's first choice with a normalised
probability of at least ``CONFIDENT``: a short English report full of foreign names scores
English first at 0.2-0.7, so anything less sure stays silent. Over the 2,041
English reports of ../shared/data/stories/ (BASIL, DUC 2004, ECB+, NewsWCL50, WikiRef220) it
names none (81 are under 200 letters and not asked).
"""

from __future__ import annotations

from collections.abc import Iterable

from .model import Article, InputWarning
from .reference.language_model import language_identifier

CONFIDENT = 0.9
# The detector reads character n-grams; the first part of a long report decides as well as
# the whole and costs a fraction.
SAMPLE_CHARS = 10_000


def detect(text: str, min_letters: int) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability), or None for a text too short to judge."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < min_letters:
        return None
    language, probability = language_identifier().classify(sample)
    return language, float(probability)


def language_warnings(articles: Iterable[Article], min_letters: int) -> list[InputWarning]:
    """A warning for each report that reads as another language than English."""
    warnings = []
    for article in articles:
        found = detect(f"{article.title or ''}\n{article.text}", min_letters)
        if found is None:
            continue
        language, probability = found
        if language != "en" and probability >= CONFIDENT:
            warnings.append(InputWarning(
                article.source or article.id,
                f"reads as language '{language}' (not English, detector confidence {probability:.2f}): "
                "storydiff reads English only, so no findings are produced for this report; "
                "give an English version of it"))
    return warnings
