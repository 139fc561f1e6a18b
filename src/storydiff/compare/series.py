"""Series: a number conflict marked as a likely update, as the reports' values in publication
order.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Literal

from ..model import Article, Evidence, Finding, Series, SeriesPoint


def _figure(evidence: Evidence) -> float | None:
    """The figure a number's evidence states: its exact value, or the floor of an open range."""
    from ..annotate.quantities import read_quantity

    quantity = read_quantity(evidence.text)
    if quantity is None:
        return None
    if quantity.exact is not None:
        return quantity.exact
    return quantity.low if math.isfinite(quantity.low) else None


def series_of(findings: Sequence[Finding], articles: dict[str, Article]) -> list[Series]:
    """Each number conflict marked as a likely update, as a series of the reports' values in
    publication order ("40 -> 65 -> 90"), one point per report."""
    found: list[Series] = []
    for finding in findings:
        if finding.type != "conflict" or not finding.likely_update or finding.kind != "number":
            continue
        points: dict[str, SeriesPoint] = {}
        for evidence in finding.evidence:
            if evidence.article in points or evidence.article not in articles:
                continue
            figure = _figure(evidence)
            points[evidence.article] = SeriesPoint(
                value=figure if figure is not None else evidence.value, article=evidence.article,
                published=articles[evidence.article].published, evidence=evidence)
        ordered = sorted(points.values(), key=lambda p: (p.published is None, str(p.published or ""), p.article))
        if len(ordered) < 2:
            continue
        first, last = ordered[0].value, ordered[-1].value
        direction: Literal["rose", "fell", "changed"] = "changed"
        if isinstance(first, float) and isinstance(last, float) and first != last:
            direction = "rose" if last > first else "fell"
        found.append(Series(id=f"S{len(found) + 1}", about=finding.about, points=ordered, key=finding.key,
                            finding=finding.id, direction=direction))
    return found
