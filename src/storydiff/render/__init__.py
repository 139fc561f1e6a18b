"""Render: a comparison as text (terminal), JSON, Markdown or one self-contained HTML page."""

from __future__ import annotations

from ..model import Comparison

FORMATS = ("text", "json", "md", "html")


def render(comparison: Comparison, fmt: str = "text", brief=None) -> str:
    """``comparison`` in ``fmt``; a ``Brief`` (from ``storydiff.brief.summarise``) is
    shown above the findings in HTML and after them in the other formats."""
    text = _render(comparison, fmt, brief)
    if brief is not None and fmt in ("text", "md"):
        from .brief import render_brief

        text += "\n" + render_brief(brief, fmt, comparison.articles)
    return text


def _render(comparison: Comparison, fmt: str, brief) -> str:
    if fmt == "json":
        from .jsonout import render_json

        return render_json(comparison)
    if fmt == "md":
        from .text import render_markdown

        return render_markdown(comparison)
    if fmt == "html":
        from .html import render_html

        return render_html(comparison, brief=brief)
    if fmt == "text":
        from .text import render_text

        return render_text(comparison)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


__all__ = ["render", "FORMATS"]
