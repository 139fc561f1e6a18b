"""Compare: what the sources of one story agree on, where they conflict, what only one says.

Input: cleaned ``Article`` objects of one story. Output: a ``Comparison`` whose findings
each carry exact evidence spans in every article involved.

The judgement is typed: two aligned dates conflict only if their TIMEX3 values cannot both
be true ("2021-09" vs "2021-04"; not "1999" vs "1999-04"), two quantities if their
intervals are disjoint or one is a floor that is not the other rounded down ("at least 12"
vs "15" are two tallies; "more than 200" vs "212" one), two places only if neither contains the
other (not "Kasur" vs "Punjab"), two names only if one is a near-miss spelling of the other
and not a standard variant. Where a source states a value compatible with the other
source's, the pair is an agreement, however many other values the sentence holds.

The modules, in the order a comparison runs them (``run.compare_annotated``):

- ``typed``: pairs of aligned claims judged (``judges.relation``) into agreements and
  conflicts, each conflict checked against the ``vetoes``; with ``counts`` (single
  figures), ``inception`` (firsts) and ``timing`` (publication dates against the dates
  the reports give);
- ``findings``: those edges grouped into one finding per fact, described by ``keys``;
- ``spelling``, ``kinship``, ``denial``: conflicts of names, of siblings' ages, of an act
  denied and reported;
- ``statements``: sentences several sources say alike, and those only one says;
- ``series``: a number conflict that is an update, as a series of values.

``thresholds`` holds the scores they share, ``context`` what the rules read, ``entities``
the canonical names. Every heuristic is a named rule (``storydiff.rules``).
"""

from ..prepare import prepare

# Imported for their rules: ``rules.load_all`` imports this package to register every
# compare rule, and these four modules export nothing the package re-exports.
from . import denial, inception, kinship, typed  # noqa: F401
from .context import PairContext, StoryContext, _passes
from .counts import COUNT_VETOES
from .entities import ENTITY_NAME_KINDS, canonical_names
from .facts import STORY_ONLY_RULES
from .judges import relation
from .keys import _describe, claim_evidence, describe, fact_key
from .run import compare_annotated, compare_articles, compare_paths, comparison_of
from .series import _figure, series_of
from .spelling import NAME_VETOES
from .statements import _note_partial
from .thresholds import (
    AGREE_SCORE,
    ALTERNATIVE_SCORE,
    BACKGROUND_DAYS,
    CONFLICT_SCORE,
    COUNT_MINIMUM,
    COUNT_RATIO,
    CURRENT_DAYS,
    PLACE_CONFLICT_SCORE,
    SAME_TOPIC,
    SMALL_COUNT_SCORE,
    SPELLING_VARIANT,
    STATEMENT_AGREE,
    STATEMENT_MIN_TERMS,
    STATEMENT_UNIQUE,
    UNRESOLVED_CONFLICT_SCORE,
    UPDATE_CLASSES,
)
from .vetoes import CONFLICT_VETOES

__all__ = [
    "AGREE_SCORE", "ALTERNATIVE_SCORE", "BACKGROUND_DAYS", "CONFLICT_SCORE", "CONFLICT_VETOES", "COUNT_MINIMUM",
    "COUNT_RATIO", "COUNT_VETOES", "CURRENT_DAYS", "ENTITY_NAME_KINDS", "NAME_VETOES", "PLACE_CONFLICT_SCORE",
    "SAME_TOPIC", "SMALL_COUNT_SCORE", "SPELLING_VARIANT", "STATEMENT_AGREE", "STATEMENT_MIN_TERMS",
    "STATEMENT_UNIQUE", "STORY_ONLY_RULES", "UNRESOLVED_CONFLICT_SCORE", "UPDATE_CLASSES", "PairContext",
    "StoryContext",
    "canonical_names", "claim_evidence", "compare_annotated", "compare_articles", "compare_paths",
    "comparison_of", "describe", "fact_key", "prepare", "relation", "series_of",
    # private, imported by name elsewhere (storylines, tests)
    "_describe", "_figure", "_note_partial", "_passes",
]
