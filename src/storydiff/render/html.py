"""Render a comparison as one self-contained HTML page: the sources side by side, every
evidence span highlighted by the type of its finding, findings linked to their spans."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from urllib.parse import urlsplit

from ..model import Article, Comparison, Finding
from .jinja import render_page, static_text
from .text import UNIQUES_PER_SOURCE, shown_uniques

# Overlapping spans (a conflicting date inside a corroborated sentence) show the most
# important finding's colour; all their finding ids stay in the title attribute.
PRIORITY = {"conflict": 0, "agreement": 1, "unique": 2}


def _highlight(text: str, spans: list[tuple[int, int, Finding, str]], focus: str | None = None) -> str:
    """``text`` escaped, with every evidence span wrapped in <mark>; overlaps split into
    segments so offsets stay exact and no span is lost. The spans of finding ``focus`` are
    marked ``focus`` (the web app's story page, without script)."""
    cuts = {0, len(text)}
    for start, end, _, _ in spans:
        cuts.update((start, end))
    points = sorted(cuts)
    out = []
    for left, right in zip(points, points[1:], strict=False):
        covering = [s for s in spans if s[0] <= left and right <= s[1]]
        piece = escape(text[left:right])
        if not covering:
            out.append(piece)
            continue
        covering.sort(key=lambda s: (PRIORITY[s[2].type], s[1] - s[0]))
        anchors = "".join(f'<span id="{anchor}"></span>' for start, _, _, anchor in covering if start == left)
        ids = " ".join(dict.fromkeys(s[2].id for s in covering))
        kind: str = covering[0][2].type
        if focus is not None and any(s[2].id == focus for s in covering):
            kind += " focus"
        out.append(f'{anchors}<mark class="{kind}" data-findings="{ids}" title="{ids}">{piece}</mark>')
    return "".join(out)


def highlighted(comparison: Comparison, focus: str | None = None) -> dict[str, dict[str, str]]:
    """Each article's text and title, escaped HTML with every evidence span in a <mark>
    (anchor ``FINDING-INDEX`` at its start)."""
    spans: dict[tuple[str, str], list] = defaultdict(list)
    for finding in comparison.findings:
        for index, evidence in enumerate(finding.evidence):
            spans[(evidence.article, evidence.field)].append(
                (evidence.start, evidence.end, finding, f"{finding.id}-{index}"))
    return {article.id: {"text": _highlight(article.text, spans[(article.id, "text")], focus),
                         "title": _highlight(article.title or "", spans[(article.id, "title")], focus)}
            for article in comparison.articles}


def render_html(comparison: Comparison, title: str | None = None, brief=None, home: str | None = None,
                assets: str | None = None) -> str:
    """The comparison as one self-contained page (``templates/report.html``); ``home`` links
    back to a list and ``assets`` (a URL path, ``/static`` in the web app) links the stylesheet
    and script instead of inlining them."""
    bodies = highlighted(comparison)
    names = {a.id: _name(a) for a in comparison.articles}
    counts: defaultdict[str, int] = defaultdict(int)
    for finding in comparison.findings:
        counts[finding.type] += 1
    from markupsafe import Markup

    safe_bodies = {k: {f: Markup(v) for f, v in b.items()} for k, b in bodies.items()}
    heading = title or next((a.title for a in comparison.articles if a.title), None) or "comparison"
    uniques = [f for f in comparison.findings if f.type == "unique"]
    kept = {id(f) for f in shown_uniques(uniques, UNIQUES_PER_SOURCE)}
    listed = [f for f in comparison.findings if f.type != "unique" or id(f) in kept]
    return render_page(
        "report.html",
        title=heading, articles=comparison.articles, findings=listed, bodies=safe_bodies,
        series=comparison.series, hidden=len(comparison.findings) - len(listed),
        names=names, counts=counts, errors=comparison.errors, warnings=comparison.warnings, brief=brief, home=home,
        assets=assets, js=static_text("report.js"), links={a.id: link_target(a.url) for a in comparison.articles},
        positions={a.id: i for i, a in enumerate(comparison.articles)},
        columns=" ".join(["minmax(280px,1fr)"] * len(comparison.articles)),
    )


def link_target(url: str | None) -> str | None:
    """``url`` if it may become a link: http and https only. Anything else (javascript:,
    data:, file:, a relative path) is shown as text, so a record cannot put script in a
    report."""
    if not url:
        return None
    # browsers drop control characters and surrounding spaces before reading the scheme
    cleaned = "".join(ch for ch in url if ch >= " " and ch != "\x7f").strip()
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    return cleaned if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _name(article: Article) -> str:
    name = article.outlet or article.id
    return f"{name} — {article.partial_note}" if article.partial else name
