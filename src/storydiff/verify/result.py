"""What each check says (``_Judgement``); the result types verify returns (``Statement``,
``Verification``) live in the model beside the others and are re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Evidence, Statement, Status, Verdict, Verification


@dataclass
class _Judgement:
    """What one rule says of one derived statement: every check returns these."""

    status: Status
    kind: str | None
    evidence: list[Evidence]
    explanation: str
    rank: int  # contradicted 0 < not_mentioned 1 < supported 2: the worst one stands
    rule: str = ""  # the registered "verify.check." rule that made it
    # The derived sentence (field, index) it is about; when None, the sentence holding its
    # last evidence span (the derived one).
    key: tuple[str, int] | None = None


__all__ = ["Statement", "Status", "Verdict", "Verification"]
