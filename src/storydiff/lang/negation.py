"""Negation: the word that negates a clause, if any.

Two readers of one idea, kept apart because each rule was measured with its own:
``_negation_cue`` reads the parse (a ``neg`` child, a determiner "no" on the object, "failed to"
above the verb; compare's and verify's status rules, modality, direction of change),
``_negated`` also looks a few words back ("found no evidence"; verify's edit and opposite-verb
rules). ``NEGATION_CUES`` are the words verify counts on both sides of an edit.
"""

from __future__ import annotations

from typing import Any

# Words that state a negation wherever they stand; ``verify`` counts them on both sides of
# an edit ("have [not] found [any->no] evidence" has one on each side: no edit of polarity).
NEGATION_CUES = frozenset({"not", "n't", "never", "no", "none", "nobody", "nothing", "neither", "nor",
                           "cannot"})

# Words that negate what they govern, besides spaCy's ``neg`` dependency ("not", "n't",
# "never"): a determiner "no" ("no statement", "no deal"). Not "without": on the pairs dev
# set "entered the United States without papers" was taken to deny "entered".
_NEGATING_WORDS = {"no", "neither", "nor"}

# Verbs that assert or deny the outcome of their complement the other way round
# ("failed to win", "refused to sign").
DENYING_VERBS = frozenset({"fail", "refuse", "decline"})
_DENYING_VERBS = DENYING_VERBS


def _own_cue(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in _NEGATING_WORDS and child.dep_ in ("det", "advmod", "prep", "cc")):
            return child
    return None


def _negation_cue(token: Any) -> Any | None:
    """The token that negates the clause of ``token``, if any: "not"/"n't"/"never" on a
    verb, "no" on a noun, "failed to"/"refused to" above a verb.

    Negation is a property of the clause, not of the word it attaches to: "have not found
    any evidence" and "have found no evidence" say the same, so a verb is negated by a "no"
    on its object and a noun argument by a "not" on its verb."""
    cue = _own_cue(token)
    if cue is not None:
        return cue
    if token.pos_ in ("VERB", "AUX"):
        for child in token.children:
            if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr"):
                cue = _own_cue(child)
                if cue is not None and cue.lower_ == "no":
                    return cue
    elif token.pos_ in ("NOUN", "PROPN") and (token.dep_ in ("attr", "dobj") or (
            token.dep_ == "nsubj" and token.head.lemma_.lower() == "be")):
        # "There was no statement", "have not found any evidence"; but the subject of a
        # negated verb is not itself denied ("the minister did not sign").
        cue = _own_cue(token.head)
        if cue is not None and cue.dep_ == "neg":
            return cue
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in _DENYING_VERBS:
        return token.head
    return None


def _negated(token: Any) -> Any | None:
    """The negation cue of a predicate: a "not"/"never"/"no" among its children or just before it."""
    for child in token.children:
        if child.lower_ in NEGATION_CUES:
            return child
        # "found no evidence": the negation sits on the object.
        if child.dep_ in ("dobj", "attr", "nsubj", "nsubjpass") and any(
                c.lower_ in NEGATION_CUES for c in child.children):
            return child
    # "failed to get", "refused to sign".
    if token.dep_ == "xcomp" and token.head.lemma_.lower() in DENYING_VERBS:
        return token.head
    for other in token.doc[max(token.i - 3, token.sent.start):token.i]:
        if other.lower_ in NEGATION_CUES:
            return other
    return None
