"""The pipeline of one story: prepare → annotate (once) → compare → brief, the one way the
CLI (``compare``, ``brief``, ``show``), the web app (the compare form, the API) and the stored
results (``results.compute``) run it. Rendering is the caller's (``render``), in its format.

Each text is parsed once: the annotation the comparison reads is kept (``StoryRun.annotated``)
and the brief takes its timeline's dates from it instead of parsing every text again (before,
``compare --brief`` on the bundled example ran the full spaCy pipeline twice over each text:
tests/test_pipeline.py counts the passes).

Also here: ``cluster_file``, the ``cluster`` command's work (read a .jsonl file, group its
articles into stories and wire groups), callable without the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .brief import Brief, summarise
from .model import AnnotatedArticle, Article, Comparison, Mention
from .settings import Settings, default_settings

__all__ = ["StoryRun", "compare_story", "brief_story", "timexes_of", "ClusteredFile", "cluster_file"]

Annotator = Callable[..., list[AnnotatedArticle]]


@dataclass
class StoryRun:
    """One story through the pipeline: its comparison (None for ``brief_story`` of one
    article), the annotation the comparison read, and the brief when one was asked for."""

    comparison: Comparison | None
    annotated: list[AnnotatedArticle] = field(default_factory=list)
    brief: Brief | None = None

    def compared(self) -> Comparison:
        """The comparison, which ``compare_story`` always makes."""
        if self.comparison is None:
            raise ValueError("this run compared nothing (a brief of one article)")
        return self.comparison

    def briefed(self) -> Brief:
        """The brief, which ``brief_story`` and ``compare_story(brief=True)`` always make."""
        if self.brief is None:
            raise ValueError("this run made no brief (compare_story without brief=True)")
        return self.brief


def _annotator(annotator: Annotator | None, store: Any) -> Annotator:
    if annotator is not None:
        return annotator
    if store is not None:  # each article's parse read from the store, or kept there
        from .annotate.stored import annotate_stored

        return lambda prepared, settings=None, *, with_quotes=True: annotate_stored(
            prepared, store, settings, with_quotes=with_quotes)
    from . import annotate

    return annotate.annotate_articles


def _compared(articles: Sequence[Article], settings: Settings, annotator: Annotator | None,
              store: Any) -> tuple[Comparison, list[AnnotatedArticle]]:
    from .compare import compare_articles

    annotate = _annotator(annotator, store)
    kept: list[AnnotatedArticle] = []

    def annotate_once(prepared: Sequence[Article], settings: Settings | None = None, *,
                      with_quotes: bool = True) -> list[AnnotatedArticle]:
        kept[:] = annotate(prepared, settings, with_quotes=with_quotes)
        return kept

    comparison = compare_articles(articles, settings, annotator=annotate_once)
    return comparison, list(kept)


def timexes_of(articles: Sequence[Article], annotated: Sequence[AnnotatedArticle]) -> dict[str, list[Mention]]:
    """Article id -> the time expressions of its text, from ``annotated``, for each article
    annotated with the same text: the annotation's own when it was resolved against the same
    publication date, else read again from its kept parse (a comparison infers missing
    dates, so its articles may carry one the caller's lack). Never parses."""
    from .annotate.temporal import find_timexes

    by_id = {item.id: item for item in annotated}
    found: dict[str, list[Mention]] = {}
    for article in articles:
        item = by_id.get(article.id)
        if item is None or item.article.text != article.text:
            continue
        if item.article.published_date == article.published_date:
            found[article.id] = [m for m in item.mentions if m.field == "text" and m.label == "TIMEX3"]
        elif item.doc is not None:
            found[article.id] = find_timexes(article.text, article.published_date, doc=item.doc)
    return found


def compare_story(articles: Sequence[Article], settings: Settings | None = None, *, brief: bool = False,
                  words: int | None = None, annotator: Annotator | None = None, store: Any = None) -> StoryRun:
    """Compare the articles of one story and, with ``brief``, summarise the compared articles
    in ``words`` words (default: the ``brief_words`` setting) reusing the comparison's
    annotation. ``annotator`` replaces ``annotate_articles``; ``store`` reads and keeps each
    article's annotation there (``annotate.stored``). Raises what ``compare_articles`` raises."""
    settings = settings or default_settings()
    comparison, annotated = _compared(articles, settings, annotator, store)
    run = StoryRun(comparison, annotated)
    if brief:
        run.brief = summarise(comparison.articles, words or settings.brief_words, findings=comparison.findings,
                              timexes=timexes_of(comparison.articles, annotated))
    return run


def brief_story(articles: Sequence[Article], settings: Settings | None = None, *,
                words: int | None = None) -> StoryRun:
    """The brief of ``articles`` (``storydiff brief``): with two or more, compared first for the
    conflicts the brief must state, its dates read from the comparison's annotation."""
    settings = settings or default_settings()
    articles = list(articles)
    words = words or settings.brief_words
    if len(articles) < 2:
        return StoryRun(None, [], summarise(articles, words))
    comparison, annotated = _compared(articles, settings, None, None)
    return StoryRun(comparison, annotated, summarise(articles, words, findings=comparison.findings,
                                                     timexes=timexes_of(articles, annotated)))


# --------------------------------------------------------------------------------------
# Clustering one file (``storydiff cluster``)


@dataclass
class ClusteredFile:
    """Each readable record's id, story label and wire group (named by the id of its likely
    original), in file order; ``skipped`` the lines that could not be read, each with why."""

    ids: list[Any]
    stories: list[int]
    wire_groups: list[Any]
    skipped: list[str] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        return [{"id": i, "story": s, "wire_group": w}
                for i, s, w in zip(self.ids, self.stories, self.wire_groups, strict=False)]


def cluster_file(path: Path, cluster_settings: Any, wire_settings: Any, *, stream: bool = False) -> ClusteredFile:
    """Group the articles of a .jsonl file (the stories/ format: id, title, text, url,
    published, outlet) into stories and wire groups, without a database. ``stream`` feeds
    them one by one in publication order with IDF learnt as they come (as ingest does)
    instead of IDF from the whole file. A line that cannot be read is skipped and named; the
    rest go on."""
    from .clean import clean_article
    from .cluster import cluster_batch, cluster_stream, stream_order
    from .errors import InputProblem
    from .feed import read_story_record
    from .wire import likely_original, wire_groups

    articles: list[Article] = []
    ids: list[Any] = []
    skipped: list[str] = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            article = clean_article(read_story_record(record, where, f"{Path(path).stem}-{number}"))
        except json.JSONDecodeError as exc:
            skipped.append(f"{where}: malformed JSON at column {exc.colno}: {exc.msg}")
            continue
        except InputProblem as exc:
            skipped.append(str(exc))
            continue
        articles.append(article)
        ids.append(record.get("id") if record.get("id") is not None else article.id)
    if not articles:
        return ClusteredFile([], [], [], skipped)
    if stream:
        order = stream_order(articles)
        labels_in_order = cluster_stream([articles[i] for i in order], cluster_settings)
        labels = [0] * len(articles)
        for position, index in enumerate(order):
            labels[index] = labels_in_order[position]
    else:
        labels = cluster_batch(articles, cluster_settings)
    groups = wire_groups(articles, wire_settings)
    members: dict[int, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    original = {group: keys[likely_original([(k, articles[k]) for k in keys])] for group, keys in members.items()}
    return ClusteredFile(ids, labels, [ids[original[groups[index]]] for index in range(len(ids))], skipped)
