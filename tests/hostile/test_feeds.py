"""Items 4 and 9 of issue 18: ``ingest`` checks each record of a feed against
STORYDIFF_MAX_INPUT_BYTES (the feed as a whole has no limit), reads files and stdin a line at
a time, and one bad line on stdin costs only that line."""

from __future__ import annotations

import json

from _io_fixtures import cli, jsonl

LIMIT = {"STORYDIFF_MAX_INPUT_BYTES": "3000"}
TOWNS = ["Ashford", "Millbrook", "Port Ellis", "Granton", "Westvale", "Harrowgate", "Elmsworth", "Dunmore"]


def _records() -> list[dict]:
    """Eight distinct small reports, about 350 bytes each: 2,900 bytes in all."""
    return [{"id": f"r{n}", "title": f"{town} opens a new library",
             "text": f"The town of {town} opened a library with {100 + 37 * n} shelves on day {n} of the "
                     f"festival, said its librarian, who had asked for it for {n + 3} years. "
                     f"The building in {town} cost {n + 2} million dollars."}
            for n, town in enumerate(TOWNS)]


def _stored(db) -> int:
    listed = cli("stories", "--db", db, "--json", "--limit", "0")
    assert listed.exit_code == 0, listed.output
    return sum(json.loads(line)["size"] for line in listed.stdout.splitlines())


def test_each_record_is_checked_against_the_input_limit_not_the_whole_feed(tmp_path):
    big = {"id": "big", "title": "An overlong record", "text": "Words of a long report. " * 200}
    feed = tmp_path / "feed.jsonl"
    feed.write_text(jsonl(_records() + [big]), encoding="utf-8")
    assert feed.stat().st_size > 3000 * 2  # the feed is over the limit, each small record is not
    db = tmp_path / "news.db"
    result = cli("ingest", feed, "--db", db, "--quiet", env=LIMIT)
    assert result.exit_code == 1, result.output
    assert f"{feed}:9: this record is 4,8" in result.stderr
    assert "over the limit of 3,000" in result.stderr and "STORYDIFF_MAX_INPUT_BYTES" in result.stderr
    assert "stored 8 new article(s)" in result.stderr
    assert _stored(db) == 8


def test_one_bad_line_on_stdin_costs_only_that_line(tmp_path):
    lines = jsonl(_records()).splitlines(keepends=True)
    lines.insert(1, "this line is not JSON\n")
    lines.insert(4, '{"id": "cut", "text": "a record cut off in the midd\n')
    db = tmp_path / "news.db"
    result = cli("ingest", "-", "--db", db, "--quiet", input="".join(lines).encode())
    assert result.exit_code == 1, result.output
    assert "<stdin>:2: malformed JSON" in result.stderr and "<stdin>:5: malformed JSON" in result.stderr
    assert "stored 8 new article(s)" in result.stderr
    assert _stored(db) == 8


def test_a_stdin_feed_longer_than_the_input_limit_is_read_record_by_record(tmp_path):
    records = _records() + [{"id": f"x{n}", "title": f"Second batch report {n}",
                             "text": f"A bridge over the river Rye number {n} was closed for {n} weeks of "
                                     f"repairs after a flood, officials in county {n} said."} for n in range(8)]
    records.insert(3, {"id": "big", "title": "An overlong record", "text": "Words of a long report. " * 200})
    feed = jsonl(records).encode()
    assert len(feed) > 3000 * 2
    db = tmp_path / "news.db"
    result = cli("ingest", "-", "--db", db, "--quiet", input=feed, env=LIMIT)
    assert result.exit_code == 1, result.output
    assert "<stdin>:4: this record is 4,8" in result.stderr and "stored 16 new article(s)" in result.stderr
    assert _stored(db) == 16


def test_a_stdin_document_over_the_limit_is_refused_with_its_real_size(tmp_path):
    # a guard for the new stdin reader (the document is drained, not held, to count its size)
    text = ("A long plain report about the weather in Millbrook. " * 200).encode()
    result = cli("compare", "-", "--format", "json", input=text, env=LIMIT)
    assert result.exit_code == 2
    assert f"<stdin>: {len(text):,} bytes is over the limit of 3,000" in result.stderr
