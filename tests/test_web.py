"""The web app over a store: the same stories and comparisons as the CLI, bad input explained."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from fastapi.testclient import TestClient

from storydiff.cli.compare_cmd import example_files
from storydiff.feed import Feeder
from storydiff.ingest import read_articles
from storydiff.results import refresh
from storydiff.settings import load_settings
from storydiff.store import open_store
from storydiff.web import create_app

SCHEMA = json.loads((resources.files("storydiff") / "schema" / "compare.schema.json").read_text())


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "news.db"
    store = open_store(path)
    Feeder(store).feed(read_articles(example_files()).articles)
    [story] = store.list_stories()
    refresh(store, load_settings())  # pages show stored results (storydiff refresh)
    store.close()
    return path, story


@pytest.fixture(scope="module")
def client(stored):
    return TestClient(create_app(stored[0]))


def test_the_index_lists_the_stored_stories(client, stored):
    _, story = stored
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/stories/{story.id}"' in page.text and story.title in page.text
    listed = [{k: v for k, v in s.items() if k not in ("conflicts", "findings", "stale", "compared")}
              for s in client.get("/api/stories").json()]
    assert listed == [{"story": story.id, "size": story.size, "sources": story.sources,
                       "first": story.first and story.first.isoformat(),
                       "last": story.last and story.last.isoformat(), "title": story.title, "lead": None}]


def test_a_story_is_compared_as_the_cli_does_with_exact_evidence(client, stored):
    _, story = stored
    page = client.get(f"/stories/{story.id}")
    assert page.status_code == 200 and 'class="conflict"' in page.text and "Brief" in page.text
    assert 'href="/"' in page.text  # back to the list
    data = client.get(f"/api/stories/{story.id}").json()
    jsonschema.validate(data, SCHEMA)
    texts = {a["id"]: a for a in data["articles"]}
    conflicts = [f for f in data["findings"] if f["type"] == "conflict"]
    assert conflicts
    for finding in data["findings"]:
        for e in finding["evidence"]:
            source = texts[e["article"]][e.get("field", "text")]
            assert source[e["start"]:e["end"]] == e["text"]


def test_an_unknown_story_is_a_404_that_says_so(client):
    page = client.get("/stories/987654")
    assert page.status_code == 404 and "no story 987654" in page.text
    assert client.get("/api/stories/987654").json()["detail"].startswith("no story 987654")


def test_uploads_are_compared_and_a_bad_file_is_named(client):
    files = [("files", (Path(p).name, Path(p).read_bytes())) for p in example_files()[:2]]
    files.append(("files", ("photo.txt", b"\x00\x01binary")))
    page = client.post("/compare", files=files)
    assert page.status_code == 200 and "<!DOCTYPE html>" in page.text
    assert "photo.txt: binary data" in page.text


def test_pasted_reports_are_compared(client):
    texts = ["Quake shakes Tarapaca\nA magnitude 7.1 earthquake struck northern Chile on Tuesday, "
             "killing 3 people in Iquique.",
             "Chile earthquake\nA magnitude 7.1 earthquake hit northern Chile on Tuesday; 5 people "
             "died in Iquique, officials said."]
    page = client.post("/compare", data={"texts": texts})
    assert page.status_code == 200 and 'class="conflict"' in page.text


def test_too_few_readable_reports_get_a_page_naming_each_problem(client):
    page = client.post("/compare", files=[("files", ("empty.txt", b"   ")), ("files", ("one.txt", b"One report."))])
    assert page.status_code == 422
    assert "at least two readable articles" in page.text and "empty.txt: empty input" in page.text


def test_the_api_compares_records_and_reports_a_bad_one(client):
    records = [{"id": "a", "title": "Bridge closed", "text": "The 450 m bridge closed on Monday after the storm."},
               {"id": "b", "title": "Storm closes bridge", "text": "The 300 m bridge was closed on Monday."},
               {"id": "c", "outlet": "No text at all"}]
    response = client.post("/api/compare", json={"articles": records})
    assert response.status_code == 200
    data = response.json()
    jsonschema.validate(data, SCHEMA)
    assert [e["source"] for e in data["errors"]] == ["articles[2].json"]
    assert client.post("/api/compare", json={"stories": []}).status_code == 422


def test_a_corrupt_database_is_an_error_not_an_empty_list(tmp_path):
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 200)
    client = TestClient(create_app(broken))
    response = client.get("/api/stories")
    assert response.status_code == 503 and "database" in response.json()["detail"]
    assert broken.read_bytes() == b"this is not a database" * 200


def test_a_story_shown_again_after_a_new_article_includes_it(tmp_path):
    path = tmp_path / "news.db"
    store = open_store(path)
    articles = read_articles(example_files()).articles
    Feeder(store).feed(articles[:3])
    store.close()
    client = TestClient(create_app(path))
    [story] = client.get("/api/stories").json()
    store = open_store(path)
    refresh(store, load_settings())
    store.close()
    first = client.get(f"/api/stories/{story['story']}")
    store = open_store(path)
    Feeder(store).feed(articles[3:])
    store.close()
    stale = client.get(f"/api/stories/{story['story']}")
    assert stale.headers["x-result-state"] == "stale" and stale.json() == first.json()
    store = open_store(path)
    refresh(store, load_settings())
    store.close()
    again = client.get(f"/api/stories/{story['story']}")
    assert again.headers["x-result-state"] == "fresh"
    assert int(again.headers["x-wire-copies-left-out"]) + len(again.json()["articles"]) == len(articles)


def test_an_upload_over_the_size_limit_is_named_and_the_rest_compared(stored, monkeypatch):
    monkeypatch.setenv("STORYDIFF_MAX_INPUT_BYTES", "4000")
    client = TestClient(create_app(stored[0]))
    files = [("files", ("a.txt", b"Bridge closed\nThe 450 m bridge closed on Monday after the storm.")),
             ("files", ("b.txt", b"Storm shuts bridge\nThe 300 m bridge was closed on Monday.")),
             ("files", ("huge.txt", b"word " * 100_000))]
    page = client.post("/compare", files=files)
    assert page.status_code == 200 and "huge.txt: 4,001 bytes is over the limit of 4,000" in page.text
