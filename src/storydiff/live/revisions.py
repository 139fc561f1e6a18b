"""What changed between two versions of one article, fact by fact.

The two versions are compared as two articles of one story with compare's own machinery
(``compare.compare_articles``): a conflict between them is a fact revised (a figure, a date,
a name), a statement only the new version makes was added, one only the old makes was
removed, and an added sentence that announces a correction is marked as the correction
notice. A figure that moved is also given as a ``Series`` of its values, oldest first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .. import rules
from ..compare import compare_articles
from ..model import Article, Evidence, Series, SeriesPoint
from ..settings import Settings

_CORRECTION = re.compile(
    r"\b(correction|corrected|clarification|an earlier version of this (article|story|report)"
    r"|this (article|story|report) has been (updated|amended|corrected)"
    r"|(mis)?(stated|identified|spelled|misspelled|reported) (incorrectly|wrongly)"
    r"|incorrectly (stated|said|reported|identified|gave))\b", re.IGNORECASE)


@rules.register("live.revision.correction_notice", "live.revision",
                effect="marks an added sentence as the outlet's correction notice, not as news")
def correction_notice(sentence: str) -> bool:
    """An added sentence that announces a correction ('An earlier version of this article...')."""
    return bool(_CORRECTION.search(sentence))


@dataclass
class Change:
    """One change: ``kind`` "revised" (``what``: number, date, name, place...), "added",
    "removed" or "correction" (an added correction notice)."""

    kind: str
    what: str
    about: str
    before: Evidence | None = None
    after: Evidence | None = None

    def describe(self) -> str:
        if self.kind == "revised":
            if self.what == "wording":
                return f"reworded: {self.before.text!r} -> {self.after.text!r}"
            return f"{self.what} revised: {self.before.text!r} -> {self.after.text!r} ({self.about})"
        quoted = (self.after or self.before).text
        return {"added": "added", "removed": "removed", "correction": "correction notice"}[self.kind] + f": {quoted}"


@dataclass
class Revision:
    """Version ``number`` (stored at ``stored_at``) against version ``previous``."""

    number: int
    previous: int
    stored_at: str
    changes: list[Change] = field(default_factory=list)


def _evidence_in(evidence: list[Evidence], article_id: str) -> Evidence | None:
    return next((e for e in evidence if e.article == article_id), None)


def compare_versions(old: Article, new: Article, settings: Settings | None = None) -> list[Change]:
    """The changes from ``old`` to ``new`` (two versions of one article, distinct ids)."""
    comparison = compare_articles([old, new], settings)
    changes: list[Change] = []
    reworded = []
    for finding in comparison.findings:
        if finding.type == "conflict":
            before = _evidence_in(finding.evidence, old.id)
            after = _evidence_in(finding.evidence, new.id)
            if before is not None and after is not None:
                changes.append(Change("revised", finding.kind, finding.about, before, after))
        elif finding.type == "agreement" and finding.kind == "statement":
            reworded.append(finding)
        elif finding.type == "unique":
            evidence = finding.evidence[0]
            if evidence.article == new.id:
                notice = rules.enabled("live.revision.correction_notice") and correction_notice(evidence.text)
                if notice:
                    rules.fired("live.revision.correction_notice")
                changes.append(Change("correction" if notice else "added", "statement", finding.about, after=evidence))
            else:
                changes.append(Change("removed", "statement", finding.about, before=evidence))
    # A sentence kept but changed in a way no typed fact shows (a name replaced by another,
    # not misspelt; a word changed) is listed as reworded, so no change goes unlisted.
    covered = [c.before for c in changes if c.kind == "revised"]
    for finding in reworded:
        before = _evidence_in(finding.evidence, old.id)
        after = _evidence_in(finding.evidence, new.id)
        if before is None or after is None or " ".join(before.text.split()) == " ".join(after.text.split()):
            continue
        if any(e.field == before.field and before.start <= e.start and e.end <= before.end for e in covered):
            continue
        changes.append(Change("revised", "wording", finding.about, before, after))
    order = {"correction": 0, "revised": 1, "added": 2, "removed": 3}
    changes.sort(key=lambda c: (order[c.kind], (c.after or c.before).start))
    return changes


def revisions(versions: list[tuple[int, str, Article]], settings: Settings | None = None) -> list[Revision]:
    """Each version against the one before it (``versions`` as ``Store.versions`` gives them)."""
    found = []
    for (number_a, _at_a, old), (number_b, at_b, new) in zip(versions, versions[1:]):
        found.append(Revision(number_b, number_a, at_b, compare_versions(old, new, settings)))
    return found


def _when(stored_at: str, article: Article) -> date | datetime | None:
    if article.modified is not None:
        return article.modified
    try:
        return datetime.fromisoformat(stored_at)
    except ValueError:
        return article.published


def figure_series(versions: list[tuple[int, str, Article]], found: list[Revision]) -> list[Series]:
    """Each figure that moved, as the series of its values across versions: a revision whose
    old value is the last point of a series extends it."""
    when = {article.id: _when(at, article) for _n, at, article in versions}
    series: list[Series] = []
    for revision in found:
        for change in revision.changes:
            if change.kind != "revised" or change.what != "number":
                continue
            before, after = change.before, change.after
            extended = next((s for s in series if s.points[-1].article == before.article
                             and (s.points[-1].evidence.start, s.points[-1].evidence.end) == (before.start, before.end)),
                            None)
            if extended is None:
                extended = Series(change.about, [SeriesPoint(before.value, before.article, when.get(before.article), before)])
                series.append(extended)
            extended.points.append(SeriesPoint(after.value, after.article, when.get(after.article), after))
    return series
