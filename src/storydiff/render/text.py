"""Render a comparison for the terminal (Rich) and as Markdown."""

from __future__ import annotations

import re
from io import StringIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Comparison, Finding, Series
from ..reference.calendar import MONTH_NAMES, WEEKDAY_NAMES

TYPE_STYLE = {"conflict": "bold red", "agreement": "green", "unique": "cyan"}


def _source_name(comparison: Comparison, article_id: str) -> str:
    for article in comparison.articles:
        if article.id == article_id:
            return article.outlet or article.id
    return article_id


def _source_label(comparison: Comparison, article_id: str) -> str:
    """Outlet, headline or id, and date: enough to find the report a conflict cites."""
    for article in comparison.articles:
        if article.id == article_id:
            parts = [article.outlet or article.id]
            if article.title:
                parts.append(f"“{article.title[:60]}”")
            if article.published:
                parts.append(str(article.published_date or article.published))
            return ", ".join(parts)
    return article_id


def _evidence_line(comparison: Comparison, finding: Finding) -> list[str]:
    lines = []
    name = _source_label if finding.type == "conflict" else _source_name
    for e in finding.evidence:
        where = f"{name(comparison, e.article)}" + (" (title)" if e.field == "title" else "")
        value = f" = {e.value}" if e.value not in (None, "", e.text) else ""
        line = f"{where} [{e.start}:{e.end}] “{e.text}”{value}"
        if finding.type == "conflict" and (sentence := sentence_around(comparison, e)) and sentence != e.text:
            line += f" in “{sentence}”"  # the value alone does not say what it is a value of
        lines.append(line)
    return lines


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n")


def sentence_around(comparison: Comparison, evidence) -> str | None:
    """The sentence of its article that holds an evidence span (split at a full stop, a
    question or exclamation mark before a capital, or a line break), or None when the article
    or the span is not at hand."""
    article = next((a for a in comparison.articles if a.id == evidence.article), None)
    text = None if article is None else (article.title if evidence.field == "title" else article.text)
    if not text or evidence.end > len(text) or text[evidence.start:evidence.end] != evidence.text:
        return None
    start = 0
    for match in _SENTENCE_END.finditer(text, 0, evidence.start):
        start = match.end()
    following = _SENTENCE_END.search(text, evidence.end)
    end = following.start() + 1 if following and text[following.start()] != "\n" else (
        following.start() if following else len(text))
    return " ".join(text[start:end].split())


def series_line(comparison: Comparison, series: Series) -> str:
    """ "number of people (evacuate) rose: 14,000 (Ledger, 2026-03-02) → 21,000 (Wire, 2026-03-04)"."""
    points = " → ".join(f"{p.evidence.text} ({_source_name(comparison, p.article)}"
                        + (f", {p.published}" if p.published else "") + ")" for p in series.points)
    return f"{series.about} {series.direction}: {points}"


def shown_uniques(findings: list[Finding], per_source: int) -> list[Finding]:
    """At most ``per_source`` statements only one source makes, per source, those carrying
    facts (figures, names, dates) first, and listed in that order: a story of five long
    reports has a hundred of them."""
    by_source: dict[str, list[Finding]] = {}
    for finding in findings:
        source = finding.evidence[0].article if finding.evidence else ""
        by_source.setdefault(source, []).append(finding)
    kept: list[Finding] = []
    for items in by_source.values():
        ranked = sorted(items, key=lambda f: (-_factual_weight(f), -f.confidence))
        kept += ranked[:per_source]
    order = {id(f): i for i, f in enumerate(findings)}
    return sorted(kept, key=lambda f: (-_factual_weight(f), -f.confidence, order[id(f)]))


_FACT_WORDS = re.compile(r"\d|\b(?:" + "|".join(name.capitalize() for name in (*MONTH_NAMES, *WEEKDAY_NAMES)) + r")\b")


def _factual_weight(finding: Finding) -> int:
    text = finding.evidence[0].text if finding.evidence else finding.about
    names = sum(1 for word in text.split()[1:] if word[:1].isupper())
    return 2 * bool(_FACT_WORDS.search(text)) + min(names, 3)


def _worth_saying(finding: Finding) -> bool:
    """Explanations that add to the evidence lines: why a pair of names is a conflict, and
    that a corroborated sentence still differs on a detail."""
    return bool(finding.explanation) and (
        (finding.type == "conflict" and finding.kind == "name") or "differ" in finding.explanation)


# Statements only one source makes, shown per source in the text and HTML reports (all in JSON).
UNIQUES_PER_SOURCE = 10


def render_text(comparison: Comparison, width: int = 110, show_unique: int = UNIQUES_PER_SOURCE) -> str:
    buffer = StringIO()
    console = Console(file=buffer, width=width, force_terminal=False, color_system=None)
    table = Table(title="Sources", show_lines=False)
    for column in ("id", "outlet", "published", "agency", "title"):
        table.add_column(column)
    for a in comparison.articles:
        published = (str(a.published) + (" (inferred)" if a.published_inferred else "")) if a.published else "?"
        outlet = " — ".join(filter(None, (a.outlet, a.partial_note)))
        table.add_row(a.id, outlet, published, a.agency or "", (a.title or "")[:50])
    console.print(table)
    for kind, heading in (("conflict", "Conflicts"), ("agreement", "Agreements"), ("unique", "Only one source")):
        items = [f for f in comparison.findings if f.type == kind]
        console.print(Text(f"\n{heading} ({len(items)})", style="bold"))
        shown = items if kind != "unique" else shown_uniques(items, show_unique)
        for finding in shown:
            label = f"{finding.id} {finding.kind}"
            extra = " likely update" if finding.likely_update else ""
            console.print(Text(f"  {label}: {finding.about}  [confidence {finding.confidence:.2f}{extra}]",
                               style=TYPE_STYLE[kind]))
            if _worth_saying(finding):
                console.print(f"      → {finding.explanation}", markup=False, highlight=False)
            for line in _evidence_line(comparison, finding):
                console.print(f"      {line}", markup=False, highlight=False)
        if len(shown) < len(items):
            console.print(f"  … {len(items) - len(shown)} more (use --format json for all)")
        if kind == "conflict" and comparison.series:
            console.print(Text(f"\nFigures that moved ({len(comparison.series)})", style="bold"))
            for series in comparison.series:
                console.print(f"  {series.id} {series_line(comparison, series)}", markup=False, highlight=False)
    for error in comparison.errors:
        console.print(f"[skipped] {error.source}: {error.message}", markup=False)
    return buffer.getvalue()


def render_markdown(comparison: Comparison) -> str:
    out = ["# storydiff comparison", "", "| id | outlet | published | agency | title |", "|---|---|---|---|---|"]
    for a in comparison.articles:
        published = (str(a.published) + (" (inferred)" if a.published_inferred else "")) if a.published else ""
        title = (a.title or "").replace("|", "\\|")
        outlet = " — ".join(filter(None, (a.outlet, a.partial_note)))
        out.append(f"| {a.id} | {outlet} | {published} | {a.agency or ''} | {title} |")
    for kind, heading in (("conflict", "Conflicts"), ("agreement", "Agreements"), ("unique", "Only one source")):
        items = [f for f in comparison.findings if f.type == kind]
        out += ["", f"## {heading} ({len(items)})", ""]
        for finding in items if kind != "unique" else shown_uniques(items, UNIQUES_PER_SOURCE):
            update = " — likely an update over time" if finding.likely_update else ""
            out.append(f"- **{finding.id} {finding.kind}**: {finding.about} "
                       f"(confidence {finding.confidence:.2f}){update}")
            if _worth_saying(finding):
                out.append(f"  - _{finding.explanation}_")
            for line in _evidence_line(comparison, finding):
                out.append(f"  - {line}")
        if kind == "unique" and len(items) > UNIQUES_PER_SOURCE * len(comparison.articles):
            out.append("- … more in `--format json`")
        if kind == "conflict" and comparison.series:
            out += ["", f"## Figures that moved ({len(comparison.series)})", ""]
            out += [f"- **{s.id}** {series_line(comparison, s)}" for s in comparison.series]
    if comparison.errors:
        out += ["", "## Inputs skipped", ""]
        out += [f"- `{e.source}`: {e.message}" for e in comparison.errors]
    return "\n".join(out) + "\n"
