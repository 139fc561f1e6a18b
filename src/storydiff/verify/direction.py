"""Direction of change: which way an amount moved ("profits dropped", "raising prices", "a sharp
increase in profit"), and a derived text that moves it the other way
(``verify.check.direction``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..lang.negation import _negation_cue
from ..model import AnnotatedArticle, Field

# ---------------------------------------------------------------------------------------
# Direction of change: which way an amount moved ("profits dropped", "raising prices", "a
# sharp increase in profit"). A fact about the amount, wherever in the text it is stated, so
# it can be compared where no two sentences line up word for word.


@dataclass(frozen=True)
class Change:
    """One stated rise or fall of an amount: ``amount`` is the lemma of the noun that moved."""

    amount: str
    direction: str  # "up" | "down"
    token: Any  # the word of change
    field: Field


_AMOUNT_DEPS_VERB = {"nsubj": False, "nsubjpass": True, "dobj": True}


def _amount_of(token: Any) -> Any | None:
    """The noun whose amount ``token`` (a verb or noun of change) moves, from the parse.

    A verb moves its subject ("profits dropped") unless it has an object ("raised prices")
    or is passive ("prices were raised"); a noun moves what it is "in" or "of" ("a drop in
    profit"), or the noun compounded with it ("a price rise")."""
    if token.pos_ == "VERB":
        found = {c.dep_: c for c in token.children if c.dep_ in _AMOUNT_DEPS_VERB}
        # A transitive verb moves its object or nothing: "police shot [a man]" says nothing
        # of an amount of police.
        dep = next((d for d in ("dobj", "nsubjpass", "nsubj") if d in found), None)
        return found[dep] if dep is not None and found[dep].pos_ == "NOUN" else None
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
                if objects:
                    return objects[0]
            if child.dep_ == "compound" and child.pos_ == "NOUN":
                return child
    return None


def _measurable(lemma: str) -> bool:
    """Whether a noun can name an amount: not a person, a group or a living thing, whose
    "rise" or "fall" is of another kind ("police caught" is no decrease of police)."""
    from ..annotate.lexicon import is_a

    return not is_a(lemma, "NOUN", ("person.n.01", "group.n.01", "organism.n.01"))


def changes(item: AnnotatedArticle) -> list[Change]:
    """Every rise or fall of an amount an article states, not negated, with the direction
    from WordNet (``annotate.lexicon.direction``)."""
    from ..align import sentence_spans
    from ..annotate.lexicon import direction

    found = []
    for sentence, span in sentence_spans(item):
        for token in span:
            if token.pos_ not in ("VERB", "NOUN") or not token.is_alpha or _negation_cue(token) is not None:
                continue
            way = direction(token.lemma_.lower())
            if way is None:
                continue
            amount = _amount_of(token)
            if amount is not None and _measurable(amount.lemma_.lower()):
                found.append(Change(amount.lemma_.lower(), way, token, sentence.field))
    return found


def direction_clashes(source: AnnotatedArticle, derived: AnnotatedArticle) -> list[tuple[Change, Change]]:
    """(derived change, source change) where the derived text moves an amount one way and
    the source moves the same amount only the other way. An amount the source moves both
    ways ("rose in the morning and fell by the close") is never held against either."""
    by_amount: dict[str, list[Change]] = {}
    for change in changes(source):
        by_amount.setdefault(change.amount, []).append(change)
    clashes = []
    for change in changes(derived):
        stated = by_amount.get(change.amount, [])
        if stated and all(other.direction != change.direction for other in stated):
            clashes.append((change, stated[0]))
    return clashes
