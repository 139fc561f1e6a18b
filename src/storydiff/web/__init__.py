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
import sqlite3
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException

from ..brief import summarise
from ..compare import compare_articles
from ..errors import InputProblem, StoreError, StorydiffError
from ..ingest import parse_published, read_uploads
from ..render import render
from ..render.html import render_html
from ..settings import load_settings
from ..store import open_existing, story_sources
from .storylines import merged_redirect, storylines_router

RECENT_STORIES = 16
# The /compare form, described by hand as the endpoint reads the form itself (see there).
_FORM_SCHEMA = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object",
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                   "texts": {"type": "array", "items": {"type": "string"}}}}}}}}
_TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def create_app(database: str | Path | None = None) -> FastAPI:
    """The app over the SQLite store at ``database`` (default: the ``database`` setting)."""
    settings = load_settings()
    database = str(database or settings.database)
    app = FastAPI(title="storydiff", summary="Compare news sources fact by fact, with evidence.")

    def answer(request: Request, status: int, detail):
        # The API answers in JSON; a person at a browser gets a page that says what went wrong.
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=status)
        detail = detail if isinstance(detail, dict) else {"message": str(detail)}
        return _TEMPLATES.TemplateResponse(request, "error.html", {"detail": detail}, status_code=status)

    # Starlette's own (the form parser's "Part exceeded maximum size") as well as ours.
    @app.exception_handler(StarletteHTTPException)
    async def explain(request: Request, exc: StarletteHTTPException):
        return answer(request, exc.status_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors()]
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        return answer(request, 422, {"message": "the request is not valid", "problems": problems})

    # A database that breaks while the app runs (the start refuses a broken one): a clear 503.
    @app.exception_handler(StoreError)
    async def unusable(request: Request, exc: StoreError):
        return answer(request, 503, f"the database cannot be used: {exc}")

    @app.exception_handler(sqlite3.DatabaseError)
    async def broken(request: Request, exc: sqlite3.DatabaseError):
        return answer(request, 503, f"the database cannot be used: {database}: {exc}; restore it from a "
                                    "backup or start the app on another file with --db")

    def store():
        # One connection a request: endpoints run in a thread pool, and SQLite connections
        # belong to the thread that opened them. Never created here: only ingest does that.
        return open_existing(database)

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
        result = read_uploads(uploads, max_bytes=settings.max_input_bytes, max_chars=settings.max_article_chars)
        if len(result.articles) < 2:
            problems = [f"{e.source}: {e.message}" for e in result.errors]
            problems += [f"{w.source}: {w.message}" for w in result.warnings]
            raise HTTPException(422, {"message": "a comparison needs at least two readable articles, "
                                                 f"got {len(result.articles)}", "problems": problems})
        try:
            comparison = compare_articles(result.articles, settings)
        except StorydiffError as exc:
            raise HTTPException(422, str(exc)) from exc
        comparison.errors = result.errors
        comparison.warnings = result.warnings + comparison.warnings
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
        if (moved := merged_redirect(store, "event", story, "/stories/{}")) is not None:
            return moved
        comparison, _ = compared_story(story, copies)
        brief = summarise(comparison.articles, findings=comparison.findings)
        return render_html(comparison, brief=brief, home="/")

    @app.post("/compare", response_class=HTMLResponse, openapi_extra=_FORM_SCHEMA)
    async def compare_form(request: Request):
        # Parsed here rather than by declared File/Form parameters: Starlette's default caps a
        # pasted text at 1 MB with a bare error; the limit is the input limit, and a text over
        # it gets the size message naming it.
        try:
            form = await request.form(max_part_size=settings.max_input_bytes + 1)
        except MultiPartException as exc:
            raise HTTPException(413, f"the form cannot be read: {exc.message}; the limit for one input is "
                                     f"{settings.max_input_bytes:,} bytes") from exc
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        texts = [t for t in form.getlist("texts") if isinstance(t, str)]
        # one byte over the limit is enough for the size message; a huge upload is not read whole
        uploads = [(f.filename, await f.read(settings.max_input_bytes + 1)) for f in files]
        uploads += [(f"pasted-{i}.txt", t.encode("utf-8")) for i, t in enumerate(texts, 1) if t.strip()]
        comparison = compared_uploads(uploads)
        brief = summarise(comparison.articles, findings=comparison.findings)
        return render_html(comparison, brief=brief, home="/")

    @app.get("/api/stories")
    def api_stories(limit: int = 100, min_size: int = 1):
        return [summary.as_record() for summary in listed(limit, min_size)]

    @app.get("/api/stories/{story}")
    def api_story(story: int, copies: bool = False):
        if (moved := merged_redirect(store, "event", story, "/api/stories/{}")) is not None:
            return moved
        comparison, left_out = compared_story(story, copies)
        return JSONResponse(json.loads(render(comparison, "json")),
                            headers={"X-Wire-Copies-Left-Out": str(left_out)})

    @app.post("/api/compare")
    def api_compare(body: dict):
        records = body.get("articles")
        if not isinstance(records, list):
            raise HTTPException(422, 'the body must be {"articles": [{"text": ...}, ...]}')
        # A date the API caller sent and storydiff cannot read is refused, not dropped (a file
        # read by the CLI may carry any form of date; a caller can send ISO 8601).
        bad_dates = [f"articles[{i}].published: {record['published']!r} is not a date storydiff can read; give an "
                     "ISO 8601 date (YYYY-MM-DD) or date-time"
                     for i, record in enumerate(records)
                     if isinstance(record, dict) and not _readable_date(record.get("published"))]
        if bad_dates:
            raise HTTPException(422, {"message": "invalid publication date", "problems": bad_dates})
        # each record read as a one-article JSON file would be: the same checks and messages
        uploads = [(f"articles[{i}].json", json.dumps(record).encode("utf-8"))
                   for i, record in enumerate(records)]
        return JSONResponse(json.loads(render(compared_uploads(uploads), "json")))

    app.include_router(storylines_router(store, database))  # /storylines, /api/storylines
    return app


def _readable_date(value) -> bool:
    if value is None or value == "":
        return True
    if not isinstance(value, str):
        return False
    try:
        return parse_published(value, "published", lenient=True) is not None
    except InputProblem:
        return False


__all__ = ["create_app"]
