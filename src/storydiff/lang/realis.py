"""Realis: whether a word or a value reports what happened, or only what is hoped, planned,
required or supposed.

Two tests with two purposes: ``_realis`` (a verb that reports an act done: compare's denial
rule) and ``_irrealis`` (a value that is a condition, a requirement or a hypothesis:
``Claim.irrealis``, read by compare's single-figure rule); and the verbs of expectation that
date a planned event (align's ``_dated_event``).
"""

from __future__ import annotations

from typing import Any

# Verbs of expectation: a date under them is the day an event is planned for ("the vote is
# expected on Thursday", "is scheduled for"), read by align's ``_dated_event``. The plans and
# hopes that make a reported act unreal for compare's denial rule are ``_IRREALIS`` below.
_EXPECTING = {"expect", "schedule", "set", "due", "plan", "slate"}


_CONDITIONS = {"if", "unless"}
_HYPOTHETICAL_MODALS = {"would", "could", "might"}
_REQUIREMENTS = {"necessary", "needed", "required", "enough"}


def _irrealis(span) -> bool:
    """Whether a value is a condition, a requirement or a hypothesis: its noun is what is
    "necessary"/"needed"/"enough", or a clause above it is under "if"/"unless" or
    "would"/"could"/"might" ("Republicans would have to win 28 races to produce the 67
    votes necessary for conviction"; "if the Republicans get 60 votes")."""
    token = span.root
    noun = token.head if token.dep_ in ("nummod", "quantmod") else token
    if any(c.lemma_.lower() in _REQUIREMENTS for c in noun.children):
        return True
    for above in [token, *token.ancestors]:
        for child in above.children:
            if child.dep_ == "mark" and child.lower_ in _CONDITIONS:
                return True
            if child.dep_ == "aux" and child.lower_ in _HYPOTHETICAL_MODALS:
                return True
    return False


# Words that make an act a hope or a plan, not a report that it happened.
_IRREALIS = {"hope", "want", "seek", "plan", "expect", "try", "aim", "push", "wish", "call", "need", "urge"}
_MODALS = {"will", "would", "could", "may", "might", "should", "can", "must", "shall"}


def _realis(verb: Any) -> bool:
    """Whether a verb reports that something happened: not negated, not under a modal,
    not what someone hopes, plans or seeks ("hope for a deal", "wants to strike a deal")."""
    current = verb
    for _ in range(4):
        if any(c.dep_ == "neg" or c.lower_ in _MODALS and c.dep_ == "aux" for c in current.children):
            return False
        if current.lemma_.lower() in _IRREALIS:
            return False
        if current.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "prep", "pobj") or current.head is current:
            return True
        if current.dep_ == "ccomp":  # "said they had struck": the report of a saying,
            return not any(c.dep_ == "neg" for c in current.head.children)  # unless denied
        current = current.head
    return True
