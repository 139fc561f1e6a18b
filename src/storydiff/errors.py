"""One error hierarchy; every message names the input and what to do about it."""

from __future__ import annotations


class StorydiffError(Exception):
    """Root of every error storydiff raises on purpose."""


class InputProblem(StorydiffError):
    """An input (file, record, stdin) that cannot be read as an article."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class ModelMissing(StorydiffError):
    """The spaCy model named in the settings is not installed."""


class StoreError(StorydiffError):
    """The database cannot be opened or written (corrupt, locked, wrong schema)."""


class WriterBusy(StoreError):
    """Another process held the database's writer lock for longer than ``lock_timeout``."""


class SettingsError(StorydiffError, ValueError):
    """A settings file or ``STORYDIFF_*`` variable that cannot be used; names which."""


class NotEnoughArticles(StorydiffError):
    """A comparison needs at least two readable articles."""
