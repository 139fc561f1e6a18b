"""The one Jinja environment every HTML page of storydiff is rendered with: the template
files in ``render/templates/`` (the reports, the brief, the verification and the web app's
pages) and the one stylesheet and the scripts in ``render/static/``.

A self-contained page (``compare --format html``) inlines the stylesheet and its script; the
web app serves ``render/static/`` at ``/static`` and links them (its Content-Security-Policy
forbids inline code)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STYLESHEET = "storydiff.css"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Autoescaping everywhere: every page shows text read from someone else's article."""
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True)


@lru_cache(maxsize=4)
def static_text(name: str) -> str:
    """A file of ``render/static/`` (the stylesheet, a script), to inline in a page."""
    return (STATIC / name).read_text(encoding="utf-8")


def stylesheet() -> str:
    return static_text(STYLESHEET)


def render_page(template: str, **context: Any) -> str:
    """``template`` (a file of ``render/templates/``) rendered; ``css`` is the stylesheet."""
    return environment().get_template(template).render(css=stylesheet(), **context)


__all__ = ["environment", "render_page", "static_text", "stylesheet", "TEMPLATES", "STATIC", "STYLESHEET"]
