"""JSON, the form machines read: the one function that writes it (``dumps``), and a
comparison as JSON data (schema: schema/compare.schema.json; the brief's in ``render.brief``,
the verification's ``Verification.to_dict``, an annotation's ``annotation_dict`` here)."""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any

from ..model import AnnotatedArticle, Article, Comparison, Evidence, FactKey, Finding, Mention, Series


def dumps(data: Any, *, compact: bool = False) -> str:
    """``data`` as JSON, the same way everywhere: characters as they are (not ``\\u`` escapes),
    indented by two, or on one line when ``compact`` (a stored result, a JSON-lines record);
    a date as ISO 8601 and anything else JSON has no type for as its text."""
    return json.dumps(data, ensure_ascii=False, indent=None if compact else 2, default=_default)


def _default(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else str(value)


def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        if isinstance(value, float) and value in (float("inf"), float("-inf")):
            return None
        return value
    return str(value)


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    return {
        "article": evidence.article,
        "field": evidence.field,
        "start": evidence.start,
        "end": evidence.end,
        "text": evidence.text,
        "value": _jsonable(evidence.value),
        **({"similarity": evidence.similarity} if evidence.similarity is not None else {}),
    }


def article_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": _iso(article.published),
        "published_inferred": article.published_inferred,
        "published_evidence": evidence_dict(article.published_evidence) if article.published_evidence else None,
        "agency": article.agency,
        "dateline": article.dateline,
        "text": article.text,
        "removed": [asdict(r) for r in article.removed],
        "partial": article.partial,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": finding.id,
        "type": finding.type,
        "kind": finding.kind,
        "about": finding.about,
        "confidence": finding.confidence,
        "explanation": finding.explanation,
        "evidence": [evidence_dict(e) for e in finding.evidence],
        "rule": finding.rule,
    }
    if finding.key is not None:
        data["key"] = key_dict(finding.key)
    if finding.type == "conflict":
        data["vetoes_passed"] = list(finding.vetoes_passed)
        data["likely_update"] = finding.likely_update
        if finding.published:
            data["published"] = finding.published
    return data


def key_dict(key: FactKey) -> dict[str, Any]:
    return {"event": key.event, "measure": key.measure, "holder": key.holder, "unit": key.unit}


def series_dict(series: Series) -> dict[str, Any]:
    return {
        "id": series.id,
        "about": series.about,
        "direction": series.direction,
        "finding": series.finding,
        "key": key_dict(series.key) if series.key else None,
        "points": [{"article": p.article, "value": _jsonable(p.value), "published": _iso(p.published),
                    "evidence": evidence_dict(p.evidence)} for p in series.points],
    }


def comparison_dict(comparison: Comparison) -> dict[str, Any]:
    return {
        "articles": [article_dict(a) for a in comparison.articles],
        "findings": [finding_dict(f) for f in comparison.findings],
        "series": [series_dict(s) for s in comparison.series],
        "entities": comparison.entities,
        "errors": [{"source": e.source, "message": e.message} for e in comparison.errors],
        "warnings": [{"source": w.source, "message": w.message} for w in comparison.warnings],
    }


def render_json(comparison: Comparison) -> str:
    return dumps(comparison_dict(comparison))


# --------------------------------------------------------------------------------------
# Annotations (``storydiff annotate --format json``; schema: schema/annotate.schema.json)


def _reading(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) if isinstance(v, float) else v for k, v in asdict(value).items()}
    return value


def mention_dict(mention: Mention) -> dict[str, Any]:
    """A mention: a time expression's TIMEX3 type and value, a quantity's interval, an
    entity's name."""
    value = mention.value
    timex = hasattr(value, "type")
    return {"type": (value.type or mention.kind).upper() if timex else mention.kind, "kind": mention.kind,
            "field": mention.field, "start": mention.start, "end": mention.end, "text": mention.text,
            "value": getattr(value, "value", None) if timex else _reading(value),
            "modifier": getattr(value, "modifier", None), "label": mention.label}


def annotation_dict(item: AnnotatedArticle, kinds: set[str] | None = None) -> dict[str, Any]:
    """What the annotate stage found in one article, the mentions of ``kinds`` only (all
    when None; quotes are the kind ``quote``)."""
    quotes = [{"content": asdict(q.content), "speaker": asdict(q.speaker) if q.speaker else None,
               "cue": asdict(q.cue) if q.cue else None, "direct": q.direct,
               "speaker_entity": q.speaker_entity} for q in item.quotes]
    return {"id": item.id, "published": str(item.article.published) if item.article.published else None,
            "published_inferred": item.article.published_inferred,
            "mentions": [mention_dict(m) for m in item.mentions if kinds is None or m.kind in kinds],
            "quotes": quotes if kinds is None or "quote" in kinds else []}
