"""Storylines: events grouped over time (storylines.py), in the stream, the batch, the store,
the CLI and the web app. Texts written for these tests."""

from __future__ import annotations

import json
from datetime import date

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from storydiff.cli import app
from storydiff.cluster import StoryClusterer, StoryClusterSettings, stream_order
from storydiff.feed import Feeder
from storydiff.model import Article
from storydiff.store import open_store
from storydiff.storylines import Change, StorylineClusterer, storylines_batch, storylines_stream
from storydiff.web import create_app

runner = CliRunner()


def _a(id, day, title, text, outlet="Ledger"):
    return Article(id=id, title=title, text=text, published=day, outlet=outlet)


# A storyline: the Keldmoor dam, from the crack to the repairs a month later (two events).
DAM_CRACK = [
    _a("dam-1", date(2025, 3, 2), "Keldmoor dam cracks, 4,000 evacuated",
       "Engineers found a crack in the Keldmoor dam on Sunday below the Keldmoor reservoir. The Varnhold "
       "county council said 4,000 residents of the valley were evacuated."),
    _a("dam-2", date(2025, 3, 2), "Valley below Keldmoor dam evacuated",
       "About 4,000 people left their homes in the valley under the Keldmoor dam after engineers reported "
       "a crack in the wall of the Keldmoor reservoir, the Varnhold county council said.", "Courier"),
]
DAM_REPAIR = [
    _a("dam-3", date(2025, 4, 1), "Repairs begin at Keldmoor dam as water is lowered",
       "Contractors began repairing the crack in the Keldmoor dam on Tuesday after the Keldmoor reservoir "
       "was lowered. The Varnhold county council said 6,500 residents of the valley were evacuated."),
    _a("dam-4", date(2025, 4, 1), "Keldmoor dam repair work starts",
       "Repair crews started work on the crack in the Keldmoor dam as the Varnhold county council lowered "
       "the Keldmoor reservoir; 6,500 evacuated residents of the valley are still away from their homes.",
       "Courier"),
]
# Two events of one kind months apart: two earthquakes in two towns.
QUAKE_MARCH = [
    _a("quake-1", date(2025, 3, 20), "Earthquake of magnitude 6.1 strikes Port Arvel",
       "An earthquake of magnitude 6.1 struck Port Arvel on Thursday, collapsing buildings near the "
       "harbour; rescuers said 14 people died and dozens were injured."),
    _a("quake-2", date(2025, 3, 20), "Port Arvel earthquake kills 14",
       "Rescuers pulled survivors from collapsed buildings in Port Arvel after a magnitude 6.1 "
       "earthquake; 14 people were killed, officials said.", "Courier"),
]
QUAKE_OCTOBER = [
    _a("quake-3", date(2025, 10, 8), "Earthquake of magnitude 5.8 strikes Tessaly Ridge",
       "An earthquake of magnitude 5.8 struck Tessaly Ridge on Wednesday, collapsing buildings in the "
       "old town; rescuers said 9 people died and dozens were injured."),
    _a("quake-4", date(2025, 10, 8), "Tessaly Ridge earthquake kills 9",
       "Rescuers pulled survivors from collapsed buildings in Tessaly Ridge after a magnitude 5.8 "
       "earthquake; 9 people were killed, officials said.", "Courier"),
]
STREAM = DAM_CRACK + QUAKE_MARCH + DAM_REPAIR + QUAKE_OCTOBER
# Events fade faster with time here than by default (10 days against 30), so that a month is
# enough to make the repair an event of its own with these short texts; storylines keep
# their defaults.
EVENTS = StoryClusterSettings(gap_scale_days=10.0)


def _labels(articles, labels, ids):
    return [labels[[a.id for a in articles].index(i)] for i in ids]


def test_a_new_event_joins_the_storyline_it_continues_or_starts_one():
    events = StoryClusterer(EVENTS)
    lines = StorylineClusterer(events)
    placed = {}
    for article in sorted(STREAM, key=lambda a: a.published):
        event = events.add(article)
        placed[article.id] = (event, lines.add(article, event))
    crack, repair = placed["dam-1"], placed["dam-3"]
    assert crack[0] != repair[0], "the repair is an event of its own"
    assert crack[1] == repair[1], "and it joins the dam's storyline"
    assert placed["dam-2"] == crack and placed["dam-4"] == repair
    assert placed["quake-1"][1] != crack[1], "an earthquake starts a storyline of its own"
    assert all(line == lines.of_event[event] for event, line in placed.values())


def test_two_events_of_one_kind_months_apart_stay_in_two_storylines():
    for articles, lines in (
            (STREAM, storylines_batch(STREAM, cluster_settings=EVENTS)[1]),
            (STREAM, storylines_stream(STREAM, cluster_settings=EVENTS)[1])):
        march, october = _labels(articles, lines, ["quake-1", "quake-3"])
        assert march != october


def test_batch_and_stream_agree_on_a_small_stream():
    ordered = [STREAM[i] for i in stream_order(STREAM)]
    batch_events, batch_lines = storylines_batch(ordered, cluster_settings=EVENTS)
    stream_events, stream_lines = storylines_stream(ordered, cluster_settings=EVENTS)

    def partition(labels):
        groups = {}
        for article, label in zip(ordered, labels, strict=False):
            groups.setdefault(label, set()).add(article.id)
        return sorted(map(sorted, groups.values()))

    assert partition(batch_events) == partition(stream_events)
    assert partition(batch_lines) == partition(stream_lines)
    assert len(set(batch_lines)) == 3 and len(set(batch_events)) == 4


def test_every_stored_event_has_one_storyline_and_the_cli_shows_its_timeline(tmp_path):
    db = tmp_path / "s.db"
    store = open_store(db)
    Feeder(store, EVENTS).feed(STREAM, batch_size=3)
    events = {s.id for s in store.list_stories()}
    lines = store.list_storylines()
    assert sorted(e.id for _, members in lines for e in members) == sorted(events)
    store.close()
    listed = [json.loads(line) for line in
              runner.invoke(app, ["storylines", "--db", str(db), "--format", "json"]).stdout.splitlines()]
    dam = next(r for r in listed if "Keldmoor" in (r["title"] or ""))
    assert len(dam["events"]) == 2 and dam["first"] == "2025-03-02" and dam["last"] == "2025-04-01"
    shown = runner.invoke(app, ["storyline", str(dam["storyline"]), "--db", str(db), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    view = json.loads(shown.stdout)
    assert [e["first"] for e in view["events"]] == ["2025-03-02", "2025-04-01"]
    assert view["sources"] == ["Courier", "Ledger"]
    # the evacuees, 4,000 then 6,500: a figure that moved from one event to the next
    moved = [s for s in view["series"] if [p["value"] for p in s["points"]] == [4000, 6500]]
    assert moved and moved[0]["direction"] == "rose"
    text = runner.invoke(app, ["storyline", str(dam["storyline"]), "--db", str(db)]).stdout
    assert "2025-03-02" in text and "2025-04-01" in text and "across events" in text
    client = TestClient(create_app(db))
    page = client.get(f"/storylines/{dam['storyline']}")
    assert page.status_code == 200 and "Repairs begin at Keldmoor dam" in page.text and "rose" in page.text
    assert client.get(f"/api/storylines/{dam['storyline']}").json()["series"][0]["direction"] == "rose"


def test_a_merge_is_recorded_and_show_and_the_web_app_redirect(tmp_path):
    db = tmp_path / "s.db"
    store = open_store(db)
    # two events that a bridging report joins: each threshold as in the defaults, but the
    # events meet only through the third report
    settings = StoryClusterSettings()
    feeder = Feeder(store, settings)
    feeder.feed(DAM_CRACK[:1], batch_size=1)
    feeder.feed(DAM_CRACK[1:], batch_size=1)
    with store.transaction():
        store.record_merges([Change("event", "merge", 12, 1)])
    store.close()
    shown = runner.invoke(app, ["show", "12", "--db", str(db), "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert "story 12 was merged into 1" in shown.output and "Keldmoor" in shown.stdout
    client = TestClient(create_app(db))
    moved = client.get("/stories/12", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == "/stories/1"
    assert client.get("/api/stories/12", follow_redirects=False).headers["location"] == "/api/stories/1"
    assert client.get("/api/storylines").json()[0]["events"] == [1]
    assert "Keldmoor" in client.get("/storylines").text


def test_event_merges_in_the_feeder_are_recorded_and_merge_their_storylines(tmp_path):
    store = open_store(tmp_path / "s.db")
    feeder = Feeder(store)
    # Two fragments of the dam story (the crack, the evacuation) that later reports bridge:
    # the third and fourth join the evacuation, the fifth makes it like the crack enough to merge.
    both = ("Engineers found a crack in the Keldmoor dam wall. Varnhold county council evacuated 4,000 "
            "valley residents.")
    feeder.feed([
        _a("f1", date(2025, 3, 2), None, "Engineers found a crack in the Keldmoor dam wall."),
        _a("f2", date(2025, 3, 2), None, "Varnhold county council evacuated 4,000 valley residents."),
        _a("f3", date(2025, 3, 2), None, both),
        _a("f4", date(2025, 3, 2), None, both + " The crack is wide."),
        _a("f5", date(2025, 3, 2), None, "Engineers said the crack in the Keldmoor dam wall is wide. " + both),
    ], batch_size=2)
    merges = store._run("SELECT level, gone, into_id FROM merges").fetchall()
    events = {s.id for s in store.list_stories()}
    assert ("event", 2, 1) in merges and events == {1}
    assert store.merged_into("event", 2) == 1 and store.storyline_of(1) is not None
    assert len(store.list_storylines()) == 1


def test_a_missing_or_huge_storyline_number_is_named_not_a_traceback(tmp_path):
    db = tmp_path / "s.db"
    store = open_store(db)
    Feeder(store, EVENTS).feed(DAM_CRACK)
    store.close()
    for number in ("999", "9223372036854775808"):
        result = runner.invoke(app, ["storyline", "--db", str(db), "--", number])
        assert result.exit_code == 2 and f"no storyline {number}" in result.output
    client = TestClient(create_app(db))
    assert client.get("/api/storylines/9223372036854775808").status_code == 404
    assert client.get("/storylines/999").status_code == 404


def test_a_store_made_before_storylines_gets_one_storyline_per_event_and_goes_on(tmp_path):
    db = tmp_path / "s.db"
    store = open_store(db)
    Feeder(store, EVENTS).feed(DAM_CRACK + QUAKE_MARCH)
    with store.transaction():  # back to schema 3, as a store made before this change
        store._run("DROP TABLE storylines")
        store._run("DROP TABLE event_storylines")
        store._run("DROP TABLE merges")
        # and without what came after it (schema 5: stored results and search)
        for trigger in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
            store._run(f"DROP TRIGGER {trigger}")
        store._run("DROP TABLE articles_fts")
        store._run("DROP TABLE story_results")
        store._run("DROP INDEX articles_outlet")
        store._run("DROP INDEX stories_list")
        store._run("DELETE FROM schema_version WHERE version >= 4")
    store.close()
    store = open_store(db)
    events = sorted(s.id for s in store.list_stories())
    assert [store.storyline_of(e) for e in events] == events
    Feeder(store, EVENTS).feed(DAM_REPAIR)
    dam = store.storyline_of(store.story_of(store.key_of("dam-3")))
    assert dam == store.storyline_of(store.story_of(store.key_of("dam-1")))
    store.close()
