"""Verify a derived text against its source: prepare and annotate both, judge every statement, give
the verdict.
"""

from __future__ import annotations

import time
from dataclasses import replace

from .. import rules
from ..annotate import annotate_articles
from ..model import AnnotatedArticle, Article
from ..prepare import prepare
from ..settings import Settings, default_settings, in_effect
from .result import Verification
from .verdict import verdict_of, verify_annotated


def _disabled(settings: Settings) -> list[str]:
    """``[storydiff.verify] disabled_rules``: verify's own rules and the date grammar's patterns
    it annotates with; any other name is refused, named."""
    disabled = settings.verify.disabled_rules
    wrong = [name for name in disabled if not name.startswith(("verify.", "temporal."))]
    if wrong:
        raise rules.UnknownRule(f"[storydiff.verify] disabled_rules names rules that are not verify's "
                                f"or the date grammar's: {', '.join(map(repr, wrong))}")
    rules.check_names(disabled)
    return disabled


def annotate_pair(source: Article, derived: Article, settings: Settings | None = None
                  ) -> tuple[AnnotatedArticle, AnnotatedArticle]:
    """The source and the derived text cleaned like compare's inputs (page furniture out,
    publication dates inferred) and annotated: what ``verify_annotated`` reads."""
    settings = settings or default_settings()
    if derived.id == source.id:
        derived = replace(derived, id=f"{derived.id}~derived")
    source, derived = prepare([source, derived])
    with rules.rule_run(_disabled(settings)):
        annotated_source, annotated_derived = annotate_articles([source, derived], settings)
    return annotated_source, annotated_derived


def verify(source: Article, derived: Article, settings: Settings | None = None, *,
           strict: bool = False) -> Verification:
    """Whether ``derived`` (a rewrite, summary or wire copy) is faithful to ``source``;
    ``strict``: only when the source supports every statement (``verdict_of``)."""
    settings = settings or default_settings()
    started = time.perf_counter()
    annotated_source, annotated_derived = annotate_pair(source, derived, settings)
    # the checks read the run's switches and thresholds (settings.current)
    with rules.rule_run(_disabled(settings)), in_effect(settings):
        statements = verify_annotated(annotated_source, annotated_derived)
        verdict = verdict_of(statements, strict)
    return Verification(annotated_source.article, annotated_derived.article, verdict,
                        statements, time.perf_counter() - started, strict)
