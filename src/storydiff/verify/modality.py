"""Modality: a derived sentence that makes obligatory what its window only permits or asks, or the
other way round (``verify.check.modality``).
"""

from __future__ import annotations

from typing import Any

from ..lang.modality import EPISTEMIC_MODALS, modality
from .result import _Judgement
from .windows import _token_evidence, _Window


def _modality_judgements(window: _Window, source_id: str, derived_id: str, derived_field: str) -> list[_Judgement]:
    """A derived sentence that makes obligatory what its window only permits or asks, or the
    other way round ("forced to delete" / "allowed to keep"; "a mandatory statement" / "a
    voluntary statement"): the derived sentence has a modal word of one force
    (``lang.modality.modality``), the window none of that force and some of another, and the
    derived sentence none of the window's, each compared within its part of speech ("asked
    to include a mandatory statement" / "a voluntary statement": the adjectives clash).
    "May" and "can" in the window say what is possible as often as what is permitted, so
    there they do not count. SummEdits news dev: 4 inconsistent summaries more, no
    consistent one; comparing the whole sentences' forces, without parts of speech, 3."""

    def forces(tokens: list[Any], side: str) -> dict[tuple[bool, str], Any]:
        found: dict[tuple[bool, str], Any] = {}
        for token in tokens:
            force = None if side == "source" and token.lower_ in EPISTEMIC_MODALS else modality(token)
            if force is not None:
                found.setdefault((token.pos_ == "ADJ", force), token)
        return found

    mine, theirs = forces(window.derived, "derived"), forces(window.source, "source")
    judgements = []
    for (adjective, force), token in mine.items():
        # An adjective against an adjective ("mandatory"/"voluntary"), a verb against a verb.
        other_forces = {f: t for (a, f), t in theirs.items() if a == adjective}
        if not other_forces or force in other_forces or any((adjective, f) in mine for f in other_forces):
            continue
        other_force, other = next(iter(other_forces.items()))
        ev_source = _token_evidence(source_id, window.field, [other])
        ev_derived = _token_evidence(derived_id, derived_field, [token])
        judgements.append(_Judgement(
            "contradicted", "antonym", [ev_source, ev_derived],
            f"antonym: the source states {other_force} ({other.text!r}), the derived text {force} "
            f"({token.text!r})", 0))
        break
    return judgements
