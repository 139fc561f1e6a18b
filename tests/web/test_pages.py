"""The pages over stored results: what a reader sees, that nothing is parsed on request, that
every stored text is escaped, and that changes are guarded."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date

import pytest
from fastapi.testclient import TestClient

from storydiff.model import Article, Comparison, Evidence, Finding
from storydiff.render.jsonout import comparison_dict
from storydiff.results import result_key
from storydiff.settings import load_settings
from storydiff.store import open_store
from storydiff.web import create_app
from storydiff.web.guard import CSP

from .conftest import fill


@pytest.fixture(scope="module")
def client(example_db):
    return TestClient(create_app(example_db))


@pytest.fixture(scope="module")
def story(example_db):
    store = open_store(example_db)
    try:
        return store.list_stories()[0].id
    finally:
        store.close()


@pytest.fixture
def no_parsing(monkeypatch):
    """Counts every call into the parsers: spaCy's loader, the annotator, compare, the splitter."""
    calls = []
    import storydiff.annotate as annotate
    import storydiff.annotate.nlp as nlp
    import storydiff.brief as brief
    import storydiff.compare as compare
    import storydiff.compare.run as compare_run

    def counting(name, real):
        def wrapper(*args, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)
        return wrapper

    for module, name in [(nlp, "load_nlp"), (annotate, "annotate_articles"), (compare, "compare_articles"),
                         (compare_run, "compare_articles"),
                         (compare_run, "annotate_articles"), (brief, "split_sentences"), (brief, "summarise")]:
        if hasattr(module, name):
            monkeypatch.setattr(module, name, counting(name, getattr(module, name)))
    return calls


def test_pages_read_stored_results_and_never_parse(client, story, no_parsing):
    for url in ("/", f"/stories/{story}", f"/stories/{story}?focus=F1", f"/api/stories/{story}", "/api/stories",
                "/?q=bridge", "/?sort=disputed&conflicts=true", "/articles/1-daily-ledger"):
        assert client.get(url).status_code == 200, url
    assert no_parsing == []


def test_a_story_not_yet_compared_says_so_without_parsing(tmp_path, no_parsing):
    from storydiff.cli.compare_cmd import example_files
    from storydiff.ingest import read_articles

    path = tmp_path / "news.db"
    fill(path, read_articles(example_files()).articles)
    client = TestClient(create_app(path))
    [listed] = client.get("/api/stories").json()
    page = client.get(f"/stories/{listed['story']}")
    assert page.status_code == 200 and "Not yet compared" in page.text and "storydiff refresh" in page.text
    assert "not yet compared" in client.get("/").text
    answer = client.get(f"/api/stories/{listed['story']}")
    assert answer.status_code == 202 and answer.json()["state"] == "missing"
    assert no_parsing == []


def test_the_story_page_puts_conflicts_first_with_their_words_in_context(client, story, example_db):
    page = client.get(f"/stories/{story}").text
    order = [page.index(f'id="{section}"') for section in ("conflicts", "coverage", "brief", "sources")]
    assert order == sorted(order)
    store = open_store(example_db)
    row = json.loads(store.stored_result(story)["comparison"])
    store.close()
    conflict = next(f for f in row["findings"] if f["type"] == "conflict")
    card = page[page.index(f'id="c-{conflict["id"]}"'):]
    card = card[:card.index("</article>")]
    for i, e in enumerate(conflict["evidence"]):
        assert f'<mark class="conflict">{e["text"]}</mark>' in card or e["text"] in card
        assert f'href="#{conflict["id"]}-{i}"' in card  # the jump to the span in its source
        assert f'id="{conflict["id"]}-{i}"' in page  # and the anchor there
    outlets = {a["outlet"] for a in row["articles"] if a["id"] in {e["article"] for e in conflict["evidence"]}}
    assert all(o in card for o in outlets if o)


def test_focus_highlights_the_finding_in_every_source_without_script(client, story, example_db):
    store = open_store(example_db)
    row = json.loads(store.stored_result(story)["comparison"])
    store.close()
    conflict = next(f for f in row["findings"] if f["type"] == "conflict")
    page = client.get(f"/stories/{story}?focus={conflict['id']}").text
    sources = page[page.index('id="sources"'):]
    columns = sources.split('<article class="source"')[1:]
    focused = {a for a in (re.search(r'data-article="([^"]+)"', c).group(1) for c in columns
                           if "focus" in c.split('class="body"')[1].split("</article>")[0] or 'focus"' in c)}
    assert focused == {e["article"] for e in conflict["evidence"]}


def test_the_coverage_matrix_has_a_row_per_finding_and_a_column_per_source(client, story, example_db):
    store = open_store(example_db)
    row = json.loads(store.stored_result(story)["comparison"])
    store.close()
    page = client.get(f"/stories/{story}").text
    matrix = page[page.index('class="matrix"'):page.index("</table>", page.index('class="matrix"'))]
    assert matrix.count("<tr class=") == len(row["findings"])
    assert matrix.split("</thead>")[0].count("<th>") == len(row["articles"]) + 1
    uniques = [f for f in row["findings"] if f["type"] == "unique"]
    assert matrix.count("<small>only ") >= len(uniques)


def test_the_figures_that_moved_are_drawn_and_listed(client, story):
    page = client.get(f"/stories/{story}").text
    assert 'id="figures"' in page and "<svg" in page and "<polyline" in page


def test_wire_copies_and_independent_sources_are_shown(client, story, example_db):
    store = open_store(example_db)
    copies = store.wire_copies(story)
    size = len(store.content_keys(story))
    store.close()
    page = client.get(f"/stories/{story}").text
    assert copies, "the example has a wire copy"
    assert f"{size - len(copies)} independent source" in page and 'id="lineage"' in page


def test_search_filters_sort_and_pages(tmp_path):
    from tests.store._gen import article

    from storydiff.cluster import StoryState

    # 60 stories of one article or two, placed by hand (the clusterer would join these texts)
    path = tmp_path / "news.db"
    store = open_store(path)
    with store.transaction():
        for n in range(60):
            r = article(n)
            for copy in range(1 + n % 2):
                added = store.add_article(Article(
                    id=f"{r['id']}-{copy}", text=r["text"] + " Copy" * copy, title=r["title"],
                    outlet=r["outlet"] if n % 2 else "Other Paper", published=date.fromisoformat(r["published"])))
                store.assign_story([added.key], n + 1)
            day = date.fromisoformat(r["published"]).toordinal()
            state = StoryState(id=n + 1, title=r["title"], size=1 + n % 2, first_day=day, last_day=day, centroid={})
            store.save_cluster_state({}, 0, [state], [])
    store.close()
    client = TestClient(create_app(path))
    everything = client.get("/api/stories?limit=1000")
    total = int(everything.headers["x-total-count"])
    assert total == len(everything.json()) > 25
    found = client.get("/api/stories?q=Tallinn&limit=1000").json()
    assert found and len(found) < total
    store = open_store(path)
    try:
        for s in found:  # every story found has an article that says Tallinn
            assert any("Tallinn" in (a.text + (a.title or "")) for a in store.story_articles(s["story"]))
    finally:
        store.close()
    assert client.get('/api/stories?q="unbalanced').status_code == 200  # quotes are not FTS syntax
    other = client.get("/api/stories?outlet=Other+Paper&limit=1000").json()
    assert 0 < len(other) < total
    since = client.get("/api/stories?since=2024-06-01&limit=1000").json()
    assert since and all(s["last"] >= "2024-06-01" for s in since)
    recent = client.get("/api/stories?limit=1000").json()
    assert [s["last"] for s in recent] == sorted((s["last"] for s in recent), reverse=True)
    assert client.get("/api/stories?conflicts=true").json() == []  # nothing compared yet
    first, second = client.get("/?page=1").text, client.get("/?page=2").text
    assert "page 1 of" in first and 'rel="next"' in first and "page 2 of" in second

    def ids(text: str) -> set[str]:
        return set(re.findall(r'href="/stories/(\d+)"', text))

    assert ids(first) and not ids(first) & ids(second)
    assert "Tallinn" in client.get("/?q=Tallinn").text
    assert client.get("/api/stories?sort=loudest").status_code == 422


PAYLOADS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>', "javascript:alert(3)",
            "'><svg onload=alert(4)>"]


def _hostile_store(path):
    """Articles whose titles, texts, outlets and URLs carry script, and a stored result whose
    findings quote it (written here, so no parser is needed)."""
    articles = [Article(id=f"x{i}", title=f"Title {p}", text=f"Officials said {p} then 12 people {p} died.",
                        outlet=f"Outlet {p}", url=p if i % 2 else f"https://example.org/{i}?q={p}",
                        published=date(2025, 1, 1 + i)) for i, p in enumerate(PAYLOADS)]
    fill(path, articles)
    store = open_store(path)
    [story, *_] = [s.id for s in store.list_stories()]
    members = store.story_articles(story)
    findings = []
    for i, a in enumerate(members):
        start = a.text.index("12")
        findings.append(Finding(f"F{i}", "conflict", "number", f"toll {PAYLOADS[i % 4]}", 0.9,
                                [Evidence(a.id, 0, len(a.text), a.text),
                                 Evidence(members[0].id, start, start + 2, "12", value=PAYLOADS[0])]))
    comparison = Comparison(members, findings)
    with store.transaction():
        store.save_result(story, result_key(store.content_keys(story), load_settings()),
                          comparison=json.dumps(comparison_dict(comparison)), brief=None,
                          series=json.dumps([{"about": PAYLOADS[1], "points": [
                              {"value": 1, "article": members[0].id, "published": None,
                               "evidence": {"text": PAYLOADS[2]}},
                              {"value": 2, "article": members[-1].id, "published": PAYLOADS[3],
                               "evidence": {"text": PAYLOADS[0]}}]}]),
                          error=None, conflicts=len(findings), findings=len(findings))
    store.close()
    return story, members


def _assert_inert(text):
    assert "<script>alert" not in text and "<img src=x" not in text and "<svg onload" not in text
    assert 'href="javascript:' not in text.lower()


def test_every_stored_text_is_escaped(tmp_path):
    path = tmp_path / "news.db"
    story, members = _hostile_store(path)
    client = TestClient(create_app(path))
    for url in ("/", f"/stories/{story}", f"/stories/{story}?focus=F0", "/?q=alert",
                *(f"/articles/{a.id}" for a in members)):
        page = client.get(url)
        assert page.status_code == 200, url
        _assert_inert(page.text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in client.get(f"/stories/{story}").text


def test_pages_carry_the_policy_and_no_inline_code(client, story):
    for url in ("/", f"/stories/{story}", "/docs", "/articles/1-daily-ledger", "/stories/123456"):
        page = client.get(url)
        assert page.headers["content-security-policy"] == CSP and "unsafe-inline" not in CSP
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text), url  # every script from a file
        assert "<style" not in page.text and " style=" not in page.text, url


def test_changes_need_the_same_origin_a_known_host_and_beyond_loopback_a_token(example_db, monkeypatch):
    monkeypatch.setenv("STORYDIFF_API_TOKEN", "s3cret")
    client = TestClient(create_app(example_db))
    body = {"articles": []}
    assert client.post("/api/compare", json=body, headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post("/api/compare", json=body, headers={"Host": "evil.example"}).status_code == 403
    assert client.post("/api/compare", json=body, headers={"Origin": "http://testserver"}).status_code == 422
    remote = TestClient(create_app(example_db, hosts=("news.example",)), base_url="http://news.example",
                        client=("203.0.113.5", 5000))
    assert remote.post("/api/compare", json=body).status_code == 401
    assert remote.post("/api/compare", json=body, headers={"Authorization": "Bearer s3cret"}).status_code == 422
    assert remote.get("/api/stories").status_code == 200  # reading needs no token
    monkeypatch.delenv("STORYDIFF_API_TOKEN")
    unset = TestClient(create_app(example_db, hosts=("news.example",)), base_url="http://news.example",
                       client=("203.0.113.5", 5000))
    assert unset.post("/api/compare", json=body).status_code == 403


def test_a_body_over_the_limit_is_refused_unread(example_db):
    client = TestClient(create_app(example_db, max_body=50_000))
    answer = client.post("/api/compare", content=b"x" * 100_000, headers={"content-type": "application/json"})
    assert answer.status_code == 413 and "over the limit" in answer.json()["detail"]


def test_serve_refuses_a_public_bind_without_a_token(example_db, monkeypatch):
    from typer.testing import CliRunner

    from storydiff.cli import app

    monkeypatch.delenv("STORYDIFF_API_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--db", str(example_db), "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "STORYDIFF_API_TOKEN" in result.stderr


def test_an_article_page_shows_its_versions_and_what_changed(example_db, tmp_path):
    path = tmp_path / "news.db"
    shutil.copy(example_db, path)
    store = open_store(path)
    first = next(a for a in store.story_articles(store.list_stories()[0].id) if a.url)
    store.close()
    fill(path, [Article(id="rev", text=first.text.replace("Jacui", "Jacuí River", 1) + "\nA later paragraph.\n",
                        title=first.title, outlet=first.outlet, url=first.url, published=first.published)])
    page = TestClient(create_app(path)).get(f"/articles/{first.id}").text
    assert "2 versions" in page and "<ins>" in page and "A later paragraph." in page


def test_a_kept_page_changes_when_its_story_does(example_db, tmp_path):
    path = tmp_path / "news.db"
    shutil.copy(example_db, path)
    client = TestClient(create_app(path))
    store = open_store(path)
    story = store.list_stories()[0].id
    first = store.story_articles(story)[0]
    store.close()
    before = client.get(f"/stories/{story}").text
    assert client.get(f"/stories/{story}").text == before and "Refreshing" not in before
    fill(path, [Article(id="more", text=first.text + "\nOfficials said the search would resume at dawn.\n",
                        title=first.title, outlet="Another Outlet", published=first.published)])
    assert "Refreshing" in client.get(f"/stories/{story}").text
