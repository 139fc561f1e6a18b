"""What a brief is: its sentences, each with the spans it was copied from, and its timeline.
The types live in the model with the other result types; they are named here for the brief's
modules."""

from __future__ import annotations

from ..model import Brief, BriefSentence, TimelineEvent

__all__ = ["Brief", "BriefSentence", "TimelineEvent"]
