"""Modality: the force a word gives what it governs (obligation, permission, request)."""

from __future__ import annotations

from typing import Any

from .negation import _negation_cue

# The force of a modal: whether something must, may or is only asked to happen. Closed-class
# modals and the few verbs and adjectives English uses for each (their WordNet entries do
# not oppose them: "force" has no antonym, "allow" only "disallow"). "Was forced to delete"
# and "was allowed to keep", "a voluntary statement" and "a mandatory statement", are
# opposite statements of one rule. "May" and "can" also say what is possible, not permitted
# ("prices may rise"), so they count only on the derived side (``verify``).
MODALITY: dict[str, str] = {
    **dict.fromkeys(("must", "force", "require", "order", "oblige", "compel", "mandate", "mandatory",
                     "compulsory", "obligatory"), "obligation"),
    **dict.fromkeys(("allow", "permit", "let", "authorize", "authorise", "may", "can"), "permission"),
    **dict.fromkeys(("ask", "recommend", "suggest", "advise", "urge", "encourage", "request", "voluntary",
                     "optional"), "request"),
}
EPISTEMIC_MODALS = frozenset({"may", "can", "could", "might"})


def modality(token: Any) -> str | None:
    """"obligation", "permission" or "request" for a word that sets the force of what it
    governs, not negated ("not required" is another matter: a negation); else None."""
    if token.pos_ not in ("VERB", "AUX", "ADJ"):  # "in order to", "at the request of"
        return None
    found = MODALITY.get(token.lemma_.lower()) or MODALITY.get(token.lower_)
    if found is None or _negation_cue(token) is not None:
        return None
    if any(c.dep_ == "neg" for c in token.head.children) and token.dep_ == "aux":
        return None
    return found
