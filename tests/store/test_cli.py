"""The store commands from the shell: ingest, stories, show, cluster, and their exit codes."""

from __future__ import annotations

import json

import pytest
from _gen import article, write_jsonl
from typer.testing import CliRunner

from storydiff.cli import app

runner = CliRunner()

REPORT_A = ("Firefighters in Valparaiso fought a blaze on Saturday that destroyed 120 homes on the hills "
            "above the harbour, the regional governor said. Two people died and 500 were evacuated.")
REPORT_B = ("A fire tore through hillside neighbourhoods of Valparaiso on Saturday, destroying about 120 "
            "homes. The governor said two people had died and 500 residents had left their houses.")


def _records(path):
    path.write_text(
        json.dumps({"id": "a", "title": "Valparaiso fire", "text": REPORT_A, "published": "2014-04-12",
                    "outlet": "Paper A"}) + "\n"
        + json.dumps({"id": "b", "title": "Fire in Valparaiso", "text": REPORT_B, "published": "2014-04-12",
                      "outlet": "Paper B"}) + "\n"
        + "{not json\n",
        encoding="utf-8")
    return path


def test_ingest_reports_bad_records_and_stores_the_rest(tmp_path, db):
    result = runner.invoke(app, ["ingest", str(_records(tmp_path / "in.jsonl")), "--db", str(db), "-q"])
    assert result.exit_code == 1
    assert "in.jsonl:3" in result.output and "stored 2 new" in result.output
    again = runner.invoke(app, ["ingest", str(tmp_path / "in.jsonl"), "--db", str(db), "-q"])
    assert "stored 0 new" in again.output and "2 already stored" in again.output
    listed = runner.invoke(app, ["stories", "--db", str(db), "--json"])
    assert listed.exit_code == 0
    [story] = [json.loads(line) for line in listed.stdout.splitlines()]
    assert story["size"] == 2 and story["sources"] == 2 and story["first"] == "2014-04-12"


def test_a_corrupt_database_exits_3_with_a_message(tmp_path):
    db = tmp_path / "bad.db"
    db.write_bytes(b"garbage" * 200)
    result = runner.invoke(app, ["stories", "--db", str(db)])
    assert result.exit_code == 3
    assert "not a usable storydiff database" in result.output


def test_cluster_writes_one_line_per_article_without_a_database(tmp_path):
    path = write_jsonl(tmp_path / "in.jsonl", range(6))
    result = runner.invoke(app, ["cluster", str(path)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == [article(n)["id"] for n in range(6)]
    assert all(set(line) == {"id", "story", "wire_group"} for line in lines)
    assert not (tmp_path / "storydiff.db").exists()


def test_show_compares_a_stored_story(tmp_path, db):
    runner.invoke(app, ["ingest", str(_records(tmp_path / "in.jsonl")), "--db", str(db), "-q"])
    story = json.loads(runner.invoke(app, ["stories", "--db", str(db), "--json"]).stdout.splitlines()[0])["story"]
    result = runner.invoke(app, ["show", str(story), "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "Valparaiso" in result.stdout
    missing = runner.invoke(app, ["show", "999", "--db", str(db)])
    assert missing.exit_code == 2 and "no story 999" in missing.output


def test_show_with_brief_cites_the_stored_sources(tmp_path):
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", str(_records(tmp_path / "in.jsonl")), "--db", str(db), "-q"])
    story = json.loads(runner.invoke(app, ["stories", "--db", str(db), "--json"]).stdout.splitlines()[0])["story"]
    result = runner.invoke(app, ["show", str(story), "--db", str(db), "--format", "md", "--brief"])
    assert result.exit_code == 0, result.output
    assert "## Brief" in result.stdout and ("[Paper A" in result.stdout or "[Paper B" in result.stdout)


def test_clustering_settings_come_from_the_config_file(tmp_path):
    path = _records(tmp_path / "in.jsonl")
    default = [json.loads(line) for line in runner.invoke(app, ["cluster", str(path)]).stdout.splitlines()]
    assert default[0]["story"] == default[1]["story"]
    strict = tmp_path / "strict.toml"
    # No two texts are this similar: every article is its own story.
    strict.write_text("[storydiff.cluster]\nthreshold = 0.99\nrefine_rounds = 0\n", encoding="utf-8")
    result = runner.invoke(app, ["cluster", str(path), "--config", str(strict)])
    assert result.exit_code == 1, result.output  # the malformed third line
    split = [json.loads(line) for line in result.stdout.splitlines()]
    assert split[0]["story"] != split[1]["story"]
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", str(path), "--db", str(db), "-q", "--config", str(strict)])
    stories = runner.invoke(app, ["stories", "--db", str(db), "--json"]).stdout.splitlines()
    assert len(stories) == 2


def _cluster_with_config(tmp_path, name, table):
    """``storydiff cluster`` on the two records of ``_records`` with a config file ``name``
    holding ``table`` under ``[storydiff.cluster]``."""
    config = tmp_path / name
    config.write_text(f"[storydiff.cluster]\n{table}\n", encoding="utf-8")
    return runner.invoke(app, ["cluster", str(_records(tmp_path / "in.jsonl")), "--config", str(config)])


def test_an_unknown_clustering_setting_is_refused_by_name(tmp_path):
    result = _cluster_with_config(tmp_path, "typo.toml", "threshhold = 0.2")
    assert result.exit_code == 2
    assert "threshhold" in result.output and "threshold" in result.output


@pytest.mark.parametrize("line", ["threshold = true", "refine_passes = 1.5", "split_min_size = false"])
def test_a_clustering_setting_of_the_wrong_type_is_refused_by_name(tmp_path, line):
    result = _cluster_with_config(tmp_path, "wrong.toml", line)
    assert result.exit_code == 2
    assert line.split()[0] in result.output and "must be" in result.output


def test_a_whole_number_is_taken_for_a_decimal_setting(tmp_path):
    result = _cluster_with_config(tmp_path, "int.toml", "threshold = 1\nmerge_threshold = 1")
    assert result.exit_code == 1  # the malformed third record, not the setting
    # 1 is a bar no pair of articles reaches, to join or to merge: every article is its own story
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 2 and len({json.loads(line)["story"] for line in lines}) == 2


def test_a_quoted_number_in_the_config_is_refused_not_guessed(tmp_path):
    result = _cluster_with_config(tmp_path, "quoted.toml", 'threshold = "0.2"')
    assert result.exit_code == 2
    assert "quoted.toml" in result.output and "cluster.threshold" in result.output
