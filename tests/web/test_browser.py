"""The app in a real browser: Debian's chromium driven by Playwright, against uvicorn on
loopback over a store holding the bundled example story (ingested and refreshed). Every request
that is not for loopback is blocked, so /docs must render from the app's own files.

Skipped where chromium is absent, except under CI=true, where it must run."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
DOCS_SHOT = Path(__file__).resolve().parents[2] / "docs" / "story-page.png"

if not Path(CHROMIUM).exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install chromium)", pytrace=False)
    pytest.skip(f"needs {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server(example_db):
    import uvicorn

    from storydiff.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(example_db), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, server):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    opened = context.new_page()
    blocked, problems = [], []

    def route(request_route):
        host = urlsplit(request_route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    opened.route("**/*", route)
    # CSP violations are reported on the console as errors ("Refused to ... because it
    # violates the following Content Security Policy directive")
    opened.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: problems.append(str(e)))
    opened.blocked, opened.problems = blocked, problems
    yield opened
    context.close()
    assert not [p for p in problems if "Content Security Policy" in p], problems


def test_clicking_a_conflict_highlights_its_spans_in_each_source(page, server):
    page.goto(f"{server}/stories/1")
    assert page.locator("#conflicts article.conflict-card").count() >= 1
    card = page.locator("#conflicts article.conflict-card").first
    sources = {page.locator("#conflicts article.conflict-card >> nth=0 >> .who b").nth(i).inner_text()
               for i in range(card.locator(".who b").count())}
    card.locator("a.focus-link").click()
    finding = card.get_attribute("id").removeprefix("c-")
    highlighted = page.locator("article.source:has(mark.focus)")
    assert highlighted.count() == len(sources) >= 2
    for i in range(highlighted.count()):
        column = highlighted.nth(i)
        mark = column.locator("mark.focus").first
        assert finding in mark.get_attribute("data-findings").split()
        # scrolled into view in its column
        assert mark.is_visible()
    assert not page.problems, page.problems
    page.screenshot(path=str(ARTIFACTS / "story-focus.png"), full_page=False)
    page.goto(f"{server}/stories/1")
    page.screenshot(path=str(ARTIFACTS / "story-page.png"), full_page=False)
    if os.environ.get("STORYDIFF_UPDATE_SCREENSHOT"):
        shutil.copy(ARTIFACTS / "story-page.png", DOCS_SHOT)


def test_search_and_filter(page, server):
    page.goto(server)
    page.fill("input[name=q]", "bridge")
    page.click("form.filters button")
    assert "q=bridge" in page.url
    assert page.locator("table.stories tbody tr").count() == 1
    page.fill("input[name=q]", "zeppelin")
    page.click("form.filters button")
    assert page.locator("table.stories").count() == 0 and "No story matches" in page.content()
    page.goto(server)
    page.check("input[name=conflicts]")
    page.select_option("select[name=sort]", "disputed")
    page.click("form.filters button")
    assert "conflicts=true" in page.url and page.locator("table.stories tbody tr").count() == 1
    page.screenshot(path=str(ARTIFACTS / "list.png"))


def test_uploading_two_files_compares_them(page, server, tmp_path):
    from storydiff.cli.compare_cmd import example_files

    files = [str(f) for f in example_files()][:2]
    page.goto(server)
    page.set_input_files("input[name=files]", files)
    with page.expect_navigation(url="**/compare", timeout=180_000):
        page.click("form.compare button")
    assert "cannot do that" not in page.title()
    assert page.locator("mark.conflict, mark.agreement").count() > 0
    page.screenshot(path=str(ARTIFACTS / "upload.png"))


def test_docs_render_with_no_network(page, server):
    page.goto(f"{server}/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    assert "storydiff" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock").count() >= 3
    page.screenshot(path=str(ARTIFACTS / "docs.png"))


def test_hostile_texts_run_no_script(browser, tmp_path):
    import uvicorn

    from storydiff.web import create_app

    from .test_pages import _hostile_store

    story, _ = _hostile_store(tmp_path / "news.db")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(create_app(tmp_path / "news.db"), host="127.0.0.1", port=port,
                                            log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    while not running.started:
        time.sleep(0.05)
    try:
        context = browser.new_context()
        opened = context.new_page()
        dialogs = []
        opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        opened.route("**/*", lambda r: r.continue_() if urlsplit(r.request.url).hostname == "127.0.0.1" else r.abort())
        for path in ("/", f"/stories/{story}", f"/stories/{story}?focus=F0", "/?q=alert"):
            opened.goto(f"http://127.0.0.1:{port}{path}")
            opened.wait_for_load_state("load")
        assert dialogs == []
        assert "<script>alert(1)</script>" in opened.inner_text("body") or "alert" in opened.inner_text("body")
        context.close()
    finally:
        running.should_exit = True
        thread.join(10)
