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

The tables (``parses``, ``annotations``) are made by the store's migration 6 on either
engine; they hold a cache of derived data, and dropping their rows loses nothing that cannot
be recomputed. What the extractors found is stored as JSON (``encode_found``), each model
type rebuilt explicitly on reading, never unpickled: opening someone's database must not
run code. A stored value that does not read back as that JSON is recomputed and replaced.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from ..errors import StoreError
from ..model import AnnotatedArticle, Article, Mention, Quantity, Quote, Sentence, Span, Timex
from ..settings import Settings, default_settings
from .nlp import load_nlp

logger = logging.getLogger(__name__)

# Bump when an extractor (temporal, quantities, quotes, names) changes what it finds: stored
# mentions of an older version are then recomputed from the stored parse (no new parse).
EXTRACTORS = 1

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
    found: str  # encode_found of (sentences, mentions, quotes, title_sentences, title_mentions)


# -- the stored form of what the extractors found ------------------------------------------
# JSON of arrays in field order, each value tagged by its type. Bump FOUND_FORMAT with any
# change to the layout: a stored value of another format is recomputed, never misread.
FOUND_FORMAT = 1


def _value(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, Timex):
        return {"timex": [value.type, value.value, value.modifier]}
    if isinstance(value, Quantity):
        return {"quantity": [value.low, value.high, value.unit, value.exact, value.approximate]}
    raise TypeError(f"a mention value of type {type(value).__name__} has no stored form")


def _read_value(data: Any) -> Any:
    if data is None or isinstance(data, str):
        return data
    if isinstance(data, dict) and list(data) == ["timex"]:
        return Timex(*data["timex"])
    if isinstance(data, dict) and list(data) == ["quantity"]:
        return Quantity(*data["quantity"])
    raise ValueError(f"unknown stored mention value {str(data)[:60]!r}")


def _span(span: Span | None) -> list | None:
    return None if span is None else [span.start, span.end, span.text, span.field]


def _read_span(data: list | None) -> Span | None:
    return None if data is None else Span(*data)


def _sentences(items: Sequence[Sentence]) -> list:
    return [[s.index, s.start, s.end, s.text, s.field] for s in items]


def _mentions(items: Sequence[Mention]) -> list:
    return [[m.kind, m.start, m.end, m.text, m.field, _value(m.value), m.label, m.sentence, m.entity]
            for m in items]


def _read_mentions(rows: list) -> list[Mention]:
    return [Mention(kind, start, end, text, field, _read_value(value), label, sentence, entity)
            for kind, start, end, text, field, value, label, sentence, entity in rows]


def encode_found(found: tuple) -> str:
    """The stored form of (sentences, mentions, quotes, title sentences, title mentions)."""
    sentences, mentions, quotes, title_sentences, title_mentions = found
    return json.dumps({
        "format": FOUND_FORMAT,
        "sentences": _sentences(sentences), "mentions": _mentions(mentions),
        "quotes": [[_span(q.content), _span(q.speaker), _span(q.cue), q.direct, q.speaker_entity, q.sentence]
                   for q in quotes],
        "title_sentences": _sentences(title_sentences), "title_mentions": _mentions(title_mentions),
    }, ensure_ascii=False, separators=(",", ":"))


def decode_found(text: str | bytes) -> tuple:
    """``encode_found`` read back; ValueError (naming what) for anything else, such as a
    pickle stored by an older storydiff: it is recomputed, never loaded."""
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("format") != FOUND_FORMAT:
            raise ValueError(f"not stored annotation format {FOUND_FORMAT}")
        return ([Sentence(*row) for row in data["sentences"]], _read_mentions(data["mentions"]),
                [Quote(Span(*content), _read_span(speaker), _read_span(cue), direct, entity, sentence)
                 for content, speaker, cue, direct, entity, sentence in data["quotes"]],
                [Sentence(*row) for row in data["title_sentences"]], _read_mentions(data["title_mentions"]))
    except (ValueError, TypeError, KeyError, UnicodeDecodeError) as exc:
        raise ValueError(f"unreadable stored annotation ({type(exc).__name__}: {str(exc)[:80]})") from exc


# -- computing ---------------------------------------------------------------------------
def found_in(article: Article, doc: Any, title_doc: Any, with_quotes: bool) -> tuple:
    """What the extractors find in one parsed article (as ``annotate_articles`` does)."""
    from . import annotate_doc

    sentences, mentions, quotes = annotate_doc(article, doc, "text", with_quotes)
    title_sentences: list[Sentence] = []
    title_mentions: list[Mention] = []
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
    found = [found_in(a, d, t, with_quotes) for a, d, t in zip(articles, docs, title_docs, strict=True)]
    extracted = time.perf_counter()
    records = [Record(parse_key(model, a), *model, _docbin(d, t), context_key(a, with_quotes), encode_found(f))
               for a, d, t, f in zip(articles, docs, title_docs, found, strict=True)]
    if timings is not None:
        timings["parse"] = timings.get("parse", 0.0) + parsed - started
        timings["mentions"] = timings.get("mentions", 0.0) + extracted - parsed
        timings["serialise"] = timings.get("serialise", 0.0) + time.perf_counter() - extracted
    return records


# -- the store's side ----------------------------------------------------------------------
def ensure_tables(store: Any) -> bool:
    """Whether the store has the annotation tables (migration 6): a store opened through
    ``open_store`` or ``open_existing`` always has; False, with a warning, otherwise, and the
    caller goes on without stored annotations."""
    try:
        store._run("SELECT 1 FROM parses, annotations LIMIT 0")
    except StoreError as exc:
        logger.warning("annotations not stored: %s has no annotation tables (%s)", store.path, exc)
        return False
    return True


def write_records(store: Any, records: Iterable[Record]) -> int:
    """Store records in one transaction (an existing parse or annotation is kept); how many."""
    records = list(records)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with store.transaction():
        for r in records:
            store._run("INSERT INTO parses VALUES (?,?,?,?,?) ON CONFLICT (parse_key) DO NOTHING",
                       (r.parse_key, r.model, r.model_version, r.docs, now))
            # replaced, not kept: a stored value that did not read back is recomputed into it
            store._run("INSERT INTO annotations VALUES (?,?,?) ON CONFLICT (parse_key, context) "
                       "DO UPDATE SET found = excluded.found", (r.parse_key, r.context, r.found))
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


def stored_annotations(store: Any, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """The stored form (``encode_found``) of each (parse key, context) stored."""
    found = {}
    for key, context in keys:
        row = store._run("SELECT found FROM annotations WHERE parse_key = ? AND context = ?",
                         (key, context)).fetchone()
        if row:
            found[(key, context)] = row[0]
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
    found = stored_annotations(store, [(k, c) for k, c in zip(keys, contexts, strict=True) if k in parses])

    missing = [i for i, key in enumerate(keys) if key not in parses]
    computed = annotate_records([articles[i] for i in missing], nlp, with_quotes=with_quotes)
    fresh = dict(zip(missing, computed, strict=True))
    records = list(fresh.values())
    annotated = []
    for i, article in enumerate(articles):
        extracted: str | None
        if i in fresh:
            blob, extracted = fresh[i].docs, fresh[i].found
        else:
            blob, extracted = parses[keys[i]], found.get((keys[i], contexts[i]))
        doc, title_doc = _docs(nlp, blob)
        result = None
        if extracted is not None:  # a fresh one too: what is used is what is stored
            try:
                result = decode_found(extracted)
            except ValueError as exc:
                logger.warning("stored annotation of %s recomputed: %s", article.id, exc)
        if result is None:  # parsed before, under another date or extractor version, or unreadable
            result = found_in(article, doc, title_doc, with_quotes)
            records.append(Record(keys[i], *model, blob, contexts[i], encode_found(result)))
        annotated.append(_assemble(article, doc, title_doc, result))
    if save and records:
        _save(store, records)
    return annotated


def _save(store: Any, records: list[Record]) -> None:
    """Store what was computed; a store busy with an ingest's batch costs only the cache."""
    try:
        write_records(store, records)
    except StoreError as exc:
        logger.warning("parses not stored (%s); they will be computed again next time", exc)


def compare_stored(articles: Sequence[Article], store: Any, settings: Settings | None = None):
    """``compare_articles`` reading and storing each article's annotation in ``store``."""
    from ..compare import compare_articles

    settings = settings or default_settings()

    def annotate(prepared, _settings=None, *, with_quotes: bool = True):
        return annotate_stored(prepared, store, _settings or settings, with_quotes=with_quotes)

    return compare_articles(articles, settings, annotator=annotate)


def stored_bytes(store: Any) -> dict[str, int]:
    """Bytes the stored parses and annotations take (their payloads: the JSON in UTF-8), and
    how many."""
    from ..store.postgres import PostgresStore

    # SQLite's length() of text counts characters; 3.40 has no octet_length()
    octets = "octet_length(found)" if isinstance(store, PostgresStore) else "length(CAST(found AS BLOB))"
    parses = store._run("SELECT COUNT(*), COALESCE(SUM(length(docs)), 0) FROM parses").fetchone()
    found = store._run(f"SELECT COUNT(*), COALESCE(SUM({octets}), 0) FROM annotations").fetchone()
    return {"parses": int(parses[0]), "parse_bytes": int(parses[1]),
            "annotations": int(found[0]), "annotation_bytes": int(found[1])}


__all__ = ["Record", "EXTRACTORS", "FOUND_FORMAT", "encode_found", "decode_found", "annotate_records",
           "annotate_stored", "compare_stored", "ensure_tables",
           "write_records", "model_identity", "parse_key", "context_key", "stored_bytes"]
