"""Status clashes: two aligned sentences that state opposite states or outcomes
(``verify.check.status_clash``).

Two kinds, both judged only inside pairs of sentences that say nearly the same thing
(TF-IDF cosine of the content lemmas ``align.sentence_terms`` gives, the statement alignment
``compare`` uses):

- **negation**: one sentence negates a predicate the other asserts ("There was no statement
  from X" / "X said in a statement"; "could not result in" / "could result in");
- **antonym**: the two sentences put opposite words in the same place ("shares rose" /
  "shares fell"; "convicted" / "acquitted"), from WordNet's antonyms
  (``annotate.lexicon``) and a short list of closed-class opposites (``verify.opposites.OPPOSITES``:
  "before"/"after", "more"/"less").

Precision comes first (a false alarm in front of a fact-checker costs more than a miss):
the predicate must be the same event (same lemma or same ``align.EVENT_CLASSES`` class)
and share an argument (subject, object or modifier lemma, or a canonical entity) with its
counterpart, and a sentence that states both polarities of the predicate rules the pair out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..align import CONTENT_POS, event_class, sentence_terms
from ..lang.clauses import _same_subject
from ..lang.negation import _negation_cue
from ..model import AnnotatedArticle, Evidence, Field, Finding, Sentence
from ..settings import current
from .opposites import _opposites

# Words for the same status predicate that ``align.EVENT_CLASSES`` does not join: a
# statement is a saying, a deal an agreement. Generic news vocabulary.
_SAME_STATUS = {"statement": "say", "comment": "say", "remark": "say", "announcement": "say",
                "agreement": "deal", "accord": "deal", "pact": "deal", "treaty": "deal",
                "strike": "deal"}


def _class(token: Any) -> str:
    lemma = token.lemma_.lower()
    return _SAME_STATUS.get(lemma, event_class(lemma))


# Adverbs, particles and prepositions count as the "same place" for antonyms only where they
# modify a predicate both sentences share ("shares went up" / "shares went down").
_ANTONYM_POS = CONTENT_POS | {"ADV", "ADP"}


@dataclass(frozen=True)
class _Side:
    """One sentence of one article with its spaCy span."""

    article: str
    sentence: Sentence
    span: Any


def _arguments(token: Any) -> set[str]:
    """Content lemmas of a predicate's direct arguments and of the noun it modifies: what
    the statement is about, beyond its predicate."""
    words = set()
    neighbours = list(token.children)
    if (token.dep_ in ("amod", "compound", "advmod", "prt", "acomp", "prep", "attr")
            or token.pos_ in ("ADJ", "ADV", "ADP")):
        neighbours.append(token.head)
        neighbours += [c for c in token.head.children if c.i != token.i]
    # "no statement from X": the noun's own modifiers; "X said in a statement": the subject
    # and object of the verb that governs the noun.
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("pobj", "dobj", "attr", "nsubj"):
        verb = token.head.head if token.dep_ == "pobj" else token.head
        neighbours += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    for other in neighbours:
        for word in (other, *[c for c in other.children if c.dep_ in ("compound", "pobj")]):
            if word.is_alpha and not word.is_stop and word.pos_ in ("NOUN", "PROPN", "VERB") and word.i != token.i:
                words.add(event_class(word.lemma_.lower()))
    return words


def _predicates(span: Any) -> Iterator[tuple[Any, str, Any | None]]:
    """(token, event class, negation cue or None) for the content words of a sentence."""
    for token in span:
        if token.is_alpha and token.pos_ in ("VERB", "NOUN", "ADJ", "AUX") and not token.is_stop \
                or token.lemma_.lower() in ("say", "be") and token.pos_ in ("VERB", "AUX") and token.dep_ == "ROOT":
            yield token, _class(token), _negation_cue(token)


def _sides(item: AnnotatedArticle) -> list[_Side]:
    from ..align import sentence_spans

    return [_Side(item.id, sentence, span) for sentence, span in sentence_spans(item)]


def aligned_sentences(a: AnnotatedArticle, b: AnnotatedArticle, canonical: dict[str, str],
                      minimum: float | None = None) -> list[tuple[Sentence, Sentence, float]]:
    """Pairs of sentences of ``a`` and ``b`` whose content-lemma TF-IDF cosine is at least
    ``minimum``, best first: the statement alignment of ``compare``, pairwise."""
    from ..tfidf import tfidf_cosine

    minimum = current().verify.align_reports if minimum is None else minimum
    terms_a, terms_b = sentence_terms(a, canonical), sentence_terms(b, canonical)
    left = [s for s in a.title_sentences + a.sentences if terms_a.get((s.field, s.index))]
    right = [s for s in b.title_sentences + b.sentences if terms_b.get((s.field, s.index))]
    if not left or not right:
        return []
    documents = [terms_a[(s.field, s.index)] for s in left] + [terms_b[(s.field, s.index)] for s in right]
    similarity = tfidf_cosine(documents, split=len(left))
    pairs = [(left[i], right[j], float(similarity[i, j]))
             for i in range(len(left)) for j in range(len(right)) if similarity[i, j] >= minimum]
    pairs.sort(key=lambda p: -p[2])
    return pairs


@dataclass(frozen=True)
class StatusClash:
    """Opposite polarity of one predicate in two aligned sentences."""

    kind: str  # "negation" | "antonym"
    a: Any  # spaCy tokens (or spans) carrying the clash in each sentence
    b: Any
    about: str


def _span_of(tokens: list[Any]) -> tuple[int, int]:
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return start, end


def sentence_clashes(span_a: Any, span_b: Any) -> list[StatusClash]:
    """Negation and antonym clashes between two sentences already known to be aligned."""
    clashes: list[StatusClash] = []
    preds_a = list(_predicates(span_a))
    preds_b = list(_predicates(span_b))
    polarity_a = {(cls, cue is None) for _, cls, cue in preds_a}
    polarity_b = {(cls, cue is None) for _, cls, cue in preds_b}
    seen: set[str] = set()
    for (preds_x, polarity_y, preds_y, flip) in ((preds_a, polarity_b, preds_b, False),
                                                  (preds_b, polarity_a, preds_a, True)):
        for token, cls, cue in preds_x:
            if cue is None or cls in seen:
                continue
            # The other sentence must assert this predicate and never deny it.
            if (cls, False) in polarity_y or (cls, True) not in polarity_y:
                continue
            # A word stated both ways within the sentence itself is a contrast, not a claim.
            if any(c == cls and q is None for t, c, q in preds_x if t is not token):
                continue
            partners = [t for t, c, q in preds_y if c == cls and q is None]
            args = _arguments(token) | {cue.lemma_.lower()}
            partner = next((p for p in partners if _arguments(p) & args - {cue.lemma_.lower()}
                            and _same_subject(token, p)), None)
            if partner is None:
                continue
            seen.add(cls)
            negated = [cue, token]
            clash = StatusClash("negation", [partner] if flip else negated, negated if flip else [partner],
                                f"{'not ' if not flip else ''}{token.lemma_.lower()}")
            clashes.append(clash)
    lemmas_a = {t.lemma_.lower() for t in span_a}
    lemmas_b = {t.lemma_.lower() for t in span_b}
    for token in span_a:
        lemma = token.lemma_.lower()
        opposites = _opposites(token)
        if not opposites or token.pos_ not in _ANTONYM_POS or lemma in lemmas_b:
            continue
        for other in span_b:
            other_lemma = other.lemma_.lower()
            if other_lemma not in opposites or other.pos_ not in _ANTONYM_POS or other_lemma in lemmas_a:
                continue
            # Both negated or neither: "did not rise" vs "fell" agree.
            if (_negation_cue(token) is None) != (_negation_cue(other) is None):
                continue
            if not (_arguments(token) & _arguments(other)) or not _same_subject(token, other):
                continue
            clashes.append(StatusClash("antonym", [token], [other], f"{lemma} vs {other_lemma}"))
            break
    return clashes


def _evidence(article: str, field: Field, tokens: list[Any]) -> Evidence:
    start, end = _span_of(tokens)
    doc = tokens[0].doc
    return Evidence(article, start, end, doc.text[start:end], field)


def status_conflicts(a: AnnotatedArticle, b: AnnotatedArticle, canonical: dict[str, str],
                     minimum: float | None = None) -> list[Finding]:
    """Status conflicts (negation, antonym) between two annotated articles, one per pair of
    aligned sentences at most; evidence spans index each article's field exactly."""
    findings: list[Finding] = []
    sides_a = {(s.sentence.field, s.sentence.index): s for s in _sides(a)}
    sides_b = {(s.sentence.field, s.sentence.index): s for s in _sides(b)}
    used_a: set[tuple[str, int]] = set()
    used_b: set[tuple[str, int]] = set()
    for left, right, similarity in aligned_sentences(a, b, canonical, minimum):
        key_a, key_b = (left.field, left.index), (right.field, right.index)
        if key_a in used_a or key_b in used_b or key_a not in sides_a or key_b not in sides_b:
            continue
        clashes = sentence_clashes(sides_a[key_a].span, sides_b[key_b].span)
        if not clashes:
            continue
        used_a.add(key_a)
        used_b.add(key_b)
        clash = clashes[0]
        ev_a = _evidence(a.id, left.field, clash.a)
        ev_b = _evidence(b.id, right.field, clash.b)
        findings.append(Finding(
            id="", type="conflict", kind="status", about=clash.about,
            # Sentence similarity above the alignment floor is what makes the two
            # statements the same statement; negation cues are explicit, antonyms less so.
            confidence=round(min(0.95, 0.5 + 0.5 * similarity + (0.05 if clash.kind == "negation" else 0.0)), 2),
            evidence=[ev_a, ev_b],
            explanation=f"{clash.kind}: {ev_a.text!r} vs {ev_b.text!r}",
        ))
    return findings
