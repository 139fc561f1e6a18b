"""Render a verification (``storydiff verify``) as text, JSON, Markdown or one HTML page."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from ..model import Statement, Verification
from .jinja import render_page
from .jsonout import dumps

FORMATS = ("text", "json", "md", "html")
MARK = {"supported": "✓", "contradicted": "✗", "not_mentioned": "?"}


def _evidence_lines(verification: Verification, statement: Statement) -> list[str]:
    lines = []
    for e in statement.evidence:
        role = "source" if e.article == verification.source.id else "derived"
        where = f"{role}{' title' if e.field == 'title' else ''} [{e.start}:{e.end}]"
        lines.append(f"{where} “{' '.join(e.text.split())}”")
    return lines


def _label(statement: Statement) -> str:
    return statement.status.replace("_", " ") + (f" ({statement.kind})" if statement.kind else "")


def render_text(verification: Verification) -> str:
    counts = {s: sum(1 for x in verification.statements if x.status == s) for s in MARK}
    lines = [f"verdict: {verification.verdict.upper()}  "
             f"({counts['supported']} supported, {counts['contradicted']} contradicted, "
             f"{counts['not_mentioned']} not mentioned)", ""]
    for number, statement in enumerate(verification.statements, 1):
        lines.append(f"{MARK[statement.status]} S{number} [{statement.start}:{statement.end}] "
                     f"{_label(statement)}: {' '.join(statement.text.split())}")
        if statement.explanation:
            lines.append(f"    {statement.explanation}")
        if statement.rule:
            lines.append(f"    rule: {statement.rule}")
        lines += [f"    {line}" for line in _evidence_lines(verification, statement)]
    return "\n".join(lines) + "\n"


def render_markdown(verification: Verification) -> str:
    lines = [f"# Verification: **{verification.verdict}**", "",
             "| # | status | statement | evidence | rule |", "|---|---|---|---|---|"]
    for number, statement in enumerate(verification.statements, 1):
        evidence = "<br>".join(line.replace("|", "\\|") for line in _evidence_lines(verification, statement))
        text = " ".join(statement.text.split()).replace("|", "\\|")
        lines.append(f"| S{number} | {_label(statement)} | {text} | {evidence} | {statement.rule or ''} |")
    return "\n".join(lines) + "\n"


def render_json(verification: Verification) -> str:
    return dumps(verification.to_dict())


def _highlighted(text: str, spans: Sequence[tuple[int, int, str, str]]) -> Markup:
    """``text`` escaped, each span in a <mark> of its status; a span overlapping an earlier one
    is left out (statements do not overlap; evidence spans rarely do)."""
    out, position = [], 0
    for start, end, status, title in sorted(spans):
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(f'<mark class="{status}" title="{escape(title)}">{escape(text[start:end])}</mark>')
        position = end
    out.append(escape(text[position:]))
    return Markup("".join(out).replace("\n", "<br>"))


def render_html(verification: Verification) -> str:
    """One page (``templates/verify.html``): both texts, each statement and its evidence
    marked by status, and the table of statements."""
    statements = list(enumerate(verification.statements, 1))
    derived_spans = [(s.start, s.end, s.status, f"S{n}: {_label(s)}") for n, s in statements if s.field == "text"]
    source_spans = [(e.start, e.end, s.status, f"S{n}: {_label(s)}") for n, s in statements
                    for e in s.evidence if e.article == verification.source.id and e.field == "text"]
    rows = [{"number": n, "label": _label(s), "text": s.text, "evidence": _evidence_lines(verification, s),
             "rule": s.rule or ""} for n, s in statements]
    return render_page("verify.html", verdict=verification.verdict,
                       source=_highlighted(verification.source.text, source_spans),
                       derived=_highlighted(verification.derived.text, derived_spans), rows=rows)


def render_verification(verification: Verification, fmt: str = "text") -> str:
    renderers = {"text": render_text, "json": render_json, "md": render_markdown, "html": render_html}
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return renderers[fmt](verification)


__all__ = ["render_verification", "FORMATS"]
