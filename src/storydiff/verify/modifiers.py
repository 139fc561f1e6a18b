"""Modifier swaps: a noun qualified by a word the source never uses where the source qualifies it
otherwise.
"""

from __future__ import annotations

from typing import Any

from ..model import AnnotatedArticle
from .result import _Judgement
from .substitution import _same_stem
from .windows import _evidence_in, _token_evidence


def _noun_modifiers(doc: Any) -> list[tuple[Any, Any]]:
    """(noun, its modifier) for each "X of Y" ("loss of propulsion") and each compound "Y X"
    ("dairy milk") of a document; the modifier's ``dep_`` tells the two apart."""
    if doc is None:
        return []
    found = [(token.head.head, token) for token in doc
             if token.pos_ == "NOUN" and token.dep_ == "pobj" and token.head.lower_ == "of"
             and token.head.head.pos_ == "NOUN"]
    # The last common noun of a compound is its head: "plant milk alternatives" has
    # "alternatives", "the pizza giant Domino's" has "giant".
    found += [(token.head, token) for token in doc
              if token.pos_ == "NOUN" and token.dep_ == "compound" and token.head.pos_ == "NOUN"
              and (token.head.dep_ != "compound" or token.head.head.pos_ == "PROPN")]
    return found


def _modifier_swaps(source: AnnotatedArticle, derived: AnnotatedArticle, source_lemmas: set[str]) -> list[_Judgement]:
    """A noun qualified by a word the source never uses, where the source qualifies the same
    noun the same way only with other words, none WordNet relates to it: "a loss of power"
    where the source has "a loss of propulsion", "cow milk" where it has "dairy milk".
    "Not mentioned", not contradicted: the source may say the same in other words. For "X of
    Y" the nouns may also be WordNet neighbours ("accusations"/"charges"); a compound's must
    be the same noun (with neighbours, "security concerns" was held against "government
    agencies", a "concern" being a firm). On SummEdits news dev it fires on 6 pairs, all
    inconsistent (balanced accuracy 75.7 -> 77.0); "X of Y" alone, on one. Mixing the two
    ("phase of an effort" against "delivery phase") flagged 10 consistent summaries."""
    from ..annotate.lexicon import related

    theirs = _noun_modifiers(source.doc) + _noun_modifiers(source.title_doc)
    judgements = []
    for doc, field_name in ((derived.doc, "text"), (derived.title_doc, "title")):
        for head, token in _noun_modifiers(doc):
            lemma = token.lemma_.lower()
            # A modifier the source uses elsewhere, in another role, is not held against it:
            # that flagged 26 consistent summaries of SummEdits news dev ("work devices"
            # against "government devices" where the source has "work-related apps").
            if lemma in source_lemmas or not token.is_alpha:
                continue
            same_heads = [(h, t) for h, t in theirs if t.dep_ == token.dep_ and (
                h.lemma_.lower() == head.lemma_.lower()
                or token.dep_ == "pobj" and related(h.lemma_.lower(), head.lemma_.lower(), "NOUN", 1))]
            # An unknown word (None) is no evidence of a different thing.
            if not same_heads or any(related(lemma, t.lemma_.lower(), "NOUN") is not False for _, t in same_heads):
                continue
            if any(_same_stem(lemma, t.lemma_.lower()) for _, t in same_heads):
                continue
            other_head, other = same_heads[0]
            ev_source = _evidence_in(source, [other_head, other])
            ev_derived = _token_evidence(derived.id, field_name, [head, token])
            judgements.append(_Judgement("not_mentioned", "substitution", [ev_source, ev_derived],
                                         f"the source has {ev_source.text!r}, never {ev_derived.text!r}", 1))
    return judgements
