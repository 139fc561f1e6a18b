"""Dates and times in news English, normalised to TimeML TIMEX3 values.

``find_timexes`` finds time expressions with a grammar of news idioms ("Monday (21)",
"April last year", "the third quarter", "over two decades", "6:41pm"), adds the spaCy
DATE/TIME spans the grammar misses (normalised with dateparser), and resolves relative
expressions against the publication date, reading the tense of the governing verb to decide
whether a bare "Wednesday" lies before or after it. ``compare_timex`` says whether two
sources' values for the same fact agree, are compatible (one is coarser), or conflict.

The benchmark is ``benchmarks/temporal.py`` (TimeBank + AQUAINT, scored the TempEval-3 way
against HeidelTime); figures quoted in comments below come from its training signal.

The package's modules, in the order a text goes through them: ``vocabulary``, ``context``,
the grammar (``grammar``, ``grammar_periods``, ``grammar_spans``, registered in this order),
``tagger`` and ``comparison``. Every name stays importable from ``storydiff.annotate.temporal``.
"""

from __future__ import annotations

from .comparison import (  # noqa: F401
    _LOOSE_POINT_MODS,
    _REFS,
    _calendar_interval,
    _compare_durations,
    _compare_fields,
    _compare_points,
    _duration_days,
    _Interval,
    _known_fields,
    _modified_range,
    compare_timex,
    timex_interval,
)
from .context import (  # noqa: F401
    _add_months,
    _Candidate,
    _Context,
    _duration_value,
    _last_completed_quarter,
    _number,
    _quarter_of,
    _shift_value,
    _unit_key,
    _week_value,
    _weekday_near,
    _weekday_with_day,
    _year_for_month,
)
from .grammar import (  # noqa: F401
    _NAMED_EVENT,
    _PATTERN_DOCS,
    _RULES,
    _bare_month,
    _day_candidate,
    _day_month,
    _Handler,
    _iso_date,
    _month_day,
    _month_number,
    _month_relative_year,
    _month_year,
    _one,
    _position_mod,
    _rule,
    _slash_date,
    _span,
    _year,
    _year_number,
    _year_range,
)
from .grammar_periods import (  # noqa: F401
    _CENTURY_ORDINALS,
    _DECADE_WORDS,
    _RELATIVE_DAYS,
    _anchored_year,
    _century,
    _decade,
    _quarter,
    _relative_day,
    _relative_unit,
    _reporting_period,
    _season,
    _the_weekend,
    _the_year,
    _weekday,
)
from .grammar_spans import (  # noqa: F401
    _SET_WORDS,
    _ZONE,
    _anchored_day,
    _bare_plural,
    _clock,
    _distance,
    _duration,
    _from_report,
    _reference,
    _set_every,
    _set_rate,
    _set_word,
    _vague_span,
    _year_earlier,
)
from .tagger import (  # noqa: F401
    _dateparser_timex,
    _neighbouring_day,
    _resolve_anchors,
    _rule_candidates,
    _select,
    _spacy_candidates,
    find_timexes,
)
from .vocabulary import (  # noqa: F401
    _AMBIGUOUS_MONTHS,
    _B,
    _DIGITAL_YEAR,
    _DURATION_MOD,
    _DURATION_MODS,
    _E,
    _EXPECTATION,
    _MONTH,
    _MONTH_ABBREVIATIONS,
    _MONTH_CUES,
    _MONTH_WORDS,
    _MONTHS,
    _NUMBER,
    _NUMERIC_END,
    _ORDINALS,
    _PART,
    _PARTS_OF_DAY,
    _POSITION,
    _POSITION_MODS,
    _SEASON_START,
    _SEASONS,
    _SMALL_NUMBERS,
    _SPELLED_YEAR,
    _TENS,
    _TENS_WORD,
    _UNIT,
    _UNIT_WORD,
    _UNITS,
    _VAGUE_NUMBERS,
    _WEEKDAY,
    _WEEKDAYS,
    _YEAR,
    Tense,
    Verdict,
)

__all__ = ["find_timexes", "compare_timex"]
