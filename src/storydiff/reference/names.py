"""Standard variants of personal names, from two curated packages loaded on first need:
``nicknames`` (English given names and their nicknames: "Liz"/"Elizabeth") and
``name-variants`` (romanisations of Arabic, Russian, Chinese... names: "Sergey"/"Sergei").
``storydiff.annotate.names`` decides with them which spellings name one person. Also the
words of a name (titles and punctuation dropped), which the gazetteer reads place names with.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Titles and honorifics dropped before names are compared ("Mr. Santorum" -> "Santorum").
TITLES = frozenset(
    """mr mrs ms miss dr prof sen senator rep representative gov governor president
    premier chancellor minister secretary ambassador gen col colonel lt
    lieutenant capt captain sgt sergeant adm admiral judge king queen prince princess
    pope rev reverend sir lord lady dame sheikh ayatollah mayor commissioner
    det detective officer pres""".split()
)
# Multi-word titles: "Prime Minister", "Foreign Minister", "Attorney General".
_TITLE_PHRASES = re.compile(
    r"^(?:(?:prime|foreign|defen[cs]e|interior|finance|deputy|former|acting|chief|"
    r"attorney|surgeon)\s+)+(?:minister|general|justice|secretary)\s+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+", re.UNICODE)


def _fold(text: str) -> str:
    """Case-fold and strip accents: "Sánchez" -> "sanchez"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=65536)
def _name_tokens(name: str) -> tuple[str, ...]:
    return tuple(_name_tokens_uncached(name))


def name_tokens(name: str) -> list[str]:
    """The words of a name (cached: a story compares every pair of its names)."""
    return list(_name_tokens(name))


def _name_tokens_uncached(name: str) -> list[str]:
    """The words of a name, folded, without titles, possessives or punctuation.

    "Mr. Santorum's" -> ["santorum"]; "U.S." -> ["us"]; "Rodney S. Scott" ->
    ["rodney", "s", "scott"].
    """
    text = _fold(name).strip()
    text = re.sub(r"['’]s\b", "", text)
    # "U.S." / "U.N.": letters separated by periods are one abbreviation
    text = re.sub(r"\b(?:[a-z]\.){2,}", lambda m: m.group(0).replace(".", ""), text)
    text = _TITLE_PHRASES.sub("", text)
    words = _WORD.findall(text)
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    return words


@lru_cache(maxsize=1)
def nicknamer() -> Any:
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=1)
def romanisations() -> Any:
    import name_variants

    return name_variants


__all__ = ["TITLES", "name_tokens", "nicknamer", "romanisations"]
