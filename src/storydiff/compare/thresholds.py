"""The claim-pair scores and count limits that compare's judges, vetoes and finders share."""

from __future__ import annotations

# Thresholds on the claim-pair score (align.pair_claims: 0.6 weighted clause overlap +
# 0.25 same event head + 0.15 shared entities). Chosen on the seed pair and the
# discrepancies dev set (benchmarks/pairs.py); a conflict needs more than an agreement
# because a false alarm costs a fact-checker more than a missed corroboration.
AGREE_SCORE = 0.45
CONFLICT_SCORE = 0.6
PLACE_CONFLICT_SCORE = 0.75

# Two undated reports that put one event on different weekdays ("voted on Wednesday" /
# "voted on Thursday") cannot be placed in a week, so only a close match of the event
# makes them the same occasion.
UNRESOLVED_CONFLICT_SCORE = 0.7

# "two senators" vs "three senators": small counts name many subsets in one story.
SMALL_COUNT_SCORE = 0.8

# A competing reading counts as an alternative if it aligns at least this well.
ALTERNATIVE_SCORE = 0.35

# Two single figures for the same counted noun conflict only if within this ratio and
# at least this large (read on BASIL: "two senators" vs "three senators" were different
# subsets every time).
COUNT_RATIO = 1.5
COUNT_MINIMUM = 10

UPDATE_CLASSES = {"death", "injury", "missing", "arrest", "evacuate"}
