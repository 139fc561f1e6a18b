"""Logging: where storydiff says what it fell back on.

Every module logs to ``logging.getLogger(__name__)`` (under ``storydiff.``); a fallback (a
page read another way, a model or file that could not be used, a feed that failed) is an
INFO message naming what fell back and why. Nothing is shown unless asked: the library adds
no handler (the application decides), and the CLI's ``--verbose/-v`` calls :func:`configure`.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

LEVELS = {0: logging.WARNING, 1: logging.INFO}


class _Stderr(logging.StreamHandler):
    """A handler that writes to whatever ``sys.stderr`` is when a record is logged (a test
    runner or a server may replace it after the handler is made)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


def configure(verbosity: int) -> None:
    """Send storydiff's log records to stderr: warnings at 0, fallbacks (INFO) at 1, debug
    at 2 and more. At 0 nothing is configured, so Python's default shows warnings only."""
    if verbosity <= 0:
        return
    logger = logging.getLogger("storydiff")
    logger.setLevel(LEVELS.get(verbosity, logging.DEBUG))
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        handler = _Stderr()
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
        logger.addHandler(handler)
