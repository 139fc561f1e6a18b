"""Stored story results: each story's comparison, brief and series, computed once by
``storydiff refresh`` and read by the web app, which never parses text on request.

A result is keyed by its story's articles' content keys (``ingest.content_key``), the package
version and a hash of the compare settings (disabled rules included), so a result computed
before a new article, a revised text, an upgrade or a settings change is *stale*, never shown as
current. ``ingest`` and ``follow`` (``feed.Feeder``) also mark the stories they change
stale, so ``refresh`` finds them without comparing every key.

Why stored: comparing a story takes seconds (spaCy over every text); the issue measured 49 of
50 pages timing out after 120 s when 50 readers opened 50 stories at once and each page compared
its story on request.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib.metadata import PackageNotFoundError, version
from typing import Any, Literal

from .model import Article, Comparison, Evidence, Finding, InputError, InputWarning, Removed
from .settings import Settings

State = Literal["fresh", "stale", "missing"]


def package_version() -> str:
    try:
        return version("storydiff")
    except PackageNotFoundError:  # a source tree run without installing
        return "unknown"


def settings_hash(settings: Settings) -> str:
    """A hash of every setting that changes a comparison or a brief."""
    relevant = {"spacy_model": settings.spacy_model, "min_conflict_confidence": settings.min_conflict_confidence,
                "brief_words": settings.brief_words, "max_article_chars": settings.max_article_chars,
                "min_language_chars": settings.min_language_chars,
                "disabled_rules": sorted(settings.compare.disabled_rules)}
    # compare's thresholds, only those changed: results stored with the defaults keep their key
    thresholds = settings.compare.model_dump(exclude_defaults=True, exclude={"disabled_rules"})
    if thresholds:
        relevant["compare"] = thresholds
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def result_key(content_keys: list[str], settings: Settings) -> str:
    """What a stored result is valid for: these articles, this version, these settings."""
    digest = hashlib.sha256()
    for part in (package_version(), settings_hash(settings), *sorted(content_keys)):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


# --------------------------------------------------------------------------------------
# Series: figures that moved


def series_dicts(comparison: Comparison) -> list[dict[str, Any]]:
    """How figures moved between the sources, oldest first: the comparison's own series when
    it has them (``Comparison.series``), else each number conflict's values ordered by the
    publication time of the article that gives them (a toll revised from 12 to 15)."""
    from .render.jsonout import evidence_dict

    own = getattr(comparison, "series", None) or []
    if own:
        return [{"about": s.about, "points": [
            {"value": _plain(p.value), "article": p.article, "published": _iso(p.published),
             "evidence": evidence_dict(p.evidence)} for p in s.points]} for s in own]
    published = {a.id: a.published for a in comparison.articles}
    found = []
    for finding in comparison.findings:
        if finding.type != "conflict" or finding.kind != "number":
            continue
        points = []
        for evidence in finding.evidence:
            value = _number(evidence.value, evidence.text)
            if value is not None:
                points.append({"value": value, "article": evidence.article,
                               "published": _iso(published.get(evidence.article)),
                               "evidence": evidence_dict(evidence)})
        if len({p["value"] for p in points}) > 1:
            points.sort(key=lambda p: (p["published"] or "9999", p["article"]))
            found.append({"about": finding.about, "finding": finding.id, "points": points})
    return found


def _number(value: Any, text: str) -> float | None:
    # Evidence values are stored as text ("Quantity(low=12.0, high=12.0, ...)" or "12"); the
    # value's exact reading is the one to plot, else the first number in the words.
    import re

    for source in (str(value or ""), text):
        match = re.search(r"exact=(-?[\d.]+)", source) or re.search(r"-?\d[\d,]*(?:\.\d+)?", source)
        if match:
            try:
                return float((match.group(1) if match.groups() else match.group(0)).replace(",", ""))
            except ValueError:
                continue
    return None


def _plain(value: Any) -> Any:
    return value if isinstance(value, (int, float, str)) or value is None else str(value)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# --------------------------------------------------------------------------------------
# Computing and reading


@dataclass
class StoredResult:
    """A stored result read back: the comparison and brief as the renderers take them."""

    story: int
    state: State
    comparison: Comparison | None
    brief: Any  # brief.Brief
    series: list[dict[str, Any]]
    error: str | None
    computed_at: str | None
    conflicts: int = 0


@dataclass
class RefreshReport:
    computed: list[int] = field(default_factory=list)
    failed: list[tuple[int, str]] = field(default_factory=list)
    dropped: int = 0
    seconds: float = 0.0


def compute(store, story: int, settings: Settings) -> dict[str, Any]:
    """The columns of one story's result (no write): its comparison, brief and series as JSON,
    or the error that stopped it (a story of one source cannot be compared)."""
    from .errors import StorydiffError
    from .pipeline import compare_story
    from .render.brief import brief_dict
    from .render.jsonout import comparison_dict, dumps
    from .store import story_sources

    articles, _ = story_sources(store, story)
    if len(articles) < 2:
        return {"comparison": None, "brief": None, "series": None, "conflicts": 0, "findings": 0,
                "error": f"one independent source ({len(articles)} article(s) after wire copies): "
                         "nothing to compare"}
    try:
        run = compare_story(articles, settings, brief=True)
    except StorydiffError as exc:
        return {"comparison": None, "brief": None, "series": None, "conflicts": 0, "findings": 0,
                "error": str(exc)}
    comparison = run.compared()
    return {"comparison": dumps(comparison_dict(comparison), compact=True),
            "brief": dumps(brief_dict(run.briefed()), compact=True),
            "series": dumps(series_dicts(comparison), compact=True),
            "conflicts": sum(f.type == "conflict" for f in comparison.findings),
            "findings": len(comparison.findings), "error": None}


def out_of_date(store, settings: Settings) -> tuple[list[int], list[int]]:
    """(stories whose result is stale or missing, stored results of stories that are gone)."""
    keys = store.story_keys()
    states = store.result_states()
    todo = [story for story, content in sorted(keys.items())
            if story not in states or states[story][1] or states[story][0] != result_key(content, settings)]
    return todo, [story for story in states if story not in keys]


def refresh(store, settings: Settings, *, progress: Callable[[int, int, int], None] | None = None,
            stories: list[int] | None = None) -> RefreshReport:
    """Compute every stale or missing result, each stored in its own transaction (a killed
    refresh keeps what it finished); ``progress(done, total, story)`` after each."""
    report = RefreshReport()
    started = time.perf_counter()
    todo, gone = out_of_date(store, settings)
    if stories is not None:
        todo = [s for s in todo if s in set(stories)]
    with store.transaction():
        store.drop_results(gone)
    report.dropped = len(gone)
    for done, story in enumerate(todo, 1):
        # the key is taken before comparing: an article stored meanwhile makes the result stale
        key = result_key(store.content_keys(story), settings)
        columns = compute(store, story, settings)
        with store.transaction():
            store.save_result(story, key, **columns)
        (report.failed.append((story, columns["error"])) if columns["error"] else report.computed.append(story))
        if progress:
            progress(done, len(todo), story)
    report.seconds = time.perf_counter() - started
    return report


def load(store, story: int, settings: Settings) -> StoredResult | None:
    """The stored result of ``story`` and whether it is current; None when there is no such
    story. Never compares: a reader gets what is stored, marked stale or missing."""
    content = store.content_keys(story)
    if not content:
        return None
    row = store.stored_result(story)
    if row is None or row["key"] is None:
        return StoredResult(story, "missing", None, None, [], None, None)
    state: State = "stale" if row["stale"] or row["key"] != result_key(content, settings) else "fresh"
    comparison = comparison_from_dict(json.loads(row["comparison"])) if row["comparison"] else None
    brief = brief_from_dict(json.loads(row["brief"])) if row["brief"] else None
    return StoredResult(story, state, comparison, brief, json.loads(row["series"] or "[]"), row["error"],
                        row["computed_at"], row["conflicts"])


# --------------------------------------------------------------------------------------
# From the stored JSON back to the model


def _when(text: str | None) -> date | datetime | None:
    if not text:
        return None
    return date.fromisoformat(text) if len(text) <= 10 else datetime.fromisoformat(text)


def _evidence(data: dict) -> Evidence:
    return Evidence(data["article"], data["start"], data["end"], data["text"], data.get("field", "text"),
                    data.get("value"), data.get("similarity"))


def comparison_from_dict(data: dict) -> Comparison:
    """The inverse of ``render.jsonout.comparison_dict`` (values stay in their JSON form)."""
    articles = [Article(
        id=a["id"], text=a["text"], source=a.get("source") or "", title=a.get("title"), outlet=a.get("outlet"),
        url=a.get("url"), published=_when(a.get("published")), published_inferred=a.get("published_inferred", False),
        published_evidence=_evidence(a["published_evidence"]) if a.get("published_evidence") else None,
        agency=a.get("agency"), dateline=a.get("dateline"),
        removed=[Removed(**r) for r in a.get("removed", [])], partial=a.get("partial"))
        for a in data["articles"]]
    findings = [Finding(
        id=f["id"], type=f["type"], kind=f["kind"], about=f["about"], confidence=f["confidence"],
        evidence=[_evidence(e) for e in f["evidence"]], explanation=f.get("explanation", ""),
        likely_update=f.get("likely_update", False), published=f.get("published"), rule=f.get("rule"),
        vetoes_passed=f.get("vetoes_passed", [])) for f in data["findings"]]
    return Comparison(articles, findings, data.get("entities", {}),
                      [InputError(**e) for e in data.get("errors", [])],
                      [InputWarning(**w) for w in data.get("warnings", [])])


def brief_from_dict(data: dict):
    from .brief import Brief, BriefSentence, TimelineEvent

    return Brief(
        summary=data["summary"],
        sentences=[BriefSentence(s["text"], s["sources"], [_evidence(e) for e in s["evidence"]], s.get("unique", False),
                                 s.get("conflict")) for s in data["sentences"]],
        timeline=[TimelineEvent(t["date"], t["text"], t["sources"], [_evidence(e) for e in t["evidence"]],
                                t.get("date_conflict", False), t.get("dates", {})) for t in data["timeline"]])


__all__ = ["StoredResult", "RefreshReport", "result_key", "settings_hash", "package_version", "compute",
           "refresh", "load", "out_of_date", "series_dicts", "comparison_from_dict", "brief_from_dict"]
