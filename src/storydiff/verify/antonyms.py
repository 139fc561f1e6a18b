"""Opposite verbs and nouns across the whole texts: the opposite verb said of the same two
participants, a person named by the opposite of the source's word.
"""

from __future__ import annotations

from typing import Any

from ..lang.negation import _negated
from ..model import AnnotatedArticle
from .opposites import opposite_words
from .result import _Judgement
from .windows import _evidence_in, _token_evidence


def _participants(verb: Any) -> set[str]:
    """Lemmas of the nouns that take part in what a verb says: its subject and object, and
    the objects of its prepositions ("Ukraine defend itself from Russia": ukraine, russia)."""
    found = set()
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "agent", "dative"):
            found.add(child)
        elif child.dep_ == "prep":
            found.update(c for c in child.children if c.dep_ == "pobj")
    return {t.lemma_.lower() for t in found if t.pos_ in ("NOUN", "PROPN") and t.is_alpha}


def _participant_opposites(source: AnnotatedArticle, derived: AnnotatedArticle) -> list[_Judgement]:
    """A derived verb whose opposite (``verify.opposites.opposite_words``) the source says of the
    same two participants, wherever each text says it ("Ukraine attacks Russia" / "help
    Ukraine defend itself from Russia"), both negated or neither. Two shared participants:
    with one, SummEdits news dev gained nothing and flagged a consistent summary ("the
    gunman was taken to hospital" / "police eliminated the gunman")."""
    source_verbs = [(t, _participants(t)) for doc in (source.doc, source.title_doc) if doc is not None
                    for t in doc if t.pos_ == "VERB"]
    judgements = []
    for doc, field_name in ((derived.doc, "text"), (derived.title_doc, "title")):
        if doc is None:
            continue
        for verb in doc:
            if verb.pos_ != "VERB":
                continue
            mine = _participants(verb)
            if len(mine) < 2:
                continue
            for other, theirs in source_verbs:
                if len(mine & theirs) < 2 or not opposite_words(verb, other) \
                        or (_negated(verb) is None) != (_negated(other) is None):
                    continue
                ev_source = _evidence_in(source, [other])
                ev_derived = _token_evidence(derived.id, field_name, [verb])
                judgements.append(_Judgement(
                    "contradicted", "antonym", [ev_source, ev_derived],
                    f"antonym: the source has {ev_source.text!r} of {', '.join(sorted(mine & theirs))}, "
                    f"the derived text {ev_derived.text!r}", 0))
                break
    return judgements


def _noun_opposites(source: AnnotatedArticle, derived: AnnotatedArticle, source_lemmas: set[str]) -> list[_Judgement]:
    """A derived noun for a person that the source never uses, whose opposite the source
    uses and the derived text does not ("his sister" / "his brother", "the buyer" / "the
    seller"), wherever each text has it: WordNet's antonyms of a person name the other
    member of a pair, never a paraphrase of the first. SummEdits news dev: 2 inconsistent
    summaries more, no consistent one. Other nouns flagged 2 consistent summaries ("a
    reduction" of one amount where the source "increases" another)."""
    from ..annotate.lexicon import antonyms, is_a

    derived_lemmas = {t.lemma_.lower() for doc in (derived.doc, derived.title_doc) if doc is not None for t in doc}
    source_nouns: dict[str, Any] = {}
    for doc in (source.doc, source.title_doc):
        if doc is not None:
            for t in doc:
                if t.pos_ == "NOUN":
                    source_nouns.setdefault(t.lemma_.lower(), t)
    judgements = []
    for doc, field_name in ((derived.doc, "text"), (derived.title_doc, "title")):
        if doc is None:
            continue
        for token in doc:
            lemma = token.lemma_.lower()
            if token.pos_ != "NOUN" or not token.is_alpha or lemma in source_lemmas:
                continue
            # People only: a rise or a fall ("a reduction" / "increases") is opposite only
            # for one amount, which ``verify.direction.direction_clashes`` compares.
            if not is_a(lemma, "NOUN", ("person.n.01",)):
                continue
            others = [source_nouns[o] for o in sorted(antonyms(lemma, "NOUN"))
                      if o in source_nouns and o not in derived_lemmas]
            if not others:
                continue
            other = others[0]
            ev_source = _evidence_in(source, [other])
            ev_derived = _token_evidence(derived.id, field_name, [token])
            judgements.append(_Judgement(
                "contradicted", "antonym", [ev_source, ev_derived],
                f"antonym: the source has {other.text!r}, the derived text its opposite {token.text!r}", 0))
    return judgements
