"""Render a comparison for the terminal (Rich) and as Markdown."""

from __future__ import annotations

from io import StringIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..model import Comparison, Finding

TYPE_STYLE = {"conflict": "bold red", "agreement": "green", "unique": "cyan"}


def _source_name(comparison: Comparison, article_id: str) -> str:
    for article in comparison.articles:
        if article.id == article_id:
            return article.outlet or article.id
    return article_id


def _evidence_line(comparison: Comparison, finding: Finding) -> list[str]:
    lines = []
    for e in finding.evidence:
        where = f"{_source_name(comparison, e.article)}" + (" (title)" if e.field == "title" else "")
        value = f" = {e.value}" if e.value not in (None, "", e.text) else ""
        lines.append(f"{where} [{e.start}:{e.end}] “{e.text}”{value}")
    return lines


def _worth_saying(finding: Finding) -> bool:
    """Explanations that add to the evidence lines: why a pair of names is a conflict, and
    that a corroborated sentence still differs on a detail."""
    return bool(finding.explanation) and (
        (finding.type == "conflict" and finding.kind == "name") or "differ" in finding.explanation)


def render_text(comparison: Comparison, width: int = 110, show_unique: int = 12) -> str:
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
        shown = items if kind != "unique" else items[:show_unique]
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
        for finding in items:
            update = " — likely an update over time" if finding.likely_update else ""
            out.append(f"- **{finding.id} {finding.kind}**: {finding.about} (confidence {finding.confidence:.2f}){update}")
            if _worth_saying(finding):
                out.append(f"  - _{finding.explanation}_")
            for line in _evidence_line(comparison, finding):
                out.append(f"  - {line}")
    if comparison.errors:
        out += ["", "## Inputs skipped", ""]
        out += [f"- `{e.source}`: {e.message}" for e in comparison.errors]
    return "\n".join(out) + "\n"
