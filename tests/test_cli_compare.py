"""The command line: compare, demo and annotate, their exit codes and messages."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from storydiff.cli import app
from storydiff.cli.compare_cmd import example_files

runner = CliRunner()


def test_demo_json_has_articles_and_findings():
    result = runner.invoke(app, ["demo", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{"):])
    assert len(data["articles"]) == 4
    assert any(f["type"] == "conflict" for f in data["findings"])


def test_compare_html_includes_brief_and_timeline(tmp_path):
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["compare", *example_files(), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<h2>Brief</h2>" in page and "<h3>Timeline</h3>" in page


def test_bad_inputs_are_named_and_the_rest_compared(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    result = runner.invoke(app, ["compare", *example_files()[:2], str(empty), str(broken), "--format", "md"])
    assert result.exit_code == 1
    assert f"{empty}: empty input" in result.stderr
    assert f"{broken}: malformed JSON" in result.stderr
    assert "## Conflicts" in result.stdout


def test_a_single_article_exits_2_with_a_message():
    result = runner.invoke(app, ["compare", example_files()[0]])
    assert result.exit_code == 2
    assert "two or more reports" in result.stderr


def test_unknown_format_is_a_usage_error():
    result = runner.invoke(app, ["compare", *example_files(), "--format", "pdf"])
    assert result.exit_code == 2 and "unknown --format" in result.stderr


def test_annotate_lists_timex_values_against_the_given_date(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("The minister said on Monday (21) that the visit, agreed in April last year, "
                    "would take two days.\n")
    result = runner.invoke(app, ["annotate", str(path), "--published", "2022-02-22", "--format", "json",
                                 "--kinds", "date,duration"])
    assert result.exit_code == 0, result.output
    mentions = json.loads(result.stdout)["mentions"]
    values = {m["text"]: m["value"] for m in mentions}
    assert values["Monday (21)"] == "2022-02-21"
    assert values["April last year"] == "2021-04"
    text = path.read_text()
    assert all(text[m["start"]:m["end"]] == m["text"] for m in mentions)


# Two reports of one (invented) ferry sinking with the furniture wire copy carries: an editors'
# note, a byline, a dateline with a credit, a photo caption, a copyright line; the wire report
# has fourteen sentences no other source has.
WIRE_FURNITURE = {
    "id": "wire-1", "title": "Ferry sinks off Marra coast", "outlet": "Coast Wire", "published": "2026-03-02",
    "text": "\n".join([
        "EDITOR'S NOTE: Trims to 400 words; corrects spelling of captain's name in 5th paragraph.",
        "By LENA ORTIZ, Coast Wire Writer",
        "MARRA, Velland (CW) — A ferry carrying 212 passengers sank off the coast of Marra on Sunday, "
        "the coast guard said.",
        "Photo: Survivors wait on the quay in Marra on Sunday.",
        "The shipping line said it would cooperate with investigators.",
        "The cause of the sinking was not known.", "The weather had been calm, residents said.",
        "Fishermen kept watch through the night.", "Nobody could say how long the search would last.",
        "The mood in the town was sombre.", "Many shops stayed shut.", "Some families waited in silence.",
        "The harbour lights were left on.", "Volunteers brought tea and blankets.",
        "Church bells rang in the evening.", "A local choir sang hymns.",
        "Captain Aron Velt, 54, had sailed the route since March 2009.",
        "Copyright 2026 Coast Wire. All rights reserved.",
    ])}
PAPER_FURNITURE = {
    "id": "paper-2", "title": "Marra ferry disaster", "outlet": "Velland Daily", "published": "2026-03-02",
    "text": "\n".join([
        "(Eds: UPDATES with rescue figures)", "By Tomas Reyes",
        "MARRA, Velland (CW) — A ferry carrying 212 passengers sank off the coast of Marra on Sunday, "
        "the coast guard said.",
        "Photo: Survivors wait on the quay in Marra on Sunday.",
        "The shipping line said it would cooperate with investigators.",
    ])}


def test_report_leaves_out_wire_furniture_and_ranks_and_caps_uniques(tmp_path):
    files = []
    for record in (WIRE_FURNITURE, PAPER_FURNITURE):
        path = tmp_path / f"{record['id']}.json"
        path.write_text(json.dumps(record))
        files.append(str(path))
    result = runner.invoke(app, ["compare", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout[result.stdout.index("{"):])
    furniture = ("EDITOR'S NOTE", "Eds:", "By LENA", "By Tomas", "MARRA, Velland", "Photo:", "Copyright")
    said = [e["text"] for f in data["findings"] for e in f["evidence"]]
    assert not [t for t in said if any(word in t for word in furniture)], said
    assert all(value["text"] != "Velland" for f in data["findings"] for value in f["evidence"])
    reasons = {r["reason"] for a in data["articles"] for r in a["removed"]}
    assert {"editors' note", "byline", "dateline", "page furniture"} <= reasons
    agreed = [f for f in data["findings"] if f["type"] == "agreement" and f["kind"] == "statement"]
    assert any("212 passengers" in e["text"] for f in agreed for e in f["evidence"])
    uniques = [f for f in data["findings"] if f["type"] == "unique" and f["evidence"][0]["article"] == "wire-1"]
    assert len(uniques) > 10  # JSON lists them all

    text = runner.invoke(app, ["compare", *files], terminal_width=200)
    assert text.exit_code == 0, text.output
    section = text.stdout[text.stdout.index("Only one source"):]
    shown = [line for line in section.splitlines() if "Coast Wire [" in line]
    assert len(shown) == 10
    assert "Aron Velt, 54" in shown[0]  # a name, an age and a date: listed first
    assert "more (use --format json for all)" in section
    assert "By LENA" not in text.stdout and "EDITOR'S NOTE" not in text.stdout


def test_a_conflict_shows_each_side_with_its_outlet_title_date_and_sentence(tmp_path):
    records = [
        {"id": "early-4", "title": "Ferry sinks", "outlet": "Morning Wire", "published": "2026-03-02",
         "text": "Twelve people died when the ferry sank off Marra on Sunday, officials said. "
                 "The ferry was carrying 212 passengers."},
        {"id": "late-3", "title": "Ferry toll rises", "outlet": "Evening Post", "published": "2026-03-03",
         "text": "Thirty people died when the ferry sank off Marra on Sunday, officials said. "
                 "The ferry was carrying 212 passengers."},
    ]
    files = []
    for record in records:
        path = tmp_path / f"{record['id']}.json"
        path.write_text(json.dumps(record))
        files.append(str(path))
    result = runner.invoke(app, ["compare", *files, "--format", "md"])
    assert result.exit_code == 0, result.output
    conflicts = result.stdout[result.stdout.index("## Conflicts"):result.stdout.index("## Agreements")]
    assert ("Morning Wire, “Ferry sinks”, 2026-03-02 [0:6] “Twelve” = 12 people in “Twelve people died when the "
            "ferry sank off Marra on Sunday, officials said.”") in conflicts
    assert "Evening Post, “Ferry toll rises”, 2026-03-03" in conflicts and "“Thirty people died" in conflicts
