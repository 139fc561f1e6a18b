"""Item 2 of issue 18: a report longer than ``max_article_chars`` (spaCy refuses over
1,000,000 characters: E088) is refused with a message naming it; the rest of the batch is
compared. The chosen behaviour and its figures: README "Limits", benchmarks/long_text.py."""

from __future__ import annotations

import json

from _io_fixtures import REPORT_A, REPORT_B, cli, record, write_reports
from fastapi.testclient import TestClient

from storydiff.web import create_app

SMALL_LIMIT = {"STORYDIFF_MAX_ARTICLE_CHARS": "2000"}


def _long(chars: int) -> str:
    sentence = "The council met again on Tuesday to discuss the homes in Millbrook. "
    return "A very long report\n\n" + (sentence * (chars // len(sentence) + 1))[:chars]


def test_a_report_over_a_million_characters_is_refused_by_name_and_the_rest_compared(tmp_path):
    # default settings: before the fix this was spaCy's E088 and a 221-line traceback
    short_a, short_b, long = write_reports(tmp_path, REPORT_A, REPORT_B, _long(1_100_000))
    result = cli("compare", short_a, short_b, long, "--format", "json")
    assert result.exit_code == 1, result.output
    assert f"{long}: 1,100,0" in result.stderr and "over the limit of 200,000" in result.stderr
    assert "STORYDIFF_MAX_ARTICLE_CHARS" in result.stderr
    data = json.loads(result.stdout)
    assert [a["source"] for a in data["articles"]] == [short_a, short_b]
    assert data["errors"][0]["source"] == long


def test_brief_refuses_a_long_report_by_name(tmp_path):
    short_a, short_b, long = write_reports(tmp_path, REPORT_A, REPORT_B, _long(3000))
    result = cli("brief", short_a, short_b, long, env=SMALL_LIMIT)
    assert result.exit_code == 1, result.output
    assert f"{long}: " in result.stderr and "over the limit of 2,000" in result.stderr
    assert "BRIEF" in result.stdout


def test_web_api_and_form_refuse_a_long_report_by_name(monkeypatch):
    monkeypatch.setenv("STORYDIFF_MAX_ARTICLE_CHARS", "2000")
    client = TestClient(create_app("unused.db"))
    body = {"articles": [record("a", REPORT_A), record("b", REPORT_B), record("long", _long(3000))]}
    answer = client.post("/api/compare", json=body)
    assert answer.status_code == 200, answer.text
    data = answer.json()
    assert len(data["articles"]) == 2
    assert data["errors"][0]["source"] == "articles[2].json"
    assert "over the limit of 2,000" in data["errors"][0]["message"]
    page = client.post("/compare", data={"texts": [REPORT_A, _long(3000)]})
    assert page.status_code == 422 and page.headers["content-type"].startswith("text/html")
    assert "pasted-2.txt" in page.text and "over the limit of 2,000" in page.text
