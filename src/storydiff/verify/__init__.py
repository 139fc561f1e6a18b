"""Verify: is a derived text (a rewrite, a summary, wire copy) faithful to its source?

Every statement (sentence) of the derived text gets one status:

- ``contradicted`` when ``compare`` finds a typed conflict inside it (date, number, place,
  name), when ``status`` finds a negation or antonym against an aligned source sentence,
  or when one of its values (a date, a number, a place) aligns with a source claim whose
  value cannot also be true;
- ``contradicted`` too when, against the 1-3 consecutive source sentences it restates
  (token alignment, ``_window``), a short edit changes a number or a name, adds or drops a
  negation (also of a verb's complement: "will not be asked to include" / "may include"),
  or puts a word where the source has its opposite (``opposites.opposite_words``);
- ``contradicted`` (kind ``substitution``) when, in such a short edit, a noun or adjective
  the source never uses stands where the source has another that WordNet does not relate to
  it (not a synonym, a broader or narrower word, a sibling or a derivation:
  ``annotate.lexicon.related``); and when a derived word is anchored by its two neighbours
  where the source has its opposite or another number, however the summary reorders its
  clauses (``_slot_substitutions``); in a sentence that restates its window closely, any
  noun or adjective swapped for one that is not its synonym, broader or narrower word, and
  any day, count or rank swapped for another (``_swapped_value``);
- ``contradicted`` (kind ``antonym``) when the derived text moves an amount one way and the
  source, anywhere, only the other way ("lowering prices" / "upped delivery prices";
  ``direction.direction_clashes``); when it makes obligatory what its window only permits or
  asks, or the other way round ("forced to" / "allowed to", "mandatory" / "voluntary";
  ``lang.modality``); when it says the opposite verb of the same two participants
  ("Ukraine attacks Russia" / "Ukraine defends itself from Russia"); and when it names a
  person by the opposite of the source's word ("his sister" / "his brother");
- ``contradicted`` (kind ``name``) too when a named entity fills a role of an event, or owns
  a noun ("the executive of the European Union"), that the source fills only with another;
- ``contradicted`` (kind ``date``) when it puts an event in another part of a day the source
  names ("Thursday afternoon" / "Thursday morning");
- ``not_mentioned`` when it has no counterpart in the source: a value, or a name, that the
  source never states, or no source sentence it aligns with; or a noun qualified by a word
  the source never uses where the source qualifies that noun only otherwise ("cow milk" /
  "dairy milk", "a loss of power" / "a loss of propulsion"; ``_modifier_swaps``); or a
  "despite" where the source window draws no contrast at all (``_unsupported_contrast``);
- ``supported`` otherwise, with the best aligned source sentence as evidence.

The overall verdict (``verdict_of``) is ``unfaithful`` when a statement is contradicted or
when the source mentions none of them (``UNSUPPORTED_SHARE``); with ``strict`` (``verify
--strict``), unless every statement is supported. Nothing here
re-implements alignment or comparison: claims come from ``align.claims_of``/``pair_claims``
and are judged by ``compare.relation``; conflicts from ``compare.compare_annotated``;
statement alignment from ``align.sentence_terms`` (through ``status.aligned_sentences``).
What verify adds is the asymmetry: a derived text must be *covered* by its source, so a
value or name the source lacks is a finding here, whereas between two reports it is not.

The modules: ``run`` (prepare, annotate, judge, give the verdict), ``checks`` (every
``verify.check.*`` rule, in the order they run), ``verdict`` (each statement's worst
judgement and the overall verdict), ``result`` (what verify returns); the checks read
``values``, ``windows`` and ``edits``, ``substitution``, ``slots``, ``status``,
``opposites``, ``direction``, ``modality``, ``contrast``, ``antonyms``, ``modifiers``,
``arguments`` and ``novel``.
"""

from ..settings import VerifySettings
from .result import Statement, Status, Verdict, Verification
from .run import annotate_pair, verify
from .substitution import SUBSTITUTED_POS
from .verdict import verdict_of, verify_annotated

# The thresholds' defaults, kept importable; their measurements are ``settings.VerifySettings``
# (``[storydiff.verify]``), and the checks read the run's values (``settings.current()``).
_DEFAULT = VerifySettings()
ALIGN_DERIVED = _DEFAULT.align_derived
ALIGN_REPORTS = _DEFAULT.align_reports
CONTRADICT_SCORE = _DEFAULT.contradict_score
EDIT_GAP = _DEFAULT.edit_gap
EDIT_TOKENS = _DEFAULT.edit_tokens
FUNCTION_WORD_WEIGHT = _DEFAULT.function_word_weight
RESTATES = _DEFAULT.restates
SUBSTITUTION_TOKENS = _DEFAULT.substitution_tokens
UNSUPPORTED_SHARE = _DEFAULT.unsupported_share
UNSUPPORTED_SIMILARITY = _DEFAULT.unsupported_similarity
WINDOW_SENTENCES = _DEFAULT.window_sentences

__all__ = ["verify", "verify_annotated", "annotate_pair", "verdict_of", "Verification", "Statement", "Status",
           "Verdict", "ALIGN_DERIVED", "ALIGN_REPORTS", "CONTRADICT_SCORE", "EDIT_GAP", "EDIT_TOKENS",
           "FUNCTION_WORD_WEIGHT", "RESTATES", "SUBSTITUTED_POS", "SUBSTITUTION_TOKENS", "UNSUPPORTED_SHARE",
           "UNSUPPORTED_SIMILARITY", "WINDOW_SENTENCES"]
