"""Render a verification (``storydiff verify``) as text, JSON, Markdown or one HTML page."""

from __future__ import annotations

import json
from html import escape

from ..verify import Statement, Verification

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
    return json.dumps(verification.to_dict(), ensure_ascii=False, indent=2)


COLOUR = {"supported": "#d7f5dd", "contradicted": "#ffd0d0", "not_mentioned": "#fff1c2"}


def render_html(verification: Verification) -> str:
    def highlighted(text: str, spans: list[tuple[int, int, str, str]]) -> str:
        out, position = [], 0
        for start, end, colour, title in sorted(spans):
            if start < position:
                continue
            out.append(escape(text[position:start]))
            out.append(f'<mark style="background:{colour}" title="{escape(title)}">{escape(text[start:end])}</mark>')
            position = end
        out.append(escape(text[position:]))
        return "".join(out).replace("\n", "<br>")

    derived_spans = [(s.start, s.end, COLOUR[s.status], f"S{n}: {_label(s)}")
                     for n, s in enumerate(verification.statements, 1) if s.field == "text"]
    source_spans = [(e.start, e.end, COLOUR[s.status], f"S{n}: {_label(s)}")
                    for n, s in enumerate(verification.statements, 1)
                    for e in s.evidence if e.article == verification.source.id and e.field == "text"]
    rows = "".join(
        f"<tr><td>S{n}</td><td>{escape(_label(s))}</td><td>{escape(s.text)}</td>"
        f"<td>{'<br>'.join(escape(line) for line in _evidence_lines(verification, s))}</td>"
        f"<td>{escape(s.rule or '')}</td></tr>"
        for n, s in enumerate(verification.statements, 1))
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<title>storydiff verify</title><style>body{font-family:system-ui,sans-serif;margin:16px}"
        "main{display:grid;grid-template-columns:1fr 1fr;gap:12px}section{border:1px solid #ddd;padding:8px}"
        "table{border-collapse:collapse}td{border:1px solid #ddd;padding:4px;vertical-align:top}</style></head><body>"
        f"<h1>Verdict: {escape(verification.verdict)}</h1>"
        f"<main><section><h2>Source</h2>{highlighted(verification.source.text, source_spans)}</section>"
        f"<section><h2>Derived</h2>{highlighted(verification.derived.text, derived_spans)}</section></main>"
        f"<table><tr><th>#</th><th>status</th><th>statement</th><th>evidence</th><th>rule</th></tr>{rows}</table>"
        "</body></html>\n"
    )


def render_verification(verification: Verification, fmt: str = "text") -> str:
    renderers = {"text": render_text, "json": render_json, "md": render_markdown, "html": render_html}
    if fmt not in renderers:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    return renderers[fmt](verification)


__all__ = ["render_verification", "FORMATS"]
