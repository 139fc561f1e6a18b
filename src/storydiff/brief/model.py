"""What a brief is: its sentences, each with the spans it was copied from, and its timeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Evidence


@dataclass
class BriefSentence:
    """One sentence of the brief.

    ``evidence[0]`` is the span the text was copied from (or, for a stated conflict, the
    first version); the rest are the spans in other sources that say the same thing.
    ``conflict`` is the id of the conflict ``Finding`` the sentence states or touches.
    """

    text: str
    sources: list[str]
    evidence: list[Evidence]
    unique: bool = False
    conflict: str | None = None
    # Other sources' versions of a disputed value this sentence states, shown beside it.
    versions: list[Evidence] = field(default_factory=list)


@dataclass
class TimelineEvent:
    """A dated event: ``date`` is a TIMEX3 value (``1998-11-06``, ``1998-11``, ``1998``)."""

    date: str
    text: str
    sources: list[str]
    evidence: list[Evidence]
    date_conflict: bool = False
    dates: dict[str, str] = field(default_factory=dict)  # article id -> the date it gives


@dataclass
class Brief:
    summary: str
    sentences: list[BriefSentence]
    timeline: list[TimelineEvent]
    # Every conflict, stated with each version and its source ("rose from … to …" for a likely
    # update), beside the summary rather than in its word budget.
    disputes: list[BriefSentence] = field(default_factory=list)
