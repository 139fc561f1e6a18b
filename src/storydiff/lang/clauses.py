"""Clauses: the subject of the clause a word sits in, read from the parse."""

from __future__ import annotations

from typing import Any


def _subject(token: Any) -> str | None:
    """The lemma of the subject of the clause ``token`` sits in, if the parse gives one."""
    verb = token
    for _ in range(3):
        if verb.pos_ in ("VERB", "AUX"):
            break
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child.lemma_.lower()
    return None


def _same_subject(x: Any, y: Any) -> bool:
    """False only when both clauses name a subject and the subjects differ: "Clinton
    suffered no consequences" / "only Flynn faced consequences" are about two people."""
    sx, sy = _subject(x), _subject(y)
    return sx is None or sy is None or sx == sy


def _clause_subject(token: Any) -> Any | None:
    current = token
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and current is not token:
            return subjects[0]
        if current.head is current:
            return None
        current = current.head
    return None
