"""Ingest: formats, metadata overrides and bad input."""

from __future__ import annotations

import json
from datetime import date

from storydiff.ingest import read_articles


def write(tmp_path, name, content, mode="w"):
    path = tmp_path / name
    if mode == "wb":
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def test_plain_text_headline_is_title(tmp_path):
    path = write(tmp_path, "a.txt", "Storm closes the harbour\n\nA storm closed the harbour on Friday.\n")
    result = read_articles([path])
    assert result.errors == []
    (article,) = result.articles
    assert article.title == "Storm closes the harbour"
    assert article.text.strip() == "A storm closed the harbour on Friday."
    assert article.id == "a"


def test_first_line_that_is_a_sentence_is_not_a_title(tmp_path):
    path = write(tmp_path, "b.txt", "The mayor resigned on Friday.\nShe gave no reason.\n")
    (article,) = read_articles([path]).articles
    assert article.title is None
    assert article.text.startswith("The mayor resigned")


def test_json_jsonl_and_metadata(tmp_path):
    one = write(tmp_path, "one.json", json.dumps({"id": "x1", "title": "T", "text": "Body one.",
                                                  "published": "2020-05-01", "outlet": "Gazette"}))
    many = write(tmp_path, "many.jsonl", "\n".join(json.dumps({"id": f"y{i}", "text": f"Body {i}."}) for i in range(3)))
    result = read_articles([one, many], published={"many.jsonl": date(2021, 1, 2)}, outlet="Fallback")
    assert [a.id for a in result.articles] == ["x1", "y0", "y1", "y2"]
    assert result.articles[0].published == date(2020, 5, 1)
    assert result.articles[0].outlet == "Gazette"  # given metadata is not overridden
    assert result.articles[1].published == date(2021, 1, 2)
    assert result.articles[1].outlet == "Fallback"


def test_bad_inputs_are_named_and_the_rest_goes_on(tmp_path):
    good = write(tmp_path, "good.txt", "Headline\n\nA real report of an event.\n")
    empty = write(tmp_path, "empty.txt", "   \n")
    binary = write(tmp_path, "binary.txt", b"\x00\x01\x02\x03" * 50, mode="wb")
    undecodable = write(tmp_path, "latin.txt", bytes(range(128, 256)) * 4, mode="wb")
    broken_json = write(tmp_path, "broken.json", '{"id": "z", "text": ')
    bad_line = write(tmp_path, "lines.jsonl", '{"id": "ok", "text": "Fine."}\n{not json}\n{"id": "no-text"}\n')
    html = write(tmp_path, "page.html", "<html><body><nav>Home</nav></body></html>")
    huge = write(tmp_path, "huge.txt", "word " * 300)
    result = read_articles([good, empty, binary, undecodable, broken_json, bad_line, html, huge,
                            str(tmp_path / "missing.txt")], max_bytes=1000)
    assert [a.id for a in result.articles] == ["good", "ok"]
    problems = {e.source: e.message for e in result.errors}
    assert "empty" in problems[empty]
    assert "binary" in problems[binary]
    assert "UTF-8" in problems[undecodable]
    assert "malformed JSON" in problems[broken_json]
    assert "malformed JSON" in problems[f"{bad_line}:2"]
    assert "no 'text'" in problems[f"{bad_line}:3"]
    title_only = read_articles([write(tmp_path, "t.jsonl", '{"id": "h", "title": "Quake hits the coast"}')])
    assert title_only.errors == [] and title_only.articles[0].title == "Quake hits the coast"
    assert "no article text" in problems[html]
    assert "over the limit" in problems[huge]
    assert "no such file" in problems[str(tmp_path / "missing.txt")]


def test_duplicates_are_reported_once(tmp_path):
    a = write(tmp_path, "a.txt", "Headline\n\nThe same report.\n")
    b = write(tmp_path, "b.txt", "Headline\n\nThe  same report.\n")
    result = read_articles([a, b])
    assert len(result.articles) == 1
    assert "duplicate of" in result.errors[0].message and result.errors[0].source == b


def test_html_main_text_and_metadata(tmp_path):
    page = """<html><head><title>Council votes to close the bridge</title>
    <meta property="og:site_name" content="Town Paper">
    <meta property="article:published_time" content="2024-06-03T10:00:00Z"></head>
    <body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
    <article><h1>Council votes to close the bridge</h1>
    <p>The town council voted on Monday to close the old bridge for repairs that will take two years.</p>
    <p>Engineers found cracks in three of its piers during an inspection in May, the council said.</p></article>
    <footer>Copyright Town Paper. Subscribe now.</footer></body></html>"""
    path = write(tmp_path, "page.html", page)
    (article,) = read_articles([path]).articles
    assert "voted on Monday to close the old bridge" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.published.year == 2024
    assert article.outlet == "Town Paper"
