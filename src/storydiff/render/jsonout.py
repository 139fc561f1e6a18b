"""Render a comparison as JSON, the form machines read (schema: schema/compare.schema.json)."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date, datetime
from typing import Any

from ..model import Article, Comparison, Evidence, FactKey, Finding, Series


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
    return json.dumps(comparison_dict(comparison), ensure_ascii=False, indent=2)
