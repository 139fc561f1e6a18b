"""The web app: the stored stories and an upload form, over the same functions as the CLI.

    storydiff serve --db news.db        # then open http://127.0.0.1:8000/

Pages: ``/`` (stories, and a form to compare uploaded or pasted reports), ``/stories/{id}``
(the comparison of one story as the self-contained HTML report, with its brief),
``POST /compare``. JSON: ``/api/stories``, ``/api/stories/{id}`` and ``POST /api/compare``
(``{"articles": [{"id", "title", "text", "published", "outlet", "url"}, ...]}``), each
comparison in the published JSON Schema (``storydiff/schema/compare.schema.json``).
"""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates

from ..brief import summarise
from ..compare import compare_articles
from ..errors import StoreError, StorydiffError
from ..ingest import read_uploads
from ..render import render
from ..render.html import render_html
from ..settings import load_settings
from ..store import open_store, story_sources

RECENT_STORIES = 16
_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def create_app(database: str | Path | None = None) -> FastAPI:
    """The app over the SQLite store at ``database`` (default: the ``database`` setting)."""
    settings = load_settings()
    database = str(database or settings.database)
    app = FastAPI(title="storydiff", summary="Compare news sources fact by fact, with evidence.")

    @app.exception_handler(HTTPException)
    async def explain(request: Request, exc: HTTPException):
        # The API answers in JSON; a person at a browser gets a page that says what went wrong.
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        detail = exc.detail if isinstance(exc.detail, dict) else {"message": str(exc.detail)}
        return _TEMPLATES.TemplateResponse(request, "error.html", {"detail": detail},
                                           status_code=exc.status_code)

    def store():
        # One connection a request: endpoints run in a thread pool, and SQLite connections
        # belong to the thread that opened them.
        try:
            return open_store(database)
        except StoreError as exc:
            raise HTTPException(503, f"the database cannot be used: {exc}") from exc

    recent: dict[tuple, object] = {}

    def compared_story(story: int, copies: bool):
        opened = store()
        try:
            articles, left_out = story_sources(opened, story, copies=copies)
        finally:
            opened.close()
        if not articles:
            raise HTTPException(404, f"no story {story} in {database}")
        # A story takes seconds to compare and is read more often than it changes: keep the
        # last few comparisons, keyed by the exact articles so a new ingest is never hidden.
        key = tuple((a.id, a.title, a.text) for a in articles)
        if key not in recent:
            try:
                recent[key] = compare_articles(articles, settings)
            except StorydiffError as exc:
                raise HTTPException(422, f"story {story}: {exc}") from exc
            while len(recent) > RECENT_STORIES:
                recent.pop(next(iter(recent)))
        return recent[key], left_out

    def compared_uploads(uploads: list[tuple[str, bytes]]):
        result = read_uploads(uploads, max_bytes=settings.max_input_bytes)
        if len(result.articles) < 2:
            problems = [f"{e.source}: {e.message}" for e in result.errors]
            raise HTTPException(422, {"message": "a comparison needs at least two readable articles, "
                                                 f"got {len(result.articles)}", "problems": problems})
        comparison = compare_articles(result.articles, settings)
        comparison.errors = result.errors
        return comparison

    def listed(limit: int, min_size: int):
        opened = store()
        try:
            return opened.list_stories(limit=limit or None, min_size=min_size)
        finally:
            opened.close()

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, limit: int = 100, min_size: int = 1):
        return _TEMPLATES.TemplateResponse(request, "index.html",
                                           {"stories": listed(limit, min_size), "database": database})

    @app.get("/stories/{story}", response_class=HTMLResponse)
    def show(story: int, copies: bool = False):
        comparison, _ = compared_story(story, copies)
        brief = summarise(comparison.articles, findings=comparison.findings)
        return render_html(comparison, brief=brief, home="/")

    @app.post("/compare", response_class=HTMLResponse)
    async def compare_form(files: list[UploadFile] = File(default=[]), texts: list[str] = Form(default=[])):
        # one byte over the limit is enough for the size message; a huge upload is not read whole
        uploads = [(f.filename, await f.read(settings.max_input_bytes + 1)) for f in files if f.filename]
        uploads += [(f"pasted-{i}.txt", t.encode("utf-8")) for i, t in enumerate(texts, 1) if t.strip()]
        comparison = compared_uploads(uploads)
        brief = summarise(comparison.articles, findings=comparison.findings)
        return render_html(comparison, brief=brief, home="/")

    @app.get("/api/stories")
    def api_stories(limit: int = 100, min_size: int = 1):
        return [summary.as_record() for summary in listed(limit, min_size)]

    @app.get("/api/stories/{story}")
    def api_story(story: int, copies: bool = False):
        comparison, left_out = compared_story(story, copies)
        return JSONResponse(json.loads(render(comparison, "json")),
                            headers={"X-Wire-Copies-Left-Out": str(left_out)})

    @app.post("/api/compare")
    def api_compare(body: dict):
        records = body.get("articles")
        if not isinstance(records, list):
            raise HTTPException(422, 'the body must be {"articles": [{"text": ...}, ...]}')
        # each record read as a one-article JSON file would be: the same checks and messages
        uploads = [(f"articles[{i}].json", json.dumps(record).encode("utf-8"))
                   for i, record in enumerate(records)]
        return JSONResponse(json.loads(render(compared_uploads(uploads), "json")))

    return app


__all__ = ["create_app"]
