"""Opening someone's database never runs code: a pickle planted in either column that an
older storydiff pickled into (``articles.signature``, ``annotations.found``) is never
loaded, whether the database is migrated from before migrations 6 and 7 or claims to be
current. The payload here creates a file when unpickled; the first test shows it does."""

from __future__ import annotations

import logging
import pickle
from datetime import date

import pytest
from _gen import FLOOD, QUAKE, art

from storydiff.annotate.stored import annotate_stored, decode_found, encode_found
from storydiff.feed import Feeder
from storydiff.model import Mention, Quantity, Quote, Sentence, Span, Timex
from storydiff.store import open_store
from storydiff.store.postgres import PostgresStore
from storydiff.store.sqlite import SCHEMA_VERSION
from storydiff.wire import WireSettings

COPY = QUAKE.rsplit(" Schools", 1)[0] + " The mayor of Iquique thanked rescue teams."


class Payload:
    """Unpickling this opens (so creates) ``path``: arbitrary code, as far as a reader knows."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


def payload(marker, protocol: int = 0) -> bytes:
    # protocol 0 is ASCII, so it fits a TEXT column on PostgreSQL too
    return pickle.dumps(Payload(marker), protocol=protocol)


def test_the_payload_runs_when_unpickled(tmp_path):
    marker = tmp_path / "ran"
    pickle.loads(payload(marker)).close()
    assert marker.exists()


def _pickle_era(store, blob: bytes) -> None:
    """Turn a current store back into what storydiff made before migrations 6 and 7: pickled
    signatures, and an annotations table made on first use with a pickled ``found``."""
    kind = "BYTEA" if isinstance(store, PostgresStore) else "BLOB"
    with store.transaction():
        store._run("UPDATE articles SET signature = ?", (blob,))
        store._run("DROP TABLE annotations")
        store._run(f"CREATE TABLE annotations (parse_key TEXT NOT NULL, context TEXT NOT NULL, found {kind} NOT NULL, "
                   "PRIMARY KEY (parse_key, context))")
        store._run("INSERT INTO annotations VALUES ('k', 'x1:-:q', ?)", (blob,))
        store._run("DELETE FROM schema_version WHERE version >= 6")


def test_an_old_database_holding_pickles_is_migrated_without_loading_them(db, tmp_path):
    marker = tmp_path / "ran"
    store = open_store(db)
    Feeder(store).feed([art("wire", QUAKE, date(2014, 4, 1)), art("flood", FLOOD, date(2014, 4, 2))])
    _pickle_era(store, payload(marker, pickle.HIGHEST_PROTOCOL))
    store.close()

    store = open_store(db)  # migrations 6 and 7
    assert store.schema_version() == SCHEMA_VERSION == 7
    assert [bytes(blob) for _, blob in store.signatures()] == [b"", b""]  # cleared, unread
    assert store._run("SELECT COUNT(*) FROM annotations").fetchone()[0] == 0  # a cache: dropped
    feeder = Feeder(store)  # recomputes the signatures from the texts, and stores them
    assert [len(blob) for _, blob in store.signatures()] == [4 * WireSettings().num_perm] * 2
    feeder.feed([art("copy", COPY, date(2014, 4, 2))])
    [record] = store.wire_copies(store.story_of(store.key_of("copy")))
    assert record.original == store.key_of("wire")  # the rebuilt index found the copy
    store.close()
    assert not marker.exists()


def test_a_current_database_holding_pickles_loads_none_of_them(db, tmp_path, nlp, caplog):
    marker = tmp_path / "ran"
    store = open_store(db)
    Feeder(store).feed([art("wire", QUAKE, date(2014, 4, 1), "Quake in Chile")])
    article = store.get_article("wire")
    annotate_stored([article], store)
    with store.transaction():
        store._run("UPDATE articles SET signature = ?", (payload(marker),))
        store._run("UPDATE annotations SET found = ?", (payload(marker).decode("ascii"),))
    store.close()

    store = open_store(db)
    with caplog.at_level(logging.INFO):
        feeder = Feeder(store)
        [again] = annotate_stored([article], store)
    assert not marker.exists()
    assert "recomputing 1 MinHash signatures" in caplog.text
    assert "stored annotation of wire recomputed: unreadable stored annotation" in caplog.text
    # both were recomputed and replaced: the next reader finds plain values and JSON
    [(_, blob)] = store.signatures()
    assert len(blob) == 4 * feeder.wire.settings.num_perm
    [found] = [row[0] for row in store._run("SELECT found FROM annotations")]
    assert decode_found(found)[0] == again.sentences
    store.close()


def test_stored_annotations_read_back_as_the_model_types():
    title = Sentence(0, 0, 14, "Quake in Chile", "title")
    sentence = Sentence(0, 0, 40, "About 210 people left on Sunday, he said.")
    mentions = [
        Mention("quantity", 6, 9, "210", value=Quantity(210.0, 210.0, None, 210.0, True), label="CARDINAL",
                sentence=0),
        Mention("date", 25, 31, "Sunday", value=Timex("DATE", "2025-06-01", None), label="TIMEX3", sentence=0),
        Mention("person", 33, 35, "he", value="he", label="PERSON", sentence=0, entity="Ilse Varga"),
        Mention("gpe", 9, 14, "Chile", "title", value=None),
    ]
    quote = Quote(Span(0, 30, "About 210 people left on Sunday"), Span(33, 35, "he"), None, False, "Ilse Varga", 0)
    found = ([sentence], mentions[:3], [quote], [title], mentions[3:])
    back = decode_found(encode_found(found))
    assert back == found
    assert type(back[1][0].value) is Quantity and type(back[1][1].value) is Timex


def test_what_is_not_a_stored_annotation_is_refused_naming_why(tmp_path):
    with pytest.raises(ValueError, match="unreadable stored annotation"):
        decode_found(payload(tmp_path / "ran"))
    with pytest.raises(ValueError, match="not stored annotation format"):
        decode_found('{"format": 999}')
    assert not (tmp_path / "ran").exists()
