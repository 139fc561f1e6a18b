"""Annotation as a stage of its own, stored: each text is parsed once.

spaCy reads about 12 articles a second per core, the slowest stage by far (issue 22), so the
parse of each article (its text and title, as a spaCy ``DocBin``) is kept in the store with
the model's name and version beside it, and what the extractors found in it (sentences,
mentions, quotes) beside that. ``show``, the web app's refresh and every re-comparison
then read the stored parse instead of parsing again; a story that one new article joins
parses only that article.

Keys are content keys, not article keys: a parse is reused only for the same title and
text under the same model (name, version, spaCy version and storydiff's pipeline), and the
extractors' output only for the same parse, the same publication date (dates are resolved
against it, and a story can infer a missing one anew when articles join) and the same
``EXTRACTORS`` version. A revised article has another text, so another key.

The tables are a cache of derived data: ``ensure_tables`` creates them on first use (in
either engine) rather than through the store's migrations, and dropping them loses
nothing that cannot be recomputed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import pickle
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ..model import AnnotatedArticle, Article
from ..settings import Settings, default_settings
from .nlp import load_nlp

log = logging.getLogger(__name__)

# Bump when an extractor (temporal, quantities, quotes, names) changes what it finds: stored
# mentions of an older version are then recomputed from the stored parse (no new parse).
EXTRACTORS = 1

_TABLES = """
CREATE TABLE IF NOT EXISTS parses (
    parse_key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    model_version TEXT NOT NULL,
    docs {blob} NOT NULL,
    stored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS annotations (
    parse_key TEXT NOT NULL,
    context TEXT NOT NULL,
    found {blob} NOT NULL,
    PRIMARY KEY (parse_key, context)
)
"""


def model_identity(nlp: Any) -> tuple[str, str]:
    """(name, version) of a loaded pipeline; the version string also names spaCy's version
    and the pipes run, since a DocBin is read back into the same vocabulary and pipeline."""
    import spacy

    meta = nlp.meta
    return (f"{meta.get('lang', '')}_{meta.get('name', '')}",
            f"{meta.get('version', '')} spacy-{spacy.__version__} {'+'.join(nlp.pipe_names)}")


def parse_key(model: tuple[str, str], article: Article) -> str:
    payload = json.dumps([*model, article.title or "", article.text], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def context_key(article: Article, with_quotes: bool) -> str:
    published = article.published_date
    return f"x{EXTRACTORS}:{published.isoformat() if published else '-'}:{'q' if with_quotes else '-'}"


@dataclass
class Record:
    """One article's annotation as a worker returns it and the store keeps it."""

    parse_key: str
    model: str
    model_version: str
    docs: bytes  # DocBin of [text, title]
    context: str
    found: bytes  # pickled (sentences, mentions, quotes, title_sentences, title_mentions)


# -- computing ---------------------------------------------------------------------------
def found_in(article: Article, doc: Any, title_doc: Any, with_quotes: bool) -> tuple:
    """What the extractors find in one parsed article (as ``annotate_articles`` does)."""
    from . import annotate_doc

    sentences, mentions, quotes = annotate_doc(article, doc, "text", with_quotes)
    title_sentences, title_mentions = [], []
    if article.title:
        title_sentences, title_mentions, _ = annotate_doc(article, title_doc, "title")
    return sentences, mentions, quotes, title_sentences, title_mentions


def _assemble(article: Article, doc: Any, title_doc: Any, found: tuple) -> AnnotatedArticle:
    sentences, mentions, quotes, title_sentences, title_mentions = found
    item = AnnotatedArticle(article, sentences, list(mentions), quotes, doc=doc, title_doc=title_doc)
    if article.title:
        item.title_sentences = title_sentences
        item.mentions = title_mentions + item.mentions
    return item


def _docbin(doc: Any, title_doc: Any) -> bytes:
    from spacy.tokens import DocBin

    return DocBin(docs=[doc, title_doc]).to_bytes()


def _docs(nlp: Any, blob: bytes) -> tuple[Any, Any]:
    from spacy.tokens import DocBin

    doc, title_doc = DocBin().from_bytes(bytes(blob)).get_docs(nlp.vocab)
    return doc, title_doc


def annotate_records(articles: Sequence[Article], nlp: Any, *, with_quotes: bool = True,
                     timings: dict[str, float] | None = None) -> list[Record]:
    """Parse and annotate ``articles`` (nothing stored is read): what a batch worker runs.
    ``timings``, when given, is added the seconds spent parsing, extracting and serialising."""
    import time

    model = model_identity(nlp)
    started = time.perf_counter()
    docs = list(nlp.pipe([a.text for a in articles]))
    title_docs = list(nlp.pipe([a.title or "" for a in articles]))
    parsed = time.perf_counter()
    found = [found_in(a, d, t, with_quotes) for a, d, t in zip(articles, docs, title_docs)]
    extracted = time.perf_counter()
    records = [Record(parse_key(model, a), *model, _docbin(d, t), context_key(a, with_quotes),
                      pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL))
               for a, d, t, f in zip(articles, docs, title_docs, found)]
    if timings is not None:
        timings["parse"] = timings.get("parse", 0.0) + parsed - started
        timings["mentions"] = timings.get("mentions", 0.0) + extracted - parsed
        timings["serialise"] = timings.get("serialise", 0.0) + time.perf_counter() - extracted
    return records


# -- the store's side ----------------------------------------------------------------------
def ensure_tables(store: Any) -> bool:
    """Create the annotation tables if missing; False when they cannot be (a store busy with
    another process's batch), and the caller goes on without stored annotations."""
    from ..errors import StoreError
    from ..store.postgres import PostgresStore

    try:
        store._run("SELECT 1 FROM parses, annotations LIMIT 0")
        return True  # already there: a reader takes no write lock for them
    except StoreError as exc:
        log.info("no annotation tables in the store yet (%s): creating them", exc)
    blob = "BYTEA" if isinstance(store, PostgresStore) else "BLOB"
    try:
        with store.transaction():
            for statement in _TABLES.format(blob=blob).split(";"):
                store._run(statement)
    except StoreError as exc:
        print(f"warning: annotations not stored ({exc})", file=sys.stderr)
        return False
    return True


def write_records(store: Any, records: Iterable[Record]) -> int:
    """Store records in one transaction (an existing parse or annotation is kept); how many."""
    records = list(records)
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    with store.transaction():
        for r in records:
            store._run("INSERT INTO parses VALUES (?,?,?,?,?) ON CONFLICT (parse_key) DO NOTHING",
                       (r.parse_key, r.model, r.model_version, r.docs, now))
            store._run("INSERT INTO annotations VALUES (?,?,?) ON CONFLICT (parse_key, context) DO NOTHING",
                       (r.parse_key, r.context, r.found))
    return len(records)


def _stored(store: Any, sql: str, keys: Sequence) -> dict:
    found: dict = {}
    keys = list(keys)
    for start in range(0, len(keys), 400):
        chunk = keys[start:start + 400]
        found.update({row[0]: row[1:] for row in store._run(sql.format(marks=",".join("?" * len(chunk))), chunk)})
    return found


def stored_parses(store: Any, model: tuple[str, str], keys: Sequence[str]) -> dict[str, bytes]:
    rows = _stored(store, "SELECT parse_key, model, model_version, docs FROM parses WHERE parse_key IN ({marks})",
                   keys)
    # the key already names the model; checked again so that a stored parse is never read
    # into another model's vocabulary
    return {key: bytes(docs) for key, (name, version, docs) in rows.items() if (name, version) == model}


def stored_annotations(store: Any, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
    found = {}
    for key, context in keys:
        row = store._run("SELECT found FROM annotations WHERE parse_key = ? AND context = ?",
                         (key, context)).fetchone()
        if row:
            found[(key, context)] = bytes(row[0])
    return found


def annotate_stored(articles: Sequence[Article], store: Any, settings: Settings | None = None, *,
                    with_quotes: bool = True, save: bool = True) -> list[AnnotatedArticle]:
    """``annotate_articles`` through the store: stored parses and annotations are read, only
    the rest is parsed (and stored, unless ``save`` is false)."""
    settings = settings or default_settings()
    nlp = load_nlp(settings.spacy_model)
    model = model_identity(nlp)
    if not ensure_tables(store):
        from . import annotate_articles

        return annotate_articles(articles, settings, with_quotes=with_quotes)
    keys = [parse_key(model, a) for a in articles]
    contexts = [context_key(a, with_quotes) for a in articles]
    parses = stored_parses(store, model, keys)
    found = stored_annotations(store, [(k, c) for k, c in zip(keys, contexts) if k in parses])

    missing = [i for i, key in enumerate(keys) if key not in parses]
    fresh = dict(zip(missing, annotate_records([articles[i] for i in missing], nlp, with_quotes=with_quotes)))
    records = list(fresh.values())
    annotated = []
    for i, article in enumerate(articles):
        if i in fresh:
            blob, extracted = fresh[i].docs, fresh[i].found
        else:
            blob, extracted = parses[keys[i]], found.get((keys[i], contexts[i]))
        doc, title_doc = _docs(nlp, blob)
        if extracted is None:  # parsed before, under another date or extractor version
            result = found_in(article, doc, title_doc, with_quotes)
            records.append(Record(keys[i], *model, blob, contexts[i], pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)))
        else:
            result = pickle.loads(extracted)
        annotated.append(_assemble(article, doc, title_doc, result))
    if save and records:
        _save(store, records)
    return annotated


def _save(store: Any, records: list[Record]) -> None:
    """Store what was computed; a store busy with an ingest's batch costs only the cache."""
    from ..errors import StoreError

    try:
        write_records(store, records)
    except StoreError as exc:
        print(f"warning: parses not stored ({exc}); they will be computed again next time", file=sys.stderr)


def compare_stored(articles: Sequence[Article], store: Any, settings: Settings | None = None):
    """``compare_articles`` reading and storing each article's annotation in ``store``."""
    from ..compare import compare_articles

    settings = settings or default_settings()

    def annotate(prepared, _settings=None, *, with_quotes: bool = True):
        return annotate_stored(prepared, store, _settings or settings, with_quotes=with_quotes)

    return compare_articles(articles, settings, annotator=annotate)


def stored_bytes(store: Any) -> dict[str, int]:
    """Bytes the stored parses and annotations take (their payloads), and how many."""
    parses = store._run("SELECT COUNT(*), COALESCE(SUM(length(docs)), 0) FROM parses").fetchone()
    found = store._run("SELECT COUNT(*), COALESCE(SUM(length(found)), 0) FROM annotations").fetchone()
    return {"parses": int(parses[0]), "parse_bytes": int(parses[1]),
            "annotations": int(found[0]), "annotation_bytes": int(found[1])}


__all__ = ["Record", "EXTRACTORS", "annotate_records", "annotate_stored", "compare_stored", "ensure_tables",
           "write_records", "model_identity", "parse_key", "context_key", "stored_bytes"]
