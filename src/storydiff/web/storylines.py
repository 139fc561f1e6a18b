"""``/storylines``, ``/storylines/{id}``, ``/api/storylines`` and ``/api/storylines/{id}``:
the events of the store grouped over time (``storydiff.storylines``), and the redirect of a
merged event or storyline to the one that absorbed it (HTTP 301)."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..render.jinja import environment
from ..render.jsonout import series_dict
from ..storylines import storyline_record, storyline_view

_TEMPLATES = Jinja2Templates(env=environment())


def merged_redirect(store: Callable, level: str, number: int, path: str) -> RedirectResponse | None:
    """A 301 to ``path`` with the number of the event or storyline that absorbed ``number``,
    or None when ``number`` was never merged."""
    opened = store()
    try:
        merged = opened.merged_into(level, number)
    finally:
        opened.close()
    return None if merged is None else RedirectResponse(path.format(merged), status_code=301)


def storylines_router(store: Callable, database: str) -> APIRouter:
    """The storyline routes over ``store()`` (a new connection per request)."""
    router = APIRouter()

    def listed(limit: int, min_events: int) -> list[dict]:
        opened = store()
        try:
            return [storyline_record(opened, line, events)
                    for line, events in opened.list_storylines(limit=limit or None, min_events=min_events)]
        finally:
            opened.close()

    def viewed(number: int) -> dict:
        opened = store()
        try:
            view = storyline_view(opened, number)
        finally:
            opened.close()
        if view is None:
            raise HTTPException(404, f"no storyline {number} in {database}")
        return view

    @router.get("/storylines", response_class=HTMLResponse)
    def storylines_page(request: Request, limit: int = 100, min_events: int = 1):
        return _TEMPLATES.TemplateResponse(request, "storylines.html",
                                           {"storylines": listed(limit, min_events), "database": database})

    @router.get("/storylines/{number}", response_class=HTMLResponse)
    def storyline_page(request: Request, number: int):
        moved = merged_redirect(store, "storyline", number, "/storylines/{}")
        if moved is not None:
            return moved
        return _TEMPLATES.TemplateResponse(request, "storylines.html", {"view": viewed(number), "database": database})

    @router.get("/api/storylines")
    def api_storylines(limit: int = 100, min_events: int = 1):
        return listed(limit, min_events)

    @router.get("/api/storylines/{number}")
    def api_storyline(number: int):
        moved = merged_redirect(store, "storyline", number, "/api/storylines/{}")
        if moved is not None:
            return moved
        view = viewed(number)
        return {**view, "series": [series_dict(s) for s in view["series"]]}

    return router


__all__ = ["storylines_router", "merged_redirect"]
