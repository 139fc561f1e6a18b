"""What verify returns: one judged ``Statement`` per derived sentence and the ``Verification`` with
its verdict; ``_Judgement`` is what each check says.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..model import Article, Evidence

Status = Literal["supported", "contradicted", "not_mentioned"]
Verdict = Literal["faithful", "unfaithful"]


@dataclass
class Statement:
    """One statement of the derived text and what the source says about it."""

    text: str
    start: int
    end: int
    field: str
    status: Status
    kind: str | None = None  # for contradicted/not_mentioned: number, date, name, place, negation, ...
    evidence: list[Evidence] = field(default_factory=list)
    explanation: str = ""
    # The registered rule behind the status (``storydiff rules``); None for a statement
    # supported only by its closest source sentence.
    rule: str | None = None


@dataclass
class Verification:
    """The result of ``verify``: a verdict and one judgement per derived statement."""

    source: Article
    derived: Article
    verdict: Verdict
    statements: list[Statement]
    seconds: float = 0.0
    strict: bool = False  # the verdict of ``verify --strict`` (``verdict_of``)

    def to_dict(self) -> dict:
        return {
            "verdict": self.verdict,
            "strict": self.strict,
            "source": self.source.id,
            "derived": self.derived.id,
            "seconds": round(self.seconds, 3),
            "statements": [
                {"text": s.text, "start": s.start, "end": s.end, "field": s.field, "status": s.status,
                 "kind": s.kind, "explanation": s.explanation, "rule": s.rule,
                 "evidence": [{"article": e.article, "role": "source" if e.article == self.source.id else "derived",
                               "field": e.field, "start": e.start, "end": e.end, "text": e.text,
                               "value": None if e.value is None else str(e.value)} for e in s.evidence]}
                for s in self.statements
            ],
        }


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
