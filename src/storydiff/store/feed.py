"""Moved: the feeder orchestrates ingest, clustering and wire detection, so it sits above the
store, in ``storydiff.feed``. This name stays only so that code written against the old path
keeps working while branches merge; it imports nothing until a name is asked for, so the
store itself depends on no stage. Remove once nothing imports ``storydiff.store.feed``."""

from __future__ import annotations

import warnings

_MOVED = ("Feeder", "FeedReport", "read_story_record", "stage_settings")


def __getattr__(name: str) -> object:
    if name not in _MOVED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    warnings.warn(f"storydiff.store.feed.{name} moved to storydiff.feed.{name}", DeprecationWarning, stacklevel=2)
    from .. import feed

    return getattr(feed, name)
