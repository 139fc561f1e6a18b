"""Versions: a known URL whose text changed is stored again as a new version (through
`fetch` and through `ingest`'s Feeder), and `revisions` says fact by fact what changed."""

from __future__ import annotations

import json
import sqlite3

from _site import FLOOD, FLOOD_EDITED, live_env, site  # noqa: F401  (fixtures)
from typer.testing import CliRunner

from storydiff.cli import app
from storydiff.feed import Feeder
from storydiff.model import Article
from storydiff.store import open_store
from storydiff.store.sqlite import MIGRATIONS, SCHEMA_VERSION, SQLiteStore

runner = CliRunner()


def test_the_edited_article_has_two_versions_and_revisions_lists_exactly_the_changes(site, live_env, tmp_path):
    db = str(tmp_path / "news.db")
    url = site.base() + "/news/flood.html"
    first = runner.invoke(app, ["fetch", url, "--db", db])
    assert first.exit_code == 0, first.output
    unchanged = runner.invoke(app, ["fetch", url, "--db", db])
    assert "1 unchanged (304)" in unchanged.output and "0 new version(s)" in unchanged.output
    site.edited = True
    second = runner.invoke(app, ["fetch", url + "?utm_source=mail", "--db", db])
    assert second.exit_code == 0 and "version 2 stored" in second.output
    with open_store(db) as store:
        versions = store.versions(store.find_url(url))
        assert [n for n, _at, _a in versions] == [1, 2]
        assert FLOOD[0] in versions[0][2].text and FLOOD_EDITED[4] in versions[1][2].text
        assert store.get_article(store.find_url(url)).text == versions[1][2].text  # stories use the latest
        assert store.count_articles() == 1
    shown = runner.invoke(app, ["revisions", url, "--db", db, "--format", "json"])
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.stdout)
    (revision,) = record["revisions"]
    changes = {(c["kind"], c["what"], (c["before"] or {}).get("text"), (c["after"] or {}).get("text"))
               for c in revision["changes"]}
    assert changes == {
        ("correction", "statement", None, FLOOD_EDITED[5]),
        ("revised", "number", "12", "15"),
        ("revised", "name", "Katrina Halvorsen", "Katrina Halvorsson"),
        ("added", "statement", None, FLOOD_EDITED[4]),
    }
    # evidence spans index each version's text
    v1, v2 = versions[0][2], versions[1][2]
    for change in revision["changes"]:
        for side, article in (("before", v1), ("after", v2)):
            evidence = change[side]
            if evidence:
                assert evidence["article"] == article.id
                assert article.text[evidence["start"]:evidence["end"]] == evidence["text"]
    (series,) = record["series"]
    assert [p["evidence"]["text"] for p in series["points"]] == ["12", "15"]
    assert [p["article"].rsplit("@", 1)[1] for p in series["points"]] == ["v1", "v2"]
    text = runner.invoke(app, ["revisions", url, "--db", db])
    assert "number revised: '12' -> '15'" in text.stdout and "correction notice" in text.stdout


def test_ingesting_a_changed_text_for_a_known_url_stores_a_version(tmp_path):
    url = "https://courier.example/news/flood?utm_source=x"
    with open_store(tmp_path / "s.db") as store:
        feeder = Feeder(store)
        body = " ".join(FLOOD)
        first = feeder.feed([Article("a", body, original=body, url=url, source="a.json")])
        again = feeder.feed([Article("b", body, original=body, url=url, source="b.json")])
        edited = " ".join(FLOOD_EDITED)
        changed = feeder.feed([Article("c", edited, original=edited, url="https://www.courier.example/news/flood",
                                       source="c.json")])
        assert (first.stored, len(again.duplicates), changed.revised) == (1, 1, [("a", 2)])
        versions = store.versions(store.key_of("a"))
        assert [v[2].text for v in versions] == [body, edited]


def test_a_version_2_database_is_migrated_and_keeps_its_articles(tmp_path):
    path = tmp_path / "old.db"
    store = SQLiteStore.__new__(SQLiteStore)
    store.path = str(path)
    store._db = sqlite3.connect(path, isolation_level=None)
    store._depth = 0
    store._migrate(target=2)
    store.add_article(Article("old", "Stored by version 2.", url="https://a.example/x"))
    store.close()
    with open_store(path) as migrated:
        assert migrated.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1][0] >= 3
        article = migrated.get_article("old")
        assert article.text == "Stored by version 2." and article.partial is None
        assert [n for n, _at, _a in migrated.versions(migrated.find_url("http://a.example/x/"))] == [1]
        assert migrated.validators("https://a.example/x") == (None, None, None)


def test_show_lists_a_conflict_gone_in_a_sources_latest_version_as_corrected(tmp_path):
    db = str(tmp_path / "s.db")
    courier = " ".join(FLOOD)
    herald = ("Floodwaters swept through Riverton on Tuesday, and officials said 15 people had died after the "
              "Pell River broke its banks following three days of heavy rain. About 400 residents spent the "
              "night in three shelters, Mayor Katrina Halvorsen said.")
    with open_store(db) as store:
        feeder = Feeder(store)
        feeder.feed([Article("courier", courier, original=courier, title="Flood in Riverton", outlet="Courier",
                             url="https://courier.example/flood", source="courier.json"),
                     Article("herald", herald, original=herald, title="Riverton flood toll rises", outlet="Herald",
                             url="https://herald.example/flood", source="herald.json")])
        assert store.story_of(store.key_of("courier")) == store.story_of(store.key_of("herald"))
        story = store.story_of(store.key_of("courier"))
        before = runner.invoke(app, ["show", str(story), "--db", db, "--format", "json"])
        edited = courier.replace("12 people", "15 people")
        report = feeder.feed([Article("courier-2", edited, original=edited, title="Flood in Riverton",
                                      outlet="Courier", url="https://courier.example/flood", source="c2.json")])
        assert report.revised == [("courier", 2)]
    conflicts = [f for f in json.loads(before.stdout)["findings"] if f["type"] == "conflict"]
    assert any({e["text"] for e in f["evidence"]} >= {"12", "15"} for f in conflicts)
    after = runner.invoke(app, ["show", str(story), "--db", db, "--format", "json"])
    record = json.loads(after.stdout)
    assert not any("12" in {e["text"] for e in f["evidence"]} for f in record["findings"] if f["type"] == "conflict")
    (corrected,) = [c for c in record["corrected"] if {e["text"] for e in c["finding"]["evidence"]} >= {"12", "15"}]
    assert corrected["article"] == "courier" and corrected["revision"] == 2
    text = runner.invoke(app, ["show", str(story), "--db", db])
    assert "corrected in revision 2 (" in text.stdout
