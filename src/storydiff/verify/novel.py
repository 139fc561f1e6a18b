"""Novel names and terms: what a derived text names or says that the source never does."""

from __future__ import annotations

from ..align import sentence_terms
from ..compare import ENTITY_NAME_KINDS
from ..model import AnnotatedArticle, Evidence


def _novel_names(source: AnnotatedArticle, derived: AnnotatedArticle,
                 canonical: dict[str, str]) -> list[tuple[Evidence, str]]:
    """Names of people, organisations and places in the derived text that the source never
    mentions, under any of its spellings."""
    source_text = f"{source.article.title or ''}\n{source.article.text}".lower()
    source_names = {canonical.get(m.text, m.text) for m in source.mentions
                    if m.kind in ENTITY_NAME_KINDS | {"place", "group"}}
    found: list[tuple[Evidence, str]] = []
    for mention in derived.mentions:
        if mention.kind not in ENTITY_NAME_KINDS | {"place", "group"}:
            continue
        if canonical.get(mention.text, mention.text) in source_names or mention.text.lower() in source_text:
            continue
        # Every word of a multi-word name in the source ("the Ohio plant" for "Ohio") is
        # the same name shortened or reordered.
        words = [w for w in mention.text.lower().split() if len(w) > 2]
        if words and all(w in source_text for w in words):
            continue
        found.append((Evidence(derived.id, mention.start, mention.end, mention.text, mention.field, mention.text),
                      mention.kind))
    return found


def _novel_terms(source: AnnotatedArticle, derived: AnnotatedArticle,
                 canonical: dict[str, str]) -> dict[tuple[str, int], list[str]]:
    """Content terms of each derived sentence that no source sentence has."""
    source_terms = {t for words in sentence_terms(source, canonical).values() for t in words}
    source_words = {t.lower_ for doc in (source.doc, source.title_doc) if doc is not None for t in doc}
    source_words |= {t.lemma_.lower() for doc in (source.doc, source.title_doc) if doc is not None for t in doc}
    return {key: [t for t in words if t not in source_terms and t not in source_words]
            for key, words in sentence_terms(derived, canonical).items()}
