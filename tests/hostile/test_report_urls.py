"""Item 1 of issue 18: an article's URL becomes a link only when it is http(s); anything else
(javascript:, data:, ...) is shown as text in the HTML report, the web form's result and the
stored story page."""

from __future__ import annotations

import json

from _io_fixtures import REPORT_A, REPORT_B, REPORT_C, cli, hrefs, record
from fastapi.testclient import TestClient

from storydiff.web import create_app

HOSTILE = {"a": " JavaScript:alert(1)", "b": "data:text/html,<script>alert(2)</script>"}
SAFE = "https://example.org/news/homes"


def _records():
    return [record("a", REPORT_A, url=HOSTILE["a"]), record("b", REPORT_B, url=HOSTILE["b"]),
            record("c", REPORT_C, url=SAFE)]


def _assert_safe(page: str) -> None:
    links = hrefs(page)
    assert SAFE in links
    assert all(h.startswith(("#", "/", SAFE)) for h in links), links
    assert "<script>alert(2)" not in page
    assert "JavaScript:alert(1)" in page  # shown, as text


def test_html_report_links_only_http_urls(tmp_path):
    paths = []
    for item in _records():
        path = tmp_path / f"{item['id']}.json"
        path.write_text(json.dumps(item), encoding="utf-8")
        paths.append(path)
    out = tmp_path / "report.html"
    result = cli("compare", *paths, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    _assert_safe(out.read_text(encoding="utf-8"))


def test_web_compare_result_and_stored_story_link_only_http_urls(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in _records()), encoding="utf-8")
    db = tmp_path / "news.db"
    assert cli("ingest", feed, "--db", db, "--quiet").exit_code == 0
    assert cli("refresh", "--db", db, "--quiet").exit_code == 0  # pages show stored results
    client = TestClient(create_app(db))
    [story] = client.get("/api/stories").json()
    page = client.get(f"/stories/{story['story']}")
    assert page.status_code == 200
    _assert_safe(page.text)
    files = [("files", (f"{r['id']}.json", json.dumps(r).encode())) for r in _records()]
    page = client.post("/compare", files=files)
    assert page.status_code == 200
    _assert_safe(page.text)
