"""The web app: the stored stories, each story's page, an upload form and a JSON API.

    storydiff refresh --db news.db      # compare every story once (stored results)
    storydiff serve --db news.db        # then open http://127.0.0.1:8000/

Pages read stored results (``storydiff.results``) and never parse text on request: a story
whose result is missing says "not yet compared", one whose articles changed since says
"refreshing" and shows the last result. Pages: ``/`` (search, filters, sort, pages of
stories; the compare form), ``/stories/{id}``, ``/articles/{id}``, ``POST /compare``, ``/docs``
(the API, offline). JSON: ``/api/stories``, ``/api/stories/{id}``, ``POST /api/compare``. The
endpoints that change anything and how they are guarded: docs/web.md.
"""

from __future__ import annotations

import difflib
import json
import logging
import math
import sqlite3
import threading
from collections import OrderedDict
from datetime import date
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException

from ..errors import InputProblem, StoreError, StorydiffError
from ..ingest import parse_published, read_uploads
from ..pipeline import compare_story
from ..render import html as report_html
from ..render.jinja import STATIC, environment
from ..render.jsonout import comparison_dict
from ..results import load as load_result
from ..results import result_key
from ..settings import load_settings
from ..store import _MAX_ID, open_existing
from .guard import Guard, secure_headers
from .story_view import build as build_story
from .storylines import merged_redirect, storylines_router

log = logging.getLogger(__name__)

PAGE_SIZE = 25
RENDERED_PAGES = 512  # story pages kept rendered (a page is 5-60 KB)
# A whole request: several reports at the input limit (5 MB each by default) fit; an input over
# its own limit is still named in the result page rather than refusing the form.
MAX_BODY = 64 * 2**20
# The /compare form, described by hand as the endpoint reads the form itself (see there).
_FORM_SCHEMA = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object",
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                   "texts": {"type": "array", "items": {"type": "string"}}}}}}}}
_TEMPLATES = Jinja2Templates(env=environment())  # render/templates: the one renderer
# Swagger UI's files, from the pinned fastapi-offline wheel: /docs works with no network.
_SWAGGER = Path(str(__import__("fastapi_offline").__file__)).parent / "static"
_SWAGGER_FILES = {"swagger-ui.css", "swagger-ui-bundle.js", "favicon.png"}


def create_app(database: str | Path | None = None, *, hosts: tuple[str, ...] = (),
               max_body: int = MAX_BODY) -> FastAPI:
    """The app over the SQLite store at ``database`` (default: the ``database`` setting);
    ``hosts``: names it answers changes for besides loopback (``serve --host``); a request body
    over ``max_body`` bytes is refused before it is read."""
    settings = load_settings()
    database = str(database or settings.database)
    guard = Guard(max_body=max_body, hosts=hosts)
    app = FastAPI(title="storydiff", summary="Compare news sources fact by fact, with evidence.",
                  docs_url=None, redoc_url=None)
    try:  # bring an older file up to the schema once, here, not in every request
        open_existing(database).close()
    except StoreError as exc:
        # each request then says what is wrong with it
        log.info("%s: not brought up to date at start (%s); each request will say what is wrong", database, exc)

    @app.middleware("http")
    async def guarded(request: Request, call_next):
        refused = guard.refusal(request)
        response = refused if refused is not None else await call_next(request)
        return secure_headers(response)

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
        # One connection a request, opened without the migration's write lock (about a
        # millisecond): endpoints run in a thread pool, and a reader must never wait for a
        # writer. Never created here: only ingest does that.
        return open_existing(database, migrate=False)

    def stored(story: int):
        if not -_MAX_ID - 1 <= story <= _MAX_ID:
            raise HTTPException(404, f"no story {story} in {database}")
        opened = store()
        try:
            result = load_result(opened, story, settings)
            if result is None:
                raise HTTPException(404, f"no story {story} in {database}")
            copies = opened.wire_copies(story)
            wire = []
            if copies:
                keys = {k for r in copies for k in (r.article, r.original)}
                articles = opened.get_articles(list(keys))
                wire = [(articles[r.article], articles[r.original], r) for r in copies
                        if r.article in articles and r.original in articles]
            size = len(opened.content_keys(story))
        finally:
            opened.close()
        return result, wire, size

    def compared_uploads(uploads: list[tuple[str, bytes]], brief: bool = False):
        result = read_uploads(uploads, max_bytes=settings.max_input_bytes, max_chars=settings.max_article_chars)
        if len(result.articles) < 2:
            problems = [f"{e.source}: {e.message}" for e in result.errors]
            problems += [f"{w.source}: {w.message}" for w in result.warnings]
            raise HTTPException(422, {"message": "a comparison needs at least two readable articles, "
                                                 f"got {len(result.articles)}", "problems": problems})
        try:
            run = compare_story(result.articles, settings, brief=brief)
        except StorydiffError as exc:
            raise HTTPException(422, str(exc)) from exc
        comparison = run.compared()
        comparison.errors = result.errors
        comparison.warnings = result.warnings + comparison.warnings
        return run

    def found(q: str | None, outlet: str | None, since: str | None, until: str | None, conflicts: bool,
              min_size: int, sort: str, page: int, per_page: int = PAGE_SIZE):
        # the list's form sends empty fields for filters left blank: those are no filter
        if sort not in ("recent", "disputed"):
            raise HTTPException(422, f"sort must be recent or disputed, not {sort!r}")
        since_day, until_day = _day_param("since", since), _day_param("until", until)
        opened = store()
        try:
            rows, total = opened.find_stories(query=q, outlet=outlet or None, since=since_day, until=until_day,
                                              conflicts=conflicts, min_size=min_size, sort=sort,
                                              limit=per_page, offset=(max(page, 1) - 1) * per_page)
            outlets = opened.outlets()
        finally:
            opened.close()
        return rows, total, outlets

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, q: str | None = None, outlet: str | None = None, since: str | None = None,
              until: str | None = None, conflicts: bool = False, min_size: int = 1, sort: str = "recent",
              page: int = 1):
        rows, total, outlets = found(q, outlet, since, until, conflicts, min_size, sort, page)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        query = {k: v for k, v in {"q": q, "outlet": outlet, "since": since, "until": until,
                                   "conflicts": "true" if conflicts else None,
                                   "min_size": min_size if min_size > 1 else None, "sort": sort}.items() if v}
        return _TEMPLATES.TemplateResponse(request, "index.html", {
            "stories": rows, "total": total, "page": page, "pages": pages, "query": query, "outlets": outlets,
            "filters": {"q": q or "", "outlet": outlet or "", "since": since or "", "until": until or "",
                        "conflicts": conflicts, "min_size": min_size, "sort": sort},
            "database": database, "token": request.query_params.get("token")})

    # Rendered story pages by what they show: the stored result's stamp, the story's current
    # key (so a new article changes the page at once) and the focused finding. A page costs
    # ~40 ms to build from its JSON and ~1 ms to check (benchmarks/results/web_load.md).
    rendered: OrderedDict[tuple, bytes] = OrderedDict()
    lock = threading.Lock()

    def stamp(story: int) -> tuple | None:
        if not -_MAX_ID - 1 <= story <= _MAX_ID:
            return None
        opened = store()
        try:
            return opened.result_stamp(story), result_key(opened.content_keys(story), settings)
        finally:
            opened.close()

    @app.get("/stories/{story}", response_class=HTMLResponse)
    def show(request: Request, story: int, focus: str | None = None):
        if (moved := merged_redirect(store, "event", story, "/stories/{}")) is not None:
            return moved
        key = (story, stamp(story), focus)
        with lock:
            page = rendered.get(key)
            if page is not None:
                rendered.move_to_end(key)
        if page is not None:
            return HTMLResponse(page)
        response = _story_page(request, story, focus)
        with lock:
            rendered[key] = response.body
            while len(rendered) > RENDERED_PAGES:
                rendered.popitem(last=False)
        return response

    def _story_page(request: Request, story: int, focus: str | None):
        result, wire, size = stored(story)
        view = None
        if result.comparison is not None:
            view = build_story(result.comparison, result.series, wire, size - len(wire), focus)
        return _TEMPLATES.TemplateResponse(request, "story.html", {
            "story": story, "result": result, "view": view, "brief": result.brief, "focus": focus,
            "size": size, "database": database})

    @app.get("/articles/{article}", response_class=HTMLResponse)
    def article_page(request: Request, article: str):
        opened = store()
        try:
            try:
                key = opened.key_of(article)
            except KeyError:
                raise HTTPException(404, f"no article {article!r} in {database}") from None
            versions = opened.versions(key)
            story = opened.story_of(key)
        finally:
            opened.close()
        changes = [(old, new, _changed(old[2].text, new[2].text))
                   for old, new in zip(versions, versions[1:], strict=False)]
        current = versions[-1][2]
        return _TEMPLATES.TemplateResponse(request, "article.html", {
            "article": current, "id": article, "versions": versions, "changes": changes, "story": story,
            "link": report_html.link_target(current.url)})

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
        uploads = [(f.filename or "", await f.read(settings.max_input_bytes + 1)) for f in files]
        uploads += [(f"pasted-{i}.txt", t.encode("utf-8")) for i, t in enumerate(texts, 1) if t.strip()]
        from starlette.concurrency import run_in_threadpool

        run = await run_in_threadpool(compared_uploads, uploads, True)
        return report_html.render_html(run.compared(), brief=run.brief, home="/", assets="/static")

    @app.get("/static/swagger/{name}", include_in_schema=False)
    def swagger_asset(name: str):
        if name not in _SWAGGER_FILES:
            raise HTTPException(404, f"no file {name}")
        return FileResponse(_SWAGGER / name, headers={"Cache-Control": "max-age=86400"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(_SWAGGER / "favicon.png", headers={"Cache-Control": "max-age=86400"})

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request):
        return _TEMPLATES.TemplateResponse(request, "docs.html", {"openapi": app.openapi_url})

    @app.get("/api/stories")
    def api_stories(q: str | None = None, outlet: str | None = None, since: str | None = None,
                    until: str | None = None, conflicts: bool = False, min_size: int = 1,
                    sort: str = "recent", page: int = 1, limit: int = 100):
        rows, total, _ = found(q, outlet, since, until, conflicts, min_size, sort, page, max(1, min(limit, 1000)))
        return JSONResponse(jsonable_encoder(rows), headers={"X-Total-Count": str(total)})

    @app.get("/api/stories/{story}")
    def api_story(story: int):
        if (moved := merged_redirect(store, "event", story, "/api/stories/{}")) is not None:
            return moved
        result, wire, _ = stored(story)
        if result.comparison is None:
            detail = result.error or f"story {story} is not yet compared; run storydiff refresh --db {database}"
            return JSONResponse({"state": result.state, "detail": detail}, status_code=202 if not result.error else 422)
        return JSONResponse(comparison_dict(result.comparison),
                            headers={"X-Wire-Copies-Left-Out": str(len(wire)), "X-Result-State": result.state})

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
        return JSONResponse(comparison_dict(compared_uploads(uploads).comparison))

    app.include_router(storylines_router(store, database))  # /storylines, /api/storylines
    # after the routes: /static/swagger is a route, the rest render/static (the stylesheet, scripts)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _day_param(name: str, value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def _changed(old: str, new: str) -> list[tuple[str, str]]:
    """Word runs of a revision: ("same" | "added" | "removed", words); display only, no parsing."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            words = a[i1:i2]
            out.append(("same", " ".join(words) if len(words) <= 12 else
                        " ".join(words[:6]) + " … " + " ".join(words[-6:])))
            continue
        if i2 > i1:
            out.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(("added", " ".join(b[j1:j2])))
    return out


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
