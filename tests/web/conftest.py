"""A store holding the bundled example story, ingested and refreshed once per session (the
refresh compares it: ~20 s), for the page, API and browser tests."""

from __future__ import annotations

import pytest

from storydiff.cli.compare_cmd import example_files
from storydiff.feed import Feeder
from storydiff.ingest import read_articles
from storydiff.results import refresh
from storydiff.settings import load_settings
from storydiff.store import open_store


def fill(path, articles) -> None:
    store = open_store(path)
    try:
        Feeder(store).feed(articles)
    finally:
        store.close()


@pytest.fixture(scope="session")
def example_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("web-example") / "news.db"
    fill(path, read_articles(example_files()).articles)
    store = open_store(path)
    try:
        report = refresh(store, load_settings())
    finally:
        store.close()
    assert report.computed and not report.failed
    return path
