"""Render a brief (``storydiff brief``) as text, JSON, Markdown or one HTML page
(``templates/brief.html``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from ..brief import Brief, BriefSentence
from ..model import Article, Evidence
from .jinja import render_page
from .jsonout import dumps

BRIEF_FORMATS = ("text", "json", "md", "html")


def brief_dict(brief: Brief) -> dict[str, Any]:
    """The brief as JSON data (the inverse is ``results.brief_from_dict``)."""
    return {
        "summary": brief.summary,
        "sentences": [asdict(s) for s in brief.sentences],
        "timeline": [asdict(e) for e in brief.timeline],
        "disputes": [asdict(d) for d in brief.disputes],
    }


def _anchor(evidence: Evidence) -> str:
    return f"ev-{re.sub(r'[^A-Za-z0-9_-]', '_', evidence.article)}-{evidence.start}-{evidence.end}"


def _marks(sentence: BriefSentence) -> str:
    notes = []
    if sentence.unique:
        notes.append("only one source")
    if sentence.conflict and not sentence.text.startswith("Sources disagree"):
        notes.append("disputed")
    return f" ({'; '.join(notes)})" if notes else ""


def render_brief(brief: Brief, fmt: str = "text", articles: Sequence[Article] | None = None) -> str:
    """The brief as ``text``, ``json``, ``md`` or a self-contained ``html`` page."""
    if fmt == "json":
        return dumps(brief_dict(brief))
    labels = {a.id: a.outlet or a.id for a in articles or []}

    def label(article_id: str) -> str:
        return labels.get(article_id, article_id)

    if fmt in ("text", "md"):
        bullet = "- " if fmt == "md" else "  "
        lines = ["## Brief" if fmt == "md" else "BRIEF", ""]
        for s in brief.sentences:
            versions = "".join(f" [{label(v.article)}: {v.text}]" for v in s.versions)
            lines.append(f"{bullet}{s.text}{versions} [{', '.join(label(a) for a in s.sources)}]{_marks(s)}")
        if brief.disputes:
            lines += ["", "## Where sources disagree" if fmt == "md" else "WHERE SOURCES DISAGREE", ""]
            lines += [f"{bullet}{d.text}" for d in brief.disputes]
        if brief.timeline:
            lines += ["", "## Timeline" if fmt == "md" else "TIMELINE", ""]
            for e in brief.timeline:
                flag = " (sources give different dates: " + ", ".join(
                    f"{label(a)} {d}" for a, d in e.dates.items()) + ")" if e.date_conflict else ""
                lines.append(f"{bullet}{e.date}: {e.text} [{', '.join(label(a) for a in e.sources)}]{flag}")
        return "\n".join(lines) + "\n"
    if fmt == "html":
        return _render_html(brief, label)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(BRIEF_FORMATS)}")


def _render_html(brief: Brief, label: Any) -> str:
    """Every citation links to the quoted span below the brief (``#ev-ARTICLE-START-END``)."""
    cited: dict[str, Evidence] = {}

    def cite(evidence: Evidence) -> str:
        cited.setdefault(_anchor(evidence), evidence)
        return _anchor(evidence)

    sentences = [{"text": s.text, "css": "conflict" if s.conflict else ("unique" if s.unique else ""),
                  "versions": [(label(v.article), v.text) for v in s.versions], "marks": _marks(s),
                  "links": [(cite(ev), label(ev.article)) for ev in s.evidence]} for s in brief.sentences]
    # sentence spans, not date words, are cited from the timeline
    timeline = [{"date": ev.date, "text": ev.text, "conflict": ev.date_conflict,
                 "links": [(cite(item), f"{label(item.article)} ({item.value})") for item in ev.evidence
                           if item.text == ev.text or item.end - item.start > 40]} for ev in brief.timeline]
    evidence = [(anchor, label(ev.article), ev) for anchor, ev in cited.items()]
    return render_page("brief.html", sentences=sentences, disputes=brief.disputes, timeline=timeline,
                       evidence=evidence)
