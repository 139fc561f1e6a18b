"""Render: a comparison as text (terminal), JSON, Markdown or one self-contained HTML page."""

from __future__ import annotations

from ..model import Comparison

FORMATS = ("text", "json", "md", "html")


def render(comparison: Comparison, fmt: str = "text") -> str:
    if fmt == "json":
        from .jsonout import render_json

        return render_json(comparison)
    if fmt == "md":
        from .text import render_markdown

        return render_markdown(comparison)
    if fmt == "html":
        from .html import render_html

        return render_html(comparison)
    if fmt == "text":
        from .text import render_text

        return render_text(comparison)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")


__all__ = ["render", "FORMATS"]
