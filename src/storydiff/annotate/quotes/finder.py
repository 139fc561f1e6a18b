"""``find_quotes``: who said what in one spaCy ``Doc``, direct quotes first, then indirect
speech, each with its speaker resolved to a named entity where the text names one."""

from __future__ import annotations

from typing import Any

from ...model import Field, Quote
from ..nlp import doc_text
from .direct import (
    _complement_swallows,
    _cue_for_region,
    _governs,
    _is_speech,
    _paragraph_index,
    _paragraphs,
    _quote_regions,
    _tokens_between,
)
from .indirect import _indirect, _mostly_direct
from .spans import _extent, _inside_any, _sentence_index, _span
from .speakers import _entity_index, _resolve_speaker, _speaker_tokens
from .vocabulary import _Attribution


def find_quotes(doc: Any, field: Field = "text") -> list[Quote]:
    """Find the quotes in ``doc`` with their speaker, cue verb and resolved speaker entity.

    >>> quotes = find_quotes(nlp('"We will win," the senator said.'))  # doctest: +SKIP
    >>> quotes[0].content.text, quotes[0].speaker.text, quotes[0].cue.text  # doctest: +SKIP
    ('"We will win,"', 'the senator', 'said')
    """
    text: str = doc_text(doc)
    sentences = list(doc.sents)
    sentence_starts = [sent.start_char for sent in sentences]
    regions = _quote_regions(text)
    paragraphs = _paragraphs(text)
    attributions: list[_Attribution] = []
    used_cues: set[int] = set()

    previous: _Attribution | None = None
    previous_paragraph = -10
    for region in regions:
        inside = [t for t in _tokens_between(doc, region.start, region.end)]
        cue = _cue_for_region(doc, region, regions, paragraphs)
        if cue is not None and _complement_swallows(cue, region):
            continue
        # A short quote right after an attributed one in the same paragraph goes on with it:
        # '"We have a common enemy," she said. "Drought."'
        continues = (
            previous is not None
            and _paragraph_index(paragraphs, region.start) == previous_paragraph
        )
        if not _is_speech(inside) and not continues and not (
            cue is not None and _governs(cue, region) and _speaker_tokens(cue, regions)
        ):
            # A short quote counts only as the object of someone's words ("Absolutely not,"
            # he said), not as a label ("the so-called 'peace dividend'").
            continue
        if cue is not None:
            speaker_tokens = _speaker_tokens(cue, regions)
            attribution = _Attribution(
                region.start, region.end, cue, None, True, _extent(speaker_tokens), speaker_tokens
            )
            used_cues.add(cue.i)
        elif previous is not None and (
            _paragraph_index(paragraphs, region.start) - previous_paragraph <= 1
            and (_is_speech(inside) or continues)
        ):
            # A quote that follows another with no verb of its own continues the same
            # speaker: the usual news pattern of a quote running over several paragraphs.
            attribution = _Attribution(
                region.start,
                region.end,
                previous.cue,
                previous.cue_end,
                True,
                previous.speaker,
                previous.speaker_tokens,
            )
        else:
            continue
        region.used = True
        attributions.append(attribution)
        previous = attribution
        previous_paragraph = _paragraph_index(paragraphs, max(region.end - 1, 0))

    for token in doc:
        if token.i in used_cues or _inside_any(token.idx, regions, used_only=True):
            continue
        indirect = _indirect(token, regions)
        if indirect is None:
            continue
        if _mostly_direct(indirect, regions):
            continue
        attributions.append(indirect)

    attributions.sort(key=lambda a: (a.start, a.end))
    quotes: list[Quote] = []
    entities = _entity_index(doc)
    for attribution in attributions:
        content = _span(text, attribution.start, attribution.end, field)
        if content is None:
            continue
        speaker = (
            _span(text, attribution.speaker[0], attribution.speaker[1], field)
            if attribution.speaker
            else None
        )
        cue_span = None
        if attribution.cue is not None:
            cue_end = attribution.cue_end or attribution.cue.idx + len(attribution.cue.text)
            cue_span = _span(text, attribution.cue.idx, cue_end, field)
        quotes.append(
            Quote(
                content=content,
                speaker=speaker,
                cue=cue_span,
                direct=attribution.direct,
                speaker_entity=_resolve_speaker(doc, attribution.speaker_tokens, entities)
                if attribution.speaker_tokens
                else None,
                sentence=_sentence_index(sentence_starts, attribution.start),
            )
        )
    return quotes
