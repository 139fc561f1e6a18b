"""The stream's second look (``cluster_refine.refresh``): every ``refresh_every`` documents the
window of recent articles is re-clustered, and what moved reaches the store and the storylines."""

from __future__ import annotations

from datetime import date

import pytest

from storydiff.cluster import StoryClusterer, StoryClusterSettings, cluster_stream
from storydiff.feed import Feeder, stage_settings, storyline_settings
from storydiff.model import Article
from storydiff.settings import load_settings
from storydiff.store import open_store
from storydiff.storylines import storylines_stream

LEVEE = ("Floodwater broke through the levee at Riverton on {d}, forcing {n} families from their homes. "
         "Sandbags were piled along the Mill River overnight and shelters opened at Riverton High School.")
BUDGET = ("The Riverton city council voted on {d} on the budget of Mayor Elena Marsh: {n} million dollars "
          "for roads, a new library branch and a raise for teachers. Councillor Tom Byrne opposed the "
          "property tax increase.")
# shares the flood's words and the budget's: the single pass chains the two events through it
BRIDGE = ("Floodwater from the broken levee at Riverton forced families from their homes along the Mill "
          "River. The city council met to vote on the budget of Mayor Elena Marsh, with the library, roads "
          "and the property tax increase debated; Councillor Tom Byrne opposed the tax.")


def _a(article_id, text, day, title):
    return Article(id=article_id, text=text, original=text, source=article_id, title=title,
                   published=date(2024, 3, day))


STREAM = [_a("l1", LEVEE.format(d="Monday", n=40), 4, "Levee breaks at Riverton"),
          _a("l2", LEVEE.format(d="Monday night", n=45), 4, "Riverton families flee flood"),
          _a("l3", LEVEE.format(d="Tuesday", n=52), 5, "Riverton levee breach"),
          _a("m", BRIDGE, 5, "Riverton council meets"),
          *[_a(f"b{k}", BUDGET.format(d=day, n=n), 5 + k // 2, "Riverton budget vote")
            for k, (day, n) in enumerate([("Tuesday", 12), ("Tuesday evening", 12), ("Wednesday", 13),
                                           ("Wednesday", 12)])]]
FLOOD, BUDGET_VOTE = {"l1", "l2", "l3"}, {"b0", "b1", "b2", "b3"}


def _groups(articles, labels):
    groups: dict[int, set[str]] = {}
    for article, label in zip(articles, labels, strict=False):
        groups.setdefault(label, set()).add(article.id)
    return sorted(map(sorted, groups.values()))


def test_the_single_pass_chains_two_events_and_the_refresh_cuts_them_apart():
    chained = cluster_stream(STREAM, StoryClusterSettings(refresh_every=0))
    assert len(set(chained)) == 1  # the failure the refresh is for
    settings = StoryClusterSettings(refresh_every=len(STREAM), refresh_window=len(STREAM))
    clusterer = StoryClusterer(settings)
    for article in STREAM:
        clusterer.add(article, key=article.id)
    groups = _groups(STREAM, cluster_stream(STREAM, settings))
    assert len(groups) == 2
    assert any(FLOOD <= set(g) for g in groups) and any(BUDGET_VOTE <= set(g) for g in groups)
    # the budget reports moved to the new half, recorded as moves and a split
    assert BUDGET_VOTE <= set(clusterer.moves) and len(clusterer.splits) == 1
    cut, new = clusterer.splits[0]
    assert {after for _, after in clusterer.moves.values()} == {new} and cut in clusterer.stories


def test_no_refresh_before_refresh_every_documents():
    settings = StoryClusterSettings(refresh_every=len(STREAM) + 1, refresh_window=len(STREAM))
    assert len(set(cluster_stream(STREAM, settings))) == 1


def test_the_new_half_stays_in_its_events_storyline():
    settings = StoryClusterSettings(refresh_every=len(STREAM), refresh_window=len(STREAM))
    events, lines = storylines_stream(STREAM, cluster_settings=settings)
    assert len(set(events)) == 2 and len(set(lines)) == 1  # one town's week: one storyline


@pytest.mark.parametrize("restart_at", [None, 3, 6])
def test_the_feeder_moves_articles_in_the_store_and_a_restart_does_the_same(tmp_path, restart_at):
    settings = StoryClusterSettings(refresh_every=len(STREAM), refresh_window=len(STREAM))
    store = open_store(tmp_path / "s.db")
    parts = [STREAM] if restart_at is None else [STREAM[:restart_at], STREAM[restart_at:]]
    for part in parts:  # a new Feeder reloads the clusterer and its window from the store
        Feeder(store, settings).feed(part, batch_size=2)
    stories = {s.id: {a.id for a in store.story_articles(s.id)} for s in store.list_stories()}
    assert sorted(map(sorted, stories.values())) == _groups(STREAM, cluster_stream(STREAM, settings))
    sizes = {s.id: s.size for s in store.list_stories()}
    assert sizes == {story: len(ids) for story, ids in stories.items()}
    # both events are in one storyline, and the stored sizes match the clusterer's
    lines = store.list_storylines()
    assert len(lines) == 1 and sorted(e.id for e in lines[0][1]) == sorted(stories)
    _, _, state = store.load_cluster_state()
    assert {s.id: s.size for s in state} == sizes
    store.close()


def test_storyline_settings_are_read_from_the_settings_file(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text("[storydiff.storylines]\nthreshold = 0.3\nmax_gap_days = 30\n", encoding="utf-8")
    settings = storyline_settings(load_settings(path))
    assert settings.threshold == 0.3 and settings.max_gap_days == 30.0
    path.write_text("[storydiff.storylines]\nthreshhold = 0.3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown setting storydiff.storylines.threshhold"):
        stage_settings(load_settings(path))
