"""Comparing two readings: ``compare_quantities`` says whether two sources' quantities agree,
converting units of one dimension ("40 miles" and "64 km")."""

from __future__ import annotations

import math

from ...model import Quantity, Relation
from .vocabulary import _FACTORS, INF

# --- comparing two readings ---------------------------------------------------------------

def _convert(q: Quantity, to_unit: str) -> Quantity | None:
    if q.unit == to_unit:
        return q
    if q.unit not in _FACTORS or to_unit not in _FACTORS:
        return None
    dim_a, fa = _FACTORS[q.unit]
    dim_b, fb = _FACTORS[to_unit]
    if dim_a != dim_b or dim_a == "temperature":
        return None
    ratio = fa / fb
    # a converted figure is only as precise as the original: allow 2 % for rounding in the
    # conversion the writer did ("40 miles" -> "64 km")
    exact = q.exact * ratio if q.exact is not None else None
    low, high = q.low * ratio, q.high * ratio
    return Quantity(low * 0.98, high * 1.02 if high != INF else INF, to_unit, exact, True)


_DIMENSIONED = frozenset(_FACTORS) | {"%", "percentage point", "magnitude"}


def _is_dimensioned(unit: str | None) -> bool:
    return unit is not None and (unit in _DIMENSIONED or unit.isupper())


def compare_quantities(a: Quantity, b: Quantity) -> Relation:
    """"same", "compatible", "conflict" or "unknown" for two readings.

    Intervals that overlap are compatible; equal readings are the same; units that differ
    and cannot be converted give "unknown". A counted noun ("people") against no unit
    ("15 killed") is compared by value, but a currency, percentage or physical unit against
    no unit is "unknown".
    """
    if a.unit != b.unit:
        if a.unit is None or b.unit is None:
            if _is_dimensioned(a.unit) or _is_dimensioned(b.unit):
                return "unknown"
        else:
            converted = _convert(b, a.unit)
            if converted is None:
                return "unknown"
            b = converted
    if (a.low, a.high) == (b.low, b.high) and a.approximate == b.approximate:
        return "same"
    if a.exact is not None and a.exact == b.exact and not a.approximate and not b.approximate \
            and math.isfinite(a.high) and math.isfinite(b.high):
        return "same"
    if a.low <= b.high and b.low <= a.high:
        return "compatible"
    return "conflict"
