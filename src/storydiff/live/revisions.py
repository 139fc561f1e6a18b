"""What changed between two versions of one article, fact by fact.

The two versions are compared as two articles of one story with compare's own machinery
(``compare.compare_articles``): a conflict between them is a fact revised (a figure, a date,
a name), a statement only the new version makes was added, one only the old makes was
removed, and an added sentence that announces a correction is marked as the correction
notice. A figure that moved is also given as a ``Series`` of its values, oldest first."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from .. import rules
from ..compare import compare_articles
from ..model import Article, Evidence, Finding, Series, SeriesPoint
from ..settings import Settings

log = logging.getLogger(__name__)

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
            before, after = self.revised()
            if self.what == "wording":
                return f"reworded: {before.text!r} -> {after.text!r}"
            return f"{self.what} revised: {before.text!r} -> {after.text!r} ({self.about})"
        quoted = self.evidence().text
        return {"added": "added", "removed": "removed", "correction": "correction notice"}[self.kind] + f": {quoted}"

    def evidence(self) -> Evidence:
        """Where the change is: in the new version, else in the old one (every change has one)."""
        found = self.after or self.before
        if found is None:
            raise ValueError(f"change {self.kind} {self.what!r} has no evidence")
        return found

    def revised(self) -> tuple[Evidence, Evidence]:
        """The old and the new evidence of a "revised" change (which always has both)."""
        if self.before is None or self.after is None:
            raise ValueError(f"revised {self.what!r} lacks its old or new evidence")
        return self.before, self.after


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
    covered = [c.revised()[0] for c in changes if c.kind == "revised"]
    for finding in reworded:
        before = _evidence_in(finding.evidence, old.id)
        after = _evidence_in(finding.evidence, new.id)
        if before is None or after is None or " ".join(before.text.split()) == " ".join(after.text.split()):
            continue
        if any(e.field == before.field and before.start <= e.start and e.end <= before.end for e in covered):
            continue
        changes.append(Change("revised", "wording", finding.about, before, after))
    order = {"correction": 0, "revised": 1, "added": 2, "removed": 3}
    changes.sort(key=lambda c: (order[c.kind], c.evidence().start))
    return changes


def revisions(versions: list[tuple[int, str, Article]], settings: Settings | None = None) -> list[Revision]:
    """Each version against the one before it (``versions`` as ``Store.versions`` gives them)."""
    found = []
    for (number_a, _at_a, old), (number_b, at_b, new) in zip(versions, versions[1:], strict=False):
        found.append(Revision(number_b, number_a, at_b, compare_versions(old, new, settings)))
    return found


def _when(stored_at: str, article: Article) -> date | datetime | None:
    if article.modified is not None:
        return article.modified
    try:
        return datetime.fromisoformat(stored_at)
    except ValueError:
        log.info("%s: stored time %r is not ISO: the version is dated by its publication date", article.id, stored_at)
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
            before, after = change.revised()
            extended = next((s for s in series if s.points[-1].article == before.article
                             and (s.points[-1].evidence.start, s.points[-1].evidence.end)
                             == (before.start, before.end)),
                            None)
            if extended is None:
                first = SeriesPoint(before.value, before.article, when.get(before.article), before)
                extended = Series(change.about, [first])
                series.append(extended)
            extended.points.append(SeriesPoint(after.value, after.article, when.get(after.article), after))
    return series


@dataclass
class Corrected:
    """A conflict a source's previous version had with the story and its latest has not."""

    finding: Finding  # the conflict as it stood against the previous version
    article: str  # the revised source's id
    revision: int  # the version that no longer has it
    stored_at: str

    def describe(self) -> str:
        return (f"corrected in revision {self.revision} ({self.stored_at}): {self.finding.about} "
                f"({self.finding.explanation}; {self.article})")


def _others(finding: Finding, article_id: str) -> tuple[str, frozenset]:
    return finding.kind, frozenset((e.article, e.field, e.start, e.end) for e in finding.evidence
                                   if e.article.split("@", 1)[0] != article_id)


def corrected_conflicts(articles: list[Article], versions: dict[str, list[tuple[int, str, Article]]],
                        findings: list[Finding], settings: Settings | None = None) -> list[Corrected]:
    """Conflicts present against a source's previous version and gone in its latest: the story
    (``articles``, each source's latest version, compared into ``findings``) is compared again
    with the previous version of each revised source in place of its latest."""
    found = []
    for article in articles:
        history = versions.get(article.id) or []
        if len(history) < 2:
            continue
        previous = history[-2][2]
        number, stored_at = history[-1][0], history[-1][1]
        standing = {_others(f, article.id) for f in findings
                    if f.type == "conflict" and any(e.article == article.id for e in f.evidence)}
        before = compare_articles([a for a in articles if a.id != article.id] + [previous], settings)
        for finding in before.findings:
            if finding.type != "conflict" or not any(e.article == previous.id for e in finding.evidence):
                continue
            if _others(finding, article.id) not in standing:
                found.append(Corrected(finding, article.id, number, stored_at))
    return found


def with_corrections(report: str, fmt: str, corrected: list[Corrected]) -> str:
    """A rendered story report with its corrected conflicts added (``storydiff show``)."""
    if not corrected:
        return report
    if fmt == "json":
        import json

        from ..render.jsonout import finding_dict

        data = json.loads(report)
        data["corrected"] = [{"article": c.article, "revision": c.revision, "stored_at": c.stored_at,
                              "finding": finding_dict(c.finding)} for c in corrected]
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "html":
        from html import escape

        items = "".join(f"<li>{escape(c.describe())}</li>" for c in corrected)
        return report.replace("</body>", f'<section class="corrected"><h2>Corrected in a revision</h2>'
                                         f"<ul>{items}</ul></section></body>", 1)
    heading = "## Corrected in a revision" if fmt == "md" else "Corrected in a revision"
    return report.rstrip("\n") + f"\n\n{heading}\n" + "".join(f"- {c.describe()}\n" for c in corrected)
