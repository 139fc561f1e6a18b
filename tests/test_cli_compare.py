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
