"""Numbers in news text read as intervals: "at least 12", "nearly 300", "tens of thousands",
"$2.5 billion", "1,100-km-long", "over two decades", so that two reports can be compared
honestly ("at least 12 dead" does not conflict with "15 killed"; "6.1" conflicts with "6.0").

``read_quantity`` reads one phrase (no spaCy needed); ``find_quantities`` finds the phrases in
a spaCy ``Doc`` and adds the counted noun ("40 people" -> unit "people"); ``compare_quantities``
says whether two readings agree.

Conventions (the benchmark's expected readings follow them, see benchmarks/phrases.py):

* a bare number is a point: "23" -> [23, 23], ``exact`` 23;
* a number with a scale word is read to the precision it was written with: "$2.5 billion" ->
  [2.45e9, 2.55e9) (stored as [2.45e9, 2.5499e9]), ``exact`` 2.5e9, because "$2.5 billion"
  and "$2.47 billion" are the same figure rounded, while "6.1" and "6.0" (magnitudes, no
  scale word) are two precise figures that conflict;
* lower bounds are closed: "more than 220" -> [220, inf). The open bound is lost on purpose:
  "more than 220" against "220" is a rounding question, not a contradiction worth reporting;
* "nearly/almost N" -> [0.9 N, N]; "about/around/roughly/some N" -> N +/- max(10 %, 1);
  "up to / fewer than / under N" -> [0, N]; "N-some"/"N-odd" -> [N+1, N + 10^k - 1];
* vague amounts: "several" [3, 9], "a few" [2, 9], "dozens" [24, 99], "hundreds" [100, 999],
  "tens of thousands" [10000, 99999], "several hundred" [300, 999].

The package's modules: ``vocabulary``, ``reading`` (one phrase), ``finding`` (a spaCy Doc) and
``comparison``. Every name stays importable from ``storydiff.annotate.quantities``.
"""

from __future__ import annotations

from .comparison import _DIMENSIONED, _convert, _is_dimensioned, compare_quantities  # noqa: F401
from .finding import (  # noqa: F401
    _DURATION,
    _NOT_COUNTED,
    _NUMBERISH,
    _UNIT_LEMMAS,
    _candidate_spans,
    _counted_noun,
    _excluded,
    _follows_name,
    _is_year_like,
    _physical_unit,
    _quantulum_parser,
    _with_joint,
    find_quantities,
)
from .reading import (  # noqa: F401
    _decimals,
    _digits_value,
    _Parser,
    _place_of,
    _read,
    _Reading,
    _round_half,
    _tokenize,
    _Word,
    read_quantity,
)
from .vocabulary import (  # noqa: F401
    _ABOUT,
    _CURRENCY_PREFIX,
    _CURRENCY_WORDS,
    _FACTORS,
    _GLUED_SCALES,
    _LOWER,
    _MAX_MODIFIER,
    _MODIFIER_WORDS,
    _MODIFIERS,
    _NEARLY,
    _PERCENT_WORDS,
    _SCALE_WORDS,
    _TENS_WORDS,
    _TIME_UNITS,
    _TOKEN_RE,
    _UNIT_NAMES,
    _UNITS_WORDS,
    _UPPER,
    _VAGUE,
    _VAGUE_MULTIPLIERS,
    INF,
    NAME_LABELS,
    QUANTITY_LABELS,
)

__all__ = ["find_quantities", "compare_quantities", "read_quantity"]
