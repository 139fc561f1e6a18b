"""Feeding articles into a store: stories and wire groups as they arrive, idempotent runs."""

from __future__ import annotations

from datetime import date

from _gen import FLOOD, QUAKE, art

from storydiff.feed import Feeder, read_story_record
from storydiff.store import open_store


def test_stories_and_wire_copies_are_stored(db):
    store = open_store(db)
    feeder = Feeder(store)
    copy = QUAKE.rsplit(" Schools", 1)[0] + " The mayor of Iquique thanked rescue teams."
    report = feeder.feed([
        art("wire", QUAKE, date(2014, 4, 1), "Strong quake hits northern Chile", "Agency"),
        art("copy", copy, date(2014, 4, 2), "Chile shaken by 7.1 quake", "Daily"),
        art("flood", FLOOD, date(2014, 4, 2), "Valencia floods", "Daily"),
    ])
    assert report.stored == 3 and not report.errors
    stories = {s.id: s for s in store.list_stories()}
    quake_story = store.story_of(store.key_of("wire"))
    assert store.story_of(store.key_of("copy")) == quake_story
    assert store.story_of(store.key_of("flood")) != quake_story
    assert stories[quake_story].size == 2 and stories[quake_story].sources == 1
    [record] = store.wire_copies(quake_story)
    assert record.article == store.key_of("copy") and record.original == store.key_of("wire")
    assert record.added == ["The mayor of Iquique thanked rescue teams."]
    assert record.removed[0].startswith("Schools in the Tarapaca region")
    assert record.title_changed


def test_a_second_run_stores_nothing_twice_and_carries_state_on(db):
    path = db
    first = Feeder(open_store(path))
    first.feed([art("wire", QUAKE, date(2014, 4, 1))])
    first.store.close()
    second = Feeder(open_store(path))
    report = second.feed([art("wire", QUAKE, date(2014, 4, 1)),
                          art("later", QUAKE.replace("Tuesday", "Tuesday night"), date(2014, 4, 1))])
    assert report.stored == 1 and len(report.duplicates) == 1
    store = second.store
    assert store.count_articles() == 2
    # the clusterer state came back from the store: the near-copy joined the old story
    assert store.story_of(store.key_of("later")) == store.story_of(store.key_of("wire"))


def test_loose_dates_and_title_only_records_are_read():
    article = read_story_record({"id": "x", "title": "Quake hits Chile", "text": "",
                                 "published": "Posted : May 3rd, 2013 2 : 00pm EDT"}, "f:1", "f-1")
    assert article.text == "Quake hits Chile" and article.published == date(2013, 5, 3)
    unreadable = read_story_record({"text": "Body.", "published": "yesterday-ish"}, "f:2", "f-2")
    assert unreadable.published is None


def test_a_story_without_headlines_is_listed_by_its_opening_words(db):
    store = open_store(db)
    Feeder(store).feed([art("quake", QUAKE, date(2014, 4, 1)),
                        art("flood", FLOOD, date(2014, 4, 2), "Valencia floods")])
    stories = {s.id: s for s in store.list_stories()}
    quake = stories[store.story_of(store.key_of("quake"))]
    flood = stories[store.story_of(store.key_of("flood"))]
    assert quake.title is None and quake.lead.startswith("A magnitude 7.1 earthquake struck")
    assert quake.lead.endswith(" …") and len(quake.lead) <= 102
    assert flood.title == "Valencia floods" and flood.lead is None


def test_stored_results_are_marked_stale_saved_and_searched_on_either_engine(db):
    store = open_store(db)
    try:
        report = Feeder(store).feed([art("q1", QUAKE, date(2024, 3, 5), title="Quake shakes Iquique"),
                                     art("f1", FLOOD, date(2024, 3, 9), title="Valencia floods")])
        quake = store.story_of(store.key_of("q1"))
        assert quake in report.stories
        assert store.result_states()[quake] == (None, True)  # marked stale by the feed
        store.save_result(quake, "k1", comparison="{}", brief=None, series=None, error=None,
                          conflicts=2, findings=5)
        store.save_result(quake, "k2", comparison="{}", brief=None, series=None, error=None,
                          conflicts=3, findings=6)  # a second save replaces the first
        assert store.result_states()[quake] == ("k2", False)
        assert store.stored_result(quake)["conflicts"] == 3
        found, total = store.find_stories(query="tsunami Iquique")
        assert total == 1 and [row["story"] for row in found] == [quake]
        assert store.find_stories(query="tsunami Valencia")[1] == 0  # every word in one article
        store.mark_stale([quake])
        assert store.result_states()[quake] == ("k2", True)
        store.drop_results([quake])
        assert quake not in store.result_states()
    finally:
        store.close()
