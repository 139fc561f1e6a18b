"""The one split of stories every measurement uses (issue 16).

A story is in the *read* half when ``int(sha256(f"{set}:{story}"), 16) % 2 == 0``, else in the
*score* half. Rules are written and tuned reading only the read half; benchmarks print details
(misses, false alarms) for the read half and totals only for the score half. Stories of
``stories_dev.json`` that also have pairs in ``dev.jsonl`` are read half whatever their hash:
their pairs have been read while writing rules.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

READ, SCORE = "read", "score"


def hashed_half(set_name: str, story: str) -> str:
    digest = hashlib.sha256(f"{set_name}:{story}".encode()).hexdigest()
    return READ if int(digest, 16) % 2 == 0 else SCORE


def half(set_name: str, story: str, always_read: frozenset[tuple[str, str]] | set = frozenset()) -> str:
    """``"read"`` or ``"score"`` for one story; ``always_read`` holds (set, story) pairs forced
    into the read half."""
    if (set_name, str(story)) in always_read:
        return READ
    return hashed_half(set_name, str(story))


def dev_pair_stories(dev_jsonl: Path) -> frozenset[tuple[str, str]]:
    """(set, story) of every annotated pair in ``dev.jsonl`` (skipped pairs carry no story)."""
    stories = set()
    for line in dev_jsonl.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if record.get("set") and record.get("story") is not None:
                stories.add((record["set"], str(record["story"])))
    return frozenset(stories)
