"""Stored annotation: each text parsed once, the stored result equal to a fresh one, a parse
reused only under the same model, and a story refreshed after one article joins parses only
that article (counted at spaCy's ``pipe``). Runs on both store engines."""

from __future__ import annotations

from datetime import date

import pytest

from storydiff.annotate import annotate_articles
from storydiff.annotate import stored as stored_module
from storydiff.annotate.stored import annotate_stored, compare_stored, stored_bytes
from storydiff.model import Article
from storydiff.store import open_store

TEXTS = [
    ("Kestrel Bay", "The ferry Marisol ran aground off Kestrel Bay on Sunday with 214 passengers aboard, "
     "the coastguard said. Captain Ilse Varga told reporters the tide had fallen faster than forecast. "
     "All passengers were taken ashore by 9 p.m."),
    ("Ferry aground", "About 210 passengers were rescued after the ferry Marisol struck a sandbank near "
     "Kestrel Bay on Sunday. \"We followed the charts,\" said Captain Ilse Varga. The operator said "
     "repairs would take three weeks and cost 40,000 euros."),
    ("", "Divers inspected the hull of the Marisol on Monday, a day after it ran aground near Kestrel "
     "Bay. The coastguard said 214 people had been aboard; none was hurt."),
]


def _articles(count: int) -> list[Article]:
    return [Article(id=f"m{i}", text=text, original=text, source=f"m{i}", title=title or None,
                    published=date(2025, 6, 1 + i), outlet=f"Outlet {i}")
            for i, (title, text) in enumerate(TEXTS[:count])]


@pytest.fixture
def parses(nlp, monkeypatch) -> list[str]:
    """Every text spaCy is given to parse, in order."""
    seen: list[str] = []
    original = nlp.pipe

    def counting(texts, *args, **kwargs):
        texts = list(texts)
        seen.extend(texts)
        return original(texts, *args, **kwargs)

    monkeypatch.setattr(nlp, "pipe", counting)
    return seen


def _summary(items):
    return [(i.id, i.sentences, i.mentions, i.quotes, i.title_sentences,
             [t.dep_ for t in i.doc], [t.ent_type_ for t in i.title_doc]) for i in items]


def test_stored_annotation_equals_a_fresh_one_and_is_not_parsed_again(db, parses):
    articles = _articles(3)
    fresh = annotate_articles(articles)
    parses.clear()
    store = open_store(db)
    first = annotate_stored(articles, store)
    assert len(parses) == 6  # three texts and three titles
    parses.clear()
    second = annotate_stored(articles, store)
    assert parses == []
    assert _summary(first) == _summary(fresh) == _summary(second)
    sizes = stored_bytes(store)
    assert sizes["parses"] == 3 and sizes["annotations"] == 3 and sizes["parse_bytes"] > 1000
    store.close()


def test_refreshing_a_story_after_one_article_joins_parses_only_that_article(db, parses):
    store = open_store(db)
    before = compare_stored(_articles(2), store)
    assert len([t for t in parses if t]) == 4  # two texts, two titles
    parses.clear()
    again = compare_stored(_articles(2), store)
    assert parses == [] and again.findings == before.findings
    grown = compare_stored(_articles(3), store)
    assert [t for t in parses if t] == [TEXTS[2][1]]  # the new text; its title is empty
    from storydiff.compare import compare_articles

    assert grown.findings == compare_articles(_articles(3)).findings
    store.close()


def test_a_parse_is_reused_only_under_the_same_model(db, parses, monkeypatch):
    store = open_store(db)
    annotate_stored(_articles(1), store)
    parses.clear()
    identity = stored_module.model_identity
    monkeypatch.setattr(stored_module, "model_identity", lambda nlp: (identity(nlp)[0], "9.9.9"))
    annotate_stored(_articles(1), store)
    assert len(parses) == 2
    store.close()


def test_another_publication_date_reruns_the_extractors_on_the_stored_parse(db, parses):
    store = open_store(db)
    [first] = annotate_stored(_articles(1), store)
    parses.clear()
    moved = _articles(1)[0]
    moved.published = date(2025, 6, 20)  # "on Sunday" now resolves against another week
    [second] = annotate_stored([moved], store)
    assert parses == []
    sunday = lambda item: [m.value for m in item.mentions if m.text == "Sunday"]  # noqa: E731
    assert sunday(first) and sunday(first) != sunday(second)
    store.close()
