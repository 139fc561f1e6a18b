"""The claim-pair scores and count limits that compare's judges, vetoes and finders share.

Their values and the measurements behind them are ``settings.CompareSettings``
(``[storydiff.compare]``); the rules read the run's values (``settings.current().compare``).
The names below are the defaults, kept importable (``storydiff.compare.CONFLICT_SCORE``).
"""

from __future__ import annotations

from ..settings import CompareSettings

_DEFAULT = CompareSettings()
AGREE_SCORE = _DEFAULT.agree_score
CONFLICT_SCORE = _DEFAULT.conflict_score
PLACE_CONFLICT_SCORE = _DEFAULT.place_conflict_score
UNRESOLVED_CONFLICT_SCORE = _DEFAULT.unresolved_conflict_score
SMALL_COUNT_SCORE = _DEFAULT.small_count_score
ALTERNATIVE_SCORE = _DEFAULT.alternative_score
COUNT_RATIO = _DEFAULT.count_ratio
COUNT_MINIMUM = _DEFAULT.count_minimum
SAME_TOPIC = _DEFAULT.same_topic
SPELLING_VARIANT = _DEFAULT.spelling_variant
BACKGROUND_DAYS = _DEFAULT.background_days
CURRENT_DAYS = _DEFAULT.current_days
STATEMENT_AGREE = _DEFAULT.statement_agree
STATEMENT_UNIQUE = _DEFAULT.statement_unique
STATEMENT_MIN_TERMS = _DEFAULT.statement_min_terms

UPDATE_CLASSES = {"death", "injury", "missing", "arrest", "evacuate"}
