"""Compare a story: the order compare's finders run in, and the ``Comparison`` of articles,
annotated or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .. import rules
from ..annotate import annotate_articles
from ..errors import NotEnoughArticles
from ..ingest import article_length_problem, read_articles
from ..language import language_warnings
from ..model import AnnotatedArticle, Article, Comparison, Finding
from ..prepare import prepare
from ..settings import Settings, default_settings, in_effect
from . import facts
from .context import StoryContext
from .entities import _entity_index, canonical_names
from .findings import _claim_findings
from .series import series_of
from .statements import _note_disputes, _note_partial, _restates
from .typed import _judge_claims


def compare_annotated(annotated: Sequence[AnnotatedArticle],
                      canonical: dict[str, str] | None = None) -> list[Finding]:
    """Findings for already annotated articles of one story (``canonical``: surface form
    to canonical name, computed here when not given)."""
    canonical = canonical if canonical is not None else canonical_names(annotated)
    articles = {item.id: item.article for item in annotated}
    story = StoryContext(annotated, canonical)
    findings = _claim_findings(_judge_claims(annotated, canonical), articles)
    findings += rules.find("compare.finder.spelling", story)
    # Conflicts without a typed value: which of two named siblings is the older, and an
    # act denied in a bounded period against the act reported (docs/compare.md).
    findings += rules.find("compare.finder.kinship", story)
    findings += rules.find("compare.finder.denial", story)
    # The negation/antonym (status) reader of ``verify.status`` is left out of reports: on the
    # annotated pairs they found none of the gold status conflicts, and on BASIL all ten
    # they raised were false alarms (the same quote split into sentences differently).
    # ``verify`` uses them, where the derived text is read against one source.
    statements = rules.find("compare.finder.statements", story)
    if rules.enabled("compare.judge.restated"):
        kept = [f for f in findings if not _restates(f, statements)]
        if len(kept) < len(findings):
            rules.fired("compare.judge.restated")
        findings = kept
    findings += statements
    # Issue 16: list items are not compared item by item; no agreement hides a difference.
    findings = facts.screen(findings, annotated, canonical)
    order = {"conflict": 0, "agreement": 1, "unique": 2}
    findings.sort(key=lambda f: (order[f.type], -f.confidence))
    for number, finding in enumerate(findings, 1):
        finding.id = f"F{number}"
    _note_disputes(findings)
    _note_partial(findings, articles)
    return findings


def compare_articles(articles: Sequence[Article], settings: Settings | None = None, *,
                     annotator=None) -> Comparison:
    """Compare the articles of one story: the core of ``storydiff compare``. ``annotator``
    replaces ``annotate_articles`` (``annotate.stored`` reads parses from the store)."""
    settings = settings or default_settings()
    # A misspelt rule name is refused before any work is done (rules.UnknownRule names it).
    rules.check_names(settings.compare.disabled_rules, "compare.")
    for article in articles:  # spaCy refuses over 1,000,000 characters (E088); see ingest
        if problem := article_length_problem(article, settings.max_article_chars):
            raise problem
    prepared = prepare(articles)
    if len(prepared) < 2:
        raise NotEnoughArticles(
            f"a comparison needs at least two articles, got {len(prepared)}: "
            "give two or more reports of the same story"
        )
    # Quotes are not compared yet (attribution conflicts are future work): skip them.
    annotated = (annotator or annotate_articles)(prepared, settings, with_quotes=False)
    return comparison_of(prepared, annotated, settings)


def comparison_of(prepared: Sequence[Article], annotated: Sequence[AnnotatedArticle],
                  settings: Settings | None = None) -> Comparison:
    """The comparison of prepared and annotated articles, with the rules the settings switch
    off (``[storydiff.compare] disabled_rules``) off: the step after annotation, which a
    benchmark that annotates once re-runs with one rule off at a time."""
    settings = settings or default_settings()
    # the rules read the run's switches and thresholds (settings.current)
    with rules.rule_run(rules.check_names(settings.compare.disabled_rules, "compare.")), in_effect(settings):
        canonical = canonical_names(annotated)
        findings = [f for f in compare_annotated(annotated, canonical)
                    if f.type != "conflict" or f.confidence >= settings.min_conflict_confidence]
    by_id = {a.id: a for a in prepared}
    return Comparison(articles=list(prepared), findings=findings, entities=_entity_index(annotated, canonical),
                      warnings=language_warnings(prepared, settings.min_language_chars),
                      series=series_of(findings, by_id))


def compare_paths(paths: Iterable[str], settings: Settings | None = None, **metadata) -> Comparison:
    """Read, clean and compare files; unreadable inputs are listed in ``errors``."""
    settings = settings or default_settings()
    result = read_articles(paths, max_bytes=settings.max_input_bytes, max_chars=settings.max_article_chars,
                           **metadata)
    if len(result.articles) < 2:
        raise NotEnoughArticles(
            f"a comparison needs at least two readable articles, got {len(result.articles)}"
            + ("; problems: " + "; ".join(f"{e.source}: {e.message}" for e in result.errors)
               if result.errors else "")
        )
    comparison = compare_articles(result.articles, settings)
    comparison.errors = result.errors
    comparison.warnings = result.warnings + comparison.warnings
    return comparison
