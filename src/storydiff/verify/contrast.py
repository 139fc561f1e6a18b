"""Contrast: a "despite" where the source window draws no contrast."""

from __future__ import annotations

from .result import _Judgement
from .windows import _token_evidence, _Window

# Words that set one statement against another ("profits fell despite higher sales",
# "although", "but"). A derived "despite" whose window has none of them makes a contrast the
# source does not draw.
_CONCESSIVE = frozenset({"despite", "spite", "although", "though", "but", "however", "yet", "nevertheless",
                         "nonetheless", "notwithstanding", "while", "whereas", "even", "still"})


def _unsupported_contrast(window: _Window, derived_id: str, derived_field: str) -> list[_Judgement]:
    """A "despite" ("in spite of", "notwithstanding") in a derived sentence whose window has no
    word of contrast at all: the derived text opposes two facts the source only reports
    ("did not get the balance right despite raising prices" / "when it upped prices").
    SummEdits news dev: 2 inconsistent summaries more. Its 5 summaries with "despite" are
    all inconsistent, so the rule's false alarms are not measured there."""
    cues = [t for t in window.derived if t.lower_ in ("despite", "notwithstanding")
            or t.lower_ == "spite" and t.i > 0 and t.nbor(-1).lower_ == "in"]
    if not cues or any(t.lower_ in _CONCESSIVE for t in window.source):
        return []
    evidence = _token_evidence(derived_id, derived_field, cues[:1])
    return [_Judgement("not_mentioned", "other", [evidence],
                       f"the source draws no contrast where the derived text says {evidence.text!r}", 1)]
