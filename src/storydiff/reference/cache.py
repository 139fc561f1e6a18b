"""Where prepared reference data is kept between runs: the user's cache directory.

Files here are built from installed packages at first use (nothing is downloaded), named by
the versions of the packages they come from so that an upgrade builds a new one, and written
whole to a temporary file then renamed, so a reader never sees half a file. They hold plain
data (SQLite tables of text and numbers), never pickles: a cache file someone else wrote can
be wrong but cannot run code. ``STORYDIFF_CACHE_DIR`` chooses another directory.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

V = TypeVar("V")


def cache_dir() -> Path:
    """``$STORYDIFF_CACHE_DIR``, else the platform's user cache directory for storydiff."""
    chosen = os.environ.get("STORYDIFF_CACHE_DIR")
    if chosen:
        return Path(chosen)
    import platformdirs

    return Path(platformdirs.user_cache_dir("storydiff"))


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


def cached_file(stem: str, packages: tuple[str, ...], suffix: str, build: Callable[[Path], None],
                code: tuple[str, ...] = ()) -> Path | None:
    """The cache file for ``stem`` keyed by the versions of ``packages`` (and by the source of
    the modules named in ``code``, when what is cached is computed by this project's own code),
    built by ``build(path)`` when missing. None when the cache directory cannot be written (the
    caller then works from the packages directly, as slowly as without a cache)."""
    key = "-".join(f"{name}{package_version(name)}" for name in packages)
    if code:
        digest = hashlib.sha256()
        for module in code:
            spec = importlib.util.find_spec(module)
            if spec is not None and spec.origin:
                digest.update(Path(spec.origin).read_bytes())
        key += "-" + digest.hexdigest()[:12]
    folder = cache_dir()
    path = folder / f"{stem}-{key}{suffix}"
    if path.exists():
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{stem}-", suffix=suffix, dir=folder)
        os.close(handle)
    except OSError as exc:
        log.warning("no cache for %s: %s is not writable (%s); loading it without one", stem, folder, exc)
        return None
    try:
        build(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


class PreparedFile:
    """A prepared SQLite file opened read-only, shared by the threads of a process (the web app
    serves requests on several)."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()

    def rows(self, sql: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._db.execute(sql, parameters).fetchall()


class LookupTable(Mapping[str, V]):
    """A read-only mapping read from a prepared file one key at a time, each answer remembered.
    Subclasses say how a key is looked up (None: not there)."""

    def __init__(self) -> None:
        self._memo: dict[str, V | None] = {}

    def _lookup(self, key: str) -> V | None:
        raise NotImplementedError

    def _entry(self, key: str) -> V | None:
        if key not in self._memo:
            self._memo[key] = self._lookup(key)
        return self._memo[key]

    def __getitem__(self, key: str) -> V:
        found = self._entry(key)
        if found is None:
            raise KeyError(key)
        return found

    def get(self, key: str, default: Any = None) -> Any:
        found = self._entry(key)
        return default if found is None else found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._entry(key) is not None


__all__ = ["cache_dir", "cached_file", "package_version", "PreparedFile", "LookupTable"]
