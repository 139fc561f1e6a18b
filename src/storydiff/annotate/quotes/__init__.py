"""Who said what: direct and indirect quotes with their speaker and cue verb.

``find_quotes(doc)`` reads one spaCy ``Doc`` and returns ``Quote`` records. Direct quotes are
found from quotation marks (straight, curly, and the ``` ``...'' ``` pairs of old wire text),
then tied to a reporting verb through the dependency parse ("X said" before, after or inside
the quote, or a lead-in ending in a colon). Indirect speech comes from the complements of
reporting verbs ("said that ...", "told reporters ...", "denied ...") and from "according to
X". The speaker is the grammatical subject of the cue, expanded to its noun phrase; pronouns
and titles ("he", "the minister", "the ministry") are resolved to the most recent fitting
PERSON or ORG entity so that quotes can be compared across reports.

Rules only, no model of its own: measured on PolNeAR in ``benchmarks/quotes.py``.

The package's modules: ``vocabulary``, ``spans``, ``speakers``, ``indirect`` and ``direct``
quotes, and ``finder`` (``find_quotes``). Every name stays importable from
``storydiff.annotate.quotes``.
"""

from __future__ import annotations

from .direct import (  # noqa: F401
    _complement_swallows,
    _cue_for_region,
    _gap,
    _governs,
    _is_speech,
    _other_quote_between,
    _paragraph_index,
    _paragraph_of,
    _paragraphs,
    _quote_regions,
    _tokens_between,
)
from .finder import find_quotes  # noqa: F401
from .indirect import _according_to, _aside, _indirect, _is_reporting, _lemma, _mostly_direct  # noqa: F401
from .spans import (  # noqa: F401
    _CLOSING_TAIL,
    _close_quote,
    _extent,
    _field,
    _inside_any,
    _rstrip,
    _sentence_index,
    _span,
    _trimmed_extent,
)
from .speakers import (  # noqa: F401
    _canonical,
    _canonical_person,
    _contiguous_around,
    _definite,
    _entity_index,
    _head_of,
    _noun_phrase,
    _recent,
    _resolve_speaker,
    _speaker_tokens,
    _strip_article,
    _strip_possessive,
)
from .vocabulary import (  # noqa: F401
    _CLAUSE_ONLY,
    _CLOSERS,
    _COMPLEMENT_DEPS,
    _MARK,
    _OPENERS,
    _ORG_PRONOUNS,
    _PERSON_PRONOUNS,
    _RELATIVE_PRONOUNS,
    _SUBJECT_DEPS,
    _TRIPLE,
    ORG_ROLES,
    PERSON_ROLES,
    REPORTING_VERBS,
    STANCE_VERBS,
    Extent,
    _Attribution,
    _Region,
)

__all__ = ["find_quotes", "REPORTING_VERBS", "PERSON_ROLES", "ORG_ROLES"]
