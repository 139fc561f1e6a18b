"""Verdict: each derived statement's worst judgement, and the overall verdict (faithful or not)."""

from __future__ import annotations

from typing import cast

from .. import rules
from ..compare import canonical_names
from ..model import AnnotatedArticle, Evidence, Sentence, StatementKind
from ..settings import current
from .checks import _CHECKS, _Context
from .novel import _novel_terms
from .result import Statement, Verdict, _Judgement
from .status import aligned_sentences


def verify_annotated(source: AnnotatedArticle, derived: AnnotatedArticle) -> list[Statement]:
    """Judge each statement of an annotated derived text against its annotated source: every
    registered check in turn (``_CHECKS``), the worst judgement of each statement standing."""
    sentences = derived.title_sentences + derived.sentences
    ctx = _Context(source, derived, canonical_names([source, derived]), sentences,
                   f"{source.article.title or ''}\n{source.article.text}".lower(),
                   {t.lemma_.lower() for doc in (source.doc, source.title_doc) if doc is not None for t in doc})
    judgements: dict[tuple[str, int], list[_Judgement]] = {(s.field, s.index): [] for s in sentences}
    for check, names in _CHECKS:
        if not any(rules.enabled(name) for name in names):
            continue
        for judgement in check(ctx):
            judgement.rule = judgement.rule or names[0]
            key = judgement.key or ctx.key_of(judgement.evidence[-1])
            if key is None or not rules.enabled(judgement.rule):
                continue
            rules.fired(judgement.rule)
            judgements[key].append(judgement)
    canonical = ctx.canonical
    # Statement alignment: the best source sentence of each derived sentence.
    best: dict[tuple[str, int], tuple[Sentence, float]] = {}
    for left, right, similarity in aligned_sentences(derived, source, canonical, minimum=0.0):
        best.setdefault((left.field, left.index), (right, similarity))
    novel = _novel_terms(source, derived, canonical)
    statements = []
    for sentence in sentences:
        key = (sentence.field, sentence.index)
        found = judgements[key]
        match = best.get(key)
        if match is None or match[1] < current().verify.unsupported_similarity:
            if rules.enabled("verify.check.no_counterpart"):
                rules.fired("verify.check.no_counterpart")
                found.append(_Judgement("not_mentioned", "statement", [], "no source sentence says this", 1,
                                        "verify.check.no_counterpart"))
        if match is not None:
            right, similarity = match
            found.append(_Judgement(
                "supported", None, [Evidence(source.id, right.start, right.end, right.text, right.field,
                                             similarity=round(similarity, 2))],
                f"closest source sentence (similarity {similarity:.2f})"
                + (f"; words not in the source: {', '.join(novel[key])}" if novel.get(key) else ""), 2))
        worst = min(found, key=lambda j: j.rank) if found else \
            _Judgement("supported", None, [], "no rule holds anything against it", 2)
        evidence = list(worst.evidence)
        if worst.status != "supported" and match is not None and match[1] >= current().verify.unsupported_similarity:
            right = match[0]
            context = Evidence(source.id, right.start, right.end, right.text, right.field)
            if context not in evidence and worst.status == "not_mentioned":
                evidence.append(context)
        statements.append(Statement(sentence.text, sentence.start, sentence.end, sentence.field,
                                    worst.status, cast(StatementKind | None, worst.kind),  # checks name these kinds
                                    evidence, worst.explanation, worst.rule or None))
    return statements


def verdict_of(statements: list[Statement], strict: bool = False,
               unsupported_share: float | None = None) -> Verdict:
    """The overall verdict. Strict (``verify --strict``): ``faithful`` only when every
    statement is supported. Otherwise ``unfaithful`` needs a contradiction (the source says
    otherwise, both spans shown), or at least ``UNSUPPORTED_SHARE`` of the statements not
    mentioned by the source."""
    if strict:
        return "faithful" if all(s.status == "supported" for s in statements) else "unfaithful"
    if any(s.status == "contradicted" for s in statements):
        return "unfaithful"
    share = current().verify.unsupported_share if unsupported_share is None else unsupported_share
    missing = sum(s.status == "not_mentioned" for s in statements)
    return "unfaithful" if statements and missing and missing / len(statements) >= share else "faithful"
