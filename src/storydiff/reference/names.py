"""Standard variants of personal names, from two curated packages loaded on first need:
``nicknames`` (English given names and their nicknames: "Liz"/"Elizabeth") and
``name-variants`` (romanisations of Arabic, Russian, Chinese... names: "Sergey"/"Sergei").
``storydiff.annotate.names`` decides with them which spellings name one person.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def nicknamer() -> Any:
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=1)
def romanisations() -> Any:
    import name_variants

    return name_variants


__all__ = ["nicknamer", "romanisations"]
