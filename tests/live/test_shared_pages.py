"""Real news pages (../shared/data/extraction/scrapinghub, read at run time) served by the
loopback site and fetched: each is stored with its main text and the canonical URL the page
names (the address it was first published at), or reported, naming its URL."""

from __future__ import annotations

import json
import re

import pytest
from _site import NewsSite, Server, settings  # noqa: F401  (fixtures)

from conftest import shared_path
from storydiff.live.follow import Live
from storydiff.store import open_store
from storydiff.store.sqlite import url_key

PAGES = 4


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@pytest.mark.shared
def test_real_pages_are_stored_with_their_text_and_canonical_url(settings, tmp_path):
    root = shared_path("data", "extraction", "scrapinghub")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted((root / "html").glob("*.html"))[:PAGES]
    with Server(NewsSite(shared_pages=pages)) as server, open_store(tmp_path / "news.db") as store:
        site = server.site
        live = Live(store, settings)
        report = live.fetch([f"{site.base()}/real/{n}.html" for n in range(PAGES)])
        live.close()
        assert report.stored + report.duplicates + len(report.errors) == PAGES
        assert report.stored >= PAGES - 1
        for error in report.errors:
            assert error.source.startswith(site.base() + "/real/")
        recalls = []
        for number, path in enumerate(pages):
            expected = truth[path.stem]
            key = store.find_url(f"{site.base()}/real/{number}.html") or store.find_url(expected["url"])
            if key is None:
                continue
            article = store.get_article(key)
            assert url_key(article.url) == url_key(expected["url"])  # rel=canonical, not the loopback address
            body, got = set(_words(expected["articleBody"])), set(_words(article.text))
            recalls.append(len(body & got) / len(body))
    assert min(recalls) >= 0.6
