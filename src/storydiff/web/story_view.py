"""What the story page shows, built from a stored result and the store's wire records:
conflicts with their sentences in context, the coverage matrix, figures that moved (as inline
SVG), the wire-copy lineage. Nothing here parses text: it cuts stored strings at stored offsets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..model import Article, Comparison, Evidence, Finding
from ..render.html import highlighted, link_target

# Characters of context either side of an evidence span: about one news sentence (a median of
# ~25 words) so the words are read in their sentence without a parser.
CONTEXT = 160
_ENDS = ".!?\n"


@dataclass
class Quote:
    article: Article
    before: str
    words: str
    after: str
    anchor: str  # the id of the span's anchor in the article's column
    field: str


@dataclass
class ConflictView:
    finding: Finding
    quotes: list[Quote]


@dataclass
class MatrixRow:
    finding: Finding
    cells: list[str | None]  # the words each source gives, None when it does not report it
    alone: str | None  # the one source that reports it, for a finding only one source makes


@dataclass
class Lineage:
    copy: Article
    original: Article
    similarity: float
    added: list[str]
    removed: list[str]


@dataclass
class StoryView:
    comparison: Comparison
    conflicts: list[ConflictView]
    matrix: list[MatrixRow]
    bodies: dict[str, dict[str, Markup]]
    names: dict[str, str]
    links: dict[str, str | None]
    charts: list[dict[str, Any]] = field(default_factory=list)
    lineage: list[Lineage] = field(default_factory=list)
    independent: int = 0

    @property
    def positions(self) -> dict[str, int]:
        return {a.id: i for i, a in enumerate(self.comparison.articles)}


def in_context(article: Article, evidence: Evidence, anchor: str) -> Quote:
    text = article.field(evidence.field)
    start = max(0, evidence.start - CONTEXT)
    # from just after the sentence end before the span, if there is one in the window
    cut = max((text.rfind(ch, start, evidence.start) for ch in _ENDS), default=-1)
    start = cut + 1 if cut >= 0 else start
    end = min(len(text), evidence.end + CONTEXT)
    stops = [i for i in (text.find(ch, evidence.end, end) for ch in _ENDS) if i >= 0]
    end = min(stops) + 1 if stops else end
    after = text[evidence.end:end].rstrip() + ("…" if not stops and end < len(text) else "")
    return Quote(article, ("…" if start > 0 and cut < 0 else "") + text[start:evidence.start].lstrip(),
                 text[evidence.start:evidence.end], after, anchor, evidence.field)


def build(comparison: Comparison, series: list[dict], wire: list[tuple[Article, Article, Any]],
          independent: int, focus: str | None = None) -> StoryView:
    by_id = {a.id: a for a in comparison.articles}
    conflicts = [ConflictView(f, [in_context(by_id[e.article], e, f"{f.id}-{i}")
                                  for i, e in enumerate(f.evidence) if e.article in by_id])
                 for f in sorted((f for f in comparison.findings if f.type == "conflict"),
                                 key=lambda f: -f.confidence)]
    order = {"conflict": 0, "agreement": 1, "unique": 2}
    matrix = []
    for finding in sorted(comparison.findings, key=lambda f: (order.get(f.type, 3), -len(f.evidence))):
        words: dict[str, list[str]] = {}
        for e in finding.evidence:
            words.setdefault(e.article, []).append(e.text)
        cells = [" / ".join(dict.fromkeys(words[a.id])) if a.id in words else None for a in comparison.articles]
        reporting = [a.id for a in comparison.articles if a.id in words]
        matrix.append(MatrixRow(finding, cells, reporting[0] if len(reporting) == 1 else None))
    names = {a.id: a.outlet or a.id for a in comparison.articles}
    view = StoryView(comparison, conflicts, matrix,
                     {k: {f: Markup(v) for f, v in b.items()} for k, b in highlighted(comparison, focus).items()},
                     names, {a.id: link_target(a.url) for a in comparison.articles},
                     [chart(s, names) for s in series], independent=independent)
    view.lineage = [Lineage(copy, original, record.similarity, record.added, record.removed)
                    for copy, original, record in wire]
    return view


def chart(series: dict, names: dict[str, str], width: int = 320, height: int = 120) -> dict[str, Any]:
    """A small line chart of one series: the points to draw (``templates/chart.svg`` draws
    them), with the points for a table beside it."""
    points = [p for p in series.get("points", []) if isinstance(p.get("value"), (int, float))]
    pad = 24
    dots: list[dict[str, str]] = []
    if len(points) >= 2:
        values = [p["value"] for p in points]
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        xy = [(pad + i * (width - 2 * pad) / (len(points) - 1),
               height - pad - (v - low) * (height - 2 * pad) / span) for i, v in enumerate(values)]
        dots = [{"x": f"{x:.1f}", "y": f"{y:.1f}", "label_y": f"{y - 8:.1f}", "label": _fmt(p["value"]),
                 "title": f'{names.get(p["article"], p["article"])}: {p["evidence"]["text"]} '
                          f'({p.get("published") or "no date"})'} for (x, y), p in zip(xy, points, strict=False)]
    return {"about": series.get("about", ""), "finding": series.get("finding"), "width": width, "height": height,
            "line": " ".join(f"{d['x']},{d['y']}" for d in dots), "dots": dots, "points": series.get("points", [])}


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


__all__ = ["StoryView", "build", "chart", "in_context"]
