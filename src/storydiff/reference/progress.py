"""A line on stderr while slow reference data loads, so a first command does not look hung.

Shown only when stderr is a terminal (a spinner from rich, which the CLI already uses); in a
pipe, a test or a server nothing is printed and output stays exactly as before.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def loading(what: str) -> Iterator[None]:
    """``with loading("WordNet"):`` shows "loading WordNet…" on a terminal until done."""
    stream = sys.stderr
    if not (hasattr(stream, "isatty") and stream.isatty()):
        yield
        return
    from rich.console import Console

    with Console(stderr=True).status(f"loading {what}…", spinner="dots"):
        yield


__all__ = ["loading"]
