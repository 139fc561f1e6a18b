"""Indirect quotes: reported speech ("the minister said the talks would resume") and
"according to" attributions."""

from __future__ import annotations

from typing import Any

from ..nlp import doc_text
from .spans import _close_quote, _extent, _trimmed_extent
from .speakers import _contiguous_around, _speaker_tokens
from .vocabulary import (
    _CLAUSE_ONLY,
    _COMPLEMENT_DEPS,
    _SUBJECT_DEPS,
    REPORTING_VERBS,
    STANCE_VERBS,
    _Attribution,
    _Region,
)

# --- indirect quotes -------------------------------------------------------------------


def _is_reporting(token: Any) -> bool:
    if token.pos_ not in {"VERB", "AUX"} and not (token.pos_ == "NOUN" and token.tag_ == "VBZ"):
        return False
    return _lemma(token) in REPORTING_VERBS or _lemma(token) in STANCE_VERBS


def _lemma(token: Any) -> str:
    # The small English model lemmatises "hoping" as "hop".
    if token.lower_ in {"hoping", "hoped"}:
        return "hope"
    return token.lemma_.lower()


def _indirect(token: Any, regions: list[_Region]) -> _Attribution | None:
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return _according_to(token)
    if not _is_reporting(token):
        return None
    lemma = _lemma(token)
    children = list(token.children)
    clauses = [c for c in children if c.dep_ == "ccomp"]
    content_tokens: list[Any] = []
    if clauses:
        for clause in clauses:
            content_tokens.extend(clause.subtree)
    elif token.dep_ == "parataxis" or (
        token.dep_ in {"advcl", "ccomp"} and token.i > token.head.i and _aside(token)
    ):
        # "The plan, he said, is dead." / "The plan is dead, he said.": the reported clause
        # is the verb's head minus the attribution aside itself.
        # The aside may sit inside the clause; the content is one span, so it keeps the
        # aside between its two halves (PolNeAR annotates the same extent in two pieces).
        aside = set(t.i for t in token.subtree)
        content_tokens = [t for t in token.head.subtree if t.i not in aside]
    else:
        if lemma in _CLAUSE_ONLY:
            complements = [
                c
                for c in children
                if c.dep_ in {"xcomp", "oprd"} or (c.dep_ == "prep" and c.lower_ == "for")
            ]
            if any(c.dep_ == "oprd" for c in complements):
                # "called the plan a disaster": what is said is the object and its label.
                complements += [c for c in children if c.dep_ == "dobj"]
            if lemma in {"decline", "refuse"}:
                complements = [c for c in children if c.dep_ == "xcomp"]
        else:
            complements = [c for c in children if c.dep_ in _COMPLEMENT_DEPS]
        for complement in complements:
            content_tokens.extend(complement.subtree)
    content_tokens = [t for t in content_tokens if not t.is_space]
    if not content_tokens:
        return None
    start, end = _trimmed_extent(content_tokens)
    if end - start < 2:
        return None
    end = _close_quote(doc_text(token.doc), start, end)
    speaker_tokens = _speaker_tokens(token, regions)
    if not speaker_tokens:
        # Without a source, "is expected to", "was reported" and imperatives are not quotes.
        return None
    return _Attribution(start, end, token, None, False, _extent(speaker_tokens), speaker_tokens)


def _aside(token: Any) -> bool:
    """A short "X said" clause with a subject and nothing reported of its own."""
    subtree = list(token.subtree)
    return len(subtree) <= 12 and any(c.dep_ in _SUBJECT_DEPS for c in token.children)


def _according_to(token: Any) -> _Attribution | None:
    preposition = next(c for c in token.children if c.lower_ == "to")
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects:
        return None
    speaker_tokens = list(objects[0].subtree)
    phrase = set(t.i for t in token.subtree)
    clause = token.head if token.head is not token else token
    rest = [t for t in token.sent if t.i not in phrase and not t.is_space]
    if clause is not token:
        rest = [t for t in clause.subtree if t.i not in phrase and not t.is_space] or rest
    rest = _contiguous_around(rest, clause if clause is not token else rest[0] if rest else token)
    if not rest:
        return None
    start, end = _trimmed_extent(rest)
    end = _close_quote(doc_text(token.doc), start, end)
    cue_end = preposition.idx + len(preposition.text)
    return _Attribution(start, end, token, cue_end, False, _extent(speaker_tokens), speaker_tokens)


def _mostly_direct(attribution: _Attribution, regions: list[_Region]) -> bool:
    """An indirect reading that only restates a direct quote already attributed."""
    for region in regions:
        if not region.used:
            continue
        overlap = min(region.end, attribution.end) - max(region.start, attribution.start)
        if overlap > 0.6 * (attribution.end - attribution.start):
            return True
    return False
